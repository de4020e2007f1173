/*
 * hw_isr.c - RW-300 interrupt: registration, ISR/DPC, and everything that touches the
 * interrupt-shared registers through NdisMSynchronizeWithInterruptEx on Hw->InterruptHandle.
 * See mp_main.c for what the case exercises.
 */
#include "hw_main.h"

typedef struct _HW_SYNC_EVENTS {
    PHW                     Hw;
    ULONG                   Events;
} HW_SYNC_EVENTS, *PHW_SYNC_EVENTS;

static BOOLEAN
HwEnableInterruptSync(NDIS_HANDLE SynchronizeContext)
{
    PHW Hw = (PHW)SynchronizeContext;

    if (HW_TEST_FLAG(Hw, fHW_FATAL_ERROR)) {
        return FALSE;
    }
    HW_WRITE_REGISTER(Hw, HW_REG_INT_ENABLE, HW_INT_MASK);
    return TRUE;
}

static BOOLEAN
HwDisableInterruptSync(NDIS_HANDLE SynchronizeContext)
{
    PHW Hw = (PHW)SynchronizeContext;

    HW_WRITE_REGISTER(Hw, HW_REG_INT_ENABLE, 0);
    return TRUE;
}

static BOOLEAN
HwFetchEventsSync(NDIS_HANDLE SynchronizeContext)
{
    PHW_SYNC_EVENTS Sync = (PHW_SYNC_EVENTS)SynchronizeContext;

    Sync->Events = Sync->Hw->PendingInterrupts;
    Sync->Hw->PendingInterrupts = 0;
    return Sync->Events != 0;
}

static BOOLEAN
HwRxControlSync(NDIS_HANDLE SynchronizeContext)
{
    PHW Hw = (PHW)SynchronizeContext;

    // the ISR reads RX_CONTROL to tell an overrun from a stopped receiver
    HW_WRITE_REGISTER(Hw, HW_REG_RX_FILTER, Hw->RxFilter);
    HW_WRITE_REGISTER(Hw, HW_REG_RX_CONTROL,
                      HW_TEST_FLAG(Hw, fHW_RX_ENABLED) ? HW_RX_CONTROL_ENABLE : 0);
    return TRUE;
}

NDIS_STATUS
HwRegisterInterrupt(PHW Hw)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS InterruptChars;
    NDIS_STATUS Status;

    NdisZeroMemory(&InterruptChars, sizeof(InterruptChars));
    InterruptChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    InterruptChars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    InterruptChars.Header.Size = sizeof(NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS);
    InterruptChars.InterruptHandler = HwInterrupt;
    InterruptChars.InterruptDpcHandler = HwInterruptDPC;
    InterruptChars.EnableInterruptHandler = HwMiniportEnableInterrupt;
    InterruptChars.DisableInterruptHandler = HwMiniportDisableInterrupt;

    Status = NdisMRegisterInterruptEx(Hw->MiniportAdapterHandle, Hw, &InterruptChars,
                                      &Hw->InterruptHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        HW_SET_FLAG(Hw, fHW_INTERRUPT_REGISTERED);
    }
    return Status;
}

VOID
HwDeregisterInterrupt(PHW Hw)
{
    if (HW_TEST_FLAG(Hw, fHW_INTERRUPT_REGISTERED)) {
        NdisMDeregisterInterruptEx(Hw->InterruptHandle);
        HW_CLEAR_FLAG(Hw, fHW_INTERRUPT_REGISTERED);
    }
}

BOOLEAN
HwEnableInterrupt(PHW Hw)
{
    return NdisMSynchronizeWithInterruptEx(Hw->InterruptHandle, 0, HwEnableInterruptSync, Hw);
}

VOID
HwDisableInterrupt(PHW Hw)
{
    NdisMSynchronizeWithInterruptEx(Hw->InterruptHandle, 0, HwDisableInterruptSync, Hw);
}

BOOLEAN
HwProgramReceiver(PHW Hw)
{
    return NdisMSynchronizeWithInterruptEx(Hw->InterruptHandle, 0, HwRxControlSync, Hw); // defect: NdisMDeregisterInterruptEx
}

VOID
HwEnableReceiver(PHW Hw)
{
    HW_SET_FLAG(Hw, fHW_RX_ENABLED);
    (VOID)HwProgramReceiver(Hw);
}

VOID
HwDisableReceiver(PHW Hw)
{
    if (!HW_TEST_FLAG(Hw, fHW_RX_ENABLED)) {
        return;
    }
    HW_CLEAR_FLAG(Hw, fHW_RX_ENABLED);
    (VOID)HwProgramReceiver(Hw);
}

BOOLEAN
HwInterrupt(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PHW Hw = (PHW)MiniportInterruptContext;
    ULONG Status;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Status = HW_READ_REGISTER(Hw, HW_REG_INT_STATUS);
    if ((Status & HW_INT_MASK) == 0 || Status == 0xFFFFFFFF) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    HW_WRITE_REGISTER(Hw, HW_REG_INT_ENABLE, 0);
    HW_WRITE_REGISTER(Hw, HW_REG_INT_STATUS, Status);
    Hw->PendingInterrupts |= Status & HW_INT_MASK;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
HwInterruptDPC(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PHW Hw = (PHW)MiniportInterruptContext;
    HW_SYNC_EVENTS Sync;
    BOOLEAN LinkUp;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Sync.Hw = Hw;
    Sync.Events = 0;
    if (NdisMSynchronizeWithInterruptEx(Hw->InterruptHandle, 0, HwFetchEventsSync, &Sync)) {
        if (Sync.Events & HW_INT_RX_DONE) {
            Hw->RxFrames += HW_READ_REGISTER(Hw, HW_REG_RX_COUNT);
        }
        if (Sync.Events & HW_INT_LINK_CHANGE) {
            LinkUp = (HW_READ_REGISTER(Hw, HW_REG_LINK_STATUS) & HW_LINK_UP) != 0;
            if (LinkUp != Hw->LinkUp) {
                Hw->LinkUp = LinkUp;
                MpIndicateLinkState(Hw->Adapter, LinkUp);
            }
        }
        if (Sync.Events & HW_INT_FATAL) {
            // left masked; check-for-hang reports it and NDIS resets us
            HW_SET_FLAG(Hw, fHW_FATAL_ERROR);
        }
    }

    if (!HwEnableInterrupt(Hw)) {
        HwTrace(("RW300: fatal error, interrupt left masked\n"));
    }
}

VOID
HwMiniportEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PHW Hw = (PHW)MiniportInterruptContext;

    HW_WRITE_REGISTER(Hw, HW_REG_INT_ENABLE, HW_INT_MASK);
}

VOID
HwMiniportDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PHW Hw = (PHW)MiniportInterruptContext;

    HW_WRITE_REGISTER(Hw, HW_REG_INT_ENABLE, 0);
}
