/*
 * Orion 25G data path for case 171: per-queue send lists under each queue's spin lock; the
 * lock is released before NDIS is called back (send completion, receive indication).
 */

#include "orn.h"

VOID
OrnQueueSend(PORN_QUEUE Queue, PNET_BUFFER_LIST Nbl)
{
    PORN_ADAPTER Adapter = Queue->Adapter;

    NdisAcquireSpinLock(&Queue->Lock);
    NET_BUFFER_LIST_NEXT_NBL(Nbl) = Queue->PendingHead;
    Queue->PendingHead = Nbl;
    Queue->PendingCount++;
    ORN_WR(Adapter, ORN_QREG(Queue->Index, ORN_Q_TX_TAIL), Queue->PendingCount);
    NdisReleaseSpinLock(&Queue->Lock);
}

VOID
OrnDrainQueue(PORN_QUEUE Queue, NDIS_STATUS Status)
{
    PNET_BUFFER_LIST Chain;
    PNET_BUFFER_LIST Nbl;

    NdisAcquireSpinLock(&Queue->Lock);
    Chain = Queue->PendingHead;
    Queue->PendingHead = NULL;
    Queue->PendingCount = 0;
    NdisReleaseSpinLock(&Queue->Lock);

    if (Chain == NULL) {
        return;
    }
    for (Nbl = Chain; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
    }
    NdisMSendNetBufferListsComplete(Queue->Adapter->MiniportHandle, Chain, 0);
}

ULONG
OrnServiceRx(PORN_QUEUE Queue, ULONG Budget)
{
    PORN_ADAPTER Adapter = Queue->Adapter;
    ULONG Tail;
    ULONG Done = 0;

    NdisDprAcquireSpinLock(&Queue->Lock);
    Tail = ORN_RD(Adapter, ORN_QREG(Queue->Index, ORN_Q_RX_TAIL));
    while (Queue->RxHead != Tail && Done < Budget) {
        Queue->RxHead = (Queue->RxHead + 1) & 0x3FF;
        Queue->RxFrames++;
        Done++;
    }
    ORN_WR(Adapter, ORN_QREG(Queue->Index, ORN_Q_RX_HEAD), Queue->RxHead);
    NdisDprReleaseSpinLock(&Queue->Lock);
    return Done;
}

VOID
OrnServiceTx(PORN_QUEUE Queue)
{
    PNET_BUFFER_LIST Chain;
    PNET_BUFFER_LIST Nbl;

    NdisDprAcquireSpinLock(&Queue->Lock);
    Chain = Queue->PendingHead;
    Queue->PendingHead = NULL;
    Queue->TxFrames += Queue->PendingCount;
    Queue->PendingCount = 0;
    NdisDprReleaseSpinLock(&Queue->Lock);

    if (Chain == NULL) {
        return;
    }
    for (Nbl = Chain; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
    }
    NdisMSendNetBufferListsComplete(Queue->Adapter->MiniportHandle, Chain,
                                    NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
}
