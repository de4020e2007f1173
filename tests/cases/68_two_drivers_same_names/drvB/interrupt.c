/*
 * Case 68_two_drivers_same_names, driver B (folder drvB, clean): same function names as driver A.
 * Here MpStopDma stops DMA under the interrupt lock (it synchronizes) and MpHaltEx calls it before
 * deregistering; MpInterruptDisable writes the mask register directly and is called after.
 * Clean on its own.  Mixed with driver A, A's halt would reach B's MpStopDma after its
 * deregistration and report a false defect in drvB/adapter.c.
 */

#include "mp.h"

MINIPORT_SYNCHRONIZE_INTERRUPT MpDisableInterruptSync;
MINIPORT_SYNCHRONIZE_INTERRUPT MpEnableInterruptSync;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSetFilterSync;

BOOLEAN
MpDisableInterruptSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
    return TRUE;
}

BOOLEAN
MpEnableInterruptSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, MP_INT_ALL);
    return TRUE;
}

BOOLEAN
MpSetFilterSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    MP_WRITE_REG(Adapter, MP_REG_RX_FILTER, Adapter->PacketFilter);
    return TRUE;
}

NDIS_STATUS
MpRegisterInterrupt(PMP_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS InterruptChars;
    NDIS_STATUS Status;

    NdisZeroMemory(&InterruptChars, sizeof(InterruptChars));
    InterruptChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    InterruptChars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    InterruptChars.Header.Size = sizeof(NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS);
    InterruptChars.InterruptHandler = MpIsr;
    InterruptChars.InterruptDpcHandler = MpDpc;
    InterruptChars.DisableInterruptHandler = MpDisableInterrupt;
    InterruptChars.EnableInterruptHandler = MpEnableInterrupt;

    Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &InterruptChars,
                                      &Adapter->InterruptHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        Adapter->InterruptRegistered = TRUE;
    }
    return Status;
}

VOID
MpDeregisterInterrupt(PMP_ADAPTER Adapter)
{
    if (Adapter->InterruptRegistered) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptRegistered = FALSE;
    }
}

VOID
MpInterruptDisable(PMP_ADAPTER Adapter)
{
    // FE-100 rev 2: the mask register is write-only and idempotent, no need to take the interrupt lock
    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
}

VOID
MpInterruptEnable(PMP_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpEnableInterruptSync, Adapter);
}

VOID
MpApplyPacketFilter(PMP_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSetFilterSync, Adapter);
}

BOOLEAN
MpIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG Events;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Events = MP_READ_REG(Adapter, MP_REG_INT_STATUS) & MP_INT_ALL;
    *QueueDefaultInterruptDpc = Events != 0;
    if (Events == 0) {
        return FALSE;
    }
    MP_WRITE_REG(Adapter, MP_REG_INT_STATUS, Events);
    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
    Adapter->PendingEvents |= Events;
    return TRUE;
}

VOID
MpDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext,
      PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    NdisDprAcquireSpinLock(&Adapter->Lock);
    if (Adapter->PendingEvents & MP_INT_RX) {
        Adapter->FramesReceived++;
    }
    Adapter->PendingEvents = 0;
    NdisDprReleaseSpinLock(&Adapter->Lock);
    MpInterruptEnable(Adapter);
}

VOID
MpEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, MP_INT_ALL);
}

VOID
MpDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
}
