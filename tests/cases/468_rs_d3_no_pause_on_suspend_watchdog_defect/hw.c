/*
 * hw.c - RS-600 register access, interrupt connection and interrupt handlers.
 */
#include "rs.h"

NDIS_STATUS
RsHwMapRegisters(PRS_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    ULONG Index;

    if (Resources == NULL) {
        return NDIS_STATUS_RESOURCE_CONFLICT;
    }
    for (Index = 0; Index < Resources->Count; Index++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc = &Resources->PartialDescriptors[Index];

        if (Desc->Type != CmResourceTypeMemory || Desc->u.Memory.Length < RS_CSR_SIZE) {
            continue;
        }
        Adapter->CsrPhys = Desc->u.Memory.Start;
        return NdisMMapIoSpace((PVOID *)&Adapter->Csr, Adapter->MiniportHandle, Desc->u.Memory.Start,
                               RS_CSR_SIZE);
    }
    return NDIS_STATUS_RESOURCE_CONFLICT;
}

VOID
RsHwUnmapRegisters(PRS_ADAPTER Adapter)
{
    if (Adapter->Csr != NULL) {
        NdisMUnmapIoSpace(Adapter->MiniportHandle, (PVOID)Adapter->Csr, RS_CSR_SIZE);
        Adapter->Csr = NULL;
    }
}

/*
 * Global reset: the MAC clears CTRL.RST and sets STATUS.RST_DONE within 10 ms.  Poll in
 * 10 us steps (each stall is short; the loop bounds the total).
 */
NDIS_STATUS
RsHwResetChip(PRS_ADAPTER Adapter)
{
    ULONG Poll;

    RS_WRITE(Adapter, RS_CSR_IMC, 0xFFFFFFFF);
    RS_WRITE(Adapter, RS_CSR_CTRL, RS_READ(Adapter, RS_CSR_CTRL) | RS_CTRL_RST);
    for (Poll = 0; Poll < RS_RESET_POLLS; Poll++) {
        if (RS_READ(Adapter, RS_CSR_STATUS) & RS_STATUS_RST_DONE) {
            break;
        }
        NdisStallExecution(RS_RESET_POLL_US);
    }
    if (Poll == RS_RESET_POLLS) {
        return NDIS_STATUS_DEVICE_FAILED;
    }
    RS_WRITE(Adapter, RS_CSR_IMC, 0xFFFFFFFF);
    (VOID)RS_READ(Adapter, RS_CSR_ICR);
    return NDIS_STATUS_SUCCESS;
}

/*
 * One EEPROM word.  The EERD engine sometimes needs a few microseconds more after a reset;
 * the read is retried with a delay that doubles each time (2, 4, 8, 16, 32 us).
 */
static BOOLEAN
RsHwReadEepromWord(PRS_ADAPTER Adapter, ULONG Word, PUSHORT Value)
{
    ULONG Try;
    ULONG DelayUs = RS_EE_FIRST_DELAY_US;
    ULONG Eerd;

    for (Try = 0; Try < RS_EE_TRIES; Try++) {
        RS_WRITE(Adapter, RS_CSR_EERD, (Word << 8) | RS_EERD_START);
        NdisStallExecution(DelayUs);
        Eerd = RS_READ(Adapter, RS_CSR_EERD);
        if (Eerd & RS_EERD_DONE) {
            *Value = (USHORT)(Eerd >> 16);
            return TRUE;
        }
        DelayUs <<= 1;
    }
    return FALSE;
}

NDIS_STATUS
RsHwReadMacAddress(PRS_ADAPTER Adapter)
{
    ULONG Word;
    USHORT Value = 0;

    for (Word = 0; Word < 3; Word++) {
        if (!RsHwReadEepromWord(Adapter, Word, &Value)) {
            return NDIS_STATUS_DEVICE_FAILED;
        }
        Adapter->PermanentAddress[Word * 2] = (UCHAR)(Value & 0xFF);
        Adapter->PermanentAddress[Word * 2 + 1] = (UCHAR)(Value >> 8);
    }
    if (Adapter->PermanentAddress[0] & 0x01) {
        return NDIS_STATUS_INVALID_ADDRESS;
    }
    return NDIS_STATUS_SUCCESS;
}

/* ---- interrupt connection ------------------------------------------------------------------ */

/*
 * Connect MSI-X if the platform grants it, else the legacy line.  NDIS reports which kind it
 * connected in InterruptType; the message IDs the synchronize calls use depend on it.
 */
NDIS_STATUS
RsConnectInterrupt(PRS_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    NDIS_STATUS Status;

    NdisZeroMemory(&Intr, sizeof(Intr));
    Intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Intr.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Intr.InterruptHandler = RsIsr;
    Intr.InterruptDpcHandler = RsDpc;
    Intr.DisableInterruptHandler = RsDisableInterrupt;
    Intr.EnableInterruptHandler = RsEnableInterrupt;
    Intr.MsiSupported = TRUE;
    Intr.MsiSyncWithAllMessages = TRUE;
    Intr.MessageInterruptHandler = RsMsgIsr;
    Intr.MessageInterruptDpcHandler = RsMsgDpc;
    Intr.DisableMessageInterruptHandler = RsDisableMsg;
    Intr.EnableMessageInterruptHandler = RsEnableMsg;

    Status = NdisMRegisterInterruptEx(Adapter->MiniportHandle, Adapter, &Intr, &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        /* no MSI-X (or not enough vectors): try the line */
        Intr.MsiSupported = FALSE;
        Intr.MsiSyncWithAllMessages = FALSE;
        Intr.MessageInterruptHandler = NULL;
        Intr.MessageInterruptDpcHandler = NULL;
        Intr.DisableMessageInterruptHandler = NULL;
        Intr.EnableMessageInterruptHandler = NULL;
        Status = NdisMRegisterInterruptEx(Adapter->MiniportHandle, Adapter, &Intr, &Adapter->InterruptHandle);
        if (Status != NDIS_STATUS_SUCCESS) {
            Adapter->InterruptHandle = NULL;
            Adapter->InterruptConnected = FALSE;
            return Status;
        }
    }

    Adapter->MessageBased = (BOOLEAN)(Intr.InterruptType == NDIS_CONNECT_MESSAGE_BASED);
    if (Adapter->MessageBased && Intr.MessageInfoTable != NULL &&
        Intr.MessageInfoTable->MessageCount >= RS_MSIX_VECTORS) {
        Adapter->MessageCount = RS_MSIX_VECTORS;
        Adapter->RxMessageId = RS_MSIX_RX;
        Adapter->TxMessageId = RS_MSIX_TX;
    } else {
        /* one message (or the line): everything on message 0 */
        Adapter->MessageCount = 1;
        Adapter->RxMessageId = 0;
        Adapter->TxMessageId = 0;
    }
    Adapter->InterruptConnected = TRUE;
    return NDIS_STATUS_SUCCESS;
}

VOID
RsDisconnectInterrupt(PRS_ADAPTER Adapter)
{
    if (!Adapter->InterruptConnected) {
        return;
    }
    Adapter->InterruptConnected = FALSE;
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    Adapter->InterruptHandle = NULL;
    Adapter->MessageBased = FALSE;
}

ULONG
RsSyncMessageId(PRS_ADAPTER Adapter, BOOLEAN Transmit)
{
    if (!Adapter->MessageBased) {
        return 0;
    }
    return Transmit ? Adapter->TxMessageId : Adapter->RxMessageId;
}

/* ---- synchronize routines (DIRQL) ---------------------------------------------------------- */

BOOLEAN
RsSyncMaskAll(PVOID SynchronizeContext)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)SynchronizeContext;

    RS_WRITE(Adapter, RS_CSR_IMC, 0xFFFFFFFF);
    RS_WRITE(Adapter, RS_CSR_EIMC, 0xFFFFFFFF);
    Adapter->PendingIcr = 0;
    return TRUE;
}

BOOLEAN
RsSyncUnmaskAll(PVOID SynchronizeContext)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)SynchronizeContext;

    RS_WRITE(Adapter, RS_CSR_IMS, RS_IMS_DEFAULT);
    if (Adapter->MessageBased) {
        RS_WRITE(Adapter, RS_CSR_EIMS, (1u << Adapter->MessageCount) - 1);
    }
    return TRUE;
}

BOOLEAN
RsSyncWriteRctl(PVOID SynchronizeContext)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)SynchronizeContext;

    RS_WRITE(Adapter, RS_CSR_RCTL, Adapter->Rctl);
    return TRUE;
}

BOOLEAN
RsSyncReadStats(PVOID SynchronizeContext)
{
    PRS_STATS_SYNC Sync = (PRS_STATS_SYNC)SynchronizeContext;
    PRS_ADAPTER Adapter = Sync->Adapter;

    /* the counters clear on read: the ISR's link handling reads them too */
    Adapter->Stats.RxGood += RS_READ(Adapter, RS_CSR_GPRC);
    Adapter->Stats.TxGood += RS_READ(Adapter, RS_CSR_GPTC);
    Adapter->Stats.RxCrcErrors += RS_READ(Adapter, RS_CSR_CRCERRS);
    Sync->Snapshot = Adapter->Stats;
    return TRUE;
}

BOOLEAN
RsSyncReadLink(PVOID SynchronizeContext)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)SynchronizeContext;
    ULONG Poll;
    ULONG Mdic;

    RS_WRITE(Adapter, RS_CSR_MDIC, (1u << 16) | RS_MDIC_READ);
    for (Poll = 0; Poll < RS_MDIO_POLLS; Poll++) {
        NdisStallExecution(RS_MDIO_POLL_US);
        Mdic = RS_READ(Adapter, RS_CSR_MDIC);
        if (Mdic & RS_MDIC_READY) {
            if (Mdic & RS_MDIC_ERROR) {
                return FALSE;
            }
            Adapter->LinkUp = (BOOLEAN)((Mdic & 0x0004) != 0);
            return TRUE;
        }
    }
    return FALSE;
}

VOID
RsMaskInterrupts(PRS_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, RsSyncMessageId(Adapter, FALSE),
                                    RsSyncMaskAll, Adapter);
}

VOID
RsUnmaskInterrupts(PRS_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, RsSyncMessageId(Adapter, FALSE),
                                    RsSyncUnmaskAll, Adapter);
}

/* ---- line-based handlers ------------------------------------------------------------------- */

BOOLEAN
RsIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportInterruptContext;
    ULONG Icr;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Icr = RS_READ(Adapter, RS_CSR_ICR);
    if ((Icr & RS_IMS_DEFAULT) == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    RS_WRITE(Adapter, RS_CSR_IMC, RS_IMS_DEFAULT);
    Adapter->PendingIcr |= Icr;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

static VOID
RsServiceReceive(PRS_ADAPTER Adapter)
{
    NdisDprAcquireSpinLock(&Adapter->RxLock);
    Adapter->RxOutstanding++;
    RS_WRITE(Adapter, RS_CSR_RDT, Adapter->RxOutstanding % RS_RX_RING);
    NdisDprReleaseSpinLock(&Adapter->RxLock);
}

VOID
RsDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Cause = Adapter->PendingIcr;
    Adapter->PendingIcr = 0;
    if (Cause & RS_ICR_RXT0) {
        RsServiceReceive(Adapter);
    }
    if (Cause & RS_ICR_TXDW) {
        RsCompleteTransmits(Adapter);
    }
    if (Cause & RS_ICR_LSC) {
        Adapter->LinkUp = (BOOLEAN)((RS_READ(Adapter, RS_CSR_STATUS) & RS_STATUS_LU) != 0);
    }
    RS_WRITE(Adapter, RS_CSR_IMS, RS_IMS_DEFAULT);
}

VOID
RsEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportInterruptContext;

    RS_WRITE(Adapter, RS_CSR_IMS, RS_IMS_DEFAULT);
}

VOID
RsDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportInterruptContext;

    RS_WRITE(Adapter, RS_CSR_IMC, 0xFFFFFFFF);
}

/* ---- MSI-X handlers ------------------------------------------------------------------------ */

BOOLEAN
RsMsgIsr(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PBOOLEAN QueueDefaultInterruptDpc,
         PULONG TargetProcessors)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(TargetProcessors);

    RS_WRITE(Adapter, RS_CSR_EIMC, 1u << MessageId);
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
RsMsgDpc(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PVOID MiniportDpcContext,
         PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    if (MessageId == Adapter->RxMessageId) {
        RsServiceReceive(Adapter);
    }
    if (MessageId == Adapter->TxMessageId) {
        RsCompleteTransmits(Adapter);
    }
    RS_WRITE(Adapter, RS_CSR_EIMS, 1u << MessageId);
}

VOID
RsEnableMsg(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportInterruptContext;

    RS_WRITE(Adapter, RS_CSR_EIMS, 1u << MessageId);
}

VOID
RsDisableMsg(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PRS_ADAPTER Adapter = (PRS_ADAPTER)MiniportInterruptContext;

    RS_WRITE(Adapter, RS_CSR_EIMC, 1u << MessageId);
}
