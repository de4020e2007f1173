/*
 * Case 571_timer_cancel_helper_before_dereg_clean: twin of 570.  MpHaltEx stops the watchdog
 * through NicStopWatchdog before it deregisters the interrupt, so every tick synchronizes
 * with a registered interrupt.
 * Expected: clean.
 */

#include <ndis.h>

#define NIC_TAG                 'xGnC'
#define NIC_MAJOR_NDIS_VERSION  6
#define NIC_MINOR_NDIS_VERSION  20
#define NIC_CSR_SIZE            0x200

#define CSR_CTRL                0x000
#define CSR_ISR                 0x008
#define CSR_IMR                 0x00C
#define CSR_RCTL                0x100
#define CSR_TDT                 0x118
#define CSR_MDIC                0x020

#define MDIC_OP_WRITE           0x04000000
#define MDIC_OP_READ            0x08000000
#define MDIC_READY              0x10000000
#define MDIC_ERROR              0x40000000
#define NIC_MDIO_TRIES          64
#define NIC_MDIO_POLL_US        10
#define NIC_PHY_RESET_WAIT_US   30000

#define PHY_BMCR                0x00
#define PHY_BMSR                0x01
#define BMCR_RESET              0x8000
#define BMSR_LINK_UP            0x0004

#define CTRL_RST                0x04000000
#define ICR_TXDW                0x00000001
#define ICR_LSC                 0x00000004
#define ICR_RXT0                0x00000080
#define IMS_ENABLE_MASK         (ICR_TXDW | ICR_LSC | ICR_RXT0)

#define RCTL_UPE                0x00000008
#define RCTL_MPE                0x00000010
#define RCTL_BAM                0x00008000

#define NIC_SUPPORTED_FILTERS   (NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST | \
                                 NDIS_PACKET_TYPE_ALL_MULTICAST | NDIS_PACKET_TYPE_BROADCAST | \
                                 NDIS_PACKET_TYPE_PROMISCUOUS)

#define CSR_READ(_a, _r)        ((_a)->Csr[(_r) >> 2])
#define CSR_WRITE(_a, _r, _v)   ((_a)->Csr[(_r) >> 2] = (ULONG)(_v))

typedef struct _NIC_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    NDIS_HANDLE             InterruptHandle;
    BOOLEAN                 InterruptConnected;
    volatile ULONG         *Csr;
    ULONG                   IcrCause;
    ULONG                   PacketFilter;
    ULONG                   Rctl;
    ULONG                   ResetCount;
    BOOLEAN                 LinkUp;
    NDIS_HANDLE             WatchdogTimer;
    ULONG                   WatchdogTicks;
    NDIS_SPIN_LOCK          TxLock;
    ULONG64                 TxFrames;
    ULONG64                 RxFrames;
} NIC_ADAPTER, *PNIC_ADAPTER;

#define NIC_WATCHDOG_PERIOD_MS  2000

typedef struct _NIC_PHY_ACCESS {
    PNIC_ADAPTER            Adapter;
    ULONG                   Reg;
    USHORT                  Value;
    BOOLEAN                 Write;
    ULONG                   PollDelayUs;
    BOOLEAN                 Completed;
} NIC_PHY_ACCESS, *PNIC_PHY_ACCESS;

static NDIS_HANDLE NicDriverHandle = NULL;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath);
static VOID MpFillChars(PNDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars);
NDIS_STATUS MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
                           PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters);
VOID MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction);
VOID MpUnload(PDRIVER_OBJECT DriverObject);
NDIS_STATUS MpPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters);
NDIS_STATUS MpRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters);
NDIS_STATUS MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest);
VOID MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId);
VOID MpSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                          NDIS_PORT_NUMBER PortNumber, ULONG SendFlags);
VOID MpReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags);
VOID MpCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId);
BOOLEAN MpCheckForHang(NDIS_HANDLE MiniportAdapterContext);
NDIS_STATUS MpReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset);
VOID MpDevicePnPEventNotify(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent);
VOID MpShutdownEx(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction);
BOOLEAN MpIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors);
VOID MpDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
           PVOID NdisReserved2);
VOID MpEnableInterrupt(NDIS_HANDLE MiniportInterruptContext);
VOID MpDisableInterrupt(NDIS_HANDLE MiniportInterruptContext);
BOOLEAN MpSyncEnableInterrupts(PVOID SynchronizeContext);
BOOLEAN MpSyncDisableInterrupts(PVOID SynchronizeContext);
BOOLEAN MpSyncWriteRctl(PVOID SynchronizeContext);
BOOLEAN MpSyncPhyAccess(PVOID SynchronizeContext);
VOID MpWatchdogTimer(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3);

/* ---- synchronize functions (run at DIRQL) ---------------------------------------------------- */

BOOLEAN
MpSyncEnableInterrupts(PVOID SynchronizeContext)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)SynchronizeContext;

    CSR_WRITE(Adapter, CSR_IMR, IMS_ENABLE_MASK);
    return TRUE;
}

BOOLEAN
MpSyncDisableInterrupts(PVOID SynchronizeContext)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)SynchronizeContext;

    CSR_WRITE(Adapter, CSR_IMR, 0);
    Adapter->IcrCause = 0;
    return TRUE;
}

BOOLEAN
MpSyncWriteRctl(PVOID SynchronizeContext)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)SynchronizeContext;

    CSR_WRITE(Adapter, CSR_RCTL, Adapter->Rctl);
    return TRUE;
}

static BOOLEAN
NicMdioTransfer(PNIC_ADAPTER Adapter, ULONG Reg, BOOLEAN Write, PUSHORT Value, ULONG PollDelayUs)
{
    ULONG Mdic;
    ULONG Try;

    Mdic = (Reg << 16) | (Write ? (MDIC_OP_WRITE | *Value) : MDIC_OP_READ);
    CSR_WRITE(Adapter, CSR_MDIC, Mdic);
    for (Try = 0; Try < NIC_MDIO_TRIES; Try++) {
        NdisStallExecution(PollDelayUs);
        Mdic = CSR_READ(Adapter, CSR_MDIC);
        if (Mdic & MDIC_READY) {
            if (Mdic & MDIC_ERROR) {
                return FALSE;
            }
            if (!Write) {
                *Value = (USHORT)(Mdic & 0xFFFF);
            }
            return TRUE;
        }
    }
    return FALSE;
}

BOOLEAN
MpSyncPhyAccess(PVOID SynchronizeContext)
{
    PNIC_PHY_ACCESS Access = (PNIC_PHY_ACCESS)SynchronizeContext;

    Access->Completed = NicMdioTransfer(Access->Adapter, Access->Reg, Access->Write, &Access->Value,
                                        Access->PollDelayUs);
    return Access->Completed;
}

/* ---- interrupt handlers ---------------------------------------------------------------------- */

BOOLEAN
MpIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportInterruptContext;
    ULONG Icr;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Icr = CSR_READ(Adapter, CSR_ISR);
    if ((Icr & IMS_ENABLE_MASK) == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    CSR_WRITE(Adapter, CSR_IMR, 0);
    Adapter->IcrCause |= Icr;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
MpDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Cause = Adapter->IcrCause;
    Adapter->IcrCause = 0;
    if (Cause & ICR_RXT0) {
        Adapter->RxFrames++;
    }
    if (Cause & ICR_TXDW) {
        NdisDprAcquireSpinLock(&Adapter->TxLock);
        Adapter->TxFrames++;
        NdisDprReleaseSpinLock(&Adapter->TxLock);
    }
    CSR_WRITE(Adapter, CSR_IMR, IMS_ENABLE_MASK);
}

VOID
MpEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportInterruptContext;

    CSR_WRITE(Adapter, CSR_IMR, IMS_ENABLE_MASK);
}

VOID
MpDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportInterruptContext;

    CSR_WRITE(Adapter, CSR_IMR, 0);
}

/* ---- hardware helpers ------------------------------------------------------------------------ */

static NDIS_STATUS
NicResetChip(PNIC_ADAPTER Adapter)
{
    ULONG Wait;

    CSR_WRITE(Adapter, CSR_IMR, 0);
    CSR_WRITE(Adapter, CSR_CTRL, CSR_READ(Adapter, CSR_CTRL) | CTRL_RST);
    for (Wait = 0; Wait < 50; Wait++) {
        NdisStallExecution(20);
        if ((CSR_READ(Adapter, CSR_CTRL) & CTRL_RST) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_DEVICE_FAILED;
}

static NDIS_STATUS
NicConnectInterrupt(PNIC_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    NDIS_STATUS Status;

    NdisZeroMemory(&Intr, sizeof(Intr));
    Intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Intr.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Intr.InterruptHandler = MpIsr;
    Intr.InterruptDpcHandler = MpDpc;
    Intr.DisableInterruptHandler = MpDisableInterrupt;
    Intr.EnableInterruptHandler = MpEnableInterrupt;

    Status = NdisMRegisterInterruptEx(Adapter->MiniportHandle, Adapter, &Intr, &Adapter->InterruptHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        Adapter->InterruptConnected = TRUE;
    }
    return Status;
}

static NDIS_STATUS
NicMapCsr(PNIC_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_RESOURCE_CONFLICT;
    }
    for (i = 0; i < Resources->Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc = &Resources->PartialDescriptors[i];

        if (Desc->Type == CmResourceTypeMemory && Desc->u.Memory.Length >= NIC_CSR_SIZE) {
            return NdisMMapIoSpace((PVOID *)&Adapter->Csr, Adapter->MiniportHandle, Desc->u.Memory.Start,
                                   NIC_CSR_SIZE);
        }
    }
    return NDIS_STATUS_RESOURCE_CONFLICT;
}

static VOID
NicFreeAdapter(PNIC_ADAPTER Adapter)
{
    if (Adapter->Csr != NULL) {
        NdisMUnmapIoSpace(Adapter->MiniportHandle, (PVOID)Adapter->Csr, NIC_CSR_SIZE);
    }
    NdisFreeSpinLock(&Adapter->TxLock);
    NdisFreeMemory(Adapter, sizeof(NIC_ADAPTER), 0);
}

/* ---- OID handling ---------------------------------------------------------------------------- */

static NDIS_STATUS
MpSetPacketFilter(PNIC_ADAPTER Adapter, ULONG Filter)
{
    ULONG Rctl;

    if (Filter & ~NIC_SUPPORTED_FILTERS) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    Rctl = RCTL_BAM;
    if (Filter & NDIS_PACKET_TYPE_PROMISCUOUS) {
        Rctl |= RCTL_UPE | RCTL_MPE;
    } else if (Filter & NDIS_PACKET_TYPE_ALL_MULTICAST) {
        Rctl |= RCTL_MPE;
    }
    Adapter->PacketFilter = Filter;
    Adapter->Rctl = Rctl;
    if (!Adapter->InterruptConnected) {
        /* a failed reset left the chip without an interrupt: the filter is applied on the next
           successful reset, which rewrites RCTL from Adapter->Rctl */
        return NDIS_STATUS_SUCCESS;
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSyncWriteRctl, Adapter);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status = NDIS_STATUS_NOT_SUPPORTED;

    if (OidRequest->RequestType == NdisRequestSetInformation) {
        struct _SET *Set = &OidRequest->DATA.SET_INFORMATION;

        if (Set->Oid == OID_GEN_CURRENT_PACKET_FILTER) {
            if (Set->InformationBufferLength < sizeof(ULONG)) {
                Set->BytesNeeded = sizeof(ULONG);
                return NDIS_STATUS_INVALID_LENGTH;
            }
            Status = MpSetPacketFilter(Adapter, *(PULONG)Set->InformationBuffer);
            if (Status == NDIS_STATUS_SUCCESS) {
                Set->BytesRead = sizeof(ULONG);
            }
        }
    } else if (OidRequest->RequestType == NdisRequestQueryInformation) {
        struct _QUERY *Query = &OidRequest->DATA.QUERY_INFORMATION;

        if (Query->Oid == OID_GEN_CURRENT_PACKET_FILTER && Query->InformationBufferLength >= sizeof(ULONG)) {
            *(PULONG)Query->InformationBuffer = Adapter->PacketFilter;
            Query->BytesWritten = sizeof(ULONG);
            Status = NDIS_STATUS_SUCCESS;
        }
    }
    return Status;
}

VOID
MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

/* ---- data path ------------------------------------------------------------------------------- */

VOID
MpSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    BOOLEAN AtDispatch = (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) != 0;

    UNREFERENCED_PARAMETER(PortNumber);

    NdisAcquireSpinLock(&Adapter->TxLock);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
        Adapter->TxFrames++;
    }
    CSR_WRITE(Adapter, CSR_TDT, (ULONG)Adapter->TxFrames);
    NdisReleaseSpinLock(&Adapter->TxLock);
    NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, NetBufferLists,
                                    AtDispatch ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
MpReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
MpCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

/* ---- state changes --------------------------------------------------------------------------- */

NDIS_STATUS
MpPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PauseParameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

static BOOLEAN
NicReadPhy(PNIC_ADAPTER Adapter, ULONG Reg, PUSHORT Value)
{
    NIC_PHY_ACCESS Access;

    NdisZeroMemory(&Access, sizeof(Access));
    Access.Adapter = Adapter;
    Access.Reg = Reg;
    Access.Write = FALSE;
    Access.PollDelayUs = NIC_MDIO_POLL_US;
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSyncPhyAccess, &Access);
    *Value = Access.Value;
    return Access.Completed;
}

static BOOLEAN
NicResetPhy(PNIC_ADAPTER Adapter)
{
    NIC_PHY_ACCESS Access;

    NdisZeroMemory(&Access, sizeof(Access));
    Access.Adapter = Adapter;
    Access.Reg = PHY_BMCR;
    Access.Value = BMCR_RESET;
    Access.Write = TRUE;
    Access.PollDelayUs = NIC_MDIO_POLL_US;
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSyncPhyAccess, &Access);
    if (!Access.Completed) {
        return FALSE;
    }
    NdisMSleep(NIC_PHY_RESET_WAIT_US);              /* the PHY needs up to 30 ms to come out of reset */
    return NicReadPhy(Adapter, PHY_BMCR, &Access.Value) && (Access.Value & BMCR_RESET) == 0;
}

BOOLEAN
MpCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;
    USHORT Bmsr = 0;

    if (CSR_READ(Adapter, CSR_CTRL) == 0xFFFFFFFF) {
        return TRUE;
    }
    UNREFERENCED_PARAMETER(Bmsr);
    return FALSE;
}

VOID
MpWatchdogTimer(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)FunctionContext;
    USHORT Bmsr;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);

    Adapter->WatchdogTicks++;
    if (NicReadPhy(Adapter, PHY_BMSR, &Bmsr)) {
        BOOLEAN LinkUp = (Bmsr & BMSR_LINK_UP) ? TRUE : FALSE;

        if (LinkUp != Adapter->LinkUp) {
            Adapter->LinkUp = LinkUp;
            /* a real driver indicates NDIS_STATUS_LINK_STATE here */
        }
    }
}

NDIS_STATUS
MpReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = TRUE;
    Adapter->ResetCount++;
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSyncDisableInterrupts, Adapter);
    Status = NicResetChip(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisWriteErrorLogEntry(Adapter->MiniportHandle, NDIS_ERROR_CODE_HARDWARE_FAILURE, 1, Adapter->ResetCount);
        return NDIS_STATUS_HARD_ERRORS;
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSyncWriteRctl, Adapter);
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSyncEnableInterrupts, Adapter);
    if (!NicResetPhy(Adapter)) {
        NdisWriteErrorLogEntry(Adapter->MiniportHandle, NDIS_ERROR_CODE_HARDWARE_FAILURE, 1, PHY_BMCR);
    }
    Adapter->LinkUp = FALSE;
    return NDIS_STATUS_SUCCESS;
}

VOID
MpDevicePnPEventNotify(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
MpShutdownEx(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);

    /* at shutdown only the registers may be touched */
    CSR_WRITE(Adapter, CSR_IMR, 0);
    CSR_WRITE(Adapter, CSR_RCTL, 0);
}

/* ---- initialize / halt ----------------------------------------------------------------------- */

NDIS_STATUS
MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegAttrs;
    NDIS_TIMER_CHARACTERISTICS TimerChars;
    LARGE_INTEGER DueTime;
    PNIC_ADAPTER Adapter;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = (PNIC_ADAPTER)NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(NIC_ADAPTER),
                                                              NIC_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(NIC_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->TxLock);

    NdisZeroMemory(&RegAttrs, sizeof(RegAttrs));
    RegAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.MiniportAdapterContext = Adapter;
    RegAttrs.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    RegAttrs.CheckForHangTimeInSeconds = 4;
    RegAttrs.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegAttrs);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FailFree;
    }

    Status = NicMapCsr(Adapter, MiniportInitParameters);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FailFree;
    }
    Status = NicResetChip(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FailFree;
    }

    NdisZeroMemory(&TimerChars, sizeof(TimerChars));
    TimerChars.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    TimerChars.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    TimerChars.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
    TimerChars.AllocationTag = NIC_TAG;
    TimerChars.TimerFunction = MpWatchdogTimer;
    TimerChars.FunctionContext = Adapter;
    Status = NdisAllocateTimerObject(MiniportAdapterHandle, &TimerChars, &Adapter->WatchdogTimer);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FailFree;
    }

    Status = NicConnectInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FailTimer;
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSyncEnableInterrupts, Adapter);

    DueTime.QuadPart = -10000LL * NIC_WATCHDOG_PERIOD_MS;
    NdisSetTimerObject(Adapter->WatchdogTimer, DueTime, NIC_WATCHDOG_PERIOD_MS, NULL);
    return NDIS_STATUS_SUCCESS;

FailTimer:
    NdisFreeTimerObject(Adapter->WatchdogTimer);
FailFree:
    NicFreeAdapter(Adapter);
    return Status;
}

/* Stops the watchdog: calls no interrupt API itself, but the tick it
 * cancels may still run until the cancel takes effect. */
static VOID
NicStopWatchdog(PNIC_ADAPTER Adapter)
{
    if (Adapter->WatchdogTimer != NULL) {
        NdisCancelTimerObject(Adapter->WatchdogTimer);
        NdisFreeTimerObject(Adapter->WatchdogTimer);
        Adapter->WatchdogTimer = NULL;
    }
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    NicStopWatchdog(Adapter);
    if (Adapter->InterruptConnected) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSyncDisableInterrupts, Adapter);
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptConnected = FALSE;
    }
    NicFreeAdapter(Adapter);
}

/* ---- driver ---------------------------------------------------------------------------------- */

VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);

    if (NicDriverHandle != NULL) {
        NdisMDeregisterMiniportDriver(NicDriverHandle);
        NicDriverHandle = NULL;
    }
}

static VOID
MpFillChars(PNDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars)
{
    Chars->Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars->Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->MajorNdisVersion = NIC_MAJOR_NDIS_VERSION;
    Chars->MinorNdisVersion = NIC_MINOR_NDIS_VERSION;
    Chars->MajorDriverVersion = 2;
    Chars->MinorDriverVersion = 4;

    Chars->InitializeHandlerEx = MpInitializeEx;
    Chars->HaltHandlerEx = MpHaltEx;
    Chars->UnloadHandler = MpUnload;
    Chars->PauseHandler = MpPause;
    Chars->RestartHandler = MpRestart;
    Chars->OidRequestHandler = MpOidRequest;
    Chars->CancelOidRequestHandler = MpCancelOidRequest;
    Chars->SendNetBufferListsHandler = MpSendNetBufferLists;
    Chars->ReturnNetBufferListsHandler = MpReturnNetBufferLists;
    Chars->CancelSendHandler = MpCancelSend;
    Chars->CheckForHangHandlerEx = MpCheckForHang;
    Chars->ResetHandlerEx = MpReset;
    Chars->DevicePnPEventNotifyHandler = MpDevicePnPEventNotify;
    Chars->ShutdownHandlerEx = MpShutdownEx;
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    MpFillChars(&Chars);

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &NicDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NicDriverHandle = NULL;
        return (NTSTATUS)Status;
    }
    return STATUS_SUCCESS;
}
