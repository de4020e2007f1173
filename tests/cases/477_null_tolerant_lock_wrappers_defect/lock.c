/*
 * lock.c - lock objects whose wrappers do nothing for a NULL lock.  A caller takes and releases
 * the same lock pointer, so a NULL lock is skipped by both wrappers and a real one is taken and
 * released: the wrappers' NULL tests must be correlated through the caller's argument.
 */
#include <ndis.h>
#include "lock.h"

#define MP_LOCK_TAG     'kLpM'

PMP_LOCK
MpNewLock(NDIS_HANDLE MiniportAdapterHandle)
{
    PMP_LOCK lock;

    lock = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_LOCK), MP_LOCK_TAG,
                                             NormalPoolPriority);
    if (lock == NULL) {
        return NULL;
    }
    NdisZeroMemory(lock, sizeof(MP_LOCK));
    NdisAllocateSpinLock(&lock->SpinLock);
    return lock;
}

VOID
MpDeleteLock(PMP_LOCK Lock)
{
    if (Lock == NULL) {
        return;
    }
    NdisFreeSpinLock(&Lock->SpinLock);
    NdisFreeMemory(Lock, 0, 0);
}

VOID
MpLock(PMP_LOCK Lock)
{
    if (Lock == NULL) {
        return;
    }
    NdisAcquireSpinLock(&Lock->SpinLock);
    Lock->Owners++;
}

VOID
MpUnlock(PMP_LOCK Lock)
{
    if (Lock == NULL) {
        return;
    }
    Lock->Owners--;
    NdisReleaseSpinLock(&Lock->SpinLock);
}
