/*
 * Case 131_ctgbe_d0_flag_ops_clean: twin of 130 (the same eight-file CT-GbE miniport: flags
 * through macros, state enum, send reference count and pending pause, packet-filter OID pended
 * while pausing, line or MSI-X interrupt from the resource list, __try/__except hardware probe,
 * KeBugCheckEx for an impossible message number, per-revision ops table chosen from the PCI
 * device id).  Here CtLeaveLowPower (OID_PNP_SET_POWER to D0) clears fMP_ADAPTER_LOW_POWER only
 * after the chip reset and NdisMRegisterInterruptEx both succeeded, so after a failed D0 the
 * packet-filter path (CtSetPacketFilter -> Adapter->HwOps->ProgramRxControl) still defers to the
 * next D0 and never synchronizes with the released interrupt.  Expected: clean.
 */
#include "adapter.h"

#define CT_WAKE_MAGIC_PACKET    CT_WUFC_MAG

static NDIS_STATUS
CtEnterLowPower(PCT_ADAPTER Adapter, NDIS_DEVICE_POWER_STATE NewState)
{
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
        CtMaskInterrupts(Adapter);
        CT_WRITE(Adapter, CT_REG_TCTL, 0);
        Adapter->HwOps->ArmWakeUp(Adapter, Adapter->WakeFlags);
    }
    MP_SET_FLAG(Adapter, fMP_ADAPTER_LOW_POWER);
    CtReleaseInterrupt(Adapter);
    Adapter->DevicePowerState = NewState;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
CtLeaveLowPower(PCT_ADAPTER Adapter)
{
    NDIS_STATUS Status;

    Status = CtHwReset(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        MP_SET_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR);
        return Status;
    }
    CtHwStart(Adapter);
    Status = CtAcquireInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    /* only now is the adapter back: a failed D0 leaves it in low power, filters deferred */
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_LOW_POWER);
    Adapter->HwOps->ArmWakeUp(Adapter, 0);
    Adapter->RctlShadow = CtComputeRctl(Adapter->PacketFilter);
    Adapter->HwOps->ProgramRxControl(Adapter);
    Adapter->HwOps->ProgramMulticast(Adapter);
    CtUnmaskInterrupts(Adapter);
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR);
    Adapter->DevicePowerState = NdisDeviceStateD0;
    CtUpdateLinkState(Adapter);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
CtSetPower(PCT_ADAPTER Adapter, NDIS_DEVICE_POWER_STATE NewState)
{
    switch (NewState) {
    case NdisDeviceStateD0:
        if (Adapter->DevicePowerState == NdisDeviceStateD0) {
            return NDIS_STATUS_SUCCESS;
        }
        return CtLeaveLowPower(Adapter);

    case NdisDeviceStateD1:
    case NdisDeviceStateD2:
    case NdisDeviceStateD3:
        if (Adapter->DevicePowerState != NdisDeviceStateD0) {
            Adapter->DevicePowerState = NewState;
            return NDIS_STATUS_SUCCESS;
        }
        return CtEnterLowPower(Adapter, NewState);

    default:
        return NDIS_STATUS_INVALID_DATA;
    }
}
