/*
 * mp_req.c - Osprey OS-100: OID requests and power management.
 *
 * fMP_ADAPTER_LOW_POWER is set before the D3 path gives the interrupt back and cleared only once
 * the D0 path has it registered again, so the OID handlers touch the chip through the interrupt
 * only while it is clear.
 */

#include "mp.h"

static NDIS_OID NICSupportedOids[] = {
    OID_GEN_SUPPORTED_LIST,
    OID_GEN_HARDWARE_STATUS,
    OID_GEN_MEDIA_SUPPORTED,
    OID_GEN_MEDIA_IN_USE,
    OID_GEN_MAXIMUM_FRAME_SIZE,
    OID_GEN_LINK_SPEED,
    OID_GEN_CURRENT_PACKET_FILTER,
    OID_GEN_CURRENT_LOOKAHEAD,
    OID_GEN_XMIT_OK,
    OID_GEN_RCV_OK,
    OID_GEN_RCV_CRC_ERROR,
    OID_802_3_PERMANENT_ADDRESS,
    OID_802_3_CURRENT_ADDRESS,
    OID_802_3_MULTICAST_LIST,
    OID_802_3_MAXIMUM_LIST_SIZE,
    OID_PNP_CAPABILITIES,
    OID_PNP_SET_POWER,
    OID_PNP_QUERY_POWER,
    OID_PNP_ENABLE_WAKE_UP
};

VOID
MpIndicateLinkStatus(PMP_ADAPTER Adapter)
{
    NDIS_LINK_STATE LinkState;
    NDIS_STATUS_INDICATION StatusIndication;

    NdisZeroMemory(&LinkState, sizeof(NDIS_LINK_STATE));
    LinkState.Header.Revision = NDIS_LINK_STATE_REVISION_1;
    LinkState.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    LinkState.Header.Size = NDIS_SIZEOF_LINK_STATE_REVISION_1;
    LinkState.MediaConnectState = Adapter->MediaState;
    LinkState.MediaDuplexState = Adapter->MediaDuplexState;
    LinkState.XmitLinkSpeed = LinkState.RcvLinkSpeed =
        (Adapter->MediaState == MediaConnectStateConnected) ? Adapter->LinkSpeed : NDIS_LINK_SPEED_UNKNOWN;

    NdisZeroMemory(&StatusIndication, sizeof(NDIS_STATUS_INDICATION));
    StatusIndication.Header.Type = NDIS_OBJECT_TYPE_STATUS_INDICATION;
    StatusIndication.Header.Revision = NDIS_STATUS_INDICATION_REVISION_1;
    StatusIndication.Header.Size = NDIS_SIZEOF_STATUS_INDICATION_REVISION_1;
    StatusIndication.SourceHandle = Adapter->AdapterHandle;
    StatusIndication.StatusCode = NDIS_STATUS_LINK_STATE;
    StatusIndication.StatusBuffer = &LinkState;
    StatusIndication.StatusBufferSize = sizeof(LinkState);
    NdisMIndicateStatusEx(Adapter->AdapterHandle, &StatusIndication);
}

static NDIS_STATUS
MPQueryInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST NdisRequest)
{
    NDIS_OID Oid = NdisRequest->DATA.QUERY_INFORMATION.Oid;
    PVOID InformationBuffer = NdisRequest->DATA.QUERY_INFORMATION.InformationBuffer;
    ULONG InformationBufferLength = NdisRequest->DATA.QUERY_INFORMATION.InformationBufferLength;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    ULONG ulInfo = 0;
    ULONG64 ul64Info = 0;
    PVOID pInfo = (PVOID)&ulInfo;
    ULONG ulInfoLen = sizeof(ulInfo);
    NDIS_HARDWARE_STATUS HardwareStatus = NdisHardwareStatusReady;
    NDIS_MEDIUM Medium = NdisMedium802_3;

    switch (Oid) {
    case OID_GEN_SUPPORTED_LIST:
        pInfo = (PVOID)NICSupportedOids;
        ulInfoLen = sizeof(NICSupportedOids);
        break;
    case OID_GEN_HARDWARE_STATUS:
        if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR)) {
            HardwareStatus = NdisHardwareStatusNotReady;
        }
        pInfo = (PVOID)&HardwareStatus;
        ulInfoLen = sizeof(NDIS_HARDWARE_STATUS);
        break;
    case OID_GEN_MEDIA_SUPPORTED:
    case OID_GEN_MEDIA_IN_USE:
        pInfo = (PVOID)&Medium;
        ulInfoLen = sizeof(NDIS_MEDIUM);
        break;
    case OID_GEN_MAXIMUM_FRAME_SIZE:
        ulInfo = NIC_MAX_PACKET_SIZE - NIC_HEADER_SIZE;
        break;
    case OID_GEN_LINK_SPEED:
        ulInfo = (ULONG)(Adapter->LinkSpeed / 100);
        break;
    case OID_GEN_CURRENT_PACKET_FILTER:
        ulInfo = Adapter->PacketFilter;
        break;
    case OID_GEN_CURRENT_LOOKAHEAD:
        ulInfo = Adapter->ulLookAhead;
        break;
    case OID_GEN_XMIT_OK:
    case OID_GEN_RCV_OK:
    case OID_GEN_RCV_CRC_ERROR:
        ul64Info = (Oid == OID_GEN_XMIT_OK) ? Adapter->GoodTransmits :
                   (Oid == OID_GEN_RCV_OK) ? Adapter->GoodReceives : Adapter->RcvCrcErrors;
        pInfo = (PVOID)&ul64Info;
        ulInfoLen = (InformationBufferLength >= sizeof(ULONG64)) ? sizeof(ULONG64) : sizeof(ULONG);
        break;
    case OID_802_3_PERMANENT_ADDRESS:
        pInfo = Adapter->PermanentAddress;
        ulInfoLen = ETH_LENGTH_OF_ADDRESS;
        break;
    case OID_802_3_CURRENT_ADDRESS:
        pInfo = Adapter->CurrentAddress;
        ulInfoLen = ETH_LENGTH_OF_ADDRESS;
        break;
    case OID_802_3_MULTICAST_LIST:
        pInfo = Adapter->MCList;
        ulInfoLen = Adapter->MCAddressCount * ETH_LENGTH_OF_ADDRESS;
        break;
    case OID_802_3_MAXIMUM_LIST_SIZE:
        ulInfo = NIC_MAX_MCAST_LIST;
        break;
    case OID_PNP_QUERY_POWER:
        ulInfoLen = 0;
        break;
    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }

    if (Status == NDIS_STATUS_SUCCESS) {
        if (ulInfoLen <= InformationBufferLength) {
            if (ulInfoLen != 0) {
                NdisMoveMemory(InformationBuffer, pInfo, ulInfoLen);
            }
            NdisRequest->DATA.QUERY_INFORMATION.BytesWritten = ulInfoLen;
        } else {
            NdisRequest->DATA.QUERY_INFORMATION.BytesNeeded = ulInfoLen;
            Status = NDIS_STATUS_BUFFER_TOO_SHORT;
        }
    }
    return Status;
}

static NDIS_STATUS
MpApplyFilter(PMP_ADAPTER Adapter)
{
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_LOW_POWER)) {
        // programmed again by the D0 transition
        return NDIS_STATUS_SUCCESS;
    }
    if (!NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0, MpSetPacketFilterSync, Adapter)) {
        Adapter->PacketFilter = Adapter->OldPacketFilter;
        return NDIS_STATUS_FAILURE;
    }
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
MpSetPowerLow(PMP_ADAPTER Adapter, NDIS_DEVICE_POWER_STATE PowerState)
{
    DBGPRINT(MP_TRACE, ("--> MpSetPowerLow D%d\n", PowerState - NdisDeviceStateD0));

    NdisAcquireSpinLock(&Adapter->Lock);
    MP_SET_FLAG(Adapter, fMP_ADAPTER_LOW_POWER);
    NdisReleaseSpinLock(&Adapter->Lock);

    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
        NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0, MpDisableInterruptSync, Adapter);
    }
    MpFreeQueuedSendNetBufferLists(Adapter, NDIS_STATUS_LOW_POWER_STATE, FALSE);
    NICIssueSelectiveReset(Adapter);
    if (Adapter->WakeUpEnable != 0) {
        NICSetupWakeUp(Adapter);
    }
    MpDeregisterInterrupt(Adapter);

    Adapter->CurrentPowerState = PowerState;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
MpSetPowerD0(PMP_ADAPTER Adapter)
{
    NDIS_STATUS Status;

    DBGPRINT(MP_TRACE, ("--> MpSetPowerD0\n"));

    NICClearWakeUp(Adapter);
    Status = MpRegisterInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        MP_SET_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR);
        return Status;
    }
    Status = NICInitializeAdapter(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        MP_SET_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR);
        return Status;
    }

    NdisAcquireSpinLock(&Adapter->RcvLock);
    NICResetRecv(Adapter);
    (VOID)NICStartRecv(Adapter);
    NdisReleaseSpinLock(&Adapter->RcvLock);
    MpResetTxRing(Adapter);

    NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0, MpSetPacketFilterSync, Adapter);
    Adapter->CurrentPowerState = NdisDeviceStateD0;

    NdisAcquireSpinLock(&Adapter->Lock);
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_LOW_POWER);
    NdisReleaseSpinLock(&Adapter->Lock);

    NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0, MpEnableInterruptSync, Adapter);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
MPSetInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST NdisRequest)
{
    NDIS_OID Oid = NdisRequest->DATA.SET_INFORMATION.Oid;
    PVOID InformationBuffer = NdisRequest->DATA.SET_INFORMATION.InformationBuffer;
    ULONG InformationBufferLength = NdisRequest->DATA.SET_INFORMATION.InformationBufferLength;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    ULONG PacketFilter;
    NDIS_DEVICE_POWER_STATE NewPowerState;

    NdisRequest->DATA.SET_INFORMATION.BytesRead = 0;
    NdisRequest->DATA.SET_INFORMATION.BytesNeeded = 0;

    switch (Oid) {
    case OID_802_3_MULTICAST_LIST:
        if (InformationBufferLength % ETH_LENGTH_OF_ADDRESS != 0) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        if (InformationBufferLength > NIC_MAX_MCAST_LIST * ETH_LENGTH_OF_ADDRESS) {
            return NDIS_STATUS_MULTICAST_FULL;
        }
        NdisMoveMemory(Adapter->MCList, InformationBuffer, InformationBufferLength);
        Adapter->MCAddressCount = InformationBufferLength / ETH_LENGTH_OF_ADDRESS;
        Adapter->OldPacketFilter = Adapter->PacketFilter;
        Status = MpApplyFilter(Adapter);
        NdisRequest->DATA.SET_INFORMATION.BytesRead = InformationBufferLength;
        break;

    case OID_GEN_CURRENT_PACKET_FILTER:
        if (InformationBufferLength != sizeof(ULONG)) {
            NdisRequest->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        NdisMoveMemory(&PacketFilter, InformationBuffer, sizeof(ULONG));
        if (PacketFilter & ~NIC_SUPPORTED_FILTERS) {
            return NDIS_STATUS_NOT_SUPPORTED;
        }
        if (PacketFilter == Adapter->PacketFilter) {
            NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
            break;
        }
        Adapter->OldPacketFilter = Adapter->PacketFilter;
        Adapter->PacketFilter = PacketFilter;
        Status = MpApplyFilter(Adapter);
        NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        break;

    case OID_GEN_CURRENT_LOOKAHEAD:
        if (InformationBufferLength < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->ulLookAhead = min(*(PULONG)InformationBuffer, NIC_MAX_PACKET_SIZE - NIC_HEADER_SIZE);
        NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        break;

    case OID_PNP_SET_POWER:
        if (InformationBufferLength != sizeof(NDIS_DEVICE_POWER_STATE)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        NewPowerState = *(PNDIS_DEVICE_POWER_STATE)InformationBuffer;
        if (NewPowerState == Adapter->CurrentPowerState) {
            NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(NDIS_DEVICE_POWER_STATE);
            break;
        }
        Adapter->NextPowerState = NewPowerState;
        if (NewPowerState == NdisDeviceStateD0) {
            Status = MpSetPowerD0(Adapter);
        } else if (Adapter->CurrentPowerState == NdisDeviceStateD0) {
            Status = MpSetPowerLow(Adapter, NewPowerState);
        } else {
            Adapter->CurrentPowerState = NewPowerState;         // D1/D2/D3 to D3: nothing to do
        }
        NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(NDIS_DEVICE_POWER_STATE);
        break;

    case OID_PNP_ENABLE_WAKE_UP:
        if (InformationBufferLength != sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->WakeUpEnable = *(PULONG)InformationBuffer;
        NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        break;

    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }
    return Status;
}

NDIS_STATUS
MPOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST NdisRequest)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    switch (NdisRequest->RequestType) {
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        Status = MPQueryInformation(Adapter, NdisRequest);
        break;
    case NdisRequestSetInformation:
        Status = MPSetInformation(Adapter, NdisRequest);
        break;
    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }
    DBGPRINT_S(Status, ("<-- MPOidRequest 0x%08x\n", Status));
    return Status;
}

VOID
MPCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}
