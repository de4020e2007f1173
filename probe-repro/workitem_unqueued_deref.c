#include <ndis.h>
typedef struct _NIC { LONG RefCnt; ULONG Flags; NDIS_HANDLE hInterrupt; NDIS_HANDLE hWork; } NIC, *PNIC;
#define NIC_INTR_REG 0x1
NDIS_HANDLE DrvHandle;
MINIPORT_INITIALIZE MpInit; MINIPORT_HALT MpHalt; MINIPORT_ISR MpIsr; MINIPORT_INTERRUPT_DPC MpDpc;
NDIS_IO_WORKITEM_FUNCTION MpWork; MINIPORT_SYNCHRONIZE_INTERRUPT MpSync;
DRIVER_INITIALIZE DriverEntry;
BOOLEAN MpSync(NDIS_HANDLE c) { return TRUE; }
VOID NicFree(PNIC p)
{
    if (p->Flags & NIC_INTR_REG) { NdisMDeregisterInterruptEx(p->hInterrupt); p->Flags &= ~NIC_INTR_REG; }
    NdisFreeMemory(p, 0, 0);
}
#define NIC_DEREF(_p) do { if (!NdisInterlockedDecrement(&(_p)->RefCnt)) NicFree(_p); } while (0)
BOOLEAN MpIsr(NDIS_HANDLE c, PBOOLEAN q, PULONG m) { *q = TRUE; *m = 0; return TRUE; }
VOID MpWork(PVOID c, NDIS_HANDLE h) { PNIC p = (PNIC)c; NIC_DEREF(p); }   /* drops the DPC's reference */
VOID MpDpc(NDIS_HANDLE c, PVOID d, PVOID a, PVOID b)
{
    PNIC p = (PNIC)c;
    NdisMSynchronizeWithInterruptEx(p->hInterrupt, 0, MpSync, p);   /* reported: work item ran unqueued */
    NdisInterlockedIncrement(&p->RefCnt);
    NdisQueueIoWorkItem(p->hWork, MpWork, p);
}
NDIS_STATUS MpInit(NDIS_HANDLE h, NDIS_HANDLE d, PNDIS_MINIPORT_INIT_PARAMETERS ip)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS ic;
    PNIC p = (PNIC)NdisAllocateMemoryWithTagPriority(h, sizeof(NIC), 'xciN', NormalPoolPriority);
    if (!p) return NDIS_STATUS_RESOURCES;
    NdisZeroMemory(p, sizeof(NIC));
    p->RefCnt = 1;
    p->hWork = NdisAllocateIoWorkItem(h);
    NdisZeroMemory(&ic, sizeof(ic));
    ic.InterruptHandler = MpIsr; ic.InterruptDpcHandler = MpDpc;
    if (NdisMRegisterInterruptEx(h, p, &ic, &p->hInterrupt) != NDIS_STATUS_SUCCESS) { NIC_DEREF(p); return NDIS_STATUS_FAILURE; }
    p->Flags |= NIC_INTR_REG;
    return NDIS_STATUS_SUCCESS;
}
VOID MpHalt(NDIS_HANDLE c, NDIS_HALT_ACTION a) { PNIC p = (PNIC)c; while (p->RefCnt != 1) NdisMSleep(1000); NIC_DEREF(p); }
NTSTATUS DriverEntry(PDRIVER_OBJECT o, PUNICODE_STRING r)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS mc;
    NdisZeroMemory(&mc, sizeof(mc));
    mc.InitializeHandlerEx = MpInit; mc.HaltHandlerEx = MpHalt;
    return NdisMRegisterMiniportDriver(o, r, NULL, &mc, &DrvHandle);
}
