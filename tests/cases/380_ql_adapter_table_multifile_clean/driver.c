/*
 * driver.c - QL-10 driver entry, unload and the global adapter / interrupt tables.
 */
#include "ql.h"

DRIVER_INITIALIZE DriverEntry;
MINIPORT_UNLOAD QlUnload;
MINIPORT_SET_OPTIONS QlSetOptions;

#ifdef ALLOC_PRAGMA
#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, QlUnload)
#pragma alloc_text(PAGE, QlSetOptions)
#endif

NDIS_HANDLE QlDriverHandle = NULL;
PQL_ADAPTER volatile QlAdapterTable[QL_MAX_ADAPTERS];
NDIS_HANDLE QlInterruptTable[QL_MAX_ADAPTERS];

_Use_decl_annotations_
NDIS_STATUS
QlSetOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(NdisDriverHandle);
    UNREFERENCED_PARAMETER(DriverContext);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
QlUnload(PDRIVER_OBJECT DriverObject)
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(DriverObject);

    if (QlDriverHandle != NULL) {
        NdisMDeregisterMiniportDriver(QlDriverHandle);
        QlDriverHandle = NULL;
    }
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.MajorDriverVersion = 1;
    Chars.MinorDriverVersion = 4;
    Chars.SetOptionsHandler = QlSetOptions;
    Chars.InitializeHandlerEx = QlInitializeEx;
    Chars.HaltHandlerEx = QlHaltEx;
    Chars.UnloadHandler = QlUnload;
    Chars.PauseHandler = QlPause;
    Chars.RestartHandler = QlRestart;
    Chars.OidRequestHandler = QlOidRequest;
    Chars.CancelOidRequestHandler = QlCancelOidRequest;
    Chars.SendNetBufferListsHandler = QlSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = QlReturnNetBufferLists;
    Chars.CancelSendHandler = QlCancelSend;
    Chars.DevicePnPEventNotifyHandler = QlPnpEvent;
    Chars.ShutdownHandlerEx = QlShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &QlDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        QlDriverHandle = NULL;
    }
    return (NTSTATUS)Status;
}
