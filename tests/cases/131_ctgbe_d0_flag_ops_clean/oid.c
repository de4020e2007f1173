/*
 * Contoso CT-GbE: OID requests (query, set), cancel.
 * (Case 130/131 driver: see power.c for what the case is about.)
 */
#include "adapter.h"

static const NDIS_OID CtSupportedOids[] = {
    OID_GEN_HARDWARE_STATUS,
    OID_GEN_MAXIMUM_FRAME_SIZE,
    OID_GEN_MAXIMUM_TOTAL_SIZE,
    OID_GEN_LINK_SPEED,
    OID_GEN_TRANSMIT_BLOCK_SIZE,
    OID_GEN_RECEIVE_BLOCK_SIZE,
    OID_GEN_VENDOR_ID,
    OID_GEN_VENDOR_DESCRIPTION,
    OID_GEN_VENDOR_DRIVER_VERSION,
    OID_GEN_CURRENT_PACKET_FILTER,
    OID_GEN_CURRENT_LOOKAHEAD,
    OID_GEN_MEDIA_CONNECT_STATUS,
    OID_GEN_XMIT_OK,
    OID_GEN_RCV_OK,
    OID_GEN_XMIT_ERROR,
    OID_GEN_RCV_ERROR,
    OID_GEN_RCV_NO_BUFFER,
    OID_GEN_STATISTICS,
    OID_802_3_PERMANENT_ADDRESS,
    OID_802_3_CURRENT_ADDRESS,
    OID_802_3_MULTICAST_LIST,
    OID_802_3_MAXIMUM_LIST_SIZE,
    OID_PNP_CAPABILITIES,
    OID_PNP_QUERY_POWER,
    OID_PNP_SET_POWER,
};

static const char CtVendorDescription[] = "Contoso CT-GbE Network Adapter";

static NDIS_STATUS
CtQueryInformation(PCT_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    NDIS_OID Oid = Request->DATA.QUERY_INFORMATION.Oid;
    PVOID Buffer = Request->DATA.QUERY_INFORMATION.InformationBuffer;
    ULONG BufferLength = Request->DATA.QUERY_INFORMATION.InformationBufferLength;
    NDIS_STATISTICS_INFO Stats;
    ULONG Ulong = 0;
    ULONG64 Ulong64 = 0;
    PVOID Source = &Ulong;
    ULONG SourceLength = sizeof(ULONG);

    switch (Oid) {
    case OID_GEN_HARDWARE_STATUS:
        Ulong = MP_TEST_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR) ? NdisHardwareStatusNotReady
                                                                   : NdisHardwareStatusReady;
        break;
    case OID_GEN_MAXIMUM_FRAME_SIZE:
        Ulong = CT_MAX_FRAME_SIZE - CT_HEADER_SIZE;
        break;
    case OID_GEN_MAXIMUM_TOTAL_SIZE:
    case OID_GEN_TRANSMIT_BLOCK_SIZE:
    case OID_GEN_RECEIVE_BLOCK_SIZE:
        Ulong = CT_MAX_FRAME_SIZE;
        break;
    case OID_GEN_LINK_SPEED:
        Ulong = (ULONG)(Adapter->LinkSpeed / 100);
        break;
    case OID_GEN_VENDOR_ID:
        Ulong = 0x00C0FFEE;
        break;
    case OID_GEN_VENDOR_DESCRIPTION:
        Source = (PVOID)CtVendorDescription;
        SourceLength = sizeof(CtVendorDescription);
        break;
    case OID_GEN_VENDOR_DRIVER_VERSION:
        Ulong = CT_DRIVER_VERSION;
        break;
    case OID_GEN_CURRENT_PACKET_FILTER:
        Ulong = Adapter->PacketFilter;
        break;
    case OID_GEN_CURRENT_LOOKAHEAD:
        Ulong = Adapter->Lookahead;
        break;
    case OID_GEN_MEDIA_CONNECT_STATUS:
        Ulong = MP_TEST_FLAG(Adapter, fMP_ADAPTER_LINK_UP) ? MediaConnectStateConnected
                                                            : MediaConnectStateDisconnected;
        break;
    case OID_GEN_XMIT_OK:
        Ulong64 = Adapter->GoodTransmits;
        Source = &Ulong64;
        SourceLength = sizeof(ULONG64);
        break;
    case OID_GEN_RCV_OK:
        Ulong64 = Adapter->GoodReceives;
        Source = &Ulong64;
        SourceLength = sizeof(ULONG64);
        break;
    case OID_GEN_XMIT_ERROR:
        Ulong = (ULONG)Adapter->TxErrors;
        break;
    case OID_GEN_RCV_ERROR:
        Ulong = (ULONG)Adapter->RxErrors;
        break;
    case OID_GEN_RCV_NO_BUFFER:
        Ulong = (ULONG)Adapter->RxNoBuffers;
        break;
    case OID_GEN_STATISTICS:
        NdisZeroMemory(&Stats, sizeof(Stats));
        Stats.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        Stats.Header.Revision = NDIS_STATISTICS_INFO_REVISION_1;
        Stats.Header.Size = NDIS_SIZEOF_STATISTICS_INFO_REVISION_1;
        Stats.ifHCInUcastPkts = Adapter->GoodReceives;
        Stats.ifHCOutUcastPkts = Adapter->GoodTransmits;
        Stats.ifInErrors = Adapter->RxErrors;
        Stats.ifOutErrors = Adapter->TxErrors;
        Stats.ifInDiscards = Adapter->RxNoBuffers;
        Source = &Stats;
        SourceLength = sizeof(Stats);
        break;
    case OID_802_3_PERMANENT_ADDRESS:
        Source = Adapter->PermanentAddress;
        SourceLength = 6;
        break;
    case OID_802_3_CURRENT_ADDRESS:
        Source = Adapter->CurrentAddress;
        SourceLength = 6;
        break;
    case OID_802_3_MAXIMUM_LIST_SIZE:
        Ulong = CT_MAX_MCAST;
        break;
    case OID_802_3_MULTICAST_LIST:
        Source = Adapter->McastList;
        SourceLength = Adapter->McastCount * 6;
        break;
    case OID_PNP_QUERY_POWER:
        /* any state: the adapter keeps nothing it cannot rebuild */
        SourceLength = 0;
        break;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }

    if (SourceLength > BufferLength) {
        Request->DATA.QUERY_INFORMATION.BytesNeeded = SourceLength;
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    if (SourceLength != 0) {
        NdisMoveMemory(Buffer, Source, SourceLength);
    }
    Request->DATA.QUERY_INFORMATION.BytesWritten = SourceLength;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
CtSetInformation(PCT_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    NDIS_OID Oid = Request->DATA.SET_INFORMATION.Oid;
    PVOID Buffer = Request->DATA.SET_INFORMATION.InformationBuffer;
    ULONG BufferLength = Request->DATA.SET_INFORMATION.InformationBufferLength;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    ULONG Filter;

    switch (Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (BufferLength < sizeof(ULONG)) {
            Request->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Filter = *(PULONG)Buffer;
        if (Filter & ~CT_SUPPORTED_FILTERS) {
            return NDIS_STATUS_NOT_SUPPORTED;
        }
        NdisAcquireSpinLock(&Adapter->SendLock);
        if (Adapter->State == MpStatePausing && Adapter->PendingRequest == NULL) {
            /* applied when the last send drains (CtCompleteSends) */
            Adapter->PendingRequest = Request;
            NdisReleaseSpinLock(&Adapter->SendLock);
            return NDIS_STATUS_PENDING;
        }
        NdisReleaseSpinLock(&Adapter->SendLock);
        CtSetPacketFilter(Adapter, Filter);
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        break;

    case OID_GEN_CURRENT_LOOKAHEAD:
        if (BufferLength < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        if (*(PULONG)Buffer > CT_MAX_LOOKAHEAD) {
            return NDIS_STATUS_INVALID_DATA;
        }
        Adapter->Lookahead = *(PULONG)Buffer;
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        break;

    case OID_802_3_MULTICAST_LIST:
        if (BufferLength % 6 != 0) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        if (BufferLength / 6 > CT_MAX_MCAST) {
            return NDIS_STATUS_MULTICAST_FULL;
        }
        CtSetMulticastList(Adapter, (PUCHAR)Buffer, BufferLength / 6);
        Request->DATA.SET_INFORMATION.BytesRead = BufferLength;
        break;

    case OID_PNP_SET_POWER:
        if (BufferLength < sizeof(NDIS_DEVICE_POWER_STATE)) {
            Request->DATA.SET_INFORMATION.BytesNeeded = sizeof(NDIS_DEVICE_POWER_STATE);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Status = CtSetPower(Adapter, *(PNDIS_DEVICE_POWER_STATE)Buffer);
        if (Status == NDIS_STATUS_SUCCESS) {
            Request->DATA.SET_INFORMATION.BytesRead = sizeof(NDIS_DEVICE_POWER_STATE);
        }
        break;

    case OID_PNP_ADD_WAKE_UP_PATTERN:
    case OID_PNP_REMOVE_WAKE_UP_PATTERN:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;

    case OID_PNP_ENABLE_WAKE_UP:
        if (BufferLength < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->WakeFlags = (*(PULONG)Buffer & NDIS_PNP_WAKE_UP_MAGIC_PACKET) ? CT_WUFC_MAG : 0;
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        break;

    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }
    return Status;
}

NDIS_STATUS
CtOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_HALT_IN_PROGRESS)) {
        return NDIS_STATUS_REQUEST_ABORTED;
    }

    switch (OidRequest->RequestType) {
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        Status = CtQueryInformation(Adapter, OidRequest);
        break;
    case NdisRequestSetInformation:
        Status = CtSetInformation(Adapter, OidRequest);
        break;
    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }
    return Status;
}

VOID
CtCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportAdapterContext;
    PNDIS_OID_REQUEST Request;

    NdisAcquireSpinLock(&Adapter->SendLock);
    Request = Adapter->PendingRequest;
    if (Request == NULL || Request->RequestId != RequestId) {
        NdisReleaseSpinLock(&Adapter->SendLock);
        return;
    }
    Adapter->PendingRequest = NULL;
    NdisReleaseSpinLock(&Adapter->SendLock);
    NdisMOidRequestComplete(Adapter->AdapterHandle, Request, NDIS_STATUS_REQUEST_ABORTED);
}
