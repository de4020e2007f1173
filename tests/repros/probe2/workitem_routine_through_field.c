/* probe2 repro (not a case): a work-item routine queued through an adapter field
 * (NdisQueueIoWorkItem(A->WorkItem, A->Routine, A), A->Routine = Worker set in init) is not found
 * as an NDIS_IO_WORKITEM_FUNCTION entry point, so the harness never runs it before MpRestart.
 * Expected: 1 NdisMDeregisterInterruptEx defect at MpRestart's sync (worker, then restart);
 * passing Worker by name to NdisQueueIoWorkItem, or declaring it NDIS_IO_WORKITEM_FUNCTION, finds it. */
#include <ndis.h>
typedef struct _AD {
    NDIS_HANDLE Intr;
    NDIS_HANDLE WorkItem;
    NDIS_IO_WORKITEM_ROUTINE Routine;
} AD, *PAD;
MINIPORT_INITIALIZE MpInit; MINIPORT_HALT MpHalt; MINIPORT_RESTART MpRestart;
MINIPORT_CHECK_FOR_HANG MpCheckForHang; MINIPORT_SYNCHRONIZE_INTERRUPT MpSync;
VOID Worker(PVOID Ctx, NDIS_HANDLE W);   /* plain prototype, no role type */
BOOLEAN MpSync(NDIS_HANDLE C) { UNREFERENCED_PARAMETER(C); return TRUE; }
VOID Worker(PVOID Ctx, NDIS_HANDLE W)
{
    PAD A = (PAD)Ctx;
    UNREFERENCED_PARAMETER(W);
    NdisMDeregisterInterruptEx(A->Intr);
}
BOOLEAN MpCheckForHang(NDIS_HANDLE C)
{
    PAD A = (PAD)C;
    NdisQueueIoWorkItem(A->WorkItem, A->Routine, A);
    return FALSE;
}
NDIS_STATUS MpRestart(NDIS_HANDLE C, PNDIS_MINIPORT_RESTART_PARAMETERS P)
{
    PAD A = (PAD)C;
    UNREFERENCED_PARAMETER(P);
    NdisMSynchronizeWithInterruptEx(A->Intr, 0, MpSync, A);
    return NDIS_STATUS_SUCCESS;
}
NDIS_STATUS MpInit(NDIS_HANDLE H, NDIS_HANDLE D, PNDIS_MINIPORT_INIT_PARAMETERS P)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS I;
    PAD A;
    UNREFERENCED_PARAMETER(D); UNREFERENCED_PARAMETER(P);
    A = NdisAllocateMemoryWithTagPriority(H, sizeof(AD), 'xxxx', NormalPoolPriority);
    if (A == NULL) return NDIS_STATUS_RESOURCES;
    NdisZeroMemory(&I, sizeof(I));
    A->Routine = Worker;
    A->WorkItem = NdisAllocateIoWorkItem(H);
    if (NdisMRegisterInterruptEx(H, A, &I, &A->Intr) != NDIS_STATUS_SUCCESS) return NDIS_STATUS_FAILURE;
    return NDIS_STATUS_SUCCESS;
}
VOID MpHalt(NDIS_HANDLE C, NDIS_HALT_ACTION X) { UNREFERENCED_PARAMETER(C); UNREFERENCED_PARAMETER(X); }
NTSTATUS DriverEntry(PDRIVER_OBJECT O, PUNICODE_STRING R)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS C; NDIS_HANDLE Dh;
    NdisZeroMemory(&C, sizeof(C));
    C.InitializeHandlerEx = MpInit; C.HaltHandlerEx = MpHalt; C.RestartHandler = MpRestart;
    C.CheckForHangHandlerEx = MpCheckForHang;
    return NdisMRegisterMiniportDriver(O, R, NULL, &C, &Dh);
}
