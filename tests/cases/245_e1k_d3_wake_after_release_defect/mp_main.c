/*
 * Case 245_e1k_d3_wake_after_release_defect: the miniport of case 240 (e100bex 6.0 style): plain prototypes and no role type declarations, so the handlers are
 * known only from `MPChar.XxxHandler = MPXxx;` in DriverEntry; one ULONG Flags word through
 * MP_SET_FLAG / MP_CLEAR_FLAG / MP_TEST_FLAG; MPInitialize does its set-up in __try/__leave and
 * its __finally undoes everything when Status is a failure, the interrupt guarded by
 * `if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE))`.  The adapter block comes back
 * through an out parameter (MpAllocAdapterBlock(&Adapter, ...)).  The DPC and OID_PNP_SET_POWER
 * synchronize and use the result in an `if`; the DPC keeps the NDIS 6.0 prototype
 * (PULONG NdisReserved1, PULONG NdisReserved2).
 *
 * Here the chip loses its interrupt configuration in D3, so OID_PNP_SET_POWER (mp_req.c) gives
 * the interrupt back on the way down and registers it again on the way up to D0 (both through
 * helpers in mp_nic.c that keep fMP_ADAPTER_INTERRUPT_IN_USE).  fMP_ADAPTER_LOW_POWER is set
 * before the release and cleared only after a successful re-registration; the DPC, reset and the
 * packet-filter OID test it, halt and the __finally synchronize only inside
 * `if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE))`.
 *
 * Defect: on the way down MpSetPower masks the chip and gives the interrupt back, and only then
 * programs the wake-up filter with NdisMSynchronizeWithInterruptEx(..., NICArmWakeSync, ...)
 * when OID_PNP_ENABLE_WAKE_UP asked for a wake-up source: a defect at that call (mp_req.c).
 */
#include "mp.h"

NDIS_HANDLE NdisMiniportDriverHandle = NULL;
#if DBG
ULONG MPDebugLevel = MP_WARN;
#endif

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MPChar;

    DBGPRINT(MP_TRACE, ("====> DriverEntry\n"));

    NdisZeroMemory(&MPChar, sizeof(MPChar));
    MPChar.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MPChar.Header.Size = sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS);
    MPChar.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    MPChar.MajorNdisVersion = MP_NDIS_MAJOR_VERSION;
    MPChar.MinorNdisVersion = MP_NDIS_MINOR_VERSION;
    MPChar.MajorDriverVersion = 2;
    MPChar.MinorDriverVersion = 1;

    MPChar.InitializeHandlerEx = MPInitialize;
    MPChar.HaltHandlerEx = MPHalt;
    MPChar.UnloadHandler = MPUnload;
    MPChar.PauseHandler = MPPause;
    MPChar.RestartHandler = MPRestart;
    MPChar.OidRequestHandler = MPOidRequest;
    MPChar.CancelOidRequestHandler = MPCancelOidRequest;
    MPChar.SendNetBufferListsHandler = MPSendNetBufferLists;
    MPChar.ReturnNetBufferListsHandler = MPReturnNetBufferLists;
    MPChar.CancelSendHandler = MPCancelSendNetBufferLists;
    MPChar.CheckForHangHandlerEx = MPCheckForHang;
    MPChar.ResetHandlerEx = MPReset;
    MPChar.DevicePnPEventNotifyHandler = MPPnPEventNotify;
    MPChar.ShutdownHandlerEx = MPShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &MPChar,
                                         &NdisMiniportDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        DBGPRINT(MP_ERROR, ("NdisMRegisterMiniportDriver failed %x\n", Status));
    }
    DBGPRINT(MP_TRACE, ("<==== DriverEntry\n"));
    return Status;
}

NDIS_STATUS
MPInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    PMP_ADAPTER Adapter = NULL;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES GeneralAttributes;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    DBGPRINT(MP_TRACE, ("====> MPInitialize\n"));

    __try {
        Status = MpAllocAdapterBlock(&Adapter, MiniportAdapterHandle);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }

        NdisZeroMemory(&RegistrationAttributes, sizeof(RegistrationAttributes));
        RegistrationAttributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
        RegistrationAttributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
        RegistrationAttributes.Header.Size = sizeof(NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES);
        RegistrationAttributes.MiniportAdapterContext = (NDIS_HANDLE)Adapter;
        RegistrationAttributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE |
                                                NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
        RegistrationAttributes.CheckForHangTimeInSeconds = 2;
        RegistrationAttributes.InterfaceType = NdisInterfacePci;
        Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                            (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegistrationAttributes);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }

        Status = MpFindAdapter(Adapter, MiniportInitParameters->AllocatedResources);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }

        Status = NICReadAdapterInfo(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }

        Status = MpAllocRecvMemory(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }

        NdisZeroMemory(&GeneralAttributes, sizeof(GeneralAttributes));
        GeneralAttributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
        GeneralAttributes.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
        GeneralAttributes.Header.Size = sizeof(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES);
        GeneralAttributes.MediaType = NdisMedium802_3;
        GeneralAttributes.MtuSize = 1500;
        GeneralAttributes.MaxXmitLinkSpeed = NIC_MEDIA_MAX_SPEED;
        GeneralAttributes.MaxRcvLinkSpeed = NIC_MEDIA_MAX_SPEED;
        GeneralAttributes.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
        GeneralAttributes.RcvLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
        GeneralAttributes.MediaConnectState = MediaConnectStateUnknown;
        GeneralAttributes.MediaDuplexState = MediaDuplexStateUnknown;
        GeneralAttributes.LookaheadSize = NIC_RX_BUFFER_SIZE;
        GeneralAttributes.MacOptions = NDIS_MAC_OPTION_COPY_LOOKAHEAD_DATA |
                                       NDIS_MAC_OPTION_TRANSFERS_NOT_PEND |
                                       NDIS_MAC_OPTION_NO_LOOPBACK;
        GeneralAttributes.SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED |
                                                   NDIS_PACKET_TYPE_MULTICAST |
                                                   NDIS_PACKET_TYPE_ALL_MULTICAST |
                                                   NDIS_PACKET_TYPE_BROADCAST |
                                                   NDIS_PACKET_TYPE_PROMISCUOUS;
        GeneralAttributes.MaxMulticastListSize = NIC_MAX_MCAST_LIST;
        GeneralAttributes.MacAddressLength = ETH_LENGTH_OF_ADDRESS;
        NdisMoveMemory(GeneralAttributes.PermanentMacAddress, Adapter->PermanentAddress, ETH_LENGTH_OF_ADDRESS);
        NdisMoveMemory(GeneralAttributes.CurrentMacAddress, Adapter->CurrentAddress, ETH_LENGTH_OF_ADDRESS);
        GeneralAttributes.AccessType = NET_IF_ACCESS_BROADCAST;
        GeneralAttributes.DirectionType = NET_IF_DIRECTION_SENDRECEIVE;
        GeneralAttributes.ConnectionType = NET_IF_CONNECTION_DEDICATED;
        GeneralAttributes.IfType = IF_TYPE_ETHERNET_CSMACD;
        GeneralAttributes.IfConnectorPresent = TRUE;
        Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                            (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&GeneralAttributes);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }

        //
        // Register the interrupt.  From here on the __finally must give it back on failure.
        //
        Status = MpRegisterInterrupt(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }

        //
        // Self-test, configure, start the command and receive units
        //
        Status = NICInitializeAdapter(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            NdisWriteErrorLogEntry(Adapter->AdapterHandle, NDIS_ERROR_CODE_HARDWARE_FAILURE, 1, Status);
            __leave;
        }

        Adapter->CurrentPowerState = NdisDeviceStateD0;
        MP_SET_FLAG(Adapter, fMP_ADAPTER_PAUSED);   // NDIS restarts us
        NICEnableInterrupt(Adapter);
    } __finally {
        if (Adapter != NULL && Status != NDIS_STATUS_SUCCESS) {
            if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
                NICDisableInterrupt(Adapter);
                MpDeregisterInterrupt(Adapter);
            }
            MpFreeAdapter(Adapter);
        }
    }

    DBGPRINT(MP_TRACE, ("<==== MPInitialize, Status=%x\n", Status));
    return Status;
}

VOID
MPHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    DBGPRINT(MP_TRACE, ("====> MPHalt\n"));

    MP_SET_FLAG(Adapter, fMP_ADAPTER_HALT_IN_PROGRESS);

    // halted in D3 the interrupt is already gone
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
        if (HaltAction != NdisHaltDeviceSurpriseRemoved &&
            !MP_TEST_FLAG(Adapter, fMP_ADAPTER_SURPRISE_REMOVED)) {
            // mask the chip while the interrupt object is still ours
            NICDisableInterrupt(Adapter);
        }
        MpDeregisterInterrupt(Adapter);
    }

    MpFreeAdapter(Adapter);
    DBGPRINT(MP_TRACE, ("<==== MPHalt\n"));
}

VOID
MPUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);

    NdisMDeregisterMiniportDriver(NdisMiniportDriverHandle);
}

NDIS_STATUS
MPPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS MiniportPauseParameters)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(MiniportPauseParameters);

    NdisAcquireSpinLock(&Adapter->Lock);
    MP_SET_FLAG(Adapter, fMP_ADAPTER_PAUSING);
    NdisReleaseSpinLock(&Adapter->Lock);

    // sends complete synchronously and received frames are copied out: nothing outstanding
    NdisAcquireSpinLock(&Adapter->Lock);
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_PAUSING);
    MP_SET_FLAG(Adapter, fMP_ADAPTER_PAUSED);
    NdisReleaseSpinLock(&Adapter->Lock);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MPRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS MiniportRestartParameters)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(MiniportRestartParameters);

    NdisAcquireSpinLock(&Adapter->Lock);
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_PAUSED);
    NdisReleaseSpinLock(&Adapter->Lock);
    return NDIS_STATUS_SUCCESS;
}

VOID
MPSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    ULONG CompleteFlags = 0;
    BOOLEAN DispatchLevel = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags);

    UNREFERENCED_PARAMETER(PortNumber);

    if (DispatchLevel) {
        CompleteFlags |= NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL;
        NdisDprAcquireSpinLock(&Adapter->SendLock);
    } else {
        NdisAcquireSpinLock(&Adapter->SendLock);
    }

    if (MP_IS_NOT_READY(Adapter) || !MP_TEST_FLAG(Adapter, fMP_ADAPTER_LINK_UP)) {
        Status = MP_TEST_FLAG(Adapter, fMP_ADAPTER_PAUSED) ? NDIS_STATUS_PAUSED : NDIS_STATUS_FAILURE;
    } else {
        for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            Adapter->GoodTransmits++;
        }
        NdisWriteRegisterUlong(&Adapter->CSRAddress->TxTail, (ULONG)Adapter->GoodTransmits);
    }
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
    }

    if (DispatchLevel) {
        NdisDprReleaseSpinLock(&Adapter->SendLock);
    } else {
        NdisReleaseSpinLock(&Adapter->SendLock);
    }
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists, CompleteFlags);
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
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    BOOLEAN Hung = FALSE;
    ULONG TxTail;

    if (MP_IS_NOT_READY(Adapter)) {
        return FALSE;
    }

    NdisDprAcquireSpinLock(&Adapter->Lock);
    if (NICCheckLink(Adapter)) {
        MP_SET_FLAG(Adapter, fMP_ADAPTER_LINK_UP);
    } else {
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_LINK_UP);
    }
    NdisDprReleaseSpinLock(&Adapter->Lock);

    NdisReadRegisterUlong(&Adapter->CSRAddress->TxTail, &TxTail);
    if (TxTail == Adapter->LastTxTail && Adapter->GoodTransmits != TxTail) {
        if (++Adapter->HangCheckTicks > 3) {
            Hung = TRUE;
        }
    } else {
        Adapter->HangCheckTicks = 0;
    }
    Adapter->LastTxTail = TxTail;
    return Hung;
}

NDIS_STATUS
MPReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;

    NdisAcquireSpinLock(&Adapter->Lock);
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_HALT_IN_PROGRESS | fMP_ADAPTER_SURPRISE_REMOVED |
                              fMP_ADAPTER_LOW_POWER)) {
        NdisReleaseSpinLock(&Adapter->Lock);
        return NDIS_STATUS_FAILURE;
    }
    MP_SET_FLAG(Adapter, fMP_ADAPTER_RESET_IN_PROGRESS);
    NdisReleaseSpinLock(&Adapter->Lock);

    NICDisableInterrupt(Adapter);
    Status = NICInitializeAdapter(Adapter);
    if (Status == NDIS_STATUS_SUCCESS) {
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR);
        NICEnableInterrupt(Adapter);
    } else {
        MP_SET_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR);
    }

    NdisAcquireSpinLock(&Adapter->Lock);
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_RESET_IN_PROGRESS);
    NdisReleaseSpinLock(&Adapter->Lock);
    return Status;
}

VOID
MPPnPEventNotify(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    switch (NetDevicePnPEvent->DevicePnPEvent) {
    case NdisDevicePnPEventSurpriseRemoved:
        NdisAcquireSpinLock(&Adapter->Lock);
        MP_SET_FLAG(Adapter, fMP_ADAPTER_SURPRISE_REMOVED);
        NdisReleaseSpinLock(&Adapter->Lock);
        break;
    case NdisDevicePnPEventPowerProfileChanged:
    default:
        break;
    }
}

VOID
MPShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    if (ShutdownAction != NdisShutdownBugCheck &&
        !MP_TEST_FLAG(Adapter, fMP_ADAPTER_SURPRISE_REMOVED)) {
        // may run at high IRQL: plain register writes only
        NICIssueFullReset(Adapter);
    }
}
