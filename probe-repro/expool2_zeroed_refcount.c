#include <ndis.h>
typedef struct _NIC { LONG RefCnt; ULONG Flags; NDIS_HANDLE hInterrupt; NDIS_HANDLE hAdapter; NDIS_HANDLE hWork, hWork2, hPool; PVOID Mem1, Mem2; } NIC, *PNIC;
#define NIC_INTR_REG 0x1
#define bit(_f,_v) ((_f) & (_v))
#define bis(_f,_v) ((_f) |= (_v))
#define bic(_f,_v) ((_f) &= (~(_v)))
NDIS_HANDLE DrvHandle;
MINIPORT_INITIALIZE MpInit; MINIPORT_HALT MpHalt; MINIPORT_ISR MpIsr; MINIPORT_INTERRUPT_DPC MpDpc;
DRIVER_INITIALIZE DriverEntry;
BOOLEAN MpIsr(NDIS_HANDLE c, PBOOLEAN q, PULONG m) { *q = FALSE; *m = 0; return FALSE; }
VOID MpDpc(NDIS_HANDLE c, PVOID d, PVOID a, PVOID b) { }
VOID NicFree(PNIC p)
{
    if (bit(p->Flags, NIC_INTR_REG)) { NdisMDeregisterInterruptEx(p->hInterrupt); bic(p->Flags, NIC_INTR_REG); }
    if (p->Mem1) NdisFreeMemory(p->Mem1, 0, 0);
    if (p->Mem2) NdisFreeMemory(p->Mem2, 0, 0);
    if (p->hPool) NdisFreeNetBufferListPool(p->hPool);
    if (p->hWork2) NdisFreeIoWorkItem(p->hWork2);
    if (p->hWork) NdisFreeIoWorkItem(p->hWork);
    NdisFreeMemory(p, 0, 0);
}
#define NIC_DEREF(_p) do { LONG _val; if (!(_val = NdisInterlockedDecrement(&((_p)->RefCnt)))) NicFree(_p); } while (0)
PNIC NicAlloc(NDIS_HANDLE h)
{
    PNIC p = NULL;
    NDIS_STATUS Status = NDIS_STATUS_FAILURE;
    do {
        if (!(p = (PNIC)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(NIC), 'xciN'))) break;
        NdisInterlockedIncrement(&p->RefCnt);
        p->hAdapter = h;
        if (!(p->hWork = NdisAllocateIoWorkItem(h))) break;
        if (!(p->hWork2 = NdisAllocateIoWorkItem(h))) break;
        if (!(p->Mem1 = NdisAllocateMemoryWithTagPriority(h, 64, 'xciN', NormalPoolPriority))) break;
        if (!(p->Mem2 = NdisAllocateMemoryWithTagPriority(h, 64, 'xciN', NormalPoolPriority))) break;
        Status = NDIS_STATUS_SUCCESS;
    } while (0);
    if ((Status != NDIS_STATUS_SUCCESS) && p) { NIC_DEREF(p); p = NULL; }
    return p;
}
NDIS_STATUS NicStart(PNIC p);
NDIS_STATUS MpInit(NDIS_HANDLE h, NDIS_HANDLE d, PNDIS_MINIPORT_INIT_PARAMETERS ip)
{
    PNIC p = NULL; NDIS_STATUS Status = NDIS_STATUS_FAILURE;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS ic;
    do {
        if (!(p = NicAlloc(h))) { Status = NDIS_STATUS_RESOURCES; break; }
        NdisZeroMemory(&ic, sizeof(ic));
        ic.InterruptHandler = MpIsr; ic.InterruptDpcHandler = MpDpc;
        if ((Status = NdisMRegisterInterruptEx(h, p, &ic, &p->hInterrupt)) != NDIS_STATUS_SUCCESS) break;
        bis(p->Flags, NIC_INTR_REG);
        if ((Status = NicStart(p)) != NDIS_STATUS_SUCCESS) { Status = NDIS_STATUS_FAILURE; break; }
        Status = NDIS_STATUS_SUCCESS;
    } while (0);
    if ((Status != NDIS_STATUS_SUCCESS) && p) { NIC_DEREF(p); }
    return Status;
}
VOID MpHalt(NDIS_HANDLE c, NDIS_HALT_ACTION a) { PNIC p = (PNIC)c; NIC_DEREF(p); }
NTSTATUS DriverEntry(PDRIVER_OBJECT o, PUNICODE_STRING r)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS mc;
    NdisZeroMemory(&mc, sizeof(mc));
    mc.InitializeHandlerEx = MpInit; mc.HaltHandlerEx = MpHalt;
    return NdisMRegisterMiniportDriver(o, r, NULL, &mc, &DrvHandle);
}
