/*
 * Case 130_ctgbe_d0_flag_ops_defect: a whole NDIS 6.30 miniport for a two-revision PCI GbE NIC in
 * eight files (driver.c, init.c, interrupt.c, hw.c, power.c, oid.c, send.c, state.c).  Flags
 * through MP_SET_FLAG / MP_CLEAR_FLAG / MP_TEST_FLAG, an adapter state enum, send reference count
 * with NdisInterlockedIncrement / Decrement (pause pends until it drops to zero), a packet-filter
 * OID that pends while pausing and is completed from the send-completion path, line or MSI-X
 * interrupt chosen from the resource list, a hardware probe under __try/__except, KeBugCheckEx for
 * a message number NDIS never grants, goto-ladder initialisation, and a per-revision hardware ops
 * table picked from the PCI device id read with NdisMGetBusData.
 *
 * OID_PNP_SET_POWER (oid.c -> CtSetPower here): D3 masks the chip, arms wake-up, sets
 * fMP_ADAPTER_LOW_POWER and gives the interrupt back (CtReleaseInterrupt, init.c).  D0 clears
 * fMP_ADAPTER_LOW_POWER FIRST, then resets the chip and registers the interrupt again; when the
 * reset or the re-registration fails it returns the failure with the flag already cleared.  The
 * packet filter path (oid.c CtSetInformation -> hw.c CtSetPacketFilter -> Adapter->HwOps->
 * ProgramRxControl) tests only fMP_ADAPTER_LOW_POWER, so the next OID_GEN_CURRENT_PACKET_FILTER
 * set on a revision-B chip reaches CtRevBProgramRxControl's NdisMSynchronizeWithInterruptEx with
 * the interrupt deregistered.  The DPCs, reset, halt, restart, the D3 path and check-for-hang test
 * fMP_ADAPTER_INTERRUPT_IN_USE (clean).  Expected: one NdisMDeregisterInterruptEx defect, at the
 * synchronize call in CtRevBProgramRxControl (hw.c).  Case 131 is the twin that clears the flag
 * only after the interrupt is back.
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

    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_LOW_POWER);

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
