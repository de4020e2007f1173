/*
 * mp_nic.c - E1K hardware: interrupt handlers, synchronize routines, adapter block, chip
 * bring-up and reset.  See mp_main.c for what the case exercises.
 */
#include "mp.h"

//
// Synchronize routines (run at DIRQL with the interrupt lock held)
//
BOOLEAN
NICEnableInterruptSync(NDIS_HANDLE SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    NdisWriteRegisterUlong(&Adapter->CSRAddress->IntMask, NIC_INT_ALL);
    return TRUE;
}

BOOLEAN
NICDisableInterruptSync(NDIS_HANDLE SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    NdisWriteRegisterUlong(&Adapter->CSRAddress->IntMask, 0);
    return TRUE;
}

static BOOLEAN
NICGetIsrEventsSync(NDIS_HANDLE SynchronizeContext)
{
    PMP_ISR_SNAPSHOT Snapshot = (PMP_ISR_SNAPSHOT)SynchronizeContext;

    Snapshot->Events = Snapshot->Adapter->IsrEvents;
    Snapshot->Adapter->IsrEvents = 0;
    return Snapshot->Events != 0;
}

BOOLEAN
NICSetPacketFilterSync(NDIS_HANDLE SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    NdisWriteRegisterUlong(&Adapter->CSRAddress->RxFilter, Adapter->PacketFilter);
    return TRUE;
}

BOOLEAN
NICSetPowerLowSync(NDIS_HANDLE SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;
    ULONG Pm = NIC_PM_D3;
    ULONG Readback;

    NdisWriteRegisterUlong(&Adapter->CSRAddress->IntMask, 0);
    if (Adapter->WakeUpEnable & NDIS_PNP_WAKE_UP_MAGIC_PACKET) {
        Pm |= NIC_PM_PME_ENABLE | NIC_PM_MAGIC_PACKET;
    }
    NdisWriteRegisterUlong(&Adapter->CSRAddress->PmControl, Pm);
    NdisReadRegisterUlong(&Adapter->CSRAddress->PmControl, &Readback);
    // a chip that no longer decodes its BAR reads back all ones
    return Readback != 0xFFFFFFFF;
}

BOOLEAN
NICSetPowerD0Sync(NDIS_HANDLE SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    NdisWriteRegisterUlong(&Adapter->CSRAddress->PmControl, 0);
    NdisWriteRegisterUlong(&Adapter->CSRAddress->RxFilter, Adapter->PacketFilter);
    NdisWriteRegisterUlong(&Adapter->CSRAddress->IntMask, NIC_INT_ALL);
    return TRUE;
}

VOID
NICEnableInterrupt(PMP_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0,
                                    (MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER)NICEnableInterruptSync, Adapter);
}

VOID
NICDisableInterrupt(PMP_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0,
                                    (MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER)NICDisableInterruptSync, Adapter);
}

//
// Interrupt handlers
//
BOOLEAN
MPIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG IntStatus;
    ULONG IntMask;

    *TargetProcessors = 0;
    NdisReadRegisterUlong(&Adapter->CSRAddress->IntMask, &IntMask);
    NdisReadRegisterUlong(&Adapter->CSRAddress->IntStatus, &IntStatus);
    IntStatus &= IntMask;
    if (IntStatus == 0 || IntStatus == 0xFFFFFFFF) {
        // shared line, or the device is gone
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }

    NdisWriteRegisterUlong(&Adapter->CSRAddress->IntMask, 0);
    NdisWriteRegisterUlong(&Adapter->CSRAddress->IntStatus, IntStatus);
    Adapter->IsrEvents |= IntStatus;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
MPEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    NdisWriteRegisterUlong(&Adapter->CSRAddress->IntMask, NIC_INT_ALL);
}

VOID
MPDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    NdisWriteRegisterUlong(&Adapter->CSRAddress->IntMask, 0);
}

static VOID
MpHandleRecvInterrupt(PMP_ADAPTER Adapter)
{
    PMP_RFD Rfd;
    ULONG Budget = NIC_MAX_RFDS;

    while (Budget-- > 0) {
        Rfd = &Adapter->RfdRing[Adapter->NextRfd];
        if ((Rfd->Status & NIC_RFD_COMPLETE) == 0) {
            break;
        }
        Adapter->GoodReceives++;
        Rfd->Status = 0;
        Adapter->NextRfd = (Adapter->NextRfd + 1) % NIC_MAX_RFDS;
    }
    NdisWriteRegisterUlong(&Adapter->CSRAddress->RxTail, Adapter->NextRfd);
}

VOID
MPHandleInterrupt(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PULONG NdisReserved1, PULONG NdisReserved2)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    MP_ISR_SNAPSHOT Snapshot;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(NdisReserved1);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Snapshot.Adapter = Adapter;
    Snapshot.Events = 0;
    if (!NdisMSynchronizeWithInterruptEx(Adapter->NdisInterruptHandle, 0,
                                         (MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER)NICGetIsrEventsSync,
                                         &Snapshot)) {
        // nothing latched: another DPC already took the events
        NICEnableInterrupt(Adapter);
        return;
    }

    if (Snapshot.Events & (NIC_INT_RX | NIC_INT_RX_OVERRUN)) {
        NdisDprAcquireSpinLock(&Adapter->RcvLock);
        if (Snapshot.Events & NIC_INT_RX_OVERRUN) {
            Adapter->RcvOverruns++;
        }
        MpHandleRecvInterrupt(Adapter);
        NdisDprReleaseSpinLock(&Adapter->RcvLock);
    }

    if (Snapshot.Events & NIC_INT_LINK) {
        NdisDprAcquireSpinLock(&Adapter->Lock);
        if (NICCheckLink(Adapter)) {
            MP_SET_FLAG(Adapter, fMP_ADAPTER_LINK_UP);
        } else {
            MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_LINK_UP);
        }
        NdisDprReleaseSpinLock(&Adapter->Lock);
    }

    NICEnableInterrupt(Adapter);
}

//
// Adapter block
//
NDIS_STATUS
MpAllocAdapterBlock(PMP_ADAPTER *pAdapter, NDIS_HANDLE MiniportAdapterHandle)
{
    PMP_ADAPTER Adapter;

    *pAdapter = NULL;
    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER),
                                                NIC_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        DBGPRINT(MP_ERROR, ("Failed to allocate the adapter block\n"));
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->CurrentPowerState = NdisDeviceStateD0;
    Adapter->PacketFilter = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST;
    NdisAllocateSpinLock(&Adapter->Lock);
    NdisAllocateSpinLock(&Adapter->SendLock);
    NdisAllocateSpinLock(&Adapter->RcvLock);
    *pAdapter = Adapter;
    return NDIS_STATUS_SUCCESS;
}

VOID
MpFreeAdapter(PMP_ADAPTER Adapter)
{
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_HW_STARTED)) {
        NICIssueFullReset(Adapter);
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_HW_STARTED);
    }
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_RECV_MEMORY)) {
        NdisMFreeSharedMemory(Adapter->AdapterHandle, Adapter->RfdRingSize, FALSE,
                              Adapter->RfdRing, Adapter->RfdRingPhys);
        Adapter->RfdRing = NULL;
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_RECV_MEMORY);
    }
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_MAP_REGISTERS)) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, Adapter->CSRAddress, NIC_CSR_WINDOW);
        Adapter->CSRAddress = NULL;
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_MAP_REGISTERS);
    }
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeSpinLock(&Adapter->RcvLock);
    NdisFreeMemory(Adapter, sizeof(MP_ADAPTER), 0);
}

NDIS_STATUS
MpFindAdapter(PMP_ADAPTER Adapter, PNDIS_RESOURCE_LIST AllocatedResources)
{
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor;
    BOOLEAN FoundMemory = FALSE;
    BOOLEAN FoundInterrupt = FALSE;
    NDIS_STATUS Status;
    ULONG i;

    if (AllocatedResources == NULL) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    for (i = 0; i < AllocatedResources->Count; i++) {
        Descriptor = &AllocatedResources->PartialDescriptors[i];
        switch (Descriptor->Type) {
        case CmResourceTypeMemory:
            if (!FoundMemory && Descriptor->u.Memory.Length >= NIC_CSR_WINDOW) {
                Adapter->MemPhysAddress = Descriptor->u.Memory.Start;
                FoundMemory = TRUE;
            }
            break;
        case CmResourceTypeInterrupt:
            Adapter->InterruptLevel = Descriptor->u.Interrupt.Level;
            FoundInterrupt = TRUE;
            break;
        default:
            break;
        }
    }
    if (!FoundMemory || !FoundInterrupt) {
        NdisWriteErrorLogEntry(Adapter->AdapterHandle, NDIS_ERROR_CODE_RESOURCE_CONFLICT, 2,
                               FoundMemory, FoundInterrupt);
        return NDIS_STATUS_RESOURCE_CONFLICT;
    }

    Status = NdisMMapIoSpace((PVOID *)&Adapter->CSRAddress, Adapter->AdapterHandle,
                             Adapter->MemPhysAddress, NIC_CSR_WINDOW);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    MP_SET_FLAG(Adapter, fMP_ADAPTER_MAP_REGISTERS);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
NICReadAdapterInfo(PMP_ADAPTER Adapter)
{
    ULONG Word;
    ULONG i;

    for (i = 0; i < ETH_LENGTH_OF_ADDRESS / 2; i++) {
        NdisWriteRegisterUlong(&Adapter->CSRAddress->Eeprom, i << 16);
        NdisStallExecution(NIC_DELAY_POLL);
        NdisReadRegisterUlong(&Adapter->CSRAddress->Eeprom, &Word);
        Adapter->PermanentAddress[2 * i] = (UCHAR)(Word & 0xFF);
        Adapter->PermanentAddress[2 * i + 1] = (UCHAR)((Word >> 8) & 0xFF);
    }
    if (Adapter->PermanentAddress[0] & 0x01) {
        // a multicast station address means a blank EEPROM
        return NDIS_STATUS_INVALID_ADDRESS;
    }
    NdisMoveMemory(Adapter->CurrentAddress, Adapter->PermanentAddress, ETH_LENGTH_OF_ADDRESS);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpAllocRecvMemory(PMP_ADAPTER Adapter)
{
    Adapter->RfdRingSize = NIC_MAX_RFDS * sizeof(MP_RFD);
    NdisMAllocateSharedMemory(Adapter->AdapterHandle, Adapter->RfdRingSize, FALSE,
                              (PVOID *)&Adapter->RfdRing, &Adapter->RfdRingPhys);
    if (Adapter->RfdRing == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter->RfdRing, Adapter->RfdRingSize);
    Adapter->NextRfd = 0;
    MP_SET_FLAG(Adapter, fMP_ADAPTER_RECV_MEMORY);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
NICWaitStatus(PMP_ADAPTER Adapter, ULONG Mask, ULONG Value)
{
    ULONG Status;
    ULONG Spins;

    for (Spins = 0; Spins < NIC_MAX_XMIT_WAIT; Spins++) {
        NdisReadRegisterUlong(&Adapter->CSRAddress->Status, &Status);
        if ((Status & Mask) == Value) {
            return NDIS_STATUS_SUCCESS;
        }
        NdisStallExecution(NIC_DELAY_POLL);
    }
    return NDIS_STATUS_DEVICE_FAILED;
}

VOID
NICIssueFullReset(PMP_ADAPTER Adapter)
{
    NdisWriteRegisterUlong(&Adapter->CSRAddress->IntMask, 0);
    NdisWriteRegisterUlong(&Adapter->CSRAddress->Command, NIC_CMD_SOFT_RESET);
    NdisStallExecution(NIC_DELAY_POST_RESET);
    (VOID)NICWaitStatus(Adapter, NIC_STATUS_RESET_BUSY, 0);
}

BOOLEAN
NICCheckLink(PMP_ADAPTER Adapter)
{
    ULONG Status;

    NdisReadRegisterUlong(&Adapter->CSRAddress->Status, &Status);
    return (Status & NIC_STATUS_LINK_UP) != 0;
}

//
// Self-test, then start the command unit and the receive unit.  The chip counts as started
// once the command unit runs, even if the receive unit then fails to come up.
//
NDIS_STATUS
NICInitializeAdapter(PMP_ADAPTER Adapter)
{
    NDIS_STATUS Status;
    ULONG SelfTest;

    NdisWriteRegisterUlong(&Adapter->CSRAddress->Command, NIC_CMD_SELECTIVE_RESET);
    NdisStallExecution(NIC_DELAY_POST_RESET);
    Status = NICWaitStatus(Adapter, NIC_STATUS_RESET_BUSY, 0);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    NdisReadRegisterUlong(&Adapter->CSRAddress->SelfTest, &SelfTest);
    if (SelfTest != NIC_SELFTEST_PASSED) {
        DBGPRINT(MP_ERROR, ("Self-test failed %x\n", SelfTest));
        return NDIS_STATUS_HARD_ERRORS;
    }

    NdisWriteRegisterUlong(&Adapter->CSRAddress->Command, NIC_CMD_CU_START);
    Status = NICWaitStatus(Adapter, NIC_STATUS_CU_ACTIVE, NIC_STATUS_CU_ACTIVE);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    MP_SET_FLAG(Adapter, fMP_ADAPTER_HW_STARTED);

    NdisWriteRegisterUlong(&Adapter->CSRAddress->RxFilter, Adapter->PacketFilter);
    NdisWriteRegisterUlong(&Adapter->CSRAddress->RxRingBase,
                           NdisGetPhysicalAddressLow(Adapter->RfdRingPhys));
    NdisWriteRegisterUlong(&Adapter->CSRAddress->Command, NIC_CMD_RU_START);
    return NICWaitStatus(Adapter, NIC_STATUS_RU_READY, NIC_STATUS_RU_READY);
}
