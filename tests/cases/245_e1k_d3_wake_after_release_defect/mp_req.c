/*
 * mp_req.c - E1K OID requests, including OID_PNP_SET_POWER: the interrupt is given back in D3
 * and registered again in D0.  See mp_main.c for what the case exercises.
 */
#include "mp.h"

static NDIS_STATUS
MpSetPower(PMP_ADAPTER Adapter, NDIS_DEVICE_POWER_STATE NewPowerState)
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;

    if (NewPowerState == Adapter->CurrentPowerState) {
        return NDIS_STATUS_SUCCESS;
    }

    if (NewPowerState > NdisDeviceStateD0) {
        if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_LOW_POWER)) {
            // D1 -> D3 and the like: the interrupt is already gone
            Adapter->CurrentPowerState = NewPowerState;
            return NDIS_STATUS_SUCCESS;
        }
        NdisAcquireSpinLock(&Adapter->Lock);
        MP_SET_FLAG(Adapter, fMP_ADAPTER_LOW_POWER);
        NdisReleaseSpinLock(&Adapter->Lock);

        if (!NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0,
                                             (MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER)NICSetPowerLowSync,
                                             Adapter)) {
            DBGPRINT(MP_WARN, ("Chip did not take the low-power state\n"));
            MP_SET_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR);
        }
        MpDeregisterInterrupt(Adapter);

        if (Adapter->WakeUpEnable != 0 && !MP_TEST_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR)) {
            if (!NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0, // defect: NdisMDeregisterInterruptEx
                                                 (MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER)NICArmWakeSync,
                                                 Adapter)) {
                DBGPRINT(MP_WARN, ("No wake-up source the chip supports\n"));
            }
        }
    } else {
        Status = MpRegisterInterrupt(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            // stay in low power; NDIS will halt us
            return Status;
        }
        if (NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0,
                                            (MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER)NICSetPowerD0Sync,
                                            Adapter)) {
            NdisAcquireSpinLock(&Adapter->Lock);
            MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_LOW_POWER);
            NdisReleaseSpinLock(&Adapter->Lock);
        } else {
            Status = NDIS_STATUS_HARD_ERRORS;
        }
    }
    Adapter->CurrentPowerState = NewPowerState;
    return Status;
}

static NDIS_STATUS
MpSetInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST NdisRequest)
{
    NDIS_OID Oid = NdisRequest->DATA.SET_INFORMATION.Oid;
    PVOID InformationBuffer = NdisRequest->DATA.SET_INFORMATION.InformationBuffer;
    ULONG InformationBufferLength = NdisRequest->DATA.SET_INFORMATION.InformationBufferLength;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    ULONG PacketFilter;

    switch (Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (InformationBufferLength != sizeof(ULONG)) {
            NdisRequest->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        NdisMoveMemory(&PacketFilter, InformationBuffer, sizeof(ULONG));
        if (PacketFilter & ~(NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST |
                             NDIS_PACKET_TYPE_ALL_MULTICAST | NDIS_PACKET_TYPE_BROADCAST |
                             NDIS_PACKET_TYPE_PROMISCUOUS)) {
            return NDIS_STATUS_NOT_SUPPORTED;
        }
        Adapter->PacketFilter = PacketFilter;
        if (!MP_TEST_FLAG(Adapter, fMP_ADAPTER_LOW_POWER)) {
            // in D3 the filter is reprogrammed by NICSetPowerD0Sync
            NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0,
                                            (MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER)NICSetPacketFilterSync,
                                            Adapter);
        }
        NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        break;

    case OID_802_3_MULTICAST_LIST:
        if (InformationBufferLength % ETH_LENGTH_OF_ADDRESS != 0 ||
            InformationBufferLength > NIC_MAX_MCAST_LIST * ETH_LENGTH_OF_ADDRESS) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        NdisMoveMemory(Adapter->MCList, InformationBuffer, InformationBufferLength);
        Adapter->MCAddressCount = InformationBufferLength / ETH_LENGTH_OF_ADDRESS;
        NdisRequest->DATA.SET_INFORMATION.BytesRead = InformationBufferLength;
        break;

    case OID_GEN_CURRENT_LOOKAHEAD:
        NdisRequest->DATA.SET_INFORMATION.BytesRead = InformationBufferLength;
        break;

    case OID_PNP_ENABLE_WAKE_UP:
        if (InformationBufferLength < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        NdisMoveMemory(&Adapter->WakeUpEnable, InformationBuffer, sizeof(ULONG));
        NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        break;

    case OID_PNP_SET_POWER:
        if (InformationBufferLength != sizeof(NDIS_DEVICE_POWER_STATE)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(NDIS_DEVICE_POWER_STATE);
        Status = MpSetPower(Adapter, *(PNDIS_DEVICE_POWER_STATE)InformationBuffer);
        break;

    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }
    return Status;
}

static NDIS_STATUS
MpQueryInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST NdisRequest)
{
    NDIS_OID Oid = NdisRequest->DATA.QUERY_INFORMATION.Oid;
    PVOID InformationBuffer = NdisRequest->DATA.QUERY_INFORMATION.InformationBuffer;
    ULONG InformationBufferLength = NdisRequest->DATA.QUERY_INFORMATION.InformationBufferLength;
    ULONG64 Counter64;
    ULONG Value;
    PVOID Source = &Value;
    ULONG Length = sizeof(ULONG);

    switch (Oid) {
    case OID_GEN_XMIT_OK:
        Counter64 = Adapter->GoodTransmits;
        Source = &Counter64;
        Length = sizeof(ULONG64);
        break;
    case OID_GEN_RCV_OK:
        Counter64 = Adapter->GoodReceives;
        Source = &Counter64;
        Length = sizeof(ULONG64);
        break;
    case OID_GEN_RCV_NO_BUFFER:
        Counter64 = Adapter->RcvOverruns;
        Source = &Counter64;
        Length = sizeof(ULONG64);
        break;
    case OID_802_3_PERMANENT_ADDRESS:
        Source = Adapter->PermanentAddress;
        Length = ETH_LENGTH_OF_ADDRESS;
        break;
    case OID_802_3_CURRENT_ADDRESS:
        Source = Adapter->CurrentAddress;
        Length = ETH_LENGTH_OF_ADDRESS;
        break;
    case OID_802_3_MAXIMUM_LIST_SIZE:
        Value = NIC_MAX_MCAST_LIST;
        break;
    case OID_PNP_QUERY_POWER:
        Length = 0;
        break;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }

    if (Length > InformationBufferLength) {
        NdisRequest->DATA.QUERY_INFORMATION.BytesNeeded = Length;
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    if (Length != 0) {
        NdisMoveMemory(InformationBuffer, Source, Length);
    }
    NdisRequest->DATA.QUERY_INFORMATION.BytesWritten = Length;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MPOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST NdisRequest)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    switch (NdisRequest->RequestType) {
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        Status = MpQueryInformation(Adapter, NdisRequest);
        break;
    case NdisRequestSetInformation:
        Status = MpSetInformation(Adapter, NdisRequest);
        break;
    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }
    return Status;
}

VOID
MPCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}
