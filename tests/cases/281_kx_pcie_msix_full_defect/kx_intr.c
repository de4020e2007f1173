/*
 * kx_intr.c - Kestrel KX-2000: interrupt registration (MSI-X, line-based fallback), ISRs, DPCs,
 * enable/disable handlers and the routines run through NdisMSynchronizeWithInterruptEx.
 */

#include "kx.h"

static VOID
KxIntrFillCharacteristics(PKX_ADAPTER Adapter, PNDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Chars, BOOLEAN UseMsiX)
{
    UNREFERENCED_PARAMETER(Adapter);

    NdisZeroMemory(Chars, sizeof(*Chars));
    Chars->Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Chars->Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Chars->Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Chars->InterruptHandler = KxIsr;
    Chars->InterruptDpcHandler = KxDpc;
    Chars->DisableInterruptHandler = KxDisableInterrupt;
    Chars->EnableInterruptHandler = KxEnableInterrupt;
    if (UseMsiX) {
        Chars->MsiSupported = TRUE;
        Chars->MsiSyncWithAllMessages = TRUE;
        Chars->MessageInterruptHandler = KxMsgIsr;
        Chars->MessageInterruptDpcHandler = KxMsgDpc;
        Chars->DisableMessageInterruptHandler = KxDisableMsgInterrupt;
        Chars->EnableMessageInterruptHandler = KxEnableMsgInterrupt;
    }
}

//
// One KX_VECTOR per queue pair; with MSI-X vector q is message q, the link/other causes come on
// message KX_OTHER_VECTOR.  Line-based: the DPC services every vector from the ICR.
//
static VOID
KxIntrAssignVectors(PKX_ADAPTER Adapter)
{
    ULONG q;

    for (q = 0; q < KX_MAX_VECTORS; q++) {
        PKX_VECTOR Vector = &Adapter->Intr.Vector[q];

        Vector->Adapter = Adapter;
        Vector->MessageId = q;
        Vector->Interrupts = 0;
        if (q < Adapter->NumQueues) {
            Vector->CauseMask = KX_EICR_QUEUE(q);
            Vector->Rx = &Adapter->RxRing[q];
            Vector->Tx = &Adapter->TxRing[q];
        } else {
            Vector->CauseMask = (q == KX_OTHER_VECTOR) ? KX_EICR_OTHER : 0;
            Vector->Rx = NULL;
            Vector->Tx = NULL;
        }
    }
    Adapter->Intr.NumVectors = (Adapter->Intr.Type == NDIS_CONNECT_MESSAGE_BASED) ? KX_MAX_VECTORS : 1;
}

//
// Register the interrupt.  MSI-X first when the registry allows it; NDIS_STATUS_RESOURCES (no
// message table from the PCI bus driver) or too few messages fall back to a line interrupt.
//
NDIS_STATUS
KxIntrRegister(PKX_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Chars;
    NDIS_HANDLE Handle = NULL;
    NDIS_STATUS Status;

    DBGENTER("KxIntrRegister");

    KxIntrFillCharacteristics(Adapter, &Chars, Adapter->Intr.MsiXAllowed);
    Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &Chars, &Handle);
    if (Status == NDIS_STATUS_RESOURCES && Adapter->Intr.MsiXAllowed) {
        DBGPRINT(KX_DBG_WARN, ("MSI-X registration refused, using a line interrupt\n"));
        KxIntrFillCharacteristics(Adapter, &Chars, FALSE);
        Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &Chars, &Handle);
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        DBGPRINT(KX_DBG_ERROR, ("NdisMRegisterInterruptEx failed 0x%08x\n", Status));
        DBGLEAVE("KxIntrRegister", Status);
        return Status;
    }

    if (Chars.InterruptType == NDIS_CONNECT_MESSAGE_BASED &&
        (Chars.MessageInfoTable == NULL || Chars.MessageInfoTable->MessageCount < KX_MAX_VECTORS)) {
        //
        // Fewer messages than queue pairs + 1: the vector layout does not fit.  Give the
        // messages back and take a line interrupt instead.
        //
        DBGPRINT(KX_DBG_WARN, ("only %u MSI-X messages, using a line interrupt\n",
                               Chars.MessageInfoTable != NULL ? Chars.MessageInfoTable->MessageCount : 0));
        NdisMDeregisterInterruptEx(Handle);
        Handle = NULL;
        KxIntrFillCharacteristics(Adapter, &Chars, FALSE);
        Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &Chars, &Handle);
        if (Status != NDIS_STATUS_SUCCESS) {
            DBGPRINT(KX_DBG_ERROR, ("line interrupt registration failed 0x%08x\n", Status));
            DBGLEAVE("KxIntrRegister", Status);
            return Status;
        }
    }

    Adapter->Intr.Handle = Handle;
    Adapter->Intr.Type = Chars.InterruptType;
    Adapter->Intr.MessageInfo = (Chars.InterruptType == NDIS_CONNECT_MESSAGE_BASED) ? Chars.MessageInfoTable : NULL;
    Adapter->Intr.LineCause = 0;
    KxIntrAssignVectors(Adapter);
    KxHalConfigureVectors(Adapter);
    Adapter->Intr.Registered = TRUE;

    DBGPRINT(KX_DBG_INFO, ("interrupt registered: %s, %u vector(s)\n",
                           Adapter->Intr.Type == NDIS_CONNECT_MESSAGE_BASED ? "MSI-X" : "line",
                           Adapter->Intr.NumVectors));
    DBGLEAVE("KxIntrRegister", NDIS_STATUS_SUCCESS);
    return NDIS_STATUS_SUCCESS;
}

VOID
KxIntrRelease(PKX_ADAPTER Adapter)
{
    if (!Adapter->Intr.Registered) {
        return;
    }
    Adapter->Intr.Registered = FALSE;
    NdisMDeregisterInterruptEx(Adapter->Intr.Handle);
    Adapter->Intr.Handle = NULL;
    Adapter->Intr.MessageInfo = NULL;
    Adapter->Intr.NumVectors = 0;
    DBGPRINT(KX_DBG_INFO, ("interrupt released\n"));
}

//
// Synchronize routines (DIRQL).
//
BOOLEAN
KxSyncMaskAll(NDIS_HANDLE SynchronizeContext)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)SynchronizeContext;

    KX_WRITE_REG(Adapter, KX_REG_IMC, 0xFFFFFFFF);
    KX_WRITE_REG(Adapter, KX_REG_EIMC, 0xFFFFFFFF);
    Adapter->Intr.LineCause = 0;
    return TRUE;
}

BOOLEAN
KxSyncUnmaskAll(NDIS_HANDLE SynchronizeContext)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)SynchronizeContext;
    ULONG Mask = 0;
    ULONG v;

    if (Adapter->Intr.Type == NDIS_CONNECT_MESSAGE_BASED) {
        for (v = 0; v < Adapter->Intr.NumVectors; v++) {
            Mask |= Adapter->Intr.Vector[v].CauseMask;
        }
        KX_WRITE_REG(Adapter, KX_REG_EIMS, Mask);
    } else {
        Adapter->Hal.ImsShadow = KX_IMS_ENABLE_MASK;
        KX_WRITE_REG(Adapter, KX_REG_IMS, Adapter->Hal.ImsShadow);
    }
    return TRUE;
}

BOOLEAN
KxSyncApplyRxFilter(NDIS_HANDLE SynchronizeContext)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)SynchronizeContext;

    KxHalProgramRxFilter(Adapter);
    KxHalProgramMulticast(Adapter);
    return TRUE;
}

BOOLEAN
KxSyncArmWake(NDIS_HANDLE SynchronizeContext)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)SynchronizeContext;

    KxHalProgramWake(Adapter);
    return TRUE;
}

BOOLEAN
KxSyncReadLinkCause(NDIS_HANDLE SynchronizeContext)
{
    PKX_SYNC_LINK_CONTEXT Context = (PKX_SYNC_LINK_CONTEXT)SynchronizeContext;
    PKX_ADAPTER Adapter = Context->Adapter;

    KX_READ_REG(Adapter, KX_REG_STATUS, &Context->Status);
    Context->Cause = Adapter->Intr.LineCause & KX_ICR_LSC;
    Adapter->Intr.LineCause &= ~KX_ICR_LSC;
    return TRUE;
}

//
// Line-based interrupt.
//
BOOLEAN
KxIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportInterruptContext;
    ULONG Icr;

    *TargetProcessors = 0;
    KX_READ_REG(Adapter, KX_REG_ICR, &Icr);
    if (Icr == 0xFFFFFFFF || (Icr & KX_ICR_ASSERTED) == 0) {
        // shared line, not ours (or the device fell off the bus)
        Adapter->Intr.SpuriousCount++;
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    KX_WRITE_REG(Adapter, KX_REG_IMC, 0xFFFFFFFF);
    Adapter->Intr.LineCause |= Icr;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
KxEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportInterruptContext;

    KX_WRITE_REG(Adapter, KX_REG_IMS, Adapter->Hal.ImsShadow);
}

VOID
KxDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportInterruptContext;

    KX_WRITE_REG(Adapter, KX_REG_IMC, 0xFFFFFFFF);
}

//
// Service one queue pair: receive up to Budget frames, then reclaim transmit descriptors.
// Returns TRUE when the receive budget ran out (more work pending).
//
static BOOLEAN
KxServiceVector(PKX_ADAPTER Adapter, PKX_VECTOR Vector, ULONG Budget)
{
    ULONG Received = 0;

    if (Vector->Rx != NULL) {
        Received = KxRxProcess(Adapter, Vector->Rx, Budget);
    }
    if (Vector->Tx != NULL) {
        KxTxComplete(Adapter, Vector->Tx);
    }
    return (Received >= Budget) ? TRUE : FALSE;
}

static VOID
KxHandleLinkChange(PKX_ADAPTER Adapter)
{
    BOOLEAN WasUp = Adapter->Phy.LinkUp;

    KxPhyCheckLink(Adapter);
    if (WasUp != Adapter->Phy.LinkUp) {
        KxIndicateLinkState(Adapter);
    }
}

VOID
KxDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportInterruptContext;
    ULONG Cause;
    ULONG q;
    BOOLEAN More = FALSE;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Cause = (ULONG)InterlockedExchange((LONG volatile *)&Adapter->Intr.LineCause, 0);

    if (Cause & KX_ICR_LSC) {
        KxHandleLinkChange(Adapter);
    }
    if (Cause & (KX_ICR_RXT0 | KX_ICR_RXDMT0 | KX_ICR_RXO | KX_ICR_TXDW)) {
        if (Cause & KX_ICR_RXO) {
            Adapter->Stats.RxNoBuffer++;
        }
        for (q = 0; q < Adapter->NumQueues; q++) {
            if (KxServiceVector(Adapter, &Adapter->Intr.Vector[q], KX_RX_BUDGET / KX_MAX_QUEUES)) {
                More = TRUE;
            }
        }
    }

    if (More) {
        // leave the causes masked; the DPC runs again
        Adapter->Intr.LineCause |= KX_ICR_RXT0;
        NdisMQueueDpcEx(Adapter->Intr.Handle, 0, NULL, NULL);
        return; // defect: NdisSpinLock
    }
    if (Adapter->State != KxStateHalting) {
        KX_WRITE_REG(Adapter, KX_REG_IMS, Adapter->Hal.ImsShadow);
    }
} // defect: NdisSpinLock

//
// MSI-X.  EIAC auto-masks a vector when it fires; the DPC unmasks it again.
//
BOOLEAN
KxMsgIsr(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportInterruptContext;

    *TargetProcessors = 0;
    if (MessageId >= Adapter->Intr.NumVectors) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    Adapter->Intr.Vector[MessageId].Interrupts++;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
KxMsgDpc(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PVOID MiniportDpcContext,
         PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportInterruptContext;
    PKX_VECTOR Vector;
    ULONG Eicr;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    if (MessageId == KX_OTHER_VECTOR) {
        KX_READ_REG(Adapter, KX_REG_ICR, &Eicr);
        if (Eicr & KX_ICR_LSC) {
            KxHandleLinkChange(Adapter);
        }
        KX_WRITE_REG(Adapter, KX_REG_EIMS, KX_EICR_OTHER);
        return;
    }
    if (MessageId >= Adapter->NumQueues) {
        DBGPRINT(KX_DBG_WARN, ("DPC for unexpected message %u\n", MessageId));
        return;
    }

    Vector = &Adapter->Intr.Vector[MessageId];
    if (KxServiceVector(Adapter, Vector, KX_RX_BUDGET)) {
        // budget used up: run again, the vector stays masked
        NdisMQueueDpcEx(Adapter->Intr.Handle, MessageId, NULL, NULL);
        return; // defect: NdisSpinLock
    }
    if (Adapter->State != KxStateHalting) {
        KX_WRITE_REG(Adapter, KX_REG_EIMS, Vector->CauseMask);
    }
} // defect: NdisSpinLock

VOID
KxEnableMsgInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportInterruptContext;

    if (MessageId < Adapter->Intr.NumVectors) {
        KX_WRITE_REG(Adapter, KX_REG_EIMS, Adapter->Intr.Vector[MessageId].CauseMask);
    }
}

VOID
KxDisableMsgInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PKX_ADAPTER Adapter = (PKX_ADAPTER)MiniportInterruptContext;

    if (MessageId < Adapter->Intr.NumVectors) {
        KX_WRITE_REG(Adapter, KX_REG_EIMC, Adapter->Intr.Vector[MessageId].CauseMask);
    }
}
