/* wdfminiport.h - drvcheck clean-room WDK model: KMDF objects for NDIS miniports. */
#pragma once
#include <wdf.h>
NTSTATUS WdfDeviceMiniportCreate(WDFDRIVER Driver, PWDF_OBJECT_ATTRIBUTES Attributes, PDEVICE_OBJECT DeviceObject, PDEVICE_OBJECT AttachedDeviceObject, PDEVICE_OBJECT Pdo, WDFDEVICE *Device);
VOID WdfDriverMiniportUnload(WDFDRIVER Driver);
