/*
 * oid.c - Contoso CX-2000 miniport: OID requests, including power management.
 *
 * Power: going to a low-power state (OID_PNP_SET_POWER with D1-D3) the chip loses its
 * interrupt routing, so the driver masks the chip and gives the interrupt back to NDIS
 * (CxDisconnectInterrupt); the return to D0 resets the chip and registers the interrupt again.
 * While in low power Adapter->InterruptConnected is FALSE and nothing may synchronize with the
 * interrupt.
 */

#include "cx.h"

static NDIS_STATUS
CxSetPower(PCX_ADAPTER Adapter, NDIS_DEVICE_POWER_STATE NewState)
{
    NDIS_STATUS Status;

    if (NewState == Adapter->DevicePowerState) {
        return NDIS_STATUS_SUCCESS;
    }

    if (NewState == NdisDeviceStateD0) {
        Status = CxResetChip(Adapter);
        if (Status == NDIS_STATUS_SUCCESS) {
            Status = CxConnectInterrupt(Adapter);
        }
        if (Status != NDIS_STATUS_SUCCESS) {
            return Status;
        }
        Adapter->DevicePowerState = NdisDeviceStateD0;
        CxSyncProgramFilter(Adapter);
        CxSyncEnableInterrupts(Adapter);
        return NDIS_STATUS_SUCCESS;
    }

    //
    // Low power: fold in the clear-on-read counters before they are lost, mask the chip and
    // give the interrupt back.
    //
    if (Adapter->InterruptConnected) {
        CxSyncReadCounters(Adapter);
        CxSyncDisableInterrupts(Adapter);
        CxDisconnectInterrupt(Adapter);
    }
    CX_WRITE(Adapter, CX_REG_CONTROL, 0);
    Adapter->DevicePowerState = NewState;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
CxSetMulticastList(PCX_ADAPTER Adapter, PVOID Buffer, UINT Length)
{
    if (Length % CX_MAC_LENGTH != 0) {
        return NDIS_STATUS_INVALID_LENGTH;
    }
    if (Length > sizeof(Adapter->MulticastList)) {
        return NDIS_STATUS_MULTICAST_FULL;
    }

    NdisAcquireSpinLock(&Adapter->RecvLock);
    NdisMoveMemory(Adapter->MulticastList, Buffer, Length);
    Adapter->MulticastCount = Length / CX_MAC_LENGTH;
    NdisReleaseSpinLock(&Adapter->RecvLock);

    if (Adapter->InterruptConnected) {
        CxSyncProgramFilter(Adapter);
    }
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
CxSetInformation(PCX_ADAPTER Adapter, PNDIS_OID_REQUEST OidRequest)
{
    PVOID Buffer = OidRequest->DATA.SET_INFORMATION.InformationBuffer;
    UINT Length = OidRequest->DATA.SET_INFORMATION.InformationBufferLength;

    switch (OidRequest->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (Length < sizeof(ULONG)) {
            OidRequest->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->PacketFilter = *(PULONG)Buffer;
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        // in low power the filter is programmed on the way back to D0
        if (Adapter->InterruptConnected) {
            CxSyncProgramFilter(Adapter);
        }
        return NDIS_STATUS_SUCCESS;

    case OID_802_3_MULTICAST_LIST:
        OidRequest->DATA.SET_INFORMATION.BytesRead = Length;
        return CxSetMulticastList(Adapter, Buffer, Length);

    case OID_GEN_CURRENT_LOOKAHEAD:
        OidRequest->DATA.SET_INFORMATION.BytesRead = Length;
        return NDIS_STATUS_SUCCESS;

    case OID_PNP_SET_POWER:
        if (Length < sizeof(NDIS_DEVICE_POWER_STATE)) {
            OidRequest->DATA.SET_INFORMATION.BytesNeeded = sizeof(NDIS_DEVICE_POWER_STATE);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(NDIS_DEVICE_POWER_STATE);
        return CxSetPower(Adapter, *(PNDIS_DEVICE_POWER_STATE)Buffer);

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static NDIS_STATUS
CxQueryUlong64(PNDIS_OID_REQUEST OidRequest, ULONG64 Value)
{
    if (OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength < sizeof(ULONG64)) {
        OidRequest->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG64);
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    *(ULONG64 *)OidRequest->DATA.QUERY_INFORMATION.InformationBuffer = Value;
    OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
CxQueryInformation(PCX_ADAPTER Adapter, PNDIS_OID_REQUEST OidRequest)
{
    switch (OidRequest->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_XMIT_OK:
        return CxQueryUlong64(OidRequest, Adapter->FramesSent);

    case OID_GEN_RCV_OK:
        return CxQueryUlong64(OidRequest, Adapter->FramesReceived);

    case OID_GEN_RCV_CRC_ERROR:
    case OID_GEN_RCV_NO_BUFFER:
        // in low power the counters were folded in on the way down
        if (Adapter->InterruptConnected) {
            CxSyncReadCounters(Adapter);
        }
        return CxQueryUlong64(OidRequest, OidRequest->DATA.QUERY_INFORMATION.Oid == OID_GEN_RCV_CRC_ERROR ?
                                          Adapter->RxCrcErrors : Adapter->RxMissed);

    case OID_PNP_QUERY_POWER:
        // every D-state is supported; nothing to prepare
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

NDIS_STATUS
MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)MiniportAdapterContext;

    switch (OidRequest->RequestType) {
    case NdisRequestSetInformation:
        return CxSetInformation(Adapter, OidRequest);

    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        return CxQueryInformation(Adapter, OidRequest);

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

VOID
MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    // requests complete synchronously: there is never one to cancel
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}
