/*
 * Case 468_rs_d3_no_pause_on_suspend_watchdog_defect: case 408's driver opting out of the pause
 * around power transitions (NDIS 6.30: NDIS_MINIPORT_ATTRIBUTES_NO_PAUSE_ON_SUSPEND in its
 * registration attributes).  NDIS may then send OID_PNP_SET_POWER to a Running adapter, and
 * RsSetPower releases the interrupt but leaves the watchdog that RsRestart armed: its next tick
 * synchronizes with the released interrupt.  (The packet filter's synchronize also asks for D0
 * here.)  Expected: 1 NdisMDeregisterInterruptEx defect in RsWatchdog.
 */
/*
 * mp.c - RS-600 miniport: driver entry, initialize/halt, pause/restart, watchdog, reset,
 * PnP and shutdown.
 */
#include "rs.h"

static NDIS_HANDLE RsDriverHandle = NULL;

static VOID
RsFreeAdapter(PRS_ADAPTER Adapter)
{
    if (Adapter->WatchdogTimer != NULL) {
        NdisFreeTimerObject(Adapter->WatchdogTimer);
        Adapter->WatchdogTimer = NULL;
    }
    RsHwUnmapRegisters(Adapter);
    NdisFreeSpinLock(&Adapter->RxLock);
    NdisFreeSpinLock(&Adapter->TxLock);
    NdisFreeMemory(Adapter, sizeof(RS_ADAPTER), 0);
}

static NDIS_STATUS
RsSetAttributes(PRS_ADAPTER Adapter)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES Gen;
    NDIS_STATUS Status;

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER |
                       NDIS_MINIPORT_ATTRIBUTES_NO_PAUSE_ON_SUSPEND;
    Reg.CheckForHangTimeInSeconds = 4;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(Adapter->MiniportHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    NdisZeroMemory(&Gen, sizeof(Gen));
    Gen.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    Gen.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    Gen.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    Gen.MediaType = NdisMedium802_3;
    Gen.PhysicalMediumType = NdisPhysicalMedium802_3;
    Gen.MtuSize = RS_MAX_FRAME - 14;
    Gen.MaxXmitLinkSpeed = 1000000000ULL;
    Gen.MaxRcvLinkSpeed = 1000000000ULL;
    Gen.MediaConnectState = MediaConnectStateUnknown;
    Gen.MediaDuplexState = MediaDuplexStateUnknown;
    Gen.SupportedPacketFilters = RS_SUPPORTED_FILTERS;
    Gen.MacAddressLength = 6;
    NdisMoveMemory(Gen.PermanentMacAddress, Adapter->PermanentAddress, 6);
    NdisMoveMemory(Gen.CurrentMacAddress, Adapter->PermanentAddress, 6);
    return NdisMSetMiniportAttributes(Adapter->MiniportHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Gen);
}

NDIS_STATUS
RsInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PRS_ADAPTER Adapter;
    NDIS_TIMER_CHARACTERISTICS Timer;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(RS_ADAPTER), RS_TAG,
                                                NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(RS_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    Adapter->State = RsStateInitializing;
    NdisAllocateSpinLock(&Adapter->TxLock);
    NdisAllocateSpinLock(&Adapter->RxLock);

    Status = RsHwMapRegisters(Adapter, MiniportInitParameters);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    Status = RsHwResetChip(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    Status = RsHwReadMacAddress(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    NdisZeroMemory(&Timer, sizeof(Timer));
    Timer.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    Timer.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    Timer.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
    Timer.AllocationTag = RS_TAG;
    Timer.TimerFunction = RsWatchdog;
    Timer.FunctionContext = Adapter;
    Status = NdisAllocateTimerObject(MiniportAdapterHandle, &Timer, &Adapter->WatchdogTimer);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Status = RsSetAttributes(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Status = RsConnectInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    /* NDIS starts the miniport Paused: MiniportRestart unmasks the chip */
    Adapter->Rctl = RS_RCTL_EN | RS_RCTL_BAM;
    Adapter->PowerState = NdisDeviceStateD0;
    Adapter->State = RsStatePaused;
    return NDIS_STATUS_SUCCESS;

Fail:
    RsDisconnectInterrupt(Adapter);
    RsFreeAdapter(Adapter);
    return Status;
}

/*
 * NDIS halts only a Paused miniport; the interrupt is still connected unless the adapter is
 * in a low-power state or its last D0 transition failed.
 */
VOID
RsHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportAdapterContext;

    NdisCancelTimerObject(Adapter->WatchdogTimer);
    if (Adapter->InterruptConnected) {
        if (HaltAction != NdisHaltDeviceSurpriseRemoved) {
            RsMaskInterrupts(Adapter);
        }
        RsDisconnectInterrupt(Adapter);
    }
    if (HaltAction != NdisHaltDeviceSurpriseRemoved) {
        RS_WRITE(Adapter, RS_CSR_RCTL, 0);
    }
    Adapter->State = RsStateInitializing;
    RsFreeAdapter(Adapter);
}

VOID
RsUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(RsDriverHandle);
}

/* ---- pause / restart ----------------------------------------------------------------------- */

NDIS_STATUS
RsPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(PauseParameters);

    Adapter->State = RsStatePausing;

    /* the watchdog reads the PHY through the interrupt: stop it before releasing the interrupt */
    if (!NdisCancelTimerObject(Adapter->WatchdogTimer)) {
        KeFlushQueuedDpcs();
    }

    if (Adapter->InterruptConnected) {
        RsMaskInterrupts(Adapter);
    }

    NdisAcquireSpinLock(&Adapter->TxLock);
    Adapter->TxHead = NULL;
    Adapter->TxTail = NULL;
    Adapter->TxPending = 0;
    NdisReleaseSpinLock(&Adapter->TxLock);

    Adapter->State = RsStatePaused;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
RsRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportAdapterContext;
    LARGE_INTEGER Due;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(RestartParameters);

    if (!Adapter->InterruptConnected) {
        /* the last D0 transition could not connect the interrupt */
        return NDIS_STATUS_ADAPTER_NOT_READY;
    }
    Adapter->State = RsStateRestarting;

    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, RsSyncMessageId(Adapter, FALSE),
                                    RsSyncWriteRctl, Adapter);
    RsUnmaskInterrupts(Adapter);

    Due.QuadPart = -10000LL * RS_WATCHDOG_MS;
    NdisSetTimerObject(Adapter->WatchdogTimer, Due, RS_WATCHDOG_MS, Adapter);

    Adapter->HangTicks = 0;
    Adapter->State = RsStateRunning;
    Status = NDIS_STATUS_SUCCESS;
    return Status;
}

/*
 * OID_PNP_SET_POWER.  NDIS pauses the miniport before a transition to a low-power state and
 * restarts it after the return to D0, so the data path and the watchdog are stopped here.
 * D3 gives the interrupt back (the MSI-X table does not survive D3); D0 resets the chip and
 * connects it again, MSI-X or line, which can fail.
 */
NDIS_STATUS
RsSetPower(PRS_ADAPTER Adapter, NDIS_DEVICE_POWER_STATE NewState)
{
    NDIS_STATUS Status;

    ASSERT(Adapter->State == RsStatePaused);

    if (NewState == Adapter->PowerState) {
        return NDIS_STATUS_SUCCESS;
    }
    if (NewState != NdisDeviceStateD0) {
        if (Adapter->InterruptConnected) {
            RsMaskInterrupts(Adapter);
            RsDisconnectInterrupt(Adapter);
        }
        RS_WRITE(Adapter, RS_CSR_RCTL, 0);
        Adapter->PowerState = NewState;
        return NDIS_STATUS_SUCCESS;
    }

    /* D0 */
    Status = RsHwResetChip(Adapter);
    if (Status == NDIS_STATUS_SUCCESS) {
        Status = RsConnectInterrupt(Adapter);
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        /* stay in the low-power bookkeeping: nothing may touch the interrupt */
        return Status;
    }
    Adapter->PowerState = NdisDeviceStateD0;
    return NDIS_STATUS_SUCCESS;
}

/* ---- watchdog and hang detection ----------------------------------------------------------- */

VOID
RsWatchdog(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)FunctionContext;
    BOOLEAN WasUp = Adapter->LinkUp;
    NDIS_LINK_STATE Link;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);

    Adapter->WatchdogTicks++;
    if (!NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, RsSyncMessageId(Adapter, TRUE), // defect: NdisMDeregisterInterruptEx
                                         RsSyncReadLink, Adapter)) {
        return;
    }
    if (WasUp == Adapter->LinkUp) {
        return;
    }

    NdisZeroMemory(&Link, sizeof(Link));
    Link.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    Link.Header.Revision = NDIS_LINK_STATE_REVISION_1;
    Link.Header.Size = NDIS_SIZEOF_LINK_STATE_REVISION_1;
    Link.MediaConnectState = Adapter->LinkUp ? MediaConnectStateConnected : MediaConnectStateDisconnected;
    Link.MediaDuplexState = MediaDuplexStateFull;
    Link.XmitLinkSpeed = Adapter->LinkUp ? 1000000000ULL : NDIS_LINK_SPEED_UNKNOWN;
    Link.RcvLinkSpeed = Link.XmitLinkSpeed;
    RsIndicateLinkState(Adapter, &Link);
}

BOOLEAN
RsCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportAdapterContext;
    ULONG Head;

    if (Adapter->State != RsStateRunning) {
        return FALSE;
    }
    Head = RS_READ(Adapter, RS_CSR_TDT);
    if (Adapter->TxPending != 0 && Head == Adapter->LastTxHead) {
        if (++Adapter->HangTicks >= 3) {
            return TRUE;
        }
    } else {
        Adapter->HangTicks = 0;
    }
    Adapter->LastTxHead = Head;
    return FALSE;
}

/*
 * Reset: NDIS may reset a Running adapter (hang detected) or a Paused one.  The interrupt
 * stays connected across a reset of a running adapter; the chip is masked through it.
 */
NDIS_STATUS
RsReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;
    if (Adapter->InterruptConnected) {
        RsMaskInterrupts(Adapter);
    }
    Status = RsHwResetChip(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    Adapter->HangTicks = 0;
    if (Adapter->InterruptConnected) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, RsSyncMessageId(Adapter, FALSE),
                                        RsSyncWriteRctl, Adapter);
        RsUnmaskInterrupts(Adapter);
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
RsDevicePnPEventNotify(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportAdapterContext;

    if (NetDevicePnPEvent->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved) {
        /* the registers are gone; halt follows and releases the interrupt */
        Adapter->LinkUp = FALSE;
    }
}

/*
 * MiniportShutdownEx runs when the system shuts down, in place of the halt, and may run in any
 * state after a successful initialize: also in D3, when RsSetPower has released the
 * interrupt.  Quiesce the DMA engines; mask through the interrupt only while it
 * is connected (a released interrupt has no synchronization context left, and nothing can
 * race with the mask register then).
 */
VOID
RsShutdownEx(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);

    if (Adapter->InterruptConnected) {
        RsMaskInterrupts(Adapter);
    } else {
        RS_WRITE(Adapter, RS_CSR_IMC, 0xFFFFFFFF);
    }
    RS_WRITE(Adapter, RS_CSR_RCTL, 0);
    RS_WRITE(Adapter, RS_CSR_CTRL, RS_READ(Adapter, RS_CSR_CTRL) | RS_CTRL_RST);
}

/* ---- driver entry -------------------------------------------------------------------------- */

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = RS_NDIS_MAJOR;
    Chars.MinorNdisVersion = RS_NDIS_MINOR;
    Chars.MajorDriverVersion = 1;
    Chars.MinorDriverVersion = 4;
    Chars.InitializeHandlerEx = RsInitializeEx;
    Chars.HaltHandlerEx = RsHaltEx;
    Chars.UnloadHandler = RsUnload;
    Chars.PauseHandler = RsPause;
    Chars.RestartHandler = RsRestart;
    Chars.OidRequestHandler = RsOidRequest;
    Chars.CancelOidRequestHandler = RsCancelOidRequest;
    Chars.SendNetBufferListsHandler = RsSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = RsReturnNetBufferLists;
    Chars.CancelSendHandler = RsCancelSend;
    Chars.CheckForHangHandlerEx = RsCheckForHang;
    Chars.ResetHandlerEx = RsReset;
    Chars.DevicePnPEventNotifyHandler = RsDevicePnPEventNotify;
    Chars.ShutdownHandlerEx = RsShutdownEx;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &RsDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return (NTSTATUS)Status;
    }
    return STATUS_SUCCESS;
}
