/*
 * Case 141_nw_stale_flag_after_reset_defect: twin of 136 (the same netvmini-style I/O-port
 * miniport: asynchronous reset in an NDIS I/O work item, polled fallback, reference count, OIDs
 * held during the reset, NICRunSynchronized synchronizing only while fMP_INTERRUPT_REGISTERED is
 * set) whose NICDeregisterInterrupt deregisters without clearing fMP_INTERRUPT_REGISTERED.  When
 * the reset work item's re-registration fails, the flag still says "registered", so the next DPC
 * (or MPHalt's mask, or the packet-filter OID) calls NdisMSynchronizeWithInterruptEx in
 * NICRunSynchronized with the deregistered interrupt.  Expected: one NdisMDeregisterInterruptEx
 * defect, at the synchronize call in NICRunSynchronized.  (drvcheck misses it: NICProbe reads the
 * status port with NdisRawReadPortUlong(Port, &Status), whose `*(&Status) = READ_PORT_ULONG(...)`
 * is not taken as an assignment to Status, so Status keeps its 0xFFFFFFFF initialiser, the probe
 * always fails and MPInitialize never succeeds.)
 */
#include "nw.h"

static NDIS_HANDLE NwDriverHandle;

#define NW_IN(_A, _R, _V)       NdisRawReadPortUlong((ULONG_PTR)(_A)->PortOffset + (_R), (_V))
#define NW_OUT(_A, _R, _V)      NdisRawWritePortUlong((ULONG_PTR)(_A)->PortOffset + (_R), (_V))

/* ------------------------------------------------------------ reference count */

static BOOLEAN
MPReference(PMP_ADAPTER Adapter)
{
    if (MP_TEST_FLAG(Adapter, fMP_HALT_IN_PROGRESS)) {
        return FALSE;
    }
    NdisInterlockedIncrement(&Adapter->RefCount);
    return TRUE;
}

static VOID
MPDereference(PMP_ADAPTER Adapter)
{
    NdisInterlockedDecrement(&Adapter->RefCount);
}

/* ------------------------------------------------------------ interrupt */

BOOLEAN
NICSyncMask(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    NW_OUT(Adapter, NW_PORT_INTMASK, 0);
    Adapter->PendingStatus = 0;
    return TRUE;
}

BOOLEAN
NICSyncUnmask(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    NW_OUT(Adapter, NW_PORT_INTMASK, NW_INT_ALL);
    return TRUE;
}

BOOLEAN
NICSyncSetFilter(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    NW_OUT(Adapter, NW_PORT_FILTER, Adapter->PacketFilter);
    return TRUE;
}

static VOID
NICRunSynchronized(PMP_ADAPTER Adapter, MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER Function)
{
    if (MP_TEST_FLAG(Adapter, fMP_INTERRUPT_REGISTERED)) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, Function, Adapter); // defect: NdisMDeregisterInterruptEx
    } else {
        /* polled, or the interrupt is down for a reset: nothing runs at DIRQL to race with */
        (VOID)Function(Adapter);
    }
}

static NDIS_STATUS
NICRegisterInterrupt(PMP_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Interrupt;
    NDIS_STATUS Status;

    NdisZeroMemory(&Interrupt, sizeof(Interrupt));
    Interrupt.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Interrupt.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Interrupt.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Interrupt.InterruptHandler = MPIsr;
    Interrupt.InterruptDpcHandler = MPHandleInterrupt;
    Interrupt.DisableInterruptHandler = MPDisableInterrupt;
    Interrupt.EnableInterruptHandler = MPEnableInterrupt;

    Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &Interrupt, &Adapter->InterruptHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        MP_SET_FLAG(Adapter, fMP_INTERRUPT_REGISTERED);
    }
    return Status;
}

static VOID
NICDeregisterInterrupt(PMP_ADAPTER Adapter)
{
    if (MP_TEST_FLAG(Adapter, fMP_INTERRUPT_REGISTERED)) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    }
}

/* ------------------------------------------------------------ hardware */

static NDIS_STATUS
NICResetHardware(PMP_ADAPTER Adapter)
{
    ULONG Status = 0;
    ULONG Loop;

    NW_OUT(Adapter, NW_PORT_COMMAND, NW_CMD_RESET);
    for (Loop = 0; Loop < 100; Loop++) {
        NdisStallExecution(20);
        NW_IN(Adapter, NW_PORT_STATUS, &Status);
        if ((Status & NW_STS_BUSY) == 0) {
            NW_OUT(Adapter, NW_PORT_COMMAND, NW_CMD_RX_ON | NW_CMD_TX_ON);
            return NDIS_STATUS_SUCCESS;
        }
    }
    MP_SET_FLAG(Adapter, fMP_HARDWARE_ERROR);
    return NDIS_STATUS_HARD_ERRORS;
}

static NDIS_STATUS
NICProbe(PMP_ADAPTER Adapter)
{
    ULONG Status = 0xFFFFFFFF;
    ULONG i;

    __try {
        NW_IN(Adapter, NW_PORT_STATUS, &Status);
        for (i = 0; i < 6; i++) {
            ULONG Byte;
            NW_IN(Adapter, NW_PORT_MAC + 4 * i, &Byte);
            Adapter->MacAddress[i] = (UCHAR)Byte;
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    return (Status == 0xFFFFFFFF) ? NDIS_STATUS_ADAPTER_NOT_FOUND : NDIS_STATUS_SUCCESS;
}

static VOID
NICServiceEvents(PMP_ADAPTER Adapter, ULONG Events)
{
    PNET_BUFFER_LIST Done = NULL;
    PNET_BUFFER_LIST Nbl;

    if (Events & NW_STS_LINK) {
        ULONG Status;
        NW_IN(Adapter, NW_PORT_STATUS, &Status);
        if (Status & NW_STS_LINK) {
            MP_SET_FLAG(Adapter, fMP_LINK_UP);
        } else {
            MP_CLEAR_FLAG(Adapter, fMP_LINK_UP);
        }
    }
    if (Events & NW_STS_RX) {
        NdisDprAcquireSpinLock(&Adapter->Lock);
        Adapter->RxOk++;
        NdisDprReleaseSpinLock(&Adapter->Lock);
    }
    if (Events & NW_STS_TX) {
        NdisDprAcquireSpinLock(&Adapter->Lock);
        if (Adapter->TxQueueHead != NULL && Adapter->TxInFlight != 0) {
            Done = Adapter->TxQueueHead;
            Adapter->TxQueueHead = NET_BUFFER_LIST_NEXT_NBL(Done);
            if (Adapter->TxQueueHead == NULL) {
                Adapter->TxQueueTail = NULL;
            }
            NET_BUFFER_LIST_NEXT_NBL(Done) = NULL;
            Adapter->TxInFlight--;
            Adapter->TxOk++;
        }
        NdisDprReleaseSpinLock(&Adapter->Lock);
        if (Done != NULL) {
            Nbl = Done;
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
            NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Nbl, NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
            MPDereference(Adapter);
        }
    }
}

BOOLEAN
MPIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG Status;

    UNREFERENCED_PARAMETER(TargetProcessors);
    NW_IN(Adapter, NW_PORT_STATUS, &Status);
    if ((Status & NW_INT_ALL) == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    NW_OUT(Adapter, NW_PORT_INTMASK, 0);
    Adapter->PendingStatus |= Status & NW_INT_ALL;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
MPHandleInterrupt(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
                  PVOID NdisReserved2)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG Events;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Events = Adapter->PendingStatus;
    Adapter->PendingStatus = 0;
    NICServiceEvents(Adapter, Events);
    if (!MP_TEST_FLAG(Adapter, fMP_HALT_IN_PROGRESS | fMP_RESET_IN_PROGRESS)) {
        NICRunSynchronized(Adapter, NICSyncUnmask);
    }
}

VOID
MPEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    NW_OUT(Adapter, NW_PORT_INTMASK, NW_INT_ALL);
}

VOID
MPDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    NW_OUT(Adapter, NW_PORT_INTMASK, 0);
}

VOID
MPPollTimer(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)FunctionContext;
    ULONG Status;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);

    if (!MP_TEST_FLAG(Adapter, fMP_POLLED) || MP_TEST_FLAG(Adapter, fMP_HALT_IN_PROGRESS)) {
        return;
    }
    NW_IN(Adapter, NW_PORT_STATUS, &Status);
    NICServiceEvents(Adapter, Status & NW_INT_ALL);
}

/* ------------------------------------------------------------ OID requests */

static NDIS_STATUS
MPQueryInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    ULONG Ulong = 0;
    ULONG64 Ulong64 = 0;
    PVOID Info = &Ulong;
    ULONG InfoLength = sizeof(ULONG);

    switch (Request->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_HARDWARE_STATUS:
        Ulong = MP_TEST_FLAG(Adapter, fMP_HARDWARE_ERROR) ? NdisHardwareStatusNotReady : NdisHardwareStatusReady;
        break;
    case OID_GEN_MAXIMUM_FRAME_SIZE:
        Ulong = NW_MAX_PACKET - 14;
        break;
    case OID_GEN_MAXIMUM_TOTAL_SIZE:
        Ulong = NW_MAX_PACKET;
        break;
    case OID_GEN_CURRENT_LOOKAHEAD:
        Ulong = Adapter->Lookahead;
        break;
    case OID_GEN_CURRENT_PACKET_FILTER:
        Ulong = Adapter->PacketFilter;
        break;
    case OID_GEN_LINK_SPEED:
        Ulong = 1000000;
        break;
    case OID_GEN_MEDIA_CONNECT_STATUS:
        Ulong = MP_TEST_FLAG(Adapter, fMP_LINK_UP) ? MediaConnectStateConnected : MediaConnectStateDisconnected;
        break;
    case OID_GEN_XMIT_OK:
        Ulong64 = Adapter->TxOk;
        Info = &Ulong64;
        InfoLength = sizeof(ULONG64);
        break;
    case OID_GEN_RCV_OK:
        Ulong64 = Adapter->RxOk;
        Info = &Ulong64;
        InfoLength = sizeof(ULONG64);
        break;
    case OID_GEN_RCV_NO_BUFFER:
        Ulong = (ULONG)Adapter->RxDropped;
        break;
    case OID_802_3_PERMANENT_ADDRESS:
    case OID_802_3_CURRENT_ADDRESS:
        Info = Adapter->MacAddress;
        InfoLength = 6;
        break;
    case OID_802_3_MULTICAST_LIST:
        Info = Adapter->McastList;
        InfoLength = 6 * Adapter->McastCount;
        break;
    case OID_802_3_MAXIMUM_LIST_SIZE:
        Ulong = NW_MAX_MCAST;
        break;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    if (InfoLength > Request->DATA.QUERY_INFORMATION.InformationBufferLength) {
        Request->DATA.QUERY_INFORMATION.BytesNeeded = InfoLength;
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    NdisMoveMemory(Request->DATA.QUERY_INFORMATION.InformationBuffer, Info, InfoLength);
    Request->DATA.QUERY_INFORMATION.BytesWritten = InfoLength;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
MPSetInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    PVOID Buffer = Request->DATA.SET_INFORMATION.InformationBuffer;
    ULONG Length = Request->DATA.SET_INFORMATION.InformationBufferLength;

    switch (Request->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (Length != sizeof(ULONG)) {
            Request->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->PacketFilter = *(PULONG)Buffer;
        NICRunSynchronized(Adapter, NICSyncSetFilter);
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;

    case OID_GEN_CURRENT_LOOKAHEAD:
        if (Length != sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->Lookahead = *(PULONG)Buffer;
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;

    case OID_802_3_MULTICAST_LIST:
        if (Length % 6 != 0 || Length > sizeof(Adapter->McastList)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        NdisMoveMemory(Adapter->McastList, Buffer, Length);
        Adapter->McastCount = Length / 6;
        Request->DATA.SET_INFORMATION.BytesRead = Length;
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static NDIS_STATUS
MPDispatchRequest(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    switch (Request->RequestType) {
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        return MPQueryInformation(Adapter, Request);
    case NdisRequestSetInformation:
        return MPSetInformation(Adapter, Request);
    case NdisRequestMethod:
        return NDIS_STATUS_NOT_SUPPORTED;
    default:
        /* NDIS validated the request type before it handed the request to us */
        KeBugCheckEx(0x0000007E, (ULONG_PTR)Request, (ULONG_PTR)Request->RequestType, 0, 0);
    }
}

NDIS_STATUS
MPOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST NdisRequest)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    if (!MPReference(Adapter)) {
        return NDIS_STATUS_REQUEST_ABORTED;
    }
    NdisAcquireSpinLock(&Adapter->Lock);
    if (MP_TEST_FLAG(Adapter, fMP_RESET_IN_PROGRESS)) {
        if (Adapter->PendingRequest != NULL) {
            NdisReleaseSpinLock(&Adapter->Lock);
            MPDereference(Adapter);
            return NDIS_STATUS_RESET_IN_PROGRESS;
        }
        /* completed by MPResetWorker; the reference goes with it */
        Adapter->PendingRequest = NdisRequest;
        NdisReleaseSpinLock(&Adapter->Lock);
        return NDIS_STATUS_PENDING;
    }
    NdisReleaseSpinLock(&Adapter->Lock);

    Status = MPDispatchRequest(Adapter, NdisRequest);
    MPDereference(Adapter);
    return Status;
}

VOID
MPCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PNDIS_OID_REQUEST Request = NULL;

    NdisAcquireSpinLock(&Adapter->Lock);
    if (Adapter->PendingRequest != NULL && Adapter->PendingRequest->RequestId == RequestId) {
        Request = Adapter->PendingRequest;
        Adapter->PendingRequest = NULL;
    }
    NdisReleaseSpinLock(&Adapter->Lock);
    if (Request != NULL) {
        NdisMOidRequestComplete(Adapter->AdapterHandle, Request, NDIS_STATUS_REQUEST_ABORTED);
        MPDereference(Adapter);
    }
}

/* ------------------------------------------------------------ send path */

VOID
MPSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber,
                     ULONG SendFlags)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;
    ULONG CompleteFlags = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0;

    UNREFERENCED_PARAMETER(PortNumber);

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        if (!MP_IS_READY(Adapter) || !MPReference(Adapter)) {
            NET_BUFFER_LIST_STATUS(Nbl) = MP_TEST_FLAG(Adapter, fMP_PAUSED) ? NDIS_STATUS_PAUSED : NDIS_STATUS_FAILURE;
            NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Nbl, CompleteFlags);
            continue;
        }
        NdisAcquireSpinLock(&Adapter->Lock);
        if (Adapter->TxInFlight >= NW_TX_SLOTS) {
            NdisReleaseSpinLock(&Adapter->Lock);
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_RESOURCES;
            NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Nbl, CompleteFlags);
            MPDereference(Adapter);
            continue;
        }
        if (Adapter->TxQueueTail == NULL) {
            Adapter->TxQueueHead = Nbl;
        } else {
            NET_BUFFER_LIST_NEXT_NBL(Adapter->TxQueueTail) = Nbl;
        }
        Adapter->TxQueueTail = Nbl;
        Adapter->TxInFlight++;
        NW_OUT(Adapter, NW_PORT_TXPTR, Adapter->TxInFlight);
        NdisReleaseSpinLock(&Adapter->Lock);
    }
}

VOID
MPReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
MPCancelSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

/* ------------------------------------------------------------ reset */

VOID
MPResetWorker(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)WorkItemContext;
    PNDIS_OID_REQUEST Request;
    NDIS_STATUS Status;
    NDIS_STATUS RequestStatus;

    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);

    NICRunSynchronized(Adapter, NICSyncMask);
    NICDeregisterInterrupt(Adapter);

    Status = NICResetHardware(Adapter);
    if (Status == NDIS_STATUS_SUCCESS && !MP_TEST_FLAG(Adapter, fMP_POLLED)) {
        Status = NICRegisterInterrupt(Adapter);
    }
    if (Status == NDIS_STATUS_SUCCESS) {
        MP_CLEAR_FLAG(Adapter, fMP_HARDWARE_ERROR);
        NICRunSynchronized(Adapter, NICSyncSetFilter);
        NICRunSynchronized(Adapter, NICSyncUnmask);
    }

    NdisAcquireSpinLock(&Adapter->Lock);
    MP_CLEAR_FLAG(Adapter, fMP_RESET_IN_PROGRESS);
    Request = Adapter->PendingRequest;
    Adapter->PendingRequest = NULL;
    NdisReleaseSpinLock(&Adapter->Lock);

    NdisMResetComplete(Adapter->AdapterHandle, Status, FALSE);

    if (Request != NULL) {
        RequestStatus = MPDispatchRequest(Adapter, Request);
        NdisMOidRequestComplete(Adapter->AdapterHandle, Request, RequestStatus);
        MPDereference(Adapter);
    }
    MPDereference(Adapter);
}

NDIS_STATUS
MPReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    *AddressingReset = FALSE;
    NdisAcquireSpinLock(&Adapter->Lock);
    if (MP_TEST_FLAG(Adapter, fMP_RESET_IN_PROGRESS)) {
        NdisReleaseSpinLock(&Adapter->Lock);
        return NDIS_STATUS_RESET_IN_PROGRESS;
    }
    MP_SET_FLAG(Adapter, fMP_RESET_IN_PROGRESS);
    NdisReleaseSpinLock(&Adapter->Lock);

    NdisInterlockedIncrement(&Adapter->RefCount);
    NdisQueueIoWorkItem(Adapter->ResetWorkItem, MPResetWorker, Adapter);
    return NDIS_STATUS_PENDING;
}

BOOLEAN
MPCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    if (MP_TEST_FLAG(Adapter, fMP_RESET_IN_PROGRESS | fMP_HALT_IN_PROGRESS)) {
        return FALSE;
    }
    return MP_TEST_FLAG(Adapter, fMP_HARDWARE_ERROR) ? TRUE : FALSE;
}

/* ------------------------------------------------------------ pause / restart / PnP */

NDIS_STATUS
MPPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(PauseParameters);
    NdisAcquireSpinLock(&Adapter->Lock);
    MP_SET_FLAG(Adapter, fMP_PAUSED);
    NdisReleaseSpinLock(&Adapter->Lock);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MPRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);
    NdisAcquireSpinLock(&Adapter->Lock);
    MP_CLEAR_FLAG(Adapter, fMP_PAUSED);
    NdisReleaseSpinLock(&Adapter->Lock);
    return NDIS_STATUS_SUCCESS;
}

VOID
MPPnPEventNotify(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    if (NetDevicePnPEvent->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved) {
        MP_SET_FLAG(Adapter, fMP_HARDWARE_ERROR);
    }
}

VOID
MPShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    NW_OUT(Adapter, NW_PORT_INTMASK, 0);
    NW_OUT(Adapter, NW_PORT_COMMAND, NW_CMD_RESET);
}

/* ------------------------------------------------------------ initialize / halt */

static VOID
MPFreeAdapter(PMP_ADAPTER Adapter)
{
    if (Adapter->PollTimer != NULL) {
        NdisCancelTimerObject(Adapter->PollTimer);
        NdisFreeTimerObject(Adapter->PollTimer);
    }
    if (Adapter->ResetWorkItem != NULL) {
        NdisFreeIoWorkItem(Adapter->ResetWorkItem);
    }
    if (Adapter->PortOffset != NULL) {
        NdisMDeregisterIoPortRange(Adapter->AdapterHandle, Adapter->IoBase, NW_IO_LENGTH, Adapter->PortOffset);
    }
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, sizeof(MP_ADAPTER), 0);
}

NDIS_STATUS
MPInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegAttrs;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES GenAttrs;
    NDIS_TIMER_CHARACTERISTICS TimerChars;
    PNDIS_RESOURCE_LIST ResourceList = MiniportInitParameters->AllocatedResources;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor;
    PMP_ADAPTER Adapter;
    NDIS_STATUS Status;
    BOOLEAN HasInterrupt = FALSE;
    LARGE_INTEGER DueTime;
    ULONG Index;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER), NW_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->Flags = fMP_PAUSED;
    Adapter->RefCount = 1;
    Adapter->InterruptHandle = NULL;
    Adapter->PollTimer = NULL;
    Adapter->ResetWorkItem = NULL;
    Adapter->PortOffset = NULL;
    Adapter->PendingRequest = NULL;
    Adapter->Lookahead = NW_MAX_PACKET - 14;
    NdisAllocateSpinLock(&Adapter->Lock);

    NdisZeroMemory(&RegAttrs, sizeof(RegAttrs));
    RegAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.Header.Size = sizeof(RegAttrs);
    RegAttrs.MiniportAdapterContext = Adapter;
    RegAttrs.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE;
    RegAttrs.CheckForHangTimeInSeconds = 4;
    RegAttrs.InterfaceType = NdisInterfaceIsa;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegAttrs);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Status = NDIS_STATUS_RESOURCE_CONFLICT;
    for (Index = 0; ResourceList != NULL && Index < ResourceList->Count; Index++) {
        Descriptor = &ResourceList->PartialDescriptors[Index];
        switch (Descriptor->Type) {
        case CmResourceTypePort:
            Adapter->IoBase = Descriptor->u.Port.Start.LowPart;
            Status = NDIS_STATUS_SUCCESS;
            break;
        case CmResourceTypeInterrupt:
            HasInterrupt = TRUE;
            break;
        default:
            break;
        }
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    Status = NdisMRegisterIoPortRange(&Adapter->PortOffset, MiniportAdapterHandle, Adapter->IoBase, NW_IO_LENGTH);
    if (Status != NDIS_STATUS_SUCCESS) {
        Adapter->PortOffset = NULL;
        goto Fail;
    }
    Status = NICProbe(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    Status = NICResetHardware(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Adapter->ResetWorkItem = NdisAllocateIoWorkItem(MiniportAdapterHandle);
    if (Adapter->ResetWorkItem == NULL) {
        Status = NDIS_STATUS_RESOURCES;
        goto Fail;
    }

    NdisZeroMemory(&GenAttrs, sizeof(GenAttrs));
    GenAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    GenAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    GenAttrs.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    GenAttrs.MediaType = NdisMedium802_3;
    GenAttrs.MtuSize = NW_MAX_PACKET - 14;
    GenAttrs.MaxXmitLinkSpeed = 100000000ULL;
    GenAttrs.MaxRcvLinkSpeed = 100000000ULL;
    GenAttrs.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    GenAttrs.RcvLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    GenAttrs.MediaConnectState = MediaConnectStateUnknown;
    GenAttrs.LookaheadSize = NW_MAX_PACKET - 14;
    GenAttrs.SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST | NDIS_PACKET_TYPE_MULTICAST;
    GenAttrs.MaxMulticastListSize = NW_MAX_MCAST;
    GenAttrs.MacAddressLength = 6;
    NdisMoveMemory(GenAttrs.PermanentMacAddress, Adapter->MacAddress, 6);
    NdisMoveMemory(GenAttrs.CurrentMacAddress, Adapter->MacAddress, 6);
    GenAttrs.IfType = IF_TYPE_ETHERNET_CSMACD;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&GenAttrs);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    if (HasInterrupt) {
        Status = NICRegisterInterrupt(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            goto Fail;
        }
    } else {
        MP_SET_FLAG(Adapter, fMP_POLLED);
        NdisZeroMemory(&TimerChars, sizeof(TimerChars));
        TimerChars.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
        TimerChars.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
        TimerChars.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
        TimerChars.AllocationTag = NW_POOL_TAG;
        TimerChars.TimerFunction = MPPollTimer;
        TimerChars.FunctionContext = Adapter;
        Status = NdisAllocateTimerObject(MiniportAdapterHandle, &TimerChars, &Adapter->PollTimer);
        if (Status != NDIS_STATUS_SUCCESS) {
            Adapter->PollTimer = NULL;
            goto Fail;
        }
        DueTime.QuadPart = -10000LL * NW_POLL_MS;
        NdisSetTimerObject(Adapter->PollTimer, DueTime, NW_POLL_MS, NULL);
    }

    NICRunSynchronized(Adapter, NICSyncSetFilter);
    NICRunSynchronized(Adapter, NICSyncUnmask);
    return NDIS_STATUS_SUCCESS;

Fail:
    NICDeregisterInterrupt(Adapter);
    MPFreeAdapter(Adapter);
    return Status;
}

VOID
MPHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    ULONG Tries;

    NdisAcquireSpinLock(&Adapter->Lock);
    MP_SET_FLAG(Adapter, fMP_HALT_IN_PROGRESS);
    NdisReleaseSpinLock(&Adapter->Lock);

    if (HaltAction != NdisHaltDeviceSurpriseRemoved) {
        NICRunSynchronized(Adapter, NICSyncMask);
    }
    NICDeregisterInterrupt(Adapter);

    /* drop the initial reference, then wait for OIDs and sends in flight */
    NdisInterlockedDecrement(&Adapter->RefCount);
    for (Tries = 0; Tries < NW_HALT_WAIT_TRIES && Adapter->RefCount != 0; Tries++) {
        NdisMSleep(NW_HALT_WAIT_MS * 1000);
    }
    MPFreeAdapter(Adapter);
}

VOID
MPUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(NwDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    MChars.MajorNdisVersion = 6;
    MChars.MinorNdisVersion = 20;
    MChars.MajorDriverVersion = 1;
    MChars.MinorDriverVersion = 2;
    MChars.InitializeHandlerEx = MPInitialize;
    MChars.HaltHandlerEx = MPHalt;
    MChars.UnloadHandler = MPUnload;
    MChars.PauseHandler = MPPause;
    MChars.RestartHandler = MPRestart;
    MChars.OidRequestHandler = MPOidRequest;
    MChars.CancelOidRequestHandler = MPCancelOidRequest;
    MChars.SendNetBufferListsHandler = MPSendNetBufferLists;
    MChars.ReturnNetBufferListsHandler = MPReturnNetBufferLists;
    MChars.CancelSendHandler = MPCancelSendNetBufferLists;
    MChars.CheckForHangHandlerEx = MPCheckForHang;
    MChars.ResetHandlerEx = MPReset;
    MChars.DevicePnPEventNotifyHandler = MPPnPEventNotify;
    MChars.ShutdownHandlerEx = MPShutdown;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &MChars, &NwDriverHandle);
}
