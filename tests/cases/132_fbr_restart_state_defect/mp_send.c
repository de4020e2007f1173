/*
 * Fabrikam FBR-10G: transmit and receive.
 * (Case 132/133 driver: see mp_main.c for what the case is about.)
 */
#include "mp.h"

static VOID
MpCompleteList(PMP_ADAPTER Adapter, PNET_BUFFER_LIST List, NDIS_STATUS Status, BOOLEAN DispatchLevel)
{
    PNET_BUFFER_LIST Nbl;

    for (Nbl = List; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
    }
    if (List != NULL) {
        NdisMSendNetBufferListsComplete(Adapter->MiniportAdapterHandle, List,
                                        DispatchLevel ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
    }
}

VOID
MPSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    BOOLEAN DispatchLevel = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ? TRUE : FALSE;
    PNET_BUFFER_LIST Nbl = NetBufferLists;
    PNET_BUFFER_LIST Next;
    PNET_BUFFER_LIST Rejected = NULL;
    ULONG Slot;

    UNREFERENCED_PARAMETER(PortNumber);

    if (Adapter->State != MpStateRunning || Adapter->HardwareFailed || !Adapter->LinkUp) {
        MpCompleteList(Adapter, NetBufferLists,
                       Adapter->State != MpStateRunning ? NDIS_STATUS_PAUSED : NDIS_STATUS_MEDIA_DISCONNECTED,
                       DispatchLevel);
        return;
    }

    if (DispatchLevel) {
        NdisDprAcquireSpinLock(&Adapter->TxLock);
    } else {
        NdisAcquireSpinLock(&Adapter->TxLock);
    }
    while (Nbl != NULL) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        Slot = Adapter->TxTail;
        if (Adapter->TxQueue[Slot] != NULL) {
            /* ring full: drop, the stack retransmits */
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = Rejected;
            Rejected = Nbl;
            Adapter->TxDropped++;
        } else {
            Adapter->TxQueue[Slot] = Nbl;
            Adapter->TxTail = (Slot + 1) % NIC_RING_SIZE;
            NdisInterlockedIncrement(&Adapter->TxPending);
        }
        Nbl = Next;
    }
    NIC_WRITE(Adapter, NIC_CSR_TX_TAIL, Adapter->TxTail);
    if (DispatchLevel) {
        NdisDprReleaseSpinLock(&Adapter->TxLock);
    } else {
        NdisReleaseSpinLock(&Adapter->TxLock);
    }
    MpCompleteList(Adapter, Rejected, NDIS_STATUS_RESOURCES, DispatchLevel);
}

VOID
MpTxComplete(PMP_ADAPTER Adapter, BOOLEAN DispatchLevel)
{
    PNET_BUFFER_LIST Done = NULL;
    PNET_BUFFER_LIST Nbl;
    ULONG HwHead = NIC_READ(Adapter, NIC_CSR_TX_HEAD) % NIC_RING_SIZE;

    if (DispatchLevel) {
        NdisDprAcquireSpinLock(&Adapter->TxLock);
    } else {
        NdisAcquireSpinLock(&Adapter->TxLock);
    }
    while (Adapter->TxHead != HwHead) {
        Nbl = Adapter->TxQueue[Adapter->TxHead];
        Adapter->TxQueue[Adapter->TxHead] = NULL;
        Adapter->TxHead = (Adapter->TxHead + 1) % NIC_RING_SIZE;
        if (Nbl == NULL) {
            continue;
        }
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = Done;
        Done = Nbl;
        Adapter->TxFrames++;
        NdisInterlockedDecrement(&Adapter->TxPending);
    }
    if (DispatchLevel) {
        NdisDprReleaseSpinLock(&Adapter->TxLock);
    } else {
        NdisReleaseSpinLock(&Adapter->TxLock);
    }
    MpCompleteList(Adapter, Done, NDIS_STATUS_SUCCESS, DispatchLevel);
}

VOID
MpTxFlush(PMP_ADAPTER Adapter, NDIS_STATUS Status)
{
    PNET_BUFFER_LIST Flushed = NULL;
    PNET_BUFFER_LIST Nbl;
    ULONG Slot;

    NdisAcquireSpinLock(&Adapter->TxLock);
    for (Slot = 0; Slot < NIC_RING_SIZE; Slot++) {
        Nbl = Adapter->TxQueue[Slot];
        if (Nbl != NULL) {
            Adapter->TxQueue[Slot] = NULL;
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = Flushed;
            Flushed = Nbl;
            NdisInterlockedDecrement(&Adapter->TxPending);
        }
    }
    Adapter->TxHead = Adapter->TxTail = 0;
    NdisReleaseSpinLock(&Adapter->TxLock);
    MpCompleteList(Adapter, Flushed, Status, FALSE);
}

VOID
MPCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    /* frames go straight to the ring; there is no software queue to cancel from */
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

VOID
MpRxIndicate(PMP_ADAPTER Adapter)
{
    PNET_BUFFER_LIST First = NULL;
    PNET_BUFFER_LIST Last = NULL;
    PNET_BUFFER_LIST Nbl;
    ULONG Count = 0;
    ULONG HwHead;

    NdisDprAcquireSpinLock(&Adapter->RxLock);
    HwHead = NIC_READ(Adapter, NIC_CSR_RX_HEAD) % NIC_RING_SIZE;
    while (Adapter->RxHead != HwHead) {
        Nbl = NdisAllocateNetBufferAndNetBufferList(Adapter->NblPool, 0, 0, NULL, 0, 0);
        if (Nbl == NULL) {
            break;
        }
        if (Last == NULL) {
            First = Nbl;
        } else {
            NET_BUFFER_LIST_NEXT_NBL(Last) = Nbl;
        }
        Last = Nbl;
        Count++;
        Adapter->RxHead = (Adapter->RxHead + 1) % NIC_RING_SIZE;
    }
    NIC_WRITE(Adapter, NIC_CSR_RX_TAIL, (Adapter->RxHead + NIC_RING_SIZE - 1) % NIC_RING_SIZE);
    NdisDprReleaseSpinLock(&Adapter->RxLock);

    if (Count != 0) {
        Adapter->RxFrames += Count;
        NdisMIndicateReceiveNetBufferLists(Adapter->MiniportAdapterHandle, First, NDIS_DEFAULT_PORT_NUMBER,
                                           Count, NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL);
    }
}

VOID
MPReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;

    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ReturnFlags);

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NdisFreeNetBufferList(Nbl);
    }
}
