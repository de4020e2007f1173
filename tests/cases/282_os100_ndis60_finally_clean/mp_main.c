/*
 * mp_main.c - Osprey OS-100 NDIS 6.0 miniport: DriverEntry, initialize/halt, pause/restart,
 * reset, shutdown, PnP, link-detection timer.
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
    MPChar.MajorDriverVersion = MP_MAJOR_DRIVER_VERSION;
    MPChar.MinorDriverVersion = MP_MINOR_DRIVER_VERSION;

    MPChar.SetOptionsHandler = MPSetOptions;
    MPChar.InitializeHandlerEx = MPInitializeEx;
    MPChar.HaltHandlerEx = MPHaltEx;
    MPChar.UnloadHandler = MPUnload;
    MPChar.PauseHandler = MPPause;
    MPChar.RestartHandler = MPRestart;
    MPChar.OidRequestHandler = MPOidRequest;
    MPChar.SendNetBufferListsHandler = MPSendNetBufferLists;
    MPChar.ReturnNetBufferListsHandler = MPReturnNetBufferLists;
    MPChar.CancelSendHandler = MPCancelSendNetBufferLists;
    MPChar.DevicePnPEventNotifyHandler = MPDevicePnPEventNotify;
    MPChar.ShutdownHandlerEx = MPShutdownEx;
    MPChar.CheckForHangHandlerEx = MPCheckForHangEx;
    MPChar.ResetHandlerEx = MPResetEx;
    MPChar.CancelOidRequestHandler = MPCancelOidRequest;

    DBGPRINT(MP_LOUD, ("Calling NdisMRegisterMiniportDriver...\n"));
    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, (PNDIS_HANDLE)NULL, &MPChar,
                                         &NdisMiniportDriverHandle);
    DBGPRINT_S(Status, ("<==== DriverEntry, Status=%x\n", Status));
    return Status;
}

NDIS_STATUS
MPSetOptions(NDIS_HANDLE NdisMiniportDriverHandle, NDIS_HANDLE MiniportDriverContext)
{
    UNREFERENCED_PARAMETER(NdisMiniportDriverHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    return NDIS_STATUS_SUCCESS;
}

//
// Allocate and zero the adapter block; it starts with one reference (initialize's, dropped by
// halt or by MpFreeAdapter on a failed initialize).
//
static NDIS_STATUS
MpAllocAdapterBlock(PMP_ADAPTER *pAdapter, NDIS_HANDLE MiniportAdapterHandle)
{
    PMP_ADAPTER Adapter;

    *pAdapter = NULL;
    Adapter = (PMP_ADAPTER)NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER),
                                                             NIC_TAG, LowPoolPriority);
    if (Adapter == NULL) {
        DBGPRINT(MP_ERROR, ("Failed to allocate memory - ADAPTER\n"));
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->RefCount = 1;
    NdisInitializeEvent(&Adapter->ExitEvent);
    NdisAllocateSpinLock(&Adapter->Lock);
    NdisAllocateSpinLock(&Adapter->SendLock);
    NdisAllocateSpinLock(&Adapter->RcvLock);
    Adapter->CurrentPowerState = NdisDeviceStateD0;
    Adapter->NextPowerState = NdisDeviceStateD0;
    Adapter->MediaState = MediaConnectStateUnknown;
    Adapter->MediaDuplexState = MediaDuplexStateUnknown;
    Adapter->NumRfd = NIC_MAX_RFDS;
    Adapter->MaxRecvPerDpc = NIC_MAX_RECV_PER_DPC;
    Adapter->ulLookAhead = NIC_MAX_PACKET_SIZE - NIC_HEADER_SIZE;
    *pAdapter = Adapter;
    return NDIS_STATUS_SUCCESS;
}

//
// Free everything the adapter block holds.  Failed initialize and halt both end here; the
// interrupt is given back if it is still registered.
//
VOID
MpFreeAdapter(PMP_ADAPTER Adapter)
{
    DBGPRINT(MP_TRACE, ("--> MpFreeAdapter\n"));

    MpDeregisterInterrupt(Adapter);
    if (Adapter->LinkDetectionTimer != NULL) {
        NdisFreeTimerObject(Adapter->LinkDetectionTimer);
        Adapter->LinkDetectionTimer = NULL;
    }
    NICFreeRecv(Adapter);
    MpFreeSend(Adapter);
    if (Adapter->CSRAddress != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, Adapter->CSRAddress, NIC_MAP_IOSPACE_LENGTH);
        Adapter->CSRAddress = NULL;
    }
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeSpinLock(&Adapter->RcvLock);
    NdisFreeMemory(Adapter, sizeof(MP_ADAPTER), 0);
}

static NDIS_STATUS
MpFindAdapterResources(PMP_ADAPTER Adapter, PNDIS_RESOURCE_LIST Resources)
{
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc;
    BOOLEAN bMemFound = FALSE;
    BOOLEAN bIntFound = FALSE;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_RESOURCE_CONFLICT;
    }
    for (i = 0; i < Resources->Count; i++) {
        Desc = &Resources->PartialDescriptors[i];
        switch (Desc->Type) {
        case CmResourceTypeMemory:
            if (!bMemFound && Desc->u.Memory.Length >= NIC_MAP_IOSPACE_LENGTH) {
                Adapter->MemPhysAddress = Desc->u.Memory.Start;
                bMemFound = TRUE;
            }
            break;
        case CmResourceTypeInterrupt:
            bIntFound = TRUE;
            break;
        default:
            break;
        }
    }
    if (!bMemFound || !bIntFound) {
        DBGPRINT(MP_ERROR, ("resources: memory %d interrupt %d\n", bMemFound, bIntFound));
        return NDIS_STATUS_RESOURCE_CONFLICT;
    }
    return NdisMMapIoSpace((PVOID *)&Adapter->CSRAddress, Adapter->AdapterHandle,
                           Adapter->MemPhysAddress, NIC_MAP_IOSPACE_LENGTH);
}

static NDIS_STATUS
MpSetGeneralAttributes(PMP_ADAPTER Adapter)
{
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES GeneralAttributes;
    NDIS_PNP_CAPABILITIES PowerCaps;

    NdisZeroMemory(&PowerCaps, sizeof(PowerCaps));
    PowerCaps.WakeUpCapabilities.MinMagicPacketWakeUp = NdisDeviceStateD3;
    PowerCaps.WakeUpCapabilities.MinLinkChangeWakeUp = NdisDeviceStateD3;
    PowerCaps.WakeUpCapabilities.MinPatternWakeUp = NdisDeviceStateUnspecified;

    NdisZeroMemory(&GeneralAttributes, sizeof(GeneralAttributes));
    GeneralAttributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    GeneralAttributes.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    GeneralAttributes.Header.Size = sizeof(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES);
    GeneralAttributes.MediaType = NdisMedium802_3;
    GeneralAttributes.MtuSize = NIC_MAX_PACKET_SIZE - NIC_HEADER_SIZE;
    GeneralAttributes.MaxXmitLinkSpeed = NIC_MEDIA_MAX_SPEED;
    GeneralAttributes.MaxRcvLinkSpeed = NIC_MEDIA_MAX_SPEED;
    GeneralAttributes.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    GeneralAttributes.RcvLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    GeneralAttributes.MediaConnectState = MediaConnectStateUnknown;
    GeneralAttributes.MediaDuplexState = MediaDuplexStateUnknown;
    GeneralAttributes.LookaheadSize = NIC_MAX_PACKET_SIZE - NIC_HEADER_SIZE;
    GeneralAttributes.PowerManagementCapabilities = &PowerCaps;
    GeneralAttributes.MacOptions = NDIS_MAC_OPTION_COPY_LOOKAHEAD_DATA | NDIS_MAC_OPTION_TRANSFERS_NOT_PEND |
                                   NDIS_MAC_OPTION_NO_LOOPBACK;
    GeneralAttributes.SupportedPacketFilters = NIC_SUPPORTED_FILTERS;
    GeneralAttributes.MaxMulticastListSize = NIC_MAX_MCAST_LIST;
    GeneralAttributes.MacAddressLength = ETH_LENGTH_OF_ADDRESS;
    NdisMoveMemory(GeneralAttributes.PermanentMacAddress, Adapter->PermanentAddress, ETH_LENGTH_OF_ADDRESS);
    NdisMoveMemory(GeneralAttributes.CurrentMacAddress, Adapter->CurrentAddress, ETH_LENGTH_OF_ADDRESS);
    GeneralAttributes.PhysicalMediumType = NdisPhysicalMediumUnspecified;
    GeneralAttributes.AccessType = NET_IF_ACCESS_BROADCAST;
    GeneralAttributes.DirectionType = NET_IF_DIRECTION_SENDRECEIVE;
    GeneralAttributes.ConnectionType = NET_IF_CONNECTION_DEDICATED;
    GeneralAttributes.IfType = IF_TYPE_ETHERNET_CSMACD;
    GeneralAttributes.IfConnectorPresent = TRUE;
    return NdisMSetMiniportAttributes(Adapter->AdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&GeneralAttributes);
}

NDIS_STATUS
MPInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    PMP_ADAPTER Adapter = NULL;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;
    NDIS_TIMER_CHARACTERISTICS Timer;
    LARGE_INTEGER DueTime;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    DBGPRINT(MP_TRACE, ("====> MPInitializeEx\n"));

    __try
    {
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

        Status = NICReadAdapterInfo(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }
        if (Adapter->RevsionID < OS100_REV_A4) {
            Adapter->PhyResetDelay = NIC_PHY_RESET_DELAY_A_STEP;
        } else {
            Adapter->PhyResetDelay = NIC_PHY_RESET_DELAY;
        }

        Status = MpFindAdapterResources(Adapter, MiniportInitParameters->AllocatedResources);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }
        Status = NICSelfTest(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }
        Status = NICInitializeAdapter(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }
        Status = MpSetGeneralAttributes(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }

        Status = MpInitSend(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }
        Status = NICInitRecv(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }

        NdisZeroMemory(&Timer, sizeof(Timer));
        Timer.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
        Timer.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
        Timer.Header.Size = sizeof(NDIS_TIMER_CHARACTERISTICS);
        Timer.AllocationTag = NIC_TAG;
        Timer.TimerFunction = MpLinkDetectionTimer;
        Timer.FunctionContext = Adapter;
        Status = NdisAllocateTimerObject(MiniportAdapterHandle, &Timer, &Adapter->LinkDetectionTimer);
        if (Status != NDIS_STATUS_SUCCESS) {
            Adapter->LinkDetectionTimer = NULL;
            __leave;
        }

        Status = MpRegisterInterrupt(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }

        Status = NICStartRecv(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            __leave;
        }
        NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0, MpSetPacketFilterSync, Adapter);
        NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0, MpEnableInterruptSync, Adapter);

        //
        // Link detection runs in the timer: it holds a reference while armed.
        //
        MP_SET_FLAG(Adapter, fMP_ADAPTER_LINK_DETECTION);
        MP_SET_FLAG(Adapter, fMP_ADAPTER_PAUSED);
        Adapter->LinkDetectionTries = 0;
        MP_INC_REF(Adapter);
        DueTime.QuadPart = -10000LL * NIC_LINK_DETECTION_DELAY_MS;
        NdisSetTimerObject(Adapter->LinkDetectionTimer, DueTime, 0, Adapter);
    }
    __finally
    {
        if (Adapter != NULL && Status != NDIS_STATUS_SUCCESS) {
            MpFreeAdapter(Adapter);
        }
    }

    DBGPRINT_S(Status, ("<==== MPInitializeEx, Status=%x\n", Status));
    return Status;
}

VOID
MPHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    LONG Count;

    DBGPRINT(MP_TRACE, ("====> MPHaltEx\n"));

    NdisAcquireSpinLock(&Adapter->Lock);
    MP_SET_FLAG(Adapter, fMP_ADAPTER_HALT_IN_PROGRESS);
    NdisReleaseSpinLock(&Adapter->Lock);

    if (HaltAction != NdisHaltDeviceSurpriseRemoved && MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
        NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0, MpDisableInterruptSync, Adapter);
    }
    MpDeregisterInterrupt(Adapter);

    //
    // The link detection timer holds a reference while it is armed.
    //
    if (NdisCancelTimerObject(Adapter->LinkDetectionTimer)) {
        MP_DEC_REF(Adapter);
    }

    MpFreeQueuedSendNetBufferLists(Adapter, NDIS_STATUS_FAILURE, FALSE);
    MP_DEC_REF(Adapter);
    Count = MP_GET_REF(Adapter);
    if (Count != 0) {
        DBGPRINT(MP_WARN, ("waiting for %d references\n", Count));
        NdisWaitEvent(&Adapter->ExitEvent, 0);
    }

    if (HaltAction != NdisHaltDeviceSurpriseRemoved) {
        NICIssueSelectiveReset(Adapter);
    }
    MpFreeAdapter(Adapter);
    DBGPRINT(MP_TRACE, ("<==== MPHaltEx\n"));
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
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportPauseParameters);

    NdisAcquireSpinLock(&Adapter->Lock);
    MP_SET_FLAG(Adapter, fMP_ADAPTER_PAUSING);
    NdisReleaseSpinLock(&Adapter->Lock);

    MpFreeQueuedSendNetBufferLists(Adapter, NDIS_STATUS_PAUSED, FALSE);

    NdisAcquireSpinLock(&Adapter->SendLock);
    if (Adapter->nBusySend == 0) {
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_PAUSING);
        MP_SET_FLAG(Adapter, fMP_ADAPTER_PAUSED);
        Status = NDIS_STATUS_SUCCESS;
    } else {
        // the send DPC completes the pause when the last TCB comes back
        Adapter->PausePending = TRUE;
        Status = NDIS_STATUS_PENDING;
    }
    NdisReleaseSpinLock(&Adapter->SendLock);
    return Status;
}

NDIS_STATUS
MPRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS MiniportRestartParameters)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(MiniportRestartParameters);

    NdisAcquireSpinLock(&Adapter->Lock);
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_PAUSED | fMP_ADAPTER_PAUSING);
    NdisReleaseSpinLock(&Adapter->Lock);
    return NDIS_STATUS_SUCCESS;
}

//
// Called from the send DPC (mp_int.c) once the TCBs drained.
//
static VOID
MpCompletePauseIfDrained(PMP_ADAPTER Adapter)
{
    BOOLEAN Complete = FALSE;

    NdisDprAcquireSpinLock(&Adapter->SendLock);
    if (Adapter->PausePending && Adapter->nBusySend == 0) {
        Adapter->PausePending = FALSE;
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_PAUSING);
        MP_SET_FLAG(Adapter, fMP_ADAPTER_PAUSED);
        Complete = TRUE;
    }
    NdisDprReleaseSpinLock(&Adapter->SendLock);
    if (Complete) {
        NdisMPauseComplete(Adapter->AdapterHandle);
    }
}

BOOLEAN
MPCheckForHangEx(NDIS_HANDLE MiniportAdapterContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    BOOLEAN NeedReset = FALSE;

    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_HALT_IN_PROGRESS | fMP_ADAPTER_RESET_IN_PROGRESS |
                              fMP_ADAPTER_LOW_POWER | fMP_ADAPTER_REMOVE_IN_PROGRESS)) {
        return FALSE;
    }
    MpCompletePauseIfDrained(Adapter);

    NdisDprAcquireSpinLock(&Adapter->SendLock);
    if (Adapter->nBusySend != 0 && Adapter->CurrSendHead != NULL &&
        (Adapter->CurrSendHead->HwTcb->TxCbStatus & CB_STATUS_COMPLETE) == 0) {
        // the head TCB made no progress since the last check
        NeedReset = (Adapter->LastScbStatus == Adapter->CurrSendHead->HwTcb->TxCbCommand) ? TRUE : FALSE;
        Adapter->LastScbStatus = Adapter->CurrSendHead->HwTcb->TxCbCommand;
    }
    NdisDprReleaseSpinLock(&Adapter->SendLock);

    NdisDprAcquireSpinLock(&Adapter->RcvLock);
    if (Adapter->nReadyRecv == 0 && Adapter->RcvRefCount == 0) {
        NeedReset = TRUE;
    }
    NdisDprReleaseSpinLock(&Adapter->RcvLock);
    return NeedReset;
}

NDIS_STATUS
MPResetEx(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;

    DBGPRINT(MP_TRACE, ("====> MPResetEx\n"));
    *AddressingReset = TRUE;

    NdisAcquireSpinLock(&Adapter->Lock);
    do {
        if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_HALT_IN_PROGRESS | fMP_ADAPTER_REMOVE_IN_PROGRESS)) {
            Status = NDIS_STATUS_NOT_ACCEPTED;
            break;
        }
        if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_LOW_POWER)) {
            // nothing to reset in D3; the D0 transition reinitializes the chip
            Status = NDIS_STATUS_SUCCESS;
            break;
        }
        MP_SET_FLAG(Adapter, fMP_ADAPTER_RESET_IN_PROGRESS);

        NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0, MpDisableInterruptSync, Adapter);
        MpFreeBusySendNetBufferLists(Adapter);

        NICIssueSelectiveReset(Adapter);
        NICPhyReset(Adapter);
        if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR)) {
            Status = NDIS_STATUS_HARD_ERRORS;
            MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_RESET_IN_PROGRESS);
            break;
        }

        NdisDprAcquireSpinLock(&Adapter->RcvLock);
        NICResetRecv(Adapter);
        Status = NICStartRecv(Adapter);
        NdisDprReleaseSpinLock(&Adapter->RcvLock);

        NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0, MpSetPacketFilterSync, Adapter);
        NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0, MpEnableInterruptSync, Adapter);
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_RESET_IN_PROGRESS);
    } while (FALSE);
    NdisReleaseSpinLock(&Adapter->Lock);

    DBGPRINT_S(Status, ("<==== MPResetEx, Status=%x\n", Status));
    return Status;
}

VOID
MPShutdownEx(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    // any IRQL: no locks, no interrupt object
    if (!MP_TEST_FLAG(Adapter, fMP_ADAPTER_REMOVE_IN_PROGRESS)) {
        NICIssueFullReset(Adapter);
    }
}

VOID
MPDevicePnPEventNotify(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    switch (NetDevicePnPEvent->DevicePnPEvent) {
    case NdisDevicePnPEventSurpriseRemoved:
        DBGPRINT(MP_WARN, ("MPDevicePnPEventNotify: NdisDevicePnPEventSurpriseRemoved\n"));
        NdisAcquireSpinLock(&Adapter->Lock);
        MP_SET_FLAG(Adapter, fMP_ADAPTER_REMOVE_IN_PROGRESS);
        NdisReleaseSpinLock(&Adapter->Lock);
        break;
    case NdisDevicePnPEventPowerProfileChanged:
        DBGPRINT(MP_INFO, ("MPDevicePnPEventNotify: NdisDevicePnPEventPowerProfileChanged\n"));
        break;
    default:
        DBGPRINT(MP_ERROR, ("MPDevicePnPEventNotify: unknown PnP event %x\n", NetDevicePnPEvent->DevicePnPEvent));
        break;
    }
}

//
// One-shot link detection after initialize (DISPATCH_LEVEL).  Re-armed until the link comes up
// or NIC_LINK_DETECTION_TRIES ran out; holds one adapter reference while armed.
//
VOID
MpLinkDetectionTimer(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)FunctionContext;
    MP_LINK_CONTEXT LinkContext;
    LARGE_INTEGER DueTime;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);

    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_HALT_IN_PROGRESS | fMP_ADAPTER_LOW_POWER)) {
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_LINK_DETECTION);
        MP_DEC_REF(Adapter);
        return;
    }

    LinkContext.Adapter = Adapter;
    LinkContext.ScbStatus = 0;
    LinkContext.LinkUp = FALSE;
    NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0, MpReadLinkStatusSync, &LinkContext);

    if (!LinkContext.LinkUp && ++Adapter->LinkDetectionTries < NIC_LINK_DETECTION_TRIES) {
        if (Adapter->LinkDetectionTries == NIC_LINK_DETECTION_TRIES / 2) {
            DBGPRINT(MP_WARN, ("no link yet, resetting the PHY\n"));
            NICPhyReset(Adapter);
        }
        DueTime.QuadPart = -10000LL * NIC_LINK_DETECTION_DELAY_MS;
        NdisSetTimerObject(Adapter->LinkDetectionTimer, DueTime, 0, Adapter);   // keeps the reference
        return;
    }

    Adapter->MediaState = LinkContext.LinkUp ? MediaConnectStateConnected : MediaConnectStateDisconnected;
    Adapter->MediaDuplexState = MediaDuplexStateFull;
    Adapter->LinkSpeed = NIC_MEDIA_MAX_SPEED;
    if (LinkContext.LinkUp) {
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_NO_CABLE);
    } else {
        MP_SET_FLAG(Adapter, fMP_ADAPTER_NO_CABLE);
    }
    MpIndicateLinkStatus(Adapter);
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_LINK_DETECTION);
    MP_DEC_REF(Adapter);
}
