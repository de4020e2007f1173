/*
 * probe3 repro 1 (cases 130/131, false alarm): a frame's widened summary erases a flag bit.
 * MpDpc calls no interrupt API (a frame for both interrupt rules) but writes Adapter->Flags
 * (sets fLINK).  The power OID gives the interrupt back on D3 (flag bit fIN_USE cleared) and
 * takes it again on D0, so MpDpc is entered with Flags 1, 0x21, 0, 0x20 and several power states.
 * fr_project() drops the rule state, so sum_find() sees every entry as the same property; past
 * root_sum_cap (8) the entry is joined across rule states (Flags 1 with Flags 0: bit 0 unknown)
 * and fr_apply() writes that widened Flags back into the caller's 'registered' state.  Halt then
 * finds `!(A->Flags & fIN_USE)` true while registered: Init_RegisterInterrupt warning at MpHalt's
 * closing brace.  Expected: clean.  (Without the power OID, or with MpDpc not writing Flags: clean.)
 */
#include <ndis.h>

#define fIN_USE 0x1
#define fLOW    0x2
typedef struct _AD {
    NDIS_HANDLE AdapterHandle;
    NDIS_HANDLE InterruptHandle;
    ULONG Flags;
    NDIS_DEVICE_POWER_STATE DevicePowerState;
    volatile ULONG *Csr;
} AD, *PAD;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInit;
MINIPORT_HALT MpHalt;
MINIPORT_OID_REQUEST MpOid;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;

BOOLEAN MpIsr(NDIS_HANDLE C, PBOOLEAN Q, PULONG T) { UNREFERENCED_PARAMETER(C); UNREFERENCED_PARAMETER(T); *Q = FALSE; return FALSE; }
#define fLINK 0x20
VOID UpdateLink(PAD A)
{
    A->Flags |= fLINK;
}
VOID MpDpc(NDIS_HANDLE C, PVOID D, PVOID R, PVOID N)
{
    PAD A = (PAD)C;
    UNREFERENCED_PARAMETER(D); UNREFERENCED_PARAMETER(R); UNREFERENCED_PARAMETER(N);
    UpdateLink(A);
}

NDIS_STATUS Acquire(PAD A)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS I;
    NDIS_STATUS S;
    NdisZeroMemory(&I, sizeof(I));
    I.InterruptHandler = MpIsr;
    I.InterruptDpcHandler = MpDpc;
    S = NdisMRegisterInterruptEx(A->AdapterHandle, A, &I, &A->InterruptHandle);
    if (S != NDIS_STATUS_SUCCESS) {
        A->InterruptHandle = NULL;
        return S;
    }
    A->Flags |= fIN_USE;
    return NDIS_STATUS_SUCCESS;
}

VOID Release(PAD A)
{
    if (!(A->Flags & fIN_USE)) {
        return;
    }
    NdisMDeregisterInterruptEx(A->InterruptHandle);
    A->InterruptHandle = NULL;
    A->Flags &= ~fIN_USE;
}

NDIS_STATUS SetPower(PAD A, NDIS_DEVICE_POWER_STATE NewState)
{
    NDIS_STATUS Status;
    switch (NewState) {
    case NdisDeviceStateD0:
        if (A->DevicePowerState == NdisDeviceStateD0) {
            return NDIS_STATUS_SUCCESS;
        }
        Status = Acquire(A);
        if (Status != NDIS_STATUS_SUCCESS) {
            return Status;
        }
        A->DevicePowerState = NdisDeviceStateD0;
        return NDIS_STATUS_SUCCESS;
    case NdisDeviceStateD3:
        if (A->DevicePowerState != NdisDeviceStateD0) {
            return NDIS_STATUS_SUCCESS;
        }
        Release(A);
        A->DevicePowerState = NewState;
        return NDIS_STATUS_SUCCESS;
    default:
        return NDIS_STATUS_INVALID_DATA;
    }
}

NDIS_STATUS MpOid(NDIS_HANDLE Ctx, PNDIS_OID_REQUEST R)
{
    PAD A = (PAD)Ctx;
    if (R->RequestType == NdisRequestSetInformation && R->DATA.SET_INFORMATION.Oid == OID_PNP_SET_POWER) {
        return SetPower(A, *(PNDIS_DEVICE_POWER_STATE)R->DATA.SET_INFORMATION.InformationBuffer);
    }
    return NDIS_STATUS_NOT_SUPPORTED;
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
    A->DevicePowerState = NdisDeviceStateD0;
    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.MiniportAdapterContext = A;
    S = NdisMSetMiniportAttributes(H, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (S != NDIS_STATUS_SUCCESS) goto Free;
    S = Acquire(A);
    if (S != NDIS_STATUS_SUCCESS) goto Free;
    return NDIS_STATUS_SUCCESS;
Free:
    NdisFreeMemory(A, sizeof(AD), 0);
    return S;
}

VOID MpHalt(NDIS_HANDLE Ctx, NDIS_HALT_ACTION Act)
{
    PAD A = (PAD)Ctx;
    UNREFERENCED_PARAMETER(Act);
    Release(A);
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
