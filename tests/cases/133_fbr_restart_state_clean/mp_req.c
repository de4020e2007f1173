/*
 * Fabrikam FBR-10G: OID requests.
 * (Case 132/133 driver: see mp_main.c for what the case is about.)
 */
#include "mp.h"

#define MP_SUPPORTED_FILTERS    (NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST | \
                                 NDIS_PACKET_TYPE_ALL_MULTICAST | NDIS_PACKET_TYPE_BROADCAST | \
                                 NDIS_PACKET_TYPE_PROMISCUOUS)

static NDIS_STATUS
MpCopyOut(PNDIS_OID_REQUEST Request, PVOID Data, ULONG Length)
{
    if (Request->DATA.QUERY_INFORMATION.InformationBufferLength < Length) {
        Request->DATA.QUERY_INFORMATION.BytesNeeded = Length;
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    NdisMoveMemory(Request->DATA.QUERY_INFORMATION.InformationBuffer, Data, Length);
    Request->DATA.QUERY_INFORMATION.BytesWritten = Length;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
MpQueryInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    NDIS_INTERRUPT_MODERATION_PARAMETERS Moderation;
    ULONG Value;
    ULONG64 Value64;

    switch (Request->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_HARDWARE_STATUS:
        Value = Adapter->HardwareFailed ? NdisHardwareStatusNotReady : NdisHardwareStatusReady;
        return MpCopyOut(Request, &Value, sizeof(Value));
    case OID_GEN_MAXIMUM_FRAME_SIZE:
        Value = MP_FRAME_SIZE - 14;
        return MpCopyOut(Request, &Value, sizeof(Value));
    case OID_GEN_MAXIMUM_TOTAL_SIZE:
        Value = MP_FRAME_SIZE;
        return MpCopyOut(Request, &Value, sizeof(Value));
    case OID_GEN_LINK_SPEED:
        Value = (ULONG)(Adapter->LinkSpeed / 100);
        return MpCopyOut(Request, &Value, sizeof(Value));
    case OID_GEN_MEDIA_CONNECT_STATUS:
        Value = Adapter->LinkUp ? MediaConnectStateConnected : MediaConnectStateDisconnected;
        return MpCopyOut(Request, &Value, sizeof(Value));
    case OID_GEN_CURRENT_PACKET_FILTER:
        return MpCopyOut(Request, &Adapter->PacketFilter, sizeof(ULONG));
    case OID_GEN_XMIT_OK:
        Value64 = Adapter->TxFrames;
        return MpCopyOut(Request, &Value64, sizeof(Value64));
    case OID_GEN_RCV_OK:
        Value64 = Adapter->RxFrames;
        return MpCopyOut(Request, &Value64, sizeof(Value64));
    case OID_GEN_XMIT_ERROR:
        Value = (ULONG)Adapter->TxDropped;
        return MpCopyOut(Request, &Value, sizeof(Value));
    case OID_802_3_PERMANENT_ADDRESS:
    case OID_802_3_CURRENT_ADDRESS:
        return MpCopyOut(Request, Adapter->MacAddress, 6);
    case OID_802_3_MAXIMUM_LIST_SIZE:
        Value = MP_MAX_MCAST;
        return MpCopyOut(Request, &Value, sizeof(Value));
    case OID_GEN_INTERRUPT_MODERATION:
        NdisZeroMemory(&Moderation, sizeof(Moderation));
        Moderation.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        Moderation.Header.Revision = NDIS_INTERRUPT_MODERATION_PARAMETERS_REVISION_1;
        Moderation.Header.Size = NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1;
        if (Adapter->InterruptMode == NicInterruptNone) {
            Moderation.InterruptModeration = NdisInterruptModerationNotSupported;
        } else if (Adapter->InterruptModeration == NIC_ITR_LOW_LATENCY) {
            Moderation.InterruptModeration = NdisInterruptModerationDisabled;
        } else {
            Moderation.InterruptModeration = NdisInterruptModerationEnabled;
        }
        return MpCopyOut(Request, &Moderation, sizeof(Moderation));
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static NDIS_STATUS
MpSetInterruptModeration(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    PNDIS_INTERRUPT_MODERATION_PARAMETERS Params;
    ULONG Itr;

    if (Request->DATA.SET_INFORMATION.InformationBufferLength < NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1) {
        return NDIS_STATUS_INVALID_LENGTH;
    }
    Params = (PNDIS_INTERRUPT_MODERATION_PARAMETERS)Request->DATA.SET_INFORMATION.InformationBuffer;
    if (Adapter->InterruptMode == NicInterruptNone) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    switch (Params->InterruptModeration) {
    case NdisInterruptModerationEnabled:
        Itr = NIC_ITR_DEFAULT;
        break;
    case NdisInterruptModerationDisabled:
        Itr = NIC_ITR_LOW_LATENCY;
        break;
    default:
        return NDIS_STATUS_INVALID_DATA;
    }
    Request->DATA.SET_INFORMATION.BytesRead = NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1;
    if (Adapter->State == MpStatePaused) {
        /* the interrupt is given back while paused; MPRestart programs the saved value */
        Adapter->InterruptModeration = Itr;
        return NDIS_STATUS_SUCCESS;
    }
    NicSetInterruptModeration(Adapter, Itr);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
MpSetInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    PVOID Buffer = Request->DATA.SET_INFORMATION.InformationBuffer;
    ULONG Length = Request->DATA.SET_INFORMATION.InformationBufferLength;
    ULONG Filter;

    switch (Request->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (Length < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Filter = *(PULONG)Buffer;
        if (Filter & ~MP_SUPPORTED_FILTERS) {
            return NDIS_STATUS_NOT_SUPPORTED;
        }
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        if (Adapter->State == MpStatePaused) {
            Adapter->PacketFilter = Filter;
            return NDIS_STATUS_SUCCESS;
        }
        NicSetRxFilter(Adapter, Filter);
        return NDIS_STATUS_SUCCESS;

    case OID_GEN_INTERRUPT_MODERATION:
        return MpSetInterruptModeration(Adapter, Request);

    case OID_802_3_MULTICAST_LIST:
        if (Length % 6 != 0 || Length / 6 > MP_MAX_MCAST) {
            return NDIS_STATUS_MULTICAST_FULL;
        }
        NdisMoveMemory(Adapter->McastAddresses, Buffer, Length);
        Adapter->McastCount = Length / 6;
        Request->DATA.SET_INFORMATION.BytesRead = Length;
        return NDIS_STATUS_SUCCESS;

    case OID_GEN_CURRENT_LOOKAHEAD:
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

NDIS_STATUS
MPOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST NdisRequest)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    if (Adapter->SurpriseRemoved) {
        return NDIS_STATUS_NOT_ACCEPTED;
    }
    switch (NdisRequest->RequestType) {
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        return MpQueryInformation(Adapter, NdisRequest);
    case NdisRequestSetInformation:
        return MpSetInformation(Adapter, NdisRequest);
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

VOID
MPCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    /* every request completes synchronously: nothing is ever pending here */
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}
