/*
 * Case 625_dpc_link_workitem_flag_wait_defect (blind round 7, w1): 624's twin.
 *
 * driver.c - driver entry, adapter initialization and life-cycle callbacks.
 *
 * Link-change handling: the DPC queues LkLinkWorkItem on ICR_LSC; the work item samples
 * the PHY status with NdisMSynchronizeWithInterruptEx.  NDIS does not drain a
 * miniport's I/O work items before MiniportHaltEx, so a work item still queued when halt
 * deregisters the interrupt runs afterwards.
 * DEFECT: LkHaltEx deregisters the interrupt (LkFreeAdapter) without waiting for a
 * queued link work item: DPC queues it -> pause -> halt -> item runs and synchronizes
 * with the deregistered interrupt (datapath.c, error: one real path).
 */
#include "lkmp.h"

NDIS_HANDLE gLkDriverHandle = NULL;

NTSTATUS
DriverEntry(
    PDRIVER_OBJECT  DriverObject,
    PUNICODE_STRING RegistryPath
    )
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = LK_NDIS_MAJOR;
    Chars.MinorNdisVersion = LK_NDIS_MINOR;
    Chars.MajorDriverVersion = LK_DRIVER_MAJOR;
    Chars.MinorDriverVersion = LK_DRIVER_MINOR;
    Chars.Flags = 0;
    Chars.SetOptionsHandler = LkSetOptions;
    Chars.InitializeHandlerEx = LkInitializeEx;
    Chars.HaltHandlerEx = LkHaltEx;
    Chars.UnloadHandler = LkDriverUnload;
    Chars.PauseHandler = LkPause;
    Chars.RestartHandler = LkRestart;
    Chars.OidRequestHandler = LkOidRequest;
    Chars.CancelOidRequestHandler = LkCancelOidRequest;
    Chars.SendNetBufferListsHandler = LkSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = LkReturnNetBufferLists;
    Chars.CancelSendHandler = LkCancelSend;
    Chars.CheckForHangHandlerEx = LkCheckForHang;
    Chars.ResetHandlerEx = LkReset;
    Chars.DevicePnPEventNotifyHandler = LkDevicePnpEvent;
    Chars.ShutdownHandlerEx = LkShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &gLkDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        gLkDriverHandle = NULL;
    }

    return Status;
}

NDIS_STATUS
LkSetOptions(
    NDIS_HANDLE NdisDriverHandle,
    NDIS_HANDLE DriverContext
    )
{
    UNREFERENCED_PARAMETER(NdisDriverHandle);
    UNREFERENCED_PARAMETER(DriverContext);
    return NDIS_STATUS_SUCCESS;
}

VOID
LkDriverUnload(
    PDRIVER_OBJECT DriverObject
    )
{
    UNREFERENCED_PARAMETER(DriverObject);

    if (gLkDriverHandle != NULL) {
        NdisMDeregisterMiniportDriver(gLkDriverHandle);
        gLkDriverHandle = NULL;
    }
}

static NDIS_STATUS
LkSetGeneralAttributes(
    PLK_ADAPTER Adapter
    )
{
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES GenAttrs;
    NdisZeroMemory(&GenAttrs, sizeof(GenAttrs));

    GenAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    GenAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2;
    GenAttrs.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2;
    GenAttrs.MediaType = NdisMedium802_3;
    GenAttrs.PhysicalMediumType = NdisPhysicalMediumUnspecified;
    GenAttrs.MtuSize = LK_MAX_LOOKAHEAD;
    GenAttrs.MaxXmitLinkSpeed = LK_LINK_SPEED;
    GenAttrs.MaxRcvLinkSpeed = LK_LINK_SPEED;
    GenAttrs.XmitLinkSpeed = Adapter->LinkUp ? Adapter->LinkSpeed : NDIS_LINK_SPEED_UNKNOWN;
    GenAttrs.RcvLinkSpeed = Adapter->LinkUp ? Adapter->LinkSpeed : NDIS_LINK_SPEED_UNKNOWN;
    GenAttrs.MediaConnectState = Adapter->LinkUp ? MediaConnectStateConnected : MediaConnectStateDisconnected;
    GenAttrs.MediaDuplexState = MediaDuplexStateFull;
    GenAttrs.LookaheadSize = Adapter->LookAhead;
    GenAttrs.MacOptions = NDIS_MAC_OPTION_COPY_LOOKAHEAD_DATA |
                          NDIS_MAC_OPTION_TRANSFERS_NOT_PEND |
                          NDIS_MAC_OPTION_NO_LOOPBACK;
    GenAttrs.SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED |
                                      NDIS_PACKET_TYPE_MULTICAST |
                                      NDIS_PACKET_TYPE_ALL_MULTICAST |
                                      NDIS_PACKET_TYPE_BROADCAST |
                                      NDIS_PACKET_TYPE_PROMISCUOUS;
    GenAttrs.MaxMulticastListSize = LK_MAX_MCAST;
    GenAttrs.MacAddressLength = LK_MAC_LENGTH;
    NdisMoveMemory(GenAttrs.PermanentMacAddress, Adapter->PermanentAddress, LK_MAC_LENGTH);
    NdisMoveMemory(GenAttrs.CurrentMacAddress, Adapter->CurrentAddress, LK_MAC_LENGTH);
    GenAttrs.RecvScaleCapabilities = NULL;
    GenAttrs.AccessType = NET_IF_ACCESS_BROADCAST;
    GenAttrs.DirectionType = NET_IF_DIRECTION_SENDRECEIVE;
    GenAttrs.ConnectionType = NET_IF_CONNECTION_DEDICATED;
    GenAttrs.IfType = IF_TYPE_ETHERNET_CSMACD;
    GenAttrs.IfConnectorPresent = TRUE;
    GenAttrs.SupportedStatistics = NDIS_STATISTICS_XMIT_OK_SUPPORTED |
                                   NDIS_STATISTICS_RCV_OK_SUPPORTED |
                                   NDIS_STATISTICS_XMIT_ERROR_SUPPORTED |
                                   NDIS_STATISTICS_RCV_ERROR_SUPPORTED |
                                   NDIS_STATISTICS_RCV_CRC_ERROR_SUPPORTED;

    return NdisMSetMiniportAttributes(Adapter->AdapterHandle,
                                      (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&GenAttrs);
}

NDIS_STATUS
LkInitializeEx(
    NDIS_HANDLE                    MiniportAdapterHandle,
    NDIS_HANDLE                    MiniportDriverContext,
    PNDIS_MINIPORT_INIT_PARAMETERS InitParameters
    )
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    PLK_ADAPTER Adapter = NULL;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegAttrs;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS IntrChars;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = (PLK_ADAPTER)NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle,
                                                       sizeof(LK_ADAPTER),
                                                       LK_POOL_TAG,
                                                       NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }

    NdisZeroMemory(Adapter, sizeof(LK_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->State = LKStateInitializing;
    Adapter->LookAhead = LK_MAX_LOOKAHEAD;
    Adapter->PowerState = NdisDeviceStateD0;
    NdisAllocateSpinLock(&Adapter->Lock);
    NdisAllocateSpinLock(&Adapter->SendLock);
    NdisAllocateSpinLock(&Adapter->RecvLock);

    do {
        NdisZeroMemory(&RegAttrs, sizeof(RegAttrs));
        RegAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
        RegAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
        RegAttrs.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
        RegAttrs.MiniportAdapterContext = (NDIS_HANDLE)Adapter;
        RegAttrs.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE |
                                  NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
        RegAttrs.CheckForHangTimeInSeconds = 4;
        RegAttrs.InterfaceType = NdisInterfacePci;

        Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                            (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegAttrs);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        Status = LkReadRegistryParameters(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        Status = LkFindHardware(Adapter, InitParameters->AllocatedResources);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        Adapter->LinkWorkItem = NdisAllocateIoWorkItem(MiniportAdapterHandle);
        if (Adapter->LinkWorkItem == NULL) {
            Status = NDIS_STATUS_RESOURCES;
            break;
        }
        NdisInitializeEvent(&Adapter->LinkWorkIdle);
        NdisSetEvent(&Adapter->LinkWorkIdle);

        NdisZeroMemory(&IntrChars, sizeof(IntrChars));
        IntrChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
        IntrChars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
        IntrChars.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
        IntrChars.InterruptHandler = LkIsr;
        IntrChars.InterruptDpcHandler = LkDpc;
        IntrChars.DisableInterruptHandler = LkDisableInterrupt;
        IntrChars.EnableInterruptHandler = LkEnableInterrupt;

        Status = NdisMRegisterInterruptEx(MiniportAdapterHandle,
                                          Adapter,
                                          &IntrChars,
                                          &Adapter->InterruptHandle);
        if (Status != NDIS_STATUS_SUCCESS) {
            Adapter->InterruptHandle = NULL;
            break;
        }
        MP_SET_FLAG(Adapter, fMP_INTERRUPT_IN_USE);

        Status = LkInitializeHardware(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        Status = LkSetGeneralAttributes(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle,
                                        0,
                                        LkEnableInterruptSync,
                                        Adapter);
        Adapter->State = LKStatePaused;
        MP_SET_FLAG(Adapter, fMP_INIT_DONE);

    } while (FALSE);

    if (Status != NDIS_STATUS_SUCCESS) {
        LkFreeAdapter(Adapter);
    }

    return Status;
}

VOID
LkHaltEx(
    NDIS_HANDLE      MiniportAdapterContext,
    NDIS_HALT_ACTION HaltAction
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    NdisAcquireSpinLock(&Adapter->Lock);
    MP_SET_FLAG(Adapter, fMP_HALT_IN_PROGRESS);
    Adapter->State = LKStateHalting;
    NdisReleaseSpinLock(&Adapter->Lock);

    if (!MP_TEST_FLAG(Adapter, fMP_SURPRISE_REMOVED)) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle,
                                        0,
                                        LkDisableInterruptSync,
                                        Adapter);
        LkWriteCsr(Adapter, REG_RCTL, 0);
        LkWriteCsr(Adapter, REG_TCTL, 0);
    }

    LkFreeAdapter(Adapter);
}

NDIS_STATUS
LkPause(
    NDIS_HANDLE                     MiniportAdapterContext,
    PNDIS_MINIPORT_PAUSE_PARAMETERS Parameters
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(Parameters);

    NdisAcquireSpinLock(&Adapter->Lock);
    Adapter->State = LKStatePausing;
    NdisReleaseSpinLock(&Adapter->Lock);

    LkFlushSendQueue(Adapter, NDIS_STATUS_PAUSED);

    NdisAcquireSpinLock(&Adapter->Lock);
    Adapter->State = LKStatePaused;
    NdisReleaseSpinLock(&Adapter->Lock);

    return Status;
}

NDIS_STATUS
LkRestart(
    NDIS_HANDLE                       MiniportAdapterContext,
    PNDIS_MINIPORT_RESTART_PARAMETERS Parameters
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(Parameters);

    NdisAcquireSpinLock(&Adapter->Lock);
    Adapter->State = LKStateRunning;
    NdisReleaseSpinLock(&Adapter->Lock);

    return NDIS_STATUS_SUCCESS;
}

VOID
LkShutdown(
    NDIS_HANDLE          MiniportAdapterContext,
    NDIS_SHUTDOWN_ACTION ShutdownAction
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);

    /* may run at high IRQL: touch the registers only, no locks, no waits */
    if (!MP_TEST_FLAG(Adapter, fMP_SURPRISE_REMOVED)) {
        LkWriteCsr(Adapter, REG_IMC, 0xFFFFFFFF);
        LkWriteCsr(Adapter, REG_RCTL, 0);
        LkWriteCsr(Adapter, REG_TCTL, 0);
    }
}

VOID
LkDevicePnpEvent(
    NDIS_HANDLE           MiniportAdapterContext,
    PNET_DEVICE_PNP_EVENT NetDevicePnPEvent
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)MiniportAdapterContext;

    switch (NetDevicePnPEvent->DevicePnPEvent) {
    case NdisDevicePnPEventSurpriseRemoved:
        NdisAcquireSpinLock(&Adapter->Lock);
        MP_SET_FLAG(Adapter, fMP_SURPRISE_REMOVED);
        NdisReleaseSpinLock(&Adapter->Lock);

        break;

    case NdisDevicePnPEventPowerProfileChanged:
        break;

    default:
        break;
    }
}

NDIS_STATUS
LkReset(
    NDIS_HANDLE MiniportAdapterContext,
    PBOOLEAN    AddressingReset
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)MiniportAdapterContext;

    *AddressingReset = FALSE;

    NdisAcquireSpinLock(&Adapter->Lock);
    if (MP_TEST_FLAG(Adapter, fMP_RESET_IN_PROGRESS | fMP_HALT_IN_PROGRESS)) {
        NdisReleaseSpinLock(&Adapter->Lock);
        return NDIS_STATUS_RESET_IN_PROGRESS;
    }
    MP_SET_FLAG(Adapter, fMP_RESET_IN_PROGRESS);
    NdisReleaseSpinLock(&Adapter->Lock);

    LkFlushSendQueue(Adapter, NDIS_STATUS_RESET_IN_PROGRESS);

    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, LkDisableInterruptSync, Adapter);
    LkResetHardware(Adapter);
    LkSetPacketFilterHw(Adapter, Adapter->PacketFilter);
    LkSetMulticastHw(Adapter);
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, LkEnableInterruptSync, Adapter);

    NdisAcquireSpinLock(&Adapter->Lock);
    MP_CLEAR_FLAG(Adapter, fMP_RESET_IN_PROGRESS | fMP_HARDWARE_ERROR);
    NdisReleaseSpinLock(&Adapter->Lock);

    return NDIS_STATUS_SUCCESS;
}

BOOLEAN
LkCheckForHang(
    NDIS_HANDLE MiniportAdapterContext
    )
{
    PLK_ADAPTER Adapter = (PLK_ADAPTER)MiniportAdapterContext;
    BOOLEAN Hung = FALSE;

    if (MP_TEST_FLAG(Adapter, fMP_SURPRISE_REMOVED | fMP_HALT_IN_PROGRESS)) {
        return FALSE;
    }

    NdisAcquireSpinLock(&Adapter->Lock);
    if (MP_TEST_FLAG(Adapter, fMP_HARDWARE_ERROR) &&
        !MP_TEST_FLAG(Adapter, fMP_RESET_IN_PROGRESS)) {
        Hung = TRUE;
    }
    NdisReleaseSpinLock(&Adapter->Lock);

    return Hung;
}

