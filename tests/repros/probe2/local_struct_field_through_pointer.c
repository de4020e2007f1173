/* probe2 repro (not a case): a field of a local structure written by name and read by a callee
 * through the structure's address is not seen: expected 1 NdisStallExecution_Delay defect at Wait. */
#include <ndis.h>
typedef struct _STALL_CTX { ULONG DelayUs; } STALL_CTX, *PSTALL_CTX;
MINIPORT_HALT MpHalt;
MINIPORT_INITIALIZE MpInit;
static VOID Wait(PSTALL_CTX Ctx) { NdisStallExecution(Ctx->DelayUs); }
NDIS_STATUS MpInit(NDIS_HANDLE H, NDIS_HANDLE D, PNDIS_MINIPORT_INIT_PARAMETERS P)
{ UNREFERENCED_PARAMETER(H); UNREFERENCED_PARAMETER(D); UNREFERENCED_PARAMETER(P); return NDIS_STATUS_SUCCESS; }
VOID MpHalt(NDIS_HANDLE C, NDIS_HALT_ACTION X)
{
    STALL_CTX Ctx;
    UNREFERENCED_PARAMETER(C); UNREFERENCED_PARAMETER(X);
    Ctx.DelayUs = 500;          /* written as Ctx.DelayUs: missed; written as P2->DelayUs through
                                   PSTALL_CTX P2 = &Ctx: found */
    Wait(&Ctx);
}
NTSTATUS DriverEntry(PDRIVER_OBJECT O, PUNICODE_STRING R)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS C; NDIS_HANDLE Dh;
    NdisZeroMemory(&C, sizeof(C));
    C.InitializeHandlerEx = MpInit; C.HaltHandlerEx = MpHalt;
    return NdisMRegisterMiniportDriver(O, R, NULL, &C, &Dh);
}
