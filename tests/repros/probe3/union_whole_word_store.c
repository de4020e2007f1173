/*
 * probe3 repro 5 (case 147, false alarm): a store to a union member does not reach the members
 * it overlays.  Status is a union of bit-fields and the whole ULONG; MpOid (D3) deregisters and
 * then clears every flag with `A->Status.All = 0;`, but the engine still believes
 * A->Status.Registered is 1, so MpHalt's guarded synchronize is reported.  Expected: clean.
 */
#include <ndis.h>

typedef union _ST {
    struct {
        ULONG Registered : 1;
        ULONG LowPower : 1;
    };
    ULONG All;
} ST;

typedef struct _AD {
    NDIS_HANDLE AdapterHandle;
    NDIS_HANDLE InterruptHandle;
    ST Status;
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

NDIS_STATUS MpInit(NDIS_HANDLE H, NDIS_HANDLE D, PNDIS_MINIPORT_INIT_PARAMETERS P)
{
    PAD A;
    NDIS_STATUS S;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS I;
    UNREFERENCED_PARAMETER(D);
    UNREFERENCED_PARAMETER(P);
    A = NdisAllocateMemoryWithTagPriority(H, sizeof(AD), 'x', NormalPoolPriority);
    if (A == NULL) return NDIS_STATUS_RESOURCES;
    NdisZeroMemory(A, sizeof(AD));
    A->AdapterHandle = H;
    A->Status.All = 0;
    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.MiniportAdapterContext = A;
    S = NdisMSetMiniportAttributes(H, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (S != NDIS_STATUS_SUCCESS) goto Free;
    NdisZeroMemory(&I, sizeof(I));
    I.InterruptHandler = MpIsr;
    I.InterruptDpcHandler = MpDpc;
    S = NdisMRegisterInterruptEx(H, A, &I, &A->InterruptHandle);
    if (S != NDIS_STATUS_SUCCESS) goto Free;
    A->Status.Registered = 1;
    return NDIS_STATUS_SUCCESS;
Free:
    NdisFreeMemory(A, sizeof(AD), 0);
    return S;
}

NDIS_STATUS MpOid(NDIS_HANDLE Ctx, PNDIS_OID_REQUEST R)
{
    PAD A = (PAD)Ctx;
    if (R->DATA.SET_INFORMATION.Oid == OID_PNP_SET_POWER && A->Status.Registered) {
        NdisMDeregisterInterruptEx(A->InterruptHandle);
        A->Status.All = 0;              /* forget the running state */
        A->Status.LowPower = 1;
    }
    return NDIS_STATUS_SUCCESS;
}

VOID MpHalt(NDIS_HANDLE Ctx, NDIS_HALT_ACTION Act)
{
    PAD A = (PAD)Ctx;
    UNREFERENCED_PARAMETER(Act);
    if (A->Status.Registered) {
        NdisMSynchronizeWithInterruptEx(A->InterruptHandle, 0, SyncMask, A);
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
