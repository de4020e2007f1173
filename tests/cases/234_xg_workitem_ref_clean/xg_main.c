/*
 * Case 234_xg_workitem_ref_clean: 230 (reference-counted XG NIC) where the
 * link work item holds a reference.  The DPC queues it on a link interrupt
 * (once: LinkWorkQueued through InterlockedExchange) after taking a reference
 * for it; the work routine masks the chip through
 * NdisMSynchronizeWithInterruptEx, retrains the PHY, unmasks it, indicates
 * the link state and drops the reference at its end.  XgHaltEx waits with
 * NdisMSleep until NDIS's reference is the only one left
 * (`while (Nic->RefCnt != 1)`), masks the chip and drops it, which frees the
 * block and deregisters the interrupt.  A work routine only runs when queued,
 * so its reference is always there to drop: every synchronize runs while the
 * interrupt is registered.  Expected: clean for every rule.
 */
#include "xg.h"

NDIS_HANDLE XgDriverHandle = NULL;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE XgInitializeEx;
MINIPORT_HALT XgHaltEx;
MINIPORT_UNLOAD XgUnload;
MINIPORT_PAUSE XgPause;
MINIPORT_RESTART XgRestart;
MINIPORT_OID_REQUEST XgOidRequest;
MINIPORT_CANCEL_OID_REQUEST XgCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS XgSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS XgReturnNetBufferLists;
MINIPORT_CANCEL_SEND XgCancelSend;
MINIPORT_CHECK_FOR_HANG XgCheckForHang;
MINIPORT_RESET XgReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY XgDevicePnPEvent;
MINIPORT_SHUTDOWN XgShutdown;
MINIPORT_ISR XgIsr;
MINIPORT_INTERRUPT_DPC XgDpc;
MINIPORT_ENABLE_INTERRUPT XgEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT XgDisableInterrupt;
NDIS_IO_WORKITEM_FUNCTION XgLinkWorkItem;

/* ---------------------------------------------------------------- interrupt */

BOOLEAN
XgIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PXG_NIC Nic = (PXG_NIC)MiniportInterruptContext;
    ULONG Cause;

    *TargetProcessors = 0;
    *QueueDefaultInterruptDpc = FALSE;
    Cause = XG_READ(Nic, XG_REG_INT_CAUSE);
    if (Cause == 0 || Cause == 0xFFFFFFFF)
        return FALSE;
    XG_WRITE(Nic, XG_REG_INT_MASK, 0);
    Nic->PendingCause |= Cause;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
XgEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PXG_NIC Nic = (PXG_NIC)MiniportInterruptContext;

    XG_WRITE(Nic, XG_REG_INT_MASK, XG_INT_ALL);
}

VOID
XgDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PXG_NIC Nic = (PXG_NIC)MiniportInterruptContext;

    XG_WRITE(Nic, XG_REG_INT_MASK, 0);
}

static VOID
XgIndicateLink(PXG_NIC Nic, BOOLEAN Up)
{
    NDIS_STATUS_INDICATION Ind;
    NDIS_LINK_STATE Link;

    NdisZeroMemory(&Link, sizeof(Link));
    Link.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    Link.Header.Revision = NDIS_LINK_STATE_REVISION_1;
    Link.Header.Size = NDIS_SIZEOF_LINK_STATE_REVISION_1;
    Link.MediaConnectState = Up ? MediaConnectStateConnected : MediaConnectStateDisconnected;
    Link.MediaDuplexState = MediaDuplexStateFull;
    Link.XmitLinkSpeed = Link.RcvLinkSpeed = Up ? 10000000000ULL : 0;

    NdisZeroMemory(&Ind, sizeof(Ind));
    Ind.Header.Type = NDIS_OBJECT_TYPE_STATUS_INDICATION;
    Ind.Header.Revision = NDIS_STATUS_INDICATION_REVISION_1;
    Ind.Header.Size = NDIS_SIZEOF_STATUS_INDICATION_REVISION_1;
    Ind.SourceHandle = Nic->MiniportHandle;
    Ind.StatusCode = NDIS_STATUS_LINK_STATE;
    Ind.StatusBuffer = &Link;
    Ind.StatusBufferSize = sizeof(Link);
    NdisMIndicateStatusEx(Nic->MiniportHandle, &Ind);
}

VOID
XgLinkWorkItem(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle)
{
    PXG_NIC Nic = (PXG_NIC)WorkItemContext;
    BOOLEAN Up;

    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);

    /* retrain the PHY with the chip's interrupts masked */
    NdisMSynchronizeWithInterruptEx(Nic->InterruptHandle, 0, XgSyncDisableInterrupt, Nic);
    XgHwStop(Nic);
    (VOID)XgHwStart(Nic);
    NdisMSleep(XG_HALT_POLL_US);
    NdisMSynchronizeWithInterruptEx(Nic->InterruptHandle, 0, XgSyncEnableInterrupt, Nic);

    Up = (XG_READ(Nic, XG_REG_STATUS) & XG_STATUS_LINK_UP) != 0;
    if (Up)
        bis(Nic->Flags, fXG_LINK_UP);
    else
        bic(Nic->Flags, fXG_LINK_UP);
    XgIndicateLink(Nic, Up);

    InterlockedExchange(&Nic->LinkWorkQueued, 0);
    /* the reference the DPC took when it queued us */
    XG_NIC_DEREFERENCE(Nic);
}

static VOID
XgCompleteTx(PXG_NIC Nic)
{
    ULONG Done;

    NdisDprAcquireSpinLock(&Nic->TxLock);
    Done = (XG_READ(Nic, XG_REG_TX_TAIL) - Nic->TxHead) % XG_TX_RING_SIZE;
    Nic->TxHead = (Nic->TxHead + Done) % XG_TX_RING_SIZE;
    Nic->TxFree += Done;
    Nic->FramesXmitOk += Done;
    NdisDprReleaseSpinLock(&Nic->TxLock);
}

static VOID
XgCompleteRx(PXG_NIC Nic)
{
    ULONG Budget = 64;

    NdisDprAcquireSpinLock(&Nic->RxLock);
    while (Budget-- > 0 && Nic->RxNext != XG_READ(Nic, XG_REG_RX_TAIL)) {
        Nic->RxNext = (Nic->RxNext + 1) % XG_RX_RING_SIZE;
        Nic->FramesRcvOk++;
    }
    XG_WRITE(Nic, XG_REG_RX_TAIL, Nic->RxNext);
    NdisDprReleaseSpinLock(&Nic->RxLock);
}

VOID
XgDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PXG_NIC Nic = (PXG_NIC)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Cause = Nic->PendingCause;
    Nic->PendingCause = 0;
    if (Cause & XG_INT_TX)
        XgCompleteTx(Nic);
    if (Cause & XG_INT_RX)
        XgCompleteRx(Nic);
    if ((Cause & XG_INT_LINK) && InterlockedExchange(&Nic->LinkWorkQueued, 1) == 0) {
        XG_NIC_REFERENCE(Nic);
        NdisQueueIoWorkItem(Nic->LinkWorkItem, XgLinkWorkItem, Nic);
    }
    NdisMSynchronizeWithInterruptEx(Nic->InterruptHandle, 0, XgSyncEnableInterrupt, Nic);
}

/* ---------------------------------------------------------------- init / halt */

static NDIS_STATUS
XgSetRegistrationAttributes(PXG_NIC Nic)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Nic;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    Reg.CheckForHangTimeInSeconds = 2;
    Reg.InterfaceType = NdisInterfacePci;
    return NdisMSetMiniportAttributes(Nic->MiniportHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
}

static NDIS_STATUS
XgSetGeneralAttributes(PXG_NIC Nic)
{
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES Gen;

    NdisZeroMemory(&Gen, sizeof(Gen));
    Gen.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    Gen.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    Gen.Header.Size = sizeof(Gen);
    Gen.MediaType = NdisMedium802_3;
    Gen.PhysicalMediumType = NdisPhysicalMedium802_3;
    Gen.MtuSize = 1500;
    Gen.MaxXmitLinkSpeed = Gen.MaxRcvLinkSpeed = 10000000000ULL;
    Gen.MediaConnectState = MediaConnectStateUnknown;
    Gen.MediaDuplexState = MediaDuplexStateFull;
    Gen.LookaheadSize = 1514;
    Gen.MacOptions = NDIS_MAC_OPTION_NO_LOOPBACK;
    Gen.SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST |
                                 NDIS_PACKET_TYPE_MULTICAST | NDIS_PACKET_TYPE_PROMISCUOUS;
    Gen.MaxMulticastListSize = 32;
    Gen.MacAddressLength = 6;
    return NdisMSetMiniportAttributes(Nic->MiniportHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Gen);
}

NDIS_STATUS
XgInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PXG_NIC Nic = NULL;
    NDIS_STATUS Status = NDIS_STATUS_FAILURE;
    BOOLEAN NdisHoldsReference = FALSE;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    do {
        if (!(Nic = XgNicAlloc(MiniportAdapterHandle))) {
            Status = NDIS_STATUS_RESOURCES;
            break;
        }
        if ((Status = XgSetRegistrationAttributes(Nic)) != NDIS_STATUS_SUCCESS)
            break;
        /* NDIS now holds the block as our adapter context: that pointer holds a reference. */
        XG_NIC_REFERENCE(Nic);
        NdisHoldsReference = TRUE;

        if ((Status = XgSetGeneralAttributes(Nic)) != NDIS_STATUS_SUCCESS)
            break;
        if ((Status = XgNicMapRegisters(Nic, MiniportInitParameters->AllocatedResources)) != NDIS_STATUS_SUCCESS)
            break;
        if ((Status = XgHwReset(Nic)) != NDIS_STATUS_SUCCESS)
            break;

        NdisZeroMemory(&Intr, sizeof(Intr));
        Intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
        Intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
        Intr.Header.Size = sizeof(NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS);
        Intr.InterruptHandler = XgIsr;
        Intr.InterruptDpcHandler = XgDpc;
        Intr.EnableInterruptHandler = XgEnableInterrupt;
        Intr.DisableInterruptHandler = XgDisableInterrupt;
        Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Nic, &Intr, &Nic->InterruptHandle);
        if (Status != NDIS_STATUS_SUCCESS)
            break;
        bis(Nic->Flags, fXG_INTR_REGISTERED);

        if ((Status = XgHwStart(Nic)) != NDIS_STATUS_SUCCESS)
            break;
        NdisMSynchronizeWithInterruptEx(Nic->InterruptHandle, 0, XgSyncEnableInterrupt, Nic);
        Status = NDIS_STATUS_SUCCESS;
    } while (0);

    if ((Status != NDIS_STATUS_SUCCESS) && NdisHoldsReference) {
        /* NDIS calls no halt after a failed initialize: its reference goes now. */
        XG_NIC_DEREFERENCE(Nic);
    }
    /* init's own reference, from XgNicAlloc */
    if (Nic)
        XG_NIC_DEREFERENCE(Nic);
    return Status;
}

VOID
XgHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PXG_NIC Nic = (PXG_NIC)MiniportAdapterContext;

    /* a queued link work item still holds a reference: let it finish */
    while (Nic->RefCnt != 1)
        NdisMSleep(XG_HALT_POLL_US);

    if (HaltAction != NdisHaltDeviceSurpriseRemoved) {
        NdisMSynchronizeWithInterruptEx(Nic->InterruptHandle, 0, XgSyncDisableInterrupt, Nic);
        XgHwStop(Nic);
    }
    /* NDIS's reference, the last one: frees the block and deregisters the interrupt */
    XG_NIC_DEREFERENCE(Nic);
}

VOID
XgUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (XgDriverHandle)
        NdisMDeregisterMiniportDriver(XgDriverHandle);
}

/* ---------------------------------------------------------------- pause / reset */

NDIS_STATUS
XgPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PXG_NIC Nic = (PXG_NIC)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(PauseParameters);
    NdisAcquireSpinLock(&Nic->TxLock);
    bis(Nic->Flags, fXG_PAUSED);
    NdisReleaseSpinLock(&Nic->TxLock);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
XgRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PXG_NIC Nic = (PXG_NIC)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);
    NdisAcquireSpinLock(&Nic->TxLock);
    bic(Nic->Flags, fXG_PAUSED);
    NdisReleaseSpinLock(&Nic->TxLock);
    return NDIS_STATUS_SUCCESS;
}

BOOLEAN
XgCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PXG_NIC Nic = (PXG_NIC)MiniportAdapterContext;

    return bit(Nic->Flags, fXG_HW_FAILED) ? TRUE : FALSE;
}

NDIS_STATUS
XgReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PXG_NIC Nic = (PXG_NIC)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;
    NdisMSynchronizeWithInterruptEx(Nic->InterruptHandle, 0, XgSyncDisableInterrupt, Nic);
    bic(Nic->Flags, fXG_HW_FAILED);
    if ((Status = XgHwReset(Nic)) != NDIS_STATUS_SUCCESS)
        return Status;
    if ((Status = XgHwStart(Nic)) != NDIS_STATUS_SUCCESS)
        return Status;
    NdisMSynchronizeWithInterruptEx(Nic->InterruptHandle, 0, XgSyncEnableInterrupt, Nic);
    return NDIS_STATUS_SUCCESS;
}

VOID
XgDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PXG_NIC Nic = (PXG_NIC)MiniportAdapterContext;

    if (NetDevicePnPEvent->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved)
        bis(Nic->Flags, fXG_HW_FAILED);
}

VOID
XgShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PXG_NIC Nic = (PXG_NIC)MiniportAdapterContext;

    if (ShutdownAction != NdisShutdownBugCheck)
        XgHwStop(Nic);
    else
        XG_WRITE(Nic, XG_REG_CONTROL, 0);
}

/* ---------------------------------------------------------------- OIDs */

static NDIS_STATUS
XgSetInformation(PXG_NIC Nic, PNDIS_OID_REQUEST Request)
{
    ULONG Filter;

    switch (Request->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (Request->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG))
            return NDIS_STATUS_INVALID_LENGTH;
        Filter = *(PULONG)Request->DATA.SET_INFORMATION.InformationBuffer;
        XgHwSetFilter(Nic, Filter);
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    case OID_GEN_CURRENT_LOOKAHEAD:
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static NDIS_STATUS
XgQueryInformation(PXG_NIC Nic, PNDIS_OID_REQUEST Request)
{
    PVOID Buffer = Request->DATA.QUERY_INFORMATION.InformationBuffer;
    ULONG64 Value;

    if (Request->DATA.QUERY_INFORMATION.InformationBufferLength < sizeof(ULONG64)) {
        Request->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG64);
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    switch (Request->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_XMIT_OK:
        Value = Nic->FramesXmitOk;
        break;
    case OID_GEN_RCV_OK:
        Value = Nic->FramesRcvOk;
        break;
    case OID_GEN_XMIT_ERROR:
        Value = Nic->FramesXmitErr;
        break;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    *(PULONG64)Buffer = Value;
    Request->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
XgOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PXG_NIC Nic = (PXG_NIC)MiniportAdapterContext;

    switch (OidRequest->RequestType) {
    case NdisRequestSetInformation:
        return XgSetInformation(Nic, OidRequest);
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        return XgQueryInformation(Nic, OidRequest);
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

VOID
XgCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

/* ---------------------------------------------------------------- data path */

VOID
XgSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PXG_NIC Nic = (PXG_NIC)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    BOOLEAN Dispatch = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags);
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(PortNumber);

    if (Dispatch)
        NdisDprAcquireSpinLock(&Nic->TxLock);
    else
        NdisAcquireSpinLock(&Nic->TxLock);
    if (bit(Nic->Flags, fXG_PAUSED))
        Status = NDIS_STATUS_PAUSED;
    else if (bit(Nic->Flags, fXG_HW_FAILED))
        Status = NDIS_STATUS_HARD_ERRORS;
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        if (Status == NDIS_STATUS_SUCCESS && Nic->TxFree != 0) {
            Nic->TxFree--;
            Nic->TxTail = (Nic->TxTail + 1) % XG_TX_RING_SIZE;
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
        } else {
            Nic->FramesXmitErr++;
            NET_BUFFER_LIST_STATUS(Nbl) = Status != NDIS_STATUS_SUCCESS ? Status : NDIS_STATUS_RESOURCES;
        }
    }
    XG_WRITE(Nic, XG_REG_TX_TAIL, Nic->TxTail);
    if (Dispatch)
        NdisDprReleaseSpinLock(&Nic->TxLock);
    else
        NdisReleaseSpinLock(&Nic->TxLock);
    NdisMSendNetBufferListsComplete(Nic->MiniportHandle, NetBufferLists,
                                    Dispatch ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
XgReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
XgCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

/* ---------------------------------------------------------------- DriverEntry */

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS);
    Chars.MajorNdisVersion = XG_NDIS_MAJOR;
    Chars.MinorNdisVersion = XG_NDIS_MINOR;
    Chars.MajorDriverVersion = XG_DRIVER_MAJOR;
    Chars.MinorDriverVersion = XG_DRIVER_MINOR;
    Chars.InitializeHandlerEx = XgInitializeEx;
    Chars.HaltHandlerEx = XgHaltEx;
    Chars.UnloadHandler = XgUnload;
    Chars.PauseHandler = XgPause;
    Chars.RestartHandler = XgRestart;
    Chars.OidRequestHandler = XgOidRequest;
    Chars.CancelOidRequestHandler = XgCancelOidRequest;
    Chars.SendNetBufferListsHandler = XgSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = XgReturnNetBufferLists;
    Chars.CancelSendHandler = XgCancelSend;
    Chars.CheckForHangHandlerEx = XgCheckForHang;
    Chars.ResetHandlerEx = XgReset;
    Chars.DevicePnPEventNotifyHandler = XgDevicePnPEvent;
    Chars.ShutdownHandlerEx = XgShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &XgDriverHandle);
    return Status;
}
