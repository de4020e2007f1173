/*
 * halt.c - case 192_halt_split_flag_reset_defect: the interrupt half of MiniportHaltEx.
 */

#include "mp.h"

VOID
MpTeardownInterrupt(PMP_ADAPTER Adapter)
{
    if (Adapter->InterruptRegistered) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptRegistered = FALSE;
    }
}

static VOID
MpHalQuiesce(PMP_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpDisableInterruptSync, Adapter);
    MP_WRITE_REG(Adapter, MP_REG_CONTROL, MP_CONTROL_RESET);
}

VOID
MpHalStop(PMP_ADAPTER Adapter)
{
    if (!Adapter->InterruptRegistered) {
        return;
    }
    MpHalQuiesce(Adapter);
    MpTeardownInterrupt(Adapter);
}
