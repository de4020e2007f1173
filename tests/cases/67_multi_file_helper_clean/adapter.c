/*
 * Case 67_multi_file_helper_clean (Fabrikam FE-100, four files): twin of 66 where MpHaltEx in
 * adapter.c masks the chip with MpInterruptDisable (interrupt.c) before MpDeregisterInterrupt.
 * Expected: clean.  The same text heads every file of the case.
 */

#include "mp.h"

static NDIS_STATUS
MpMapRegisters(PMP_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    for (i = 0; i < Resources->Count; i++) {
        if (Resources->PartialDescriptors[i].Type == CmResourceTypeMemory) {
            return NdisMMapIoSpace((PVOID *)&Adapter->Registers, Adapter->AdapterHandle,
                                   Resources->PartialDescriptors[i].u.Memory.Start,
                                   MP_REG_WINDOW_SIZE);
        }
    }
    return NDIS_STATUS_ADAPTER_NOT_FOUND;
}

static NDIS_STATUS
MpHwReset(PMP_ADAPTER Adapter)
{
    ULONG Spins;

    MP_WRITE_REG(Adapter, MP_REG_CONTROL, MP_CONTROL_RESET);
    for (Spins = 0; Spins < 50; Spins++) {
        NdisStallExecution(20);
        if ((MP_READ_REG(Adapter, MP_REG_CONTROL) & MP_CONTROL_RESET) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_HARD_ERRORS;
}

VOID
MpStopDma(PMP_ADAPTER Adapter)
{
    MP_WRITE_REG(Adapter, MP_REG_DMA_CONTROL, 0);
}

VOID
MpFreeResources(PMP_ADAPTER Adapter)
{
    if (Adapter->Registers != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Registers, MP_REG_WINDOW_SIZE);
    }
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, sizeof(MP_ADAPTER), 0);
}

NDIS_STATUS
MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PMP_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER),
                                                MP_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->Lock);

    NdisZeroMemory(&RegistrationAttributes, sizeof(RegistrationAttributes));
    RegistrationAttributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegistrationAttributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegistrationAttributes.Header.Size = sizeof(RegistrationAttributes);
    RegistrationAttributes.MiniportAdapterContext = Adapter;
    RegistrationAttributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE;
    RegistrationAttributes.CheckForHangTimeInSeconds = 4;
    RegistrationAttributes.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegistrationAttributes);
    if (Status == NDIS_STATUS_SUCCESS) {
        Status = MpMapRegisters(Adapter, MiniportInitParameters);
    }
    if (Status == NDIS_STATUS_SUCCESS) {
        Status = MpRegisterInterrupt(Adapter);
    }
    if (Status == NDIS_STATUS_SUCCESS) {
        Status = MpHwReset(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            MpDeregisterInterrupt(Adapter);
        }
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        MpFreeResources(Adapter);
        return Status;
    }

    MpInterruptEnable(Adapter);
    return NDIS_STATUS_SUCCESS;
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    MpInterruptDisable(Adapter);
    MpDeregisterInterrupt(Adapter);
    MpFreeResources(Adapter);
}

NDIS_STATUS
MpPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(PauseParameters);

    MpStopDma(Adapter);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);

    MP_WRITE_REG(Adapter, MP_REG_DMA_CONTROL, 1);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;
    MpInterruptDisable(Adapter);
    Status = MpHwReset(Adapter);
    if (Status == NDIS_STATUS_SUCCESS) {
        MpApplyPacketFilter(Adapter);
        MpInterruptEnable(Adapter);
    }
    return Status;
}

BOOLEAN
MpCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    return FALSE;
}

VOID
MpShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
    MP_WRITE_REG(Adapter, MP_REG_CONTROL, MP_CONTROL_RESET);
}

VOID
MpDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}
