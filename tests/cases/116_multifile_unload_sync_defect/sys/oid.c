/*
 * Case 116: OID requests and the send path (see driver.c for what the case is about).
 */
#include "nic.h"

NDIS_STATUS
MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PNIC_DEVICE Device = (PNIC_DEVICE)MiniportAdapterContext;

    switch (OidRequest->RequestType) {
    case NdisRequestSetInformation:
        if (OidRequest->DATA.SET_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER) {
            if (OidRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
                return NDIS_STATUS_INVALID_LENGTH;
            }
            NicSetPacketFilter(Device, *(PULONG)OidRequest->DATA.SET_INFORMATION.InformationBuffer);
            OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
            return NDIS_STATUS_SUCCESS;
        }
        return NDIS_STATUS_NOT_SUPPORTED;

    case NdisRequestQueryStatistics:
    case NdisRequestQueryInformation:
        if (OidRequest->DATA.QUERY_INFORMATION.Oid == OID_GEN_RCV_OK &&
            OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength >= sizeof(ULONG64)) {
            NicLatchCounters(Device);
            *(PULONG64)OidRequest->DATA.QUERY_INFORMATION.InformationBuffer = Device->RxFrames;
            OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
            return NDIS_STATUS_SUCCESS;
        }
        return NDIS_STATUS_NOT_SUPPORTED;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

VOID
MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
MpSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PNIC_DEVICE Device = (PNIC_DEVICE)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;

    UNREFERENCED_PARAMETER(PortNumber);

    NdisAcquireSpinLock(&Device->TxLock);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
        Device->TxFrames++;
    }
    NIC_WRITE(Device, CSR_TDT, (ULONG)Device->TxFrames);
    NdisReleaseSpinLock(&Device->TxLock);
    NdisMSendNetBufferListsComplete(Device->MiniportHandle, NetBufferLists,
                                    (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) ?
                                    NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
MpReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
MpCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}
