/*
 * Contoso CT-GbE: line and MSI-X interrupt handlers, DPCs, synchronize functions.
 * (Case 130/131 driver: see power.c for what the case is about.)
 */
#include "adapter.h"

typedef struct _CT_VECTOR_CONTEXT {
    PCT_ADAPTER Adapter;
    ULONG MessageId;
    ULONG Mask;
} CT_VECTOR_CONTEXT, *PCT_VECTOR_CONTEXT;

MINIPORT_SYNCHRONIZE_INTERRUPT CtSyncUnmaskVector;

static ULONG
CtMessageMask(ULONG MessageId)
{
    switch (MessageId) {
    case CT_MSG_RX:
        return CT_ICR_RXT0 | CT_ICR_RXDMT0;
    case CT_MSG_TX:
        return CT_ICR_TXDW;
    case CT_MSG_OTHER:
        return CT_ICR_LSC;
    default:
        /* NDIS only hands us the messages we were granted */
        KeBugCheckEx(0x000000D1, (ULONG_PTR)MessageId, 0, 0, 0);
    }
}

BOOLEAN
CtSyncMaskAll(PVOID SynchronizeContext)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)SynchronizeContext;

    CT_WRITE(Adapter, CT_REG_IMC, 0xFFFFFFFF);
    Adapter->IcrCause = 0;
    return TRUE;
}

BOOLEAN
CtSyncUnmaskAll(PVOID SynchronizeContext)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)SynchronizeContext;

    CT_WRITE(Adapter, CT_REG_IMS, CT_ICR_MASK);
    return TRUE;
}

BOOLEAN
CtSyncUnmaskVector(PVOID SynchronizeContext)
{
    PCT_VECTOR_CONTEXT Ctx = (PCT_VECTOR_CONTEXT)SynchronizeContext;

    Ctx->Adapter->MessageCause[Ctx->MessageId] = 0;
    CT_WRITE(Ctx->Adapter, CT_REG_IMS, Ctx->Mask);
    return TRUE;
}

BOOLEAN
CtSyncWriteRctl(PVOID SynchronizeContext)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)SynchronizeContext;

    CT_WRITE(Adapter, CT_REG_RCTL, Adapter->RctlShadow);
    return TRUE;
}

BOOLEAN
CtSyncWriteMta(PVOID SynchronizeContext)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)SynchronizeContext;
    ULONG Table[CT_MTA_ENTRIES];
    ULONG i;
    ULONG Hash;

    NdisZeroMemory(Table, sizeof(Table));
    for (i = 0; i < Adapter->McastCount; i++) {
        Hash = ((Adapter->McastList[i][4] >> 4) | ((ULONG)Adapter->McastList[i][5] << 4)) & 0xFFF;
        Table[(Hash >> 5) & (CT_MTA_ENTRIES - 1)] |= 1u << (Hash & 0x1F);
    }
    for (i = 0; i < CT_MTA_ENTRIES; i++) {
        CT_WRITE(Adapter, CT_REG_MTA + 4 * i, Table[i]);
    }
    return TRUE;
}

VOID
CtMaskInterrupts(PCT_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, CtSyncMaskAll, Adapter);
}

VOID
CtUnmaskInterrupts(PCT_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, CtSyncUnmaskAll, Adapter);
}

BOOLEAN
CtIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportInterruptContext;
    ULONG Icr;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Icr = CT_READ(Adapter, CT_REG_ICR);
    if ((Icr & CT_ICR_MASK) == 0 || Icr == 0xFFFFFFFF) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    CT_WRITE(Adapter, CT_REG_IMC, 0xFFFFFFFF);
    Adapter->IcrCause |= Icr & CT_ICR_MASK;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

BOOLEAN
CtMessageIsr(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PBOOLEAN QueueDefaultInterruptDpc,
             PULONG TargetProcessors)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportInterruptContext;
    ULONG Mask = CtMessageMask(MessageId);

    UNREFERENCED_PARAMETER(TargetProcessors);

    CT_WRITE(Adapter, CT_REG_IMC, Mask);
    Adapter->MessageCause[MessageId] |= Mask;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

static VOID
CtHandleEvents(PCT_ADAPTER Adapter, ULONG Cause)
{
    if (Cause & (CT_ICR_RXT0 | CT_ICR_RXDMT0)) {
        CtIndicateReceives(Adapter);
    }
    if (Cause & CT_ICR_TXDW) {
        CtCompleteSends(Adapter, TRUE);
    }
    if (Cause & CT_ICR_LSC) {
        CtUpdateLinkState(Adapter);
    }
}

VOID
CtDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Cause = Adapter->IcrCause;
    Adapter->IcrCause = 0;
    CtHandleEvents(Adapter, Cause);

    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE) &&
        !MP_TEST_FLAG(Adapter, fMP_ADAPTER_HALT_IN_PROGRESS)) {
        CtUnmaskInterrupts(Adapter);
    }
}

VOID
CtMessageDpc(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PVOID MiniportDpcContext,
             PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportInterruptContext;
    CT_VECTOR_CONTEXT Ctx;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    CtHandleEvents(Adapter, Adapter->MessageCause[MessageId]);

    if (!MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
        return;
    }
    Ctx.Adapter = Adapter;
    Ctx.MessageId = MessageId;
    Ctx.Mask = CtMessageMask(MessageId);
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, MessageId, CtSyncUnmaskVector, &Ctx);
}

VOID
CtEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportInterruptContext;

    CT_WRITE(Adapter, CT_REG_IMS, CT_ICR_MASK);
}

VOID
CtDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportInterruptContext;

    CT_WRITE(Adapter, CT_REG_IMC, 0xFFFFFFFF);
}

VOID
CtEnableMessageInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportInterruptContext;

    CT_WRITE(Adapter, CT_REG_IMS, CtMessageMask(MessageId));
}

VOID
CtDisableMessageInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportInterruptContext;

    CT_WRITE(Adapter, CT_REG_IMC, CtMessageMask(MessageId));
}
