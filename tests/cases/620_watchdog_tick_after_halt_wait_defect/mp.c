/*
 * Case 620_watchdog_tick_after_halt_wait_defect: a periodic watchdog queues a statistics work item that synchronizes with the interrupt, unless the port halts or one is queued.  Halt first waits for a harvest in flight (an event the item sets), and only then sets Halting and cancels the watchdog.  The periodic timer fires whenever it is due: a tick right after the wait returns queues the item again; halt deregisters and returns, and the item synchronizes with the deregistered interrupt (NDIS does not drain a miniport's work items before halt).
 * Expected: 1 NdisMDeregisterInterruptEx defect, in the work item.
 */

#include <ndis.h>

#define PT_POOL_TAG             'tPtP'
#define PT_REG_INT_MASK         0x00C
#define PT_REG_INT_CAUSE        0x008
#define PT_REG_RX_FILTER        0x040
#define PT_INT_ALL              0x0000001F

#define PT_READ(_A, _R)         READ_REGISTER_ULONG((PULONG)((PUCHAR)(_A)->Csr + (_R)))
#define PT_WRITE(_A, _R, _V)    WRITE_REGISTER_ULONG((PULONG)((PUCHAR)(_A)->Csr + (_R)), (_V))

/* One adapter per port of a multi-port card; every port is on PtPorts. */
typedef struct _PT_ADAPTER {
    LIST_ENTRY      PortLink;
    NDIS_HANDLE     MiniportHandle;
    NDIS_HANDLE     InterruptHandle;
    PVOID           Csr;
    ULONG           PortIndex;
    ULONG           PacketFilter;
    ULONG           SharedFilter;
    ULONG           CauseLatch;
    BOOLEAN         Halting;
    NDIS_SPIN_LOCK  Lock;
    NDIS_HANDLE     WatchdogTimer;
    NDIS_HANDLE     StatsWorkItem;
    NDIS_EVENT      StatsIdle;
    ULONG           StatsQueued;
    ULONG64         RxErrors;
} PT_ADAPTER, *PPT_ADAPTER;

NDIS_HANDLE     PtDriverHandle;
NDIS_SPIN_LOCK  PtPortsLock;
LIST_ENTRY      PtPorts;

MINIPORT_SYNCHRONIZE_INTERRUPT PtMaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT PtFilterSync;
MINIPORT_SYNCHRONIZE_INTERRUPT PtStatsSync;
NDIS_TIMER_FUNCTION PtWatchdogTick;
NDIS_IO_WORKITEM_FUNCTION PtStatsWorkItem;
MINIPORT_ISR PtIsr;
MINIPORT_INTERRUPT_DPC PtDpc;
MINIPORT_INITIALIZE PtInitializeEx;
MINIPORT_HALT PtHaltEx;
MINIPORT_PAUSE PtPause;
MINIPORT_RESTART PtRestart;
MINIPORT_OID_REQUEST PtOidRequest;
MINIPORT_CANCEL_OID_REQUEST PtCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS PtSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS PtReturnNetBufferLists;
MINIPORT_CANCEL_SEND PtCancelSend;
MINIPORT_SHUTDOWN PtShutdown;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY PtPnpEvent;
MINIPORT_UNLOAD PtUnload;
DRIVER_INITIALIZE DriverEntry;

BOOLEAN
PtMaskSync(PVOID Context)
{
    PPT_ADAPTER Adapter = (PPT_ADAPTER)Context;

    PT_WRITE(Adapter, PT_REG_INT_MASK, 0);
    return TRUE;
}

BOOLEAN
PtFilterSync(PVOID Context)
{
    PPT_ADAPTER Adapter = (PPT_ADAPTER)Context;

    PT_WRITE(Adapter, PT_REG_RX_FILTER, Adapter->PacketFilter);
    return TRUE;
}

BOOLEAN
PtIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PPT_ADAPTER Adapter = (PPT_ADAPTER)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Cause = PT_READ(Adapter, PT_REG_INT_CAUSE) & PT_INT_ALL;
    *QueueDefaultInterruptDpc = (BOOLEAN)(Cause != 0);
    if (Cause == 0) {
        return FALSE;
    }
    PT_WRITE(Adapter, PT_REG_INT_MASK, 0);
    Adapter->CauseLatch |= Cause;
    return TRUE;
}

VOID
PtDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PPT_ADAPTER Adapter = (PPT_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    NdisDprAcquireSpinLock(&Adapter->Lock);
    Adapter->CauseLatch = 0;
    NdisDprReleaseSpinLock(&Adapter->Lock);
    PT_WRITE(Adapter, PT_REG_INT_MASK, PT_INT_ALL);
}

static VOID
PtPropagateFilter(PPT_ADAPTER Self, ULONG Filter)
{
    Self->SharedFilter = Filter;
}

BOOLEAN
PtStatsSync(PVOID Context)
{
    PPT_ADAPTER Adapter = (PPT_ADAPTER)Context;

    Adapter->RxErrors += PT_READ(Adapter, PT_REG_INT_CAUSE);
    return TRUE;
}

/* Harvests the error counters with the ISR held off, then says it is idle. */
VOID
PtStatsWorkItem(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle)
{
    PPT_ADAPTER Adapter = (PPT_ADAPTER)WorkItemContext;

    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);

    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, PtStatsSync, Adapter); // defect: NdisMDeregisterInterruptEx

    NdisAcquireSpinLock(&Adapter->Lock);
    Adapter->StatsQueued = 0;
    NdisReleaseSpinLock(&Adapter->Lock);
    NdisSetEvent(&Adapter->StatsIdle);
}

/* Every two seconds: queue a harvest unless one is queued or the port halts. */
VOID
PtWatchdogTick(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PPT_ADAPTER Adapter = (PPT_ADAPTER)FunctionContext;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);

    NdisDprAcquireSpinLock(&Adapter->Lock);
    if (!Adapter->Halting && Adapter->StatsQueued == 0) {
        Adapter->StatsQueued = 1;
        NdisResetEvent(&Adapter->StatsIdle);
        NdisQueueIoWorkItem(Adapter->StatsWorkItem, PtStatsWorkItem, Adapter);
    }
    NdisDprReleaseSpinLock(&Adapter->Lock);
}

NDIS_STATUS
PtOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST NdisRequest)
{
    PPT_ADAPTER Adapter = (PPT_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status = NDIS_STATUS_NOT_SUPPORTED;
    ULONG Filter;

    if (NdisRequest->RequestType == NdisRequestSetInformation &&
        NdisRequest->DATA.SET_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER) {
        if (NdisRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Filter = *(PULONG)NdisRequest->DATA.SET_INFORMATION.InformationBuffer;
        Adapter->PacketFilter = Filter;
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, PtFilterSync, Adapter);
        PtPropagateFilter(Adapter, Filter);
        NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        Status = NDIS_STATUS_SUCCESS;
    }
    return Status;
}

VOID
PtCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
PtSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PPT_ADAPTER Adapter = (PPT_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(PortNumber);
    NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, NetBufferLists,
                                    NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ?
                                    NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
PtReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
PtCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

NDIS_STATUS
PtPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PauseParameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
PtRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

VOID
PtShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PPT_ADAPTER Adapter = (PPT_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    PT_WRITE(Adapter, PT_REG_INT_MASK, 0);
}

VOID
PtPnpEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

NDIS_STATUS
PtInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PPT_ADAPTER Adapter;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegAttrs;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    NDIS_TIMER_CHARACTERISTICS Timer;
    LARGE_INTEGER DueTime;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(PT_ADAPTER),
                                                PT_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(PT_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->Lock);

    NdisZeroMemory(&RegAttrs, sizeof(RegAttrs));
    RegAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.MiniportAdapterContext = Adapter;
    RegAttrs.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE;
    RegAttrs.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegAttrs);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&Adapter->Lock);
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }

    NdisZeroMemory(&Intr, sizeof(Intr));
    Intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Intr.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Intr.InterruptHandler = PtIsr;
    Intr.InterruptDpcHandler = PtDpc;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &Intr,
                                      &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&Adapter->Lock);
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }

    NdisInitializeEvent(&Adapter->StatsIdle);
    NdisSetEvent(&Adapter->StatsIdle);
    Adapter->StatsWorkItem = NdisAllocateIoWorkItem(MiniportAdapterHandle);
    if (Adapter->StatsWorkItem == NULL) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        NdisFreeSpinLock(&Adapter->Lock);
        NdisFreeMemory(Adapter, 0, 0);
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(&Timer, sizeof(Timer));
    Timer.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    Timer.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    Timer.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
    Timer.AllocationTag = PT_POOL_TAG;
    Timer.TimerFunction = PtWatchdogTick;
    Timer.FunctionContext = Adapter;
    Status = NdisAllocateTimerObject(PtDriverHandle, &Timer, &Adapter->WatchdogTimer);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeIoWorkItem(Adapter->StatsWorkItem);
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        NdisFreeSpinLock(&Adapter->Lock);
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }
    DueTime.QuadPart = -20000000LL;
    NdisSetTimerObject(Adapter->WatchdogTimer, DueTime, 2000, NULL);

    NdisAcquireSpinLock(&PtPortsLock);
    InsertTailList(&PtPorts, &Adapter->PortLink);
    NdisReleaseSpinLock(&PtPortsLock);
    return NDIS_STATUS_SUCCESS;
}

VOID
PtHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PPT_ADAPTER Adapter = (PPT_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    /* let a harvest in flight finish, then stop the watchdog */
    NdisWaitEvent(&Adapter->StatsIdle, 0);

    NdisAcquireSpinLock(&Adapter->Lock);
    Adapter->Halting = TRUE;
    NdisReleaseSpinLock(&Adapter->Lock);
    NdisCancelTimerObject(Adapter->WatchdogTimer);

    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, PtMaskSync, Adapter);
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    NdisFreeTimerObject(Adapter->WatchdogTimer);
    NdisFreeIoWorkItem(Adapter->StatsWorkItem);

    NdisAcquireSpinLock(&PtPortsLock);
    RemoveEntryList(&Adapter->PortLink);
    NdisReleaseSpinLock(&PtPortsLock);

    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, 0, 0);
}

VOID
PtUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(PtDriverHandle);
    NdisFreeSpinLock(&PtPortsLock);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisAllocateSpinLock(&PtPortsLock);
    InitializeListHead(&PtPorts);

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.InitializeHandlerEx = PtInitializeEx;
    Chars.HaltHandlerEx = PtHaltEx;
    Chars.UnloadHandler = PtUnload;
    Chars.PauseHandler = PtPause;
    Chars.RestartHandler = PtRestart;
    Chars.OidRequestHandler = PtOidRequest;
    Chars.CancelOidRequestHandler = PtCancelOidRequest;
    Chars.SendNetBufferListsHandler = PtSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = PtReturnNetBufferLists;
    Chars.CancelSendHandler = PtCancelSend;
    Chars.ShutdownHandlerEx = PtShutdown;
    Chars.DevicePnPEventNotifyHandler = PtPnpEvent;

    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &PtDriverHandle);
}
