/*
 * Contoso CT-GbE: send and receive paths.
 * (Case 130/131 driver: see power.c for what the case is about.)
 */
#include "adapter.h"

#define CT_ACQUIRE(_Lock, _Dpc)  do { if (_Dpc) NdisDprAcquireSpinLock(_Lock); else NdisAcquireSpinLock(_Lock); } while (0)
#define CT_RELEASE(_Lock, _Dpc)  do { if (_Dpc) NdisDprReleaseSpinLock(_Lock); else NdisReleaseSpinLock(_Lock); } while (0)

static VOID
CtCompleteNblChain(PCT_ADAPTER Adapter, PNET_BUFFER_LIST Chain, NDIS_STATUS Status, BOOLEAN AtDispatch)
{
    PNET_BUFFER_LIST Nbl;

    if (Chain == NULL) {
        return;
    }
    for (Nbl = Chain; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
    }
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Chain,
                                    AtDispatch ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

/* Called with the send lock held: puts one NBL on the ring or on the wait list. */
static VOID
CtQueueNbl(PCT_ADAPTER Adapter, PNET_BUFFER_LIST Nbl)
{
    PNET_BUFFER Nb = NET_BUFFER_LIST_FIRST_NB(Nbl);
    ULONG Slot;

    NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
    if (Adapter->TxFree == 0 || Adapter->SendWaitHead != NULL) {
        if (Adapter->SendWaitTail == NULL) {
            Adapter->SendWaitHead = Nbl;
        } else {
            NET_BUFFER_LIST_NEXT_NBL(Adapter->SendWaitTail) = Nbl;
        }
        Adapter->SendWaitTail = Nbl;
        return;
    }
    Slot = Adapter->TxTail;
    Adapter->TxSlot[Slot].Nbl = Nbl;
    Adapter->TxSlot[Slot].Length = (Nb != NULL) ? NET_BUFFER_DATA_LENGTH(Nb) : 0;
    Adapter->TxTail = (Slot + 1) % CT_TX_RING_SIZE;
    Adapter->TxFree--;
    CT_WRITE(Adapter, CT_REG_TDT, Adapter->TxTail);
}

VOID
CtSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportAdapterContext;
    BOOLEAN AtDispatch = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ? TRUE : FALSE;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;
    NDIS_STATUS Reject = NDIS_STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(PortNumber);

    if (Adapter->State != MpStateRunning) {
        Reject = NDIS_STATUS_PAUSED;
    } else if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_LOW_POWER)) {
        Reject = NDIS_STATUS_LOW_POWER_STATE;
    } else if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR | fMP_ADAPTER_RESET_IN_PROGRESS)) {
        Reject = NDIS_STATUS_DEVICE_FAILED;
    } else if (!MP_TEST_FLAG(Adapter, fMP_ADAPTER_LINK_UP)) {
        Reject = NDIS_STATUS_MEDIA_DISCONNECTED;
    }
    if (Reject != NDIS_STATUS_SUCCESS) {
        CtCompleteNblChain(Adapter, NetBufferLists, Reject, AtDispatch);
        return;
    }

    CT_ACQUIRE(&Adapter->SendLock, AtDispatch);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NdisInterlockedIncrement(&Adapter->SendRefCount);
        CtQueueNbl(Adapter, Nbl);
    }
    CT_RELEASE(&Adapter->SendLock, AtDispatch);
}

/*
 * Reaps finished descriptors; the last completion of a pausing adapter completes the pause and
 * the packet-filter request that waited for it.
 */
VOID
CtCompleteSends(PCT_ADAPTER Adapter, BOOLEAN AtDispatch)
{
    PNET_BUFFER_LIST DoneHead = NULL;
    PNET_BUFFER_LIST DoneTail = NULL;
    PNET_BUFFER_LIST Nbl;
    PNDIS_OID_REQUEST Request = NULL;
    ULONG Head = CT_READ(Adapter, CT_REG_TDH);
    LONG Completed = 0;
    LONG Left = 1;
    BOOLEAN PauseDone = FALSE;

    CT_ACQUIRE(&Adapter->SendLock, AtDispatch);
    while (Adapter->TxFree < CT_TX_RING_SIZE && Adapter->TxHead != Head) {
        Nbl = Adapter->TxSlot[Adapter->TxHead].Nbl;
        Adapter->TxSlot[Adapter->TxHead].Nbl = NULL;
        Adapter->TxHead = (Adapter->TxHead + 1) % CT_TX_RING_SIZE;
        Adapter->TxFree++;
        Adapter->GoodTransmits++;
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        if (DoneTail == NULL) {
            DoneHead = Nbl;
        } else {
            NET_BUFFER_LIST_NEXT_NBL(DoneTail) = Nbl;
        }
        DoneTail = Nbl;
        Completed++;
    }
    while (Adapter->SendWaitHead != NULL && Adapter->TxFree != 0) {
        Nbl = Adapter->SendWaitHead;
        Adapter->SendWaitHead = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        if (Adapter->SendWaitHead == NULL) {
            Adapter->SendWaitTail = NULL;
        }
        CtQueueNbl(Adapter, Nbl);
    }
    CT_RELEASE(&Adapter->SendLock, AtDispatch);

    CtCompleteNblChain(Adapter, DoneHead, NDIS_STATUS_SUCCESS, AtDispatch);
    while (Completed-- > 0) {
        Left = NdisInterlockedDecrement(&Adapter->SendRefCount);
    }
    if (Left != 0) {
        return;
    }

    CT_ACQUIRE(&Adapter->SendLock, AtDispatch);
    if (Adapter->State == MpStatePausing) {
        Adapter->State = MpStatePaused;
        PauseDone = TRUE;
        Request = Adapter->PendingRequest;
        Adapter->PendingRequest = NULL;
    }
    CT_RELEASE(&Adapter->SendLock, AtDispatch);

    if (!PauseDone) {
        return;
    }
    NdisMPauseComplete(Adapter->AdapterHandle);
    if (Request != NULL) {
        CtSetPacketFilter(Adapter, *(PULONG)Request->DATA.SET_INFORMATION.InformationBuffer);
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        NdisMOidRequestComplete(Adapter->AdapterHandle, Request, NDIS_STATUS_SUCCESS);
    }
}

/* Halt and reset: nothing is on the wire any more; fail whatever the ring and wait list hold. */
VOID
CtFlushWaitingSends(PCT_ADAPTER Adapter, NDIS_STATUS Status)
{
    PNET_BUFFER_LIST Chain;
    PNET_BUFFER_LIST Nbl;
    ULONG i;

    NdisAcquireSpinLock(&Adapter->SendLock);
    Chain = Adapter->SendWaitHead;
    Adapter->SendWaitHead = NULL;
    Adapter->SendWaitTail = NULL;
    for (i = 0; i < CT_TX_RING_SIZE; i++) {
        Nbl = Adapter->TxSlot[i].Nbl;
        if (Nbl != NULL) {
            Adapter->TxSlot[i].Nbl = NULL;
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = Chain;
            Chain = Nbl;
        }
    }
    Adapter->TxHead = 0;
    Adapter->TxTail = 0;
    Adapter->TxFree = CT_TX_RING_SIZE;
    NdisReleaseSpinLock(&Adapter->SendLock);

    for (Nbl = Chain; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NdisInterlockedDecrement(&Adapter->SendRefCount);
    }
    CtCompleteNblChain(Adapter, Chain, Status, FALSE);
}

VOID
CtCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Prev = NULL;
    PNET_BUFFER_LIST Next;
    PNET_BUFFER_LIST Cancelled = NULL;

    NdisAcquireSpinLock(&Adapter->SendLock);
    for (Nbl = Adapter->SendWaitHead; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        if (NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(Nbl) != CancelId) {
            Prev = Nbl;
            continue;
        }
        if (Prev == NULL) {
            Adapter->SendWaitHead = Next;
        } else {
            NET_BUFFER_LIST_NEXT_NBL(Prev) = Next;
        }
        if (Adapter->SendWaitTail == Nbl) {
            Adapter->SendWaitTail = Prev;
        }
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = Cancelled;
        Cancelled = Nbl;
    }
    NdisReleaseSpinLock(&Adapter->SendLock);

    for (Nbl = Cancelled; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NdisInterlockedDecrement(&Adapter->SendRefCount);
    }
    CtCompleteNblChain(Adapter, Cancelled, NDIS_STATUS_SEND_ABORTED, FALSE);
}

VOID
CtIndicateReceives(PCT_ADAPTER Adapter)
{
    PNET_BUFFER_LIST Head = NULL;
    PNET_BUFFER_LIST Tail = NULL;
    PNET_BUFFER_LIST Nbl;
    ULONG Count = 0;
    ULONG HwHead;

    NdisDprAcquireSpinLock(&Adapter->RecvLock);
    HwHead = CT_READ(Adapter, CT_REG_RDH);
    while (Adapter->RxNext != HwHead && Count < 64) {
        Nbl = NdisAllocateNetBufferAndNetBufferList(Adapter->NblPool, 0, 0, NULL, 0, 0);
        if (Nbl == NULL) {
            Adapter->RxNoBuffers++;
            break;
        }
        Nbl->SourceHandle = Adapter->AdapterHandle;
        if (Tail == NULL) {
            Head = Nbl;
        } else {
            NET_BUFFER_LIST_NEXT_NBL(Tail) = Nbl;
        }
        Tail = Nbl;
        Adapter->RxNext = (Adapter->RxNext + 1) % CT_RX_RING_SIZE;
        Count++;
    }
    CT_WRITE(Adapter, CT_REG_RDT, (Adapter->RxNext + CT_RX_RING_SIZE - 1) % CT_RX_RING_SIZE);
    NdisDprReleaseSpinLock(&Adapter->RecvLock);

    if (Count == 0) {
        return;
    }
    if (Adapter->State != MpStateRunning || Adapter->PacketFilter == 0) {
        for (Nbl = Head; Nbl != NULL; Nbl = Tail) {
            Tail = NET_BUFFER_LIST_NEXT_NBL(Nbl);
            NdisFreeNetBufferList(Nbl);
        }
        return;
    }
    Adapter->GoodReceives += Count;
    InterlockedExchangeAdd(&Adapter->RxIndicatedCount, (LONG)Count);
    NdisMIndicateReceiveNetBufferLists(Adapter->AdapterHandle, Head, NDIS_DEFAULT_PORT_NUMBER, Count,
                                       NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL);
}

VOID
CtReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;

    UNREFERENCED_PARAMETER(ReturnFlags);

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NdisFreeNetBufferList(Nbl);
        NdisInterlockedDecrement(&Adapter->RxIndicatedCount);
    }
}
