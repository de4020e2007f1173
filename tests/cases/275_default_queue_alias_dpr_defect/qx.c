/*
 * Case 275_default_queue_alias_dpr_defect: case 270 with a default queue for non-RSS traffic,
 * kept as a pointer into the queue array (`Adapter->DefaultQueue = &Adapter->Queues[QX_DEFAULT_QUEUE]`,
 * set once in initialize).  QxFlushQueue(Adapter, Queue) drops what a queue has not indicated; it
 * runs at PASSIVE_LEVEL from pause (every queue, variable index) and takes the queue lock itself
 * with NdisAcquireSpinLock.  The DPC's link-down handling takes the default queue's lock with
 * NdisDprAcquireSpinLock through Adapter->DefaultQueue and, while holding it, calls
 * QxFlushQueue(Adapter, &Adapter->Queues[QX_DEFAULT_QUEUE]): the same NDIS_SPIN_LOCK reached by
 * another access path, acquired again with the non-Dpr variant.  The path goes on: the flush
 * releases the lock, so the DPC's NdisDprReleaseSpinLock releases a lock no longer held.
 * Expected: 1 NdisSpinLock defect, NdisAcquireSpinLock in QxFlushQueue (double acquire); the
 * DPC's release after it never runs on that path (the processor deadlocks): not reported.
 */

#include <ndis.h>

#define QX_POOL_TAG             'x4QQ'
#define QX_NDIS_MAJOR_VERSION   6
#define QX_NDIS_MINOR_VERSION   20
#define QX_REG_WINDOW_SIZE      0x1000

#define QX_REG_CONTROL          0x000
#define QX_REG_INT_CAUSE        0x004
#define QX_REG_INT_MASK         0x008
#define QX_REG_RX_FILTER        0x00C
#define QX_REG_TX_TAIL          0x010
#define QX_REG_TX_DONE          0x014
#define QX_REG_MCAST_COUNT      0x018
#define QX_QREG(_Q, _R)         (0x100 + (_Q) * 0x40 + (_R))
#define QX_Q_RX_HEAD            0x00
#define QX_Q_RX_TAIL            0x04

#define QX_INT_TX               0x00000001
#define QX_INT_LINK             0x00000002
#define QX_INT_RXQ(_Q)          (0x00000100 << (_Q))
#define QX_INT_ALL              0x00000F03
#define QX_CONTROL_RESET        0x80000000

#define QX_MAX_QUEUES           4
#define QX_DEFAULT_QUEUE        0
#define QX_TX_RING_SIZE         256
#define QX_RX_RING_SIZE         256
#define QX_RX_BUDGET            64
#define QX_MAX_MCAST            32

#define QX_MAX_STALL_US             50      // NdisStallExecution limit
#define QX_DEFAULT_RESET_SETTLE_US  20
#define QX_DEFAULT_RESET_TIMEOUT_US 5000
#define QX_RESET_POLL_US            10

#define QX_READ_REG(_A, _R)      ((_A)->Registers[(_R) / sizeof(ULONG)])
#define QX_WRITE_REG(_A, _R, _V) ((_A)->Registers[(_R) / sizeof(ULONG)] = (ULONG)(_V))

typedef struct _QX_ADAPTER *PQX_ADAPTER;

typedef struct _QX_QUEUE {
    NDIS_SPIN_LOCK          Lock;
    PQX_ADAPTER             Adapter;
    ULONG                   Index;
    BOOLEAN                 Enabled;
    ULONG                   RxHead;
    ULONG                   Outstanding;        // NBLs indicated, not yet returned
    ULONG64                 FramesReceived;
    PNET_BUFFER_LIST        RxFreeList;
} QX_QUEUE, *PQX_QUEUE;

typedef struct _QX_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    NDIS_HANDLE             InterruptHandle;
    BOOLEAN                 InterruptRegistered;
    volatile ULONG         *Registers;
    ULONG                   PendingEvents;      // ISR -> DPC
    ULONG                   PacketFilter;
    BOOLEAN                 MediaConnected;
    BOOLEAN                 Paused;
    BOOLEAN                 Halting;

    NDIS_SPIN_LOCK          TxLock;             // TxFree, TxWait*, TxPosted*
    ULONG                   TxFree;
    PNET_BUFFER_LIST        TxWaitHead;
    PNET_BUFFER_LIST        TxWaitTail;
    PNET_BUFFER_LIST        TxPostedHead;
    PNET_BUFFER_LIST        TxPostedTail;
    ULONG64                 FramesSent;

    ULONG                   NumQueues;
    QX_QUEUE                Queues[QX_MAX_QUEUES];
    PQX_QUEUE               DefaultQueue;       // &Queues[QX_DEFAULT_QUEUE]

    PNDIS_RW_LOCK_EX        FilterLock;         // multicast table
    ULONG                   MulticastCount;
    UCHAR                   MulticastList[QX_MAX_MCAST][ETH_LENGTH_OF_ADDRESS];

    ULONG                   ResetSettleUs;      // registry, clamped to QX_MAX_STALL_US
    ULONG                   ResetTimeoutUs;     // registry
} QX_ADAPTER;

NDIS_HANDLE QxDriverHandle;

MINIPORT_SYNCHRONIZE_INTERRUPT QxDisableInterruptSync;
MINIPORT_SYNCHRONIZE_INTERRUPT QxEnableInterruptSync;
MINIPORT_SYNCHRONIZE_INTERRUPT QxSetFilterSync;
MINIPORT_ISR QxIsr;
MINIPORT_INTERRUPT_DPC QxDpc;
MINIPORT_ENABLE_INTERRUPT QxEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT QxDisableInterrupt;
MINIPORT_INITIALIZE QxInitializeEx;
MINIPORT_HALT QxHaltEx;
MINIPORT_PAUSE QxPause;
MINIPORT_RESTART QxRestart;
MINIPORT_OID_REQUEST QxOidRequest;
MINIPORT_CANCEL_OID_REQUEST QxCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS QxSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS QxReturnNetBufferLists;
MINIPORT_CANCEL_SEND QxCancelSend;
MINIPORT_CHECK_FOR_HANG QxCheckForHang;
MINIPORT_RESET QxReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY QxDevicePnPEvent;
MINIPORT_SHUTDOWN QxShutdown;
MINIPORT_SET_OPTIONS QxSetOptions;
MINIPORT_UNLOAD QxUnload;
DRIVER_INITIALIZE DriverEntry;

//
// Transmit lock helpers.  AtDispatch: the caller already runs at DISPATCH_LEVEL.
//
static VOID
QxLockTx(PQX_ADAPTER Adapter, BOOLEAN AtDispatch)
{
    if (AtDispatch) {
        NdisDprAcquireSpinLock(&Adapter->TxLock);
    } else {
        NdisAcquireSpinLock(&Adapter->TxLock);
    }
}

static VOID
QxUnlockTx(PQX_ADAPTER Adapter, BOOLEAN AtDispatch)
{
    if (AtDispatch) {
        NdisDprReleaseSpinLock(&Adapter->TxLock);
    } else {
        NdisReleaseSpinLock(&Adapter->TxLock);
    }
}

BOOLEAN
QxDisableInterruptSync(PVOID SynchronizeContext)
{
    PQX_ADAPTER Adapter = (PQX_ADAPTER)SynchronizeContext;

    QX_WRITE_REG(Adapter, QX_REG_INT_MASK, 0);
    return TRUE;
}

BOOLEAN
QxEnableInterruptSync(PVOID SynchronizeContext)
{
    PQX_ADAPTER Adapter = (PQX_ADAPTER)SynchronizeContext;

    QX_WRITE_REG(Adapter, QX_REG_INT_MASK, QX_INT_ALL);
    return TRUE;
}

BOOLEAN
QxSetFilterSync(PVOID SynchronizeContext)
{
    PQX_ADAPTER Adapter = (PQX_ADAPTER)SynchronizeContext;

    QX_WRITE_REG(Adapter, QX_REG_RX_FILTER, Adapter->PacketFilter);
    return TRUE;
}

static NDIS_STATUS
QxMapRegisters(PQX_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    for (i = 0; i < Resources->Count; i++) {
        Descriptor = &Resources->PartialDescriptors[i];
        if (Descriptor->Type == CmResourceTypeMemory && Descriptor->u.Memory.Length >= QX_REG_WINDOW_SIZE) {
            return NdisMMapIoSpace((PVOID *)&Adapter->Registers, Adapter->AdapterHandle,
                                   Descriptor->u.Memory.Start, QX_REG_WINDOW_SIZE);
        }
    }
    return NDIS_STATUS_ADAPTER_NOT_FOUND;
}

//
// Read the tunables.  ResetSettleUs is stalled on at DISPATCH_LEVEL: never above 50 us.
//
static VOID
QxReadRegistry(PQX_ADAPTER Adapter)
{
    NDIS_CONFIGURATION_OBJECT ConfigObject;
    NDIS_HANDLE ConfigHandle = NULL;
    PNDIS_CONFIGURATION_PARAMETER Param = NULL;
    NDIS_STATUS Status;
    NDIS_STRING SettleKey = NDIS_STRING_CONST("ResetSettleUs");
    NDIS_STRING TimeoutKey = NDIS_STRING_CONST("ResetTimeoutUs");
    NDIS_STRING QueuesKey = NDIS_STRING_CONST("*NumRssQueues");

    Adapter->ResetSettleUs = QX_DEFAULT_RESET_SETTLE_US;
    Adapter->ResetTimeoutUs = QX_DEFAULT_RESET_TIMEOUT_US;
    Adapter->NumQueues = QX_MAX_QUEUES;

    NdisZeroMemory(&ConfigObject, sizeof(ConfigObject));
    ConfigObject.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
    ConfigObject.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
    ConfigObject.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
    ConfigObject.NdisHandle = Adapter->AdapterHandle;
    ConfigObject.Flags = 0;
    Status = NdisOpenConfigurationEx(&ConfigObject, &ConfigHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return;
    }

    NdisReadConfiguration(&Status, &Param, ConfigHandle, &SettleKey, NdisParameterInteger);
    if (Status == NDIS_STATUS_SUCCESS) {
        Adapter->ResetSettleUs = min(Param->ParameterData.IntegerData, QX_MAX_STALL_US);
    }
    NdisReadConfiguration(&Status, &Param, ConfigHandle, &TimeoutKey, NdisParameterInteger);
    if (Status == NDIS_STATUS_SUCCESS && Param->ParameterData.IntegerData != 0) {
        Adapter->ResetTimeoutUs = Param->ParameterData.IntegerData;
    }
    NdisReadConfiguration(&Status, &Param, ConfigHandle, &QueuesKey, NdisParameterInteger);
    if (Status == NDIS_STATUS_SUCCESS && Param->ParameterData.IntegerData >= 1 &&
        Param->ParameterData.IntegerData <= QX_MAX_QUEUES) {
        Adapter->NumQueues = Param->ParameterData.IntegerData;
    }
    NdisCloseConfiguration(ConfigHandle);
}

static NDIS_STATUS
QxHwReset(PQX_ADAPTER Adapter)
{
    ULONG Waited;

    QX_WRITE_REG(Adapter, QX_REG_INT_MASK, 0);
    QX_WRITE_REG(Adapter, QX_REG_CONTROL, QX_CONTROL_RESET);
    NdisStallExecution(Adapter->ResetSettleUs);
    for (Waited = 0; Waited < Adapter->ResetTimeoutUs; Waited += QX_RESET_POLL_US) {
        if ((QX_READ_REG(Adapter, QX_REG_CONTROL) & QX_CONTROL_RESET) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
        NdisStallExecution(QX_RESET_POLL_US);
    }
    return NDIS_STATUS_HARD_ERRORS;
}

static VOID
QxFreeAdapter(PQX_ADAPTER Adapter)
{
    ULONG i;

    if (Adapter->Registers != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Registers, QX_REG_WINDOW_SIZE);
        Adapter->Registers = NULL;
    }
    if (Adapter->FilterLock != NULL) {
        NdisFreeRWLock(Adapter->FilterLock);
        Adapter->FilterLock = NULL;
    }
    for (i = 0; i < QX_MAX_QUEUES; i++) {
        NdisFreeSpinLock(&Adapter->Queues[i].Lock);
    }
    NdisFreeSpinLock(&Adapter->TxLock);
    NdisFreeMemory(Adapter, sizeof(QX_ADAPTER), 0);
}

//
// Give the receive buffers the queue holds back to its free list and rewind the ring.  Takes the
// queue lock itself.
//
static VOID
QxFlushQueue(PQX_ADAPTER Adapter, PQX_QUEUE Queue)
{
    NdisAcquireSpinLock(&Queue->Lock);      // defect: NdisSpinLock
    Queue->RxHead = QX_READ_REG(Adapter, QX_QREG(Queue->Index, QX_Q_RX_HEAD)) % QX_RX_RING_SIZE;
    QX_WRITE_REG(Adapter, QX_QREG(Queue->Index, QX_Q_RX_TAIL), Queue->RxHead);
    NdisReleaseSpinLock(&Queue->Lock);
}

//
// Post what waits for ring space.  TxLockHeld: the caller holds TxLock (any IRQL); otherwise
// the caller runs at DISPATCH_LEVEL without it.
//
static ULONG
QxTransmitWaiting(PQX_ADAPTER Adapter, BOOLEAN TxLockHeld)
{
    PNET_BUFFER_LIST Nbl;
    ULONG Posted = 0;

    if (!TxLockHeld) {
        QxLockTx(Adapter, TRUE);
    }
    while (Adapter->TxFree != 0 && (Nbl = Adapter->TxWaitHead) != NULL) {
        Adapter->TxWaitHead = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        if (Adapter->TxWaitHead == NULL) {
            Adapter->TxWaitTail = NULL;
        }
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        if (Adapter->TxPostedTail != NULL) {
            NET_BUFFER_LIST_NEXT_NBL(Adapter->TxPostedTail) = Nbl;
        } else {
            Adapter->TxPostedHead = Nbl;
        }
        Adapter->TxPostedTail = Nbl;
        Adapter->TxFree--;
        Posted++;
    }
    if (Posted != 0) {
        QX_WRITE_REG(Adapter, QX_REG_TX_TAIL, QX_TX_RING_SIZE - Adapter->TxFree);
    }
    if (!TxLockHeld) {
        QxUnlockTx(Adapter, TRUE);
    }
    return Posted;
}

//
// Take the first Count posted sends off the posted list (TxLock held); returns the chain.
//
static PNET_BUFFER_LIST
QxTakeCompletedSends(PQX_ADAPTER Adapter, ULONG Count)
{
    PNET_BUFFER_LIST Head = Adapter->TxPostedHead;
    PNET_BUFFER_LIST Last = NULL;
    PNET_BUFFER_LIST Nbl = Head;

    while (Count != 0 && Nbl != NULL) {
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
        Adapter->TxFree++;
        Adapter->FramesSent++;
        Last = Nbl;
        Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        Count--;
    }
    if (Last == NULL) {
        return NULL;
    }
    NET_BUFFER_LIST_NEXT_NBL(Last) = NULL;
    Adapter->TxPostedHead = Nbl;
    if (Nbl == NULL) {
        Adapter->TxPostedTail = NULL;
    }
    return Head;
}

//
// Receive on every queue the ISR flagged, under the multicast table's read lock.
//
static VOID
QxServiceRxQueues(PQX_ADAPTER Adapter, ULONG Events)
{
    LOCK_STATE_EX FilterState;
    ULONG i;

    NdisAcquireRWLockRead(Adapter->FilterLock, &FilterState, NDIS_RWL_AT_DISPATCH_LEVEL);
    for (i = 0; i < Adapter->NumQueues; i++) {
        PQX_QUEUE Queue = &Adapter->Queues[i];
        PNET_BUFFER_LIST Head = NULL;
        PNET_BUFFER_LIST Nbl;
        ULONG HwHead;
        ULONG Count = 0;

        if ((Events & QX_INT_RXQ(i)) == 0) {
            continue;
        }
        NdisDprAcquireSpinLock(&Queue->Lock);
        if (!Queue->Enabled) {
            NdisDprReleaseSpinLock(&Queue->Lock);
            continue;
        }
        if (Adapter->Halting) {
            NdisDprReleaseSpinLock(&Queue->Lock);
            break;
        }
        HwHead = QX_READ_REG(Adapter, QX_QREG(i, QX_Q_RX_HEAD)) % QX_RX_RING_SIZE;
        while (Queue->RxHead != HwHead && Count < QX_RX_BUDGET && (Nbl = Queue->RxFreeList) != NULL) {
            Queue->RxFreeList = NET_BUFFER_LIST_NEXT_NBL(Nbl);
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = Head;
            Nbl->MiniportReserved[0] = Queue;
            Head = Nbl;
            Queue->RxHead = (Queue->RxHead + 1) % QX_RX_RING_SIZE;
            Count++;
        }
        Queue->Outstanding += Count;
        Queue->FramesReceived += Count;
        QX_WRITE_REG(Adapter, QX_QREG(i, QX_Q_RX_TAIL), Queue->RxHead);
        NdisDprReleaseSpinLock(&Queue->Lock);

        if (Head != NULL) {
            NdisMIndicateReceiveNetBufferLists(Adapter->AdapterHandle, Head, NDIS_DEFAULT_PORT_NUMBER,
                                               Count, NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL);
        }
    }
    NdisReleaseRWLock(Adapter->FilterLock, &FilterState);
}

BOOLEAN
QxIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PQX_ADAPTER Adapter = (PQX_ADAPTER)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Cause = QX_READ_REG(Adapter, QX_REG_INT_CAUSE) & QX_INT_ALL;
    if (Cause == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    QX_WRITE_REG(Adapter, QX_REG_INT_MASK, 0);
    QX_WRITE_REG(Adapter, QX_REG_INT_CAUSE, Cause);
    Adapter->PendingEvents |= Cause;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
QxDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PQX_ADAPTER Adapter = (PQX_ADAPTER)MiniportInterruptContext;
    PNET_BUFFER_LIST Done = NULL;
    ULONG Events;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Events = Adapter->PendingEvents;
    Adapter->PendingEvents = 0;

    if (Events & QX_INT_TX) {
        ULONG Completed = QX_READ_REG(Adapter, QX_REG_TX_DONE) % QX_TX_RING_SIZE;

        QxLockTx(Adapter, TRUE);
        Done = QxTakeCompletedSends(Adapter, Completed);
        QxUnlockTx(Adapter, TRUE);
        if (Done != NULL) {
            NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Done,
                                            NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
        }
        QxTransmitWaiting(Adapter, FALSE);
    }
    if (Events & QX_INT_LINK) {
        Adapter->MediaConnected = !Adapter->MediaConnected;
        NdisDprAcquireSpinLock(&Adapter->DefaultQueue->Lock);
        Adapter->DefaultQueue->Enabled = Adapter->MediaConnected && !Adapter->Paused;
        if (!Adapter->MediaConnected) {
            QxFlushQueue(Adapter, &Adapter->Queues[QX_DEFAULT_QUEUE]);     // BUG: holds that lock
        }
        NdisDprReleaseSpinLock(&Adapter->DefaultQueue->Lock);
    }
    QxServiceRxQueues(Adapter, Events);
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, QxEnableInterruptSync, Adapter);
}

VOID
QxEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PQX_ADAPTER Adapter = (PQX_ADAPTER)MiniportInterruptContext;

    QX_WRITE_REG(Adapter, QX_REG_INT_MASK, QX_INT_ALL);
}

VOID
QxDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PQX_ADAPTER Adapter = (PQX_ADAPTER)MiniportInterruptContext;

    QX_WRITE_REG(Adapter, QX_REG_INT_MASK, 0);
}

NDIS_STATUS
QxInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PQX_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS InterruptChars;
    ULONG i;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(QX_ADAPTER),
                                                QX_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(QX_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->TxFree = QX_TX_RING_SIZE;
    Adapter->Paused = TRUE;
    NdisAllocateSpinLock(&Adapter->TxLock);
    for (i = 0; i < QX_MAX_QUEUES; i++) {
        NdisAllocateSpinLock(&Adapter->Queues[i].Lock);
        Adapter->Queues[i].Adapter = Adapter;
        Adapter->Queues[i].Index = i;
    }
    Adapter->DefaultQueue = &Adapter->Queues[QX_DEFAULT_QUEUE];

    NdisZeroMemory(&RegistrationAttributes, sizeof(RegistrationAttributes));
    RegistrationAttributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegistrationAttributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegistrationAttributes.Header.Size = sizeof(RegistrationAttributes);
    RegistrationAttributes.MiniportAdapterContext = Adapter;
    RegistrationAttributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE |
                                            NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    RegistrationAttributes.CheckForHangTimeInSeconds = 2;
    RegistrationAttributes.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegistrationAttributes);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    QxReadRegistry(Adapter);
    Adapter->FilterLock = NdisAllocateRWLock(MiniportAdapterHandle);
    if (Adapter->FilterLock == NULL) {
        Status = NDIS_STATUS_RESOURCES;
        goto Fail;
    }
    Status = QxMapRegisters(Adapter, MiniportInitParameters);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    NdisZeroMemory(&InterruptChars, sizeof(InterruptChars));
    InterruptChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    InterruptChars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    InterruptChars.Header.Size = sizeof(NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS);
    InterruptChars.InterruptHandler = QxIsr;
    InterruptChars.InterruptDpcHandler = QxDpc;
    InterruptChars.DisableInterruptHandler = QxDisableInterrupt;
    InterruptChars.EnableInterruptHandler = QxEnableInterrupt;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &InterruptChars,
                                      &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    Adapter->InterruptRegistered = TRUE;

    Status = QxHwReset(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, QxEnableInterruptSync, Adapter);
    return NDIS_STATUS_SUCCESS;

Fail:
    if (Adapter->InterruptRegistered) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptRegistered = FALSE;
    }
    QxFreeAdapter(Adapter);
    return Status;
}

VOID
QxHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PQX_ADAPTER Adapter = (PQX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    QxLockTx(Adapter, FALSE);
    Adapter->Halting = TRUE;
    QxUnlockTx(Adapter, FALSE);

    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, QxDisableInterruptSync, Adapter);
    if (Adapter->InterruptRegistered) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptRegistered = FALSE;
    }
    QxFreeAdapter(Adapter);
}

NDIS_STATUS
QxPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PQX_ADAPTER Adapter = (PQX_ADAPTER)MiniportAdapterContext;
    ULONG i;

    UNREFERENCED_PARAMETER(PauseParameters);

    QxLockTx(Adapter, FALSE);
    Adapter->Paused = TRUE;
    QxUnlockTx(Adapter, FALSE);
    for (i = 0; i < Adapter->NumQueues; i++) {
        NdisAcquireSpinLock(&Adapter->Queues[i].Lock);
        Adapter->Queues[i].Enabled = FALSE;
        NdisReleaseSpinLock(&Adapter->Queues[i].Lock);
        QxFlushQueue(Adapter, &Adapter->Queues[i]);
    }
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
QxRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PQX_ADAPTER Adapter = (PQX_ADAPTER)MiniportAdapterContext;
    ULONG i;

    UNREFERENCED_PARAMETER(RestartParameters);

    for (i = 0; i < Adapter->NumQueues; i++) {
        PQX_QUEUE Queue = &Adapter->Queues[i];

        NdisAcquireSpinLock(&Queue->Lock);
        Queue->Enabled = TRUE;
        NdisReleaseSpinLock(&Queue->Lock);
    }
    QxLockTx(Adapter, FALSE);
    Adapter->Paused = FALSE;
    QxTransmitWaiting(Adapter, TRUE);
    QxUnlockTx(Adapter, FALSE);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
QxSetMulticastList(PQX_ADAPTER Adapter, PVOID Buffer, ULONG Length)
{
    LOCK_STATE_EX LockState;

    if (Length % ETH_LENGTH_OF_ADDRESS != 0) {
        return NDIS_STATUS_INVALID_LENGTH;
    }
    if (Length / ETH_LENGTH_OF_ADDRESS > QX_MAX_MCAST) {
        return NDIS_STATUS_MULTICAST_FULL;
    }
    NdisAcquireRWLockWrite(Adapter->FilterLock, &LockState, 0);
    NdisMoveMemory(Adapter->MulticastList, Buffer, Length);
    Adapter->MulticastCount = Length / ETH_LENGTH_OF_ADDRESS;
    QX_WRITE_REG(Adapter, QX_REG_MCAST_COUNT, Adapter->MulticastCount);
    NdisReleaseRWLock(Adapter->FilterLock, &LockState);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
QxSetInformation(PQX_ADAPTER Adapter, PNDIS_OID_REQUEST OidRequest)
{
    PVOID Buffer = OidRequest->DATA.SET_INFORMATION.InformationBuffer;
    UINT Length = OidRequest->DATA.SET_INFORMATION.InformationBufferLength;
    NDIS_STATUS Status;

    switch (OidRequest->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (Length < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->PacketFilter = *(PULONG)Buffer;
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, QxSetFilterSync, Adapter);
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;

    case OID_802_3_MULTICAST_LIST:
        Status = QxSetMulticastList(Adapter, Buffer, Length);
        if (Status == NDIS_STATUS_SUCCESS) {
            OidRequest->DATA.SET_INFORMATION.BytesRead = Length;
        }
        return Status;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static NDIS_STATUS
QxQueryInformation(PQX_ADAPTER Adapter, PNDIS_OID_REQUEST OidRequest)
{
    PVOID Buffer = OidRequest->DATA.QUERY_INFORMATION.InformationBuffer;
    UINT Length = OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength;
    ULONG64 Total = 0;
    ULONG i;

    switch (OidRequest->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_XMIT_OK:
        if (Length < sizeof(ULONG64)) {
            OidRequest->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG64);
            return NDIS_STATUS_BUFFER_TOO_SHORT;
        }
        QxLockTx(Adapter, FALSE);
        *(ULONG64 *)Buffer = Adapter->FramesSent;
        QxUnlockTx(Adapter, FALSE);
        OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
        return NDIS_STATUS_SUCCESS;

    case OID_GEN_RCV_OK:
        if (Length < sizeof(ULONG64)) {
            OidRequest->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG64);
            return NDIS_STATUS_BUFFER_TOO_SHORT;
        }
        for (i = 0; i < Adapter->NumQueues; i++) {
            PQX_QUEUE Queue = &Adapter->Queues[i];

            NdisAcquireSpinLock(&Queue->Lock);
            Total += Queue->FramesReceived;
            NdisReleaseSpinLock(&Queue->Lock);
        }
        *(ULONG64 *)Buffer = Total;
        OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

NDIS_STATUS
QxOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PQX_ADAPTER Adapter = (PQX_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    switch (OidRequest->RequestType) {
    case NdisRequestSetInformation:
        Status = QxSetInformation(Adapter, OidRequest);
        break;
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        Status = QxQueryInformation(Adapter, OidRequest);
        break;
    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }
    return Status;
}

VOID
QxCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
QxSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PQX_ADAPTER Adapter = (PQX_ADAPTER)MiniportAdapterContext;
    BOOLEAN AtDispatch = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ? TRUE : FALSE;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;
    PNET_BUFFER_LIST FailHead = NULL;
    NDIS_STATUS FailStatus = NDIS_STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(PortNumber);

    if (!Adapter->MediaConnected) {
        FailStatus = NDIS_STATUS_MEDIA_DISCONNECTED;
        FailHead = NetBufferLists;
        goto CompleteFailed;
    }

    QxLockTx(Adapter, AtDispatch);
    if (Adapter->Paused || Adapter->Halting) {
        FailStatus = NDIS_STATUS_PAUSED;
        FailHead = NetBufferLists;
        goto Exit;
    }
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        if (NET_BUFFER_LIST_FIRST_NB(Nbl) == NULL) {
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_INVALID_PACKET;
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = FailHead;
            FailHead = Nbl;
            continue;
        }
        if (Adapter->TxWaitTail != NULL) {
            NET_BUFFER_LIST_NEXT_NBL(Adapter->TxWaitTail) = Nbl;
        } else {
            Adapter->TxWaitHead = Nbl;
        }
        Adapter->TxWaitTail = Nbl;
    }
    QxTransmitWaiting(Adapter, TRUE);

Exit:
    QxUnlockTx(Adapter, AtDispatch);

CompleteFailed:
    if (FailHead == NULL) {
        return;
    }
    if (FailStatus != NDIS_STATUS_SUCCESS) {
        for (Nbl = FailHead; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            NET_BUFFER_LIST_STATUS(Nbl) = FailStatus;
        }
    }
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, FailHead,
                                    AtDispatch ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
QxReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    BOOLEAN AtDispatch = NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(ReturnFlags) ? TRUE : FALSE;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;

    UNREFERENCED_PARAMETER(MiniportAdapterContext);

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        PQX_QUEUE Queue = (PQX_QUEUE)Nbl->MiniportReserved[0];

        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        if (AtDispatch) {
            NdisDprAcquireSpinLock(&Queue->Lock);
        } else {
            NdisAcquireSpinLock(&Queue->Lock);
        }
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = Queue->RxFreeList;
        Queue->RxFreeList = Nbl;
        Queue->Outstanding--;
        if (AtDispatch) {
            NdisDprReleaseSpinLock(&Queue->Lock);
        } else {
            NdisReleaseSpinLock(&Queue->Lock);
        }
    }
}

VOID
QxCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

BOOLEAN
QxCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PQX_ADAPTER Adapter = (PQX_ADAPTER)MiniportAdapterContext;
    BOOLEAN Stuck;

    QxLockTx(Adapter, FALSE);
    Stuck = Adapter->TxFree == 0 && Adapter->TxPostedHead != NULL &&
            QX_READ_REG(Adapter, QX_REG_TX_DONE) == 0;
    QxUnlockTx(Adapter, FALSE);
    return Stuck;
}

NDIS_STATUS
QxReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PQX_ADAPTER Adapter = (PQX_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, QxDisableInterruptSync, Adapter);
    Status = QxHwReset(Adapter);
    if (Status == NDIS_STATUS_SUCCESS) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, QxSetFilterSync, Adapter);
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, QxEnableInterruptSync, Adapter);
    }
    return Status;
}

VOID
QxDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
QxShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PQX_ADAPTER Adapter = (PQX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);

    QX_WRITE_REG(Adapter, QX_REG_INT_MASK, 0);
    QX_WRITE_REG(Adapter, QX_REG_CONTROL, QX_CONTROL_RESET);
}

NDIS_STATUS
QxSetOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    UNREFERENCED_PARAMETER(NdisDriverHandle);
    UNREFERENCED_PARAMETER(DriverContext);

    return NDIS_STATUS_SUCCESS;
}

VOID
QxUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);

    NdisMDeregisterMiniportDriver(QxDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS);
    Chars.MajorNdisVersion = QX_NDIS_MAJOR_VERSION;
    Chars.MinorNdisVersion = QX_NDIS_MINOR_VERSION;
    Chars.MajorDriverVersion = 1;
    Chars.MinorDriverVersion = 0;
    Chars.SetOptionsHandler = QxSetOptions;
    Chars.InitializeHandlerEx = QxInitializeEx;
    Chars.HaltHandlerEx = QxHaltEx;
    Chars.UnloadHandler = QxUnload;
    Chars.PauseHandler = QxPause;
    Chars.RestartHandler = QxRestart;
    Chars.OidRequestHandler = QxOidRequest;
    Chars.CancelOidRequestHandler = QxCancelOidRequest;
    Chars.SendNetBufferListsHandler = QxSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = QxReturnNetBufferLists;
    Chars.CancelSendHandler = QxCancelSend;
    Chars.CheckForHangHandlerEx = QxCheckForHang;
    Chars.ResetHandlerEx = QxReset;
    Chars.DevicePnPEventNotifyHandler = QxDevicePnPEvent;
    Chars.ShutdownHandlerEx = QxShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &QxDriverHandle);
    return Status == NDIS_STATUS_SUCCESS ? STATUS_SUCCESS : (NTSTATUS)Status;
}
