/* probe2 repro (not a case): a field written through a pointer to a global structure
 * (Ad->Connected, Ad = the context NDIS passes, which is &Global) is not the field read by name
 * (Global.Connected): unload's test is undecided and the sync is reported.  Expected: clean. */
#include <ndis.h>
typedef struct _AD { NDIS_HANDLE Intr; BOOLEAN Connected; } AD, *PAD;
AD Global;
MINIPORT_INITIALIZE MpInit; MINIPORT_HALT MpHalt; MINIPORT_UNLOAD MpUnload;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSync;
BOOLEAN MpSync(NDIS_HANDLE C) { UNREFERENCED_PARAMETER(C); return TRUE; }
NDIS_STATUS MpInit(NDIS_HANDLE H, NDIS_HANDLE D, PNDIS_MINIPORT_INIT_PARAMETERS P)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS I;
    PAD A = &Global;
    UNREFERENCED_PARAMETER(D); UNREFERENCED_PARAMETER(P);
    NdisZeroMemory(&I, sizeof(I));
    if (NdisMRegisterInterruptEx(H, A, &I, &A->Intr) != NDIS_STATUS_SUCCESS)
        return NDIS_STATUS_FAILURE;
    A->Connected = TRUE;
    return NDIS_STATUS_SUCCESS;
}
VOID MpHalt(NDIS_HANDLE C, NDIS_HALT_ACTION X)
{
    PAD A = (PAD)C;
    UNREFERENCED_PARAMETER(X);
    NdisMDeregisterInterruptEx(A->Intr);
    A->Connected = FALSE;
}
VOID MpUnload(PDRIVER_OBJECT O)
{
    UNREFERENCED_PARAMETER(O);
    if (Global.Connected)
        NdisMSynchronizeWithInterruptEx(Global.Intr, 0, MpSync, &Global);
}
NTSTATUS DriverEntry(PDRIVER_OBJECT O, PUNICODE_STRING R)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS C; NDIS_HANDLE Dh;
    NdisZeroMemory(&C, sizeof(C));
    C.InitializeHandlerEx = MpInit; C.HaltHandlerEx = MpHalt; C.UnloadHandler = MpUnload;
    return NdisMRegisterMiniportDriver(O, R, NULL, &C, &Dh);
}
