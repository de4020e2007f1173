/*
 * probe3 repro 2 (case 140, missed defect; case 139 passes vacuously): a volatile MMIO register
 * is treated as ordinary memory.  ResetChip writes the reset bit to *(Csr + CMD) and polls the
 * same register until the hardware clears it; the engine reads back the 1 it saw written, so the
 * `return NDIS_STATUS_SUCCESS` inside the poll loop is infeasible, ResetChip always fails,
 * MpInit always fails and no callback after initialisation is analysed: the power OID releases
 * the interrupt without clearing Registered and MpHalt then synchronizes, a defect that is missed
 * (0 defects; the roots analysed from the initial state do not see it either).  Reading another
 * register than the one written fails the same way (every *(Csr + offset) seems one location).
 * Expected: one NdisMDeregisterInterruptEx defect in MpHalt.  With READ_REGISTER_ULONG /
 * WRITE_REGISTER_ULONG instead of the volatile dereference, it is found.
 */
#include <ndis.h>

#define CSR_CMD     0x00
#define CMD_RESET   0x01
#define RD(_A, _R)      (*(volatile ULONG *)((_A)->Csr + (_R)))
#define WR(_A, _R, _V)  (*(volatile ULONG *)((_A)->Csr + (_R)) = (_V))

typedef struct _AD {
    NDIS_HANDLE AdapterHandle;
    NDIS_HANDLE InterruptHandle;
    BOOLEAN Registered;
    PUCHAR Csr;
} AD, *PAD;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInit;
MINIPORT_HALT MpHalt;
MINIPORT_OID_REQUEST MpOid;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_SYNCHRONIZE_INTERRUPT SyncMask;

BOOLEAN SyncMask(PVOID C) { UNREFERENCED_PARAMETER(C); return TRUE; }
BOOLEAN MpIsr(NDIS_HANDLE C, PBOOLEAN Q, PULONG T) { UNREFERENCED_PARAMETER(C); UNREFERENCED_PARAMETER(T); *Q = FALSE; return FALSE; }
VOID MpDpc(NDIS_HANDLE C, PVOID D, PVOID R, PVOID N) { UNREFERENCED_PARAMETER(C); UNREFERENCED_PARAMETER(D); UNREFERENCED_PARAMETER(R); UNREFERENCED_PARAMETER(N); }

static NDIS_STATUS ResetChip(PAD A)
{
    ULONG Spin;
    WR(A, CSR_CMD, CMD_RESET);
    for (Spin = 0; Spin < 100; Spin++) {
        NdisStallExecution(5);
        if ((RD(A, CSR_CMD) & CMD_RESET) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_HARD_ERRORS;
}

NDIS_STATUS MpInit(NDIS_HANDLE H, NDIS_HANDLE D, PNDIS_MINIPORT_INIT_PARAMETERS P)
{
    PAD A;
    NDIS_STATUS S;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS I;
    UNREFERENCED_PARAMETER(D);
    A = NdisAllocateMemoryWithTagPriority(H, sizeof(AD), 'x', NormalPoolPriority);
    if (A == NULL) return NDIS_STATUS_RESOURCES;
    NdisZeroMemory(A, sizeof(AD));
    A->AdapterHandle = H;
    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.MiniportAdapterContext = A;
    S = NdisMSetMiniportAttributes(H, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (S != NDIS_STATUS_SUCCESS) goto Free;
    S = NdisMMapIoSpace((PVOID *)&A->Csr, H, P->AllocatedResources->PartialDescriptors[0].u.Memory.Start, 0x100);
    if (S != NDIS_STATUS_SUCCESS) goto Free;
    S = ResetChip(A);
    if (S != NDIS_STATUS_SUCCESS) goto Free;
    NdisZeroMemory(&I, sizeof(I));
    I.InterruptHandler = MpIsr;
    I.InterruptDpcHandler = MpDpc;
    S = NdisMRegisterInterruptEx(H, A, &I, &A->InterruptHandle);
    if (S != NDIS_STATUS_SUCCESS) goto Free;
    A->Registered = TRUE;
    return NDIS_STATUS_SUCCESS;
Free:
    NdisFreeMemory(A, sizeof(AD), 0);
    return S;
}

/* D3: gives the interrupt back but forgets to clear Registered */
NDIS_STATUS MpOid(NDIS_HANDLE Ctx, PNDIS_OID_REQUEST R)
{
    PAD A = (PAD)Ctx;
    if (R->DATA.SET_INFORMATION.Oid == OID_PNP_SET_POWER && A->Registered) {
        NdisMDeregisterInterruptEx(A->InterruptHandle);
    }
    return NDIS_STATUS_SUCCESS;
}

VOID MpHalt(NDIS_HANDLE Ctx, NDIS_HALT_ACTION Act)
{
    PAD A = (PAD)Ctx;
    UNREFERENCED_PARAMETER(Act);
    if (A->Registered) {
        NdisMSynchronizeWithInterruptEx(A->InterruptHandle, 0, SyncMask, A);   /* expected defect after MpOid */
        NdisMDeregisterInterruptEx(A->InterruptHandle);
    }
    NdisFreeMemory(A, sizeof(AD), 0);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT O, PUNICODE_STRING P)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS C;
    NDIS_HANDLE H;
    NdisZeroMemory(&C, sizeof(C));
    C.InitializeHandlerEx = MpInit;
    C.HaltHandlerEx = MpHalt;
    C.OidRequestHandler = MpOid;
    return NdisMRegisterMiniportDriver(O, P, NULL, &C, &H);
}
