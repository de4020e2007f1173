/* lock.h - the driver's lock objects: allocated on demand, and every wrapper accepts NULL (a queue
 * that could not get its lock runs without one, as SoftEther's Neo and SeLow drivers do). */
#pragma once

typedef struct _MP_LOCK {
    NDIS_SPIN_LOCK SpinLock;
    ULONG          Owners;
} MP_LOCK, *PMP_LOCK;

PMP_LOCK MpNewLock(NDIS_HANDLE MiniportAdapterHandle);
VOID MpDeleteLock(PMP_LOCK Lock);
VOID MpLock(PMP_LOCK Lock);
VOID MpUnlock(PMP_LOCK Lock);
