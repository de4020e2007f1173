/*
 * Case 142_steps_teardown_order_defect: a three-file miniport whose initialisation is a table of
 * bring-up steps (FX_STEP: name, Setup, Teardown), run in order by FxBringUp, which counts the
 * completed ones in Adapter->StepsDone; a failing initialisation and FxHalt both call FxTearDown,
 * which undoes the completed steps in reverse order through FxSteps[i].Teardown.  The table lists
 * the hardware step BEFORE the interrupt step, so teardown first deregisters the interrupt
 * (FxDisconnectInterrupt) and only then stops the hardware: FxStopHardware masks the chip under
 * NdisMSynchronizeWithInterruptEx.  FxHalt -> FxTearDown -> FxSteps[i].Teardown -> FxStopHardware
 * synchronizes with the deregistered interrupt; the order of the table is the defect (a failing
 * initialisation fails at the interrupt step at the latest, so only halt reaches it).
 * Expected: one NdisMDeregisterInterruptEx defect, at the synchronize call in FxStopHardware
 * (fx_hw.c).  Case 143 is the twin whose table connects the interrupt before starting the
 * hardware, so teardown stops the hardware first.
 */
#include "fx.h"

static const FX_STEP FxSteps[] = {
    { "registers", FxMapRegisters, FxUnmapRegisters },
    { "pools", FxAllocatePools, FxFreePools },
    { "hardware", FxStartHardware, FxStopHardware },
    { "interrupt", FxConnectInterrupt, FxDisconnectInterrupt },
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
