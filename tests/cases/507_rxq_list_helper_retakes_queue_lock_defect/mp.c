/*
 * Case 507_rxq_list_helper_retakes_queue_lock_defect:
 * 391 with a DPC that walks Adapter->RxQueues, takes each queue's lock, records the new head, and
 * hands the queue to NvKickQueueLocked, whose name says it runs with the queue's lock held and
 * releases it; but the helper takes the lock again first.  The queue the cursor points to did not
 * change between the two acquisitions: the same lock, taken twice (a deadlock on the first queue).
 * Expected: 1 NdisSpinLock defect, at the helper's NdisDprAcquireSpinLock.
 */

#include <ndis.h>

#define NV_POOL_TAG             'vNvN'
#define NV_REG_WINDOW_SIZE      0x200
#define NV_REG_CONTROL          0x000
#define NV_REG_INT_CAUSE        0x008
#define NV_REG_INT_MASK         0x00C
#define NV_REG_RX_FILTER        0x040
#define NV_REG_SELFTEST         0x1F0
#define NV_CONTROL_RESET        0x04000000
#define NV_SELFTEST_PASS        0x5A5A0000
#define NV_INT_ALL              0x0000001F

#define NV_READ(_A, _R)         READ_REGISTER_ULONG((PULONG)((PUCHAR)(_A)->Csr + (_R)))
#define NV_WRITE(_A, _R, _V)    WRITE_REGISTER_ULONG((PULONG)((PUCHAR)(_A)->Csr + (_R)), (_V))

#define NV_RX_QUEUES            4
#define NV_REG_RXQ_HEAD(_q)     (0x800 + (_q) * 0x40)

typedef enum _NV_RXQ_STATE { NvRxqStopped, NvRxqRunning, NvRxqDraining } NV_RXQ_STATE;

/* A receive queue (VMQ style): allocated at init, kept on Adapter->RxQueues. */
typedef struct _NV_RX_QUEUE {
    LIST_ENTRY      Link;
    ULONG           Index;
    NV_RXQ_STATE    State;
    NDIS_SPIN_LOCK  Lock;
    ULONG           Head;
    ULONG64         Frames;
} NV_RX_QUEUE, *PNV_RX_QUEUE;

typedef struct _NV_ADAPTER {
    NDIS_HANDLE     MiniportHandle;
    NDIS_HANDLE     InterruptHandle;
    PVOID           Csr;
    ULONG           PacketFilter;
    ULONG           CauseLatch;
    NDIS_SPIN_LOCK  Lock;
    LIST_ENTRY      RxQueues;
} NV_ADAPTER, *PNV_ADAPTER;

NDIS_HANDLE NvDriverHandle;

MINIPORT_SYNCHRONIZE_INTERRUPT NvMaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT NvUnmaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT NvFilterSync;
MINIPORT_ISR NvIsr;
MINIPORT_INTERRUPT_DPC NvDpc;
MINIPORT_ENABLE_INTERRUPT NvEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT NvDisableInterrupt;
MINIPORT_INITIALIZE NvInitializeEx;
MINIPORT_HALT NvHaltEx;
MINIPORT_PAUSE NvPause;
MINIPORT_RESTART NvRestart;
MINIPORT_OID_REQUEST NvOidRequest;
MINIPORT_CANCEL_OID_REQUEST NvCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS NvSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS NvReturnNetBufferLists;
MINIPORT_CANCEL_SEND NvCancelSend;
MINIPORT_SHUTDOWN NvShutdown;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY NvPnpEvent;
MINIPORT_UNLOAD NvUnload;
DRIVER_INITIALIZE DriverEntry;

BOOLEAN
NvMaskSync(PVOID Context)
{
    PNV_ADAPTER Adapter = (PNV_ADAPTER)Context;

    NV_WRITE(Adapter, NV_REG_INT_MASK, 0);
    return TRUE;
}

BOOLEAN
NvUnmaskSync(PVOID Context)
{
    PNV_ADAPTER Adapter = (PNV_ADAPTER)Context;

    NV_WRITE(Adapter, NV_REG_INT_MASK, NV_INT_ALL);
    return TRUE;
}

BOOLEAN
NvFilterSync(PVOID Context)
{
    PNV_ADAPTER Adapter = (PNV_ADAPTER)Context;

    NV_WRITE(Adapter, NV_REG_RX_FILTER, Adapter->PacketFilter);
    return TRUE;
}

BOOLEAN
NvIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PNV_ADAPTER Adapter = (PNV_ADAPTER)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Cause = NV_READ(Adapter, NV_REG_INT_CAUSE) & NV_INT_ALL;
    *QueueDefaultInterruptDpc = (BOOLEAN)(Cause != 0);
    if (Cause == 0) {
        return FALSE;
    }
    NV_WRITE(Adapter, NV_REG_INT_MASK, 0);
    Adapter->CauseLatch |= Cause;
    return TRUE;
}

/* Called with Queue->Lock held; returns with it released. */
static VOID
NvKickQueueLocked(PNV_ADAPTER Adapter, PNV_RX_QUEUE Queue)
{
    NdisDprAcquireSpinLock(&Queue->Lock); // defect: NdisSpinLock
    NV_WRITE(Adapter, NV_REG_RXQ_HEAD(Queue->Index) + 4, Queue->Head);
    NdisDprReleaseSpinLock(&Queue->Lock);
}

VOID
NvDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PNV_ADAPTER Adapter = (PNV_ADAPTER)MiniportInterruptContext;
    PLIST_ENTRY Entry;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    NdisDprAcquireSpinLock(&Adapter->Lock);
    Adapter->CauseLatch = 0;
    NdisDprReleaseSpinLock(&Adapter->Lock);

    for (Entry = Adapter->RxQueues.Flink; Entry != &Adapter->RxQueues; Entry = Entry->Flink) {
        PNV_RX_QUEUE Queue = CONTAINING_RECORD(Entry, NV_RX_QUEUE, Link);
        NdisDprAcquireSpinLock(&Queue->Lock);
        Queue->Head = NV_READ(Adapter, NV_REG_RXQ_HEAD(Queue->Index));
        NvKickQueueLocked(Adapter, Queue);      /* releases the queue's lock */
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, NvUnmaskSync, Adapter);
}

VOID
NvEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    NV_WRITE((PNV_ADAPTER)MiniportInterruptContext, NV_REG_INT_MASK, NV_INT_ALL);
}

VOID
NvDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    NV_WRITE((PNV_ADAPTER)MiniportInterruptContext, NV_REG_INT_MASK, 0);
}

static NDIS_STATUS
NvMapCsr(PNV_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    for (i = 0; i < Resources->Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc = &Resources->PartialDescriptors[i];

        if (Desc->Type == CmResourceTypeMemory && Desc->u.Memory.Length >= NV_REG_WINDOW_SIZE) {
            return NdisMMapIoSpace(&Adapter->Csr, Adapter->MiniportHandle, Desc->u.Memory.Start,
                                   NV_REG_WINDOW_SIZE);
        }
    }
    return NDIS_STATUS_ADAPTER_NOT_FOUND;
}

/* The NDIS status comes back through StatusOut; the handle lands in the adapter only on success. */
static VOID
NvConnectInterrupt(PNV_ADAPTER Adapter, NDIS_STATUS *StatusOut)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    NDIS_HANDLE Handle = NULL;

    NdisZeroMemory(&Intr, sizeof(Intr));
    Intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Intr.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Intr.InterruptHandler = NvIsr;
    Intr.InterruptDpcHandler = NvDpc;
    Intr.EnableInterruptHandler = NvEnableInterrupt;
    Intr.DisableInterruptHandler = NvDisableInterrupt;

    *StatusOut = NdisMRegisterInterruptEx(Adapter->MiniportHandle, Adapter, &Intr, &Handle);
    if (*StatusOut == NDIS_STATUS_SUCCESS) {
        Adapter->InterruptHandle = Handle;
    }
}

static NTSTATUS
NvResetChip(PNV_ADAPTER Adapter)
{
    ULONG Poll;

    NV_WRITE(Adapter, NV_REG_CONTROL, NV_CONTROL_RESET);
    for (Poll = 0; Poll < 200; Poll++) {
        NdisStallExecution(5);
        if ((NV_READ(Adapter, NV_REG_CONTROL) & NV_CONTROL_RESET) == 0) {
            return STATUS_SUCCESS;
        }
    }
    return STATUS_DEVICE_NOT_READY;
}

static NDIS_STATUS
NvSelfTest(PNV_ADAPTER Adapter)
{
    return (NV_READ(Adapter, NV_REG_SELFTEST) & 0xFFFF0000) == NV_SELFTEST_PASS ?
           NDIS_STATUS_SUCCESS : NDIS_STATUS_HARD_ERRORS;
}

static NDIS_STATUS
NvAllocateRxQueues(PNV_ADAPTER Adapter)
{
    ULONG i;

    for (i = 0; i < NV_RX_QUEUES; i++) {
        PNV_RX_QUEUE Queue = NdisAllocateMemoryWithTagPriority(Adapter->MiniportHandle, sizeof(*Queue),
                                                              NV_POOL_TAG, NormalPoolPriority);
        if (Queue == NULL) {
            return NDIS_STATUS_RESOURCES;
        }
        NdisZeroMemory(Queue, sizeof(*Queue));
        Queue->Index = i;
        Queue->State = (i == 0) ? NvRxqRunning : NvRxqStopped;
        NdisAllocateSpinLock(&Queue->Lock);
        InsertTailList(&Adapter->RxQueues, &Queue->Link);
    }
    return NDIS_STATUS_SUCCESS;
}

static VOID
NvFreeRxQueues(PNV_ADAPTER Adapter)
{
    while (!IsListEmpty(&Adapter->RxQueues)) {
        PNV_RX_QUEUE Queue = CONTAINING_RECORD(RemoveHeadList(&Adapter->RxQueues), NV_RX_QUEUE, Link);

        NdisFreeSpinLock(&Queue->Lock);
        NdisFreeMemory(Queue, 0, 0);
    }
}

NDIS_STATUS
NvInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_STATUS Status = NDIS_STATUS_FAILURE;
    PNV_ADAPTER Adapter = NULL;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NTSTATUS NtStatus;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(*Adapter), NV_POOL_TAG,
                                                NormalPoolPriority);
    if (Adapter == NULL) {
        Status = NDIS_STATUS_RESOURCES;
        goto Exit;
    }
    NdisZeroMemory(Adapter, sizeof(*Adapter));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->Lock);
    InitializeListHead(&Adapter->RxQueues);
    if (NvAllocateRxQueues(Adapter) != NDIS_STATUS_SUCCESS) {
        Status = NDIS_STATUS_RESOURCES;
        goto Exit;
    }

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE;
    Reg.InterfaceType = NdisInterfacePci;
    if (NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg)
        != NDIS_STATUS_SUCCESS) {
        goto Exit;
    }

    if (NvMapCsr(Adapter, MiniportInitParameters) != NDIS_STATUS_SUCCESS) {
        Status = NDIS_STATUS_ADAPTER_NOT_FOUND;
        goto Exit;
    }

    NvConnectInterrupt(Adapter, &Status);
    if (NDIS_STATUS_SUCCESS != Status) {
        goto Exit;
    }
    Status = NDIS_STATUS_FAILURE;

    NtStatus = NvResetChip(Adapter);
    if (!NT_SUCCESS(NtStatus)) {
        Status = NDIS_STATUS_HARD_ERRORS;
        goto Exit;
    }
    if (NvSelfTest(Adapter) != NDIS_STATUS_SUCCESS) {
        Status = NDIS_STATUS_HARD_ERRORS;
        goto Exit;
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, NvUnmaskSync, Adapter);
    Status = NDIS_STATUS_SUCCESS;

Exit:
    if (NDIS_STATUS_SUCCESS != Status && Adapter != NULL) {
        if (Adapter->InterruptHandle != NULL) {
            NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
            Adapter->InterruptHandle = NULL;
        }
        if (Adapter->Csr != NULL) {
            NdisMUnmapIoSpace(MiniportAdapterHandle, Adapter->Csr, NV_REG_WINDOW_SIZE);
        }
        NvFreeRxQueues(Adapter);
        NdisFreeSpinLock(&Adapter->Lock);
        NdisFreeMemory(Adapter, 0, 0);
    }
    return Status;
}

VOID
NvHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PNV_ADAPTER Adapter = (PNV_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    if (Adapter->InterruptHandle != NULL) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, NvMaskSync, Adapter);
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptHandle = NULL;
    }
    NdisMUnmapIoSpace(Adapter->MiniportHandle, Adapter->Csr, NV_REG_WINDOW_SIZE);
    NvFreeRxQueues(Adapter);
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, 0, 0);
}

NDIS_STATUS
NvPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PauseParameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
NvRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
NvOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PNV_ADAPTER Adapter = (PNV_ADAPTER)MiniportAdapterContext;

    if (OidRequest->RequestType != NdisRequestSetInformation) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    if (OidRequest->DATA.SET_INFORMATION.Oid != OID_GEN_CURRENT_PACKET_FILTER) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    if (OidRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
        return NDIS_STATUS_INVALID_LENGTH;
    }
    Adapter->PacketFilter = *(PULONG)OidRequest->DATA.SET_INFORMATION.InformationBuffer;
    if (Adapter->InterruptHandle != NULL) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, NvFilterSync, Adapter);
    }
    OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
    return NDIS_STATUS_SUCCESS;
}

VOID
NvCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
NvSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PNV_ADAPTER Adapter = (PNV_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;

    UNREFERENCED_PARAMETER(PortNumber);

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
    }
    NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, NetBufferLists,
                                    (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) ?
                                    NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
NvReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
NvCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

VOID
NvShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(ShutdownAction);
    NV_WRITE((PNV_ADAPTER)MiniportAdapterContext, NV_REG_INT_MASK, 0);
}

VOID
NvPnpEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
NvUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(NvDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.MajorDriverVersion = 2;
    Chars.MinorDriverVersion = 1;
    Chars.InitializeHandlerEx = NvInitializeEx;
    Chars.HaltHandlerEx = NvHaltEx;
    Chars.UnloadHandler = NvUnload;
    Chars.PauseHandler = NvPause;
    Chars.RestartHandler = NvRestart;
    Chars.OidRequestHandler = NvOidRequest;
    Chars.CancelOidRequestHandler = NvCancelOidRequest;
    Chars.SendNetBufferListsHandler = NvSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = NvReturnNetBufferLists;
    Chars.CancelSendHandler = NvCancelSend;
    Chars.ShutdownHandlerEx = NvShutdown;
    Chars.DevicePnPEventNotifyHandler = NvPnpEvent;

    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &NvDriverHandle);
}
