/*
 * interrupt.c - Contoso CX-2000 miniport: interrupt registration, ISR, DPC, and the helpers
 * that touch interrupt-shared registers under the interrupt lock.
 *
 * Every access to CX_REG_INT_MASK, CX_REG_RX_FILTER and the clear-on-read counters from
 * outside the ISR goes through NdisMSynchronizeWithInterruptEx (the CxSync* helpers), which
 * is only allowed while the interrupt is registered: callers check
 * Adapter->InterruptConnected or know it to be TRUE.
 */

#include "cx.h"

MINIPORT_SYNCHRONIZE_INTERRUPT CxDisableInterruptsSync;
MINIPORT_SYNCHRONIZE_INTERRUPT CxEnableInterruptsSync;
MINIPORT_SYNCHRONIZE_INTERRUPT CxProgramFilterSync;
MINIPORT_SYNCHRONIZE_INTERRUPT CxReadCountersSync;

BOOLEAN
CxDisableInterruptsSync(PVOID SynchronizeContext)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)SynchronizeContext;

    CX_WRITE(Adapter, CX_REG_INT_MASK, 0);
    return TRUE;
}

BOOLEAN
CxEnableInterruptsSync(PVOID SynchronizeContext)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)SynchronizeContext;

    CX_WRITE(Adapter, CX_REG_INT_MASK, CX_INT_ALL);
    return TRUE;
}

BOOLEAN
CxProgramFilterSync(PVOID SynchronizeContext)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)SynchronizeContext;
    ULONG Filter = 0;

    if (Adapter->PacketFilter & NDIS_PACKET_TYPE_DIRECTED) {
        Filter |= CX_RX_FILTER_DIRECTED;
    }
    if (Adapter->PacketFilter & NDIS_PACKET_TYPE_MULTICAST) {
        Filter |= CX_RX_FILTER_MULTICAST;
    }
    if (Adapter->PacketFilter & NDIS_PACKET_TYPE_ALL_MULTICAST) {
        Filter |= CX_RX_FILTER_ALL_MULTICAST;
    }
    if (Adapter->PacketFilter & NDIS_PACKET_TYPE_BROADCAST) {
        Filter |= CX_RX_FILTER_BROADCAST;
    }
    if (Adapter->PacketFilter & NDIS_PACKET_TYPE_PROMISCUOUS) {
        Filter |= CX_RX_FILTER_PROMISCUOUS;
    }
    CX_WRITE(Adapter, CX_REG_RX_FILTER, Filter);
    return TRUE;
}

BOOLEAN
CxReadCountersSync(PVOID SynchronizeContext)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)SynchronizeContext;

    Adapter->RxCrcErrors += CX_READ(Adapter, CX_REG_STAT_RX_CRC);
    Adapter->RxMissed += CX_READ(Adapter, CX_REG_STAT_RX_MISSED);
    Adapter->TxCollisions += CX_READ(Adapter, CX_REG_STAT_TX_COLLISIONS);
    return TRUE;
}

VOID
CxSyncDisableInterrupts(PCX_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, CxDisableInterruptsSync, Adapter); // defect: NdisMDeregisterInterruptEx
}

VOID
CxSyncEnableInterrupts(PCX_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, CxEnableInterruptsSync, Adapter);
}

VOID
CxSyncProgramFilter(PCX_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, CxProgramFilterSync, Adapter);
}

VOID
CxSyncReadCounters(PCX_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, CxReadCountersSync, Adapter);
}

//
// Register the line-based interrupt with NDIS.  On success InterruptConnected is set and the
// chip's interrupts are still masked; the caller unmasks them with CxSyncEnableInterrupts.
//
NDIS_STATUS
CxConnectInterrupt(PCX_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS InterruptChars;
    NDIS_STATUS Status;

    NdisZeroMemory(&InterruptChars, sizeof(InterruptChars));
    InterruptChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    InterruptChars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    InterruptChars.Header.Size = sizeof(NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS);
    InterruptChars.InterruptHandler = MpIsr;
    InterruptChars.InterruptDpcHandler = MpInterruptDpc;
    InterruptChars.DisableInterruptHandler = MpDisableInterrupt;
    InterruptChars.EnableInterruptHandler = MpEnableInterrupt;

    Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &InterruptChars,
                                      &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisWriteErrorLogEntry(Adapter->AdapterHandle, NDIS_ERROR_CODE_INTERRUPT_CONNECT, 1, Status);
        return Status;
    }
    Adapter->InterruptConnected = TRUE;
    return NDIS_STATUS_SUCCESS;
}

//
// Give the interrupt back to NDIS.  The caller has masked the chip.
//
VOID
CxDisconnectInterrupt(PCX_ADAPTER Adapter)
{
    if (Adapter->InterruptConnected) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptConnected = FALSE;
    }
}

BOOLEAN
MpIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(TargetProcessors);

    //
    // The line is shared: a cause of zero (or all ones, device gone) is not ours.
    //
    Cause = CX_READ(Adapter, CX_REG_INT_CAUSE);
    if (Cause == 0 || Cause == 0xFFFFFFFF) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    CX_WRITE(Adapter, CX_REG_INT_MASK, 0);
    Adapter->InterruptCause |= Cause & CX_INT_ALL;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
MpInterruptDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext,
               PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Cause = Adapter->InterruptCause;
    Adapter->InterruptCause = 0;

    if (Cause & (CX_INT_RX | CX_INT_RX_OVERRUN)) {
        NdisDprAcquireSpinLock(&Adapter->RecvLock);
        Adapter->FramesReceived += CX_READ(Adapter, CX_REG_RX_HEAD) & 0xFF;
        Adapter->HangChecksWithoutRx = 0;
        NdisDprReleaseSpinLock(&Adapter->RecvLock);
    }
    if (Cause & CX_INT_TX) {
        NdisDprAcquireSpinLock(&Adapter->SendLock);
        Adapter->TxInFlight = 0;
        NdisDprReleaseSpinLock(&Adapter->SendLock);
    }
    if (Cause & CX_INT_LINK) {
        Adapter->LinkUp = (CX_READ(Adapter, CX_REG_STATUS) & CX_STATUS_LINK_UP) != 0;
    }

    //
    // A DPC queued just before the interrupt was given back can still run: unmask only
    // while the interrupt is connected.
    //
    if (Adapter->InterruptConnected) {
        CxSyncEnableInterrupts(Adapter);
    }
}

VOID
MpEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)MiniportInterruptContext;

    CX_WRITE(Adapter, CX_REG_INT_MASK, CX_INT_ALL);
}

VOID
MpDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)MiniportInterruptContext;

    CX_WRITE(Adapter, CX_REG_INT_MASK, 0);
}
