/*
 * Contoso CT-1000: hardware access, interrupt registration and teardown.
 */
#include "ct.h"

BOOLEAN
CtSyncMask(PVOID SynchronizeContext)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)SynchronizeContext;
    CT_WRITE(Adapter, CT_REG_IMR, 0);
    return TRUE;
}

BOOLEAN
CtSyncUnmask(PVOID SynchronizeContext)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)SynchronizeContext;
    CT_WRITE(Adapter, CT_REG_IMR, CT_INT_ALL);
    return TRUE;
}

BOOLEAN
CtSyncFilter(PVOID SynchronizeContext)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)SynchronizeContext;
    CT_WRITE(Adapter, CT_REG_RX_FILTER, Adapter->PacketFilter);
    return TRUE;
}

NDIS_STATUS
CtHwMapRegisters(PCT_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    for (i = 0; i < Resources->Count; i++) {
        Desc = &Resources->PartialDescriptors[i];
        if (Desc->Type != CmResourceTypeMemory) {
            continue;
        }
        if (Desc->u.Memory.Length < CT_REG_WINDOW) {
            continue;
        }
        return NdisMMapIoSpace((PVOID *)&Adapter->Regs, Adapter->AdapterHandle,
                               Desc->u.Memory.Start, CT_REG_WINDOW);
    }
    return NDIS_STATUS_ADAPTER_NOT_FOUND;
}

BOOLEAN
CtIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportInterruptContext;
    ULONG Events;

    UNREFERENCED_PARAMETER(TargetProcessors);
    Events = CT_READ(Adapter, CT_REG_ISR) & CT_INT_ALL;
    if (Events == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    CT_WRITE(Adapter, CT_REG_ISR, Events);
    CT_WRITE(Adapter, CT_REG_IMR, 0);
    Adapter->PendingEvents |= Events;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
CtDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportInterruptContext;
    ULONG Events;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Events = Adapter->PendingEvents;
    Adapter->PendingEvents = 0;
    NdisDprAcquireSpinLock(&Adapter->Lock);
    if (Events & CT_INT_RX) {
        Adapter->RxFrames++;
    }
    if (Events & CT_INT_TX) {
        Adapter->TxFrames++;
    }
    NdisDprReleaseSpinLock(&Adapter->Lock);
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, CtSyncUnmask, Adapter);
}

VOID
CtEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportInterruptContext;
    CT_WRITE(Adapter, CT_REG_IMR, CT_INT_ALL);
}

VOID
CtDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportInterruptContext;
    CT_WRITE(Adapter, CT_REG_IMR, 0);
}

NDIS_STATUS
CtHwRegisterInterrupt(PCT_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Ic;

    NdisZeroMemory(&Ic, sizeof(Ic));
    Ic.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Ic.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Ic.Header.Size = sizeof(NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS);
    Ic.InterruptHandler = CtIsr;
    Ic.InterruptDpcHandler = CtDpc;
    Ic.DisableInterruptHandler = CtDisableInterrupt;
    Ic.EnableInterruptHandler = CtEnableInterrupt;
    return NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &Ic, &Adapter->InterruptHandle);
}

VOID
CtHwTeardown(PCT_ADAPTER Adapter)
{
    if (Adapter->InterruptHandle != NULL) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptHandle = NULL;
    }
}

NDIS_STATUS
CtHwResetChip(PCT_ADAPTER Adapter)
{
    ULONG Spins;

    CT_WRITE(Adapter, CT_REG_CTRL, CT_CTRL_RESET);
    for (Spins = 0; Spins < 100; Spins++) {
        NdisStallExecution(10);
        if ((CT_READ(Adapter, CT_REG_CTRL) & CT_CTRL_RESET) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_HARD_ERRORS;
}

VOID
CtHwFree(PCT_ADAPTER Adapter)
{
    if (Adapter->WatchdogTimer != NULL) {
        NdisFreeTimerObject(Adapter->WatchdogTimer);
        Adapter->WatchdogTimer = NULL;
    }
    if (Adapter->Regs != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Regs, CT_REG_WINDOW);
        Adapter->Regs = NULL;
    }
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, sizeof(CT_ADAPTER), 0);
}
