/*
 * Case 182_nx_sync_routine_armed_flag_defect (Contoso NX-200, four .c files and one header, scanned as
 * `drvcheck scan compile_commands.json`; the database builds with -DDBG=1 -DNX_MSIX=1).
 * Idioms: MP_SET/CLEAR/TEST_FLAG, DBGPRINT with variadic arguments (also none), ASSERT with
 * DBG=1, NT_SUCCESS chains, do/while(0) wrappers, a `static FORCEINLINE` sync helper in nx.h
 * (included by every .c) that tests the in-use flag before NdisMSynchronizeWithInterruptEx,
 * a `static const` hardware ops table in hw.c called from adapter.c, characteristics set in
 * init.c, a synchronize routine that calls a flag-testing helper in hw.c, and the
 * deregistration four calls deep: MpHaltEx (adapter.c) -> NxHwShutdown (hw.c) -> NxIntrRelease
 * (intr.c) -> NxIntrDisconnect (intr.c) -> NdisMDeregisterInterruptEx.
 * This case: the mask state is a flag too.  The synchronize routines, run by
 * NdisMSynchronizeWithInterruptEx, set fMP_ADAPTER_INTERRUPT_ARMED after unmasking and clear it
 * when masking; the packet-filter OID (hw.c, through the ops table) synchronizes directly,
 * without the in-use helper, whenever the flag says the ISR may be running.  Check-for-hang
 * flags a dead chip (ISR reads all ones); the next reset then gives the interrupt back and
 * reconnects it, and that reconnect may fail.
 * Defect: NxSyncDisableInterrupt returns early when NxHwIsAccessible (hw.c) says the chip is in
 * error, before clearing ARMED; that is exactly the reset that reconnects, so after a failed
 * reconnect ARMED is still set and the filter OID synchronizes on the released interrupt.
 */

#include "nx.h"

MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_MESSAGE_INTERRUPT MpMessageIsr;
MINIPORT_MESSAGE_INTERRUPT_DPC MpMessageDpc;
MINIPORT_ENABLE_INTERRUPT MpEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT MpDisableInterrupt;

BOOLEAN
NxSyncDisableInterrupt(NDIS_HANDLE SynchronizeContext)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)SynchronizeContext;

    if (!NxHwIsAccessible(Adapter)) {
        return FALSE;
    }
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_ARMED);
    NX_WRITE_REG(Adapter, NX_REG_IMR, 0);
#if NX_MSIX
    NX_WRITE_REG(Adapter, NX_REG_MSIX_MASK, (1u << NX_MAX_MESSAGES) - 1);
#endif
    return TRUE;
}

BOOLEAN
NxSyncEnableInterrupt(NDIS_HANDLE SynchronizeContext)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)SynchronizeContext;

    if (!NxHwIsAccessible(Adapter) || MP_TEST_FLAG(Adapter, fMP_ADAPTER_RESET_IN_PROGRESS)) {
        return FALSE;
    }
#if NX_MSIX
    NX_WRITE_REG(Adapter, NX_REG_MSIX_MASK, 0);
#endif
    NX_WRITE_REG(Adapter, NX_REG_IMR, NX_INT_ENABLE_MASK);
    MP_SET_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_ARMED);
    return TRUE;
}

BOOLEAN
MpIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportInterruptContext;
    ULONG Cause = NX_READ_REG(Adapter, NX_REG_ISR);

    *TargetProcessors = 0;
    if ((Cause & NX_INT_ENABLE_MASK) == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    NX_WRITE_REG(Adapter, NX_REG_IMR, 0);
    Adapter->PendingCauses |= Cause;
    Adapter->InterruptCount++;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
MpDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    if (Adapter->PendingCauses & NX_INT_LSC) {
        DBGPRINT(MP_INFO, "link change\n");
    }
    Adapter->PendingCauses = 0;
    NX_UNMASK_INTERRUPTS(Adapter);
}

BOOLEAN
MpMessageIsr(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PBOOLEAN QueueDefaultInterruptDpc,
             PULONG TargetProcessors)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportInterruptContext;

    *TargetProcessors = 0;
    NX_WRITE_REG(Adapter, NX_REG_MSIX_MASK, 1u << MessageId);
    Adapter->InterruptCount++;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
MpMessageDpc(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PVOID MiniportDpcContext,
             PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    DBGPRINT(MP_LOUD, "message %u dpc\n", MessageId);
    NX_UNMASK_INTERRUPTS(Adapter);
}

VOID
MpEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportInterruptContext;

    NX_WRITE_REG(Adapter, NX_REG_IMR, NX_INT_ENABLE_MASK);
}

VOID
MpDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportInterruptContext;

    NX_WRITE_REG(Adapter, NX_REG_IMR, 0);
}

NDIS_STATUS
NxIntrConnect(PNX_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    NDIS_STATUS Status;

    NdisZeroMemory(&Intr, sizeof(Intr));
    Intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Intr.Header.Size = sizeof(NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS);
    Intr.InterruptHandler = MpIsr;
    Intr.InterruptDpcHandler = MpDpc;
    Intr.DisableInterruptHandler = MpDisableInterrupt;
    Intr.EnableInterruptHandler = MpEnableInterrupt;
#if NX_MSIX
    Intr.MsiSupported = TRUE;
    Intr.MsiSyncWithAllMessages = TRUE;
    Intr.MessageInterruptHandler = MpMessageIsr;
    Intr.MessageInterruptDpcHandler = MpMessageDpc;
#endif

    Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &Intr, &Adapter->InterruptHandle);
    if (!NT_SUCCESS(Status)) {
        DBGPRINT(MP_ERROR, "NdisMRegisterInterruptEx failed %08x\n", Status);
        Adapter->InterruptHandle = NULL;
        return Status;
    }
    Adapter->InterruptType = Intr.InterruptType;
    MP_SET_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE);
    DBGPRINT(MP_INFO, "interrupt type %d\n", Intr.InterruptType);
    return NDIS_STATUS_SUCCESS;
}

/* Fourth link: the only place the interrupt is given back. */
static VOID
NxIntrDisconnect(PNX_ADAPTER Adapter)
{
#if NX_MSIX
    if (Adapter->InterruptType == NDIS_CONNECT_MESSAGE_BASED) {
        DBGPRINT(MP_TRACE, "disconnecting %u messages\n", Adapter->MessageCount);
    }
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    Adapter->InterruptHandle = NULL;
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE);
#else
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    Adapter->InterruptHandle = NULL;
#endif
}

/* Third link. */
VOID
NxIntrRelease(PNX_ADAPTER Adapter)
{
    if (!MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
        return;
    }
    NxIntrDisconnect(Adapter);
    DBGPRINT(MP_TRACE, "<== NxIntrRelease\n");
}
