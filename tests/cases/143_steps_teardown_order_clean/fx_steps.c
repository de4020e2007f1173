/*
 * Case 143_steps_teardown_order_clean: twin of 142 (a three-file miniport brought up by a table
 * of FX_STEP {Name, Setup, Teardown} entries run in order by FxBringUp, counted in
 * Adapter->StepsDone, and undone in reverse order by FxTearDown through FxSteps[i].Teardown from a
 * failing initialisation and from FxHalt).  Here the table connects the interrupt before starting
 * the hardware, so teardown stops the hardware (FxStopHardware masks the chip under
 * NdisMSynchronizeWithInterruptEx) while the interrupt is still registered and deregisters it
 * afterwards; a failing FxStartHardware (the last step) is undone with the interrupt step's
 * FxDisconnectInterrupt.  Expected: clean.
 */
#include "fx.h"

static const FX_STEP FxSteps[] = {
    { "registers", FxMapRegisters, FxUnmapRegisters },
    { "pools", FxAllocatePools, FxFreePools },
    { "interrupt", FxConnectInterrupt, FxDisconnectInterrupt },
    { "hardware", FxStartHardware, FxStopHardware },
};

#define FX_STEP_COUNT (sizeof(FxSteps) / sizeof(FxSteps[0]))

NDIS_STATUS
FxBringUp(PFX_ADAPTER Adapter)
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    ULONG i;

    Adapter->StepsDone = 0;
    for (i = 0; i < FX_STEP_COUNT; i++) {
        Status = FxSteps[i].Setup(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            NdisWriteErrorLogEntry(Adapter->AdapterHandle, NDIS_ERROR_CODE_HARDWARE_FAILURE, 2, i, Status);
            break;
        }
        Adapter->StepsDone = i + 1;
    }
    return Status;
}

VOID
FxTearDown(PFX_ADAPTER Adapter)
{
    while (Adapter->StepsDone > 0) {
        Adapter->StepsDone--;
        FxSteps[Adapter->StepsDone].Teardown(Adapter);
    }
}
