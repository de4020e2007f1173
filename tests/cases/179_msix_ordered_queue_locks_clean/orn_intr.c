/*
 * Case 179_msix_ordered_queue_locks_clean: case 171's three-file MSI-X multi-queue miniport
 * (per-message DPCs synchronizing with their MessageId, per-queue spin locks, line fallback)
 * plus one idiom: when NDIS restarts the adapter with fewer queues, OrnRestart migrates what is
 * pending on the queues it lost onto queue 0 with OrnMigrateQueue (orn_data.c), which holds both
 * queues' locks at once and takes them in queue-index order to avoid a lock-order deadlock:
 * First/Second are chosen with `?:` from Src and Dst (never the same queue: Src == Dst returns
 * early).  Two different locks nested, released in reverse order.  Expected: clean for every
 * rule.
 */

#include "orn.h"

MINIPORT_SYNCHRONIZE_INTERRUPT OrnMaskQueueSync;
MINIPORT_SYNCHRONIZE_INTERRUPT OrnUnmaskQueueSync;
MINIPORT_SYNCHRONIZE_INTERRUPT OrnFilterSync;
MINIPORT_SYNCHRONIZE_INTERRUPT OrnTakeAdminCauseSync;
MINIPORT_MESSAGE_INTERRUPT OrnMsgIsr;
MINIPORT_MESSAGE_INTERRUPT_DPC OrnMsgDpc;
MINIPORT_ENABLE_MESSAGE_INTERRUPT OrnEnableMsg;
MINIPORT_DISABLE_MESSAGE_INTERRUPT OrnDisableMsg;
MINIPORT_ISR OrnLineIsr;
MINIPORT_INTERRUPT_DPC OrnLineDpc;
MINIPORT_ENABLE_INTERRUPT OrnEnableLine;
MINIPORT_DISABLE_INTERRUPT OrnDisableLine;

static ULONG
OrnMaskRegister(ULONG MessageId)
{
    return MessageId == ORN_ADMIN_VECTOR ? ORN_REG_ADMIN_MASK : ORN_QREG(MessageId, ORN_Q_MASK);
}

BOOLEAN
OrnMaskQueueSync(PVOID SynchronizeContext)
{
    PORN_SYNC_CTX Ctx = (PORN_SYNC_CTX)SynchronizeContext;

    ORN_WR(Ctx->Adapter, OrnMaskRegister(Ctx->Queue), 0);
    return TRUE;
}

BOOLEAN
OrnUnmaskQueueSync(PVOID SynchronizeContext)
{
    PORN_SYNC_CTX Ctx = (PORN_SYNC_CTX)SynchronizeContext;

    ORN_WR(Ctx->Adapter, OrnMaskRegister(Ctx->Queue), 0xFFFFFFFF);
    return TRUE;
}

BOOLEAN
OrnFilterSync(PVOID SynchronizeContext)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)SynchronizeContext;

    ORN_WR(Adapter, ORN_REG_RX_FILTER, Adapter->PacketFilter);
    return TRUE;
}

BOOLEAN
OrnTakeAdminCauseSync(PVOID SynchronizeContext)
{
    PORN_SYNC_CTX Ctx = (PORN_SYNC_CTX)SynchronizeContext;

    Ctx->Value = Ctx->Adapter->AdminCause;
    Ctx->Adapter->AdminCause = 0;
    return TRUE;
}

/* ------------------------------------------------------------ message-signalled handlers */

BOOLEAN
OrnMsgIsr(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(TargetProcessors);

    if (MessageId >= Adapter->MessageCount) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    if (MessageId == ORN_ADMIN_VECTOR) {
        Adapter->AdminCause |= ORN_RD(Adapter, ORN_REG_ADMIN_CAUSE);
    }
    ORN_WR(Adapter, OrnMaskRegister(MessageId), 0);
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

static VOID
OrnServiceAdmin(PORN_ADAPTER Adapter)
{
    ORN_SYNC_CTX Ctx;

    Ctx.Adapter = Adapter;
    Ctx.Queue = ORN_ADMIN_VECTOR;
    Ctx.Value = 0;
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, ORN_ADMIN_VECTOR, OrnTakeAdminCauseSync, &Ctx);
    if (Ctx.Value & ORN_ADMIN_LINK) {
        Adapter->LinkUp = !Adapter->LinkUp;
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, ORN_ADMIN_VECTOR, OrnUnmaskQueueSync, &Ctx);
}

VOID
OrnMsgDpc(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)MiniportInterruptContext;
    PORN_QUEUE Queue;
    ORN_SYNC_CTX Ctx;
    ULONG Done;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    if (MessageId == ORN_ADMIN_VECTOR) {
        OrnServiceAdmin(Adapter);
        return;
    }
    if (MessageId >= Adapter->QueueCount) {
        return;
    }
    Queue = &Adapter->Queue[MessageId];
    Done = OrnServiceRx(Queue, ORN_RX_BUDGET);
    OrnServiceTx(Queue);
    if (Done >= ORN_RX_BUDGET) {
        NdisMQueueDpcEx(Adapter->InterruptHandle, MessageId, NULL, NULL);
        return;
    }
    Ctx.Adapter = Adapter;
    Ctx.Queue = MessageId;
    Ctx.Value = 0;
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, MessageId, OrnUnmaskQueueSync, &Ctx);
}

VOID
OrnEnableMsg(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)MiniportInterruptContext;

    ORN_WR(Adapter, OrnMaskRegister(MessageId), 0xFFFFFFFF);
}

VOID
OrnDisableMsg(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)MiniportInterruptContext;

    ORN_WR(Adapter, OrnMaskRegister(MessageId), 0);
}

/* ------------------------------------------------------------ line-based fallback */

BOOLEAN
OrnLineIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)MiniportInterruptContext;
    ULONG Cause = ORN_RD(Adapter, ORN_QREG(0, ORN_Q_CAUSE)) | ORN_RD(Adapter, ORN_REG_ADMIN_CAUSE);

    UNREFERENCED_PARAMETER(TargetProcessors);

    if (Cause == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    Adapter->AdminCause |= ORN_RD(Adapter, ORN_REG_ADMIN_CAUSE);
    ORN_WR(Adapter, ORN_QREG(0, ORN_Q_MASK), 0);
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
OrnLineDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)MiniportInterruptContext;
    ORN_SYNC_CTX Ctx;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    OrnServiceRx(&Adapter->Queue[0], ORN_RX_BUDGET);
    OrnServiceTx(&Adapter->Queue[0]);
    Ctx.Adapter = Adapter;
    Ctx.Queue = 0;
    Ctx.Value = 0;
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, OrnTakeAdminCauseSync, &Ctx);
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, OrnUnmaskQueueSync, &Ctx);
}

VOID
OrnEnableLine(NDIS_HANDLE MiniportInterruptContext)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)MiniportInterruptContext;

    ORN_WR(Adapter, ORN_QREG(0, ORN_Q_MASK), 0xFFFFFFFF);
}

VOID
OrnDisableLine(NDIS_HANDLE MiniportInterruptContext)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)MiniportInterruptContext;

    ORN_WR(Adapter, ORN_QREG(0, ORN_Q_MASK), 0);
}

/* ------------------------------------------------------------ connection and helpers */

NDIS_STATUS
OrnConnectInterrupt(PORN_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Chars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Chars.InterruptHandler = OrnLineIsr;
    Chars.InterruptDpcHandler = OrnLineDpc;
    Chars.EnableInterruptHandler = OrnEnableLine;
    Chars.DisableInterruptHandler = OrnDisableLine;
    Chars.MsiSupported = TRUE;
    Chars.MsiSyncWithAllMessages = FALSE;
    Chars.MessageInterruptHandler = OrnMsgIsr;
    Chars.MessageInterruptDpcHandler = OrnMsgDpc;
    Chars.EnableMessageInterruptHandler = OrnEnableMsg;
    Chars.DisableMessageInterruptHandler = OrnDisableMsg;

    Status = NdisMRegisterInterruptEx(Adapter->MiniportHandle, Adapter, &Chars, &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    Adapter->InterruptConnected = TRUE;
    Adapter->InterruptType = Chars.InterruptType;
    if (Chars.InterruptType == NDIS_CONNECT_MESSAGE_BASED && Chars.MessageInfoTable != NULL) {
        Adapter->MessageCount = Chars.MessageInfoTable->MessageCount;
        if (Adapter->MessageCount > ORN_MAX_MESSAGES) {
            Adapter->MessageCount = ORN_MAX_MESSAGES;
        }
        Adapter->QueueCount = Adapter->MessageCount > 1 ? Adapter->MessageCount - 1 : 1;
    } else {
        Adapter->MessageCount = 1;
        Adapter->QueueCount = 1;
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
OrnDisconnectInterrupt(PORN_ADAPTER Adapter)
{
    if (Adapter->InterruptConnected) {
        OrnMaskAll(Adapter);
        Adapter->InterruptConnected = FALSE;
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptHandle = NULL;
    }
}

VOID
OrnMaskAll(PORN_ADAPTER Adapter)
{
    ORN_SYNC_CTX Ctx;
    ULONG MessageId;

    if (!Adapter->InterruptConnected) {
        return;
    }
    Ctx.Adapter = Adapter;
    Ctx.Value = 0;
    for (MessageId = 0; MessageId < Adapter->MessageCount; MessageId++) {
        Ctx.Queue = MessageId;
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, MessageId, OrnMaskQueueSync, &Ctx);
    }
}

VOID
OrnUnmaskAll(PORN_ADAPTER Adapter)
{
    ORN_SYNC_CTX Ctx;
    ULONG MessageId;

    if (!Adapter->InterruptConnected) {
        return;
    }
    Ctx.Adapter = Adapter;
    Ctx.Value = 0;
    for (MessageId = 0; MessageId < Adapter->MessageCount; MessageId++) {
        Ctx.Queue = MessageId;
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, MessageId, OrnUnmaskQueueSync, &Ctx);
    }
}

VOID
OrnProgramFilter(PORN_ADAPTER Adapter)
{
    if (Adapter->InterruptConnected) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, OrnFilterSync, Adapter);
    } else {
        ORN_WR(Adapter, ORN_REG_RX_FILTER, Adapter->PacketFilter);
    }
}
