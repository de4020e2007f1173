/*
 * Case 37_timer_workitem_outlives_halt_defect: a watchdog timer (NDIS_TIMER_CHARACTERISTICS.
 * TimerFunction, via NdisAllocateTimerObject) samples the receive head under
 * NdisMSynchronizeWithInterruptEx and queues a reset work item (NdisQueueIoWorkItem) that
 * synchronizes too.  Only MpHaltEx deregisters the interrupt, after cancelling the timer; but a
 * tick that ran just before the cancel may have queued the work item, and NDIS does not drain a
 * miniport's work items before MiniportHaltEx: halt frees the item while it is queued (which
 * IoFreeWorkItem forbids) and the worker synchronizes with the deregistered interrupt.
 * (This case was "clean" until the harness ran work items left queued after halt.)
 * Expected: two NdisMDeregisterInterruptEx defects, at both synchronize calls of the worker.
 */

#include <ndis.h>

#define MP_POOL_TAG             'cnMP'
#define MP_NDIS_MAJOR_VERSION   6
#define MP_NDIS_MINOR_VERSION   20
#define MP_REG_WINDOW_SIZE      0x100

#define MP_REG_CONTROL          0x00
#define MP_REG_INT_STATUS       0x04
#define MP_REG_INT_MASK         0x08
#define MP_REG_RX_HEAD          0x10
#define MP_REG_TX_TAIL          0x14
#define MP_REG_RX_FILTER        0x18

#define MP_INT_RX               0x01
#define MP_INT_TX               0x02
#define MP_INT_LINK             0x04
#define MP_INT_ALL              (MP_INT_RX | MP_INT_TX | MP_INT_LINK)
#define MP_CONTROL_RESET        0x80000000

#define MP_READ_REG(_A, _R)      ((_A)->Registers[(_R) / sizeof(ULONG)])
#define MP_WRITE_REG(_A, _R, _V) ((_A)->Registers[(_R) / sizeof(ULONG)] = (ULONG)(_V))

typedef struct _MP_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    NDIS_HANDLE             InterruptHandle;
    BOOLEAN                 InterruptRegistered;
    volatile ULONG         *Registers;          // mapped CSR window
    ULONG                   PendingEvents;      // ISR -> DPC, under interrupt sync
    ULONG                   PacketFilter;
    NDIS_SPIN_LOCK          SendLock;
    NDIS_SPIN_LOCK          RecvLock;
    ULONG64                 FramesSent;
    ULONG64                 FramesReceived;
    NDIS_HANDLE             WatchdogTimer;
    NDIS_HANDLE             ResetWorkItem;
    ULONG                   LastRxHead;
    ULONG                   RxHeadStalls;
} MP_ADAPTER, *PMP_ADAPTER;

NDIS_HANDLE MpDriverHandle;

MINIPORT_SYNCHRONIZE_INTERRUPT MpDisableInterruptSync;
MINIPORT_SYNCHRONIZE_INTERRUPT MpEnableInterruptSync;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSetFilterSync;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_ENABLE_INTERRUPT MpEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT MpDisableInterrupt;
MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;
MINIPORT_CANCEL_SEND MpCancelSend;
MINIPORT_CHECK_FOR_HANG MpCheckForHang;
MINIPORT_RESET MpReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpDevicePnPEvent;
MINIPORT_SHUTDOWN MpShutdown;
MINIPORT_SET_OPTIONS MpSetOptions;
MINIPORT_UNLOAD MpUnload;
DRIVER_INITIALIZE DriverEntry;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSampleRxHeadSync;
NDIS_TIMER_FUNCTION MpWatchdogTimer;
NDIS_IO_WORKITEM_FUNCTION MpResetWorker;

BOOLEAN
MpDisableInterruptSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
    return TRUE;
}

BOOLEAN
MpEnableInterruptSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, MP_INT_ALL);
    return TRUE;
}

BOOLEAN
MpSetFilterSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    MP_WRITE_REG(Adapter, MP_REG_RX_FILTER, Adapter->PacketFilter);
    return TRUE;
}

static NDIS_STATUS
MpMapRegisters(PMP_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    for (i = 0; i < Resources->Count; i++) {
        Descriptor = &Resources->PartialDescriptors[i];
        if (Descriptor->Type == CmResourceTypeMemory && Descriptor->u.Memory.Length >= MP_REG_WINDOW_SIZE) {
            return NdisMMapIoSpace((PVOID *)&Adapter->Registers, Adapter->AdapterHandle,
                                   Descriptor->u.Memory.Start, MP_REG_WINDOW_SIZE);
        }
    }
    return NDIS_STATUS_ADAPTER_NOT_FOUND;
}

static NDIS_STATUS
MpHwReset(PMP_ADAPTER Adapter)
{
    ULONG Spins;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
    MP_WRITE_REG(Adapter, MP_REG_CONTROL, MP_CONTROL_RESET);
    for (Spins = 0; Spins < 100; Spins++) {
        NdisStallExecution(10);
        if ((MP_READ_REG(Adapter, MP_REG_CONTROL) & MP_CONTROL_RESET) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_HARD_ERRORS;
}

static VOID
MpFreeAdapter(PMP_ADAPTER Adapter)
{
    if (Adapter->Registers != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Registers, MP_REG_WINDOW_SIZE);
        Adapter->Registers = NULL;
    }
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeSpinLock(&Adapter->RecvLock);
    NdisFreeMemory(Adapter, sizeof(MP_ADAPTER), 0);
}

BOOLEAN
MpSampleRxHeadSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;
    ULONG Head = MP_READ_REG(Adapter, MP_REG_RX_HEAD);

    if (Head == Adapter->LastRxHead && Adapter->FramesReceived != 0) {
        Adapter->RxHeadStalls++;
    } else {
        Adapter->RxHeadStalls = 0;
    }
    Adapter->LastRxHead = Head;
    return TRUE;
}

//
// Periodic watchdog: a receiver whose head pointer stops moving is reset from a work item.
//
VOID
MpWatchdogTimer(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)FunctionContext;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);

    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSampleRxHeadSync, Adapter);
    if (Adapter->RxHeadStalls > 3) {
        Adapter->RxHeadStalls = 0;
        NdisQueueIoWorkItem(Adapter->ResetWorkItem, MpResetWorker, Adapter);
    }
}

VOID
MpResetWorker(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)WorkItemContext;

    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);

    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpDisableInterruptSync, Adapter); // defect: NdisMDeregisterInterruptEx
    if (MpHwReset(Adapter) == NDIS_STATUS_SUCCESS) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpEnableInterruptSync, Adapter); // defect: NdisMDeregisterInterruptEx
    }
}

BOOLEAN
MpIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG Events;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Events = MP_READ_REG(Adapter, MP_REG_INT_STATUS) & MP_INT_ALL;
    if (Events == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    MP_WRITE_REG(Adapter, MP_REG_INT_STATUS, Events);
    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
    Adapter->PendingEvents |= Events;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
MpDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG Events;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Events = Adapter->PendingEvents;
    Adapter->PendingEvents = 0;
    if (Events & MP_INT_RX) {
        NdisDprAcquireSpinLock(&Adapter->RecvLock);
        Adapter->FramesReceived++;
        NdisDprReleaseSpinLock(&Adapter->RecvLock);
    }
    if (Events & MP_INT_TX) {
        NdisDprAcquireSpinLock(&Adapter->SendLock);
        Adapter->FramesSent++;
        NdisDprReleaseSpinLock(&Adapter->SendLock);
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpEnableInterruptSync, Adapter);
}

VOID
MpEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, MP_INT_ALL);
}

VOID
MpDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
}

NDIS_STATUS
MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PMP_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS InterruptChars;
    NDIS_TIMER_CHARACTERISTICS TimerChars;
    LARGE_INTEGER DueTime;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER),
                                                MP_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->SendLock);
    NdisAllocateSpinLock(&Adapter->RecvLock);

    NdisZeroMemory(&RegistrationAttributes, sizeof(RegistrationAttributes));
    RegistrationAttributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegistrationAttributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegistrationAttributes.Header.Size = sizeof(RegistrationAttributes);
    RegistrationAttributes.MiniportAdapterContext = Adapter;
    RegistrationAttributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE |
                                            NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    RegistrationAttributes.CheckForHangTimeInSeconds = 2;
    RegistrationAttributes.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegistrationAttributes);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Status = MpMapRegisters(Adapter, MiniportInitParameters);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    NdisZeroMemory(&InterruptChars, sizeof(InterruptChars));
    InterruptChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    InterruptChars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    InterruptChars.Header.Size = sizeof(NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS);
    InterruptChars.InterruptHandler = MpIsr;
    InterruptChars.InterruptDpcHandler = MpDpc;
    InterruptChars.DisableInterruptHandler = MpDisableInterrupt;
    InterruptChars.EnableInterruptHandler = MpEnableInterrupt;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &InterruptChars,
                                      &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    Adapter->InterruptRegistered = TRUE;

    Status = MpHwReset(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Adapter->ResetWorkItem = NdisAllocateIoWorkItem(MiniportAdapterHandle);
    if (Adapter->ResetWorkItem == NULL) {
        Status = NDIS_STATUS_RESOURCES;
        goto Fail;
    }
    NdisZeroMemory(&TimerChars, sizeof(TimerChars));
    TimerChars.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    TimerChars.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    TimerChars.Header.Size = sizeof(TimerChars);
    TimerChars.AllocationTag = MP_POOL_TAG;
    TimerChars.TimerFunction = MpWatchdogTimer;
    TimerChars.FunctionContext = Adapter;
    Status = NdisAllocateTimerObject(MiniportAdapterHandle, &TimerChars, &Adapter->WatchdogTimer);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpEnableInterruptSync, Adapter);
    DueTime.QuadPart = -20000000LL;     // 2 s, relative
    NdisSetTimerObject(Adapter->WatchdogTimer, DueTime, 2000, NULL);
    return NDIS_STATUS_SUCCESS;

Fail:
    if (Adapter->InterruptRegistered) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptRegistered = FALSE;
    }
    if (Adapter->ResetWorkItem != NULL) {
        NdisFreeIoWorkItem(Adapter->ResetWorkItem);
    }
    MpFreeAdapter(Adapter);
    return Status;
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    NdisCancelTimerObject(Adapter->WatchdogTimer);
    if (Adapter->InterruptRegistered) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpDisableInterruptSync, Adapter);
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptRegistered = FALSE;
    }
    NdisFreeTimerObject(Adapter->WatchdogTimer);
    NdisFreeIoWorkItem(Adapter->ResetWorkItem);
    MpFreeAdapter(Adapter);
}

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

static NDIS_STATUS
MpSetInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST OidRequest)
{
    PVOID Buffer = OidRequest->DATA.SET_INFORMATION.InformationBuffer;
    UINT Length = OidRequest->DATA.SET_INFORMATION.InformationBufferLength;

    switch (OidRequest->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (Length < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->PacketFilter = *(PULONG)Buffer;
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSetFilterSync, Adapter);
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;

    case OID_GEN_CURRENT_LOOKAHEAD:
        OidRequest->DATA.SET_INFORMATION.BytesRead = Length;
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static NDIS_STATUS
MpQueryInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST OidRequest)
{
    PVOID Buffer = OidRequest->DATA.QUERY_INFORMATION.InformationBuffer;
    UINT Length = OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength;

    switch (OidRequest->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_XMIT_OK:
    case OID_GEN_RCV_OK:
        if (Length < sizeof(ULONG64)) {
            OidRequest->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG64);
            return NDIS_STATUS_BUFFER_TOO_SHORT;
        }
        *(ULONG64 *)Buffer = OidRequest->DATA.QUERY_INFORMATION.Oid == OID_GEN_XMIT_OK ?
                             Adapter->FramesSent : Adapter->FramesReceived;
        OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

NDIS_STATUS
MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    switch (OidRequest->RequestType) {
    case NdisRequestSetInformation:
        Status = MpSetInformation(Adapter, OidRequest);
        break;
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        Status = MpQueryInformation(Adapter, OidRequest);
        break;
    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }
    return Status;
}

VOID
MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
MpSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    ULONG CompleteFlags = 0;

    UNREFERENCED_PARAMETER(PortNumber);

    if (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) {
        CompleteFlags |= NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL;
    }
    NdisAcquireSpinLock(&Adapter->SendLock);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
        Adapter->FramesSent++;
    }
    MP_WRITE_REG(Adapter, MP_REG_TX_TAIL, (ULONG)Adapter->FramesSent);
    NdisReleaseSpinLock(&Adapter->SendLock);
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists, CompleteFlags);
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

BOOLEAN
MpCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);

    return FALSE;
}

NDIS_STATUS
MpReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);

    *AddressingReset = FALSE;
    return NDIS_STATUS_SUCCESS;
}

VOID
MpDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
MpShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
    MP_WRITE_REG(Adapter, MP_REG_CONTROL, MP_CONTROL_RESET);
}

NDIS_STATUS
MpSetOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    UNREFERENCED_PARAMETER(NdisDriverHandle);
    UNREFERENCED_PARAMETER(DriverContext);

    return NDIS_STATUS_SUCCESS;
}

VOID
MpUnload(PDRIVER_OBJECT DriverObject)
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
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS);
    Chars.MajorNdisVersion = MP_NDIS_MAJOR_VERSION;
    Chars.MinorNdisVersion = MP_NDIS_MINOR_VERSION;
    Chars.MajorDriverVersion = 1;
    Chars.MinorDriverVersion = 0;
    Chars.SetOptionsHandler = MpSetOptions;
    Chars.InitializeHandlerEx = MpInitializeEx;
    Chars.HaltHandlerEx = MpHaltEx;
    Chars.UnloadHandler = MpUnload;
    Chars.PauseHandler = MpPause;
    Chars.RestartHandler = MpRestart;
    Chars.OidRequestHandler = MpOidRequest;
    Chars.CancelOidRequestHandler = MpCancelOidRequest;
    Chars.SendNetBufferListsHandler = MpSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = MpReturnNetBufferLists;
    Chars.CancelSendHandler = MpCancelSend;
    Chars.CheckForHangHandlerEx = MpCheckForHang;
    Chars.ResetHandlerEx = MpReset;
    Chars.DevicePnPEventNotifyHandler = MpDevicePnPEvent;
    Chars.ShutdownHandlerEx = MpShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &MpDriverHandle);
    return Status == NDIS_STATUS_SUCCESS ? STATUS_SUCCESS : (NTSTATUS)Status;
}
