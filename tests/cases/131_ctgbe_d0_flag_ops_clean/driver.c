/*
 * Contoso CT-GbE: driver registration and unload.
 * (Case 130/131 driver: see power.c for what the case is about.)
 */
#include "adapter.h"

NDIS_HANDLE CtDriverHandle = NULL;

NDIS_STATUS
CtSetOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    UNREFERENCED_PARAMETER(NdisDriverHandle);
    UNREFERENCED_PARAMETER(DriverContext);
    return NDIS_STATUS_SUCCESS;
}

VOID
CtUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (CtDriverHandle != NULL) {
        NdisMDeregisterMiniportDriver(CtDriverHandle);
        CtDriverHandle = NULL;
    }
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
    Chars.MajorNdisVersion = CT_NDIS_MAJOR;
    Chars.MinorNdisVersion = CT_NDIS_MINOR;
    Chars.MajorDriverVersion = 3;
    Chars.MinorDriverVersion = 12;

    Chars.SetOptionsHandler = CtSetOptions;
    Chars.InitializeHandlerEx = CtInitializeEx;
    Chars.HaltHandlerEx = CtHaltEx;
    Chars.UnloadHandler = CtUnload;
    Chars.PauseHandler = CtPause;
    Chars.RestartHandler = CtRestart;
    Chars.OidRequestHandler = CtOidRequest;
    Chars.CancelOidRequestHandler = CtCancelOidRequest;
    Chars.SendNetBufferListsHandler = CtSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = CtReturnNetBufferLists;
    Chars.CancelSendHandler = CtCancelSend;
    Chars.CheckForHangHandlerEx = CtCheckForHang;
    Chars.ResetHandlerEx = CtReset;
    Chars.DevicePnPEventNotifyHandler = CtDevicePnPEvent;
    Chars.ShutdownHandlerEx = CtShutdownEx;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &CtDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        CtDriverHandle = NULL;
    }
    return Status;
}
