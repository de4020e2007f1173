/*
 * Fabrikam FX-100: the bring-up steps' setup and teardown functions, ISR/DPC.
 * (Case 142/143 driver: see fx_steps.c for what the case is about.)
 */
#include "fx.h"

BOOLEAN
FxSyncMask(PVOID SynchronizeContext)
{
    PFX_ADAPTER Adapter = (PFX_ADAPTER)SynchronizeContext;

    FX_WRITE(Adapter, FX_REG_IMR, 0);
    Adapter->Cause = 0;
    return TRUE;
}

BOOLEAN
FxSyncUnmask(PVOID SynchronizeContext)
{
    PFX_ADAPTER Adapter = (PFX_ADAPTER)SynchronizeContext;

    FX_WRITE(Adapter, FX_REG_IMR, FX_ISR_ALL);
    return TRUE;
}

BOOLEAN
FxSyncFilter(PVOID SynchronizeContext)
{
    PFX_ADAPTER Adapter = (PFX_ADAPTER)SynchronizeContext;

    FX_WRITE(Adapter, FX_REG_RXCTL, Adapter->Filter ? 1 : 0);
    return TRUE;
}

NDIS_STATUS
FxMapRegisters(PFX_ADAPTER Adapter)
{
    ULONG i;

    for (i = 0; Adapter->Resources != NULL && i < Adapter->Resources->Count; i++) {
        if (Adapter->Resources->PartialDescriptors[i].Type == CmResourceTypeMemory) {
            Adapter->RegsPa = Adapter->Resources->PartialDescriptors[i].u.Memory.Start;
            return NdisMMapIoSpace((PVOID *)&Adapter->Regs, Adapter->AdapterHandle, Adapter->RegsPa, FX_REG_BYTES);
        }
    }
    return NDIS_STATUS_RESOURCE_CONFLICT;
}

VOID
FxUnmapRegisters(PFX_ADAPTER Adapter)
{
    NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Regs, FX_REG_BYTES);
    Adapter->Regs = NULL;
}

NDIS_STATUS
FxAllocatePools(PFX_ADAPTER Adapter)
{
    NET_BUFFER_LIST_POOL_PARAMETERS Pool;

    NdisZeroMemory(&Pool, sizeof(Pool));
    Pool.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    Pool.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    Pool.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    Pool.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
    Pool.fAllocateNetBuffer = TRUE;
    Pool.PoolTag = FX_TAG;
    Adapter->NblPool = NdisAllocateNetBufferListPool(Adapter->AdapterHandle, &Pool);
    return (Adapter->NblPool != NULL) ? NDIS_STATUS_SUCCESS : NDIS_STATUS_RESOURCES;
}

VOID
FxFreePools(PFX_ADAPTER Adapter)
{
    NdisFreeNetBufferListPool(Adapter->NblPool);
    Adapter->NblPool = NULL;
}

/* Reset, enable the DMA engines and open the interrupt mask. */
NDIS_STATUS
FxStartHardware(PFX_ADAPTER Adapter)
{
    ULONG Wait;

    FX_WRITE(Adapter, FX_REG_CTRL, FX_CTRL_RESET);
    for (Wait = 0; Wait < 10; Wait++) {
        NdisMSleep(100);
        if ((FX_READ(Adapter, FX_REG_CTRL) & FX_CTRL_RESET) == 0) {
            break;
        }
    }
    if (Wait == 10) {
        return NDIS_STATUS_HARD_ERRORS;
    }
    FX_WRITE(Adapter, FX_REG_TXCTL, 1);
    FX_WRITE(Adapter, FX_REG_RXCTL, 1);
    FX_WRITE(Adapter, FX_REG_IMR, FX_ISR_ALL);
    return NDIS_STATUS_SUCCESS;
}

/* The ISR may be clearing IMR bits right now: mask under its lock, then stop the engines. */
VOID
FxStopHardware(PFX_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, FxSyncMask, Adapter); // defect: NdisMDeregisterInterruptEx
    FX_WRITE(Adapter, FX_REG_RXCTL, 0);
    FX_WRITE(Adapter, FX_REG_TXCTL, 0);
    FX_WRITE(Adapter, FX_REG_CTRL, FX_CTRL_RESET);
}

NDIS_STATUS
FxConnectInterrupt(PFX_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Ic;
    NDIS_STATUS Status;

    NdisZeroMemory(&Ic, sizeof(Ic));
    Ic.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Ic.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Ic.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Ic.InterruptHandler = FxIsr;
    Ic.InterruptDpcHandler = FxDpc;
    Ic.EnableInterruptHandler = FxEnableInterrupt;
    Ic.DisableInterruptHandler = FxDisableInterrupt;
    Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &Ic, &Adapter->InterruptHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        Adapter->InterruptConnected = TRUE;
    }
    return Status;
}

VOID
FxDisconnectInterrupt(PFX_ADAPTER Adapter)
{
    Adapter->InterruptConnected = FALSE;
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
}

BOOLEAN
FxIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PFX_ADAPTER Adapter = (PFX_ADAPTER)MiniportInterruptContext;
    ULONG Cause = FX_READ(Adapter, FX_REG_ISR) & FX_ISR_ALL;

    UNREFERENCED_PARAMETER(TargetProcessors);
    if (Cause == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    FX_WRITE(Adapter, FX_REG_IMR, 0);
    Adapter->Cause |= Cause;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
FxDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PFX_ADAPTER Adapter = (PFX_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    NdisDprAcquireSpinLock(&Adapter->Lock);
    Adapter->Frames += (Adapter->Cause & 1);
    Adapter->Cause = 0;
    NdisDprReleaseSpinLock(&Adapter->Lock);
    if (Adapter->InterruptConnected) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, FxSyncUnmask, Adapter);
    }
}

VOID
FxEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PFX_ADAPTER Adapter = (PFX_ADAPTER)MiniportInterruptContext;

    FX_WRITE(Adapter, FX_REG_IMR, FX_ISR_ALL);
}

VOID
FxDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PFX_ADAPTER Adapter = (PFX_ADAPTER)MiniportInterruptContext;

    FX_WRITE(Adapter, FX_REG_IMR, 0);
}
