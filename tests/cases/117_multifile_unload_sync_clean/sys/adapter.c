/*
 * Case 117: initialize, halt and the state callbacks (see driver.c for what the case is about).
 */
#include "nic.h"

static NDIS_STATUS
NicMapRegisters(PNIC_DEVICE Device, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_RESOURCE_CONFLICT;
    }
    for (i = 0; i < Resources->Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc = &Resources->PartialDescriptors[i];

        if (Desc->Type == CmResourceTypeMemory && Desc->u.Memory.Length >= NIC_CSR_SIZE) {
            return NdisMMapIoSpace((PVOID *)&Device->Csr, Device->MiniportHandle, Desc->u.Memory.Start,
                                   NIC_CSR_SIZE);
        }
    }
    return NDIS_STATUS_RESOURCE_CONFLICT;
}

static VOID
NicUnmapRegisters(PNIC_DEVICE Device)
{
    if (Device->Csr != NULL) {
        NdisMUnmapIoSpace(Device->MiniportHandle, (PVOID)Device->Csr, NIC_CSR_SIZE);
        Device->Csr = NULL;
    }
}

NDIS_STATUS
MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegAttrs;
    PNIC_DEVICE Device = &NicDevice;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    if (Device->Initialized) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;       /* one device per SoC */
    }
    NdisZeroMemory(Device, sizeof(*Device));
    Device->MiniportHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Device->TxLock);

    NdisZeroMemory(&RegAttrs, sizeof(RegAttrs));
    RegAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.MiniportAdapterContext = Device;
    RegAttrs.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND;
    RegAttrs.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegAttrs);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    Status = NicMapRegisters(Device, MiniportInitParameters);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    NIC_WRITE(Device, CSR_IMC, 0xFFFFFFFF);
    Status = NicConnectInterrupt(Device);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    NdisMSynchronizeWithInterruptEx(Device->InterruptHandle, 0, MpSyncEnable, Device);
    Device->Initialized = TRUE;
    return NDIS_STATUS_SUCCESS;

Fail:
    NicUnmapRegisters(Device);
    NdisFreeSpinLock(&Device->TxLock);
    return Status;
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PNIC_DEVICE Device = (PNIC_DEVICE)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    if (Device->InterruptConnected) {
        NdisMSynchronizeWithInterruptEx(Device->InterruptHandle, 0, MpSyncDisable, Device);
        NdisMDeregisterInterruptEx(Device->InterruptHandle);
        Device->InterruptConnected = FALSE;
    }
    NicUnmapRegisters(Device);
    NdisFreeSpinLock(&Device->TxLock);
    Device->Initialized = FALSE;
    /* the counters stay in NicDevice: the unload handler reports them */
}

NDIS_STATUS
MpPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PauseParameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

VOID
MpDevicePnPEventNotify(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
MpShutdownEx(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PNIC_DEVICE Device = (PNIC_DEVICE)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);

    NIC_WRITE(Device, CSR_IMC, 0xFFFFFFFF);
    NIC_WRITE(Device, CSR_CTRL, CTRL_RST);
}
