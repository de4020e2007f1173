/* probe2 repro (not a case): scan alone (drvcheck scan --rule Init_RegisterInterrupt DIR) -> false
 * Init_RegisterInterrupt warning at MpHalt: after MpReset (a frame for that rule) `A->Flags & 1` is
 * taken false.  Disappears when any of: the unreferenced MpIsr/MpDpc bodies, NdisAllocateSpinLock, the
 * reset's read-modify-write of Flags (Flags = 1 is fine, |= 8 is not), the syncs in reset or shutdown,
 * or the Csr write in MpSync is removed.  Expected: clean (halt deregisters whenever Connect succeeded). */
#include <ndis.h>

typedef struct _AD {
    NDIS_HANDLE     Handle;
    NDIS_HANDLE     Intr;
    ULONG           Flags;
    volatile ULONG *Csr;
    ULONG           Cause;
    NDIS_SPIN_LOCK  Lock;
} AD, *PAD;

NDIS_STATUS MpInit(NDIS_HANDLE H, NDIS_HANDLE D, PNDIS_MINIPORT_INIT_PARAMETERS P);
VOID MpHalt(NDIS_HANDLE C, NDIS_HALT_ACTION X);
NDIS_STATUS MpReset(NDIS_HANDLE C, PBOOLEAN R);
VOID MpShutdown(NDIS_HANDLE C, NDIS_SHUTDOWN_ACTION X);

static NDIS_HANDLE DriverHandle;
static NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars = {
    .InitializeHandlerEx = MpInit,
    .HaltHandlerEx = MpHalt,
    .ResetHandlerEx = MpReset,
    .ShutdownHandlerEx = MpShutdown,
};

static BOOLEAN MpSync(PVOID C) { PAD A = (PAD)C; A->Csr[3] = 0; return TRUE; }

BOOLEAN MpIsr(NDIS_HANDLE C, PBOOLEAN Q, PULONG T)    /* referenced by nothing */
{
    PAD A = (PAD)C;
    ULONG Icr = A->Csr[2];
    UNREFERENCED_PARAMETER(Q); UNREFERENCED_PARAMETER(T);
    if ((Icr & 0x85) == 0)
        return FALSE;
    A->Cause |= Icr;
    return TRUE;
}

VOID MpDpc(NDIS_HANDLE C, PVOID D, PVOID R, PVOID N)  /* referenced by nothing */
{
    PAD A = (PAD)C;
    UNREFERENCED_PARAMETER(D); UNREFERENCED_PARAMETER(R); UNREFERENCED_PARAMETER(N);
    if (A->Cause & 1)
        NdisDprReleaseSpinLock(&A->Lock);
}

static NDIS_STATUS Connect(PAD A)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS I;
    NDIS_STATUS S = NdisMRegisterInterruptEx(A->Handle, A, &I, &A->Intr);
    if (S != NDIS_STATUS_SUCCESS)
        return S;
    A->Flags |= 1;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS MpInit(NDIS_HANDLE H, NDIS_HANDLE D, PNDIS_MINIPORT_INIT_PARAMETERS P)
{
    PAD A;
    UNREFERENCED_PARAMETER(D); UNREFERENCED_PARAMETER(P);
    A = (PAD)NdisAllocateMemoryWithTagPriority(H, sizeof(AD), 'xxxx', NormalPoolPriority);
    if (A == NULL)
        return NDIS_STATUS_RESOURCES;
    NdisAllocateSpinLock(&A->Lock);
    if (Connect(A) != NDIS_STATUS_SUCCESS)
        return NDIS_STATUS_FAILURE;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS MpReset(NDIS_HANDLE C, PBOOLEAN R)
{
    PAD A = (PAD)C;
    NDIS_STATUS S;
    UNREFERENCED_PARAMETER(R);
    NdisMSynchronizeWithInterruptEx(A->Intr, 0, MpSync, A);
    S = (A->Csr[0] & 1) ? NDIS_STATUS_SUCCESS : NDIS_STATUS_HARD_ERRORS;
    A->Flags &= ~4;
    return S;
}

VOID MpShutdown(NDIS_HANDLE C, NDIS_SHUTDOWN_ACTION X)
{
    PAD A = (PAD)C;
    UNREFERENCED_PARAMETER(X);
    NdisMSynchronizeWithInterruptEx(A->Intr, 0, MpSync, A);
}

VOID MpHalt(NDIS_HANDLE C, NDIS_HALT_ACTION X)
{
    PAD A = (PAD)C;
    UNREFERENCED_PARAMETER(X);
    if (A->Flags & 1) {
        NdisMDeregisterInterruptEx(A->Intr);
        A->Flags &= ~1;
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT O, PUNICODE_STRING R)
{
    return NdisMRegisterMiniportDriver(O, R, NULL, &Chars, &DriverHandle);
}
