/*
 * Case 117_multifile_unload_sync_clean: twin of 116.  Four files in sys/, headers in inc/ included
 * with other case; the static NicDevice outlives halt; MpHaltEx (adapter.c) deregisters the
 * interrupt and clears NicDevice's InterruptConnected through its context pointer, and the unload
 * handler tests NicDevice.InterruptConnected by name before it latches the counters (it reports
 * the counters the last statistics OID latched otherwise).  Expected: clean.
 */
#include "nic.h"

NIC_DEVICE NicDevice;
NDIS_HANDLE NicDriverHandle = NULL;

VOID
MpDriverUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);

    if (NicDriverHandle == NULL) {
        return;
    }
    if (NicDevice.InterruptConnected) {
        NicLatchCounters(&NicDevice);
    }
    DbgPrint("nic: rx %u tx %u frames at unload\n", NicDevice.HwGoodRx, NicDevice.HwGoodTx);
    NdisMDeregisterMiniportDriver(NicDriverHandle);
    NicDriverHandle = NULL;
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NIC_NDIS_MAJOR;
    Chars.MinorNdisVersion = NIC_NDIS_MINOR;
    Chars.MajorDriverVersion = 1;
    Chars.MinorDriverVersion = 7;
    Chars.InitializeHandlerEx = MpInitializeEx;
    Chars.HaltHandlerEx = MpHaltEx;
    Chars.UnloadHandler = MpDriverUnload;
    Chars.PauseHandler = MpPause;
    Chars.RestartHandler = MpRestart;
    Chars.OidRequestHandler = MpOidRequest;
    Chars.CancelOidRequestHandler = MpCancelOidRequest;
    Chars.SendNetBufferListsHandler = MpSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = MpReturnNetBufferLists;
    Chars.CancelSendHandler = MpCancelSend;
    Chars.DevicePnPEventNotifyHandler = MpDevicePnPEventNotify;
    Chars.ShutdownHandlerEx = MpShutdownEx;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &NicDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NicDriverHandle = NULL;
    }
    return Status;
}
