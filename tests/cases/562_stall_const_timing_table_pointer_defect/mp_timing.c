/*
 * Case 562_stall_const_timing_table_pointer_defect: rev B parts need 200 us for PLL lock, from the const timing table the adapter points to.
 *
 * Expected: 1 defect (NdisStallExecution_Delay, in MpPulse, reached from initialize with
 * Timing = &MpTimingRevB).  drvcheck used to read Adapter->Timing->PllLockUs as the record's
 * field (_MP_CHIP_TIMING.PllLockUs, unknown) instead of the const template's own initialiser,
 * which a direct read (MpTimingRevB.PllLockUs) gets, and reported nothing.
 */
#include "mp.h"

static const MP_CHIP_TIMING MpTimingRevA = { 10, 40, 20 };
static const MP_CHIP_TIMING MpTimingRevB = { 10, 200, 30 };

static VOID
MpPulse(
    PMP_ADAPTER Adapter,
    ULONG Bits,
    ULONG HoldUs
    )
{
    MP_WRITE_CSR(Adapter, MP_CSR_CTRL, Bits);
    NdisStallExecution(HoldUs); // defect: NdisStallExecution_Delay
    MP_WRITE_CSR(Adapter, MP_CSR_CTRL, 0);
}

NDIS_STATUS
MpHwInitialize(
    PMP_ADAPTER Adapter,
    NDIS_HANDLE ConfigHandle
    )
{
    UNREFERENCED_PARAMETER(ConfigHandle);

    Adapter->ChipRev = MP_READ_CSR(Adapter, MP_CSR_CTRL) >> 24;
    if (Adapter->ChipRev >= 0xB0) {
        Adapter->Timing = &MpTimingRevB;
    } else {
        Adapter->Timing = &MpTimingRevA;
    }

    MpPulse(Adapter, 0x80000000, Adapter->Timing->ResetPulseUs);
    MpPulse(Adapter, 0x00000100, Adapter->Timing->PllLockUs);
    MpPulse(Adapter, 0x00000200, Adapter->Timing->PhyWakeUs);
    MP_WRITE_CSR(Adapter, MP_CSR_CTRL, 1);
    return NDIS_STATUS_SUCCESS;
}

VOID
MpHwShutdown(
    PMP_ADAPTER Adapter
    )
{
    MP_WRITE_CSR(Adapter, MP_CSR_IMR, 0);
    MP_WRITE_CSR(Adapter, MP_CSR_CTRL, 0);
}
