/*
 * adapter.c - Contoso CX-2000 miniport: adapter life cycle (initialize, halt, pause, restart,
 * reset, check-for-hang, shutdown, PnP events) and the chip reset.
 *
 * Known defect (the one this sample exists for): MpHaltEx masks the chip through
 * CxSyncDisableInterrupts, which calls NdisMSynchronizeWithInterruptEx, without checking that
 * the interrupt is still registered.  When the adapter is halted while in a low-power state
 * (an OID_PNP_SET_POWER to D3 ran CxDisconnectInterrupt, see oid.c), that synchronize follows
 * NdisMDeregisterInterruptEx: a violation of the NdisMDeregisterInterruptEx rule.  The fix is in
 * ../fixed/adapter.c.
 */

#include "cx.h"

#define CX_EEPROM_MAC_LO            0x300
#define CX_EEPROM_MAC_HI            0x304

static NDIS_STATUS
CxMapRegisters(PCX_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    for (i = 0; i < Resources->Count; i++) {
        Descriptor = &Resources->PartialDescriptors[i];
        if (Descriptor->Type == CmResourceTypeMemory &&
            Descriptor->u.Memory.Length >= CX_REG_WINDOW_SIZE) {
            return NdisMMapIoSpace((PVOID *)&Adapter->Registers, Adapter->AdapterHandle,
                                   Descriptor->u.Memory.Start, CX_REG_WINDOW_SIZE);
        }
    }
    return NDIS_STATUS_ADAPTER_NOT_FOUND;
}

static VOID
CxFreeAdapter(PCX_ADAPTER Adapter)
{
    if (Adapter->Registers != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Registers, CX_REG_WINDOW_SIZE);
        Adapter->Registers = NULL;
    }
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeSpinLock(&Adapter->RecvLock);
    NdisFreeMemory(Adapter, sizeof(CX_ADAPTER), 0);
}

//
// Full chip reset.  The reset bit self-clears within CX_RESET_POLLS * CX_RESET_POLL_US
// microseconds; the chip comes out of reset with every interrupt masked.
//
NDIS_STATUS
CxResetChip(PCX_ADAPTER Adapter)
{
    ULONG Poll;

    CX_WRITE(Adapter, CX_REG_CONTROL, CX_CONTROL_RESET);
    for (Poll = 0; Poll < CX_RESET_POLLS; Poll++) {
        NdisStallExecution(CX_RESET_POLL_US);
        if ((CX_READ(Adapter, CX_REG_CONTROL) & CX_CONTROL_RESET) == 0) {
            CX_WRITE(Adapter, CX_REG_CONTROL, CX_CONTROL_RX_ENABLE | CX_CONTROL_TX_ENABLE);
            Adapter->LinkUp = (CX_READ(Adapter, CX_REG_STATUS) & CX_STATUS_LINK_UP) != 0;
            return NDIS_STATUS_SUCCESS;
        }
    }
    NdisWriteErrorLogEntry(Adapter->AdapterHandle, NDIS_ERROR_CODE_HARDWARE_FAILURE, 0);
    return NDIS_STATUS_HARD_ERRORS;
}

static BOOLEAN
CxMacAddressValid(PCX_ADAPTER Adapter)
{
    ULONG Lo = CX_READ(Adapter, CX_EEPROM_MAC_LO);
    ULONG Hi = CX_READ(Adapter, CX_EEPROM_MAC_HI) & 0xFFFF;

    // all zeros, all ones, or a group address: the EEPROM is blank or corrupt
    return !(Lo == 0 && Hi == 0) && !(Lo == 0xFFFFFFFF && Hi == 0xFFFF) && (Lo & 0x01) == 0;
}

NDIS_STATUS
MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PCX_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(CX_ADAPTER),
                                                CX_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(CX_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->DevicePowerState = NdisDeviceStateD0;
    Adapter->PacketFilter = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST;
    NdisAllocateSpinLock(&Adapter->SendLock);
    NdisAllocateSpinLock(&Adapter->RecvLock);

    NdisZeroMemory(&RegistrationAttributes, sizeof(RegistrationAttributes));
    RegistrationAttributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegistrationAttributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegistrationAttributes.Header.Size = sizeof(RegistrationAttributes);
    RegistrationAttributes.MiniportAdapterContext = Adapter;
    RegistrationAttributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE |
                                            NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    RegistrationAttributes.CheckForHangTimeInSeconds = 2;
    RegistrationAttributes.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegistrationAttributes);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Status = CxMapRegisters(Adapter, MiniportInitParameters);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Status = CxResetChip(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Status = CxConnectInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    if (!CxMacAddressValid(Adapter)) {
        NdisWriteErrorLogEntry(MiniportAdapterHandle, NDIS_ERROR_CODE_NETWORK_ADDRESS, 0);
        Status = NDIS_STATUS_INVALID_ADDRESS;
        goto Fail;
    }

    CxSyncProgramFilter(Adapter);
    CxSyncEnableInterrupts(Adapter);
    return NDIS_STATUS_SUCCESS;

Fail:
    if (Adapter->InterruptConnected) {
        CxSyncDisableInterrupts(Adapter);
        CxDisconnectInterrupt(Adapter);
    }
    CxFreeAdapter(Adapter);
    return Status;
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)MiniportAdapterContext;

    //
    // Quiesce the chip: mask its interrupts and stop both DMA engines before the register
    // window is unmapped.  A surprise-removed device is gone; leave its registers alone.
    //
    if (HaltAction != NdisHaltDeviceSurpriseRemoved) {
        CxSyncDisableInterrupts(Adapter);
        CX_WRITE(Adapter, CX_REG_CONTROL, 0);
    }
    CxDisconnectInterrupt(Adapter);
    CxFreeAdapter(Adapter);
}

NDIS_STATUS
MpPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(PauseParameters);

    NdisAcquireSpinLock(&Adapter->SendLock);
    Adapter->Paused = TRUE;
    NdisReleaseSpinLock(&Adapter->SendLock);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);

    NdisAcquireSpinLock(&Adapter->SendLock);
    Adapter->Paused = FALSE;
    NdisReleaseSpinLock(&Adapter->SendLock);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;

    //
    // In a low-power state the chip is off and has no interrupt; the return to D0 resets it.
    //
    if (!Adapter->InterruptConnected) {
        return NDIS_STATUS_SUCCESS;
    }

    CxSyncDisableInterrupts(Adapter);
    Status = CxResetChip(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    CxSyncProgramFilter(Adapter);
    CxSyncEnableInterrupts(Adapter);
    return NDIS_STATUS_SUCCESS;
}

BOOLEAN
MpCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)MiniportAdapterContext;
    ULONG64 MissedBefore = Adapter->RxMissed;

    if (!Adapter->InterruptConnected) {
        return FALSE;
    }

    //
    // A receiver that drops every frame (missed counter moving, no receive interrupts for
    // a minute) is wedged: ask NDIS for a reset.
    //
    CxSyncReadCounters(Adapter);
    if (Adapter->RxMissed == MissedBefore || !Adapter->LinkUp) {
        Adapter->HangChecksWithoutRx = 0;
        return FALSE;
    }
    Adapter->HangChecksWithoutRx++;
    return Adapter->HangChecksWithoutRx > 30;
}

VOID
MpShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);

    //
    // May run at high IRQL on a bugcheck: no locks, no synchronization, just stop the DMA.
    //
    CX_WRITE(Adapter, CX_REG_INT_MASK, 0);
    CX_WRITE(Adapter, CX_REG_CONTROL, CX_CONTROL_RESET);
}

VOID
MpDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}
