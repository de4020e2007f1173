/*
 * interrupt.c - QL-10 interrupt handling.
 */
#include "ql.h"

MINIPORT_ISR QlIsr;
MINIPORT_INTERRUPT_DPC QlDpc;
MINIPORT_ENABLE_INTERRUPT QlEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT QlDisableInterrupt;

/* Per-file trace helper (adapter.c has its own QlTrace). */
static VOID
QlTrace(_In_ PCSTR What, _In_ ULONG Number)
{
    DbgPrint("ql%u: interrupt: %s\n", Number, What);
}

_Use_decl_annotations_
BOOLEAN
QlMaskSync(PVOID SynchronizeContext)
{
    PQL_ADAPTER Adapter = (PQL_ADAPTER)SynchronizeContext;

    QlHwWrite(Adapter, QL_CSR_IMC, 0xFFFFFFFF);
    return TRUE;
}

_Use_decl_annotations_
BOOLEAN
QlUnmaskSync(PVOID SynchronizeContext)
{
    PQL_ADAPTER Adapter = (PQL_ADAPTER)SynchronizeContext;

    QlHwWrite(Adapter, QL_CSR_IMS, QL_IMS_ENABLE);
    return TRUE;
}

_Use_decl_annotations_
BOOLEAN
QlFilterSync(PVOID SynchronizeContext)
{
    PQL_ADAPTER Adapter = (PQL_ADAPTER)SynchronizeContext;
    QL_RCTL Rctl;

    Rctl.All = QlHwRead(Adapter, QL_CSR_RCTL);
    Rctl.Bits.UcastProm = (Adapter->PacketFilter & NDIS_PACKET_TYPE_PROMISCUOUS) ? 1 : 0;
    Rctl.Bits.McastProm = (Adapter->PacketFilter & NDIS_PACKET_TYPE_ALL_MULTICAST) ? 1 : 0;
    Rctl.Bits.Broadcast = (Adapter->PacketFilter & NDIS_PACKET_TYPE_BROADCAST) ? 1 : 0;
    Rctl.Bits.Enable = 1;
    QlHwWrite(Adapter, QL_CSR_RCTL, Rctl.All);
    return TRUE;
}

_Use_decl_annotations_
BOOLEAN
QlIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PQL_ADAPTER Adapter = (PQL_ADAPTER)MiniportInterruptContext;
    ULONG Icr;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Icr = QlHwRead(Adapter, QL_CSR_ICR);         /* read to clear */
    if ((Icr & QL_IMS_ENABLE) == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    QlHwWrite(Adapter, QL_CSR_IMC, 0xFFFFFFFF);
    Adapter->PendingIcr |= Icr;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

_Use_decl_annotations_
VOID
QlDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PQL_ADAPTER Adapter = (PQL_ADAPTER)MiniportInterruptContext;
    ULONG Icr;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    _Analysis_assume_(Adapter != NULL);
    Icr = Adapter->PendingIcr;
    Adapter->PendingIcr = 0;
    if (Icr & QL_ICR_LSC) {
        Adapter->State.LinkUp = (QlHwRead(Adapter, QL_CSR_STATUS) & QL_STATUS_LU) ? 1 : 0;
    }
    if (Icr & QL_ICR_TXDW) {
        NdisDprAcquireSpinLock(&Adapter->TxLock);
        Adapter->TxFrames++;
        NdisDprReleaseSpinLock(&Adapter->TxLock);
    }
    (VOID)QlSyncHw(Adapter, QlUnmaskSync, Adapter);
}

_Use_decl_annotations_
VOID
QlEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    QlHwWrite((PQL_ADAPTER)MiniportInterruptContext, QL_CSR_IMS, QL_IMS_ENABLE);
}

_Use_decl_annotations_
VOID
QlDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    QlHwWrite((PQL_ADAPTER)MiniportInterruptContext, QL_CSR_IMC, 0xFFFFFFFF);
}

_IRQL_requires_(PASSIVE_LEVEL)
NDIS_STATUS
QlConnectInterrupt(PQL_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Chars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Chars.InterruptHandler = QlIsr;
    Chars.InterruptDpcHandler = QlDpc;
    Chars.EnableInterruptHandler = QlEnableInterrupt;
    Chars.DisableInterruptHandler = QlDisableInterrupt;

    Status = NdisMRegisterInterruptEx(Adapter->MiniportHandle, Adapter, &Chars,
                                      &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        Adapter->InterruptHandle = NULL;
        QlTrace("register failed", Adapter->Number);
    }
    return Status;
}

/* Masks the chip and gives the interrupt back; a board with no interrupt is left alone. */
_IRQL_requires_(PASSIVE_LEVEL)
DECLSPEC_NOINLINE
VOID
QlDisconnectInterrupt(PQL_ADAPTER Adapter)
{
    NDIS_HANDLE Handle = Adapter->InterruptHandle;

    if (Handle == NULL) {
        return;
    }
    NdisMSynchronizeWithInterruptEx(Handle, 0, QlMaskSync, Adapter);
    Adapter->InterruptHandle = NULL;
    NdisMDeregisterInterruptEx(Handle);
    QlTrace("disconnected", Adapter->Number);
}

/* Runs Routine under the adapter's interrupt lock; FALSE when the board has no interrupt. */
BOOLEAN
QlSyncHw(PQL_ADAPTER Adapter, MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER Routine, PVOID Context)
{
    if (Adapter->InterruptHandle == NULL) {
        return FALSE;
    }
    return NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, Routine, Context);
}
