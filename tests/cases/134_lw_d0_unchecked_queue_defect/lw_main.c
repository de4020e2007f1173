/*
 * Case 134_lw_d0_unchecked_queue_defect: a whole NDIS 6.40 miniport for a four-queue MSI-X NIC in
 * three files (lw.h, lw_main.c, lw_queue.c): one MSI-X message per queue plus one for link, a
 * per-queue spin lock and operations table (RX and TX tables with Start / Stop / Service), queue
 * DPCs that re-arm their own vector with NdisMSynchronizeWithInterruptEx(..., MessageId, ...),
 * interlocked send / receive counts, a goto-ladder initialisation with a __try/__except probe of
 * BAR0, KeBugCheckEx for a message number the driver never asked for, and OID_PNP_SET_POWER that
 * gives the interrupt back in D3 and takes it again in D0.
 *
 * The D0 path (LwSetPower) calls LwConnectInterrupt and ignores its status, then restarts every
 * queue: LwStartAllQueues (lw_queue.c) -> Adapter->Queue[i].Ops->Start -> LwQueueStart ->
 * NdisMSynchronizeWithInterruptEx(..., Queue->MessageId, LwSyncArmQueue, Queue).  When the
 * re-registration fails the interrupt is still the one NdisMDeregisterInterruptEx released in D3,
 * so arming the queues synchronizes with a deregistered interrupt.  Pause, restart, reset, halt,
 * the DPCs and the D3 path test InterruptConnected (clean).  Expected: one
 * NdisMDeregisterInterruptEx defect, at the synchronize call in LwQueueStart (lw_queue.c).  Case
 * 135 is the twin that returns the failed status.
 */
#include "lw.h"

static NDIS_HANDLE LwDriverHandle;

static const NDIS_OID LwOids[] = {
    OID_GEN_CURRENT_PACKET_FILTER, OID_GEN_CURRENT_LOOKAHEAD, OID_GEN_MAXIMUM_FRAME_SIZE,
    OID_GEN_LINK_SPEED, OID_GEN_MEDIA_CONNECT_STATUS, OID_GEN_XMIT_OK, OID_GEN_RCV_OK,
    OID_802_3_PERMANENT_ADDRESS, OID_802_3_CURRENT_ADDRESS, OID_802_3_MULTICAST_LIST,
    OID_802_3_MAXIMUM_LIST_SIZE, OID_PNP_QUERY_POWER, OID_PNP_SET_POWER, OID_PNP_ENABLE_WAKE_UP,
};

/* ---------------------------------------------------------------- interrupts */

BOOLEAN
LwSyncWriteFilter(PVOID SynchronizeContext)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)SynchronizeContext;

    LW_WR(Adapter, LW_REG_RXFILTER, Adapter->PacketFilter);
    return TRUE;
}

BOOLEAN
LwIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportInterruptContext;
    ULONG Cause = LW_RD(Adapter, LW_REG_EICR);
    ULONG i;

    UNREFERENCED_PARAMETER(TargetProcessors);
    if (Cause == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    LW_WR(Adapter, LW_REG_EIMC, Cause);
    for (i = 0; i < LW_NUM_QUEUES; i++) {
        Adapter->Queue[i].PendingCause |= Cause & (1u << i);
    }
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
LwDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportInterruptContext;
    ULONG i;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    for (i = 0; i < LW_NUM_QUEUES; i++) {
        if (Adapter->Queue[i].PendingCause != 0) {
            Adapter->Queue[i].PendingCause = 0;
            Adapter->Queue[i].Ops->Service(&Adapter->Queue[i]);
        }
    }
    if (Adapter->InterruptConnected) {
        for (i = 0; i < LW_NUM_QUEUES; i++) {
            NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, LwSyncArmQueue, &Adapter->Queue[i]);
        }
    }
}

BOOLEAN
LwMsgIsr(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PBOOLEAN QueueDefaultInterruptDpc,
         PULONG TargetProcessors)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(TargetProcessors);
    if (MessageId > LW_MSG_LINK) {
        /* the driver asked for exactly LW_NUM_MESSAGES messages */
        KeBugCheckEx(0x000000D1, (ULONG_PTR)Adapter, MessageId, 0, 0);
    }
    LW_WR(Adapter, LW_REG_EIMC, 1u << MessageId);
    if (MessageId < LW_NUM_QUEUES) {
        Adapter->Queue[MessageId].PendingCause = 1;
    }
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
LwMsgDpc(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PVOID MiniportDpcContext,
         PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportInterruptContext;
    PLW_QUEUE Queue;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    if (MessageId == LW_MSG_LINK) {
        Adapter->LinkUp = (LW_RD(Adapter, LW_REG_DEVSTS) & LW_DEVSTS_LINK) ? TRUE : FALSE;
        LW_WR(Adapter, LW_REG_EIMS, 1u << LW_MSG_LINK);
        return;
    }
    if (MessageId >= LW_NUM_QUEUES) {
        return;
    }
    Queue = &Adapter->Queue[MessageId];
    Queue->Ops->Service(Queue);
    if (Adapter->InterruptConnected && Adapter->State == LwAdapterRunning) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, MessageId, LwSyncArmQueue, Queue);
    }
}

VOID
LwEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportInterruptContext;

    LW_WR(Adapter, LW_REG_EIMS, (1u << LW_NUM_MESSAGES) - 1);
}

VOID
LwDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportInterruptContext;

    LW_WR(Adapter, LW_REG_EIMC, 0xFFFFFFFF);
}

VOID
LwEnableMsg(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportInterruptContext;

    LW_WR(Adapter, LW_REG_EIMS, 1u << MessageId);
}

VOID
LwDisableMsg(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportInterruptContext;

    LW_WR(Adapter, LW_REG_EIMC, 1u << MessageId);
}

NDIS_STATUS
LwConnectInterrupt(PLW_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Ic;
    NDIS_STATUS Status;

    NdisZeroMemory(&Ic, sizeof(Ic));
    Ic.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Ic.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Ic.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Ic.InterruptHandler = LwIsr;
    Ic.InterruptDpcHandler = LwDpc;
    Ic.EnableInterruptHandler = LwEnableInterrupt;
    Ic.DisableInterruptHandler = LwDisableInterrupt;
    Ic.MsiSupported = TRUE;
    Ic.MsiSyncWithAllMessages = FALSE;
    Ic.MessageInterruptHandler = LwMsgIsr;
    Ic.MessageInterruptDpcHandler = LwMsgDpc;
    Ic.EnableMessageInterruptHandler = LwEnableMsg;
    Ic.DisableMessageInterruptHandler = LwDisableMsg;

    Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &Ic, &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    Adapter->InterruptConnected = TRUE;
    if (Ic.InterruptType == NDIS_CONNECT_MESSAGE_BASED && Ic.MessageInfoTable != NULL) {
        Adapter->MessageCount = Ic.MessageInfoTable->MessageCount;
        LW_WR(Adapter, LW_REG_GPIE, LW_GPIE_MSIX);
    } else {
        Adapter->MessageCount = 1;
        LW_WR(Adapter, LW_REG_GPIE, 0);
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
LwDisconnectInterrupt(PLW_ADAPTER Adapter)
{
    if (Adapter->InterruptConnected) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptConnected = FALSE;
    }
}

/* ---------------------------------------------------------------- hardware */

static NDIS_STATUS
LwResetChip(PLW_ADAPTER Adapter)
{
    ULONG Wait;

    LW_WR(Adapter, LW_REG_EIMC, 0xFFFFFFFF);
    LW_WR(Adapter, LW_REG_DEVCTL, LW_DEVCTL_RESET);
    for (Wait = 0; Wait < 20; Wait++) {
        NdisMSleep(1000);
        if ((LW_RD(Adapter, LW_REG_DEVCTL) & LW_DEVCTL_RESET) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_HARD_ERRORS;
}

static NDIS_STATUS
LwProbe(PLW_ADAPTER Adapter)
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;

    __try {
        if (LW_RD(Adapter, LW_REG_DEVSTS) == 0xFFFFFFFF) {
            Status = NDIS_STATUS_ADAPTER_NOT_FOUND;
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    return Status;
}

static VOID
LwProgramFilter(PLW_ADAPTER Adapter)
{
    if (Adapter->InterruptConnected) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, LW_MSG_LINK, LwSyncWriteFilter, Adapter);
    }
}

/* ---------------------------------------------------------------- power */

static NDIS_STATUS
LwSetPower(PLW_ADAPTER Adapter, NDIS_DEVICE_POWER_STATE NewState)
{
    NDIS_STATUS Status;

    if (NewState == Adapter->PowerState) {
        return NDIS_STATUS_SUCCESS;
    }
    if (NewState != NdisDeviceStateD0) {
        if (Adapter->PowerState != NdisDeviceStateD0) {
            Adapter->PowerState = NewState;
            return NDIS_STATUS_SUCCESS;
        }
        if (Adapter->InterruptConnected) {
            LwStopAllQueues(Adapter);
        }
        LW_WR(Adapter, LW_REG_WUC, Adapter->WakeUpEnable);
        LwDisconnectInterrupt(Adapter);
        Adapter->State = LwAdapterLowPower;
        Adapter->PowerState = NewState;
        return NDIS_STATUS_SUCCESS;
    }

    /* back to D0 */
    LW_WR(Adapter, LW_REG_WUC, 0);
    Status = LwResetChip(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    (VOID)LwConnectInterrupt(Adapter);     /* the vectors were granted at start; they come back */
    LwStartAllQueues(Adapter);
    Adapter->PowerState = NdisDeviceStateD0;
    Adapter->State = LwAdapterPaused;
    return NDIS_STATUS_SUCCESS;
}

/* ---------------------------------------------------------------- OIDs */

static NDIS_STATUS
LwQuery(PLW_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    ULONG Value = 0;
    ULONG64 Value64;
    PVOID Data = &Value;
    ULONG Length = sizeof(ULONG);
    ULONG i;

    switch (Request->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        Value = Adapter->PacketFilter;
        break;
    case OID_GEN_CURRENT_LOOKAHEAD:
    case OID_GEN_MAXIMUM_FRAME_SIZE:
        Value = LW_MTU;
        break;
    case OID_GEN_LINK_SPEED:
        Value = (ULONG)(LW_LINK_SPEED / 100);
        break;
    case OID_GEN_MEDIA_CONNECT_STATUS:
        Value = Adapter->LinkUp ? MediaConnectStateConnected : MediaConnectStateDisconnected;
        break;
    case OID_GEN_XMIT_OK:
    case OID_GEN_RCV_OK:
        Value64 = 0;
        for (i = 0; i < LW_NUM_QUEUES; i++) {
            if ((Adapter->Queue[i].Ops->Kind == LwQueueTx) == (Request->DATA.QUERY_INFORMATION.Oid == OID_GEN_XMIT_OK)) {
                Value64 += Adapter->Queue[i].Packets;
            }
        }
        Data = &Value64;
        Length = sizeof(Value64);
        break;
    case OID_802_3_PERMANENT_ADDRESS:
    case OID_802_3_CURRENT_ADDRESS:
        Data = Adapter->Mac;
        Length = 6;
        break;
    case OID_802_3_MAXIMUM_LIST_SIZE:
        Value = LW_MAX_MCAST;
        break;
    case OID_PNP_QUERY_POWER:
        Length = 0;
        break;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    if (Request->DATA.QUERY_INFORMATION.InformationBufferLength < Length) {
        Request->DATA.QUERY_INFORMATION.BytesNeeded = Length;
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    NdisMoveMemory(Request->DATA.QUERY_INFORMATION.InformationBuffer, Data, Length);
    Request->DATA.QUERY_INFORMATION.BytesWritten = Length;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
LwSet(PLW_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    PVOID Buffer = Request->DATA.SET_INFORMATION.InformationBuffer;
    ULONG Length = Request->DATA.SET_INFORMATION.InformationBufferLength;

    switch (Request->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (Length < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->PacketFilter = *(PULONG)Buffer;
        LwProgramFilter(Adapter);
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    case OID_GEN_CURRENT_LOOKAHEAD:
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    case OID_802_3_MULTICAST_LIST:
        if (Length > sizeof(Adapter->Mcast) || Length % 6 != 0) {
            return NDIS_STATUS_MULTICAST_FULL;
        }
        NdisMoveMemory(Adapter->Mcast, Buffer, Length);
        Adapter->McastCount = Length / 6;
        Request->DATA.SET_INFORMATION.BytesRead = Length;
        return NDIS_STATUS_SUCCESS;
    case OID_PNP_ENABLE_WAKE_UP:
        if (Length < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->WakeUpEnable = *(PULONG)Buffer;
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    case OID_PNP_SET_POWER:
        if (Length < sizeof(NDIS_DEVICE_POWER_STATE)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(NDIS_DEVICE_POWER_STATE);
        return LwSetPower(Adapter, *(PNDIS_DEVICE_POWER_STATE)Buffer);
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

NDIS_STATUS
LwOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportAdapterContext;

    switch (OidRequest->RequestType) {
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        return LwQuery(Adapter, OidRequest);
    case NdisRequestSetInformation:
        return LwSet(Adapter, OidRequest);
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

VOID
LwCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

/* ---------------------------------------------------------------- data path */

VOID
LwSend(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber,
       ULONG SendFlags)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportAdapterContext;
    PLW_QUEUE Queue = &Adapter->Queue[LW_NUM_QUEUES / 2];
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;
    PNET_BUFFER_LIST Failed = NULL;
    ULONG Slot;

    UNREFERENCED_PARAMETER(PortNumber);

    if (Adapter->State != LwAdapterRunning) {
        for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_PAUSED;
        }
        NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists,
                                        NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
        return;
    }
    NdisAcquireSpinLock(&Queue->Lock);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        Slot = Queue->Tail;
        if (Queue->Slots[Slot] != NULL) {
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_RESOURCES;
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = Failed;
            Failed = Nbl;
            continue;
        }
        Queue->Slots[Slot] = Nbl;
        Queue->Tail = (Slot + 1) % LW_RING_ENTRIES;
        NdisInterlockedIncrement(&Adapter->OutstandingSends);
    }
    LW_WR(Adapter, LW_QREG(Queue->Index, LW_Q_TAIL), Queue->Tail);
    NdisReleaseSpinLock(&Queue->Lock);
    if (Failed != NULL) {
        NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Failed, 0);
    }
}

VOID
LwReturn(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;

    UNREFERENCED_PARAMETER(ReturnFlags);
    while (NetBufferLists != NULL) {
        Nbl = NetBufferLists;
        NetBufferLists = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NdisFreeNetBufferList(Nbl);
        NdisInterlockedDecrement(&Adapter->OutstandingReceives);
    }
}

VOID
LwCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

/* ---------------------------------------------------------------- state */

NDIS_STATUS
LwPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportAdapterContext;
    ULONG i;

    UNREFERENCED_PARAMETER(PauseParameters);
    Adapter->State = LwAdapterPaused;
    if (Adapter->InterruptConnected) {
        LwStopAllQueues(Adapter);
    }
    for (i = LW_NUM_QUEUES / 2; i < LW_NUM_QUEUES; i++) {
        LwCompleteSends(&Adapter->Queue[i], TRUE);
    }
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
LwRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);
    if (!Adapter->InterruptConnected) {
        return NDIS_STATUS_ADAPTER_NOT_READY;
    }
    LwStartAllQueues(Adapter);
    LwProgramFilter(Adapter);
    Adapter->State = LwAdapterRunning;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
LwReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = TRUE;
    if (!Adapter->InterruptConnected) {
        return NDIS_STATUS_ADAPTER_NOT_READY;
    }
    LwStopAllQueues(Adapter);
    Status = LwResetChip(Adapter);
    if (Status == NDIS_STATUS_SUCCESS) {
        LwStartAllQueues(Adapter);
    }
    return Status;
}

BOOLEAN
LwCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportAdapterContext;

    if (Adapter->State != LwAdapterRunning) {
        return FALSE;
    }
    return (LW_RD(Adapter, LW_REG_DEVSTS) == 0xFFFFFFFF) ? TRUE : FALSE;
}

VOID
LwPnpEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
LwShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    LW_WR(Adapter, LW_REG_EIMC, 0xFFFFFFFF);
    LW_WR(Adapter, LW_REG_DEVCTL, LW_DEVCTL_RESET);
}

/* ---------------------------------------------------------------- init / halt */

NDIS_STATUS
LwInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES Gen;
    NET_BUFFER_LIST_POOL_PARAMETERS PoolParameters;
    PNDIS_RESOURCE_LIST Resources = MiniportInitParameters->AllocatedResources;
    PLW_ADAPTER Adapter;
    NDIS_STATUS Status;
    BOOLEAN HaveInterrupt = FALSE;
    BOOLEAN HaveBar = FALSE;
    ULONG i;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(*Adapter), LW_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(*Adapter));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->State = LwAdapterStopped;
    Adapter->PowerState = NdisDeviceStateD0;
    Adapter->InterruptConnected = FALSE;
    for (i = 0; i < LW_NUM_QUEUES; i++) {
        LwQueueInit(Adapter, i);
    }

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    Reg.CheckForHangTimeInSeconds = 2;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto err_free;
    }

    for (i = 0; Resources != NULL && i < Resources->Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc = &Resources->PartialDescriptors[i];

        if (Desc->Type == CmResourceTypeMemory && !HaveBar) {
            Adapter->Bar0Physical = Desc->u.Memory.Start;
            HaveBar = TRUE;
        } else if (Desc->Type == CmResourceTypeInterrupt) {
            HaveInterrupt = TRUE;
        }
    }
    if (!HaveBar || !HaveInterrupt) {
        Status = NDIS_STATUS_RESOURCE_CONFLICT;
        goto err_free;
    }
    Status = NdisMMapIoSpace((PVOID *)&Adapter->Bar0, MiniportAdapterHandle, Adapter->Bar0Physical, LW_BAR0_LENGTH);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto err_free;
    }
    Status = LwProbe(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto err_unmap;
    }
    Status = LwResetChip(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto err_unmap;
    }

    NdisZeroMemory(&PoolParameters, sizeof(PoolParameters));
    PoolParameters.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    PoolParameters.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    PoolParameters.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    PoolParameters.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
    PoolParameters.fAllocateNetBuffer = TRUE;
    PoolParameters.PoolTag = LW_TAG;
    Adapter->NblPool = NdisAllocateNetBufferListPool(MiniportAdapterHandle, &PoolParameters);
    if (Adapter->NblPool == NULL) {
        Status = NDIS_STATUS_RESOURCES;
        goto err_unmap;
    }

    Status = LwConnectInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto err_pool;
    }
    if (Adapter->MessageCount < LW_NUM_MESSAGES) {
        /* without a vector per queue the rings cannot be steered */
        Status = NDIS_STATUS_RESOURCES;
        goto err_interrupt;
    }

    NdisZeroMemory(&Gen, sizeof(Gen));
    Gen.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    Gen.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    Gen.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    Gen.MediaType = NdisMedium802_3;
    Gen.PhysicalMediumType = NdisPhysicalMedium802_3;
    Gen.MtuSize = LW_MTU;
    Gen.MaxXmitLinkSpeed = LW_LINK_SPEED;
    Gen.MaxRcvLinkSpeed = LW_LINK_SPEED;
    Gen.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    Gen.RcvLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    Gen.MediaConnectState = MediaConnectStateUnknown;
    Gen.LookaheadSize = LW_MTU;
    Gen.SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST | NDIS_PACKET_TYPE_BROADCAST;
    Gen.MaxMulticastListSize = LW_MAX_MCAST;
    Gen.MacAddressLength = 6;
    Gen.SupportedOidList = (PNDIS_OID)LwOids;
    Gen.SupportedOidListLength = sizeof(LwOids);
    Gen.IfType = IF_TYPE_ETHERNET_CSMACD;
    Gen.IfConnectorPresent = TRUE;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Gen);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto err_interrupt;
    }

    LwStartAllQueues(Adapter);
    Adapter->State = LwAdapterPaused;
    return NDIS_STATUS_SUCCESS;

err_interrupt:
    LwDisconnectInterrupt(Adapter);
err_pool:
    NdisFreeNetBufferListPool(Adapter->NblPool);
err_unmap:
    NdisMUnmapIoSpace(MiniportAdapterHandle, (PVOID)Adapter->Bar0, LW_BAR0_LENGTH);
err_free:
    for (i = 0; i < LW_NUM_QUEUES; i++) {
        NdisFreeSpinLock(&Adapter->Queue[i].Lock);
    }
    NdisFreeMemory(Adapter, sizeof(*Adapter), 0);
    return Status;
}

VOID
LwHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PLW_ADAPTER Adapter = (PLW_ADAPTER)MiniportAdapterContext;
    ULONG i;

    UNREFERENCED_PARAMETER(HaltAction);
    Adapter->State = LwAdapterHalting;
    if (Adapter->InterruptConnected) {
        LwStopAllQueues(Adapter);
    }
    LwDisconnectInterrupt(Adapter);
    for (i = LW_NUM_QUEUES / 2; i < LW_NUM_QUEUES; i++) {
        LwCompleteSends(&Adapter->Queue[i], TRUE);
    }
    NdisFreeNetBufferListPool(Adapter->NblPool);
    NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Bar0, LW_BAR0_LENGTH);
    for (i = 0; i < LW_NUM_QUEUES; i++) {
        NdisFreeSpinLock(&Adapter->Queue[i].Lock);
    }
    NdisFreeMemory(Adapter, sizeof(*Adapter), 0);
}

VOID
LwUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(LwDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Mc;

    NdisZeroMemory(&Mc, sizeof(Mc));
    Mc.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Mc.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Mc.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Mc.MajorNdisVersion = 6;
    Mc.MinorNdisVersion = 40;
    Mc.MajorDriverVersion = 1;
    Mc.MinorDriverVersion = 0;
    Mc.InitializeHandlerEx = LwInitialize;
    Mc.HaltHandlerEx = LwHalt;
    Mc.UnloadHandler = LwUnload;
    Mc.PauseHandler = LwPause;
    Mc.RestartHandler = LwRestart;
    Mc.OidRequestHandler = LwOidRequest;
    Mc.CancelOidRequestHandler = LwCancelOidRequest;
    Mc.SendNetBufferListsHandler = LwSend;
    Mc.ReturnNetBufferListsHandler = LwReturn;
    Mc.CancelSendHandler = LwCancelSend;
    Mc.CheckForHangHandlerEx = LwCheckForHang;
    Mc.ResetHandlerEx = LwReset;
    Mc.DevicePnPEventNotifyHandler = LwPnpEvent;
    Mc.ShutdownHandlerEx = LwShutdown;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Mc, &LwDriverHandle);
}
