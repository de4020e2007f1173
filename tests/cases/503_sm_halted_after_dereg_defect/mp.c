/*
 * Case 503_sm_halted_after_dereg_defect: 502 with halt releasing the interrupt first (a "release
 * what the hardware uses, then stop the engine" order): it deregisters, then asks the state
 * machine for HALTED and waits on the event the HALTED handler sets.  That handler runs on the
 * timer thread while halt waits, and masks the MAC under NdisMSynchronizeWithInterruptEx: after
 * the deregistration.
 * Expected: 1 NdisMDeregisterInterruptEx defect at the handler's synchronize, seen on the tick
 * that runs while halt waits (and on the one NDIS may still run after a timed-out wait: halt
 * frees the timer object only after a wait that succeeded).
 */
#include <ndis.h>

#define ZM_TAG              'mZzZ'
#define ZM_SM_WAIT_MS       2000

typedef enum _ZM_SM_STATE {
    ZmStateIdle = 0,
    ZmStatePaused,
    ZmStateRunning,
    ZmStateHalted
} ZM_SM_STATE;

typedef struct _ZM_ADAPTER {
    NDIS_HANDLE     AdapterHandle;
    NDIS_HANDLE     InterruptHandle;
    NDIS_HANDLE     SmTimer;
    ZM_SM_STATE     SmState;
    ZM_SM_STATE     SmNextState;
    NDIS_EVENT      SmHaltedEvent;
    ULONG           ImrShadow;
} ZM_ADAPTER, *PZM_ADAPTER;

NDIS_HANDLE ZmDriverHandle;

MINIPORT_SET_OPTIONS ZmSetOptions;
MINIPORT_INITIALIZE ZmInitializeEx;
MINIPORT_HALT ZmHaltEx;
MINIPORT_PAUSE ZmPause;
MINIPORT_RESTART ZmRestart;
MINIPORT_ISR ZmIsr;
MINIPORT_INTERRUPT_DPC ZmDpc;
MINIPORT_ENABLE_INTERRUPT ZmEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT ZmDisableInterrupt;
MINIPORT_SYNCHRONIZE_INTERRUPT ZmMaskSync;
NDIS_TIMER_FUNCTION ZmSmTick;
DRIVER_INITIALIZE DriverEntry;

BOOLEAN ZmMaskSync(NDIS_HANDLE SynchronizeContext)
{
    PZM_ADAPTER Adapter = (PZM_ADAPTER)SynchronizeContext;
    Adapter->ImrShadow = 0;
    return TRUE;
}

static VOID ZmSmSetState(PZM_ADAPTER Adapter, ZM_SM_STATE Next, LONG DelayMs)
{
    LARGE_INTEGER Due;
    Adapter->SmNextState = Next;
    Due.QuadPart = -10000LL * DelayMs;
    NdisSetTimerObject(Adapter->SmTimer, Due, 0, NULL);
}

static VOID ZmOnHalted(PZM_ADAPTER Adapter)
{
    /* mask the MAC, then let halt go on */
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, ZmMaskSync, Adapter);   // defect: NdisMDeregisterInterruptEx
    NdisSetEvent(&Adapter->SmHaltedEvent);
}

VOID ZmSmTick(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PZM_ADAPTER Adapter = (PZM_ADAPTER)FunctionContext;
    ZM_SM_STATE Next = Adapter->SmNextState;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);

    Adapter->SmState = Next;
    switch (Next) {
    case ZmStateHalted:
        ZmOnHalted(Adapter);
        break;
    case ZmStateRunning:
        ZmSmSetState(Adapter, ZmStateRunning, 1000);    /* poll the link every second */
        break;
    default:
        break;
    }
}

BOOLEAN ZmIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    UNREFERENCED_PARAMETER(MiniportInterruptContext);
    UNREFERENCED_PARAMETER(TargetProcessors);
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID ZmDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    UNREFERENCED_PARAMETER(MiniportInterruptContext);
    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);
}

VOID ZmEnableInterrupt(NDIS_HANDLE MiniportInterruptContext) { UNREFERENCED_PARAMETER(MiniportInterruptContext); }
VOID ZmDisableInterrupt(NDIS_HANDLE MiniportInterruptContext) { UNREFERENCED_PARAMETER(MiniportInterruptContext); }

static VOID ZmReleaseInterrupt(PZM_ADAPTER Adapter)
{
    if (Adapter->InterruptHandle != NULL) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    }
}

static VOID ZmFreeAdapter(PZM_ADAPTER Adapter)
{
    if (Adapter->SmTimer != NULL) {
        NdisFreeTimerObject(Adapter->SmTimer);
        Adapter->SmTimer = NULL;
    }
    NdisFreeMemory(Adapter, 0, 0);
}

NDIS_STATUS ZmInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
                           PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PZM_ADAPTER Adapter;
    NDIS_TIMER_CHARACTERISTICS Tc;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(ZM_ADAPTER), ZM_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(ZM_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    NdisInitializeEvent(&Adapter->SmHaltedEvent);

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.InterfaceType = NdisInterfaceInternal;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }

    NdisZeroMemory(&Tc, sizeof(Tc));
    Tc.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    Tc.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    Tc.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
    Tc.AllocationTag = ZM_TAG;
    Tc.TimerFunction = ZmSmTick;
    Tc.FunctionContext = Adapter;
    Status = NdisAllocateTimerObject(MiniportAdapterHandle, &Tc, &Adapter->SmTimer);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }

    NdisZeroMemory(&Intr, sizeof(Intr));
    Intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Intr.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Intr.InterruptHandler = ZmIsr;
    Intr.InterruptDpcHandler = ZmDpc;
    Intr.DisableInterruptHandler = ZmDisableInterrupt;
    Intr.EnableInterruptHandler = ZmEnableInterrupt;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &Intr, &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        Adapter->InterruptHandle = NULL;
        ZmFreeAdapter(Adapter);
        return Status;
    }

    Adapter->SmState = ZmStatePaused;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS ZmRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PZM_ADAPTER Adapter = (PZM_ADAPTER)MiniportAdapterContext;
    UNREFERENCED_PARAMETER(RestartParameters);
    ZmSmSetState(Adapter, ZmStateRunning, 0);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS ZmPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PZM_ADAPTER Adapter = (PZM_ADAPTER)MiniportAdapterContext;
    UNREFERENCED_PARAMETER(PauseParameters);
    ZmSmSetState(Adapter, ZmStatePaused, 0);
    return NDIS_STATUS_SUCCESS;
}

VOID ZmHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PZM_ADAPTER Adapter = (PZM_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    ZmReleaseInterrupt(Adapter);
    NdisResetEvent(&Adapter->SmHaltedEvent);
    ZmSmSetState(Adapter, ZmStateHalted, 0);
    if (!NdisWaitEvent(&Adapter->SmHaltedEvent, ZM_SM_WAIT_MS)) {
        /* the state machine did not stop: keep what it uses rather than free it */
        return;
    }
    ZmFreeAdapter(Adapter);
}

NDIS_STATUS ZmSetOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    UNREFERENCED_PARAMETER(NdisDriverHandle);
    UNREFERENCED_PARAMETER(DriverContext);
    return NDIS_STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.SetOptionsHandler = ZmSetOptions;
    Chars.InitializeHandlerEx = ZmInitializeEx;
    Chars.HaltHandlerEx = ZmHaltEx;
    Chars.PauseHandler = ZmPause;
    Chars.RestartHandler = ZmRestart;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &ZmDriverHandle);
}
