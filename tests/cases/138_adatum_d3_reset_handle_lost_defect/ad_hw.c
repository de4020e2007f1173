/*
 * Adatum AE-1: interrupt connection, the synchronize dispatcher, chip reset, MDIO.
 * (Case 137 driver: see ad_driver.c for what the case is about.)
 */
#include "adatum.h"

/* One synchronize function for every operation that races the ISR; the op code picks the work. */
BOOLEAN
AdSyncDispatch(PVOID SynchronizeContext)
{
    AD_SYNC_CONTEXT *Ctx = (AD_SYNC_CONTEXT *)SynchronizeContext;
    PAD_DEVICE Dev = Ctx->Dev;
    ULONG Beat;

    switch (Ctx->Op) {
    case AdSyncMask:
        AD_WR(Dev, AD_R_IMR, 0);
        Dev->IntrCause = 0;
        return TRUE;
    case AdSyncUnmask:
        AD_WR(Dev, AD_R_IMR, AD_ISR_ALL);
        return TRUE;
    case AdSyncRxConfig:
        AD_WR(Dev, AD_R_RXCFG, Ctx->Value);
        return TRUE;
    case AdSyncHeartbeat:
        /* the ISR bumps the heartbeat on every interrupt; a stuck counter means a wedged core */
        Beat = AD_RD(Dev, AD_R_HEARTBEAT);
        if (Beat == Dev->LastHeartbeat && Dev->IntrCause != 0) {
            return FALSE;
        }
        Dev->LastHeartbeat = Beat;
        return TRUE;
    default:
        KeBugCheckEx(0x000000E2, (ULONG_PTR)Ctx, (ULONG_PTR)Ctx->Op, 0, 0);
    }
}

/* Returns what the operation returned; without an interrupt there is nothing to race. */
BOOLEAN
AdRunSync(PAD_DEVICE Dev, AD_SYNC_OP Op, ULONG Value)
{
    AD_SYNC_CONTEXT Ctx;

    Ctx.Dev = Dev;
    Ctx.Op = Op;
    Ctx.Value = Value;
    if (Dev->IntrHandle == NULL) {
        return AdSyncDispatch(&Ctx);
    }
    return NdisMSynchronizeWithInterruptEx(Dev->IntrHandle, 0, AdSyncDispatch, &Ctx);
}

NDIS_STATUS
AdConnectInterrupt(PAD_DEVICE Dev)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Ic;
    NDIS_HANDLE Handle = NULL;
    NDIS_STATUS Status;

    NdisZeroMemory(&Ic, sizeof(Ic));
    Ic.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Ic.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Ic.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Ic.InterruptHandler = AdIsr;
    Ic.InterruptDpcHandler = AdDpc;
    Ic.EnableInterruptHandler = AdEnableIntr;
    Ic.DisableInterruptHandler = AdDisableIntr;

    Status = NdisMRegisterInterruptEx(Dev->MiniportHandle, Dev, &Ic, &Handle);
    if (!NT_SUCCESS(Status)) {
        Dev->IntrHandle = NULL;
        return Status;
    }
    Dev->IntrHandle = Handle;
    return NDIS_STATUS_SUCCESS;
}

VOID
AdReleaseInterrupt(PAD_DEVICE Dev)
{
    NDIS_HANDLE Handle = Dev->IntrHandle;

    if (Handle == NULL) {
        return;
    }
    Dev->IntrHandle = NULL;
    NdisMDeregisterInterruptEx(Handle);
}

/* Busy-waits at most 50 us at a time: callers pass the settle time they need, capped. */
VOID
AdPhySettle(PAD_DEVICE Dev, ULONG Microseconds)
{
    UNREFERENCED_PARAMETER(Dev);
    NdisStallExecution(Microseconds > 50 ? 50 : Microseconds);
}

ULONG
AdPhyRead(PAD_DEVICE Dev, ULONG Register)
{
    ULONG Step;
    ULONG Value;

    AD_WR(Dev, AD_R_MDIO, AD_MDIO_GO | (Register << 16));
    for (Step = 1; Step <= 5; Step++) {
        NdisStallExecution(Step * 10);          /* 10, 20, ... 50 us: back off */
        Value = AD_RD(Dev, AD_R_MDIO);
        if ((Value & AD_MDIO_GO) == 0) {
            return Value & 0xFFFF;
        }
    }
    NdisStallExecution(AD_PHY_POLL_US);
    return AD_RD(Dev, AD_R_MDIO) & 0xFFFF;
}

NDIS_STATUS
AdResetChip(PAD_DEVICE Dev)
{
    ULONG Try;

    AD_WR(Dev, AD_R_IMR, 0);
    AD_WR(Dev, AD_R_CTRL, AD_CTRL_SRST);
    for (Try = 0; Try < 10; Try++) {
        NdisMSleep(500);
        if ((AD_RD(Dev, AD_R_CTRL) & AD_CTRL_SRST) == 0) {
            AdPhySettle(Dev, AD_RESET_SETTLE_US);
            AD_WR(Dev, AD_R_CTRL, AD_CTRL_RUN);
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_DEVICE_FAILED;
}
