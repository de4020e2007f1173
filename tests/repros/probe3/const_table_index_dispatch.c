/*
 * probe3 repro 4 (cases 142/143, false alarms in both rules): a call through a const table
 * indexed by a variable (Steps[i].Setup(A), Steps[n].Teardown(A)) goes to every function stored
 * in that member, whatever the index.  Halt undoes the two steps in reverse order (StepsDone is 2:
 * Steps[1].Teardown = StopHw, which synchronizes, then Steps[0].Teardown = Disconnect); the engine
 * may call Disconnect first and StopHw second, and may skip Disconnect altogether.  drvcheck
 * reports NdisMDeregisterInterruptEx at StopHw's synchronize, Init_RegisterInterrupt at MpInit's
 * failure return and at MpHalt's end, all as errors.  Expected: clean.
 */
#include <ndis.h>

typedef struct _AD {
    NDIS_HANDLE AdapterHandle;
    NDIS_HANDLE InterruptHandle;
    ULONG StepsDone;
} AD, *PAD;

typedef struct _STEP {
    NDIS_STATUS (*Setup)(PAD A);
    VOID (*Teardown)(PAD A);
} STEP;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInit;
MINIPORT_HALT MpHalt;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_SYNCHRONIZE_INTERRUPT SyncMask;

BOOLEAN SyncMask(PVOID C) { UNREFERENCED_PARAMETER(C); return TRUE; }
BOOLEAN MpIsr(NDIS_HANDLE C, PBOOLEAN Q, PULONG T) { UNREFERENCED_PARAMETER(C); UNREFERENCED_PARAMETER(T); *Q = FALSE; return FALSE; }
VOID MpDpc(NDIS_HANDLE C, PVOID D, PVOID R, PVOID N) { UNREFERENCED_PARAMETER(C); UNREFERENCED_PARAMETER(D); UNREFERENCED_PARAMETER(R); UNREFERENCED_PARAMETER(N); }

static NDIS_STATUS Connect(PAD A)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS I;
    NdisZeroMemory(&I, sizeof(I));
    I.InterruptHandler = MpIsr;
    I.InterruptDpcHandler = MpDpc;
    return NdisMRegisterInterruptEx(A->AdapterHandle, A, &I, &A->InterruptHandle);
}
static VOID Disconnect(PAD A) { NdisMDeregisterInterruptEx(A->InterruptHandle); }
static NDIS_STATUS StartHw(PAD A) { UNREFERENCED_PARAMETER(A); return NDIS_STATUS_SUCCESS; }
static VOID StopHw(PAD A) { NdisMSynchronizeWithInterruptEx(A->InterruptHandle, 0, SyncMask, A); }

static const STEP Steps[] = {
    { Connect, Disconnect },
    { StartHw, StopHw },
};

static NDIS_STATUS BringUp(PAD A)
{
    NDIS_STATUS S = NDIS_STATUS_SUCCESS;
    ULONG i;
    for (i = 0; i < 2; i++) {
        S = Steps[i].Setup(A);
        if (S != NDIS_STATUS_SUCCESS) break;
        A->StepsDone = i + 1;
    }
    return S;
}

static VOID TearDown(PAD A)
{
    while (A->StepsDone > 0) {
        A->StepsDone--;
        Steps[A->StepsDone].Teardown(A);
    }
}

NDIS_STATUS MpInit(NDIS_HANDLE H, NDIS_HANDLE D, PNDIS_MINIPORT_INIT_PARAMETERS P)
{
    PAD A;
    NDIS_STATUS S;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    UNREFERENCED_PARAMETER(D);
    UNREFERENCED_PARAMETER(P);
    A = NdisAllocateMemoryWithTagPriority(H, sizeof(AD), 'x', NormalPoolPriority);
    if (A == NULL) return NDIS_STATUS_RESOURCES;
    NdisZeroMemory(A, sizeof(AD));
    A->AdapterHandle = H;
    A->StepsDone = 0;
    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.MiniportAdapterContext = A;
    S = NdisMSetMiniportAttributes(H, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (S == NDIS_STATUS_SUCCESS) S = BringUp(A);
    if (S != NDIS_STATUS_SUCCESS) {
        TearDown(A);
        NdisFreeMemory(A, sizeof(AD), 0);
    }
    return S;
}

VOID MpHalt(NDIS_HANDLE Ctx, NDIS_HALT_ACTION Act)
{
    PAD A = (PAD)Ctx;
    UNREFERENCED_PARAMETER(Act);
    TearDown(A);
    NdisFreeMemory(A, sizeof(AD), 0);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT O, PUNICODE_STRING P)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS C;
    NDIS_HANDLE H;
    NdisZeroMemory(&C, sizeof(C));
    C.InitializeHandlerEx = MpInit;
    C.HaltHandlerEx = MpHalt;
    return NdisMRegisterMiniportDriver(O, P, NULL, &C, &H);
}
