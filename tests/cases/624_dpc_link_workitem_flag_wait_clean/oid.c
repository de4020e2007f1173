/*
 * oid.c - OID request handling.
 */
#include "lkmp.h"

static const NDIS_OID LkSupportedOids[] = {
    OID_GEN_SUPPORTED_LIST,
    OID_GEN_HARDWARE_STATUS,
    OID_GEN_MEDIA_SUPPORTED,
    OID_GEN_MEDIA_IN_USE,
    OID_GEN_MAXIMUM_LOOKAHEAD,
    OID_GEN_MAXIMUM_FRAME_SIZE,
    OID_GEN_MAXIMUM_TOTAL_SIZE,
    OID_GEN_TRANSMIT_BLOCK_SIZE,
    OID_GEN_RECEIVE_BLOCK_SIZE,
    OID_GEN_VENDOR_ID,
    OID_GEN_VENDOR_DESCRIPTION,
    OID_GEN_VENDOR_DRIVER_VERSION,
    OID_GEN_CURRENT_PACKET_FILTER,
    OID_GEN_CURRENT_LOOKAHEAD,
    OID_GEN_DRIVER_VERSION,
    OID_GEN_XMIT_OK,
    OID_GEN_RCV_OK,
    OID_GEN_XMIT_ERROR,
    OID_GEN_RCV_ERROR,
    OID_GEN_RCV_NO_BUFFER,
    OID_802_3_PERMANENT_ADDRESS,
    OID_802_3_CURRENT_ADDRESS,
    OID_802_3_MULTICAST_LIST,
    OID_802_3_MAXIMUM_LIST_SIZE,
    OID_PNP_SET_POWER,

};

static const CHAR LkVendorDescription[] = "LK PCI Gigabit Ethernet Adapter";

NDIS_STATUS
LkQueryInformation(
    PLK_ADAPTER              Adapter,
    PNDIS_OID_REQUEST Request
    )
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    NDIS_OID Oid = Request->DATA.QUERY_INFORMATION.Oid;
    PVOID InformationBuffer = Request->DATA.QUERY_INFORMATION.InformationBuffer;
    ULONG InformationBufferLength = Request->DATA.QUERY_INFORMATION.InformationBufferLength;
    ULONG Info = 0;
    ULONG64 Info64 = 0;
    PVOID Source = &Info;
    ULONG SourceLength = sizeof(ULONG);
    NDIS_HARDWARE_STATUS HwStatus = NdisHardwareStatusReady;
    NDIS_MEDIUM Medium = NdisMedium802_3;

    switch (Oid) {
    case OID_GEN_SUPPORTED_LIST:
        Source = (PVOID)LkSupportedOids;
        SourceLength = sizeof(LkSupportedOids);
        break;

    case OID_GEN_HARDWARE_STATUS:
        if (MP_TEST_FLAG(Adapter, fMP_RESET_IN_PROGRESS)) {
            HwStatus = NdisHardwareStatusReset;
        } else if (MP_TEST_FLAG(Adapter, fMP_HARDWARE_ERROR)) {
            HwStatus = NdisHardwareStatusNotReady;
        }
        Source = &HwStatus;
        SourceLength = sizeof(HwStatus);
        break;

    case OID_GEN_MEDIA_SUPPORTED:
    case OID_GEN_MEDIA_IN_USE:
        Source = &Medium;
        SourceLength = sizeof(Medium);
        break;

    case OID_GEN_MAXIMUM_LOOKAHEAD:
    case OID_GEN_MAXIMUM_FRAME_SIZE:
        Info = LK_MAX_LOOKAHEAD;
        break;

    case OID_GEN_CURRENT_LOOKAHEAD:
        Info = Adapter->LookAhead;
        break;

    case OID_GEN_MAXIMUM_TOTAL_SIZE:
    case OID_GEN_TRANSMIT_BLOCK_SIZE:
    case OID_GEN_RECEIVE_BLOCK_SIZE:
        Info = LK_MAX_FRAME;
        break;

    case OID_GEN_VENDOR_ID:
        Info = LK_VENDOR_ID;
        break;

    case OID_GEN_VENDOR_DESCRIPTION:
        Source = (PVOID)LkVendorDescription;
        SourceLength = sizeof(LkVendorDescription);
        break;

    case OID_GEN_VENDOR_DRIVER_VERSION:
        Info = (LK_DRIVER_MAJOR << 16) | LK_DRIVER_MINOR;
        break;

    case OID_GEN_DRIVER_VERSION:
        Info = (LK_NDIS_MAJOR << 8) | LK_NDIS_MINOR;
        SourceLength = sizeof(USHORT);
        break;

    case OID_GEN_CURRENT_PACKET_FILTER:
        Info = Adapter->PacketFilter;
        break;

    case OID_802_3_PERMANENT_ADDRESS:
        Source = Adapter->PermanentAddress;
        SourceLength = LK_MAC_LENGTH;
        break;

    case OID_802_3_CURRENT_ADDRESS:
        Source = Adapter->CurrentAddress;
        SourceLength = LK_MAC_LENGTH;
        break;

    case OID_802_3_MAXIMUM_LIST_SIZE:
        Info = LK_MAX_MCAST;
        break;

    case OID_802_3_MULTICAST_LIST:
        Source = Adapter->MulticastList;
        SourceLength = Adapter->MulticastCount * LK_MAC_LENGTH;
        break;

    case OID_GEN_XMIT_OK:
    case OID_GEN_RCV_OK:
    case OID_GEN_XMIT_ERROR:
    case OID_GEN_RCV_ERROR:
    case OID_GEN_RCV_NO_BUFFER:
        NdisAcquireSpinLock(&Adapter->Lock);
        switch (Oid) {
        case OID_GEN_XMIT_OK:      Info64 = Adapter->Stats.GoodTransmits; break;
        case OID_GEN_RCV_OK:       Info64 = Adapter->Stats.GoodReceives;  break;
        case OID_GEN_XMIT_ERROR:   Info64 = Adapter->Stats.TxErrors;      break;
        case OID_GEN_RCV_ERROR:    Info64 = Adapter->Stats.RxErrors;      break;
        default:                   Info64 = Adapter->Stats.RxNoBuffer;    break;
        }
        NdisReleaseSpinLock(&Adapter->Lock);
        Source = &Info64;
        SourceLength = sizeof(ULONG64);
        if (InformationBufferLength < sizeof(ULONG64)) {
            SourceLength = sizeof(ULONG);
        }
        break;

    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }

    if (Status == NDIS_STATUS_SUCCESS) {
        if (SourceLength > InformationBufferLength) {
            Request->DATA.QUERY_INFORMATION.BytesNeeded = SourceLength;
            Status = NDIS_STATUS_BUFFER_TOO_SHORT;
        } else {
            NdisMoveMemory(InformationBuffer, Source, SourceLength);
            Request->DATA.QUERY_INFORMATION.BytesWritten = SourceLength;
        }
    }

    return Status;
}

NDIS_STATUS
LkSetInformation(
    PLK_ADAPTER              Adapter,
    PNDIS_OID_REQUEST Request
    )
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    NDIS_OID Oid = Request->DATA.SET_INFORMATION.Oid;
    PVOID InformationBuffer = Request->DATA.SET_INFORMATION.InformationBuffer;
    ULONG InformationBufferLength = Request->DATA.SET_INFORMATION.InformationBufferLength;
    ULONG Filter;

    switch (Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (InformationBufferLength < sizeof(ULONG)) {
            Request->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            Status = NDIS_STATUS_INVALID_LENGTH;
            break;
        }
        NdisMoveMemory(&Filter, InformationBuffer, sizeof(ULONG));
        if (Filter & ~(NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST |
                       NDIS_PACKET_TYPE_ALL_MULTICAST | NDIS_PACKET_TYPE_BROADCAST |
                       NDIS_PACKET_TYPE_PROMISCUOUS)) {
            Status = NDIS_STATUS_NOT_SUPPORTED;
            break;
        }
        NdisAcquireSpinLock(&Adapter->Lock);
        Adapter->PacketFilter = Filter;
        NdisReleaseSpinLock(&Adapter->Lock);
        LkSetPacketFilterHw(Adapter, Filter);
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        break;

    case OID_GEN_CURRENT_LOOKAHEAD:
        if (InformationBufferLength < sizeof(ULONG)) {
            Request->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            Status = NDIS_STATUS_INVALID_LENGTH;
            break;
        }
        NdisMoveMemory(&Filter, InformationBuffer, sizeof(ULONG));
        if (Filter > LK_MAX_LOOKAHEAD) {
            Status = NDIS_STATUS_INVALID_DATA;
            break;
        }
        Adapter->LookAhead = Filter;
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        break;

    case OID_802_3_MULTICAST_LIST:
        if (InformationBufferLength % LK_MAC_LENGTH) {
            Status = NDIS_STATUS_INVALID_LENGTH;
            break;
        }
        if (InformationBufferLength > LK_MAX_MCAST * LK_MAC_LENGTH) {
            Status = NDIS_STATUS_MULTICAST_FULL;
            break;
        }
        NdisAcquireSpinLock(&Adapter->Lock);
        NdisMoveMemory(Adapter->MulticastList, InformationBuffer, InformationBufferLength);
        Adapter->MulticastCount = InformationBufferLength / LK_MAC_LENGTH;
        NdisReleaseSpinLock(&Adapter->Lock);
        LkSetMulticastHw(Adapter);
        Request->DATA.SET_INFORMATION.BytesRead = InformationBufferLength;
        break;

    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }

    return Status;
}

NDIS_STATUS
LkOidRequest(
    NDIS_HANDLE       MiniportAdapterContext,
    PNDIS_OID_REQUEST NdisRequest
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    switch (NdisRequest->RequestType) {
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        Status = LkQueryInformation(Adapter, NdisRequest);
        break;

    case NdisRequestSetInformation:
        Status = LkSetInformation(Adapter, NdisRequest);
        break;

    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }

    return Status;
}

VOID
LkCancelOidRequest(
    NDIS_HANDLE MiniportAdapterContext,
    PVOID       RequestId
    )
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
    /* requests complete synchronously; nothing is queued to cancel */
}

