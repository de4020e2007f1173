/*
 * Case 638_reset_stage_table_release_first_defect: twin of 637 whose stage table releases the
 * interrupt before it flushes the rings: the flush synchronizes on a deregistered interrupt.
 * Expected: 1 defect at the flush's synchronize, with a trace through stages 0, 1 and 2 in
 * order.
 */

#include <ndis.h>

#define NIC_TAG             'tSiN'
#define NIC_REG_IMR         0x0D0
#define NIC_REG_CTRL        0x000
#define NIC_CTRL_RST        0x04000000

typedef struct _NIC_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    NDIS_HANDLE             InterruptHandle;
    volatile ULONG         *Csr;
    BOOLEAN                 IrqConnected;
    BOOLEAN                 Dead;
    ULONG                   TxHead;
    ULONG                   TxTail;
} NIC_ADAPTER, *PNIC_ADAPTER;

typedef NDIS_STATUS (*NIC_STAGE_ROUTINE)(PNIC_ADAPTER Adapter);

static NDIS_HANDLE NicDriverHandle;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE NicInitializeEx;
MINIPORT_HALT NicHaltEx;
MINIPORT_UNLOAD NicUnload;
MINIPORT_RESET NicResetEx;
MINIPORT_ISR NicIsr;
MINIPORT_INTERRUPT_DPC NicDpc;
MINIPORT_SYNCHRONIZE_INTERRUPT NicSyncSnapRings;

BOOLEAN
NicIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(TargetProcessors);
    Adapter->Csr[NIC_REG_IMR >> 2] = 0;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
NicDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
       PVOID NdisReserved2)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);
    Adapter->Csr[NIC_REG_IMR >> 2] = 0xFF;
}

BOOLEAN
NicSyncSnapRings(PVOID SynchronizeContext)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)SynchronizeContext;

    Adapter->TxTail = Adapter->TxHead;
    return TRUE;
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
    Intr.InterruptHandler = NicIsr;
    Intr.InterruptDpcHandler = NicDpc;
    Status = NdisMRegisterInterruptEx(Adapter->MiniportHandle, Adapter, &Intr, &Adapter->InterruptHandle);
    Adapter->IrqConnected = (Status == NDIS_STATUS_SUCCESS);
    return Status;
}

static NDIS_STATUS
NicStageQuiesce(PNIC_ADAPTER Adapter)
{
    Adapter->Csr[NIC_REG_IMR >> 2] = 0;
    Adapter->Csr[NIC_REG_CTRL >> 2] = NIC_CTRL_RST;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
NicStageFlushRings(PNIC_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, NicSyncSnapRings, Adapter); // defect: NdisMDeregisterInterruptEx
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
NicStageReleaseIrq(PNIC_ADAPTER Adapter)
{
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    Adapter->IrqConnected = FALSE;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
NicStageReacquireIrq(PNIC_ADAPTER Adapter)
{
    return NicConnectInterrupt(Adapter);
}

/* the reset pipeline, in the order the hardware needs it */
static NIC_STAGE_ROUTINE NicResetStages[] = {
    NicStageQuiesce,
    NicStageReleaseIrq,
    NicStageFlushRings,
    NicStageReacquireIrq,
};

#define NIC_RESET_STAGES    (sizeof(NicResetStages) / sizeof(NicResetStages[0]))

NDIS_STATUS
NicResetEx(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    ULONG Stage;

    *AddressingReset = FALSE;
    if (Adapter->Dead) {
        return NDIS_STATUS_HARD_ERRORS;
    }
    for (Stage = 0; Stage < NIC_RESET_STAGES; Stage++) {
        Status = NicResetStages[Stage](Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            Adapter->Dead = TRUE;       /* half reset: not recoverable */
            break;
        }
    }
    return Status;
}

NDIS_STATUS
NicInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
                PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    PNIC_ADAPTER Adapter;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(NIC_ADAPTER), NIC_TAG,
                                                NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(NIC_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;

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

    Status = NicConnectInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
NicHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    if (Adapter->IrqConnected) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->IrqConnected = FALSE;
    }
    NdisFreeMemory(Adapter, 0, 0);
}

VOID
NicUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(NicDriverHandle);
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
    Chars.InitializeHandlerEx = NicInitializeEx;
    Chars.HaltHandlerEx = NicHaltEx;
    Chars.UnloadHandler = NicUnload;
    Chars.ResetHandlerEx = NicResetEx;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &NicDriverHandle);
}
