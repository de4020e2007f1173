/*
 * Case 498_msi_vector_flags_disarm_loop_clean: a board with KB_VECTORS (8) MSI-X vectors keeps one
 * "armed" flag per vector (VectorArmed[8]), set in a loop by MiniportInitializeEx.  KbQuiesce walks
 * the vectors and synchronizes with the interrupt to mask each armed one.  Halt quiesces,
 * deregisters, disarms every vector in a loop, and quiesces again (a shared teardown path): the
 * second walk finds nothing armed.  The board's slot in the global handle table is claimed by a
 * loop in initialize.
 * Expected: no defect.  Each loop counts to the array's length, so every iteration keeps its own
 * state (unroll.c) and VectorArmed[v] is that vector's flag (eval.c elem_key); before, the flags
 * were "some element", never known, and the second walk's synchronize looked reachable.
 */
#include <ndis.h>

#define KB_TAG          'bBKk'
#define KB_MAX_BOARDS   4
#define KB_NO_SLOT      ((ULONG)-1)
#define KB_VECTORS      8

typedef struct _KB_ADAPTER {
    NDIS_HANDLE AdapterHandle;
    ULONG       Slot;
    ULONG       IntMask;
    BOOLEAN     VectorArmed[KB_VECTORS];
} KB_ADAPTER, *PKB_ADAPTER;

PKB_ADAPTER KbBoards[KB_MAX_BOARDS];
NDIS_HANDLE KbInterrupts[KB_MAX_BOARDS];
NDIS_HANDLE KbDriverHandle;

MINIPORT_SET_OPTIONS KbSetOptions;
MINIPORT_INITIALIZE KbInitializeEx;
MINIPORT_HALT KbHaltEx;
MINIPORT_ISR KbIsr;
MINIPORT_INTERRUPT_DPC KbDpc;
MINIPORT_ENABLE_INTERRUPT KbEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT KbDisableInterrupt;
MINIPORT_SYNCHRONIZE_INTERRUPT KbMaskSync;
DRIVER_INITIALIZE DriverEntry;

static ULONG KbClaimSlot(PKB_ADAPTER Adapter)
{
    ULONG i;
    for (i = 0; i < KB_MAX_BOARDS; i++) {
        if (KbBoards[i] == NULL) {
            KbBoards[i] = Adapter;
            return i;
        }
    }
    return KB_NO_SLOT;
}

BOOLEAN KbMaskSync(NDIS_HANDLE SynchronizeContext)
{
    PKB_ADAPTER Adapter = (PKB_ADAPTER)SynchronizeContext;
    Adapter->IntMask = 0;
    return TRUE;
}

static VOID KbQuiesce(PKB_ADAPTER Adapter)
{
    ULONG v;
    for (v = 0; v < KB_VECTORS; v++) {
        if (Adapter->VectorArmed[v]) {
            NdisMSynchronizeWithInterruptEx(KbInterrupts[Adapter->Slot], v, KbMaskSync, Adapter);
        }
    }
}

BOOLEAN KbIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID KbDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
}

VOID KbEnableInterrupt(NDIS_HANDLE MiniportInterruptContext) { }
VOID KbDisableInterrupt(NDIS_HANDLE MiniportInterruptContext) { }

NDIS_STATUS KbSetOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS KbInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
                           PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    PKB_ADAPTER Adapter;
    NDIS_STATUS Status;
    ULONG i;

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(KB_ADAPTER), KB_TAG, NormalPoolPriority);
    if (Adapter == NULL)
        return NDIS_STATUS_RESOURCES;
    NdisZeroMemory(Adapter, sizeof(KB_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->Slot = KbClaimSlot(Adapter);
    if (Adapter->Slot == KB_NO_SLOT) {
        NdisFreeMemory(Adapter, 0, 0);
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.MiniportAdapterContext = Adapter;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        KbBoards[Adapter->Slot] = NULL;
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }
    NdisZeroMemory(&Intr, sizeof(Intr));
    Intr.InterruptHandler = KbIsr;
    Intr.InterruptDpcHandler = KbDpc;
    Intr.EnableInterruptHandler = KbEnableInterrupt;
    Intr.DisableInterruptHandler = KbDisableInterrupt;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &Intr, &KbInterrupts[Adapter->Slot]);
    if (Status != NDIS_STATUS_SUCCESS) {
        KbInterrupts[Adapter->Slot] = NULL;
        KbBoards[Adapter->Slot] = NULL;
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }
    for (i = 0; i < KB_VECTORS; i++)
        Adapter->VectorArmed[i] = TRUE;
    return NDIS_STATUS_SUCCESS;
}

VOID KbHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PKB_ADAPTER Adapter = (PKB_ADAPTER)MiniportAdapterContext;
    ULONG v;

    KbQuiesce(Adapter);
    NdisMDeregisterInterruptEx(KbInterrupts[Adapter->Slot]);
    KbInterrupts[Adapter->Slot] = NULL;
    for (v = 0; v < KB_VECTORS; v++)
        Adapter->VectorArmed[v] = FALSE;
    KbQuiesce(Adapter);
    KbBoards[Adapter->Slot] = NULL;
    NdisFreeMemory(Adapter, 0, 0);
}

VOID KbUnload(PDRIVER_OBJECT DriverObject)
{
    NdisMDeregisterMiniportDriver(KbDriverHandle);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.SetOptionsHandler = KbSetOptions;
    Chars.InitializeHandlerEx = KbInitializeEx;
    Chars.HaltHandlerEx = KbHaltEx;
    Chars.UnloadHandler = KbUnload;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &KbDriverHandle);
}
