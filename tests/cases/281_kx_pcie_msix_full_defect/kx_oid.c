/*
 * kx_oid.c - Kestrel KX-2000: OID requests, including power management.
 *
 * OID_PNP_SET_POWER to D3 masks the chip, arms the wake-up filters (both at DIRQL through the
 * interrupt) and gives the interrupt back; D0 registers it again and only then records D0.
 */

#include "kx.h"

static NDIS_STATUS
KxCopyQueryData(PNDIS_OID_REQUEST Request, PVOID Data, ULONG Length)
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
KxQueryInformation(PKX_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    NDIS_OID Oid = Request->DATA.QUERY_INFORMATION.Oid;
    ULONG Value = 0;
    ULONG64 Value64 = 0;

    switch (Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        Value = Adapter->PacketFilter;
        return KxCopyQueryData(Request, &Value, sizeof(Value));
    case OID_GEN_CURRENT_LOOKAHEAD:
        Value = Adapter->LookAhead;
        return KxCopyQueryData(Request, &Value, sizeof(Value));
    case OID_802_3_PERMANENT_ADDRESS:
        return KxCopyQueryData(Request, Adapter->PermanentAddress, ETH_LENGTH_OF_ADDRESS);
    case OID_802_3_CURRENT_ADDRESS:
        return KxCopyQueryData(Request, Adapter->CurrentAddress, ETH_LENGTH_OF_ADDRESS);
    case OID_802_3_MAXIMUM_LIST_SIZE:
        Value = KX_MAX_MCAST;
        return KxCopyQueryData(Request, &Value, sizeof(Value));
    case OID_802_3_MULTICAST_LIST:
        return KxCopyQueryData(Request, Adapter->McastList, Adapter->McastCount * ETH_LENGTH_OF_ADDRESS);
    case OID_GEN_XMIT_OK:
        Value64 = Adapter->Stats.TxFrames;
        return KxCopyQueryData(Request, &Value64, sizeof(Value64));
    case OID_GEN_RCV_OK:
        Value64 = Adapter->Stats.RxFrames;
        return KxCopyQueryData(Request, &Value64, sizeof(Value64));
    case OID_GEN_RCV_CRC_ERROR:
        Value64 = Adapter->Stats.RxCrcErrors;
        return KxCopyQueryData(Request, &Value64, sizeof(Value64));
    case OID_GEN_RCV_NO_BUFFER:
        Value64 = Adapter->Stats.RxNoBuffer + Adapter->Stats.RxMissed;
        return KxCopyQueryData(Request, &Value64, sizeof(Value64));
    case OID_GEN_VENDOR_DRIVER_VERSION:
        Value = KX_DRIVER_VERSION;
        return KxCopyQueryData(Request, &Value, sizeof(Value));
    case OID_PNP_QUERY_POWER:
        return NDIS_STATUS_SUCCESS;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static NDIS_STATUS
KxSetPacketFilter(PKX_ADAPTER Adapter, ULONG Filter)
{
    if (Filter & ~KX_SUPPORTED_FILTERS) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    Adapter->PacketFilter = Filter;
    if (KX_HW_ACCESSIBLE(Adapter)) {
        KX_SYNC(Adapter, KxSyncApplyRxFilter, Adapter);
    }
    // in D3 the filter is programmed by the D0 transition
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
KxSetMulticastList(PKX_ADAPTER Adapter, PVOID Buffer, ULONG Length)
{
    if (Length % ETH_LENGTH_OF_ADDRESS != 0) {
        return NDIS_STATUS_INVALID_LENGTH;
    }
    if (Length / ETH_LENGTH_OF_ADDRESS > KX_MAX_MCAST) {
        return NDIS_STATUS_MULTICAST_FULL;
    }
    NdisMoveMemory(Adapter->McastList, Buffer, Length);
    Adapter->McastCount = Length / ETH_LENGTH_OF_ADDRESS;
    if (KX_HW_ACCESSIBLE(Adapter)) {
        KX_SYNC(Adapter, KxSyncApplyRxFilter, Adapter);
    }
    return NDIS_STATUS_SUCCESS;
}

//
// D3: quiesce, arm wake, release the interrupt, power the MAC down.
//
static NDIS_STATUS
KxSetPowerLow(PKX_ADAPTER Adapter, NDIS_DEVICE_POWER_STATE NewState)
{
    if (Adapter->Power.DevicePowerState != NdisDeviceStateD0) {
        Adapter->Power.DevicePowerState = NewState;
        return NDIS_STATUS_SUCCESS;
    }

    KxHalStopRxTx(Adapter);
    if (Adapter->Intr.Registered) {
        KX_SYNC(Adapter, KxSyncMaskAll, Adapter);
    }
    KxIntrRelease(Adapter);
    if (Adapter->Power.WakeUpFlags != 0) {
        // wake filters last, once nothing else can fire
        KX_SYNC(Adapter, KxSyncArmWake, Adapter); // defect: NdisMDeregisterInterruptEx (via KX_SYNC)
    }
    KxHalPowerDown(Adapter);

    Adapter->Power.DevicePowerState = NewState;
    Adapter->Power.D3Transitions++;
    DBGPRINT(KX_DBG_INFO, ("now in D%u, wake flags 0x%x\n", NewState - NdisDeviceStateD0, Adapter->Power.WakeUpFlags));
    return NDIS_STATUS_SUCCESS;
}

//
// D0: power up, register the interrupt again, reprogram the MAC.
//
static NDIS_STATUS
KxSetPowerD0(PKX_ADAPTER Adapter)
{
    NDIS_STATUS Status;

    if (Adapter->Power.DevicePowerState == NdisDeviceStateD0) {
        return NDIS_STATUS_SUCCESS;
    }

    KxHalPowerUp(Adapter);
    Status = KxHalResetChip(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        DBGPRINT(KX_DBG_ERROR, ("chip did not come back from D3\n"));
        return Status;
    }
    Status = KxIntrRegister(Adapter);
    if (!NT_SUCCESS(Status)) {
        DBGPRINT(KX_DBG_ERROR, ("interrupt not registered again after D3 (0x%08x)\n", Status));
        return Status;
    }
    KxResetRings(Adapter);
    (VOID)KxHalInitHardware(Adapter);
    Adapter->Power.DevicePowerState = NdisDeviceStateD0;

    KX_SYNC(Adapter, KxSyncApplyRxFilter, Adapter);
    if (Adapter->State == KxStateRunning) {
        KxHalStartRxTx(Adapter);
        KX_SYNC(Adapter, KxSyncUnmaskAll, Adapter);
    }
    KxPhyCheckLink(Adapter);
    KxIndicateLinkState(Adapter);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
KxSetInformation(PKX_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    NDIS_OID Oid = Request->DATA.SET_INFORMATION.Oid;
    PVOID Buffer = Request->DATA.SET_INFORMATION.InformationBuffer;
    ULONG Length = Request->DATA.SET_INFORMATION.InformationBufferLength;
    NDIS_STATUS Status;

    switch (Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (Length < sizeof(ULONG)) {
            Request->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Status = KxSetPacketFilter(Adapter, *(PULONG)Buffer);
        if (Status == NDIS_STATUS_SUCCESS) {
            Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        }
        return Status;

    case OID_802_3_MULTICAST_LIST:
        Status = KxSetMulticastList(Adapter, Buffer, Length);
        if (Status == NDIS_STATUS_SUCCESS) {
            Request->DATA.SET_INFORMATION.BytesRead = Length;
        }
        return Status;

    case OID_GEN_CURRENT_LOOKAHEAD:
        if (Length < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->LookAhead = min(*(PULONG)Buffer, KX_MAX_FRAME_SIZE);
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;

    case OID_PNP_ENABLE_WAKE_UP:
        if (Length < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->Power.WakeUpFlags = *(PULONG)Buffer;
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;

    case OID_PNP_SET_POWER:
        if (Length < sizeof(NDIS_DEVICE_POWER_STATE)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(NDIS_DEVICE_POWER_STATE);
        if (*(PNDIS_DEVICE_POWER_STATE)Buffer == NdisDeviceStateD0) {
            return KxSetPowerD0(Adapter);
        }
        return KxSetPowerLow(Adapter, *(PNDIS_DEVICE_POWER_STATE)Buffer);

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

NDIS_STATUS
KxOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    switch (OidRequest->RequestType) {
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        Status = KxQueryInformation(Adapter, OidRequest);
        break;
    case NdisRequestSetInformation:
        Status = KxSetInformation(Adapter, OidRequest);
        break;
    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }
    if (Status != NDIS_STATUS_SUCCESS && Status != NDIS_STATUS_NOT_SUPPORTED) {
        DBGPRINT(KX_DBG_WARN, ("OID 0x%08x failed 0x%08x\n", OidRequest->DATA.QUERY_INFORMATION.Oid, Status));
    }
    return Status;
}

VOID
KxCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
    // every OID completes synchronously
}
