/*
 * Case 561_stall_strap_field_shift_clean: the strap field is 2 bits wide: the settle time 1 << field is at most 8 us.
 *
 * Twin of 560: 1 << [0, 3] is at most 8.  Expected: clean.
 */
#include "mp.h"

static VOID
MpSerdesKick(
    PMP_ADAPTER Adapter
    )
{
    MP_WRITE_CSR(Adapter, MP_CSR_CTRL, 0x10);
    NdisStallExecution(Adapter->SerdesSettleUs);
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
