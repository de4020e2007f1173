/* MpHw.h - the driver's lock wrappers: the caller says whether it runs at DISPATCH_LEVEL. */
#pragma once

FORCEINLINE
VOID
MP_ACQUIRE_SPIN_LOCK(PNDIS_SPIN_LOCK Lock, BOOLEAN AtDispatch)
{
    if (AtDispatch) {
        NdisDprAcquireSpinLock(Lock);
    } else {
        NdisAcquireSpinLock(Lock);
    }
}

FORCEINLINE
VOID
MP_RELEASE_SPIN_LOCK(PNDIS_SPIN_LOCK Lock, BOOLEAN AtDispatch)
{
    if (AtDispatch) {
        NdisDprReleaseSpinLock(Lock);
    } else {
        NdisReleaseSpinLock(Lock);
    }
}
