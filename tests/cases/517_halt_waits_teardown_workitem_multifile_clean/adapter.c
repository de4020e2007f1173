/*
 * Contoso CT-1000: adapter life cycle.
 */
#include "ct.h"

static VOID
CtArmWatchdog(PCT_ADAPTER Adapter)
{
    LARGE_INTEGER Due;

    Due.QuadPart = -10000LL * CT_WATCHDOG_MS;
    NdisSetTimerObject(Adapter->WatchdogTimer, Due, 0, Adapter);
}

VOID
CtWatchdog(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)FunctionContext;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);

    if (Adapter->State != CtStateRunning) {
        return;
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, CtSyncUnmask, Adapter);
    CtArmWatchdog(Adapter);
}

NDIS_STATUS
CtInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PCT_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_TIMER_CHARACTERISTICS Tc;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(CT_ADAPTER), CT_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(CT_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->State = CtStateInitializing;
    NdisAllocateSpinLock(&Adapter->Lock);

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    Reg.CheckForHangTimeInSeconds = 2;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Status = CtHwMapRegisters(Adapter, MiniportInitParameters);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    NdisZeroMemory(&Tc, sizeof(Tc));
    Tc.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    Tc.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    Tc.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
    Tc.AllocationTag = CT_POOL_TAG;
    Tc.TimerFunction = CtWatchdog;
    Tc.FunctionContext = Adapter;
    Status = NdisAllocateTimerObject(MiniportAdapterHandle, &Tc, &Adapter->WatchdogTimer);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Adapter->StopWorkItem = NdisAllocateIoWorkItem(MiniportAdapterHandle);
    if (Adapter->StopWorkItem == NULL) {
        Status = NDIS_STATUS_RESOURCES;
        goto Fail;
    }
    NdisInitializeEvent(&Adapter->StopDone);

    Status = CtHwRegisterInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Status = CtHwResetChip(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, CtSyncUnmask, Adapter);
    Adapter->State = CtStateRunning;
    CtArmWatchdog(Adapter);
    return NDIS_STATUS_SUCCESS;

Fail:
    CtHwTeardown(Adapter);
    CtHwFree(Adapter);
    return Status;
}

//
// Runs at PASSIVE_LEVEL on a system thread: stop the MAC and release the
// interrupt, then let halt go on.
//
VOID
CtStopWork(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)WorkItemContext;

    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, CtSyncMask, Adapter);
    CtHwTeardown(Adapter);
    NdisSetEvent(&Adapter->StopDone);
}

VOID
CtHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    Adapter->State = CtStateHalting;
    NdisCancelTimerObject(Adapter->WatchdogTimer);
    NdisResetEvent(&Adapter->StopDone);
    NdisQueueIoWorkItem(Adapter->StopWorkItem, CtStopWork, Adapter);
    NdisWaitEvent(&Adapter->StopDone, 0);
    NdisFreeIoWorkItem(Adapter->StopWorkItem);
    CtHwFree(Adapter);
}


NDIS_STATUS
CtPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PauseParameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
CtRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

BOOLEAN
CtCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportAdapterContext;

    Adapter->HangChecks++;
    return FALSE;
}

NDIS_STATUS
CtReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    *AddressingReset = FALSE;
    return NDIS_STATUS_SUCCESS;
}

VOID
CtDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
CtShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    CT_WRITE(Adapter, CT_REG_IMR, 0);
    CT_WRITE(Adapter, CT_REG_CTRL, CT_CTRL_RESET);
}
