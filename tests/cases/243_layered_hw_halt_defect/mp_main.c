/*
 * Case 243_layered_hw_halt_defect: a layered NDIS 6.0 miniport in the style of the WDK 7600
 * athwifi sample.  The adapter holds `PHW Hw`, a separately allocated hardware block that is
 * opaque to this file (hw_interface.h); NdisMRegisterInterruptEx / NdisMDeregisterInterruptEx /
 * NdisMSynchronizeWithInterruptEx all run on Hw->InterruptHandle inside hw_isr.c helpers
 * (HwRegisterInterrupt, HwDeregisterInterrupt, HwEnableInterrupt returning the synchronize
 * result, HwProgramReceiver), with the interrupt context being the HW block, and the state in
 * Hw->Flags through HW_SET_FLAG / HW_CLEAR_FLAG / HW_TEST_FLAG.  No role type declarations:
 * DriverEntry fills the characteristics through a pointer to them.  The DPC and
 * OID_PNP_SET_POWER (HwSetPowerState) synchronize and test the result.
 *
 * Halt: MPHalt calls HwStop, which masks the interrupt under the interrupt lock and
 * deregisters it, then HwHalt, which turns the receiver off if fHW_RX_ENABLED is still set.
 * HwStop leaves the receiver alone, and the receiver runs from HwInitialize on (pause does not
 * stop it; only D3 does), so HwHalt's HwDisableReceiver -> HwProgramReceiver synchronizes on
 * Hw->InterruptHandle after HwDeregisterInterrupt gave it back: a defect at that call in
 * hw_isr.c.  (The failing-initialization path after HwInitialize, ErrorStopHw, reaches the
 * same call.)
 */
#include "mp.h"

NDIS_HANDLE GlobalDriverHandle = NULL;

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    PNDIS_MINIPORT_DRIVER_CHARACTERISTICS pMChars = &MChars;

    MpEntry("DriverEntry");
    NdisZeroMemory(pMChars, sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS));
    pMChars->Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    pMChars->Header.Size = sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS);
    pMChars->Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    pMChars->MajorNdisVersion = MP_NDIS_MAJOR_VERSION;
    pMChars->MinorNdisVersion = MP_NDIS_MINOR_VERSION;
    pMChars->MajorDriverVersion = 1;
    pMChars->MinorDriverVersion = 3;

    pMChars->InitializeHandlerEx = MPInitialize;
    pMChars->HaltHandlerEx = MPHalt;
    pMChars->UnloadHandler = MPDriverUnload;
    pMChars->PauseHandler = MPPause;
    pMChars->RestartHandler = MPRestart;
    pMChars->OidRequestHandler = MPOidRequest;
    pMChars->CancelOidRequestHandler = MPCancelOidRequest;
    pMChars->SendNetBufferListsHandler = MPSendNetBufferLists;
    pMChars->ReturnNetBufferListsHandler = MPReturnNetBufferLists;
    pMChars->CancelSendHandler = MPCancelSendNetBufferLists;
    pMChars->CheckForHangHandlerEx = MPCheckForHang;
    pMChars->ResetHandlerEx = MPReset;
    pMChars->DevicePnPEventNotifyHandler = MPDevicePnPEvent;
    pMChars->ShutdownHandlerEx = MPShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, pMChars,
                                         &GlobalDriverHandle);
    MpExit("DriverEntry");
    return Status;
}

static VOID
MpFreeAdapterBlock(PADAPTER Adapter)
{
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, sizeof(ADAPTER), 0);
}

NDIS_STATUS
MPInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegAttrs;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES GenAttrs;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    MpEntry("MPInitialize");

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(ADAPTER),
                                                MP_MEMORY_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(ADAPTER));
    Adapter->MiniportAdapterHandle = MiniportAdapterHandle;
    Adapter->DevicePowerState = NdisDeviceStateD0;
    Adapter->PacketFilter = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST;
    NdisAllocateSpinLock(&Adapter->Lock);
    MP_SET_FLAG(Adapter, fMP_INIT_IN_PROGRESS | fMP_PAUSED);

    NdisZeroMemory(&RegAttrs, sizeof(RegAttrs));
    RegAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.Header.Size = sizeof(RegAttrs);
    RegAttrs.MiniportAdapterContext = Adapter;
    RegAttrs.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    RegAttrs.CheckForHangTimeInSeconds = 4;
    RegAttrs.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegAttrs);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrorFreeAdapter;
    }

    Status = HwAllocate(Adapter, MiniportAdapterHandle, &Adapter->Hw);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrorFreeAdapter;
    }

    Status = HwInitialize(Adapter->Hw, MiniportInitParameters->AllocatedResources);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrorFreeHw;
    }

    NdisZeroMemory(&GenAttrs, sizeof(GenAttrs));
    GenAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    GenAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    GenAttrs.Header.Size = sizeof(GenAttrs);
    GenAttrs.MediaType = NdisMedium802_3;
    GenAttrs.PhysicalMediumType = NdisPhysicalMediumUnspecified;
    GenAttrs.MtuSize = 1500;
    GenAttrs.MaxXmitLinkSpeed = MP_LINK_SPEED;
    GenAttrs.MaxRcvLinkSpeed = MP_LINK_SPEED;
    GenAttrs.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    GenAttrs.RcvLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    GenAttrs.MediaConnectState = HwIsLinkUp(Adapter->Hw) ? MediaConnectStateConnected : MediaConnectStateDisconnected;
    GenAttrs.MediaDuplexState = MediaDuplexStateFull;
    GenAttrs.LookaheadSize = 1500;
    GenAttrs.MacOptions = NDIS_MAC_OPTION_NO_LOOPBACK | NDIS_MAC_OPTION_TRANSFERS_NOT_PEND;
    GenAttrs.SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST |
                                      NDIS_PACKET_TYPE_BROADCAST | NDIS_PACKET_TYPE_PROMISCUOUS;
    GenAttrs.MaxMulticastListSize = MP_MAX_MCAST;
    GenAttrs.MacAddressLength = ETH_LENGTH_OF_ADDRESS;
    HwGetPermanentAddress(Adapter->Hw, GenAttrs.PermanentMacAddress);
    HwGetPermanentAddress(Adapter->Hw, Adapter->CurrentAddress);
    NdisMoveMemory(GenAttrs.CurrentMacAddress, Adapter->CurrentAddress, ETH_LENGTH_OF_ADDRESS);
    GenAttrs.AccessType = NET_IF_ACCESS_BROADCAST;
    GenAttrs.DirectionType = NET_IF_DIRECTION_SENDRECEIVE;
    GenAttrs.ConnectionType = NET_IF_CONNECTION_DEDICATED;
    GenAttrs.IfType = IF_TYPE_ETHERNET_CSMACD;
    GenAttrs.IfConnectorPresent = TRUE;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&GenAttrs);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrorStopHw;
    }

    Adapter->MediaConnectState = GenAttrs.MediaConnectState;
    MP_CLEAR_FLAG(Adapter, fMP_INIT_IN_PROGRESS);
    MpExit("MPInitialize");
    return NDIS_STATUS_SUCCESS;

ErrorStopHw:
    HwStop(Adapter->Hw, NdisHaltDeviceInitializationFailed);
    HwHalt(Adapter->Hw);
ErrorFreeHw:
    HwFree(Adapter->Hw);
    Adapter->Hw = NULL;
ErrorFreeAdapter:
    MpFreeAdapterBlock(Adapter);
    return Status;
}

VOID
MPHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PADAPTER Adapter = (PADAPTER)MiniportAdapterContext;

    MpEntry("MPHalt");
    NdisAcquireSpinLock(&Adapter->Lock);
    MP_SET_FLAG(Adapter, fMP_HALT_IN_PROGRESS);
    NdisReleaseSpinLock(&Adapter->Lock);

    if (MP_TEST_FLAG(Adapter, fMP_SURPRISE_REMOVED)) {
        HaltAction = NdisHaltDeviceSurpriseRemoved;
    }
    HwStop(Adapter->Hw, HaltAction);
    HwHalt(Adapter->Hw);
    HwFree(Adapter->Hw);
    Adapter->Hw = NULL;

    MpFreeAdapterBlock(Adapter);
    MpExit("MPHalt");
}

VOID
MPDriverUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(GlobalDriverHandle);
}

NDIS_STATUS
MPPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS MiniportPauseParameters)
{
    PADAPTER Adapter = (PADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(MiniportPauseParameters);

    // the receiver keeps running (only D3 and halt stop it): nothing is indicated while paused
    NdisAcquireSpinLock(&Adapter->Lock);
    MP_SET_FLAG(Adapter, fMP_PAUSED);
    NdisReleaseSpinLock(&Adapter->Lock);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MPRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS MiniportRestartParameters)
{
    PADAPTER Adapter = (PADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(MiniportRestartParameters);

    NdisAcquireSpinLock(&Adapter->Lock);
    MP_CLEAR_FLAG(Adapter, fMP_PAUSED);
    NdisReleaseSpinLock(&Adapter->Lock);
    return NDIS_STATUS_SUCCESS;
}

VOID
MpIndicateLinkState(PADAPTER Adapter, BOOLEAN LinkUp)
{
    NDIS_STATUS_INDICATION StatusIndication;
    NDIS_LINK_STATE LinkState;

    NdisZeroMemory(&LinkState, sizeof(LinkState));
    LinkState.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    LinkState.Header.Revision = NDIS_LINK_STATE_REVISION_1;
    LinkState.Header.Size = sizeof(LinkState);
    LinkState.MediaConnectState = LinkUp ? MediaConnectStateConnected : MediaConnectStateDisconnected;
    LinkState.MediaDuplexState = MediaDuplexStateFull;
    LinkState.XmitLinkSpeed = LinkUp ? MP_LINK_SPEED : NDIS_LINK_SPEED_UNKNOWN;
    LinkState.RcvLinkSpeed = LinkState.XmitLinkSpeed;
    Adapter->MediaConnectState = LinkState.MediaConnectState;

    NdisZeroMemory(&StatusIndication, sizeof(StatusIndication));
    StatusIndication.Header.Type = NDIS_OBJECT_TYPE_STATUS_INDICATION;
    StatusIndication.Header.Revision = NDIS_STATUS_INDICATION_REVISION_1;
    StatusIndication.Header.Size = sizeof(StatusIndication);
    StatusIndication.SourceHandle = Adapter->MiniportAdapterHandle;
    StatusIndication.StatusCode = NDIS_STATUS_LINK_STATE;
    StatusIndication.StatusBuffer = &LinkState;
    StatusIndication.StatusBufferSize = sizeof(LinkState);
    NdisMIndicateStatusEx(Adapter->MiniportAdapterHandle, &StatusIndication);
}

static NDIS_STATUS
MpSetInformation(PADAPTER Adapter, PNDIS_OID_REQUEST NdisRequest)
{
    PVOID Buffer = NdisRequest->DATA.SET_INFORMATION.InformationBuffer;
    ULONG BufferLength = NdisRequest->DATA.SET_INFORMATION.InformationBufferLength;
    NDIS_DEVICE_POWER_STATE NewState;
    NDIS_STATUS Status;

    switch (NdisRequest->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (BufferLength < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->PacketFilter = *(PULONG)Buffer;
        NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return HwSetPacketFilter(Adapter->Hw, Adapter->PacketFilter);

    case OID_GEN_CURRENT_LOOKAHEAD:
    case OID_802_3_MULTICAST_LIST:
        NdisRequest->DATA.SET_INFORMATION.BytesRead = BufferLength;
        return NDIS_STATUS_SUCCESS;

    case OID_PNP_SET_POWER:
        if (BufferLength < sizeof(NDIS_DEVICE_POWER_STATE)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        NewState = *(PNDIS_DEVICE_POWER_STATE)Buffer;
        NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(NDIS_DEVICE_POWER_STATE);
        Status = HwSetPowerState(Adapter->Hw, NewState);
        if (Status == NDIS_STATUS_SUCCESS) {
            Adapter->DevicePowerState = NewState;
            if (NewState == NdisDeviceStateD0) {
                MP_CLEAR_FLAG(Adapter, fMP_LOW_POWER);
            } else {
                MP_SET_FLAG(Adapter, fMP_LOW_POWER);
            }
        }
        return Status;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static NDIS_STATUS
MpQueryInformation(PADAPTER Adapter, PNDIS_OID_REQUEST NdisRequest)
{
    PVOID Buffer = NdisRequest->DATA.QUERY_INFORMATION.InformationBuffer;
    ULONG BufferLength = NdisRequest->DATA.QUERY_INFORMATION.InformationBufferLength;
    ULONG64 Counter;

    switch (NdisRequest->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_XMIT_OK:
    case OID_GEN_RCV_OK:
        if (BufferLength < sizeof(ULONG64)) {
            NdisRequest->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG64);
            return NDIS_STATUS_BUFFER_TOO_SHORT;
        }
        Counter = NdisRequest->DATA.QUERY_INFORMATION.Oid == OID_GEN_XMIT_OK ?
                  Adapter->TotalTransmits : HwGetReceiveCount(Adapter->Hw);
        NdisMoveMemory(Buffer, &Counter, sizeof(ULONG64));
        NdisRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
        return NDIS_STATUS_SUCCESS;

    case OID_802_3_CURRENT_ADDRESS:
        if (BufferLength < ETH_LENGTH_OF_ADDRESS) {
            NdisRequest->DATA.QUERY_INFORMATION.BytesNeeded = ETH_LENGTH_OF_ADDRESS;
            return NDIS_STATUS_BUFFER_TOO_SHORT;
        }
        NdisMoveMemory(Buffer, Adapter->CurrentAddress, ETH_LENGTH_OF_ADDRESS);
        NdisRequest->DATA.QUERY_INFORMATION.BytesWritten = ETH_LENGTH_OF_ADDRESS;
        return NDIS_STATUS_SUCCESS;

    case OID_PNP_QUERY_POWER:
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

NDIS_STATUS
MPOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST NdisRequest)
{
    PADAPTER Adapter = (PADAPTER)MiniportAdapterContext;

    switch (NdisRequest->RequestType) {
    case NdisRequestSetInformation:
        return MpSetInformation(Adapter, NdisRequest);
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        return MpQueryInformation(Adapter, NdisRequest);
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

VOID
MPCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
MPSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PADAPTER Adapter = (PADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    NDIS_STATUS Status;
    ULONG CompleteFlags = 0;

    UNREFERENCED_PARAMETER(PortNumber);

    if (NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags)) {
        CompleteFlags |= NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL;
    }
    NdisAcquireSpinLock(&Adapter->Lock);
    if (MP_TEST_FLAG(Adapter, fMP_PAUSED | fMP_LOW_POWER | fMP_HALT_IN_PROGRESS)) {
        Status = NDIS_STATUS_PAUSED;
        Adapter->SendsFailed++;
    } else {
        Status = NDIS_STATUS_SUCCESS;
    }
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
        if (Status == NDIS_STATUS_SUCCESS) {
            Adapter->TotalTransmits++;
        }
    }
    NdisReleaseSpinLock(&Adapter->Lock);
    NdisMSendNetBufferListsComplete(Adapter->MiniportAdapterHandle, NetBufferLists, CompleteFlags);
}

VOID
MPReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
MPCancelSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

BOOLEAN
MPCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PADAPTER Adapter = (PADAPTER)MiniportAdapterContext;

    if (MP_TEST_FLAG(Adapter, fMP_RESET_IN_PROGRESS | fMP_HALT_IN_PROGRESS | fMP_SURPRISE_REMOVED)) {
        return FALSE;
    }
    return HwCheckForHang(Adapter->Hw);
}

NDIS_STATUS
MPReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PADAPTER Adapter = (PADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;
    if (MP_TEST_FLAG(Adapter, fMP_LOW_POWER | fMP_SURPRISE_REMOVED)) {
        return NDIS_STATUS_SUCCESS;
    }
    MP_SET_FLAG(Adapter, fMP_RESET_IN_PROGRESS);
    Status = HwReset(Adapter->Hw);
    MP_CLEAR_FLAG(Adapter, fMP_RESET_IN_PROGRESS);
    return Status;
}

VOID
MPDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PADAPTER Adapter = (PADAPTER)MiniportAdapterContext;

    if (NetDevicePnPEvent->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved) {
        NdisAcquireSpinLock(&Adapter->Lock);
        MP_SET_FLAG(Adapter, fMP_SURPRISE_REMOVED);
        NdisReleaseSpinLock(&Adapter->Lock);
    }
}

VOID
MPShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ShutdownAction);
    // the chip stops DMA on PCI reset; nothing to do
}
