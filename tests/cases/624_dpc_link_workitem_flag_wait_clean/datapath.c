/*
 * datapath.c - send and receive paths, interrupt handling.
 */
#include "lkmp.h"

BOOLEAN
LkEnableInterruptSync(
    NDIS_HANDLE SynchronizeContext
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)SynchronizeContext;

    Adapter->InterruptMask = IMS_ENABLE_MASK;
    LkWriteCsr(Adapter, REG_IMS, Adapter->InterruptMask);
    return TRUE;
}

BOOLEAN
LkDisableInterruptSync(
    NDIS_HANDLE SynchronizeContext
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)SynchronizeContext;

    Adapter->InterruptMask = 0;
    LkWriteCsr(Adapter, REG_IMC, 0xFFFFFFFF);
    (VOID)LkReadCsr(Adapter, REG_ICR);
    return TRUE;
}

BOOLEAN
LkIsr(
    NDIS_HANDLE MiniportInterruptContext,
    PBOOLEAN    QueueDefaultInterruptDpc,
    PULONG      TargetProcessors
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)MiniportInterruptContext;
    ULONG Icr;

    UNREFERENCED_PARAMETER(TargetProcessors);

    *QueueDefaultInterruptDpc = FALSE;

    if (MP_TEST_FLAG(Adapter, fMP_SURPRISE_REMOVED)) {
        return FALSE;
    }

    Icr = LkReadCsr(Adapter, REG_ICR);
    if ((Icr & ICR_ASSERTED) == 0 || Icr == 0xFFFFFFFF) {
        return FALSE;
    }

    /* mask everything until the DPC has run */
    LkWriteCsr(Adapter, REG_IMC, 0xFFFFFFFF);
    Adapter->IsrStatus |= Icr;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
LkEnableInterrupt(
    NDIS_HANDLE MiniportInterruptContext
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)MiniportInterruptContext;

    LkWriteCsr(Adapter, REG_IMS, Adapter->InterruptMask);
}

VOID
LkDisableInterrupt(
    NDIS_HANDLE MiniportInterruptContext
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)MiniportInterruptContext;

    LkWriteCsr(Adapter, REG_IMC, 0xFFFFFFFF);
}

static BOOLEAN
LkTakeIsrStatusSync(
    NDIS_HANDLE SynchronizeContext
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)SynchronizeContext;

    Adapter->Itr = Adapter->IsrStatus;
    Adapter->IsrStatus = 0;
    return TRUE;
}

VOID
LkDpc(
    NDIS_HANDLE MiniportInterruptContext,
    PVOID       MiniportDpcContext,
    PVOID       ReceiveThrottleParameters,
    PVOID       NdisReserved2
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)MiniportInterruptContext;
    ULONG Status;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, LkTakeIsrStatusSync, Adapter);
    Status = Adapter->Itr;

    if (Status & (ICR_RXT0 | ICR_RXO)) {
        LkProcessReceives(Adapter);
    }

    if (Status & ICR_TXDW) {
        LkCompleteSends(Adapter);
    }

    if (Status & ICR_LSC) {
        NdisDprAcquireSpinLock(&Adapter->Lock);
        if (!MP_TEST_FLAG(Adapter, fMP_LINK_WORK_QUEUED | fMP_HALT_IN_PROGRESS)) {
            MP_SET_FLAG(Adapter, fMP_LINK_WORK_QUEUED);
            NdisResetEvent(&Adapter->LinkWorkIdle);
            NdisQueueIoWorkItem(Adapter->LinkWorkItem, LkLinkWorkItem, Adapter);
        }
        NdisDprReleaseSpinLock(&Adapter->Lock);
    }

    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, LkEnableInterruptSync, Adapter);
}

VOID
LkProcessReceives(
    PLK_ADAPTER Adapter
    )
{
    PNET_BUFFER_LIST IndicateHead = NULL;
    PNET_BUFFER_LIST IndicateTail = NULL;
    PNET_BUFFER_LIST Nbl;
    ULONG Head;
    ULONG Count = 0;

    Head = LkReadCsr(Adapter, REG_RDH);

    NdisDprAcquireSpinLock(&Adapter->RecvLock);
    while (Adapter->RxNextToCheck != Head && Count < LK_RECV_SLOTS) {
        Nbl = Adapter->RxNbl[Adapter->RxNextToCheck];
        Adapter->RxNextToCheck = (Adapter->RxNextToCheck + 1) % LK_RECV_SLOTS;
        if (Nbl == NULL) {
            Adapter->Stats.RxNoBuffer++;
            continue;
        }
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        if (IndicateTail == NULL) {
            IndicateHead = Nbl;
        } else {
            NET_BUFFER_LIST_NEXT_NBL(IndicateTail) = Nbl;
        }
        IndicateTail = Nbl;
        Count++;
    }
    Adapter->RxOutstanding += Count;
    Adapter->Stats.GoodReceives += Count;
    NdisDprReleaseSpinLock(&Adapter->RecvLock);

    if (IndicateHead != NULL) {
        NdisMIndicateReceiveNetBufferLists(Adapter->AdapterHandle,
                                           IndicateHead,
                                           NDIS_DEFAULT_PORT_NUMBER,
                                           Count,
                                           NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL);
    }
}

VOID
LkCompleteSends(
    PLK_ADAPTER Adapter
    )
{
    PNET_BUFFER_LIST CompleteHead = NULL;
    PNET_BUFFER_LIST CompleteTail = NULL;
    PNET_BUFFER_LIST Nbl;
    ULONG Done;
    ULONG Count = 0;

    Done = LkReadCsr(Adapter, REG_TDT);

    NdisDprAcquireSpinLock(&Adapter->SendLock);
    while (Adapter->SendHead != NULL && Adapter->TxNextToClean != Done) {
        Nbl = Adapter->SendHead;
        Adapter->SendHead = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        if (Adapter->SendHead == NULL) {
            Adapter->SendTail = NULL;
        }
        Adapter->SendQueued--;
        Adapter->TxNextToClean = (Adapter->TxNextToClean + 1) % LK_XMIT_SLOTS;

        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
        if (CompleteTail == NULL) {
            CompleteHead = Nbl;
        } else {
            NET_BUFFER_LIST_NEXT_NBL(CompleteTail) = Nbl;
        }
        CompleteTail = Nbl;
        Count++;
    }
    Adapter->Stats.GoodTransmits += Count;
    NdisDprReleaseSpinLock(&Adapter->SendLock);

    if (CompleteHead != NULL) {
        NdisMSendNetBufferListsComplete(Adapter->AdapterHandle,
                                        CompleteHead,
                                        NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
    }
}

VOID
LkFlushSendQueue(
    PLK_ADAPTER        Adapter,
    NDIS_STATUS CompletionStatus
    )
{
    PNET_BUFFER_LIST Head;
    PNET_BUFFER_LIST Nbl;

    NdisAcquireSpinLock(&Adapter->SendLock);
    Head = Adapter->SendHead;
    Adapter->SendHead = NULL;
    Adapter->SendTail = NULL;
    Adapter->SendQueued = 0;
    NdisReleaseSpinLock(&Adapter->SendLock);

    for (Nbl = Head; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = CompletionStatus;
    }

    if (Head != NULL) {
        NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Head, 0);
    }
}

VOID
LkSendNetBufferLists(
    NDIS_HANDLE       MiniportAdapterContext,
    PNET_BUFFER_LIST  NetBufferLists,
    NDIS_PORT_NUMBER  PortNumber,
    ULONG             SendFlags
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST NextNbl;
    PNET_BUFFER_LIST FailHead = NULL;
    ULONG CompleteFlags = 0;
    BOOLEAN Kick = FALSE;

    UNREFERENCED_PARAMETER(PortNumber);

    if (NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags)) {
        CompleteFlags |= NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL;
    }

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NextNbl) {
        NextNbl = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;

        NdisAcquireSpinLock(&Adapter->SendLock);
        if (Adapter->State != LKStateRunning ||
            MP_TEST_FLAG(Adapter, fMP_RESET_IN_PROGRESS | fMP_SURPRISE_REMOVED) ||
            Adapter->SendQueued >= LK_XMIT_SLOTS) {
            NdisReleaseSpinLock(&Adapter->SendLock);
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_PAUSED;
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = FailHead;
            FailHead = Nbl;
            continue;
        }

        if (Adapter->SendTail == NULL) {
            Adapter->SendHead = Nbl;
        } else {
            NET_BUFFER_LIST_NEXT_NBL(Adapter->SendTail) = Nbl;
        }
        Adapter->SendTail = Nbl;
        Adapter->SendQueued++;
        Adapter->TxNextToUse = (Adapter->TxNextToUse + 1) % LK_XMIT_SLOTS;
        Kick = TRUE;
        NdisReleaseSpinLock(&Adapter->SendLock);
    }

    if (Kick) {
        LkWriteCsr(Adapter, REG_TDT, Adapter->TxNextToUse);
    }

    if (FailHead != NULL) {
        NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, FailHead, CompleteFlags);
    }
}

VOID
LkReturnNetBufferLists(
    NDIS_HANDLE      MiniportAdapterContext,
    PNET_BUFFER_LIST NetBufferLists,
    ULONG            ReturnFlags
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;
    ULONG Returned = 0;

    UNREFERENCED_PARAMETER(ReturnFlags);

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        Returned++;
    }

    NdisAcquireSpinLock(&Adapter->RecvLock);
    if (Adapter->RxOutstanding >= Returned) {
        Adapter->RxOutstanding -= Returned;
    } else {
        Adapter->RxOutstanding = 0;
    }
    NdisReleaseSpinLock(&Adapter->RecvLock);

    LkWriteCsr(Adapter, REG_RDT, Adapter->RxNextToCheck);
}

VOID
LkCancelSend(
    NDIS_HANDLE MiniportAdapterContext,
    PVOID       CancelId
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Prev = NULL;
    PNET_BUFFER_LIST Next;
    PNET_BUFFER_LIST CancelHead = NULL;

    NdisAcquireSpinLock(&Adapter->SendLock);
    for (Nbl = Adapter->SendHead; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        if (NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(Nbl) == CancelId) {
            if (Prev == NULL) {
                Adapter->SendHead = Next;
            } else {
                NET_BUFFER_LIST_NEXT_NBL(Prev) = Next;
            }
            if (Adapter->SendTail == Nbl) {
                Adapter->SendTail = Prev;
            }
            Adapter->SendQueued--;
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SEND_ABORTED;
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = CancelHead;
            CancelHead = Nbl;
        } else {
            Prev = Nbl;
        }
    }
    NdisReleaseSpinLock(&Adapter->SendLock);

    if (CancelHead != NULL) {
        NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, CancelHead, 0);
    }
}

static BOOLEAN
LkReadPhyStatusSync(
    NDIS_HANDLE SynchronizeContext
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)SynchronizeContext;

    Adapter->PhyStatus = LkReadCsr(Adapter, REG_STATUS);
    return TRUE;
}

VOID
LkLinkWorkItem(
    PVOID       WorkItemContext,
    NDIS_HANDLE NdisIoWorkItemHandle
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)WorkItemContext;
    USHORT PhyReg = 0;

    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);

    /* let autonegotiation settle, then sample the status with the ISR fenced off */
    NdisMSleep(20000);
    (VOID)LkPhyRead(Adapter, 1, &PhyReg);
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, LkReadPhyStatusSync, Adapter);
    LkUpdateLinkState(Adapter, TRUE);

    NdisAcquireSpinLock(&Adapter->Lock);
    MP_CLEAR_FLAG(Adapter, fMP_LINK_WORK_QUEUED);
    NdisSetEvent(&Adapter->LinkWorkIdle);
    NdisReleaseSpinLock(&Adapter->Lock);
}

