/*
 * Case 69_static_same_name_two_files (Fabrikam FE-100, four files): adapter.c and interrupt.c each
 * define a `static VOID MpQuiesce(PMP_ADAPTER)`.  interrupt.c's masks the chip under
 * NdisMSynchronizeWithInterruptEx and serves MpInterruptDisable; adapter.c's stops DMA with plain
 * register writes and is what MpHaltEx calls after deregistering the interrupt.  Each file's
 * static function is a different function: the halt path never synchronizes.  Expected: clean
 * (confusing the two statics would report the synchronize in interrupt.c).  The same text heads
 * every file of the case.
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

//
// Mask the chip's interrupts under the interrupt lock.
//
static VOID
MpQuiesce(PMP_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpDisableInterruptSync, Adapter);
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
    MpQuiesce(Adapter);
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
