/*
 * Shared-header fixture: beta's miniport split into files that start in different ways.
 * Through precomp.h, whose first line is <ndis.h> under its include guard: shares the header.
 */

#include "precomp.h"

BOOLEAN
MpDisableInterruptSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
    return TRUE;
}

BOOLEAN
MpEnableInterruptSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, MP_INT_ALL);
    return TRUE;
}

BOOLEAN
MpSetFilterSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    MP_WRITE_REG(Adapter, MP_REG_RX_FILTER, Adapter->PacketFilter);
    return TRUE;
}
