/*
 * Case 560_stall_strap_field_shift_defect: the strap field is 3 bits wide: the settle time 1 << field reaches 128 us.
 *
 * Expected: 1 defect (NdisStallExecution_Delay, a possible defect: the strap value is the device's).
 * drvcheck used to lose the range of a left shift by a bounded count (1 << [0, 7]) and
 * reported nothing; absval.c OP_SHL now keeps [1, 128].
 */
#include "mp.h"

static VOID
MpSerdesKick(
    PMP_ADAPTER Adapter
    )
{
    MP_WRITE_CSR(Adapter, MP_CSR_CTRL, 0x10);
    NdisStallExecution(Adapter->SerdesSettleUs); // defect: NdisStallExecution_Delay
    MP_WRITE_CSR(Adapter, MP_CSR_CTRL, 0x11);
}

NDIS_STATUS
MpHwInitialize(
    PMP_ADAPTER Adapter,
    NDIS_HANDLE ConfigHandle
    )
{
    ULONG Strap;

    UNREFERENCED_PARAMETER(ConfigHandle);

    /* board strap: settle time is 2^field microseconds */
    Strap = MP_READ_CSR(Adapter, MP_CSR_STRAP);
    Adapter->SerdesSettleUs = 1UL << ((Strap >> STRAP_SETTLE_SHIFT) & STRAP_SETTLE_MASK);

    MpSerdesKick(Adapter);
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
