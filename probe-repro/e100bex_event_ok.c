#include <ndis.h>
typedef struct _AD { LONG RefCount; NDIS_EVENT ExitEvent; BOOLEAN IntrReg; NDIS_HANDLE hIntr; ULONG Cause; } AD, *PAD;
#define MP_INC_REF(_A) NdisInterlockedIncrement(&(_A)->RefCount)
#define MP_DEC_REF(_A) { NdisInterlockedDecrement(&(_A)->RefCount); if ((_A)->RefCount == 0) NdisSetEvent(&(_A)->ExitEvent); }
NDIS_HANDLE DrvHandle;
MINIPORT_INITIALIZE MpInit; MINIPORT_HALT MpHalt; MINIPORT_ISR MpIsr; MINIPORT_INTERRUPT_DPC MpDpc; MINIPORT_SYNCHRONIZE_INTERRUPT MpSync;
DRIVER_INITIALIZE DriverEntry;
BOOLEAN MpSync(NDIS_HANDLE c) { return TRUE; }
BOOLEAN MpIsr(NDIS_HANDLE c, PBOOLEAN q, PULONG m) { *q = TRUE; *m = 0; return TRUE; }
VOID MpDpc(NDIS_HANDLE c, PVOID d, PVOID a, PVOID b)
{
    PAD ad = (PAD)c;
    MP_INC_REF(ad);
    if (ad->Cause) ad->Cause = 0;
    NdisMSynchronizeWithInterruptEx(ad->hIntr, 0, MpSync, ad);
    MP_DEC_REF(ad);
}
VOID MpFree(PAD ad)
{
    if (ad->IntrReg) { NdisMDeregisterInterruptEx(ad->hIntr); ad->IntrReg = FALSE; }
    NdisFreeMemory(ad, 0, 0);
}
NDIS_STATUS MpInit(NDIS_HANDLE h, NDIS_HANDLE d, PNDIS_MINIPORT_INIT_PARAMETERS ip)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS ic;
    PAD ad = (PAD)NdisAllocateMemoryWithTagPriority(h, sizeof(AD), 'xciN', NormalPoolPriority);
    if (!ad) return NDIS_STATUS_RESOURCES;
    NdisZeroMemory(ad, sizeof(AD));
    ad->RefCount = 1;
    NdisInitializeEvent(&ad->ExitEvent);
    NdisZeroMemory(&ic, sizeof(ic));
    ic.InterruptHandler = MpIsr; ic.InterruptDpcHandler = MpDpc;
    if (NdisMRegisterInterruptEx(h, ad, &ic, &ad->hIntr) != NDIS_STATUS_SUCCESS) { MpFree(ad); return NDIS_STATUS_FAILURE; }
    ad->IntrReg = TRUE;
    return NDIS_STATUS_SUCCESS;
}
VOID MpHalt(NDIS_HANDLE c, NDIS_HALT_ACTION a)
{
    PAD ad = (PAD)c;
    LONG Count = NdisInterlockedDecrement(&ad->RefCount);
    if (Count) {
        while (TRUE) { if (NdisWaitEvent(&ad->ExitEvent, 2000)) break; }
    }
    NdisMSynchronizeWithInterruptEx(ad->hIntr, 0, MpSync, ad);
    MpFree(ad);
}
NTSTATUS DriverEntry(PDRIVER_OBJECT o, PUNICODE_STRING r)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS mc;
    NdisZeroMemory(&mc, sizeof(mc));
    mc.InitializeHandlerEx = MpInit; mc.HaltHandlerEx = MpHalt;
    return NdisMRegisterMiniportDriver(o, r, NULL, &mc, &DrvHandle);
}
