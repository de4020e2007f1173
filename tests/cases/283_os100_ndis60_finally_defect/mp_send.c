/*
 * mp_send.c - Osprey OS-100: transmit path.
 *
 * SendLock protects the TCB lists, the wait queue and nBusySend.  MpHandleSendInterrupt and
 * MpResetTxRingLocked run with SendLock held; MpResetTxRing takes it itself.
 */

#include "mp.h"

NDIS_STATUS
MpInitSend(PMP_ADAPTER Adapter)
{
    ULONG i;

    Adapter->TcbMemLength = NIC_MAX_TCBS * (sizeof(HW_TCB) + NIC_BUFFER_SIZE);
    NdisMAllocateSharedMemory(Adapter->AdapterHandle, Adapter->TcbMemLength, FALSE,
                              (PVOID *)&Adapter->TcbMem, &Adapter->TcbMemPhys);
    if (Adapter->TcbMem == NULL) {
        DBGPRINT(MP_ERROR, ("failed to allocate TCB memory\n"));
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter->TcbMem, Adapter->TcbMemLength);
    MpResetTxRingLocked(Adapter);
    for (i = 0; i < NIC_MAX_TCBS; i++) {
        Adapter->Tcb[i].HwTcb = (PHW_TCB)(Adapter->TcbMem + i * (sizeof(HW_TCB) + NIC_BUFFER_SIZE));
        Adapter->Tcb[i].HwTcbPhys = NdisGetPhysicalAddressLow(Adapter->TcbMemPhys) + i * (sizeof(HW_TCB) + NIC_BUFFER_SIZE);
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
MpFreeSend(PMP_ADAPTER Adapter)
{
    if (Adapter->TcbMem != NULL) {
        NdisMFreeSharedMemory(Adapter->AdapterHandle, Adapter->TcbMemLength, FALSE,
                              Adapter->TcbMem, Adapter->TcbMemPhys);
        Adapter->TcbMem = NULL;
    }
}

//
// Put every TCB back on the free list (SendLock held, or no other user yet).
//
VOID
MpResetTxRingLocked(PMP_ADAPTER Adapter)
{
    ULONG i;

    Adapter->TcbFreeList = NULL;
    for (i = NIC_MAX_TCBS; i > 0; i--) {
        PMP_TCB Tcb = &Adapter->Tcb[i - 1];

        Tcb->NetBufferList = NULL;
        Tcb->Next = Adapter->TcbFreeList;
        Adapter->TcbFreeList = Tcb;
    }
    Adapter->CurrSendHead = NULL;
    Adapter->CurrSendTail = NULL;
    Adapter->nBusySend = 0;
}

VOID
MpResetTxRing(PMP_ADAPTER Adapter)
{
    NdisAcquireSpinLock(&Adapter->SendLock); // defect: NdisSpinLock
    MpResetTxRingLocked(Adapter);
    NdisReleaseSpinLock(&Adapter->SendLock);
}

static VOID
MpCompleteChain(PMP_ADAPTER Adapter, PNET_BUFFER_LIST Chain, NDIS_STATUS Status, BOOLEAN DispatchLevel)
{
    PNET_BUFFER_LIST Nbl;

    if (Chain == NULL) {
        return;
    }
    for (Nbl = Chain; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
    }
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Chain,
                                    DispatchLevel ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

//
// Copy one NBL into a free TCB and hand it to the CU (SendLock held).  FALSE: no TCB free.
//
static BOOLEAN
MpSendNbl(PMP_ADAPTER Adapter, PNET_BUFFER_LIST Nbl)
{
    PMP_TCB Tcb = Adapter->TcbFreeList;
    PNET_BUFFER Nb = NET_BUFFER_LIST_FIRST_NB(Nbl);
    ULONG Length = NET_BUFFER_DATA_LENGTH(Nb);

    if (Tcb == NULL) {
        return FALSE;
    }
    Adapter->TcbFreeList = Tcb->Next;
    Tcb->Next = NULL;
    Tcb->NetBufferList = Nbl;
    Tcb->Length = min(Length, NIC_MAX_PACKET_SIZE);
    Tcb->HwTcb->TxCbStatus = 0;
    Tcb->HwTcb->TxCbCommand = CB_S_BIT | CB_I_BIT | CB_TRANSMIT;
    Tcb->HwTcb->TxCbCount = (USHORT)Tcb->Length;

    if (Adapter->CurrSendTail != NULL) {
        Adapter->CurrSendTail->Next = Tcb;
    } else {
        Adapter->CurrSendHead = Tcb;
    }
    Adapter->CurrSendTail = Tcb;
    Adapter->nBusySend++;
    NICStartSend(Adapter, Tcb->HwTcbPhys);
    return TRUE;
}

VOID
MPSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferList,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    BOOLEAN DispatchLevel = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ? TRUE : FALSE;
    PNET_BUFFER_LIST CurrNbl;
    PNET_BUFFER_LIST NextNbl;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(PortNumber);

    MP_ACQUIRE_SPIN_LOCK(&Adapter->SendLock, DispatchLevel);

    if (MP_IS_NOT_READY(Adapter) || MP_TEST_FLAG(Adapter, fMP_ADAPTER_PAUSING)) {
        if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_PAUSING | fMP_ADAPTER_PAUSED)) {
            Status = NDIS_STATUS_PAUSED;
        } else if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_RESET_IN_PROGRESS)) {
            Status = NDIS_STATUS_RESET_IN_PROGRESS;
        } else if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_NO_CABLE)) {
            Status = NDIS_STATUS_NO_CABLE;
        } else if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_LOW_POWER)) {
            Status = NDIS_STATUS_LOW_POWER_STATE;
        } else {
            Status = NDIS_STATUS_FAILURE;
        }
        MP_RELEASE_SPIN_LOCK(&Adapter->SendLock, DispatchLevel);
        MpCompleteChain(Adapter, NetBufferList, Status, DispatchLevel);
        return;
    }

    for (CurrNbl = NetBufferList; CurrNbl != NULL; CurrNbl = NextNbl) {
        NextNbl = NET_BUFFER_LIST_NEXT_NBL(CurrNbl);
        NET_BUFFER_LIST_NEXT_NBL(CurrNbl) = NULL;

        if (Adapter->SendWaitHead == NULL && MpSendNbl(Adapter, CurrNbl)) {
            continue;
        }
        // no TCB: queue it; the send DPC posts it when a TCB frees up
        if (Adapter->SendWaitTail != NULL) {
            NET_BUFFER_LIST_NEXT_NBL(Adapter->SendWaitTail) = CurrNbl;
        } else {
            Adapter->SendWaitHead = CurrNbl;
        }
        Adapter->SendWaitTail = CurrNbl;
        Adapter->nWaitSend++;
    }

    MP_RELEASE_SPIN_LOCK(&Adapter->SendLock, DispatchLevel);
}

VOID
MPCancelSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
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
        if (Prev != NULL) {
            NET_BUFFER_LIST_NEXT_NBL(Prev) = Next;
        } else {
            Adapter->SendWaitHead = Next;
        }
        if (Adapter->SendWaitTail == Nbl) {
            Adapter->SendWaitTail = Prev;
        }
        Adapter->nWaitSend--;
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = Cancelled;
        Cancelled = Nbl;
    }
    NdisReleaseSpinLock(&Adapter->SendLock);

    MpCompleteChain(Adapter, Cancelled, NDIS_STATUS_SEND_ABORTED, FALSE);
}

//
// Transmit completion (DPC, SendLock held).  The completed NBLs are indicated with the lock
// dropped and taken again.
//
VOID
MpHandleSendInterrupt(PMP_ADAPTER Adapter)
{
    PNET_BUFFER_LIST Done = NULL;
    PNET_BUFFER_LIST Nbl;
    PMP_TCB Tcb;
    BOOLEAN Underrun = FALSE;

    while ((Tcb = Adapter->CurrSendHead) != NULL) {
        if ((Tcb->HwTcb->TxCbStatus & CB_STATUS_COMPLETE) == 0) {
            break;
        }
        if (Tcb->HwTcb->TxCbStatus & CB_STATUS_UNDERRUN) {
            Underrun = TRUE;
        }
        Adapter->CurrSendHead = Tcb->Next;
        if (Adapter->CurrSendHead == NULL) {
            Adapter->CurrSendTail = NULL;
        }
        Nbl = Tcb->NetBufferList;
        Tcb->NetBufferList = NULL;
        Tcb->Next = Adapter->TcbFreeList;
        Adapter->TcbFreeList = Tcb;
        Adapter->nBusySend--;
        Adapter->GoodTransmits++;
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = Done;
        Done = Nbl;
    }

    if (Underrun) {
        //
        // The CU stopped on an underrun: everything still posted is lost.  Complete it, put
        // every TCB back and let the queue below restart the CU.
        //
        Adapter->TxUnderruns++;
        while ((Tcb = Adapter->CurrSendHead) != NULL) {
            Adapter->CurrSendHead = Tcb->Next;
            Nbl = Tcb->NetBufferList;
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_FAILURE;
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = Done;
            Done = Nbl;
        }
        MpResetTxRing(Adapter);
    }

    // post what waited for a TCB
    while (Adapter->SendWaitHead != NULL && Adapter->TcbFreeList != NULL && !MP_IS_NOT_READY(Adapter)) {
        Nbl = Adapter->SendWaitHead;
        Adapter->SendWaitHead = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        if (Adapter->SendWaitHead == NULL) {
            Adapter->SendWaitTail = NULL;
        }
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        Adapter->nWaitSend--;
        (VOID)MpSendNbl(Adapter, Nbl);
    }

    if (Done != NULL) {
        NdisDprReleaseSpinLock(&Adapter->SendLock);
        NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Done, NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
        NdisDprAcquireSpinLock(&Adapter->SendLock);
    }
}

//
// Reset and halt: fail what is posted (the chip was reset) or waiting.
//
VOID
MpFreeBusySendNetBufferLists(PMP_ADAPTER Adapter)
{
    PNET_BUFFER_LIST Chain = NULL;
    PMP_TCB Tcb;

    NdisDprAcquireSpinLock(&Adapter->SendLock);
    while ((Tcb = Adapter->CurrSendHead) != NULL) {
        Adapter->CurrSendHead = Tcb->Next;
        if (Tcb->NetBufferList != NULL) {
            NET_BUFFER_LIST_NEXT_NBL(Tcb->NetBufferList) = Chain;
            Chain = Tcb->NetBufferList;
        }
    }
    MpResetTxRingLocked(Adapter);
    NdisDprReleaseSpinLock(&Adapter->SendLock);

    MpCompleteChain(Adapter, Chain, NDIS_STATUS_REQUEST_ABORTED, TRUE);
}

VOID
MpFreeQueuedSendNetBufferLists(PMP_ADAPTER Adapter, NDIS_STATUS CompletionStatus, BOOLEAN DispatchLevel)
{
    PNET_BUFFER_LIST Chain;

    MP_ACQUIRE_SPIN_LOCK(&Adapter->SendLock, DispatchLevel);
    Chain = Adapter->SendWaitHead;
    Adapter->SendWaitHead = NULL;
    Adapter->SendWaitTail = NULL;
    Adapter->nWaitSend = 0;
    MP_RELEASE_SPIN_LOCK(&Adapter->SendLock, DispatchLevel);

    MpCompleteChain(Adapter, Chain, CompletionStatus, DispatchLevel);
}
