/*
 * probe3 repro 3 (case 136 passes vacuously): `*(&Local) = value` is not an assignment to Local.
 * The WDK's NdisRawReadPortUlong(Port, &Status) expands to `*(&Status) = READ_PORT_ULONG(...)`
 * (likewise NdisReadRegisterUlong, NdisRawReadPortUchar...).  The CFG keeps `*&Status = call ...`
 * and the engine does not write Status, so Status keeps its initialiser 0xFFFFFFFF, Probe always
 * fails, MpInit always fails and nothing after initialisation is analysed: the synchronize after
 * MpOid's deregistration (Registered not cleared) is missed.  Expected: one
 * NdisMDeregisterInterruptEx defect in MpHalt.  With `ULONG Status = 0;` it is found.
 * (`drvcheck cfg` shows `*&Status = call READ_PORT_ULONG(Port) [macro]`.)
 */
#include <ndis.h>

typedef struct _AD {
    NDIS_HANDLE AdapterHandle;
    NDIS_HANDLE InterruptHandle;
    BOOLEAN Registered;
    ULONG_PTR Port;
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

static NDIS_STATUS Probe(PAD A)
{
    ULONG Status = 0xFFFFFFFF;          /* stays all-ones if nothing answers */

    NdisRawReadPortUlong(A->Port + 4, &Status);
    return (Status == 0xFFFFFFFF) ? NDIS_STATUS_ADAPTER_NOT_FOUND : NDIS_STATUS_SUCCESS;
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
    A->Port = P->AllocatedResources->PartialDescriptors[0].u.Port.Start.LowPart;
    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.MiniportAdapterContext = A;
    S = NdisMSetMiniportAttributes(H, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (S != NDIS_STATUS_SUCCESS) goto Free;
    S = Probe(A);
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
