/* Probe repro (probe-old): expected clean; see README.md beside this file. */
#include <ndis.h>

#define fRX_ENABLED  0x4

typedef struct _HW {
    NDIS_HANDLE InterruptHandle;
    ULONG Flags;
    volatile ULONG *Regs;
} HW, *PHW;

MINIPORT_INITIALIZE MpInit;
MINIPORT_HALT MpHalt;
MINIPORT_OID_REQUEST MpOid;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_SYNCHRONIZE_INTERRUPT RxSync;
NDIS_HANDLE DriverHandle;

BOOLEAN RxSync(NDIS_HANDLE Ctx)
{
    PHW Hw = (PHW)Ctx;
    Hw->Regs[0] = (Hw->Flags & fRX_ENABLED) ? 1 : 0;   /* reads Flags, writes nothing tracked */
    return TRUE;
}

static VOID Program(PHW Hw)
{
    NdisMSynchronizeWithInterruptEx(Hw->InterruptHandle, 0, RxSync, Hw);
}

static VOID RxOff(PHW Hw)
{
    if (!(Hw->Flags & fRX_ENABLED))
        return;
    Hw->Flags &= ~fRX_ENABLED;
    Program(Hw);
}

BOOLEAN MpIsr(NDIS_HANDLE Ctx, PBOOLEAN Queue, PULONG Target)
{
    UNREFERENCED_PARAMETER(Ctx); UNREFERENCED_PARAMETER(Target);
    *Queue = FALSE;
    return FALSE;
}

VOID MpDpc(NDIS_HANDLE Ctx, PVOID D, PVOID R, PVOID N)
{
    PHW Hw = (PHW)Ctx;
    UNREFERENCED_PARAMETER(D); UNREFERENCED_PARAMETER(R); UNREFERENCED_PARAMETER(N);
    if (Hw->Regs[1] & 0x8000)
        Hw->Flags |= 0x10;              /* fatal error seen */
}

NDIS_STATUS MpInit(NDIS_HANDLE h, NDIS_HANDLE c, PNDIS_MINIPORT_INIT_PARAMETERS p)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS ic;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES ra;
    PHW Hw;
    NDIS_STATUS Status;
    UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(p);

    Hw = NdisAllocateMemoryWithTagPriority(h, sizeof(HW), 'xxxx', NormalPoolPriority);
    if (Hw == NULL) return NDIS_STATUS_RESOURCES;
    NdisZeroMemory(Hw, sizeof(HW));
    NdisZeroMemory(&ra, sizeof(ra));
    ra.MiniportAdapterContext = Hw;
    NdisMSetMiniportAttributes(h, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&ra);
    NdisZeroMemory(&ic, sizeof(ic));
    ic.InterruptHandler = MpIsr;
    ic.InterruptDpcHandler = MpDpc;
    Status = NdisMRegisterInterruptEx(h, Hw, &ic, &Hw->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Hw, sizeof(HW), 0);
        return Status;
    }
    Hw->Flags |= fRX_ENABLED;
    Program(Hw);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS MpOid(NDIS_HANDLE Ctx, PNDIS_OID_REQUEST Req)
{
    PHW Hw = (PHW)Ctx;
    UNREFERENCED_PARAMETER(Req);
    Program(Hw);
    return NDIS_STATUS_SUCCESS;
}

VOID MpHalt(NDIS_HANDLE Ctx, NDIS_HALT_ACTION a)
{
    PHW Hw = (PHW)Ctx;
    UNREFERENCED_PARAMETER(a);
    RxOff(Hw);
    NdisMDeregisterInterruptEx(Hw->InterruptHandle);
    RxOff(Hw);                           /* no-op: the bit was cleared above */
    NdisFreeMemory(Hw, sizeof(HW), 0);
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
