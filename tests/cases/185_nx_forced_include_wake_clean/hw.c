/*
 * Case 185_nx_forced_include_wake_clean (Contoso NX-200, four .c files, headers in inc/, scanned as
 * `drvcheck scan compile_commands.json`; the database builds with -DDBG=1 -DNX_MSIX=1).
 * Idioms: MP_SET/CLEAR/TEST_FLAG, DBGPRINT with variadic arguments (also none), ASSERT with
 * DBG=1, NT_SUCCESS chains, do/while(0) wrappers, a `static FORCEINLINE` sync helper in nx.h
 * (included by every .c) that tests the in-use flag before NdisMSynchronizeWithInterruptEx,
 * a `static const` hardware ops table in hw.c called from adapter.c, characteristics set in
 * init.c, a synchronize routine that calls a flag-testing helper in hw.c, and the
 * deregistration four calls deep: MpHaltEx (adapter.c) -> NxHwShutdown (hw.c) -> NxIntrRelease
 * (intr.c) -> NxIntrDisconnect (intr.c) -> NdisMDeregisterInterruptEx.
 * This case: headers in inc/ (`/Iinc`), build switches in inc/nxbuild.h forced in by the
 * database (`/FInxbuild.h`, no .c includes it): NX_FEATURE_WOL 1 and NX_NO_LEGACY_PME.  Halt
 * reaches the deregistration through the ops table (`Adapter->HwOps->Shutdown` = NxHwShutdown,
 * hw.c -> NxIntrRelease -> NxIntrDisconnect, intr.c).  With wake-on-LAN, NxHwArmWake (hw.c)
 * programs the wake filter under the interrupt lock (the ISR reads the wake status) with a
 * direct NdisMSynchronizeWithInterruptEx.
 * Twin of 184: halt arms the wake filter before the ops-table shutdown.  Expected: clean.
 * After the shutdown, an `#ifndef NX_NO_LEGACY_PME` block (not compiled: nxbuild.h defines
 * it) would synchronize on the released interrupt: a scan that skipped the forced include
 * would report a false alarm there.
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

VOID NxHwShutdown(PNX_ADAPTER Adapter);

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

static VOID
NxHwSetFilter(PNX_ADAPTER Adapter, ULONG Filter)
{
    Adapter->PacketFilter = Filter;
    if (NxHwIsAccessible(Adapter)) {
        NX_WRITE_REG(Adapter, NX_REG_RCTL, Filter);
    }
}

static const NX_HW_OPS NxHw200Ops = {
    NxHwStart,
    NxHwStop,
    NxHwReset,
    NxHwSetFilter,
    NxHwShutdown,
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

#if NX_FEATURE_WOL
static BOOLEAN
NxSyncArmWake(NDIS_HANDLE SynchronizeContext)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)SynchronizeContext;

    /* The ISR acknowledges wake status through WUC: keep it out while WUC changes. */
    NX_WRITE_REG(Adapter, NX_REG_WUFC, NX_WUFC_MAG);
    NX_WRITE_REG(Adapter, NX_REG_WUC, NX_WUC_PME_EN);
    return TRUE;
}

VOID
NxHwArmWake(PNX_ADAPTER Adapter)
{
    if (!NxHwIsAccessible(Adapter)) {
        return;
    }
    (VOID)NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, NxSyncArmWake, Adapter);
}
#endif

#ifndef NX_NO_LEGACY_PME
VOID
NxHwArmLegacyPme(PNX_ADAPTER Adapter)
{
    (VOID)NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, NxSyncArmWake, Adapter);
}
#endif

/* Second link of halt's teardown: quiet the receiver, give the interrupt back. */
VOID
NxHwShutdown(PNX_ADAPTER Adapter)
{
    if (NxHwIsAccessible(Adapter)) {
        NX_WRITE_REG(Adapter, NX_REG_RCTL, 0);
    }
    NxIntrRelease(Adapter);
}

VOID
NxHwUnmap(PNX_ADAPTER Adapter)
{
    if (Adapter->Registers != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Registers, NX_REG_WINDOW_SIZE);
        Adapter->Registers = NULL;
    }
}
