/*
 * oid.c - RS-600 OID requests and the data path.
 */
#include "rs.h"

VOID
RsIndicateLinkState(PRS_ADAPTER Adapter, PNDIS_LINK_STATE Link)
{
    NDIS_STATUS_INDICATION Ind;

    NdisZeroMemory(&Ind, sizeof(Ind));
    Ind.Header.Type = NDIS_OBJECT_TYPE_STATUS_INDICATION;
    Ind.Header.Revision = NDIS_STATUS_INDICATION_REVISION_1;
    Ind.Header.Size = NDIS_SIZEOF_STATUS_INDICATION_REVISION_1;
    Ind.SourceHandle = Adapter->MiniportHandle;
    Ind.StatusCode = NDIS_STATUS_LINK_STATE;
    Ind.StatusBuffer = Link;
    Ind.StatusBufferSize = sizeof(*Link);
    NdisMIndicateStatusEx(Adapter->MiniportHandle, &Ind);
}

/* ---- statistics ---------------------------------------------------------------------------- */

/*
 * The hardware counters clear on read and the ISR's link path reads them too, so they are
 * read inside the interrupt; also while Paused (NDIS queries statistics then), as long as the
 * device is in D0 (RsSetPower records D0 only once the interrupt is connected again).
 */
static VOID
RsQueryStatistics(PRS_ADAPTER Adapter, PRS_STATS Out)
{
    RS_STATS_SYNC Sync;

    if (Adapter->PowerState != NdisDeviceStateD0) {
        /* counters are lost in D3: report the totals */
        *Out = Adapter->Stats;
        return;
    }
    Sync.Adapter = Adapter;
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, RsSyncMessageId(Adapter, FALSE),
                                    RsSyncReadStats, &Sync);
    *Out = Sync.Snapshot;
}

static NDIS_STATUS
RsSetPacketFilter(PRS_ADAPTER Adapter, ULONG Filter)
{
    ULONG Rctl = RS_RCTL_EN | RS_RCTL_BAM;

    if (Filter & ~RS_SUPPORTED_FILTERS) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    if (Filter & NDIS_PACKET_TYPE_PROMISCUOUS) {
        Rctl |= RS_RCTL_UPE | RS_RCTL_MPE;
    } else if (Filter & NDIS_PACKET_TYPE_ALL_MULTICAST) {
        Rctl |= RS_RCTL_MPE;
    }
    Adapter->PacketFilter = Filter;
    Adapter->Rctl = Rctl;
    if (Adapter->State == RsStateRunning && Adapter->PowerState == NdisDeviceStateD0) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, RsSyncMessageId(Adapter, FALSE),
                                        RsSyncWriteRctl, Adapter);
    }
    /* else RsRestart writes RCTL from Adapter->Rctl */
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
RsQueryInformation(PRS_ADAPTER Adapter, struct _QUERY *Query)
{
    RS_STATS Stats;
    ULONG64 Value64;
    ULONG Value;
    PVOID Source = &Value;
    ULONG Length = sizeof(ULONG);

    switch (Query->Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        Value = Adapter->PacketFilter;
        break;
    case OID_GEN_MAXIMUM_TOTAL_SIZE:
        Value = RS_MAX_FRAME;
        break;
    case OID_GEN_XMIT_OK:
    case OID_GEN_RCV_OK:
    case OID_GEN_RCV_CRC_ERROR:
        RsQueryStatistics(Adapter, &Stats);
        if (Query->Oid == OID_GEN_XMIT_OK) {
            Value64 = Stats.TxGood;
        } else if (Query->Oid == OID_GEN_RCV_OK) {
            Value64 = Stats.RxGood;
        } else {
            Value64 = Stats.RxCrcErrors;
        }
        Source = &Value64;
        Length = sizeof(ULONG64);
        if (Query->InformationBufferLength == sizeof(ULONG)) {
            /* old callers ask for 32 bits */
            Value = (ULONG)Value64;
            Source = &Value;
            Length = sizeof(ULONG);
        }
        break;
    case OID_802_3_PERMANENT_ADDRESS:
    case OID_802_3_CURRENT_ADDRESS:
        Source = Adapter->PermanentAddress;
        Length = 6;
        break;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }

    if (Query->InformationBufferLength < Length) {
        Query->BytesNeeded = Length;
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    NdisMoveMemory(Query->InformationBuffer, Source, Length);
    Query->BytesWritten = Length;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
RsSetInformation(PRS_ADAPTER Adapter, struct _SET *Set)
{
    switch (Set->Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (Set->InformationBufferLength < sizeof(ULONG)) {
            Set->BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Set->BytesRead = sizeof(ULONG);
        return RsSetPacketFilter(Adapter, *(PULONG)Set->InformationBuffer);
    case OID_PNP_SET_POWER:
        if (Set->InformationBufferLength < sizeof(NDIS_DEVICE_POWER_STATE)) {
            Set->BytesNeeded = sizeof(NDIS_DEVICE_POWER_STATE);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Set->BytesRead = sizeof(NDIS_DEVICE_POWER_STATE);
        return RsSetPower(Adapter, *(PNDIS_DEVICE_POWER_STATE)Set->InformationBuffer);
    case OID_GEN_CURRENT_LOOKAHEAD:
        if (Set->InformationBufferLength < sizeof(ULONG)) {
            Set->BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Set->BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

NDIS_STATUS
RsOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportAdapterContext;

    switch (OidRequest->RequestType) {
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        return RsQueryInformation(Adapter, &OidRequest->DATA.QUERY_INFORMATION);
    case NdisRequestSetInformation:
        return RsSetInformation(Adapter, &OidRequest->DATA.SET_INFORMATION);
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

VOID
RsCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

/* ---- send path ----------------------------------------------------------------------------- */

VOID
RsSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;
    ULONG CompleteFlags = 0;

    UNREFERENCED_PARAMETER(PortNumber);

    if (NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags)) {
        NDIS_SET_SEND_COMPLETE_FLAG(CompleteFlags, NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
    }
    if (Adapter->State != RsStateRunning) {
        for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_PAUSED;
        }
        NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, NetBufferLists, CompleteFlags);
        return;
    }

    NdisAcquireSpinLock(&Adapter->TxLock);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
        if (Adapter->TxTail == NULL) {
            Adapter->TxHead = Nbl;
        } else {
            NET_BUFFER_LIST_NEXT_NBL(Adapter->TxTail) = Nbl;
        }
        Adapter->TxTail = Nbl;
        Adapter->TxPending++;
    }
    RS_WRITE(Adapter, RS_CSR_TDT, Adapter->TxPending % RS_TX_RING);
    NdisReleaseSpinLock(&Adapter->TxLock);
}

/*
 * Called from the DPC.  Completed NBLs are unlinked under TxLock; the lock is dropped around
 * NdisMSendNetBufferListsComplete (NDIS may send again from inside it) and taken back for the
 * next batch.
 */
static VOID
RsCompleteBatchLocked(PRS_ADAPTER Adapter, PNET_BUFFER_LIST Batch)
{
    NdisDprReleaseSpinLock(&Adapter->TxLock);
    NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, Batch, NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
    NdisDprAcquireSpinLock(&Adapter->TxLock);
}

VOID
RsCompleteTransmits(PRS_ADAPTER Adapter)
{
    PNET_BUFFER_LIST Batch;
    ULONG Rounds = 0;

    NdisDprAcquireSpinLock(&Adapter->TxLock);
    while (Adapter->TxHead != NULL && Rounds < 4) {
        Batch = Adapter->TxHead;
        Adapter->TxHead = NULL;
        Adapter->TxTail = NULL;
        Adapter->TxPending = 0;
        RsCompleteBatchLocked(Adapter, Batch);
        Rounds++;
    }
    NdisDprReleaseSpinLock(&Adapter->TxLock);
}

VOID
RsCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

/* ---- receive return ------------------------------------------------------------------------ */

VOID
RsReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                       ULONG ReturnFlags)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    ULONG Count = 0;

    UNREFERENCED_PARAMETER(ReturnFlags);

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        Count++;
    }
    NdisAcquireSpinLock(&Adapter->RxLock);
    __try {
        if (Count > Adapter->RxOutstanding) {
            /* a stray return: keep the count sane */
            Adapter->RxOutstanding = 0;
            __leave;
        }
        Adapter->RxOutstanding -= Count;
        if (Adapter->State == RsStateRunning) {
            RS_WRITE(Adapter, RS_CSR_RDT, Adapter->RxOutstanding % RS_RX_RING);
        }
    } __finally {
        NdisReleaseSpinLock(&Adapter->RxLock);
    }
}
