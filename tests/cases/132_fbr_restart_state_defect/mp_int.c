/*
 * Fabrikam FBR-10G: interrupt connection, ISR/DPC, and the synchronized-operation dispatcher.
 * (Case 132/133 driver: see mp_main.c for what the case is about.)
 */
#include "mp.h"

VOID
NicOpMaskInterrupts(PMP_ADAPTER Adapter, ULONG Argument)
{
    UNREFERENCED_PARAMETER(Argument);
    NIC_WRITE(Adapter, NIC_CSR_INT_MASK_CLR, NIC_INT_ALL);
    Adapter->PendingCause = 0;
}

VOID
NicOpUnmaskInterrupts(PMP_ADAPTER Adapter, ULONG Argument)
{
    NIC_WRITE(Adapter, NIC_CSR_INT_MASK_SET, Argument & NIC_INT_ALL);
}

/*
 * Every register write the ISR may race with goes through here: the operation and its argument
 * travel in a context block to NicSyncDispatch, which runs at DIRQL under the interrupt's lock.
 * Without an interrupt (polled configuration) there is nothing to race with.
 */
BOOLEAN
NicSyncDispatch(PVOID SynchronizeContext)
{
    PNIC_SYNC_CONTEXT Context = (PNIC_SYNC_CONTEXT)SynchronizeContext;

    Context->Operation(Context->Adapter, Context->Argument);
    return TRUE;
}

VOID
NicRunSynchronized(PMP_ADAPTER Adapter, NIC_SYNC_OPERATION Operation, ULONG Argument)
{
    NIC_SYNC_CONTEXT Context;

    if (Adapter->InterruptMode == NicInterruptNone) {
        Operation(Adapter, Argument);
        return;
    }
    Context.Adapter = Adapter;
    Context.Operation = Operation;
    Context.Argument = Argument;
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, NicSyncDispatch, &Context); // defect: NdisMDeregisterInterruptEx
}

NDIS_STATUS
NicConnectInterrupt(PMP_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    if (Adapter->InterruptMode == NicInterruptNone || Adapter->InterruptRegistered) {
        return NDIS_STATUS_SUCCESS;
    }

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Chars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Chars.InterruptHandler = MPIsr;
    Chars.InterruptDpcHandler = MPDpc;
    Chars.EnableInterruptHandler = MPEnableInterrupt;
    Chars.DisableInterruptHandler = MPDisableInterrupt;

    Status = NdisMRegisterInterruptEx(Adapter->MiniportAdapterHandle, Adapter, &Chars,
                                      &Adapter->InterruptHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        Adapter->InterruptRegistered = TRUE;
    } else {
        NdisWriteErrorLogEntry(Adapter->MiniportAdapterHandle, NDIS_ERROR_CODE_INTERRUPT_CONNECT, 1, Status);
    }
    return Status;
}

VOID
NicDisconnectInterrupt(PMP_ADAPTER Adapter)
{
    if (!Adapter->InterruptRegistered) {
        return;
    }
    Adapter->InterruptRegistered = FALSE;
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    Adapter->InterruptHandle = NULL;
}

BOOLEAN
MPIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Cause = NIC_READ(Adapter, NIC_CSR_INT_CAUSE) & NIC_INT_ALL;
    if (Cause == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    NIC_WRITE(Adapter, NIC_CSR_INT_MASK_CLR, NIC_INT_ALL);
    NIC_WRITE(Adapter, NIC_CSR_INT_CAUSE, Cause);
    Adapter->PendingCause |= Cause;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
MPDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Cause = Adapter->PendingCause;
    Adapter->PendingCause = 0;

    if (Cause & NIC_INT_RX) {
        MpRxIndicate(Adapter);
    }
    if (Cause & NIC_INT_TX) {
        MpTxComplete(Adapter, TRUE);
    }
    if (Cause & NIC_INT_ERR) {
        Adapter->HardwareFailed = TRUE;
        return;
    }
    if (Adapter->State == MpStateRunning || Adapter->State == MpStatePausing) {
        NicRunSynchronized(Adapter, NicOpUnmaskInterrupts, NIC_INT_ALL);
    }
}

VOID
MPEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    NIC_WRITE(Adapter, NIC_CSR_INT_MASK_SET, NIC_INT_ALL);
}

VOID
MPDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    NIC_WRITE(Adapter, NIC_CSR_INT_MASK_CLR, NIC_INT_ALL);
}
