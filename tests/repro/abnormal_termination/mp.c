/* Probe repro (probe-old): expected clean.  MpInit's __try completes normally on success, so
 * AbnormalTermination() is FALSE in the __finally and the interrupt stays registered; drvcheck
 * takes the undeclared AbnormalTermination() as an unknown external, deregisters on the success
 * path too, and reports the synchronize in MpOid (an error, not even a warning). */
#include <ndis.h>

typedef struct _ADAPTER {
    NDIS_HANDLE Interrupt;
    BOOLEAN Registered;
} ADAPTER, *PADAPTER;

MINIPORT_INITIALIZE MpInit;
MINIPORT_HALT MpHalt;
MINIPORT_OID_REQUEST MpOid;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSync;
NDIS_HANDLE DriverHandle;

BOOLEAN MpSync(NDIS_HANDLE Ctx) { UNREFERENCED_PARAMETER(Ctx); return TRUE; }
BOOLEAN MpIsr(NDIS_HANDLE Ctx, PBOOLEAN Queue, PULONG Target)
{
    UNREFERENCED_PARAMETER(Ctx); UNREFERENCED_PARAMETER(Target);
    *Queue = FALSE;
    return FALSE;
}
VOID MpDpc(NDIS_HANDLE Ctx, PVOID D, PVOID R, PVOID N)
{
    UNREFERENCED_PARAMETER(Ctx); UNREFERENCED_PARAMETER(D); UNREFERENCED_PARAMETER(R); UNREFERENCED_PARAMETER(N);
}

NDIS_STATUS MpInit(NDIS_HANDLE h, NDIS_HANDLE c, PNDIS_MINIPORT_INIT_PARAMETERS p)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS ic;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES ra;
    NDIS_STATUS Status = NDIS_STATUS_RESOURCES;
    PADAPTER A;
    UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(p);

    A = NdisAllocateMemoryWithTagPriority(h, sizeof(ADAPTER), 'xxxx', NormalPoolPriority);
    if (A == NULL)
        return NDIS_STATUS_RESOURCES;
    NdisZeroMemory(A, sizeof(ADAPTER));
    __try {
        NdisZeroMemory(&ra, sizeof(ra));
        ra.MiniportAdapterContext = A;
        Status = NdisMSetMiniportAttributes(h, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&ra);
        if (Status != NDIS_STATUS_SUCCESS)
            __leave;
        NdisZeroMemory(&ic, sizeof(ic));
        ic.InterruptHandler = MpIsr;
        ic.InterruptDpcHandler = MpDpc;
        Status = NdisMRegisterInterruptEx(h, A, &ic, &A->Interrupt);
        if (Status != NDIS_STATUS_SUCCESS)
            __leave;
        A->Registered = TRUE;
    } __finally {
        if (AbnormalTermination() || Status != NDIS_STATUS_SUCCESS) {
            if (A->Registered) {
                NdisMDeregisterInterruptEx(A->Interrupt);
                A->Registered = FALSE;
            }
            NdisFreeMemory(A, sizeof(ADAPTER), 0);
        }
    }
    return Status;
}

NDIS_STATUS MpOid(NDIS_HANDLE Ctx, PNDIS_OID_REQUEST Req)
{
    PADAPTER A = (PADAPTER)Ctx;
    UNREFERENCED_PARAMETER(Req);
    NdisMSynchronizeWithInterruptEx(A->Interrupt, 0, MpSync, A);
    return NDIS_STATUS_SUCCESS;
}

VOID MpHalt(NDIS_HANDLE Ctx, NDIS_HALT_ACTION a)
{
    PADAPTER A = (PADAPTER)Ctx;
    UNREFERENCED_PARAMETER(a);
    if (A->Registered) {
        NdisMDeregisterInterruptEx(A->Interrupt);
        A->Registered = FALSE;
    }
    NdisFreeMemory(A, sizeof(ADAPTER), 0);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS ch;
    NdisZeroMemory(&ch, sizeof(ch));
    ch.InitializeHandlerEx = MpInit;
    ch.HaltHandlerEx = MpHalt;
    ch.OidRequestHandler = MpOid;
    return NdisMRegisterMiniportDriver(d, r, NULL, &ch, &DriverHandle);
}
