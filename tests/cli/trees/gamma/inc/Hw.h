/* gamma's register helpers: inline functions this time, not macros. */
#ifndef GAMMA_HW_H
#define GAMMA_HW_H

MINIPORT_SYNCHRONIZE_INTERRUPT MpDisableInterruptSync;

FORCEINLINE
VOID
MpQuiesce(NDIS_HANDLE InterruptHandle, PVOID Context)
{
    NdisMSynchronizeWithInterruptEx(InterruptHandle, 0, MpDisableInterruptSync, Context);
}

#endif
