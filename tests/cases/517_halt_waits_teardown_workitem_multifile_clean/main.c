/*
 * Case 517_halt_waits_teardown_workitem_multifile_clean:
 * A five-file miniport (main.c, adapter.c, hw.c, oid.c, ct.h) whose halt queues CtStopWork (mask
 * the MAC under NdisMSynchronizeWithInterruptEx, then CtHwTeardown: `if (InterruptHandle != NULL)
 * { NdisMDeregisterInterruptEx(...); InterruptHandle = NULL; }`) and waits for it with no timeout.
 * The work item reads the handle halt never names: what it reads is halt's (before, halt was
 * analysed from what it reads itself, the handle was unknown in the work item, and its NULL side
 * gave a false Init_RegisterInterrupt alarm).
 * Expected: clean.
 *
 * Contoso CT-1000: driver entry.
 */
#include "ct.h"

NDIS_HANDLE CtDriverHandle;

static VOID
CtFillCharacteristics(PNDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars)
{
    NdisZeroMemory(Chars, sizeof(*Chars));
    Chars->Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars->Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->Header.Size = sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS);
    Chars->MajorNdisVersion = CT_NDIS_MAJOR;
    Chars->MinorNdisVersion = CT_NDIS_MINOR;
    Chars->MajorDriverVersion = 1;
    Chars->MinorDriverVersion = 4;
    Chars->SetOptionsHandler = CtSetOptions;
    Chars->InitializeHandlerEx = CtInitializeEx;
    Chars->HaltHandlerEx = CtHaltEx;
    Chars->UnloadHandler = CtUnload;
    Chars->PauseHandler = CtPause;
    Chars->RestartHandler = CtRestart;
    Chars->OidRequestHandler = CtOidRequest;
    Chars->CancelOidRequestHandler = CtCancelOidRequest;
    Chars->SendNetBufferListsHandler = CtSendNetBufferLists;
    Chars->ReturnNetBufferListsHandler = CtReturnNetBufferLists;
    Chars->CancelSendHandler = CtCancelSend;
    Chars->CheckForHangHandlerEx = CtCheckForHang;
    Chars->ResetHandlerEx = CtReset;
    Chars->DevicePnPEventNotifyHandler = CtDevicePnPEvent;
    Chars->ShutdownHandlerEx = CtShutdown;
}

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
    NdisMDeregisterMiniportDriver(CtDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    CtFillCharacteristics(&Chars);
    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &CtDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return (NTSTATUS)Status;
    }
    return STATUS_SUCCESS;
}
