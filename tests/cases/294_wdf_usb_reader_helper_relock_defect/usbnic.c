/*
 * Case 294_wdf_usb_reader_helper_relock_defect: case 293 with a receive-error helper, UnCountRxError,
 * that takes RecvLock itself (written for EvtUsbTargetPipeReadersFailed, which holds no lock).  The
 * continuous reader's completion routine calls it for a runt frame while it already holds RecvLock:
 * the helper's NdisAcquireSpinLock spins on a lock its own processor holds, and (were it to return)
 * the completion routine then releases a lock the helper already released.  The completion
 * routine is a KMDF callback, not an NDIS entry point: drvcheck must analyse it on its own.
 * Expected: 1 defect (the helper's acquire: a deadlock, so the completion routine's release
 * after it never runs on that path).
 */

#include <ndis.h>
#include <wdf.h>
#include <wdfminiport.h>
#include <wdftimer.h>
#include <wdfusb.h>

#define UN_POOL_TAG             'NbsU'
#define UN_NDIS_MAJOR_VERSION   6
#define UN_NDIS_MINOR_VERSION   20
#define UN_MAX_TRANSFER         2048
#define UN_NUM_PENDING_READS    4
#define UN_MIN_FRAME            14
#define UN_WATCHDOG_MS          2000
#define UN_TX_STALL_TICKS       3
#define UN_RX_STATUS_FRAME      0x80    // first byte of an in-band status report
#define UN_RX_STATUS_LINK_UP    0x01
#define UN_CMD_QUERY_LINK       0x10
#define UN_CMD_SET_FILTER       0x11
#define UN_CMD_RESET_TX         0x12

typedef struct _UN_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    WDFDEVICE               WdfDevice;
    WDFUSBDEVICE            UsbDevice;
    WDFUSBINTERFACE         UsbInterface;
    WDFUSBPIPE              BulkIn;
    WDFUSBPIPE              BulkOut;
    WDFTIMER                WatchdogTimer;
    WDFWORKITEM             ControlWorkItem;
    WDFSPINLOCK             ControlLock;        // guards the Control* fields below (WDF lock)
    BOOLEAN                 ControlQueued;
    BOOLEAN                 ControlLinkCheck;
    BOOLEAN                 ControlTxReset;
    BOOLEAN                 ControlFilter;
    NDIS_SPIN_LOCK          SendLock;           // guards TxPending, TxStallTicks, Paused
    NDIS_SPIN_LOCK          RecvLock;           // guards the receive counters
    BOOLEAN                 Paused;
    BOOLEAN                 LinkUp;
    ULONG                   TxPending;
    ULONG                   TxStallTicks;
    ULONG                   PacketFilter;
    ULONG64                 FramesSent;
    ULONG64                 FramesReceived;
    ULONG64                 RxErrors;
} UN_ADAPTER, *PUN_ADAPTER;

//
// Every WDF object the adapter creates (device, timer, work item) carries a pointer back to it.
//
typedef struct _UN_OBJECT_CONTEXT {
    PUN_ADAPTER             Adapter;
} UN_OBJECT_CONTEXT, *PUN_OBJECT_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(UN_OBJECT_CONTEXT, UnGetObjectContext);

NDIS_HANDLE UnDriverHandle;

MINIPORT_INITIALIZE UnInitializeEx;
MINIPORT_HALT UnHaltEx;
MINIPORT_PAUSE UnPause;
MINIPORT_RESTART UnRestart;
MINIPORT_OID_REQUEST UnOidRequest;
MINIPORT_CANCEL_OID_REQUEST UnCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS UnSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS UnReturnNetBufferLists;
MINIPORT_CANCEL_SEND UnCancelSend;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY UnDevicePnPEvent;
MINIPORT_SHUTDOWN UnShutdown;
MINIPORT_UNLOAD UnUnload;
DRIVER_INITIALIZE DriverEntry;

EVT_WDF_TIMER UnWatchdogTimer;
EVT_WDF_WORKITEM UnControlWorkItem;
EVT_WDF_USB_READER_COMPLETION_ROUTINE UnReadComplete;
EVT_WDF_USB_READERS_FAILED UnReadersFailed;
EVT_WDF_REQUEST_COMPLETION_ROUTINE UnWriteComplete;

//
// Ask the control work item for something; it runs at PASSIVE_LEVEL and may block on the
// control pipe.  Callable up to DISPATCH_LEVEL.
//
static VOID
UnQueueControl(PUN_ADAPTER Adapter, BOOLEAN LinkCheck, BOOLEAN TxReset, BOOLEAN Filter)
{
    BOOLEAN Enqueue = FALSE;

    WdfSpinLockAcquire(Adapter->ControlLock);
    Adapter->ControlLinkCheck |= LinkCheck;
    Adapter->ControlTxReset |= TxReset;
    Adapter->ControlFilter |= Filter;
    if (!Adapter->ControlQueued) {
        Adapter->ControlQueued = TRUE;
        Enqueue = TRUE;
    }
    WdfSpinLockRelease(Adapter->ControlLock);
    if (Enqueue) {
        WdfWorkItemEnqueue(Adapter->ControlWorkItem);
    }
}

static NTSTATUS
UnSendCommand(PUN_ADAPTER Adapter, UCHAR Command, ULONG Value, PUCHAR Reply)
{
    UCHAR Packet[8];
    WDF_MEMORY_DESCRIPTOR Descriptor;
    WDF_REQUEST_SEND_OPTIONS Options;
    NTSTATUS NtStatus;

    Packet[0] = Command;
    Packet[1] = 0;
    Packet[2] = 0;
    Packet[3] = 0;
    NdisMoveMemory(&Packet[4], &Value, sizeof(ULONG));
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&Descriptor, Packet, sizeof(Packet));
    WDF_REQUEST_SEND_OPTIONS_INIT(&Options, WDF_REQUEST_SEND_OPTION_TIMEOUT);
    WDF_REQUEST_SEND_OPTIONS_SET_TIMEOUT(&Options, WDF_REL_TIMEOUT_IN_MS(500));
    NtStatus = WdfUsbTargetPipeWriteSynchronously(Adapter->BulkOut, NULL, &Options, &Descriptor, NULL);
    if (!NT_SUCCESS(NtStatus) || Reply == NULL) {
        return NtStatus;
    }
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&Descriptor, Reply, 8);
    return WdfUsbTargetPipeReadSynchronously(Adapter->BulkIn, NULL, &Options, &Descriptor, NULL);
}

static VOID
UnIndicateLink(PUN_ADAPTER Adapter, BOOLEAN LinkUp)
{
    NDIS_LINK_STATE LinkState;
    NDIS_STATUS_INDICATION Indication;

    NdisZeroMemory(&LinkState, sizeof(LinkState));
    LinkState.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    LinkState.Header.Revision = NDIS_LINK_STATE_REVISION_1;
    LinkState.Header.Size = sizeof(LinkState);
    LinkState.MediaConnectState = LinkUp ? MediaConnectStateConnected : MediaConnectStateDisconnected;
    LinkState.MediaDuplexState = MediaDuplexStateFull;
    LinkState.XmitLinkSpeed = LinkUp ? 100000000ULL : NDIS_LINK_SPEED_UNKNOWN;
    LinkState.RcvLinkSpeed = LinkState.XmitLinkSpeed;

    NdisZeroMemory(&Indication, sizeof(Indication));
    Indication.Header.Type = NDIS_OBJECT_TYPE_STATUS_INDICATION;
    Indication.Header.Revision = NDIS_STATUS_INDICATION_REVISION_1;
    Indication.Header.Size = sizeof(Indication);
    Indication.SourceHandle = Adapter->AdapterHandle;
    Indication.StatusCode = NDIS_STATUS_LINK_STATE;
    Indication.StatusBuffer = &LinkState;
    Indication.StatusBufferSize = sizeof(LinkState);
    NdisMIndicateStatusEx(Adapter->AdapterHandle, &Indication);
}

//
// EvtWorkItem: PASSIVE_LEVEL.  Handles whatever was asked since it was queued.
//
VOID
UnControlWorkItem(WDFWORKITEM WorkItem)
{
    PUN_ADAPTER Adapter = UnGetObjectContext((WDFOBJECT)WorkItem)->Adapter;
    BOOLEAN LinkCheck, TxReset, Filter;
    UCHAR Reply[8];

    WdfSpinLockAcquire(Adapter->ControlLock);
    LinkCheck = Adapter->ControlLinkCheck;
    TxReset = Adapter->ControlTxReset;
    Filter = Adapter->ControlFilter;
    Adapter->ControlLinkCheck = FALSE;
    Adapter->ControlTxReset = FALSE;
    Adapter->ControlFilter = FALSE;
    Adapter->ControlQueued = FALSE;
    WdfSpinLockRelease(Adapter->ControlLock);

    if (TxReset) {
        WdfUsbTargetPipeResetSynchronously(Adapter->BulkOut, NULL, NULL);
        UnSendCommand(Adapter, UN_CMD_RESET_TX, 0, NULL);
        NdisAcquireSpinLock(&Adapter->SendLock);
        Adapter->TxStallTicks = 0;
        NdisReleaseSpinLock(&Adapter->SendLock);
    }
    if (Filter) {
        UnSendCommand(Adapter, UN_CMD_SET_FILTER, Adapter->PacketFilter, NULL);
    }
    if (LinkCheck && NT_SUCCESS(UnSendCommand(Adapter, UN_CMD_QUERY_LINK, 0, Reply))) {
        BOOLEAN LinkUp = (Reply[1] & UN_RX_STATUS_LINK_UP) != 0;

        if (LinkUp != Adapter->LinkUp) {
            Adapter->LinkUp = LinkUp;
            UnIndicateLink(Adapter, LinkUp);
        }
    }
}

//
// EvtTimerFunc: DISPATCH_LEVEL, one-shot, re-armed here while the adapter runs.
//
VOID
UnWatchdogTimer(WDFTIMER Timer)
{
    PUN_ADAPTER Adapter = UnGetObjectContext((WDFOBJECT)Timer)->Adapter;
    BOOLEAN Stalled = FALSE;
    BOOLEAN Rearm;

    NdisDprAcquireSpinLock(&Adapter->SendLock);
    if (Adapter->TxPending != 0) {
        Adapter->TxStallTicks++;
        if (Adapter->TxStallTicks >= UN_TX_STALL_TICKS) {
            Stalled = TRUE;
        }
    } else {
        Adapter->TxStallTicks = 0;
    }
    Rearm = !Adapter->Paused;
    NdisDprReleaseSpinLock(&Adapter->SendLock);

    UnQueueControl(Adapter, TRUE, Stalled, FALSE);
    if (Rearm) {
        WdfTimerStart(Timer, WDF_REL_TIMEOUT_IN_MS(UN_WATCHDOG_MS));
    }
}

static VOID
UnCountRxError(PUN_ADAPTER Adapter)
{
    NdisAcquireSpinLock(&Adapter->RecvLock);   // defect: NdisSpinLock
    Adapter->RxErrors++;
    NdisReleaseSpinLock(&Adapter->RecvLock);
}

//
// EvtUsbTargetPipeReadComplete of the bulk-in continuous reader: IRQL <= DISPATCH_LEVEL.
//
VOID
UnReadComplete(WDFUSBPIPE Pipe, WDFMEMORY Buffer, size_t NumBytesTransferred, WDFCONTEXT Context)
{
    PUN_ADAPTER Adapter = (PUN_ADAPTER)Context;
    PUCHAR Frame;

    UNREFERENCED_PARAMETER(Pipe);

    if (NumBytesTransferred == 0) {
        return;
    }
    Frame = (PUCHAR)WdfMemoryGetBuffer(Buffer, NULL);
    if (Frame[0] & UN_RX_STATUS_FRAME) {
        UnQueueControl(Adapter, TRUE, FALSE, FALSE);
        return;
    }
    NdisAcquireSpinLock(&Adapter->RecvLock);
    if (NumBytesTransferred < UN_MIN_FRAME) {
        UnCountRxError(Adapter);
        NdisReleaseSpinLock(&Adapter->RecvLock);
        return;
    }
    Adapter->FramesReceived++;
    NdisReleaseSpinLock(&Adapter->RecvLock);
}

BOOLEAN
UnReadersFailed(WDFUSBPIPE Pipe, NTSTATUS Status, USBD_STATUS UsbdStatus)
{
    PUN_ADAPTER Adapter = UnGetObjectContext((WDFOBJECT)WdfIoTargetGetDevice(WdfUsbTargetPipeGetIoTarget(Pipe)))->Adapter;

    UNREFERENCED_PARAMETER(Status);
    UNREFERENCED_PARAMETER(UsbdStatus);

    UnCountRxError(Adapter);

    return TRUE;    // let KMDF reset the pipe and restart the readers
}

//
// Completion of a bulk-out write: the NBL rides in the request's context.
//
VOID
UnWriteComplete(WDFREQUEST Request, WDFIOTARGET Target, PWDF_REQUEST_COMPLETION_PARAMS Params, WDFCONTEXT Context)
{
    PNET_BUFFER_LIST Nbl = (PNET_BUFFER_LIST)Context;
    PUN_ADAPTER Adapter = UnGetObjectContext((WDFOBJECT)Request)->Adapter;

    UNREFERENCED_PARAMETER(Target);

    NET_BUFFER_LIST_STATUS(Nbl) = NT_SUCCESS(Params->IoStatus.Status) ? NDIS_STATUS_SUCCESS : NDIS_STATUS_FAILURE;
    NdisAcquireSpinLock(&Adapter->SendLock);
    Adapter->TxPending--;
    Adapter->TxStallTicks = 0;
    Adapter->FramesSent++;
    NdisReleaseSpinLock(&Adapter->SendLock);
    WdfObjectDelete((WDFOBJECT)Request);
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Nbl, 0);
}

static NDIS_STATUS
UnCreateWdfObjects(PUN_ADAPTER Adapter)
{
    PDEVICE_OBJECT Pdo, Fdo, NextDevice;
    WDF_OBJECT_ATTRIBUTES Attributes;
    WDF_TIMER_CONFIG TimerConfig;
    WDF_WORKITEM_CONFIG WorkItemConfig;
    NTSTATUS NtStatus;

    NdisMGetDeviceProperty(Adapter->AdapterHandle, &Pdo, &Fdo, &NextDevice, NULL, NULL);

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&Attributes, UN_OBJECT_CONTEXT);
    NtStatus = WdfDeviceMiniportCreate(WdfGetDriver(), &Attributes, Fdo, NextDevice, Pdo, &Adapter->WdfDevice);
    if (!NT_SUCCESS(NtStatus)) {
        Adapter->WdfDevice = NULL;
        return NDIS_STATUS_FAILURE;
    }
    UnGetObjectContext((WDFOBJECT)Adapter->WdfDevice)->Adapter = Adapter;

    WDF_OBJECT_ATTRIBUTES_INIT(&Attributes);
    Attributes.ParentObject = (WDFOBJECT)Adapter->WdfDevice;
    NtStatus = WdfSpinLockCreate(&Attributes, &Adapter->ControlLock);
    if (!NT_SUCCESS(NtStatus)) {
        return NDIS_STATUS_RESOURCES;
    }

    WDF_TIMER_CONFIG_INIT(&TimerConfig, UnWatchdogTimer);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&Attributes, UN_OBJECT_CONTEXT);
    Attributes.ParentObject = (WDFOBJECT)Adapter->WdfDevice;
    NtStatus = WdfTimerCreate(&TimerConfig, &Attributes, &Adapter->WatchdogTimer);
    if (!NT_SUCCESS(NtStatus)) {
        return NDIS_STATUS_RESOURCES;
    }
    UnGetObjectContext((WDFOBJECT)Adapter->WatchdogTimer)->Adapter = Adapter;

    WDF_WORKITEM_CONFIG_INIT(&WorkItemConfig, UnControlWorkItem);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&Attributes, UN_OBJECT_CONTEXT);
    Attributes.ParentObject = (WDFOBJECT)Adapter->WdfDevice;
    NtStatus = WdfWorkItemCreate(&WorkItemConfig, &Attributes, &Adapter->ControlWorkItem);
    if (!NT_SUCCESS(NtStatus)) {
        return NDIS_STATUS_RESOURCES;
    }
    UnGetObjectContext((WDFOBJECT)Adapter->ControlWorkItem)->Adapter = Adapter;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
UnSelectConfiguration(PUN_ADAPTER Adapter)
{
    WDF_USB_DEVICE_SELECT_CONFIG_PARAMS Params;
    WDF_USB_PIPE_INFORMATION PipeInfo;
    WDF_USB_CONTINUOUS_READER_CONFIG ReaderConfig;
    WDFUSBPIPE Pipe;
    UCHAR Index, Count;
    NTSTATUS NtStatus;

    NtStatus = WdfUsbTargetDeviceCreate(Adapter->WdfDevice, WDF_NO_OBJECT_ATTRIBUTES, &Adapter->UsbDevice);
    if (!NT_SUCCESS(NtStatus)) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    WDF_USB_DEVICE_SELECT_CONFIG_PARAMS_INIT_SINGLE_INTERFACE(&Params);
    NtStatus = WdfUsbTargetDeviceSelectConfig(Adapter->UsbDevice, WDF_NO_OBJECT_ATTRIBUTES, &Params);
    if (!NT_SUCCESS(NtStatus)) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    Adapter->UsbInterface = Params.Types.SingleInterface.ConfiguredUsbInterface;
    Count = Params.Types.SingleInterface.NumberConfiguredPipes;
    Adapter->BulkIn = NULL;
    Adapter->BulkOut = NULL;
    for (Index = 0; Index < Count; Index++) {
        WDF_USB_PIPE_INFORMATION_INIT(&PipeInfo);
        Pipe = WdfUsbInterfaceGetConfiguredPipe(Adapter->UsbInterface, Index, &PipeInfo);
        if (PipeInfo.PipeType != WdfUsbPipeTypeBulk) {
            continue;
        }
        WdfUsbTargetPipeSetNoMaximumPacketSizeCheck(Pipe);
        if (WdfUsbTargetPipeIsInEndpoint(Pipe)) {
            Adapter->BulkIn = Pipe;
        } else if (WdfUsbTargetPipeIsOutEndpoint(Pipe)) {
            Adapter->BulkOut = Pipe;
        }
    }
    if (Adapter->BulkIn == NULL || Adapter->BulkOut == NULL) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }

    WDF_USB_CONTINUOUS_READER_CONFIG_INIT(&ReaderConfig, UnReadComplete, Adapter, UN_MAX_TRANSFER);
    ReaderConfig.NumPendingReads = UN_NUM_PENDING_READS;
    ReaderConfig.EvtUsbTargetPipeReadersFailed = UnReadersFailed;
    NtStatus = WdfUsbTargetPipeConfigContinuousReader(Adapter->BulkIn, &ReaderConfig);
    if (!NT_SUCCESS(NtStatus)) {
        return NDIS_STATUS_RESOURCES;
    }
    return NDIS_STATUS_SUCCESS;
}

static VOID
UnFreeAdapter(PUN_ADAPTER Adapter)
{
    if (Adapter->WdfDevice != NULL) {
        WdfObjectDelete((WDFOBJECT)Adapter->WdfDevice);     // its timer, work item, lock and USB target go with it
        Adapter->WdfDevice = NULL;
    }
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeSpinLock(&Adapter->RecvLock);
    NdisFreeMemory(Adapter, sizeof(UN_ADAPTER), 0);
}

NDIS_STATUS
UnInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PUN_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(UN_ADAPTER),
                                                UN_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(UN_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->Paused = TRUE;
    NdisAllocateSpinLock(&Adapter->SendLock);
    NdisAllocateSpinLock(&Adapter->RecvLock);

    NdisZeroMemory(&RegistrationAttributes, sizeof(RegistrationAttributes));
    RegistrationAttributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegistrationAttributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegistrationAttributes.Header.Size = sizeof(RegistrationAttributes);
    RegistrationAttributes.MiniportAdapterContext = Adapter;
    RegistrationAttributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE |
                                            NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK;
    RegistrationAttributes.CheckForHangTimeInSeconds = 0;
    RegistrationAttributes.InterfaceType = NdisInterfacePNPBus;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegistrationAttributes);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Status = UnCreateWdfObjects(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    Status = UnSelectConfiguration(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    return NDIS_STATUS_SUCCESS;

Fail:
    UnFreeAdapter(Adapter);
    return Status;
}

VOID
UnHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PUN_ADAPTER Adapter = (PUN_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    // Paused already: the readers are stopped and the watchdog no longer re-arms.
    WdfTimerStop(Adapter->WatchdogTimer, TRUE);
    WdfWorkItemFlush(Adapter->ControlWorkItem);
    UnFreeAdapter(Adapter);
}

NDIS_STATUS
UnPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PUN_ADAPTER Adapter = (PUN_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(PauseParameters);

    NdisAcquireSpinLock(&Adapter->SendLock);
    Adapter->Paused = TRUE;
    NdisReleaseSpinLock(&Adapter->SendLock);
    WdfTimerStop(Adapter->WatchdogTimer, TRUE);
    WdfIoTargetStop(WdfUsbTargetPipeGetIoTarget(Adapter->BulkIn), WdfIoTargetCancelSentIo);
    WdfIoTargetStop(WdfUsbTargetPipeGetIoTarget(Adapter->BulkOut), WdfIoTargetWaitForSentIoToComplete);
    WdfWorkItemFlush(Adapter->ControlWorkItem);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
UnRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PUN_ADAPTER Adapter = (PUN_ADAPTER)MiniportAdapterContext;
    NTSTATUS NtStatus;

    UNREFERENCED_PARAMETER(RestartParameters);

    NtStatus = WdfIoTargetStart(WdfUsbTargetPipeGetIoTarget(Adapter->BulkOut));
    if (!NT_SUCCESS(NtStatus)) {
        return NDIS_STATUS_FAILURE;
    }
    NtStatus = WdfIoTargetStart(WdfUsbTargetPipeGetIoTarget(Adapter->BulkIn));
    if (!NT_SUCCESS(NtStatus)) {
        WdfIoTargetStop(WdfUsbTargetPipeGetIoTarget(Adapter->BulkOut), WdfIoTargetCancelSentIo);
        return NDIS_STATUS_FAILURE;
    }
    NdisAcquireSpinLock(&Adapter->SendLock);
    Adapter->Paused = FALSE;
    NdisReleaseSpinLock(&Adapter->SendLock);
    WdfTimerStart(Adapter->WatchdogTimer, WDF_REL_TIMEOUT_IN_MS(UN_WATCHDOG_MS));
    UnQueueControl(Adapter, TRUE, FALSE, TRUE);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
UnOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PUN_ADAPTER Adapter = (PUN_ADAPTER)MiniportAdapterContext;
    PVOID Buffer;
    ULONG Length;

    switch (OidRequest->RequestType) {
    case NdisRequestSetInformation:
        Buffer = OidRequest->DATA.SET_INFORMATION.InformationBuffer;
        Length = OidRequest->DATA.SET_INFORMATION.InformationBufferLength;
        if (OidRequest->DATA.SET_INFORMATION.Oid != OID_GEN_CURRENT_PACKET_FILTER) {
            return NDIS_STATUS_NOT_SUPPORTED;
        }
        if (Length < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->PacketFilter = *(PULONG)Buffer;
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        UnQueueControl(Adapter, FALSE, FALSE, TRUE);
        return NDIS_STATUS_SUCCESS;

    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        Buffer = OidRequest->DATA.QUERY_INFORMATION.InformationBuffer;
        Length = OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength;
        if (OidRequest->DATA.QUERY_INFORMATION.Oid != OID_GEN_RCV_OK) {
            return NDIS_STATUS_NOT_SUPPORTED;
        }
        if (Length < sizeof(ULONG64)) {
            OidRequest->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG64);
            return NDIS_STATUS_BUFFER_TOO_SHORT;
        }
        NdisAcquireSpinLock(&Adapter->RecvLock);
        *(ULONG64 *)Buffer = Adapter->FramesReceived;
        NdisReleaseSpinLock(&Adapter->RecvLock);
        OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

VOID
UnCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

static NTSTATUS
UnSubmitNbl(PUN_ADAPTER Adapter, PNET_BUFFER_LIST Nbl)
{
    WDF_OBJECT_ATTRIBUTES Attributes;
    WDFREQUEST Request;
    NTSTATUS NtStatus;

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&Attributes, UN_OBJECT_CONTEXT);
    NtStatus = WdfRequestCreate(&Attributes, WdfUsbTargetPipeGetIoTarget(Adapter->BulkOut), &Request);
    if (!NT_SUCCESS(NtStatus)) {
        return NtStatus;
    }
    UnGetObjectContext((WDFOBJECT)Request)->Adapter = Adapter;
    NtStatus = WdfUsbTargetPipeFormatRequestForWrite(Adapter->BulkOut, Request, NULL, NULL);
    if (!NT_SUCCESS(NtStatus)) {
        WdfObjectDelete((WDFOBJECT)Request);
        return NtStatus;
    }
    WdfRequestSetCompletionRoutine(Request, UnWriteComplete, Nbl);
    if (!WdfRequestSend(Request, WdfUsbTargetPipeGetIoTarget(Adapter->BulkOut), WDF_NO_SEND_OPTIONS)) {
        NtStatus = WdfRequestGetStatus(Request);
        WdfObjectDelete((WDFOBJECT)Request);
        return NtStatus;
    }
    return STATUS_SUCCESS;
}

VOID
UnSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PUN_ADAPTER Adapter = (PUN_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl, Next;
    ULONG CompleteFlags = 0;
    BOOLEAN Paused;

    UNREFERENCED_PARAMETER(PortNumber);

    if (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) {
        CompleteFlags |= NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL;
    }
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;

        NdisAcquireSpinLock(&Adapter->SendLock);
        Paused = Adapter->Paused;
        if (!Paused) {
            Adapter->TxPending++;
        }
        NdisReleaseSpinLock(&Adapter->SendLock);
        if (Paused) {
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_PAUSED;
            NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Nbl, CompleteFlags);
            continue;
        }
        if (!NT_SUCCESS(UnSubmitNbl(Adapter, Nbl))) {
            NdisAcquireSpinLock(&Adapter->SendLock);
            Adapter->TxPending--;
            NdisReleaseSpinLock(&Adapter->SendLock);
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_FAILURE;
            NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Nbl, CompleteFlags);
        }
    }
}

VOID
UnReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
UnCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

VOID
UnDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
UnShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ShutdownAction);
}

VOID
UnUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);

    NdisMDeregisterMiniportDriver(UnDriverHandle);
    WdfDriverMiniportUnload(WdfGetDriver());
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    WDF_DRIVER_CONFIG Config;
    NDIS_STATUS Status;
    NTSTATUS NtStatus;

    // KMDF for the USB I/O targets only: NDIS keeps the dispatch table.
    WDF_DRIVER_CONFIG_INIT(&Config, WDF_NO_EVENT_CALLBACK);
    Config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    NtStatus = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &Config, WDF_NO_HANDLE);
    if (!NT_SUCCESS(NtStatus)) {
        return NtStatus;
    }

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS);
    Chars.MajorNdisVersion = UN_NDIS_MAJOR_VERSION;
    Chars.MinorNdisVersion = UN_NDIS_MINOR_VERSION;
    Chars.MajorDriverVersion = 1;
    Chars.MinorDriverVersion = 0;
    Chars.InitializeHandlerEx = UnInitializeEx;
    Chars.HaltHandlerEx = UnHaltEx;
    Chars.UnloadHandler = UnUnload;
    Chars.PauseHandler = UnPause;
    Chars.RestartHandler = UnRestart;
    Chars.OidRequestHandler = UnOidRequest;
    Chars.CancelOidRequestHandler = UnCancelOidRequest;
    Chars.SendNetBufferListsHandler = UnSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = UnReturnNetBufferLists;
    Chars.CancelSendHandler = UnCancelSend;
    Chars.DevicePnPEventNotifyHandler = UnDevicePnPEvent;
    Chars.ShutdownHandlerEx = UnShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &UnDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        WdfDriverMiniportUnload(WdfGetDriver());
        return Status;
    }
    return STATUS_SUCCESS;
}
