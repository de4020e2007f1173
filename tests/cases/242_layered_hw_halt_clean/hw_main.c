/*
 * hw_main.c - RW-300 hardware layer: HW block, bring-up, stop/halt, power, filter, reset.
 * See mp_main.c for what the case exercises.
 */
#include "hw_main.h"

NDIS_STATUS
HwAllocate(PADAPTER Adapter, NDIS_HANDLE MiniportAdapterHandle, PHW *pHw)
{
    PHW Hw;

    Hw = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(HW), HW_MEMORY_TAG,
                                           NormalPoolPriority);
    if (Hw == NULL) {
        *pHw = NULL;
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Hw, sizeof(HW));
    Hw->Adapter = Adapter;
    Hw->MiniportAdapterHandle = MiniportAdapterHandle;
    Hw->RxFilter = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST;
    *pHw = Hw;
    return NDIS_STATUS_SUCCESS;
}

VOID
HwFree(PHW Hw)
{
    NdisFreeMemory(Hw, sizeof(HW), 0);
}

NDIS_STATUS
HwResetAsic(PHW Hw)
{
    ULONG Poll;

    HW_WRITE_REGISTER(Hw, HW_REG_CONTROL, HW_CONTROL_RESET);
    for (Poll = 0; Poll < HW_RESET_POLL_COUNT; Poll++) {
        NdisStallExecution(HW_RESET_POLL_US);
        if ((HW_READ_REGISTER(Hw, HW_REG_CONTROL) & HW_CONTROL_RESET) == 0) {
            HW_CLEAR_FLAG(Hw, fHW_FATAL_ERROR);
            return NDIS_STATUS_SUCCESS;
        }
    }
    HwTrace(("RW300: reset did not complete\n"));
    return NDIS_STATUS_HARD_ERRORS;
}

static VOID
HwReadPermanentAddress(PHW Hw)
{
    ULONG Low = HW_READ_REGISTER(Hw, HW_REG_MAC_LOW);
    ULONG High = HW_READ_REGISTER(Hw, HW_REG_MAC_HIGH);

    Hw->PermanentAddress[0] = (UCHAR)Low;
    Hw->PermanentAddress[1] = (UCHAR)(Low >> 8);
    Hw->PermanentAddress[2] = (UCHAR)(Low >> 16);
    Hw->PermanentAddress[3] = (UCHAR)(Low >> 24);
    Hw->PermanentAddress[4] = (UCHAR)High;
    Hw->PermanentAddress[5] = (UCHAR)(High >> 8);
}

NDIS_STATUS
HwInitialize(PHW Hw, PNDIS_RESOURCE_LIST AllocatedResources)
{
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor;
    NDIS_STATUS Status = NDIS_STATUS_ADAPTER_NOT_FOUND;
    ULONG i;

    if (AllocatedResources == NULL) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    for (i = 0; i < AllocatedResources->Count; i++) {
        Descriptor = &AllocatedResources->PartialDescriptors[i];
        if (Descriptor->Type == CmResourceTypeMemory &&
            Descriptor->u.Memory.Length >= HW_REGISTER_SPACE) {
            Hw->RegisterPhys = Descriptor->u.Memory.Start;
            Status = NdisMMapIoSpace((PVOID *)&Hw->RegisterBase, Hw->MiniportAdapterHandle,
                                     Hw->RegisterPhys, HW_REGISTER_SPACE);
            break;
        }
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    HW_SET_FLAG(Hw, fHW_REGISTERS_MAPPED);

    Status = HwResetAsic(Hw);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrorUnmap;
    }
    HwReadPermanentAddress(Hw);

    Status = HwRegisterInterrupt(Hw);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ErrorUnmap;
    }

    HwEnableReceiver(Hw);
    if (!HwEnableInterrupt(Hw)) {
        HwDisableReceiver(Hw);
        HwDeregisterInterrupt(Hw);
        Status = NDIS_STATUS_HARD_ERRORS;
        goto ErrorUnmap;
    }
    Hw->LinkUp = (HW_READ_REGISTER(Hw, HW_REG_LINK_STATUS) & HW_LINK_UP) != 0;
    return NDIS_STATUS_SUCCESS;

ErrorUnmap:
    NdisMUnmapIoSpace(Hw->MiniportAdapterHandle, Hw->RegisterBase, HW_REGISTER_SPACE);
    Hw->RegisterBase = NULL;
    HW_CLEAR_FLAG(Hw, fHW_REGISTERS_MAPPED);
    return Status;
}

//
// Stop the chip and give the interrupt back.  After this nothing may synchronize with the
// interrupt any more.
//
VOID
HwStop(PHW Hw, NDIS_HALT_ACTION HaltAction)
{
    if (HaltAction == NdisHaltDeviceSurpriseRemoved) {
        // the device is gone: nothing to program, just forget the receiver
        HW_CLEAR_FLAG(Hw, fHW_RX_ENABLED);
    } else {
        HwDisableReceiver(Hw);
        HwDisableInterrupt(Hw);
    }
    HwDeregisterInterrupt(Hw);
}

//
// Final teardown after HwStop: make sure the receiver is off, reset, unmap.
//
VOID
HwHalt(PHW Hw)
{
    HwDisableReceiver(Hw);
    if (HW_TEST_FLAG(Hw, fHW_REGISTERS_MAPPED)) {
        (VOID)HwResetAsic(Hw);
        NdisMUnmapIoSpace(Hw->MiniportAdapterHandle, Hw->RegisterBase, HW_REGISTER_SPACE);
        Hw->RegisterBase = NULL;
        HW_CLEAR_FLAG(Hw, fHW_REGISTERS_MAPPED);
    }
}

VOID
HwGetPermanentAddress(PHW Hw, PUCHAR Address)
{
    NdisMoveMemory(Address, Hw->PermanentAddress, ETH_LENGTH_OF_ADDRESS);
}

NDIS_STATUS
HwSetPacketFilter(PHW Hw, ULONG PacketFilter)
{
    Hw->RxFilter = PacketFilter;
    if (HW_TEST_FLAG(Hw, fHW_IN_LOW_POWER)) {
        // programmed on the way back to D0 by HwEnableReceiver
        return NDIS_STATUS_SUCCESS;
    }
    if (!HwProgramReceiver(Hw)) {
        return NDIS_STATUS_FAILURE;
    }
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
HwSetPowerState(PHW Hw, NDIS_DEVICE_POWER_STATE PowerState)
{
    if (PowerState != NdisDeviceStateD0) {
        HwDisableReceiver(Hw);
        HwDisableInterrupt(Hw);
        HW_WRITE_REGISTER(Hw, HW_REG_PM_CONTROL, HW_PM_D3 | HW_PM_PME_EN);
        HW_SET_FLAG(Hw, fHW_IN_LOW_POWER);
        return NDIS_STATUS_SUCCESS;
    }

    HW_WRITE_REGISTER(Hw, HW_REG_PM_CONTROL, 0);
    HW_CLEAR_FLAG(Hw, fHW_IN_LOW_POWER);
    HwEnableReceiver(Hw);
    if (!HwEnableInterrupt(Hw)) {
        return NDIS_STATUS_HARD_ERRORS;
    }
    return NDIS_STATUS_SUCCESS;
}

//
// MiniportResetEx: the interrupt stays registered; the chip is masked around the reset.
//
NDIS_STATUS
HwReset(PHW Hw)
{
    NDIS_STATUS Status;

    HwDisableInterrupt(Hw);
    Status = HwResetAsic(Hw);
    if (Status != NDIS_STATUS_SUCCESS) {
        HW_SET_FLAG(Hw, fHW_FATAL_ERROR);
        return Status;
    }
    if (HW_TEST_FLAG(Hw, fHW_RX_ENABLED)) {
        (VOID)HwProgramReceiver(Hw);
    }
    if (!HwEnableInterrupt(Hw)) {
        return NDIS_STATUS_HARD_ERRORS;
    }
    return NDIS_STATUS_SUCCESS;
}

BOOLEAN
HwIsLinkUp(PHW Hw)
{
    return Hw->LinkUp;
}

BOOLEAN
HwCheckForHang(PHW Hw)
{
    ULONG TxPending;

    if (HW_TEST_FLAG(Hw, fHW_FATAL_ERROR)) {
        return TRUE;
    }
    if (HW_TEST_FLAG(Hw, fHW_IN_LOW_POWER)) {
        return FALSE;
    }
    TxPending = HW_READ_REGISTER(Hw, HW_REG_TX_PENDING);
    if (TxPending != 0 && TxPending == Hw->TxPendingLast) {
        return ++Hw->TxStallTicks > 4;
    }
    Hw->TxPendingLast = TxPending;
    Hw->TxStallTicks = 0;
    return FALSE;
}

ULONG64
HwGetReceiveCount(PHW Hw)
{
    return Hw->RxFrames;
}
