/*
 * Case 117: interrupt handling (see driver.c for what the case is about).
 */
#include "Nic.h"

BOOLEAN
MpSyncEnable(NDIS_HANDLE SynchronizeContext)
{
    PNIC_DEVICE Device = (PNIC_DEVICE)SynchronizeContext;

    NIC_WRITE(Device, CSR_IMS, IMS_ENABLE_MASK);
    return TRUE;
}

BOOLEAN
MpSyncDisable(NDIS_HANDLE SynchronizeContext)
{
    PNIC_DEVICE Device = (PNIC_DEVICE)SynchronizeContext;

    NIC_WRITE(Device, CSR_IMC, 0xFFFFFFFF);
    Device->IcrCause = 0;
    return TRUE;
}

BOOLEAN
MpSyncWriteRctl(NDIS_HANDLE SynchronizeContext)
{
    PNIC_DEVICE Device = (PNIC_DEVICE)SynchronizeContext;

    NIC_WRITE(Device, CSR_RCTL, Device->PacketFilter);
    return TRUE;
}

BOOLEAN
MpSyncLatchCounters(NDIS_HANDLE SynchronizeContext)
{
    PNIC_DEVICE Device = (PNIC_DEVICE)SynchronizeContext;

    /* the ISR reads the same latch on a statistics interrupt */
    NIC_WRITE(Device, CSR_STAT_LATCH, STAT_LATCH_NOW);
    Device->HwGoodRx += NIC_READ(Device, CSR_GPRC);
    Device->HwGoodTx += NIC_READ(Device, CSR_GPTC);
    return TRUE;
}

BOOLEAN
MpIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PNIC_DEVICE Device = (PNIC_DEVICE)MiniportInterruptContext;
    ULONG Icr;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Icr = NIC_READ(Device, CSR_ICR);
    if ((Icr & IMS_ENABLE_MASK) == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    NIC_WRITE(Device, CSR_IMC, 0xFFFFFFFF);
    Device->IcrCause |= Icr;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
MpDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PNIC_DEVICE Device = (PNIC_DEVICE)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Cause = Device->IcrCause;
    Device->IcrCause = 0;
    if (Cause & ICR_RXT0) {
        Device->RxFrames++;
    }
    if (Cause & ICR_TXDW) {
        NdisDprAcquireSpinLock(&Device->TxLock);
        Device->TxFrames++;
        NdisDprReleaseSpinLock(&Device->TxLock);
    }
    NdisMSynchronizeWithInterruptEx(Device->InterruptHandle, 0, MpSyncEnable, Device);
}

VOID
MpEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PNIC_DEVICE Device = (PNIC_DEVICE)MiniportInterruptContext;

    NIC_WRITE(Device, CSR_IMS, IMS_ENABLE_MASK);
}

VOID
MpDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PNIC_DEVICE Device = (PNIC_DEVICE)MiniportInterruptContext;

    NIC_WRITE(Device, CSR_IMC, 0xFFFFFFFF);
}

NDIS_STATUS
NicConnectInterrupt(PNIC_DEVICE Device)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    NDIS_STATUS Status;

    NdisZeroMemory(&Intr, sizeof(Intr));
    Intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Intr.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Intr.InterruptHandler = MpIsr;
    Intr.InterruptDpcHandler = MpDpc;
    Intr.EnableInterruptHandler = MpEnableInterrupt;
    Intr.DisableInterruptHandler = MpDisableInterrupt;

    Status = NdisMRegisterInterruptEx(Device->MiniportHandle, Device, &Intr, &Device->InterruptHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        Device->InterruptConnected = TRUE;
    }
    return Status;
}

VOID
NicLatchCounters(PNIC_DEVICE Device)
{
    NdisMSynchronizeWithInterruptEx(Device->InterruptHandle, 0, MpSyncLatchCounters, Device);
}

VOID
NicSetPacketFilter(PNIC_DEVICE Device, ULONG Filter)
{
    Device->PacketFilter = Filter;
    NdisMSynchronizeWithInterruptEx(Device->InterruptHandle, 0, MpSyncWriteRctl, Device);
}
