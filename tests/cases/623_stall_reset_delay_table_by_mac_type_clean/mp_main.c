/*
 * Case 623_stall_reset_delay_table_by_mac_type_clean: DriverEntry, adapter life cycle and the callbacks this driver does not specialise.
 */
#include "mp.h"

NDIS_HANDLE MpDriverHandle = NULL;

DRIVER_INITIALIZE DriverEntry;

NTSTATUS
DriverEntry(
    PDRIVER_OBJECT  DriverObject,
    PUNICODE_STRING RegistryPath
    )
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_STATUS Status;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = MP_NDIS_MAJOR;
    MChars.MinorNdisVersion = MP_NDIS_MINOR;
    MChars.MajorDriverVersion = 1;
    MChars.MinorDriverVersion = 4;

    MChars.InitializeHandlerEx = MpInitializeEx;
    MChars.HaltHandlerEx = MpHaltEx;
    MChars.UnloadHandler = MpUnload;
    MChars.PauseHandler = MpPause;
    MChars.RestartHandler = MpRestart;
    MChars.OidRequestHandler = MpOidRequest;
    MChars.CancelOidRequestHandler = MpCancelOidRequest;
    MChars.SendNetBufferListsHandler = MpSendNetBufferLists;
    MChars.ReturnNetBufferListsHandler = MpReturnNetBufferLists;
    MChars.CancelSendHandler = MpCancelSend;
    MChars.CheckForHangHandlerEx = MpCheckForHang;
    MChars.ResetHandlerEx = MpReset;
    MChars.DevicePnPEventNotifyHandler = MpDevicePnpEvent;
    MChars.ShutdownHandlerEx = MpShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &MChars, &MpDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
MpUnload(
    PDRIVER_OBJECT DriverObject
    )
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(MpDriverHandle);
}

static NDIS_STATUS
MpMapCsr(
    PMP_ADAPTER Adapter,
    PNDIS_MINIPORT_INIT_PARAMETERS InitParameters
    )
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    for (i = 0; i < Resources->Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc = &Resources->PartialDescriptors[i];
        if (Desc->Type == CmResourceTypeMemory && Desc->u.Memory.Length >= MP_CSR_SIZE) {
            return NdisMMapIoSpace((PVOID *)&Adapter->Csr, Adapter->AdapterHandle,
                                   Desc->u.Memory.Start, MP_CSR_SIZE);
        }
    }
    return NDIS_STATUS_RESOURCES;
}

NDIS_STATUS
MpInitializeEx(
    NDIS_HANDLE MiniportAdapterHandle,
    NDIS_HANDLE MiniportDriverContext,
    PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters
    )
{
    PMP_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegAttrs;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    NDIS_CONFIGURATION_OBJECT ConfigObject;
    NDIS_HANDLE ConfigHandle = NULL;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER), MP_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->Flags = fMP_PAUSED;

    NdisZeroMemory(&RegAttrs, sizeof(RegAttrs));
    RegAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.MiniportAdapterContext = Adapter;
    RegAttrs.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE;
    RegAttrs.CheckForHangTimeInSeconds = 2;
    RegAttrs.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegAttrs);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }

    Status = MpMapCsr(Adapter, MiniportInitParameters);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }

    NdisZeroMemory(&ConfigObject, sizeof(ConfigObject));
    ConfigObject.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
    ConfigObject.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
    ConfigObject.Header.Size = sizeof(ConfigObject);
    ConfigObject.NdisHandle = MiniportAdapterHandle;
    Status = NdisOpenConfigurationEx(&ConfigObject, &ConfigHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }

    Status = MpHwInitialize(Adapter, ConfigHandle);
    NdisCloseConfiguration(ConfigHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }

    NdisZeroMemory(&Intr, sizeof(Intr));
    Intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Intr.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Intr.InterruptHandler = MpIsr;
    Intr.InterruptDpcHandler = MpInterruptDpc;
    Intr.DisableInterruptHandler = MpDisableInterrupt;
    Intr.EnableInterruptHandler = MpEnableInterrupt;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &Intr, &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        MpHwShutdown(Adapter);
        goto FreeAdapter;
    }
    return NDIS_STATUS_SUCCESS;

FreeAdapter:
    NdisFreeMemory(Adapter, 0, 0);
    return Status;
}

VOID
MpHaltEx(
    NDIS_HANDLE MiniportAdapterContext,
    NDIS_HALT_ACTION HaltAction
    )
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    MP_SET_FLAG(Adapter, fMP_HALT_IN_PROGRESS);
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    Adapter->InterruptHandle = NULL;
    MpHwShutdown(Adapter);
    NdisFreeMemory(Adapter, 0, 0);
}

NDIS_STATUS
MpPause(
    NDIS_HANDLE MiniportAdapterContext,
    PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters
    )
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(PauseParameters);
    MP_SET_FLAG(Adapter, fMP_PAUSED);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpRestart(
    NDIS_HANDLE MiniportAdapterContext,
    PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters
    )
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);
    MP_CLEAR_FLAG(Adapter, fMP_PAUSED);
    return NDIS_STATUS_SUCCESS;
}

VOID
MpCancelOidRequest(
    NDIS_HANDLE MiniportAdapterContext,
    PVOID RequestId
    )
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
MpCancelSend(
    NDIS_HANDLE MiniportAdapterContext,
    PVOID CancelId
    )
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

VOID
MpDevicePnpEvent(
    NDIS_HANDLE MiniportAdapterContext,
    PNET_DEVICE_PNP_EVENT NetDevicePnPEvent
    )
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    if (NetDevicePnPEvent->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved) {
        MP_SET_FLAG(Adapter, fMP_HW_ERROR);
    }
}

VOID
MpShutdown(
    NDIS_HANDLE MiniportAdapterContext,
    NDIS_SHUTDOWN_ACTION ShutdownAction
    )
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    MP_WRITE_CSR(Adapter, MP_CSR_IMR, 0);
    MP_WRITE_CSR(Adapter, MP_CSR_CTRL, 0);
}

BOOLEAN
MpIsr(
    NDIS_HANDLE MiniportInterruptContext,
    PBOOLEAN QueueDefaultInterruptDpc,
    PULONG TargetProcessors
    )
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG Cause;

    *TargetProcessors = 0;
    *QueueDefaultInterruptDpc = FALSE;
    Cause = MP_READ_CSR(Adapter, MP_CSR_ISR);
    if ((Cause & MP_ISR_ALL) == 0) {
        return FALSE;
    }
    MP_WRITE_CSR(Adapter, MP_CSR_IMR, 0);
    Adapter->PendingIsr |= Cause;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
MpEnableInterrupt(
    NDIS_HANDLE MiniportInterruptContext
    )
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    MP_WRITE_CSR(Adapter, MP_CSR_IMR, MP_ISR_ALL);
}

VOID
MpDisableInterrupt(
    NDIS_HANDLE MiniportInterruptContext
    )
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    MP_WRITE_CSR(Adapter, MP_CSR_IMR, 0);
}

NDIS_STATUS
MpOidRequest(
    NDIS_HANDLE MiniportAdapterContext,
    PNDIS_OID_REQUEST NdisRequest
    )
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    if (NdisRequest->RequestType == NdisRequestSetInformation &&
        NdisRequest->DATA.SET_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER &&
        NdisRequest->DATA.SET_INFORMATION.InformationBufferLength >= sizeof(ULONG)) {
        Adapter->PacketFilter = *(PULONG)NdisRequest->DATA.SET_INFORMATION.InformationBuffer;
        NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_NOT_SUPPORTED;
}

BOOLEAN
MpCheckForHang(
    NDIS_HANDLE MiniportAdapterContext
    )
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    return MP_TEST_FLAG(Adapter, fMP_HW_ERROR) ? TRUE : FALSE;
}

NDIS_STATUS
MpReset(
    NDIS_HANDLE MiniportAdapterContext,
    PBOOLEAN AddressingReset
    )
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    *AddressingReset = FALSE;
    MP_CLEAR_FLAG(Adapter, fMP_HW_ERROR);
    return NDIS_STATUS_SUCCESS;
}

VOID
MpSendNetBufferLists(
    NDIS_HANDLE MiniportAdapterContext,
    PNET_BUFFER_LIST NetBufferLists,
    NDIS_PORT_NUMBER PortNumber,
    ULONG SendFlags
    )
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;

    UNREFERENCED_PARAMETER(PortNumber);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SEND_ABORTED;
    }
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists,
        NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
MpReturnNetBufferLists(
    NDIS_HANDLE MiniportAdapterContext,
    PNET_BUFFER_LIST NetBufferLists,
    ULONG ReturnFlags
    )
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
MpInterruptDpc(
    NDIS_HANDLE MiniportInterruptContext,
    PVOID MiniportDpcContext,
    PVOID ReceiveThrottleParameters,
    PVOID NdisReserved2
    )
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);
    Adapter->PendingIsr = 0;
    MP_WRITE_CSR(Adapter, MP_CSR_IMR, MP_ISR_ALL);
}
