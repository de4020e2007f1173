/*
 * Case 607_mdio_postdec_clock_loop_reset_stall_defect: HwReset polls the chip with a 100 us
 * NdisStallExecution when the CSR reads non-zero (a NdisStallExecution_Delay defect); MpHalt
 * clocks 32 bits out with HwClockOut, whose loop `while (Bits-- != 0)` opens the function, so
 * the function's first block is the loop's head; its 2 us stalls are fine.  That loop once
 * grew its count without end (the entry block was never widened): the rule ran out of states
 * (verdict Spaceout) on this 80-line driver (tests/cmake/entry_loop.cmake).
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
HwClockOut(PAD Ad, ULONG Data, ULONG Bits)
{
    while (Bits-- != 0) {
        WRITE_REGISTER_ULONG((volatile ULONG *)Ad->Csr, (Data >> Bits) & 1);
        NdisStallExecution(Ad->HalfUs);
    }
}

static NDIS_STATUS
HwReset(PAD Ad)
{
    ULONG Poll, Delay;

    Delay = READ_REGISTER_ULONG((volatile ULONG *)Ad->Csr) ? 100 : 1;
    for (Poll = 0; Poll < 4; Poll++) {
        if (Delay > 1) { NdisStallExecution(Delay); } // defect: NdisStallExecution_Delay
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

VOID MpHalt(NDIS_HANDLE Ctx, NDIS_HALT_ACTION A) { UNREFERENCED_PARAMETER(A); HwClockOut((PAD)Ctx, 0xFFFFFFFF, 32); }
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
