/*
 * Litware LW-2500: per-queue operations (RX and TX tables), ring service.
 * (Case 134/135 driver: see lw_main.c for what the case is about.)
 */
#include "lw.h"

static VOID LwQueueStart(PLW_QUEUE Queue);
static VOID LwQueueStop(PLW_QUEUE Queue);
static VOID LwRxService(PLW_QUEUE Queue);
static VOID LwTxService(PLW_QUEUE Queue);

const LW_QUEUE_OPS LwRxQueueOps = { LwQueueRx, LwQueueStart, LwQueueStop, LwRxService };
const LW_QUEUE_OPS LwTxQueueOps = { LwQueueTx, LwQueueStart, LwQueueStop, LwTxService };

/* Runs at DIRQL for the queue's own message: enable the ring and unmask its vector. */
BOOLEAN
LwSyncArmQueue(PVOID SynchronizeContext)
{
    PLW_QUEUE Queue = (PLW_QUEUE)SynchronizeContext;
    PLW_ADAPTER Adapter = Queue->Adapter;

    LW_WR(Adapter, LW_QREG(Queue->Index, LW_Q_ITR), Queue->Itr);
    LW_WR(Adapter, LW_QREG(Queue->Index, LW_Q_CTRL), LW_Q_ENABLE);
    LW_WR(Adapter, LW_REG_EIMS, 1u << Queue->MessageId);
    return TRUE;
}

BOOLEAN
LwSyncDisarmQueue(PVOID SynchronizeContext)
{
    PLW_QUEUE Queue = (PLW_QUEUE)SynchronizeContext;
    PLW_ADAPTER Adapter = Queue->Adapter;

    LW_WR(Adapter, LW_REG_EIMC, 1u << Queue->MessageId);
    LW_WR(Adapter, LW_QREG(Queue->Index, LW_Q_CTRL), 0);
    Queue->PendingCause = 0;
    return TRUE;
}

static VOID
LwQueueStart(PLW_QUEUE Queue)
{
    Queue->Head = 0;
    Queue->Tail = 0;
    LW_WR(Queue->Adapter, LW_QREG(Queue->Index, LW_Q_HEAD), 0);
    LW_WR(Queue->Adapter, LW_QREG(Queue->Index, LW_Q_TAIL), 0);
    NdisMSynchronizeWithInterruptEx(Queue->Adapter->InterruptHandle, Queue->MessageId, LwSyncArmQueue, Queue); // defect: NdisMDeregisterInterruptEx
}

static VOID
LwQueueStop(PLW_QUEUE Queue)
{
    NdisMSynchronizeWithInterruptEx(Queue->Adapter->InterruptHandle, Queue->MessageId, LwSyncDisarmQueue, Queue);
}

VOID
LwQueueInit(PLW_ADAPTER Adapter, ULONG Index)
{
    PLW_QUEUE Queue = &Adapter->Queue[Index];

    Queue->Adapter = Adapter;
    Queue->Index = Index;
    Queue->MessageId = Index;
    Queue->Itr = 0x80;
    Queue->Ops = (Index < LW_NUM_QUEUES / 2) ? &LwRxQueueOps : &LwTxQueueOps;
    NdisAllocateSpinLock(&Queue->Lock);
}

VOID
LwStartAllQueues(PLW_ADAPTER Adapter)
{
    ULONG i;

    for (i = 0; i < LW_NUM_QUEUES; i++) {
        Adapter->Queue[i].Ops->Start(&Adapter->Queue[i]);
    }
}

VOID
LwStopAllQueues(PLW_ADAPTER Adapter)
{
    ULONG i;

    for (i = 0; i < LW_NUM_QUEUES; i++) {
        Adapter->Queue[i].Ops->Stop(&Adapter->Queue[i]);
    }
}

static VOID
LwRxService(PLW_QUEUE Queue)
{
    PLW_ADAPTER Adapter = Queue->Adapter;
    PNET_BUFFER_LIST Chain = NULL;
    PNET_BUFFER_LIST Nbl;
    ULONG Count = 0;
    ULONG HwHead;

    NdisDprAcquireSpinLock(&Queue->Lock);
    HwHead = LW_RD(Adapter, LW_QREG(Queue->Index, LW_Q_HEAD)) % LW_RING_ENTRIES;
    while (Queue->Head != HwHead && Count < 32) {
        Nbl = NdisAllocateNetBufferAndNetBufferList(Adapter->NblPool, 0, 0, NULL, 0, 0);
        if (Nbl == NULL) {
            break;
        }
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = Chain;
        Chain = Nbl;
        Count++;
        Queue->Head = (Queue->Head + 1) % LW_RING_ENTRIES;
    }
    LW_WR(Adapter, LW_QREG(Queue->Index, LW_Q_TAIL), (Queue->Head + LW_RING_ENTRIES - 1) % LW_RING_ENTRIES);
    Queue->Packets += Count;
    NdisDprReleaseSpinLock(&Queue->Lock);

    if (Chain == NULL) {
        return;
    }
    if (Adapter->State != LwAdapterRunning) {
        while (Chain != NULL) {
            Nbl = Chain;
            Chain = NET_BUFFER_LIST_NEXT_NBL(Nbl);
            NdisFreeNetBufferList(Nbl);
        }
        return;
    }
    InterlockedExchangeAdd(&Adapter->OutstandingReceives, (LONG)Count);
    NdisMIndicateReceiveNetBufferLists(Adapter->AdapterHandle, Chain, NDIS_DEFAULT_PORT_NUMBER, Count,
                                       NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL);
}

VOID
LwCompleteSends(PLW_QUEUE Queue, BOOLEAN Flush)
{
    PLW_ADAPTER Adapter = Queue->Adapter;
    PNET_BUFFER_LIST Done = NULL;
    PNET_BUFFER_LIST Nbl;
    ULONG HwHead;

    NdisAcquireSpinLock(&Queue->Lock);
    HwHead = Flush ? Queue->Tail : LW_RD(Adapter, LW_QREG(Queue->Index, LW_Q_HEAD)) % LW_RING_ENTRIES;
    while (Queue->Head != HwHead) {
        Nbl = Queue->Slots[Queue->Head];
        Queue->Slots[Queue->Head] = NULL;
        Queue->Head = (Queue->Head + 1) % LW_RING_ENTRIES;
        if (Nbl != NULL) {
            NET_BUFFER_LIST_STATUS(Nbl) = Flush ? NDIS_STATUS_REQUEST_ABORTED : NDIS_STATUS_SUCCESS;
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = Done;
            Done = Nbl;
            Queue->Packets++;
            NdisInterlockedDecrement(&Adapter->OutstandingSends);
        }
    }
    NdisReleaseSpinLock(&Queue->Lock);
    if (Done != NULL) {
        NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Done, 0);
    }
}

static VOID
LwTxService(PLW_QUEUE Queue)
{
    LwCompleteSends(Queue, FALSE);
}
