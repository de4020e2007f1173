/*
 * kx_txrx.c - Kestrel KX-2000: descriptor rings, send and receive paths.
 *
 * Locking: each KX_TX_RING / KX_RX_RING has its own spin lock.  The send path takes the TX lock
 * at the IRQL NDIS tells it (NDIS_SEND_FLAGS_DISPATCH_LEVEL), the DPC with the Dpr variants.
 * NBLs are indicated and completed with no lock held.
 */

#include "kx.h"

static NDIS_STATUS
KxAllocateRxRing(PKX_ADAPTER Adapter, PKX_RX_RING Rx)
{
    ULONG i;

    Rx->Adapter = Adapter;
    Rx->DescLength = KX_RX_RING_SIZE * sizeof(KX_RX_DESC);
    NdisMAllocateSharedMemory(Adapter->AdapterHandle, Rx->DescLength, FALSE, (PVOID *)&Rx->Desc, &Rx->DescPhys);
    if (Rx->Desc == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisMAllocateSharedMemory(Adapter->AdapterHandle, KX_RX_RING_SIZE * KX_RX_BUFFER_SIZE, TRUE,
                              (PVOID *)&Rx->BufferVa, &Rx->BufferPhys);
    if (Rx->BufferVa == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    for (i = 0; i < KX_RX_RING_SIZE; i++) {
        Rx->Nbl[i] = NdisAllocateNetBufferAndNetBufferList(Adapter->RxNblPool, 0, 0, NULL, 0, 0);
        if (Rx->Nbl[i] == NULL) {
            return NDIS_STATUS_RESOURCES;
        }
        Rx->Nbl[i]->MiniportReserved[0] = Rx;
        Rx->Desc[i].BufferAddress = (ULONGLONG)Rx->BufferPhys.QuadPart + (ULONGLONG)i * KX_RX_BUFFER_SIZE;
    }
    return NDIS_STATUS_SUCCESS;
}

static VOID
KxFreeRxRing(PKX_ADAPTER Adapter, PKX_RX_RING Rx)
{
    ULONG i;

    for (i = 0; i < KX_RX_RING_SIZE; i++) {
        if (Rx->Nbl[i] != NULL) {
            NdisFreeNetBufferList(Rx->Nbl[i]);
            Rx->Nbl[i] = NULL;
        }
    }
    if (Rx->BufferVa != NULL) {
        NdisMFreeSharedMemory(Adapter->AdapterHandle, KX_RX_RING_SIZE * KX_RX_BUFFER_SIZE, TRUE,
                              Rx->BufferVa, Rx->BufferPhys);
        Rx->BufferVa = NULL;
    }
    if (Rx->Desc != NULL) {
        NdisMFreeSharedMemory(Adapter->AdapterHandle, Rx->DescLength, FALSE, Rx->Desc, Rx->DescPhys);
        Rx->Desc = NULL;
    }
}

NDIS_STATUS
KxAllocateRings(PKX_ADAPTER Adapter)
{
    NET_BUFFER_LIST_POOL_PARAMETERS PoolParams;
    NDIS_STATUS Status;
    ULONG q;

    NdisZeroMemory(&PoolParams, sizeof(PoolParams));
    PoolParams.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    PoolParams.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    PoolParams.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    PoolParams.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
    PoolParams.fAllocateNetBuffer = TRUE;
    PoolParams.PoolTag = KX_POOL_TAG;
    Adapter->RxNblPool = NdisAllocateNetBufferListPool(Adapter->AdapterHandle, &PoolParams);
    if (Adapter->RxNblPool == NULL) {
        return NDIS_STATUS_RESOURCES;
    }

    for (q = 0; q < Adapter->NumQueues; q++) {
        PKX_TX_RING Tx = &Adapter->TxRing[q];

        Status = KxAllocateRxRing(Adapter, &Adapter->RxRing[q]);
        if (Status != NDIS_STATUS_SUCCESS) {
            DBGPRINT(KX_DBG_ERROR, ("RX ring %u allocation failed\n", q));
            return Status;
        }
        Tx->Adapter = Adapter;
        Tx->DescLength = KX_TX_RING_SIZE * sizeof(KX_TX_DESC);
        NdisMAllocateSharedMemory(Adapter->AdapterHandle, Tx->DescLength, FALSE, (PVOID *)&Tx->Desc, &Tx->DescPhys);
        if (Tx->Desc == NULL) {
            DBGPRINT(KX_DBG_ERROR, ("TX ring %u allocation failed\n", q));
            return NDIS_STATUS_RESOURCES;
        }
    }
    KxResetRings(Adapter);
    return NDIS_STATUS_SUCCESS;
}

VOID
KxFreeRings(PKX_ADAPTER Adapter)
{
    ULONG q;

    for (q = 0; q < KX_MAX_QUEUES; q++) {
        PKX_TX_RING Tx = &Adapter->TxRing[q];

        KxFreeRxRing(Adapter, &Adapter->RxRing[q]);
        if (Tx->Desc != NULL) {
            NdisMFreeSharedMemory(Adapter->AdapterHandle, Tx->DescLength, FALSE, Tx->Desc, Tx->DescPhys);
            Tx->Desc = NULL;
        }
    }
    if (Adapter->RxNblPool != NULL) {
        NdisFreeNetBufferListPool(Adapter->RxNblPool);
        Adapter->RxNblPool = NULL;
    }
}

//
// Back to the power-on layout (chip quiet, no NBL outstanding on the TX side).
//
VOID
KxResetRings(PKX_ADAPTER Adapter)
{
    ULONG q;

    for (q = 0; q < Adapter->NumQueues; q++) {
        PKX_RX_RING Rx = &Adapter->RxRing[q];
        PKX_TX_RING Tx = &Adapter->TxRing[q];

        Rx->Index = q;
        Rx->NextToClean = 0;
        Rx->NextToFill = KX_RX_RING_SIZE - 1;
        Rx->Enabled = TRUE;
        Tx->Index = q;
        Tx->NextToUse = 0;
        Tx->NextToClean = 0;
        Tx->FreeCount = KX_TX_RING_SIZE;
        Tx->StuckTicks = 0;
        Tx->Enabled = TRUE;
        NdisZeroMemory(Tx->Owner, sizeof(Tx->Owner));
    }
}

//
// Move what waits on Tx into the ring while descriptors last (Tx->Lock held).
//
static VOID
KxTxPostWaiting(PKX_ADAPTER Adapter, PKX_TX_RING Tx)
{
    PNET_BUFFER_LIST Nbl;
    ULONG Posted = 0;

    while (Tx->FreeCount != 0 && (Nbl = Tx->WaitHead) != NULL) {
        PNET_BUFFER Nb = NET_BUFFER_LIST_FIRST_NB(Nbl);
        PKX_TX_DESC Desc = &Tx->Desc[Tx->NextToUse];

        Tx->WaitHead = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        if (Tx->WaitHead == NULL) {
            Tx->WaitTail = NULL;
        }
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;

        Desc->Length = (USHORT)NET_BUFFER_DATA_LENGTH(Nb);
        Desc->Cmd = KX_TXD_CMD_EOP | KX_TXD_CMD_IFCS | KX_TXD_CMD_RS;
        Desc->Status = 0;
        Tx->Owner[Tx->NextToUse] = Nbl;
        Tx->Bytes += NET_BUFFER_DATA_LENGTH(Nb);
        Tx->NextToUse = (Tx->NextToUse + 1) % KX_TX_RING_SIZE;
        Tx->FreeCount--;
        Posted++;
    }
    if (Posted != 0) {
        KX_WRITE_REG(Adapter, KX_REG_TDT(Tx->Index), Tx->NextToUse);
    }
}

static PKX_TX_RING
KxSelectTxRing(PKX_ADAPTER Adapter, PNET_BUFFER_LIST Nbl)
{
    ULONG Index = (ULONG)(((ULONG_PTR)Nbl >> 6) % Adapter->NumQueues);

    return &Adapter->TxRing[Index];
}

static VOID
KxCompleteNblChain(PKX_ADAPTER Adapter, PNET_BUFFER_LIST Chain, NDIS_STATUS Status, BOOLEAN AtDispatch)
{
    PNET_BUFFER_LIST Nbl;

    for (Nbl = Chain; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
    }
    if (Chain != NULL) {
        NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Chain,
                                        AtDispatch ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
    }
}

VOID
KxSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportAdapterContext;
    BOOLEAN AtDispatch = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ? TRUE : FALSE;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;
    PNET_BUFFER_LIST Failed = NULL;

    UNREFERENCED_PARAMETER(PortNumber);

    if (Adapter->State != KxStateRunning || Adapter->MediaState != MediaConnectStateConnected) {
        KxCompleteNblChain(Adapter, NetBufferLists,
                           Adapter->State != KxStateRunning ? NDIS_STATUS_PAUSED : NDIS_STATUS_MEDIA_DISCONNECTED,
                           AtDispatch);
        return;
    }

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        PKX_TX_RING Tx = KxSelectTxRing(Adapter, Nbl);

        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;

        if (AtDispatch) {
            NdisDprAcquireSpinLock(&Tx->Lock);
        } else {
            NdisAcquireSpinLock(&Tx->Lock);
        }
        if (!Tx->Enabled) {
            if (AtDispatch) {
                NdisDprReleaseSpinLock(&Tx->Lock);
            } else {
                NdisReleaseSpinLock(&Tx->Lock);
            }
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = Failed;
            Failed = Nbl;
            continue;
        }
        if (Tx->WaitTail != NULL) {
            NET_BUFFER_LIST_NEXT_NBL(Tx->WaitTail) = Nbl;
        } else {
            Tx->WaitHead = Nbl;
        }
        Tx->WaitTail = Nbl;
        KxTxPostWaiting(Adapter, Tx);
        if (AtDispatch) {
            NdisDprReleaseSpinLock(&Tx->Lock);
        } else {
            NdisReleaseSpinLock(&Tx->Lock);
        }
    }

    KxCompleteNblChain(Adapter, Failed, NDIS_STATUS_REQUEST_ABORTED, AtDispatch);
}

VOID
KxCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
    // sends are in the ring within microseconds; nothing waits long enough to be cancelled
}

//
// Reclaim finished transmit descriptors (DPC, DISPATCH_LEVEL).
//
VOID
KxTxComplete(PKX_ADAPTER Adapter, PKX_TX_RING Tx)
{
    PNET_BUFFER_LIST Done = NULL;
    PNET_BUFFER_LIST Nbl;
    ULONG Count = 0;

    NdisDprAcquireSpinLock(&Tx->Lock);
    while (Tx->NextToClean != Tx->NextToUse && Count < KX_TX_CLEAN_BUDGET) {
        PKX_TX_DESC Desc = &Tx->Desc[Tx->NextToClean];

        if ((Desc->Status & KX_TXD_STAT_DD) == 0) {
            break;
        }
        Nbl = Tx->Owner[Tx->NextToClean];
        if (Nbl != NULL) {
            Tx->Owner[Tx->NextToClean] = NULL;
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = Done;
            Done = Nbl;
            Tx->Frames++;
        }
        Tx->NextToClean = (Tx->NextToClean + 1) % KX_TX_RING_SIZE;
        Tx->FreeCount++;
        Count++;
    }
    if (Count != 0) {
        Tx->StuckTicks = 0;
    }
    KxTxPostWaiting(Adapter, Tx);
    NdisDprReleaseSpinLock(&Tx->Lock);

    if (Done != NULL) {
        NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Done, NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
    }
}

//
// Fail everything still waiting for descriptors (pause, reset).  PASSIVE or DISPATCH.
//
VOID
KxTxDrainWaiting(PKX_ADAPTER Adapter, NDIS_STATUS CompletionStatus)
{
    ULONG q;

    for (q = 0; q < Adapter->NumQueues; q++) {
        PKX_TX_RING Tx = &Adapter->TxRing[q];
        PNET_BUFFER_LIST Chain;

        NdisAcquireSpinLock(&Tx->Lock);
        Chain = Tx->WaitHead;
        Tx->WaitHead = NULL;
        Tx->WaitTail = NULL;
        NdisReleaseSpinLock(&Tx->Lock);

        KxCompleteNblChain(Adapter, Chain, CompletionStatus, FALSE);
    }
}

//
// Watchdog: a ring with work posted whose head has not moved for KX_TX_HANG_TICKS ticks.
//
BOOLEAN
KxTxCheckHang(PKX_ADAPTER Adapter)
{
    BOOLEAN Hung = FALSE;
    ULONG q;

    for (q = 0; q < Adapter->NumQueues; q++) {
        PKX_TX_RING Tx = &Adapter->TxRing[q];

        NdisDprAcquireSpinLock(&Tx->Lock);
        if (Tx->FreeCount != KX_TX_RING_SIZE && Tx->NextToClean == Tx->LastCleanSnapshot) {
            if (++Tx->StuckTicks >= KX_TX_HANG_TICKS) {
                Hung = TRUE;
            }
        } else {
            Tx->StuckTicks = 0;
        }
        Tx->LastCleanSnapshot = Tx->NextToClean;
        NdisDprReleaseSpinLock(&Tx->Lock);
    }
    return Hung;
}

//
// Receive up to Budget frames from Rx (DPC).  Returns the number of descriptors consumed.
//
ULONG
KxRxProcess(PKX_ADAPTER Adapter, PKX_RX_RING Rx, ULONG Budget)
{
    PNET_BUFFER_LIST Head = NULL;
    PNET_BUFFER_LIST Tail = NULL;
    ULONG Indicated = 0;
    ULONG Count = 0;

    NdisDprAcquireSpinLock(&Rx->Lock); // defect: NdisSpinLock
    if (!Rx->Enabled) {
        NdisDprReleaseSpinLock(&Rx->Lock);
        return 0;
    }
    while (Count < Budget) {
        ULONG Slot = Rx->NextToClean;
        PKX_RX_DESC Desc = &Rx->Desc[Slot];
        PNET_BUFFER_LIST Nbl;

        if ((Desc->Status & KX_RXD_STAT_DD) == 0) {
            break;
        }
        Count++;
        if (Desc->Errors != 0) {
            Rx->Errors++;
            if (Desc->Errors & KX_RXD_ERR_DMA) {
                //
                // Descriptor fetch error: the ring is corrupt.  Stop here; the watchdog resets
                // the chip.  What was gathered so far is dropped with the ring.
                //
                Adapter->NeedsReset = TRUE;
                Rx->Enabled = FALSE;
                DBGPRINT(KX_DBG_ERROR, ("RX ring %u DMA error, reset scheduled\n", Rx->Index));
                return Count;
            }
            Desc->Status = 0;
            Rx->NextToClean = (Slot + 1) % KX_RX_RING_SIZE;
            continue;
        }
        Nbl = Rx->Nbl[Slot];
        if (Nbl == NULL) {
            // still owned by the stack: out of buffers
            Adapter->Stats.RxNoBuffer++;
            break;
        }
        Rx->Nbl[Slot] = NULL;
        NET_BUFFER_DATA_LENGTH(NET_BUFFER_LIST_FIRST_NB(Nbl)) = Desc->Length;
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        Nbl->MiniportReserved[1] = (PVOID)(ULONG_PTR)Slot;
        if (Tail != NULL) {
            NET_BUFFER_LIST_NEXT_NBL(Tail) = Nbl;
        } else {
            Head = Nbl;
        }
        Tail = Nbl;
        Rx->Frames++;
        Rx->Bytes += Desc->Length;
        Desc->Status = 0;
        Rx->NextToClean = (Slot + 1) % KX_RX_RING_SIZE;
        Indicated++;
    }
    Rx->Outstanding += Indicated;
    NdisDprReleaseSpinLock(&Rx->Lock);

    if (Head != NULL) {
        NdisMIndicateReceiveNetBufferLists(Adapter->AdapterHandle, Head, NDIS_DEFAULT_PORT_NUMBER,
                                           Indicated, NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL);
    }
    return Count;
}

VOID
KxReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportAdapterContext;
    BOOLEAN AtDispatch = NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(ReturnFlags) ? TRUE : FALSE;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        PKX_RX_RING Rx = (PKX_RX_RING)Nbl->MiniportReserved[0];
        ULONG Slot = (ULONG)(ULONG_PTR)Nbl->MiniportReserved[1];

        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;

        if (AtDispatch) {
            NdisDprAcquireSpinLock(&Rx->Lock);
        } else {
            NdisAcquireSpinLock(&Rx->Lock);
        }
        Rx->Nbl[Slot] = Nbl;
        Rx->Outstanding--;
        Rx->NextToFill = Slot;
        KX_WRITE_REG(Adapter, KX_REG_RDT(Rx->Index), Slot);
        if (AtDispatch) {
            NdisDprReleaseSpinLock(&Rx->Lock);
        } else {
            NdisReleaseSpinLock(&Rx->Lock);
        }
    }
}

VOID
KxIndicateLinkState(PKX_ADAPTER Adapter)
{
    NDIS_STATUS_INDICATION Indication;
    NDIS_LINK_STATE LinkState;

    NdisZeroMemory(&LinkState, sizeof(LinkState));
    LinkState.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    LinkState.Header.Revision = NDIS_LINK_STATE_REVISION_1;
    LinkState.Header.Size = NDIS_SIZEOF_LINK_STATE_REVISION_1;
    if (Adapter->Phy.LinkUp) {
        LinkState.MediaConnectState = MediaConnectStateConnected;
        LinkState.MediaDuplexState = Adapter->Phy.FullDuplex ? MediaDuplexStateFull : MediaDuplexStateHalf;
        LinkState.XmitLinkSpeed = Adapter->Phy.LinkSpeed;
        LinkState.RcvLinkSpeed = Adapter->Phy.LinkSpeed;
    } else {
        LinkState.MediaConnectState = MediaConnectStateDisconnected;
        LinkState.MediaDuplexState = MediaDuplexStateUnknown;
        LinkState.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
        LinkState.RcvLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    }
    Adapter->MediaState = LinkState.MediaConnectState;

    NdisZeroMemory(&Indication, sizeof(Indication));
    Indication.Header.Type = NDIS_OBJECT_TYPE_STATUS_INDICATION;
    Indication.Header.Revision = NDIS_STATUS_INDICATION_REVISION_1;
    Indication.Header.Size = NDIS_SIZEOF_STATUS_INDICATION_REVISION_1;
    Indication.SourceHandle = Adapter->AdapterHandle;
    Indication.StatusCode = NDIS_STATUS_LINK_STATE;
    Indication.StatusBuffer = &LinkState;
    Indication.StatusBufferSize = sizeof(LinkState);
    NdisMIndicateStatusEx(Adapter->AdapterHandle, &Indication);
}
