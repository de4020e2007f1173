/*
 * oid.c - QL-10 OID requests.
 */
#include "ql.h"

static NDIS_STATUS
QlSetInformation(_In_ PQL_ADAPTER Adapter, _Inout_ PNDIS_OID_REQUEST Request)
{
    PVOID Buffer = Request->DATA.SET_INFORMATION.InformationBuffer;
    ULONG Length = Request->DATA.SET_INFORMATION.InformationBufferLength;

    switch (Request->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (Length < sizeof(ULONG)) {
            Request->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->PacketFilter = *(UNALIGNED ULONG *)Buffer;
        /* No interrupt (surprise removed): the filter is applied at the next reset. */
        (VOID)QlSyncHw(Adapter, QlFilterSync, Adapter);
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;

    case OID_GEN_CURRENT_LOOKAHEAD:
        Request->DATA.SET_INFORMATION.BytesRead = Length;
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static NDIS_STATUS
QlQueryInformation(_In_ PQL_ADAPTER Adapter, _Inout_ PNDIS_OID_REQUEST Request)
{
    ULONG64 Value;

    switch (Request->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_XMIT_OK:
        NdisAcquireSpinLock(&Adapter->TxLock);
        Value = Adapter->TxFrames;
        NdisReleaseSpinLock(&Adapter->TxLock);
        break;
    case OID_GEN_MEDIA_CONNECT_STATUS:
        Value = Adapter->State.LinkUp ? MediaConnectStateConnected : MediaConnectStateDisconnected;
        break;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    if (Request->DATA.QUERY_INFORMATION.InformationBufferLength < sizeof(ULONG64)) {
        Request->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG64);
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    NdisMoveMemory(Request->DATA.QUERY_INFORMATION.InformationBuffer, &Value, sizeof(Value));
    Request->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS
QlOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PQL_ADAPTER Adapter = (PQL_ADAPTER)MiniportAdapterContext;

    switch (OidRequest->RequestType) {
    case NdisRequestSetInformation:
        return QlSetInformation(Adapter, OidRequest);
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        return QlQueryInformation(Adapter, OidRequest);
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

_Use_decl_annotations_
VOID
QlCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}
