/*
 * Case 516_halt_waits_sm_tick_dereg_clean:
 * 514 with a periodic state-machine timer instead of a work item: halt sets Halting and waits with
 * no timeout on StopDone; the tick that sees Halting deregisters the interrupt and sets StopDone.
 * When halt returns the interrupt is deregistered (a false Init_RegisterInterrupt alarm before).
 * Expected: clean.
 */
#include <ndis.h>

typedef struct _MP_INTR {
    NDIS_HANDLE Handle;
    BOOLEAN     Live;
} MP_INTR, *PMP_INTR;

typedef struct _MP_ADAPTER {
    NDIS_HANDLE AdapterHandle;
    MP_INTR     Intr;
    NDIS_HANDLE SmTimer;
    BOOLEAN     Halting;
    NDIS_EVENT  StopDone;
} MP_ADAPTER, *PMP_ADAPTER;

NDIS_HANDLE MpDriverHandle;

MINIPORT_SYNCHRONIZE_INTERRUPT MpSyncMask;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_UNLOAD MpUnload;
NDIS_TIMER_FUNCTION MpSmTick;
DRIVER_INITIALIZE DriverEntry;

BOOLEAN MpSyncMask(PVOID Context) { UNREFERENCED_PARAMETER(Context); return TRUE; }

BOOLEAN
MpIsr(NDIS_HANDLE Ctx, PBOOLEAN QueueDpc, PULONG TargetProcessors)
{
    UNREFERENCED_PARAMETER(Ctx);
    UNREFERENCED_PARAMETER(TargetProcessors);
    *QueueDpc = FALSE;
    return FALSE;
}

VOID
MpDpc(NDIS_HANDLE Ctx, PVOID DpcCtx, PVOID R1, PVOID R2)
{
    UNREFERENCED_PARAMETER(Ctx);
    UNREFERENCED_PARAMETER(DpcCtx);
    UNREFERENCED_PARAMETER(R1);
    UNREFERENCED_PARAMETER(R2);
}

VOID
MpSmTick(PVOID S1, PVOID FunctionContext, PVOID S2, PVOID S3)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)FunctionContext;

    UNREFERENCED_PARAMETER(S1);
    UNREFERENCED_PARAMETER(S2);
    UNREFERENCED_PARAMETER(S3);
    if (Adapter->Halting) {
        NdisCancelTimerObject(Adapter->SmTimer);
        NdisMDeregisterInterruptEx(Adapter->Intr.Handle);
        NdisSetEvent(&Adapter->StopDone);
    }
}

NDIS_STATUS
MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE DriverContext, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PMP_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Ic;

    UNREFERENCED_PARAMETER(DriverContext);
    UNREFERENCED_PARAMETER(InitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER), 'pmxM', NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }

    {
        NDIS_TIMER_CHARACTERISTICS Tc;
        NdisZeroMemory(&Tc, sizeof(Tc));
        Tc.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
        Tc.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
        Tc.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
        Tc.TimerFunction = MpSmTick;
        Tc.FunctionContext = Adapter;
        Status = NdisAllocateTimerObject(MiniportAdapterHandle, &Tc, &Adapter->SmTimer);
        if (Status != NDIS_STATUS_SUCCESS) {
            NdisFreeMemory(Adapter, 0, 0);
            return Status;
        }
    }
    NdisInitializeEvent(&Adapter->StopDone);

    NdisZeroMemory(&Ic, sizeof(Ic));
    Ic.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Ic.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Ic.Header.Size = sizeof(Ic);
    Ic.InterruptHandler = MpIsr;
    Ic.InterruptDpcHandler = MpDpc;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &Ic, &Adapter->Intr.Handle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }
    Adapter->Intr.Live = TRUE;
    {
        LARGE_INTEGER Due;
        Due.QuadPart = -10000LL * 100;
        NdisSetTimerObject(Adapter->SmTimer, Due, 100, Adapter);
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    Adapter->Halting = TRUE;
    NdisWaitEvent(&Adapter->StopDone, 0);
    NdisFreeTimerObject(Adapter->SmTimer);
    NdisFreeMemory(Adapter, 0, 0);
}

VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(MpDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(Chars);
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.InitializeHandlerEx = MpInitializeEx;
    Chars.HaltHandlerEx = MpHaltEx;
    Chars.UnloadHandler = MpUnload;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &MpDriverHandle);
}
