/*
 * Shared-header fixture: beta's miniport split into files that start in different ways.
 * A #pragma pack before <ndis.h> would change its layouts: parsed alone.
 */

#pragma pack(push, 8)
#include <ndis.h>
#pragma pack(pop)
#include "drv.h"

BOOLEAN
MpIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG Events;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Events = MP_READ_REG(Adapter, MP_REG_INT_STATUS) & MP_INT_ALL;
    if (Events == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    MP_WRITE_REG(Adapter, MP_REG_INT_STATUS, Events);
    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
    Adapter->PendingEvents |= Events;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
MpDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG Events;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Events = Adapter->PendingEvents;
    Adapter->PendingEvents = 0;
    if (Events & MP_INT_RX) {
        NdisDprAcquireSpinLock(&Adapter->RecvLock);
        Adapter->FramesReceived++;
        NdisDprReleaseSpinLock(&Adapter->RecvLock);
    }
    if (Events & MP_INT_TX) {
        NdisDprAcquireSpinLock(&Adapter->SendLock);
        Adapter->FramesSent++;
        NdisDprReleaseSpinLock(&Adapter->SendLock);
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpEnableInterruptSync, Adapter);
}

VOID
MpEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, MP_INT_ALL);
}

VOID
MpDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
}
