/* filter_idioms.c - a small NDIS 6 lightweight filter skeleton with a KMDF control device (a
 * default I/O queue, a manual queue, file object callbacks) and the restart parameters a
 * protocol sees, written for drvcheck's tests: it must parse with zero errors and zero
 * warnings against the bundled WDK model (rules/wdk). */
#define NDIS60 1
#include <ndis.h>
#include <wdf.h>
#include <wdmsec.h>

typedef struct _FILTER_MODULE {
    NDIS_HANDLE FilterHandle;
    NDIS_SPIN_LOCK Lock;
    ULONG State;
} FILTER_MODULE, *PFILTER_MODULE;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD FltUnload;
FILTER_SET_OPTIONS FltRegisterOptions;
FILTER_SET_MODULE_OPTIONS FltSetModuleOptions;
FILTER_ATTACH FltAttach;
FILTER_DETACH FltDetach;
FILTER_RESTART FltRestart;
FILTER_PAUSE FltPause;
FILTER_SEND_NET_BUFFER_LISTS FltSend;
FILTER_SEND_NET_BUFFER_LISTS_COMPLETE FltSendComplete;
FILTER_CANCEL_SEND_NET_BUFFER_LISTS FltCancelSend;
FILTER_RECEIVE_NET_BUFFER_LISTS FltReceive;
FILTER_RETURN_NET_BUFFER_LISTS FltReturn;
FILTER_OID_REQUEST FltOidRequest;
FILTER_OID_REQUEST_COMPLETE FltOidRequestComplete;
FILTER_CANCEL_OID_REQUEST FltCancelOidRequest;
FILTER_DEVICE_PNP_EVENT_NOTIFY FltDevicePnPEventNotify;
FILTER_NET_PNP_EVENT FltNetPnPEvent;
FILTER_STATUS FltStatus;
PROTOCOL_NET_PNP_EVENT ProtPnPEvent;
EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL FltEvtIoDeviceControl;
EVT_WDF_IO_QUEUE_IO_READ FltEvtIoRead;
EVT_WDF_IO_QUEUE_STATE FltEvtReadQueueReady;
EVT_WDF_REQUEST_CANCEL FltEvtCancelRead;
EVT_WDF_DEVICE_FILE_CREATE FltEvtFileCreate;
EVT_WDF_FILE_CLOSE FltEvtFileClose;
EVT_WDF_FILE_CLEANUP FltEvtFileCleanup;

static NDIS_HANDLE FilterDriverHandle;
static WDFQUEUE ReadQueue;

NDIS_STATUS FltRegisterOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    UNREFERENCED_PARAMETER(NdisDriverHandle);
    UNREFERENCED_PARAMETER(DriverContext);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS FltSetModuleOptions(NDIS_HANDLE FilterModuleContext)
{
    NDIS_FILTER_PARTIAL_CHARACTERISTICS partial;
    PFILTER_MODULE m = (PFILTER_MODULE)FilterModuleContext;
    NdisZeroMemory(&partial, sizeof partial);
    partial.Header.Type = NDIS_OBJECT_TYPE_FILTER_PARTIAL_CHARACTERISTICS;
    partial.Header.Revision = NDIS_FILTER_PARTIAL_CHARACTERISTICS_REVISION_1;
    partial.Header.Size = NDIS_SIZEOF_FILTER_PARTIAL_CHARACTERISTICS_REVISION_1;
    partial.SendNetBufferListsHandler = FltSend;
    return NdisSetOptionalHandlers(m->FilterHandle, (PNDIS_DRIVER_OPTIONAL_HANDLERS)&partial);
}

NDIS_STATUS FltAttach(NDIS_HANDLE NdisFilterHandle, NDIS_HANDLE FilterDriverContext, PNDIS_FILTER_ATTACH_PARAMETERS AttachParameters)
{
    NDIS_FILTER_ATTRIBUTES attributes;
    PFILTER_MODULE m;
    NDIS_STATUS status;
    UNREFERENCED_PARAMETER(FilterDriverContext);
    if (AttachParameters->MiniportMediaType != NdisMedium802_3 || AttachParameters->FilterModuleGuidName->Length == 0)
        return NDIS_STATUS_INVALID_PARAMETER;
    m = (PFILTER_MODULE)NdisAllocateMemoryWithTagPriority(NdisFilterHandle, sizeof *m, 'tlfM', NormalPoolPriority);
    if (m == NULL)
        return NDIS_STATUS_RESOURCES;
    NdisZeroMemory(m, sizeof *m);
    m->FilterHandle = NdisFilterHandle;
    NdisAllocateSpinLock(&m->Lock);
    NdisZeroMemory(&attributes, sizeof attributes);
    attributes.Header.Type = NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES;
    attributes.Header.Revision = NDIS_FILTER_ATTRIBUTES_REVISION_1;
    attributes.Header.Size = NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1;
    status = NdisFSetAttributes(NdisFilterHandle, m, &attributes);
    if (status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&m->Lock);
        NdisFreeMemoryWithTagPriority(NdisFilterHandle, m, 'tlfM');
    }
    return status;
}

VOID FltDetach(NDIS_HANDLE FilterModuleContext)
{
    PFILTER_MODULE m = (PFILTER_MODULE)FilterModuleContext;
    NdisFreeSpinLock(&m->Lock);
    NdisFreeMemoryWithTagPriority(m->FilterHandle, m, 'tlfM');
}

NDIS_STATUS FltRestart(NDIS_HANDLE FilterModuleContext, PNDIS_FILTER_RESTART_PARAMETERS RestartParameters)
{
    PFILTER_MODULE m = (PFILTER_MODULE)FilterModuleContext;
    PNDIS_RESTART_ATTRIBUTES attr = RestartParameters->RestartAttributes;
    if (attr != NULL && attr->Oid == OID_GEN_MINIPORT_RESTART_ATTRIBUTES)
        ((PNDIS_RESTART_GENERAL_ATTRIBUTES)attr->Data)->LookaheadSize = 128;
    m->State = 1;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS FltPause(NDIS_HANDLE FilterModuleContext, PNDIS_FILTER_PAUSE_PARAMETERS PauseParameters)
{
    PFILTER_MODULE m = (PFILTER_MODULE)FilterModuleContext;
    UNREFERENCED_PARAMETER(PauseParameters);
    m->State = 0;
    return NDIS_STATUS_SUCCESS;
}

VOID FltSend(NDIS_HANDLE FilterModuleContext, PNET_BUFFER_LIST NetBufferList, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PFILTER_MODULE m = (PFILTER_MODULE)FilterModuleContext;
    if (m->State == 0) {
        NET_BUFFER_LIST_STATUS(NetBufferList) = NDIS_STATUS_PAUSED;
        NdisFSendNetBufferListsComplete(m->FilterHandle, NetBufferList,
                                        NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
        return;
    }
    NdisFSendNetBufferLists(m->FilterHandle, NetBufferList, PortNumber, SendFlags);
}

VOID FltSendComplete(NDIS_HANDLE FilterModuleContext, PNET_BUFFER_LIST NetBufferList, ULONG SendCompleteFlags)
{
    NdisFSendNetBufferListsComplete(((PFILTER_MODULE)FilterModuleContext)->FilterHandle, NetBufferList, SendCompleteFlags);
}

VOID FltCancelSend(NDIS_HANDLE FilterModuleContext, PVOID CancelId)
{
    NdisFCancelSendNetBufferLists(((PFILTER_MODULE)FilterModuleContext)->FilterHandle, CancelId);
}

VOID FltReceive(NDIS_HANDLE FilterModuleContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber,
                ULONG NumberOfNetBufferLists, ULONG ReceiveFlags)
{
    PFILTER_MODULE m = (PFILTER_MODULE)FilterModuleContext;
    if (NDIS_TEST_RECEIVE_CANNOT_PEND(ReceiveFlags) || m->State != 0)
        NdisFIndicateReceiveNetBufferLists(m->FilterHandle, NetBufferLists, PortNumber, NumberOfNetBufferLists, ReceiveFlags);
    else
        NdisFReturnNetBufferLists(m->FilterHandle, NetBufferLists, 0);
}

VOID FltReturn(NDIS_HANDLE FilterModuleContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    NdisFReturnNetBufferLists(((PFILTER_MODULE)FilterModuleContext)->FilterHandle, NetBufferLists, ReturnFlags);
}

NDIS_STATUS FltOidRequest(NDIS_HANDLE FilterModuleContext, PNDIS_OID_REQUEST OidRequest)
{
    PFILTER_MODULE m = (PFILTER_MODULE)FilterModuleContext;
    PNDIS_OID_REQUEST clone;
    NDIS_STATUS status = NdisAllocateCloneOidRequest(m->FilterHandle, OidRequest, 'tlfM', &clone);
    if (status != NDIS_STATUS_SUCCESS)
        return status;
    *(PVOID *)clone->SourceReserved = OidRequest;
    status = NdisFOidRequest(m->FilterHandle, clone);
    if (status != NDIS_STATUS_PENDING)
        FltOidRequestComplete(m, clone, status);
    return NDIS_STATUS_PENDING;
}

VOID FltOidRequestComplete(NDIS_HANDLE FilterModuleContext, PNDIS_OID_REQUEST OidRequest, NDIS_STATUS Status)
{
    PFILTER_MODULE m = (PFILTER_MODULE)FilterModuleContext;
    PNDIS_OID_REQUEST original = *(PNDIS_OID_REQUEST *)OidRequest->SourceReserved;
    NdisFreeCloneOidRequest(m->FilterHandle, OidRequest);
    NdisFOidRequestComplete(m->FilterHandle, original, Status);
}

VOID FltCancelOidRequest(NDIS_HANDLE FilterModuleContext, PVOID RequestId)
{
    NdisFCancelOidRequest(((PFILTER_MODULE)FilterModuleContext)->FilterHandle, RequestId);
}

VOID FltDevicePnPEventNotify(NDIS_HANDLE FilterModuleContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    NdisFDevicePnPEventNotify(((PFILTER_MODULE)FilterModuleContext)->FilterHandle, NetDevicePnPEvent);
}

NDIS_STATUS FltNetPnPEvent(NDIS_HANDLE FilterModuleContext, PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification)
{
    return NdisFNetPnPEvent(((PFILTER_MODULE)FilterModuleContext)->FilterHandle, NetPnPEventNotification);
}

VOID FltStatus(NDIS_HANDLE FilterModuleContext, PNDIS_STATUS_INDICATION StatusIndication)
{
    NdisFIndicateStatus(((PFILTER_MODULE)FilterModuleContext)->FilterHandle, StatusIndication);
}

/* what a protocol's ProtocolNetPnPEvent reads at NetEventRestart */
NDIS_STATUS ProtPnPEvent(NDIS_HANDLE ProtocolBindingContext, PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification)
{
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    if (NetPnPEventNotification->NetPnPEvent.NetEvent == NetEventRestart) {
        PNDIS_PROTOCOL_RESTART_PARAMETERS r = (PNDIS_PROTOCOL_RESTART_PARAMETERS)NetPnPEventNotification->NetPnPEvent.Buffer;
        if (r != NULL && r->FilterModuleNameBufferLength != 0 && r->FilterModuleNameBuffer[0] == 0)
            return NDIS_STATUS_FAILURE;
    }
    return NDIS_STATUS_SUCCESS;
}

/* the KMDF control device */
VOID FltEvtIoDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength, size_t InputBufferLength, ULONG IoControlCode)
{
    PVOID buffer;
    size_t length;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(IoControlCode);
    status = WdfRequestRetrieveInputBuffer(Request, InputBufferLength, &buffer, &length);
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? length : 0);
}

VOID FltEvtCancelRead(WDFREQUEST Request)
{
    WdfRequestComplete(Request, STATUS_CANCELLED);
}

VOID FltEvtIoRead(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(Length);
    status = WdfRequestForwardToIoQueue(Request, ReadQueue);
    if (!NT_SUCCESS(status))
        WdfRequestComplete(Request, status);
}

VOID FltEvtReadQueueReady(WDFQUEUE Queue, WDFCONTEXT Context)
{
    WDFREQUEST request;
    UNREFERENCED_PARAMETER(Context);
    while (NT_SUCCESS(WdfIoQueueRetrieveNextRequest(Queue, &request))) {
        WdfRequestMarkCancelable(request, FltEvtCancelRead);
        if (NT_SUCCESS(WdfRequestUnmarkCancelable(request)))
            WdfRequestCompleteWithInformation(request, STATUS_SUCCESS, 0);
    }
}

VOID FltEvtFileCreate(WDFDEVICE Device, WDFREQUEST Request, WDFFILEOBJECT FileObject)
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(FileObject);
    WdfRequestComplete(Request, STATUS_SUCCESS);
}

VOID FltEvtFileClose(WDFFILEOBJECT FileObject)
{
    UNREFERENCED_PARAMETER(FileObject);
}

VOID FltEvtFileCleanup(WDFFILEOBJECT FileObject)
{
    UNREFERENCED_PARAMETER(FileObject);
    WdfIoQueuePurgeSynchronously(ReadQueue);
    WdfIoQueueStart(ReadQueue);
}

static NTSTATUS FltCreateControlDevice(WDFDRIVER Driver)
{
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\FltIdioms");
    DECLARE_CONST_UNICODE_STRING(link, L"\\DosDevices\\FltIdioms");
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(Driver, &SDDL_DEVOBJ_SYS_ALL_ADM_ALL);
    WDF_FILEOBJECT_CONFIG file;
    WDF_IO_QUEUE_CONFIG queue;
    WDFDEVICE device;
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    WdfDeviceInitSetIoType(init, WdfDeviceIoBuffered);
    status = WdfDeviceInitAssignName(init, &name);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    WDF_FILEOBJECT_CONFIG_INIT(&file, FltEvtFileCreate, FltEvtFileClose, FltEvtFileCleanup);
    WdfDeviceInitSetFileObjectConfig(init, &file, WDF_NO_OBJECT_ATTRIBUTES);
    status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, &device);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    status = WdfDeviceCreateSymbolicLink(device, &link);
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue, WdfIoQueueDispatchParallel);
    queue.EvtIoDeviceControl = FltEvtIoDeviceControl;
    queue.EvtIoRead = FltEvtIoRead;
    if (NT_SUCCESS(status))
        status = WdfIoQueueCreate(device, &queue, WDF_NO_OBJECT_ATTRIBUTES, NULL);
    WDF_IO_QUEUE_CONFIG_INIT(&queue, WdfIoQueueDispatchManual);
    if (NT_SUCCESS(status))
        status = WdfIoQueueCreate(device, &queue, WDF_NO_OBJECT_ATTRIBUTES, &ReadQueue);
    if (NT_SUCCESS(status))
        status = WdfIoQueueReadyNotify(ReadQueue, FltEvtReadQueueReady, NULL);
    if (NT_SUCCESS(status))
        WdfControlFinishInitializing(device);
    return status;
}

VOID FltUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisFDeregisterFilterDriver(FilterDriverHandle);
}

_Use_decl_annotations_
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_FILTER_DRIVER_CHARACTERISTICS fchars;
    NDIS_STRING friendly = RTL_CONSTANT_STRING(L"Filter idioms");
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    NDIS_STATUS status;
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    if (!NT_SUCCESS(WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver)))
        return STATUS_UNSUCCESSFUL;
    NdisZeroMemory(&fchars, sizeof fchars);
    fchars.Header.Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS;
    fchars.Header.Size = NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_1;
    fchars.Header.Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_1;
    fchars.MajorNdisVersion = NDIS_FILTER_MAJOR_VERSION;
    fchars.MinorNdisVersion = NDIS_FILTER_MINOR_VERSION;
    fchars.FriendlyName = friendly;
    fchars.UniqueName = friendly;
    fchars.ServiceName = friendly;
    fchars.SetOptionsHandler = FltRegisterOptions;
    fchars.SetFilterModuleOptionsHandler = FltSetModuleOptions;
    fchars.AttachHandler = FltAttach;
    fchars.DetachHandler = FltDetach;
    fchars.RestartHandler = FltRestart;
    fchars.PauseHandler = FltPause;
    fchars.SendNetBufferListsHandler = FltSend;
    fchars.SendNetBufferListsCompleteHandler = FltSendComplete;
    fchars.CancelSendNetBufferListsHandler = FltCancelSend;
    fchars.ReceiveNetBufferListsHandler = FltReceive;
    fchars.ReturnNetBufferListsHandler = FltReturn;
    fchars.OidRequestHandler = FltOidRequest;
    fchars.OidRequestCompleteHandler = FltOidRequestComplete;
    fchars.CancelOidRequestHandler = FltCancelOidRequest;
    fchars.DevicePnPEventNotifyHandler = FltDevicePnPEventNotify;
    fchars.NetPnPEventHandler = FltNetPnPEvent;
    fchars.StatusHandler = FltStatus;
    DriverObject->DriverUnload = FltUnload;
    status = NdisFRegisterFilterDriver(DriverObject, (NDIS_HANDLE)DriverObject, &fchars, &FilterDriverHandle);
    if (status == NDIS_STATUS_SUCCESS)
        status = FltCreateControlDevice(driver);
    return status == NDIS_STATUS_SUCCESS ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}
