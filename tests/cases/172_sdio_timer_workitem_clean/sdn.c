/*
 * Case 172_sdio_timer_workitem_clean: a whole SDIO-style Wi-Fi/Ethernet bridge miniport with no
 * interrupt object at all: the card is polled.  A periodic NDIS timer object (NdisSetTimerObject
 * with a period) runs at DISPATCH_LEVEL, checks the queues under their spin locks and queues one
 * NDIS I/O work item (NdisQueueIoWorkItem) that does the bus transfers at PASSIVE_LEVEL; a
 * WorkItemQueued flag owned under StateLock keeps a second one from being queued.  Bus
 * turnaround stalls come from the registry (NdisReadConfiguration) but are clamped to 50 us, a
 * retry back-off uses NdisMSleep.  Pause stops the poll timer (NdisCancelTimerObject outside
 * every lock) and waits for the work item with NdisWaitEvent; restart re-arms it; halt cancels
 * and frees.  Locks: StateLock (flags) and TxLock/RxLock (queues), never held across NDIS calls,
 * never nested except StateLock inside TxLock in the send path.  No NdisMRegisterInterruptEx:
 * the interrupt rules are not applicable.  Expected: clean for every rule.
 */

#include <ndis.h>

#define SDN_POOL_TAG            'ndSZ'
#define SDN_POLL_MS             10
#define SDN_MAX_TX_PENDING      64
#define SDN_MAX_STALL_US        50
#define SDN_DEFAULT_STALL_US    20
#define SDN_BUS_RETRIES         5

#define SDN_FLAG_RUNNING        0x0001
#define SDN_FLAG_HALTING        0x0002
#define SDN_FLAG_CARD_GONE      0x0004
#define SDN_FLAG_WORK_QUEUED    0x0008

typedef struct _SDN_ADAPTER {
    NDIS_HANDLE         MiniportHandle;
    NDIS_HANDLE         PollTimer;
    NDIS_HANDLE         BusWorkItem;
    NDIS_EVENT          WorkIdle;

    NDIS_SPIN_LOCK      StateLock;
    ULONG               Flags;

    NDIS_SPIN_LOCK      TxLock;
    PNET_BUFFER_LIST    TxHead;
    PNET_BUFFER_LIST    TxTail;
    ULONG               TxPending;

    NDIS_SPIN_LOCK      RxLock;
    ULONG               RxReady;
    ULONG               RxIndicated;

    ULONG               BusStallUs;
    ULONG               BusErrors;
    ULONG64             TxFrames;
    ULONG64             RxFrames;
} SDN_ADAPTER, *PSDN_ADAPTER;

NDIS_HANDLE SdnDriverHandle;

NDIS_TIMER_FUNCTION SdnPollTimer;
NDIS_IO_WORKITEM_FUNCTION SdnBusWorker;
MINIPORT_INITIALIZE SdnInitializeEx;
MINIPORT_HALT SdnHaltEx;
MINIPORT_PAUSE SdnPause;
MINIPORT_RESTART SdnRestart;
MINIPORT_OID_REQUEST SdnOidRequest;
MINIPORT_CANCEL_OID_REQUEST SdnCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS SdnSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS SdnReturnNetBufferLists;
MINIPORT_CANCEL_SEND SdnCancelSend;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY SdnDevicePnPEvent;
MINIPORT_SHUTDOWN SdnShutdown;
MINIPORT_UNLOAD SdnUnload;
DRIVER_INITIALIZE DriverEntry;

/* ------------------------------------------------------------------ bus access */

static BOOLEAN
SdnBusCmd52(PSDN_ADAPTER Adapter, ULONG Function, ULONG Address, PUCHAR Data, BOOLEAN Write)
{
    UNREFERENCED_PARAMETER(Function);
    UNREFERENCED_PARAMETER(Address);

    /* The host controller wants a turnaround between a write and the next command. */
    if (Write) {
        NdisStallExecution(Adapter->BusStallUs);
    } else {
        *Data = 0;
    }
    return (Adapter->Flags & SDN_FLAG_CARD_GONE) == 0;
}

static BOOLEAN
SdnBusTransfer(PSDN_ADAPTER Adapter, ULONG Count, BOOLEAN Write)
{
    ULONG Attempt;
    UCHAR Ack = 0;

    for (Attempt = 0; Attempt < SDN_BUS_RETRIES; Attempt++) {
        if (SdnBusCmd52(Adapter, 1, 0x100, &Ack, Write) && Count != 0) {
            return TRUE;
        }
        Adapter->BusErrors++;
        NdisMSleep(200 * (Attempt + 1));          // PASSIVE_LEVEL: back off instead of stalling
    }
    return FALSE;
}

static ULONG
SdnReadStallSetting(NDIS_HANDLE MiniportHandle)
{
    NDIS_CONFIGURATION_OBJECT Config;
    NDIS_HANDLE ConfigHandle = NULL;
    PNDIS_CONFIGURATION_PARAMETER Param = NULL;
    NDIS_STRING Keyword = NDIS_STRING_CONST("BusTurnaroundUs");
    NDIS_STATUS Status;
    ULONG Value = SDN_DEFAULT_STALL_US;

    NdisZeroMemory(&Config, sizeof(Config));
    Config.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
    Config.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
    Config.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
    Config.NdisHandle = MiniportHandle;
    Status = NdisOpenConfigurationEx(&Config, &ConfigHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Value;
    }
    NdisReadConfiguration(&Status, &Param, ConfigHandle, &Keyword, NdisParameterInteger);
    if (Status == NDIS_STATUS_SUCCESS && Param != NULL) {
        Value = Param->ParameterData.IntegerData;
    }
    NdisCloseConfiguration(ConfigHandle);

    if (Value > SDN_MAX_STALL_US) {
        Value = SDN_MAX_STALL_US;
    }
    return Value;
}

/* ------------------------------------------------------------------ queues */

static PNET_BUFFER_LIST
SdnTakeTx(PSDN_ADAPTER Adapter, PULONG Count)
{
    PNET_BUFFER_LIST Chain;

    NdisAcquireSpinLock(&Adapter->TxLock);
    Chain = Adapter->TxHead;
    *Count = Adapter->TxPending;
    Adapter->TxHead = NULL;
    Adapter->TxTail = NULL;
    Adapter->TxPending = 0;
    NdisReleaseSpinLock(&Adapter->TxLock);
    return Chain;
}

static VOID
SdnCompleteTx(PSDN_ADAPTER Adapter, PNET_BUFFER_LIST Chain, NDIS_STATUS Status)
{
    PNET_BUFFER_LIST Nbl;

    if (Chain == NULL) {
        return;
    }
    for (Nbl = Chain; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
    }
    NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, Chain, 0);
}

/* ------------------------------------------------------------------ poll timer and worker */

VOID
SdnPollTimer(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PSDN_ADAPTER Adapter = (PSDN_ADAPTER)FunctionContext;
    BOOLEAN Work = FALSE;
    BOOLEAN Queue = FALSE;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);

    NdisDprAcquireSpinLock(&Adapter->TxLock);
    Work = Adapter->TxPending != 0;
    NdisDprReleaseSpinLock(&Adapter->TxLock);

    NdisDprAcquireSpinLock(&Adapter->RxLock);
    Adapter->RxReady++;                 // the card's mailbox is polled by the worker
    Work = Work || Adapter->RxReady != 0;
    NdisDprReleaseSpinLock(&Adapter->RxLock);

    NdisDprAcquireSpinLock(&Adapter->StateLock);
    if (Work && (Adapter->Flags & SDN_FLAG_RUNNING) && !(Adapter->Flags & SDN_FLAG_WORK_QUEUED)) {
        Adapter->Flags |= SDN_FLAG_WORK_QUEUED;
        NdisResetEvent(&Adapter->WorkIdle);
        Queue = TRUE;
    }
    NdisDprReleaseSpinLock(&Adapter->StateLock);

    if (Queue) {
        NdisQueueIoWorkItem(Adapter->BusWorkItem, SdnBusWorker, Adapter);
    }
}

VOID
SdnBusWorker(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle)
{
    PSDN_ADAPTER Adapter = (PSDN_ADAPTER)WorkItemContext;
    PNET_BUFFER_LIST Chain;
    ULONG Count = 0;
    ULONG Received;
    BOOLEAN Ok;

    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);

    Chain = SdnTakeTx(Adapter, &Count);
    Ok = Chain == NULL || SdnBusTransfer(Adapter, Count, TRUE);
    if (Ok) {
        Adapter->TxFrames += Count;
    }
    SdnCompleteTx(Adapter, Chain, Ok ? NDIS_STATUS_SUCCESS : NDIS_STATUS_FAILURE);

    NdisAcquireSpinLock(&Adapter->RxLock);
    Received = Adapter->RxReady;
    Adapter->RxReady = 0;
    NdisReleaseSpinLock(&Adapter->RxLock);
    if (Received != 0 && SdnBusTransfer(Adapter, Received, FALSE)) {
        NdisAcquireSpinLock(&Adapter->RxLock);
        Adapter->RxFrames += Received;
        Adapter->RxIndicated += Received;
        NdisReleaseSpinLock(&Adapter->RxLock);
    }

    NdisAcquireSpinLock(&Adapter->StateLock);
    Adapter->Flags &= ~SDN_FLAG_WORK_QUEUED;
    NdisReleaseSpinLock(&Adapter->StateLock);
    NdisSetEvent(&Adapter->WorkIdle);
}

static VOID
SdnStartPolling(PSDN_ADAPTER Adapter)
{
    LARGE_INTEGER Due;

    Due.QuadPart = -10000LL * SDN_POLL_MS;
    NdisSetTimerObject(Adapter->PollTimer, Due, SDN_POLL_MS, Adapter);
}

static VOID
SdnStopPolling(PSDN_ADAPTER Adapter)
{
    NdisAcquireSpinLock(&Adapter->StateLock);
    Adapter->Flags &= ~SDN_FLAG_RUNNING;
    NdisReleaseSpinLock(&Adapter->StateLock);

    NdisCancelTimerObject(Adapter->PollTimer);
    NdisWaitEvent(&Adapter->WorkIdle, 0);
}

/* ------------------------------------------------------------------ init / halt */

static VOID
SdnFreeAdapter(PSDN_ADAPTER Adapter)
{
    if (Adapter->PollTimer != NULL) {
        NdisFreeTimerObject(Adapter->PollTimer);
    }
    if (Adapter->BusWorkItem != NULL) {
        NdisFreeIoWorkItem(Adapter->BusWorkItem);
    }
    NdisFreeSpinLock(&Adapter->RxLock);
    NdisFreeSpinLock(&Adapter->TxLock);
    NdisFreeSpinLock(&Adapter->StateLock);
    NdisFreeMemoryWithTagPriority(Adapter->MiniportHandle, Adapter, SDN_POOL_TAG);
}

NDIS_STATUS
SdnInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_TIMER_CHARACTERISTICS Timer;
    PSDN_ADAPTER Adapter;
    NDIS_STATUS Status;
    UCHAR Id = 0;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(SDN_ADAPTER), SDN_POOL_TAG,
                                                NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(SDN_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->StateLock);
    NdisAllocateSpinLock(&Adapter->TxLock);
    NdisAllocateSpinLock(&Adapter->RxLock);
    NdisInitializeEvent(&Adapter->WorkIdle);
    NdisSetEvent(&Adapter->WorkIdle);

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK | NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND;
    Reg.InterfaceType = NdisInterfaceInternal;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Adapter->BusStallUs = SdnReadStallSetting(MiniportAdapterHandle);

    Adapter->BusWorkItem = NdisAllocateIoWorkItem(MiniportAdapterHandle);
    if (Adapter->BusWorkItem == NULL) {
        Status = NDIS_STATUS_RESOURCES;
        goto Fail;
    }

    NdisZeroMemory(&Timer, sizeof(Timer));
    Timer.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    Timer.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    Timer.Header.Size = sizeof(Timer);
    Timer.AllocationTag = SDN_POOL_TAG;
    Timer.TimerFunction = SdnPollTimer;
    Timer.FunctionContext = Adapter;
    Status = NdisAllocateTimerObject(MiniportAdapterHandle, &Timer, &Adapter->PollTimer);
    if (Status != NDIS_STATUS_SUCCESS) {
        Adapter->PollTimer = NULL;
        goto Fail;
    }

    if (!SdnBusCmd52(Adapter, 0, 0x00, &Id, FALSE)) {
        Status = NDIS_STATUS_ADAPTER_NOT_FOUND;
        goto Fail;
    }
    return NDIS_STATUS_SUCCESS;

Fail:
    SdnFreeAdapter(Adapter);
    return Status;
}

VOID
SdnHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PSDN_ADAPTER Adapter = (PSDN_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Chain;
    ULONG Count = 0;

    NdisAcquireSpinLock(&Adapter->StateLock);
    Adapter->Flags |= SDN_FLAG_HALTING;
    if (HaltAction == NdisHaltDeviceSurpriseRemoved) {
        Adapter->Flags |= SDN_FLAG_CARD_GONE;
    }
    NdisReleaseSpinLock(&Adapter->StateLock);

    SdnStopPolling(Adapter);
    Chain = SdnTakeTx(Adapter, &Count);
    SdnCompleteTx(Adapter, Chain, NDIS_STATUS_FAILURE);
    SdnFreeAdapter(Adapter);
}

/* ------------------------------------------------------------------ pause / restart */

NDIS_STATUS
SdnPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PSDN_ADAPTER Adapter = (PSDN_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Chain;
    ULONG Count = 0;

    UNREFERENCED_PARAMETER(PauseParameters);

    SdnStopPolling(Adapter);
    Chain = SdnTakeTx(Adapter, &Count);
    SdnCompleteTx(Adapter, Chain, NDIS_STATUS_PAUSED);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
SdnRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PSDN_ADAPTER Adapter = (PSDN_ADAPTER)MiniportAdapterContext;
    BOOLEAN Gone;

    UNREFERENCED_PARAMETER(RestartParameters);

    NdisAcquireSpinLock(&Adapter->StateLock);
    Gone = (Adapter->Flags & (SDN_FLAG_CARD_GONE | SDN_FLAG_HALTING)) != 0;
    if (!Gone) {
        Adapter->Flags |= SDN_FLAG_RUNNING;
    }
    NdisReleaseSpinLock(&Adapter->StateLock);

    if (Gone) {
        return NDIS_STATUS_ADAPTER_REMOVED;
    }
    SdnStartPolling(Adapter);
    return NDIS_STATUS_SUCCESS;
}

/* ------------------------------------------------------------------ OIDs */

NDIS_STATUS
SdnOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PSDN_ADAPTER Adapter = (PSDN_ADAPTER)MiniportAdapterContext;
    ULONG64 Value;

    if (OidRequest->RequestType == NdisRequestSetInformation) {
        if (OidRequest->DATA.SET_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER) {
            OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
            return NDIS_STATUS_SUCCESS;
        }
        return NDIS_STATUS_NOT_SUPPORTED;
    }

    switch (OidRequest->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_XMIT_OK:
        Value = Adapter->TxFrames;
        break;
    case OID_GEN_RCV_OK:
        NdisAcquireSpinLock(&Adapter->RxLock);
        Value = Adapter->RxFrames;
        NdisReleaseSpinLock(&Adapter->RxLock);
        break;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    if (OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength < sizeof(ULONG64)) {
        OidRequest->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG64);
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    *(ULONG64 *)OidRequest->DATA.QUERY_INFORMATION.InformationBuffer = Value;
    OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
    return NDIS_STATUS_SUCCESS;
}

VOID
SdnCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

/* ------------------------------------------------------------------ data path */

VOID
SdnSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PSDN_ADAPTER Adapter = (PSDN_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;
    PNET_BUFFER_LIST Rejected = NULL;
    BOOLEAN Running;

    UNREFERENCED_PARAMETER(PortNumber);

    NdisAcquireSpinLock(&Adapter->TxLock);
    NdisDprAcquireSpinLock(&Adapter->StateLock);
    Running = (Adapter->Flags & SDN_FLAG_RUNNING) != 0;
    NdisDprReleaseSpinLock(&Adapter->StateLock);

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        if (!Running || Adapter->TxPending >= SDN_MAX_TX_PENDING) {
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = Rejected;
            Rejected = Nbl;
            continue;
        }
        if (Adapter->TxTail == NULL) {
            Adapter->TxHead = Nbl;
        } else {
            NET_BUFFER_LIST_NEXT_NBL(Adapter->TxTail) = Nbl;
        }
        Adapter->TxTail = Nbl;
        Adapter->TxPending++;
    }
    NdisReleaseSpinLock(&Adapter->TxLock);

    if (Rejected != NULL) {
        for (Nbl = Rejected; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            NET_BUFFER_LIST_STATUS(Nbl) = Running ? NDIS_STATUS_RESOURCES : NDIS_STATUS_PAUSED;
        }
        NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, Rejected,
                                        (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) ?
                                        NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
    }
}

VOID
SdnReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    PSDN_ADAPTER Adapter = (PSDN_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    BOOLEAN AtDispatch = (ReturnFlags & NDIS_RETURN_FLAGS_DISPATCH_LEVEL) != 0;

    if (AtDispatch) {
        NdisDprAcquireSpinLock(&Adapter->RxLock);
    } else {
        NdisAcquireSpinLock(&Adapter->RxLock);
    }
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        if (Adapter->RxIndicated != 0) {
            Adapter->RxIndicated--;
        }
    }
    if (AtDispatch) {
        NdisDprReleaseSpinLock(&Adapter->RxLock);
    } else {
        NdisReleaseSpinLock(&Adapter->RxLock);
    }
}

VOID
SdnCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

VOID
SdnDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PSDN_ADAPTER Adapter = (PSDN_ADAPTER)MiniportAdapterContext;

    if (NetDevicePnPEvent->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved) {
        NdisAcquireSpinLock(&Adapter->StateLock);
        Adapter->Flags |= SDN_FLAG_CARD_GONE;
        NdisReleaseSpinLock(&Adapter->StateLock);
    }
}

VOID
SdnShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ShutdownAction);
}

VOID
SdnUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);

    NdisMDeregisterMiniportDriver(SdnDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(Chars);
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.MajorDriverVersion = 1;
    Chars.MinorDriverVersion = 7;
    Chars.InitializeHandlerEx = SdnInitializeEx;
    Chars.HaltHandlerEx = SdnHaltEx;
    Chars.UnloadHandler = SdnUnload;
    Chars.PauseHandler = SdnPause;
    Chars.RestartHandler = SdnRestart;
    Chars.OidRequestHandler = SdnOidRequest;
    Chars.CancelOidRequestHandler = SdnCancelOidRequest;
    Chars.SendNetBufferListsHandler = SdnSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = SdnReturnNetBufferLists;
    Chars.CancelSendHandler = SdnCancelSend;
    Chars.DevicePnPEventNotifyHandler = SdnDevicePnPEvent;
    Chars.ShutdownHandlerEx = SdnShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &SdnDriverHandle);
    return Status == NDIS_STATUS_SUCCESS ? STATUS_SUCCESS : (NTSTATUS)Status;
}
