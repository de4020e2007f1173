/*
 * kx_main.c - Kestrel KX-2000: driver entry, adapter lifetime (initialize, halt), pause/restart,
 * reset (work item), watchdog timer, PnP and shutdown.
 */

#include "kx.h"

NDIS_HANDLE KxDriverHandle = NULL;
#if DBG
ULONG KxDebugLevel = KX_DBG_WARN;
#endif

static VOID
KxReadRegistry(PKX_ADAPTER Adapter)
{
    NDIS_CONFIGURATION_OBJECT ConfigObject;
    NDIS_HANDLE ConfigHandle = NULL;
    PNDIS_CONFIGURATION_PARAMETER Param = NULL;
    NDIS_STRING MsiXKey = NDIS_STRING_CONST("MSIXEnable");
    NDIS_STRING QueuesKey = NDIS_STRING_CONST("*NumRssQueues");
    NDIS_STATUS Status;

    Adapter->Intr.MsiXAllowed = TRUE;
    Adapter->NumQueues = KX_MAX_QUEUES;
    Adapter->LookAhead = KX_MAX_FRAME_SIZE;

    NdisZeroMemory(&ConfigObject, sizeof(ConfigObject));
    ConfigObject.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
    ConfigObject.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
    ConfigObject.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
    ConfigObject.NdisHandle = Adapter->AdapterHandle;
    Status = NdisOpenConfigurationEx(&ConfigObject, &ConfigHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        DBGPRINT(KX_DBG_WARN, ("no configuration, defaults used\n"));
        return;
    }
    NdisReadConfiguration(&Status, &Param, ConfigHandle, &MsiXKey, NdisParameterInteger);
    if (Status == NDIS_STATUS_SUCCESS && Param->ParameterData.IntegerData == 0) {
        Adapter->Intr.MsiXAllowed = FALSE;
    }
    NdisReadConfiguration(&Status, &Param, ConfigHandle, &QueuesKey, NdisParameterInteger);
    if (Status == NDIS_STATUS_SUCCESS && Param->ParameterData.IntegerData >= 1 &&
        Param->ParameterData.IntegerData <= KX_MAX_QUEUES) {
        Adapter->NumQueues = Param->ParameterData.IntegerData;
    }
    NdisCloseConfiguration(ConfigHandle);
}

static NDIS_STATUS
KxSetRegistrationAttributes(PKX_ADAPTER Adapter)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Attr;

    NdisZeroMemory(&Attr, sizeof(Attr));
    Attr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Attr.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Attr.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Attr.MiniportAdapterContext = (NDIS_HANDLE)Adapter;
    Attr.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    Attr.CheckForHangTimeInSeconds = 4;
    Attr.InterfaceType = NdisInterfacePci;
    return NdisMSetMiniportAttributes(Adapter->AdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Attr);
}

static NDIS_STATUS
KxSetGeneralAttributes(PKX_ADAPTER Adapter)
{
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES Gen;
    NDIS_PM_CAPABILITIES PmCaps;

    NdisZeroMemory(&PmCaps, sizeof(PmCaps));
    PmCaps.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    PmCaps.Header.Revision = NDIS_PM_CAPABILITIES_REVISION_1;
    PmCaps.Header.Size = NDIS_SIZEOF_NDIS_PM_CAPABILITIES_REVISION_1;
    PmCaps.MinMagicPacketWakeUp = NdisDeviceStateD3;
    PmCaps.MinLinkChangeWakeUp = NdisDeviceStateD3;

    NdisZeroMemory(&Gen, sizeof(Gen));
    Gen.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    Gen.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2;
    Gen.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2;
    Gen.MediaType = NdisMedium802_3;
    Gen.PhysicalMediumType = NdisPhysicalMedium802_3;
    Gen.MtuSize = KX_MAX_FRAME_SIZE - 14;
    Gen.MaxXmitLinkSpeed = KX_LINK_SPEED_1G;
    Gen.MaxRcvLinkSpeed = KX_LINK_SPEED_1G;
    Gen.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    Gen.RcvLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    Gen.MediaConnectState = MediaConnectStateUnknown;
    Gen.MediaDuplexState = MediaDuplexStateUnknown;
    Gen.LookaheadSize = KX_MAX_FRAME_SIZE;
    Gen.MacOptions = NDIS_MAC_OPTION_COPY_LOOKAHEAD_DATA | NDIS_MAC_OPTION_TRANSFERS_NOT_PEND |
                     NDIS_MAC_OPTION_NO_LOOPBACK;
    Gen.SupportedPacketFilters = KX_SUPPORTED_FILTERS;
    Gen.MaxMulticastListSize = KX_MAX_MCAST;
    Gen.MacAddressLength = ETH_LENGTH_OF_ADDRESS;
    NdisMoveMemory(Gen.PermanentMacAddress, Adapter->PermanentAddress, ETH_LENGTH_OF_ADDRESS);
    NdisMoveMemory(Gen.CurrentMacAddress, Adapter->CurrentAddress, ETH_LENGTH_OF_ADDRESS);
    Gen.AccessType = NET_IF_ACCESS_BROADCAST;
    Gen.DirectionType = NET_IF_DIRECTION_SENDRECEIVE;
    Gen.ConnectionType = NET_IF_CONNECTION_DEDICATED;
    Gen.IfType = IF_TYPE_ETHERNET_CSMACD;
    Gen.IfConnectorPresent = TRUE;
    Gen.PowerManagementCapabilitiesEx = &PmCaps;
    return NdisMSetMiniportAttributes(Adapter->AdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Gen);
}

static VOID
KxFreeAdapter(PKX_ADAPTER Adapter)
{
    ULONG q;

    for (q = 0; q < KX_MAX_QUEUES; q++) {
        NdisFreeSpinLock(&Adapter->RxRing[q].Lock);
        NdisFreeSpinLock(&Adapter->TxRing[q].Lock);
    }
    NdisFreeSpinLock(&Adapter->StateLock);
    NdisFreeMemory(Adapter, sizeof(KX_ADAPTER), 0);
}

NDIS_STATUS
KxInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PKX_ADAPTER Adapter;
    NDIS_TIMER_CHARACTERISTICS TimerChars;
    NDIS_STATUS Status;
    ULONG q;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    DBGENTER("KxInitializeEx");

    Adapter = (PKX_ADAPTER)NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(KX_ADAPTER),
                                                             KX_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        DBGPRINT(KX_DBG_ERROR, ("adapter allocation failed\n"));
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(KX_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->State = KxStateInitializing;
    Adapter->Power.DevicePowerState = NdisDeviceStateD0;
    Adapter->MediaState = MediaConnectStateUnknown;
    NdisAllocateSpinLock(&Adapter->StateLock);
    for (q = 0; q < KX_MAX_QUEUES; q++) {
        NdisAllocateSpinLock(&Adapter->RxRing[q].Lock);
        NdisAllocateSpinLock(&Adapter->TxRing[q].Lock);
    }

    Status = KxSetRegistrationAttributes(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrorFreeAdapter;
    }
    KxReadRegistry(Adapter);

    Status = KxHalMapRegisters(Adapter, MiniportInitParameters->AllocatedResources);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrorFreeAdapter;
    }
    Status = KxHalResetChip(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrorUnmap;
    }
    KxHalReadMacAddress(Adapter);
    Status = KxPhyInit(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrorUnmap;
    }
    Status = KxSetGeneralAttributes(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrorUnmap;
    }
    Status = KxAllocateRings(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrorFreeRings;
    }

    Status = KxIntrRegister(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrorFreeRings;
    }

    Adapter->ResetWorkItem = NdisAllocateIoWorkItem(MiniportAdapterHandle);
    if (Adapter->ResetWorkItem == NULL) {
        Status = NDIS_STATUS_RESOURCES;
        goto ErrorInterrupt;
    }

    NdisZeroMemory(&TimerChars, sizeof(TimerChars));
    TimerChars.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    TimerChars.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    TimerChars.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
    TimerChars.AllocationTag = KX_POOL_TAG;
    TimerChars.TimerFunction = KxWatchdogTimer;
    TimerChars.FunctionContext = Adapter;
    Status = NdisAllocateTimerObject(MiniportAdapterHandle, &TimerChars, &Adapter->WatchdogTimer);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrorFreeWorkItem;
    }

    Status = KxHalInitHardware(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrorFreeTimer;
    }
    KX_SYNC(Adapter, KxSyncApplyRxFilter, Adapter);

    Adapter->State = KxStatePaused;
    DBGLEAVE("KxInitializeEx", NDIS_STATUS_SUCCESS);
    return NDIS_STATUS_SUCCESS;

ErrorFreeTimer:
    NdisFreeTimerObject(Adapter->WatchdogTimer);
    Adapter->WatchdogTimer = NULL;
ErrorFreeWorkItem:
    NdisFreeIoWorkItem(Adapter->ResetWorkItem);
    Adapter->ResetWorkItem = NULL;
ErrorInterrupt:
    KxIntrRelease(Adapter);
ErrorFreeRings:
    KxFreeRings(Adapter);
ErrorUnmap:
    KxHalUnmapRegisters(Adapter);
ErrorFreeAdapter:
    KxFreeAdapter(Adapter);
    DBGLEAVE("KxInitializeEx", Status);
    return Status;
}

VOID
KxHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportAdapterContext;
    BOOLEAN Cancelled;

    DBGENTER("KxHaltEx");

    NdisAcquireSpinLock(&Adapter->StateLock);
    Adapter->State = KxStateHalting;
    NdisReleaseSpinLock(&Adapter->StateLock);

    Cancelled = NdisCancelTimerObject(Adapter->WatchdogTimer);
    if (!Cancelled) {
        // a tick may be running right now
        KeFlushQueuedDpcs();
    }
    Adapter->WatchdogArmed = FALSE;

    if (HaltAction != NdisHaltDeviceSurpriseRemoved && KX_HW_ACCESSIBLE(Adapter)) {
        KX_SYNC(Adapter, KxSyncMaskAll, Adapter);
        KxHalStopRxTx(Adapter);
    }
    KxIntrRelease(Adapter);

    // the reset worker holds no reference: wait for a queued one to finish
    while (Adapter->ResetInProgress) {
        NdisMSleep(1000);
    }

    KxTxDrainWaiting(Adapter, NDIS_STATUS_FAILURE);
    NdisFreeTimerObject(Adapter->WatchdogTimer);
    NdisFreeIoWorkItem(Adapter->ResetWorkItem);
    KxFreeRings(Adapter);
    KxHalUnmapRegisters(Adapter);
    KxFreeAdapter(Adapter);
    DBGLEAVE("KxHaltEx", NDIS_STATUS_SUCCESS);
}

NDIS_STATUS
KxPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportAdapterContext;
    ULONG q;

    UNREFERENCED_PARAMETER(PauseParameters);

    NdisAcquireSpinLock(&Adapter->StateLock);
    Adapter->State = KxStatePausing;
    NdisReleaseSpinLock(&Adapter->StateLock);

    if (Adapter->WatchdogArmed) {
        if (!NdisCancelTimerObject(Adapter->WatchdogTimer)) {
            KeFlushQueuedDpcs();
        }
        Adapter->WatchdogArmed = FALSE;
    }

    if (KX_HW_ACCESSIBLE(Adapter)) {
        KX_SYNC(Adapter, KxSyncMaskAll, Adapter);
        KxHalStopRxTx(Adapter);
    }
    for (q = 0; q < Adapter->NumQueues; q++) {
        PKX_TX_RING Tx = &Adapter->TxRing[q];

        NdisAcquireSpinLock(&Tx->Lock);
        Tx->Enabled = FALSE;
        NdisReleaseSpinLock(&Tx->Lock);
    }
    KxTxDrainWaiting(Adapter, NDIS_STATUS_PAUSED);

    NdisAcquireSpinLock(&Adapter->StateLock);
    Adapter->State = KxStatePaused;
    NdisReleaseSpinLock(&Adapter->StateLock);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
KxRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportAdapterContext;
    LARGE_INTEGER DueTime;

    UNREFERENCED_PARAMETER(RestartParameters);

    if (!KX_HW_ACCESSIBLE(Adapter)) {
        // D3, or the D0 transition failed to get the interrupt back
        return NDIS_STATUS_FAILURE;
    }

    KxResetRings(Adapter);
    KxHalStartRxTx(Adapter);
    KX_SYNC(Adapter, KxSyncUnmaskAll, Adapter);

    NdisAcquireSpinLock(&Adapter->StateLock);
    Adapter->State = KxStateRunning;
    NdisReleaseSpinLock(&Adapter->StateLock);

    DueTime.QuadPart = -10000LL * KX_WATCHDOG_PERIOD_MS;
    NdisSetTimerObject(Adapter->WatchdogTimer, DueTime, KX_WATCHDOG_PERIOD_MS, Adapter);
    Adapter->WatchdogArmed = TRUE;

    KxPhyCheckLink(Adapter);
    KxIndicateLinkState(Adapter);
    return NDIS_STATUS_SUCCESS;
}

//
// Chip reset at PASSIVE_LEVEL.  Queued by KxResetEx (NDIS asked, completed with
// NdisMResetComplete) and by the watchdog (hang or DMA error seen by the DPC).
//
VOID
KxResetWorker(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)WorkItemContext;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    BOOLEAN FromNdis;
    ULONG q;

    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);

    NdisAcquireSpinLock(&Adapter->StateLock);
    FromNdis = Adapter->ResetFromNdis;
    Adapter->ResetFromNdis = FALSE;
    NdisReleaseSpinLock(&Adapter->StateLock);

    if (!KX_HW_ACCESSIBLE(Adapter) || Adapter->State == KxStateHalting) {
        Status = NDIS_STATUS_NOT_ACCEPTED;
        goto Done;
    }

    KX_SYNC(Adapter, KxSyncMaskAll, Adapter);
    for (q = 0; q < Adapter->NumQueues; q++) {
        PKX_RX_RING Rx = &Adapter->RxRing[q];

        NdisAcquireSpinLock(&Rx->Lock);
        Rx->Enabled = FALSE;
        NdisReleaseSpinLock(&Rx->Lock);
    }
    KxTxDrainWaiting(Adapter, NDIS_STATUS_RESET_IN_PROGRESS);

    Status = KxHalResetChip(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        DBGPRINT(KX_DBG_ERROR, ("reset: chip did not come back\n"));
        goto Done;
    }
    KxResetRings(Adapter);
    (VOID)KxHalInitHardware(Adapter);
    KxHalConfigureVectors(Adapter);
    KX_SYNC(Adapter, KxSyncApplyRxFilter, Adapter);
    if (Adapter->State == KxStateRunning) {
        KxHalStartRxTx(Adapter);
        KX_SYNC(Adapter, KxSyncUnmaskAll, Adapter);
    }
    Adapter->NeedsReset = FALSE;
    Adapter->ResetCount++;
    Adapter->Stats.TxResets++;

Done:
    NdisAcquireSpinLock(&Adapter->StateLock);
    Adapter->ResetInProgress = FALSE;
    NdisReleaseSpinLock(&Adapter->StateLock);
    if (FromNdis) {
        NdisMResetComplete(Adapter->AdapterHandle, Status, FALSE);
    }
}

static BOOLEAN
KxScheduleReset(PKX_ADAPTER Adapter, BOOLEAN FromNdis)
{
    BOOLEAN Queue = FALSE;

    NdisAcquireSpinLock(&Adapter->StateLock);
    if (!Adapter->ResetInProgress && Adapter->State != KxStateHalting) {
        Adapter->ResetInProgress = TRUE;
        Adapter->ResetFromNdis = FromNdis;
        Queue = TRUE;
    }
    NdisReleaseSpinLock(&Adapter->StateLock);

    if (Queue) {
        NdisQueueIoWorkItem(Adapter->ResetWorkItem, KxResetWorker, Adapter);
    }
    return Queue;
}

NDIS_STATUS
KxResetEx(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportAdapterContext;

    *AddressingReset = FALSE;
    if (!KxScheduleReset(Adapter, TRUE)) {
        // one is already running; it completes on its own
        return NDIS_STATUS_RESET_IN_PROGRESS;
    }
    return NDIS_STATUS_PENDING;
}

BOOLEAN
KxCheckForHangEx(NDIS_HANDLE MiniportAdapterContext)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    // the watchdog detects hangs and resets on its own
    return FALSE;
}

//
// Periodic watchdog (DISPATCH_LEVEL): statistics, link, PHY recovery, transmit hang.
//
VOID
KxWatchdogTimer(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)FunctionContext;
    KX_SYNC_LINK_CONTEXT LinkContext;
    BOOLEAN WasUp;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);

    if (Adapter->State != KxStateRunning || !KX_HW_ACCESSIBLE(Adapter)) {
        return;
    }

    KxHalUpdateStatistics(Adapter);

    LinkContext.Adapter = Adapter;
    LinkContext.Status = 0;
    LinkContext.Cause = 0;
    KX_SYNC(Adapter, KxSyncReadLinkCause, &LinkContext);
    WasUp = Adapter->Phy.LinkUp;
    Adapter->Phy.LinkUp = (LinkContext.Status & KX_STATUS_LU) ? TRUE : FALSE;
    if (WasUp != Adapter->Phy.LinkUp || LinkContext.Cause != 0) {
        KxPhyCheckLink(Adapter);
        KxIndicateLinkState(Adapter);
    }
    KxPhyWatchdog(Adapter);

    if (Adapter->NeedsReset || KxTxCheckHang(Adapter)) {
        DBGPRINT(KX_DBG_WARN, ("watchdog: %s, resetting\n", Adapter->NeedsReset ? "DMA error" : "transmit hang"));
        (VOID)KxScheduleReset(Adapter, FALSE);
    }
}

VOID
KxShutdownEx(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportAdapterContext;

    // may run at high IRQL: registers only, no locks, no interrupt object
    if (ShutdownAction != NdisShutdownBugCheck && Adapter->Hal.Registers != NULL) {
        KxHalStopRxTx(Adapter);
    }
    if (Adapter->Hal.Registers != NULL) {
        KX_WRITE_REG(Adapter, KX_REG_IMC, 0xFFFFFFFF);
        KX_WRITE_REG(Adapter, KX_REG_EIMC, 0xFFFFFFFF);
    }
}

VOID
KxDevicePnPEventNotify(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportAdapterContext;

    switch (NetDevicePnPEvent->DevicePnPEvent) {
    case NdisDevicePnPEventSurpriseRemoved:
        DBGPRINT(KX_DBG_WARN, ("surprise removal\n"));
        // halt skips the chip (NdisHaltDeviceSurpriseRemoved)
        break;
    case NdisDevicePnPEventPowerProfileChanged:
        break;
    default:
        break;
    }
}

NDIS_STATUS
KxSetOptions(NDIS_HANDLE NdisMiniportDriverHandle, NDIS_HANDLE MiniportDriverContext)
{
    UNREFERENCED_PARAMETER(NdisMiniportDriverHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    return NDIS_STATUS_SUCCESS;
}

VOID
KxUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    DBGPRINT(KX_DBG_INFO, ("unload\n"));
    NdisMDeregisterMiniportDriver(KxDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    DBGPRINT(KX_DBG_INFO, ("Kestrel KX-2000 driver %u.%u\n", KX_DRIVER_VERSION >> 16, KX_DRIVER_VERSION & 0xFFFF));

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = KX_NDIS_MAJOR_VERSION;
    Chars.MinorNdisVersion = KX_NDIS_MINOR_VERSION;
    Chars.MajorDriverVersion = (UCHAR)(KX_DRIVER_VERSION >> 16);
    Chars.MinorDriverVersion = (UCHAR)(KX_DRIVER_VERSION & 0xFF);

    Chars.SetOptionsHandler = KxSetOptions;
    Chars.InitializeHandlerEx = KxInitializeEx;
    Chars.HaltHandlerEx = KxHaltEx;
    Chars.UnloadHandler = KxUnload;
    Chars.PauseHandler = KxPause;
    Chars.RestartHandler = KxRestart;
    Chars.OidRequestHandler = KxOidRequest;
    Chars.CancelOidRequestHandler = KxCancelOidRequest;
    Chars.SendNetBufferListsHandler = KxSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = KxReturnNetBufferLists;
    Chars.CancelSendHandler = KxCancelSend;
    Chars.CheckForHangHandlerEx = KxCheckForHangEx;
    Chars.ResetHandlerEx = KxResetEx;
    Chars.DevicePnPEventNotifyHandler = KxDevicePnPEventNotify;
    Chars.ShutdownHandlerEx = KxShutdownEx;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &KxDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        DBGPRINT(KX_DBG_ERROR, ("NdisMRegisterMiniportDriver failed 0x%08x\n", Status));
    }
    return Status;
}
