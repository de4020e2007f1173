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

BOOLEAN
NxHwIsAccessible(PNX_ADAPTER Adapter)
{
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_NOT_READY_MASK)) {
        return FALSE;
    }
    return Adapter->Registers != NULL;
}

static NDIS_STATUS
NxHwStart(PNX_ADAPTER Adapter)
{
    NX_WRITE_REG(Adapter, NX_REG_RCTL, Adapter->PacketFilter);
    NX_UNMASK_INTERRUPTS(Adapter);
    return NDIS_STATUS_SUCCESS;
}

static VOID
NxHwStop(PNX_ADAPTER Adapter)
{
    NX_MASK_INTERRUPTS(Adapter);
    NX_WRITE_REG(Adapter, NX_REG_RCTL, 0);
}

static NDIS_STATUS
NxHwReset(PNX_ADAPTER Adapter)
{
    ULONG Spin;

    NX_MASK_INTERRUPTS(Adapter);
    NX_WRITE_REG(Adapter, NX_REG_CTRL, NX_CTRL_RESET);
    for (Spin = 0; Spin < 100; Spin++) {
        NdisStallExecution(10);
        if ((NX_READ_REG(Adapter, NX_REG_CTRL) & NX_CTRL_RESET) == 0) {
            NX_UNMASK_INTERRUPTS(Adapter);
            return NDIS_STATUS_SUCCESS;
        }
    }
    MP_SET_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR);
    DBGPRINT(MP_ERROR, "reset did not complete, CTRL %08x\n", NX_READ_REG(Adapter, NX_REG_CTRL));
    return NDIS_STATUS_HARD_ERRORS;
}

static BOOLEAN
NxSyncWriteFilter(NDIS_HANDLE SynchronizeContext)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)SynchronizeContext;

    /* The ISR reads RCTL to tell overruns from filtered frames. */
    NX_WRITE_REG(Adapter, NX_REG_RCTL, Adapter->PacketFilter);
    return TRUE;
}

static VOID
NxHwSetFilter(PNX_ADAPTER Adapter, ULONG Filter)
{
    Adapter->PacketFilter = Filter;
    if (!NxHwIsAccessible(Adapter)) {
        return;
    }
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_ARMED)) {
        (VOID)NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, NxSyncWriteFilter, Adapter);   // defect: NdisMDeregisterInterruptEx
    } else {
        NX_WRITE_REG(Adapter, NX_REG_RCTL, Filter);
    }
}

static const NX_HW_OPS NxHw200Ops = {
    NxHwStart,
    NxHwStop,
    NxHwReset,
    NxHwSetFilter,
};

NDIS_STATUS
NxHwAttach(PNX_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    NDIS_STATUS Status = NDIS_STATUS_RESOURCES;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    for (i = 0; i < Resources->Count; i++) {
        if (Resources->PartialDescriptors[i].Type == CmResourceTypeMemory &&
            Resources->PartialDescriptors[i].u.Memory.Length >= NX_REG_WINDOW_SIZE) {
            Status = NdisMMapIoSpace((PVOID *)&Adapter->Registers, Adapter->AdapterHandle,
                                     Resources->PartialDescriptors[i].u.Memory.Start,
                                     NX_REG_WINDOW_SIZE);
            break;
        }
    }
    DBGPRINT_S(Status, "NdisMMapIoSpace");
    if (NT_SUCCESS(Status)) {
        Adapter->HwOps = &NxHw200Ops;
    }
    return Status;
}

/*
 * After a hardware error: mask, give the interrupt back, function-level reset (the error is
 * gone with it), connect the interrupt again.
 */
NDIS_STATUS
NxHwReconnect(PNX_ADAPTER Adapter)
{
    NX_MASK_INTERRUPTS(Adapter);
    NxIntrRelease(Adapter);
    NX_WRITE_REG(Adapter, NX_REG_CTRL, NX_CTRL_RESET);
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR);
    return NxIntrConnect(Adapter);
}

/* Second link of halt's teardown: quiet the chip, give the interrupt back, unmap. */
VOID
NxHwShutdown(PNX_ADAPTER Adapter)
{
    if (NxHwIsAccessible(Adapter)) {
        NX_WRITE_REG(Adapter, NX_REG_RCTL, 0);
    }
    NxIntrRelease(Adapter);
    if (Adapter->Registers != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Registers, NX_REG_WINDOW_SIZE);
        Adapter->Registers = NULL;
    }
}
