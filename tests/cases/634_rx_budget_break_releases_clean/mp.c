/*
 * Case 634_rx_budget_break_releases_clean: twin of 633; the DPC releases the receive lock before
 * it leaves the pass loop on a used-up budget.  Expected: clean.
 */

#include <ndis.h>

#define LB_TAG 'bLpM'
#define LB_RING 256
#define LB_BUDGET 64

typedef struct _LB_DESC { ULONG Ready; ULONG Length; } LB_DESC;

typedef struct _LB_ADAPTER {
    NDIS_HANDLE MiniportHandle;
    NDIS_HANDLE InterruptHandle;
    NDIS_SPIN_LOCK RxLock;
    LB_DESC Ring[LB_RING];
    ULONG Head;
    ULONG Indicated;
} LB_ADAPTER, *PLB_ADAPTER;

static NDIS_HANDLE LbDriverHandle;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE LbInitializeEx;
MINIPORT_HALT LbHaltEx;
MINIPORT_UNLOAD LbUnload;
MINIPORT_ISR LbIsr;
MINIPORT_INTERRUPT_DPC LbDpc;

BOOLEAN
LbIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    UNREFERENCED_PARAMETER(MiniportInterruptContext);
    UNREFERENCED_PARAMETER(TargetProcessors);
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
LbDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PLB_ADAPTER Adapter = (PLB_ADAPTER)MiniportInterruptContext;
    ULONG Budget = LB_BUDGET;
    ULONG Indicated = 0;
    ULONG Q;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    for (Q = 0; Q < 4; Q++) {
        NdisDprAcquireSpinLock(&Adapter->RxLock);
        while (Indicated < Budget && Adapter->Ring[Adapter->Head].Ready) {
            Adapter->Ring[Adapter->Head].Ready = 0;
            Adapter->Head = (Adapter->Head + 1) % LB_RING;
            Indicated++;
        }
        if (Indicated >= Budget) {
            NdisDprReleaseSpinLock(&Adapter->RxLock);
            break;
        }
        NdisDprReleaseSpinLock(&Adapter->RxLock);
    }
    Adapter->Indicated += Indicated;
}

NDIS_STATUS
LbInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    PLB_ADAPTER Adapter;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(LB_ADAPTER), LB_TAG,
                                                NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(LB_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->RxLock);

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
    Intr.InterruptHandler = LbIsr;
    Intr.InterruptDpcHandler = LbDpc;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &Intr, &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
LbHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PLB_ADAPTER Adapter = (PLB_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    NdisFreeSpinLock(&Adapter->RxLock);
    NdisFreeMemory(Adapter, 0, 0);
}

VOID
LbUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(LbDriverHandle);
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
    Chars.InitializeHandlerEx = LbInitializeEx;
    Chars.HaltHandlerEx = LbHaltEx;
    Chars.UnloadHandler = LbUnload;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &LbDriverHandle);
}
