/*
 * Contoso CT-GbE: pause, restart, reset, check-for-hang, PnP events, shutdown.
 * (Case 130/131 driver: see power.c for what the case is about.)
 */
#include "adapter.h"

NDIS_STATUS
CtPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status = NDIS_STATUS_PENDING;

    UNREFERENCED_PARAMETER(PauseParameters);

    NdisAcquireSpinLock(&Adapter->SendLock);
    Adapter->State = MpStatePausing;
    if (Adapter->SendRefCount == 0) {
        Adapter->State = MpStatePaused;
        Status = NDIS_STATUS_SUCCESS;
    }
    NdisReleaseSpinLock(&Adapter->SendLock);
    return Status;
}

NDIS_STATUS
CtRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);

    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR)) {
        return NDIS_STATUS_DEVICE_FAILED;
    }
    Adapter->State = MpStateRestarting;
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
        CtUnmaskInterrupts(Adapter);
    }
    Adapter->State = MpStateRunning;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
CtReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;
    MP_SET_FLAG(Adapter, fMP_ADAPTER_RESET_IN_PROGRESS);

    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
        CtMaskInterrupts(Adapter);
    }
    CtFlushWaitingSends(Adapter, NDIS_STATUS_RESET_IN_PROGRESS);

    Status = CtHwReset(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        MP_SET_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR);
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_RESET_IN_PROGRESS);
        return Status;
    }
    CtHwStart(Adapter);
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
        Adapter->HwOps->ProgramRxControl(Adapter);
        Adapter->HwOps->ProgramMulticast(Adapter);
        CtUnmaskInterrupts(Adapter);
    }
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR | fMP_ADAPTER_RESET_IN_PROGRESS);
    return NDIS_STATUS_SUCCESS;
}

BOOLEAN
CtCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportAdapterContext;
    ULONG Head;

    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_LOW_POWER | fMP_ADAPTER_HALT_IN_PROGRESS |
                               fMP_ADAPTER_RESET_IN_PROGRESS)) {
        return FALSE;
    }
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR)) {
        return TRUE;
    }
    CtUpdateLinkState(Adapter);

    Head = CT_READ(Adapter, CT_REG_TDH);
    if (Adapter->TxFree < CT_TX_RING_SIZE && Head == Adapter->TxHead) {
        if (++Adapter->HangChecks >= 2) {
            Adapter->HangChecks = 0;
            return TRUE;
        }
    } else {
        Adapter->HangChecks = 0;
    }
    return FALSE;
}

VOID
CtDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportAdapterContext;

    switch (NetDevicePnPEvent->DevicePnPEvent) {
    case NdisDevicePnPEventSurpriseRemoved:
        MP_SET_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR);
        break;
    case NdisDevicePnPEventPowerProfileChanged:
    default:
        break;
    }
}

VOID
CtShutdownEx(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportAdapterContext;

    if (ShutdownAction == NdisShutdownBugCheck) {
        /* no locks, no NDIS calls at bugcheck time: poke the chip directly */
        CT_WRITE(Adapter, CT_REG_IMC, 0xFFFFFFFF);
        CT_WRITE(Adapter, CT_REG_RCTL, 0);
        CT_WRITE(Adapter, CT_REG_TCTL, 0);
        return;
    }
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
        CtMaskInterrupts(Adapter);
    }
    CT_WRITE(Adapter, CT_REG_RCTL, 0);
    CT_WRITE(Adapter, CT_REG_TCTL, 0);
}
