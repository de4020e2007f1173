/*
 * Case 609_doubling_backoff_four_tries_clean: the reset helper polls the chip four times with a
 * doubling NdisStallExecution back-off, `for (Poll = 0, Delay = 4; Poll < 4; Poll++, Delay *= 2)`:
 * 4, 8, 16 and 32 us, never more than 50.  Clean.  A loop of four iterations was joined at its
 * head (five states there, one more than a point keeps) and its widened delay reported.
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


static NDIS_STATUS
HwReset(PAD Ad)
{
    ULONG Poll, Delay;

    for (Poll = 0, Delay = 4; Poll < 4; Poll++, Delay *= 2) {
        NdisStallExecution(Delay);
        if (READ_REGISTER_ULONG((volatile ULONG *)Ad->Csr) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_HARD_ERRORS;
}

NDIS_STATUS
MpInit(NDIS_HANDLE h, NDIS_HANDLE c, PNDIS_MINIPORT_INIT_PARAMETERS p)
{
    PAD Ad;
    UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(p);
    Ad = NdisAllocateMemoryWithTagPriority(h, sizeof(AD), 'dA', NormalPoolPriority);
    if (Ad == NULL) return NDIS_STATUS_RESOURCES;
    NdisZeroMemory(Ad, sizeof(AD));
    Ad->HalfUs = 2;
    return HwReset(Ad);
}

VOID MpHalt(NDIS_HANDLE Ctx, NDIS_HALT_ACTION A) { UNREFERENCED_PARAMETER(A); UNREFERENCED_PARAMETER(Ctx); }
NDIS_STATUS MpPause(NDIS_HANDLE Ctx, PNDIS_MINIPORT_PAUSE_PARAMETERS P) { UNREFERENCED_PARAMETER(Ctx); UNREFERENCED_PARAMETER(P); return 0; }
NDIS_STATUS MpRestart(NDIS_HANDLE Ctx, PNDIS_MINIPORT_RESTART_PARAMETERS P) { UNREFERENCED_PARAMETER(Ctx); UNREFERENCED_PARAMETER(P); return 0; }
VOID MpTick(PVOID a, PVOID b, PVOID c, PVOID d) { UNREFERENCED_PARAMETER(a); UNREFERENCED_PARAMETER(b); UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(d); }


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
