/*
 * Case 608_tick_rearms_through_helper_under_flag_clean: the watchdog tick synchronizes, then
 * re-arms its one-shot timer through a helper (MpArm) only while a flag tested under the
 * adapter lock says the adapter runs; MpPause sets the flag under the same lock and then
 * cancels the timer, so no tick is pending when halt (always after pause) deregisters.  Clean.
 * With the arm call written inline drvcheck had it right; through the helper the flag was left
 * out of the slice, and a tick after halt's deregistration was reported.
 */
#include <ndis.h>

typedef struct _AD {
    NDIS_HANDLE MiniportHandle;
    NDIS_HANDLE InterruptHandle;
    BOOLEAN     Registered;
    NDIS_HANDLE Timer;
    NDIS_SPIN_LOCK Lock;
    ULONG       Flags;
    ULONG       HalfUs;
    PUCHAR      Csr;

} AD, *PAD;

MINIPORT_INITIALIZE MpInit;
MINIPORT_HALT MpHalt;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSync;
NDIS_TIMER_FUNCTION MpTick;
DRIVER_INITIALIZE DriverEntry;

BOOLEAN MpSync(NDIS_HANDLE Ctx) { UNREFERENCED_PARAMETER(Ctx); return TRUE; }
BOOLEAN MpIsr(NDIS_HANDLE Ctx, PBOOLEAN Q, PULONG T) { UNREFERENCED_PARAMETER(Ctx); UNREFERENCED_PARAMETER(T); *Q = TRUE; return TRUE; }
VOID MpDpc(NDIS_HANDLE Ctx, PVOID A, PVOID B, PVOID C) { UNREFERENCED_PARAMETER(Ctx); UNREFERENCED_PARAMETER(A); UNREFERENCED_PARAMETER(B); UNREFERENCED_PARAMETER(C); }


static VOID
MpArm(PAD Ad)
{
    LARGE_INTEGER Due;
    Due.QuadPart = -10000000LL;
    NdisSetTimerObject(Ad->Timer, Due, 0, Ad);
}

NDIS_STATUS
MpInit(NDIS_HANDLE h, NDIS_HANDLE c, PNDIS_MINIPORT_INIT_PARAMETERS p)
{
    PAD Ad;
    NDIS_TIMER_CHARACTERISTICS Tc;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Ic;
    UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(p);
    Ad = NdisAllocateMemoryWithTagPriority(h, sizeof(AD), 'dA', NormalPoolPriority);
    if (Ad == NULL) return NDIS_STATUS_RESOURCES;
    NdisZeroMemory(Ad, sizeof(AD));
    Ad->Flags = 1;  /* paused */
    NdisAllocateSpinLock(&Ad->Lock);
    NdisZeroMemory(&Tc, sizeof(Tc));
    Tc.TimerFunction = MpTick;
    Tc.FunctionContext = Ad;
    if (NdisAllocateTimerObject(h, &Tc, &Ad->Timer) != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Ad, sizeof(AD), 0);
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(&Ic, sizeof(Ic));
    Ic.InterruptHandler = MpIsr;
    Ic.InterruptDpcHandler = MpDpc;
    if (NdisMRegisterInterruptEx(h, Ad, &Ic, &Ad->InterruptHandle) != NDIS_STATUS_SUCCESS) {
        NdisFreeTimerObject(Ad->Timer);
        NdisFreeMemory(Ad, sizeof(AD), 0);
        return NDIS_STATUS_RESOURCES;
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
MpTick(PVOID s1, PVOID Ctx, PVOID s2, PVOID s3)
{
    PAD Ad = (PAD)Ctx;
    UNREFERENCED_PARAMETER(s1); UNREFERENCED_PARAMETER(s2); UNREFERENCED_PARAMETER(s3);
    NdisMSynchronizeWithInterruptEx(Ad->InterruptHandle, 0, MpSync, Ad);
    NdisAcquireSpinLock(&Ad->Lock);
    if ((Ad->Flags & 3) == 0) {
        MpArm(Ad);
    }
    NdisReleaseSpinLock(&Ad->Lock);
}

NDIS_STATUS
MpRestart(NDIS_HANDLE Ctx, PNDIS_MINIPORT_RESTART_PARAMETERS P)
{
    PAD Ad = (PAD)Ctx;
    UNREFERENCED_PARAMETER(P);
    Ad->Flags &= ~1;
    MpArm(Ad);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpPause(NDIS_HANDLE Ctx, PNDIS_MINIPORT_PAUSE_PARAMETERS P)
{
    PAD Ad = (PAD)Ctx;
    UNREFERENCED_PARAMETER(P);
    NdisAcquireSpinLock(&Ad->Lock);
    Ad->Flags |= 1;              /* the tick stops re-arming ... */
    NdisReleaseSpinLock(&Ad->Lock);
    NdisCancelTimerObject(Ad->Timer);   /* ... then cancel the pending one */
    return NDIS_STATUS_SUCCESS;
}

VOID
MpHalt(NDIS_HANDLE Ctx, NDIS_HALT_ACTION A)
{
    PAD Ad = (PAD)Ctx;
    UNREFERENCED_PARAMETER(A);
    /* paused before halt: no tick is pending */
    NdisMDeregisterInterruptEx(Ad->InterruptHandle);
    NdisFreeTimerObject(Ad->Timer);
    NdisFreeMemory(Ad, sizeof(AD), 0);
}


NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_HANDLE H;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.InitializeHandlerEx = MpInit;
    Chars.HaltHandlerEx = MpHalt;
    Chars.PauseHandler = MpPause;
    Chars.RestartHandler = MpRestart;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &H);
}
