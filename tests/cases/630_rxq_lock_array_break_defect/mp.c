/*
 * Case 630_rxq_lock_array_break_defect: a four-queue NIC keeps one spin lock per receive queue in an array
 * in the adapter (`&Adapter->RxQueue[QueueIndex].Lock`, allocated in a loop in initialize).
 * The DPC walks the queues, taking each queue's lock; on an empty queue it `break`s out of
 * the loop still holding that queue's lock, and returns to NDIS with it held.  Expected: 1
 * defect, at the DPC's closing brace (missed before: an array element at a known index
 * was not tracked as a lock of its own).
 */

#include <ndis.h>

#define MQ_TAG              'qMxR'
#define MQ_NUM_RX_QUEUES    4
#define MQ_RX_BUDGET        32
#define MQ_REG_IMS          0x0D0
#define MQ_REG_IMC          0x0D8
#define MQ_REG_RDT(_q)      (0x2818 + 0x40 * (_q))
#define MQ_IMS_ALL          0x0000009D

#define MQ_WRITE(_a, _r, _v)  ((_a)->Csr[(_r) >> 2] = (ULONG)(_v))

typedef struct _MQ_RX_QUEUE {
    NDIS_SPIN_LOCK          Lock;
    ULONG                   Head;
    ULONG                   Tail;
    ULONG                   Pending;
    ULONG                   Dropped;
} MQ_RX_QUEUE, *PMQ_RX_QUEUE;

typedef struct _MQ_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    NDIS_HANDLE             InterruptHandle;
    volatile ULONG         *Csr;
    MQ_RX_QUEUE             RxQueue[MQ_NUM_RX_QUEUES];
    ULONG                   InterruptCause;
} MQ_ADAPTER, *PMQ_ADAPTER;

static NDIS_HANDLE MqDriverHandle;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MqInitializeEx;
MINIPORT_HALT MqHaltEx;
MINIPORT_UNLOAD MqUnload;
MINIPORT_OID_REQUEST MqOidRequest;
MINIPORT_ISR MqIsr;
MINIPORT_INTERRUPT_DPC MqDpc;

BOOLEAN
MqIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PMQ_ADAPTER Adapter = (PMQ_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(TargetProcessors);
    MQ_WRITE(Adapter, MQ_REG_IMC, MQ_IMS_ALL);
    Adapter->InterruptCause = 1;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

/* hands back the descriptors of one queue; the queue's lock is held */
static ULONG
MqRxDrainLocked(PMQ_ADAPTER Adapter, ULONG QueueIndex)
{
    PMQ_RX_QUEUE Rx = &Adapter->RxQueue[QueueIndex];
    ULONG Done = 0;

    while (Rx->Head != Rx->Tail && Done < MQ_RX_BUDGET) {
        Rx->Head = (Rx->Head + 1) % 256;
        Done++;
    }
    MQ_WRITE(Adapter, MQ_REG_RDT(QueueIndex), Rx->Head);
    return Done;
}

VOID
MqDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PMQ_ADAPTER Adapter = (PMQ_ADAPTER)MiniportInterruptContext;
    ULONG QueueIndex;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    for (QueueIndex = 0; QueueIndex < MQ_NUM_RX_QUEUES; QueueIndex++) {
        NdisDprAcquireSpinLock(&Adapter->RxQueue[QueueIndex].Lock);
        if (Adapter->RxQueue[QueueIndex].Pending == 0) {
            break;                  /* bug: leaves the loop with the queue's lock held */
        }
        Adapter->RxQueue[QueueIndex].Pending -= MqRxDrainLocked(Adapter, QueueIndex);
        NdisDprReleaseSpinLock(&Adapter->RxQueue[QueueIndex].Lock);
    }
    Adapter->InterruptCause = 0;
    MQ_WRITE(Adapter, MQ_REG_IMS, MQ_IMS_ALL);
} // defect: NdisSpinLock

NDIS_STATUS
MqOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(OidRequest);
    return NDIS_STATUS_NOT_SUPPORTED;
}

NDIS_STATUS
MqInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    PMQ_ADAPTER Adapter;
    NDIS_STATUS Status;
    ULONG QueueIndex;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MQ_ADAPTER), MQ_TAG,
                                                NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MQ_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    for (QueueIndex = 0; QueueIndex < MQ_NUM_RX_QUEUES; QueueIndex++) {
        NdisAllocateSpinLock(&Adapter->RxQueue[QueueIndex].Lock);
    }

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.MiniportAdapterContext = Adapter;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }

    NdisZeroMemory(&Intr, sizeof(Intr));
    Intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Intr.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Intr.InterruptHandler = MqIsr;
    Intr.InterruptDpcHandler = MqDpc;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &Intr, &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
MqHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMQ_ADAPTER Adapter = (PMQ_ADAPTER)MiniportAdapterContext;
    ULONG QueueIndex;

    UNREFERENCED_PARAMETER(HaltAction);
    MQ_WRITE(Adapter, MQ_REG_IMC, MQ_IMS_ALL);
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    for (QueueIndex = 0; QueueIndex < MQ_NUM_RX_QUEUES; QueueIndex++) {
        NdisFreeSpinLock(&Adapter->RxQueue[QueueIndex].Lock);
    }
    NdisFreeMemory(Adapter, 0, 0);
}

VOID
MqUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(MqDriverHandle);
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
    Chars.InitializeHandlerEx = MqInitializeEx;
    Chars.HaltHandlerEx = MqHaltEx;
    Chars.UnloadHandler = MqUnload;
    Chars.OidRequestHandler = MqOidRequest;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &MqDriverHandle);
}
