/*
 * Case 132_fbr_restart_state_defect: a whole NDIS 6.20 miniport for a 10G PCI NIC in five files
 * (mp_main.c, mp_int.c, mp_nic.c, mp_req.c, mp_send.c), written e1000-style: initialisation in a
 * do { ... if (Status != NDIS_STATUS_SUCCESS) break; ... } while (FALSE) block with one cleanup
 * helper, an MP_STATE enum (Initializing / Paused / Restarting / Running / Pausing / Halting) with
 * KeBugCheckEx for a pause in an impossible state, a transmit count kept with
 * NdisInterlockedIncrement / Decrement that MPPause waits out with NdisMSleep, a watchdog timer
 * object, a PHY operations table chosen from the PCI device id (NdisMGetBusData), the interrupt
 * registered only when the resource list has one (otherwise the watchdog polls), a probe read
 * under __try/__except, and every racing register write funnelled through NicRunSynchronized
 * (mp_int.c), which hands an operation pointer and its argument in a context block to the
 * synchronize function NicSyncDispatch.
 *
 * The adapter gives its interrupt back while paused: MPPause deregisters it (NicDisconnectInterrupt)
 * and MPRestart registers it again.  MPRestart sets MpStateRestarting first; when
 * NicConnectInterrupt fails it returns the failure but leaves the state at MpStateRestarting
 * (it should go back to MpStatePaused).  The interrupt-moderation and packet-filter OIDs treat
 * only MpStatePaused as "no interrupt", so the next OID_GEN_INTERRUPT_MODERATION set goes
 * MPOidRequest -> MpSetInformation -> MpSetInterruptModeration (mp_req.c) ->
 * NicSetInterruptModeration (mp_nic.c) -> NicRunSynchronized (mp_int.c) and synchronizes with the
 * deregistered interrupt.  The DPC tests Running / Pausing, the watchdog Running, reset and halt
 * test InterruptRegistered (clean).  Expected: one NdisMDeregisterInterruptEx defect, at the
 * NdisMSynchronizeWithInterruptEx call in NicRunSynchronized (mp_int.c).  Case 133 is the twin
 * whose failed restart goes back to MpStatePaused.
 */
#include "mp.h"

NDIS_HANDLE MpDriverHandle = NULL;

static VOID
MpFreeAdapter(PMP_ADAPTER Adapter)
{
    NicDisconnectInterrupt(Adapter);
    if (Adapter->WatchdogTimer != NULL) {
        NdisFreeTimerObject(Adapter->WatchdogTimer);
        Adapter->WatchdogTimer = NULL;
    }
    if (Adapter->NblPool != NULL) {
        NdisFreeNetBufferListPool(Adapter->NblPool);
        Adapter->NblPool = NULL;
    }
    if (Adapter->CsrBase != NULL) {
        NdisMUnmapIoSpace(Adapter->MiniportAdapterHandle, Adapter->CsrBase, Adapter->CsrLength);
        Adapter->CsrBase = NULL;
    }
    NdisFreeSpinLock(&Adapter->TxLock);
    NdisFreeSpinLock(&Adapter->RxLock);
    NdisFreeMemory(Adapter, sizeof(MP_ADAPTER), 0);
}

static NDIS_STATUS
MpReadMacAddress(PMP_ADAPTER Adapter)
{
    ULONG Lo = NIC_READ(Adapter, NIC_CSR_MAC_LO);
    ULONG Hi = NIC_READ(Adapter, NIC_CSR_MAC_HI);

    Adapter->MacAddress[0] = (UCHAR)Lo;
    Adapter->MacAddress[1] = (UCHAR)(Lo >> 8);
    Adapter->MacAddress[2] = (UCHAR)(Lo >> 16);
    Adapter->MacAddress[3] = (UCHAR)(Lo >> 24);
    Adapter->MacAddress[4] = (UCHAR)Hi;
    Adapter->MacAddress[5] = (UCHAR)(Hi >> 8);
    if ((Adapter->MacAddress[0] & 0x01) || (Lo == 0 && (Hi & 0xFFFF) == 0)) {
        return NDIS_STATUS_INVALID_ADDRESS;
    }
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
MpSetAttributes(PMP_ADAPTER Adapter)
{
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES General;

    NdisZeroMemory(&General, sizeof(General));
    General.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    General.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    General.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    General.MediaType = NdisMedium802_3;
    General.PhysicalMediumType = NdisPhysicalMedium802_3;
    General.MtuSize = MP_FRAME_SIZE - 14;
    General.MaxXmitLinkSpeed = 10000000000ULL;
    General.MaxRcvLinkSpeed = 10000000000ULL;
    General.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    General.RcvLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    General.MediaConnectState = MediaConnectStateUnknown;
    General.MediaDuplexState = MediaDuplexStateUnknown;
    General.LookaheadSize = MP_FRAME_SIZE - 14;
    General.MacOptions = NDIS_MAC_OPTION_NO_LOOPBACK | NDIS_MAC_OPTION_TRANSFERS_NOT_PEND;
    General.SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST |
                                     NDIS_PACKET_TYPE_ALL_MULTICAST | NDIS_PACKET_TYPE_BROADCAST |
                                     NDIS_PACKET_TYPE_PROMISCUOUS;
    General.MaxMulticastListSize = MP_MAX_MCAST;
    General.MacAddressLength = 6;
    NdisMoveMemory(General.PermanentMacAddress, Adapter->MacAddress, 6);
    NdisMoveMemory(General.CurrentMacAddress, Adapter->MacAddress, 6);
    General.AccessType = NET_IF_ACCESS_BROADCAST;
    General.DirectionType = NET_IF_DIRECTION_SENDRECEIVE;
    General.ConnectionType = NET_IF_CONNECTION_DEDICATED;
    General.IfType = IF_TYPE_ETHERNET_CSMACD;
    General.IfConnectorPresent = TRUE;
    return NdisMSetMiniportAttributes(Adapter->MiniportAdapterHandle,
                                      (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&General);
}

NDIS_STATUS
MPInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Registration;
    NDIS_TIMER_CHARACTERISTICS Timer;
    NET_BUFFER_LIST_POOL_PARAMETERS Pool;
    PMP_ADAPTER Adapter = NULL;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    do {
        Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER), MP_TAG,
                                                    NormalPoolPriority);
        if (Adapter == NULL) {
            Status = NDIS_STATUS_RESOURCES;
            break;
        }
        NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
        Adapter->MiniportAdapterHandle = MiniportAdapterHandle;
        Adapter->State = MpStateInitializing;
        Adapter->InterruptModeration = NIC_ITR_DEFAULT;
        NdisAllocateSpinLock(&Adapter->TxLock);
        NdisAllocateSpinLock(&Adapter->RxLock);

        NdisZeroMemory(&Registration, sizeof(Registration));
        Registration.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
        Registration.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
        Registration.Header.Size = sizeof(Registration);
        Registration.MiniportAdapterContext = Adapter;
        Registration.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE |
                                      NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
        Registration.CheckForHangTimeInSeconds = 0;
        Registration.InterfaceType = NdisInterfacePci;
        Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                            (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Registration);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        Status = NicFindResources(Adapter, MiniportInitParameters->AllocatedResources);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }
        Status = NdisMMapIoSpace((PVOID *)&Adapter->CsrBase, MiniportAdapterHandle, Adapter->CsrPhysical,
                                 Adapter->CsrLength);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }
        Status = NicProbe(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }
        Status = NicResetChip(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }
        Status = Adapter->PhyOps->Init(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }
        Status = MpReadMacAddress(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }
        Status = MpSetAttributes(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        NdisZeroMemory(&Pool, sizeof(Pool));
        Pool.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        Pool.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
        Pool.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
        Pool.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
        Pool.fAllocateNetBuffer = TRUE;
        Pool.PoolTag = MP_TAG;
        Adapter->NblPool = NdisAllocateNetBufferListPool(MiniportAdapterHandle, &Pool);
        if (Adapter->NblPool == NULL) {
            Status = NDIS_STATUS_RESOURCES;
            break;
        }

        NdisZeroMemory(&Timer, sizeof(Timer));
        Timer.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
        Timer.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
        Timer.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
        Timer.AllocationTag = MP_TAG;
        Timer.TimerFunction = MPWatchdogTimer;
        Timer.FunctionContext = Adapter;
        Status = NdisAllocateTimerObject(MiniportAdapterHandle, &Timer, &Adapter->WatchdogTimer);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        Status = NicConnectInterrupt(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        /* the chip must come out of reset listening on the address the OS will be told about */
        Adapter->RxControl = 0;
        NicStartRings(Adapter);
        NicSetRxFilter(Adapter, 0);
        if (NIC_READ(Adapter, NIC_CSR_STATUS) == 0xFFFFFFFF) {
            Status = NDIS_STATUS_DEVICE_FAILED;
            break;
        }
        NicRunSynchronized(Adapter, NicOpUnmaskInterrupts, NIC_INT_ALL);
        Adapter->State = MpStatePaused;
    } while (FALSE);

    if (Status != NDIS_STATUS_SUCCESS && Adapter != NULL) {
        MpFreeAdapter(Adapter);
    }
    return Status;
}

VOID
MPHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    Adapter->State = MpStateHalting;
    NdisCancelTimerObject(Adapter->WatchdogTimer);

    if (HaltAction != NdisHaltDeviceSurpriseRemoved && !Adapter->SurpriseRemoved &&
        (Adapter->InterruptRegistered || Adapter->InterruptMode == NicInterruptNone)) {
        NicRunSynchronized(Adapter, NicOpMaskInterrupts, 0);
        NicStopRings(Adapter);
        Adapter->PhyOps->PowerDown(Adapter);
    }
    MpTxFlush(Adapter, NDIS_STATUS_FAILURE);
    MpFreeAdapter(Adapter);
}

NDIS_STATUS
MPPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    ULONG Waited;

    UNREFERENCED_PARAMETER(PauseParameters);

    switch (Adapter->State) {
    case MpStatePaused:
        return NDIS_STATUS_SUCCESS;
    case MpStateRunning:
        break;
    default:
        /* NDIS pauses only a running adapter */
        KeBugCheckEx(0x0000007C, (ULONG_PTR)Adapter, (ULONG_PTR)Adapter->State, 0, 0);
    }

    Adapter->State = MpStatePausing;
    NdisCancelTimerObject(Adapter->WatchdogTimer);
    NIC_WRITE(Adapter, NIC_CSR_RX_CTRL, 0);

    for (Waited = 0; Waited < MP_PAUSE_WAIT_TRIES && Adapter->TxPending != 0; Waited++) {
        NdisMSleep(MP_PAUSE_WAIT_MS * 1000);
    }
    MpTxFlush(Adapter, NDIS_STATUS_PAUSED);

    if (Adapter->InterruptRegistered) {
        NicRunSynchronized(Adapter, NicOpMaskInterrupts, 0);
    }
    NicStopRings(Adapter);
    /* a paused adapter keeps no interrupt: the line may be shared with a device that wakes us */
    NicDisconnectInterrupt(Adapter);
    Adapter->State = MpStatePaused;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MPRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    LARGE_INTEGER DueTime;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(RestartParameters);

    if (Adapter->HardwareFailed || Adapter->SurpriseRemoved) {
        return NDIS_STATUS_ADAPTER_NOT_READY;
    }
    Adapter->State = MpStateRestarting;

    Status = NicConnectInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    NicStartRings(Adapter);
    NicSetRxFilter(Adapter, Adapter->PacketFilter);
    NicSetInterruptModeration(Adapter, Adapter->InterruptModeration);
    NicRunSynchronized(Adapter, NicOpUnmaskInterrupts, NIC_INT_ALL);

    DueTime.QuadPart = -10000LL * MP_WATCHDOG_MS;
    NdisSetTimerObject(Adapter->WatchdogTimer, DueTime, MP_WATCHDOG_MS, NULL);
    Adapter->State = MpStateRunning;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MPReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;
    if (Adapter->InterruptRegistered) {
        NicRunSynchronized(Adapter, NicOpMaskInterrupts, 0);
    }
    NicStopRings(Adapter);
    MpTxFlush(Adapter, NDIS_STATUS_RESET_IN_PROGRESS);

    Status = NicResetChip(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        Adapter->HardwareFailed = TRUE;
        return Status;
    }
    NicStartRings(Adapter);
    if (Adapter->InterruptRegistered) {
        NicSetRxFilter(Adapter, Adapter->PacketFilter);
        NicRunSynchronized(Adapter, NicOpUnmaskInterrupts, NIC_INT_ALL);
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
MPWatchdogTimer(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)FunctionContext;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);

    if (Adapter->State != MpStateRunning || Adapter->HardwareFailed) {
        return;
    }
    Adapter->WatchdogTicks++;
    if (Adapter->InterruptMode == NicInterruptNone) {
        /* polled configuration: reap and indicate from here */
        MpTxComplete(Adapter, TRUE);
        NdisDprAcquireSpinLock(&Adapter->RxLock);
        Adapter->PendingCause = NIC_READ(Adapter, NIC_CSR_INT_CAUSE);
        NdisDprReleaseSpinLock(&Adapter->RxLock);
    }
    NicPollLink(Adapter);
}

VOID
MPDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    if (NetDevicePnPEvent->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved) {
        Adapter->SurpriseRemoved = TRUE;
        Adapter->HardwareFailed = TRUE;
    }
}

VOID
MPShutdownEx(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    /* may run at high IRQL on a bugcheck: registers only */
    NIC_WRITE(Adapter, NIC_CSR_INT_MASK_CLR, NIC_INT_ALL);
    NicStopRings(Adapter);
}

VOID
MPDriverUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(MpDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    Chars.MajorNdisVersion = MP_MAJOR_NDIS_VERSION;
    Chars.MinorNdisVersion = MP_MINOR_NDIS_VERSION;
    Chars.MajorDriverVersion = 2;
    Chars.MinorDriverVersion = 4;
    Chars.InitializeHandlerEx = MPInitializeEx;
    Chars.HaltHandlerEx = MPHaltEx;
    Chars.UnloadHandler = MPDriverUnload;
    Chars.PauseHandler = MPPause;
    Chars.RestartHandler = MPRestart;
    Chars.OidRequestHandler = MPOidRequest;
    Chars.CancelOidRequestHandler = MPCancelOidRequest;
    Chars.SendNetBufferListsHandler = MPSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = MPReturnNetBufferLists;
    Chars.CancelSendHandler = MPCancelSend;
    Chars.ResetHandlerEx = MPReset;
    Chars.DevicePnPEventNotifyHandler = MPDevicePnPEvent;
    Chars.ShutdownHandlerEx = MPShutdownEx;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &MpDriverHandle);
    return Status;
}
