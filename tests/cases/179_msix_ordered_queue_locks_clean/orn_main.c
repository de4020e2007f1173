/*
 * Orion 25G miniport entry points for case 179 (see orn_intr.c for what the case exercises).
 * MiniportInitializeEx unwinds with goto labels; the adapter comes from
 * NdisAllocateMemoryWithTagPriority and is zeroed.  Expected: clean for every rule.
 */

#include "orn.h"

NDIS_HANDLE OrnDriverHandle;

MINIPORT_INITIALIZE OrnInitializeEx;
MINIPORT_HALT OrnHaltEx;
MINIPORT_PAUSE OrnPause;
MINIPORT_RESTART OrnRestart;
MINIPORT_OID_REQUEST OrnOidRequest;
MINIPORT_CANCEL_OID_REQUEST OrnCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS OrnSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS OrnReturnNetBufferLists;
MINIPORT_CANCEL_SEND OrnCancelSend;
MINIPORT_RESET OrnReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY OrnDevicePnPEvent;
MINIPORT_SHUTDOWN OrnShutdown;
MINIPORT_UNLOAD OrnUnload;
DRIVER_INITIALIZE DriverEntry;

static NDIS_STATUS
OrnHwReset(PORN_ADAPTER Adapter)
{
    ULONG Tries;

    ORN_WR(Adapter, ORN_REG_GLOBAL_CTRL, ORN_CTRL_RESET);
    for (Tries = 0; Tries < 20; Tries++) {
        NdisStallExecution(25);
        if ((ORN_RD(Adapter, ORN_REG_GLOBAL_CTRL) & ORN_CTRL_RESET) == 0) {
            ORN_WR(Adapter, ORN_REG_GLOBAL_CTRL, ORN_CTRL_ENABLE);
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_DEVICE_FAILED;
}

static NDIS_STATUS
OrnFindBar(PORN_ADAPTER Adapter, PNDIS_RESOURCE_LIST Resources)
{
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_RESOURCE_CONFLICT;
    }
    for (i = 0; i < Resources->Count; i++) {
        if (Resources->PartialDescriptors[i].Type == CmResourceTypeMemory &&
            Resources->PartialDescriptors[i].u.Memory.Length >= ORN_BAR_SIZE) {
            Adapter->BarPhysical = Resources->PartialDescriptors[i].u.Memory.Start;
            return NdisMMapIoSpace((PVOID *)&Adapter->Bar, Adapter->MiniportHandle,
                                   Adapter->BarPhysical, ORN_BAR_SIZE);
        }
    }
    return NDIS_STATUS_RESOURCE_CONFLICT;
}

NDIS_STATUS
OrnInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    PORN_ADAPTER Adapter;
    NDIS_STATUS Status;
    ULONG q;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(*Adapter), ORN_POOL_TAG,
                                                HighPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(*Adapter));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    Adapter->State = OrnStateInitializing;
    for (q = 0; q < ORN_MAX_QUEUES; q++) {
        Adapter->Queue[q].Adapter = Adapter;
        Adapter->Queue[q].Index = q;
        NdisAllocateSpinLock(&Adapter->Queue[q].Lock);
    }

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }

    Status = OrnFindBar(Adapter, MiniportInitParameters->AllocatedResources);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }

    Status = OrnHwReset(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto UnmapBar;
    }

    Status = OrnConnectInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto UnmapBar;
    }

    if (Adapter->QueueCount == 0) {
        Status = NDIS_STATUS_RESOURCES;
        goto Disconnect;
    }

    OrnProgramFilter(Adapter);
    OrnUnmaskAll(Adapter);
    Adapter->State = OrnStatePaused;
    return NDIS_STATUS_SUCCESS;

Disconnect:
    OrnDisconnectInterrupt(Adapter);
UnmapBar:
    NdisMUnmapIoSpace(MiniportAdapterHandle, Adapter->Bar, ORN_BAR_SIZE);
FreeAdapter:
    for (q = 0; q < ORN_MAX_QUEUES; q++) {
        NdisFreeSpinLock(&Adapter->Queue[q].Lock);
    }
    NdisFreeMemoryWithTagPriority(MiniportAdapterHandle, Adapter, ORN_POOL_TAG);
    return Status;
}

VOID
OrnHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)MiniportAdapterContext;
    ULONG q;

    UNREFERENCED_PARAMETER(HaltAction);

    Adapter->State = OrnStateHalted;
    OrnDisconnectInterrupt(Adapter);
    for (q = 0; q < Adapter->QueueCount; q++) {
        OrnDrainQueue(&Adapter->Queue[q], NDIS_STATUS_FAILURE);
    }
    ORN_WR(Adapter, ORN_REG_GLOBAL_CTRL, ORN_CTRL_RESET);
    NdisMUnmapIoSpace(Adapter->MiniportHandle, Adapter->Bar, ORN_BAR_SIZE);
    for (q = 0; q < ORN_MAX_QUEUES; q++) {
        NdisFreeSpinLock(&Adapter->Queue[q].Lock);
    }
    NdisFreeMemoryWithTagPriority(Adapter->MiniportHandle, Adapter, ORN_POOL_TAG);
}

NDIS_STATUS
OrnPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)MiniportAdapterContext;
    ULONG q;

    UNREFERENCED_PARAMETER(PauseParameters);

    Adapter->State = OrnStatePaused;
    OrnMaskAll(Adapter);
    for (q = 0; q < Adapter->QueueCount; q++) {
        OrnDrainQueue(&Adapter->Queue[q], NDIS_STATUS_PAUSED);
    }
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
OrnRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);

    ULONG q;

    for (q = Adapter->QueueCount; q < ORN_MAX_QUEUES; q++) {
        OrnMigrateQueue(&Adapter->Queue[q], &Adapter->Queue[0]);   // queues NDIS took away
    }
    OrnUnmaskAll(Adapter);
    Adapter->State = OrnStateRunning;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
OrnOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)MiniportAdapterContext;
    NDIS_OID Oid = OidRequest->DATA.SET_INFORMATION.Oid;

    if (OidRequest->RequestType != NdisRequestSetInformation) {
        if (OidRequest->DATA.QUERY_INFORMATION.Oid == OID_GEN_MEDIA_CONNECT_STATUS &&
            OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength >= sizeof(ULONG)) {
            *(PULONG)OidRequest->DATA.QUERY_INFORMATION.InformationBuffer =
                Adapter->LinkUp ? NdisMediaStateConnected : NdisMediaStateDisconnected;
            OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG);
            return NDIS_STATUS_SUCCESS;
        }
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    if (Oid == OID_GEN_CURRENT_PACKET_FILTER) {
        if (OidRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->PacketFilter = *(PULONG)OidRequest->DATA.SET_INFORMATION.InformationBuffer;
        OrnProgramFilter(Adapter);
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_NOT_SUPPORTED;
}

VOID
OrnCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
OrnSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;
    ULONG Hash = 0;

    UNREFERENCED_PARAMETER(PortNumber);

    if (Adapter->State != OrnStateRunning) {
        for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_PAUSED;
        }
        NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, NetBufferLists,
                                        (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) ?
                                        NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
        return;
    }
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        OrnQueueSend(&Adapter->Queue[Hash % Adapter->QueueCount], Nbl);
        Hash++;
    }
}

VOID
OrnReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
OrnCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

NDIS_STATUS
OrnReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)MiniportAdapterContext;
    ORN_STATE Previous = Adapter->State;
    NDIS_STATUS Status;

    *AddressingReset = TRUE;
    Adapter->State = OrnStateResetting;
    OrnMaskAll(Adapter);
    Status = OrnHwReset(Adapter);
    if (Status == NDIS_STATUS_SUCCESS) {
        OrnProgramFilter(Adapter);
        if (Previous == OrnStateRunning) {
            OrnUnmaskAll(Adapter);
        }
    }
    Adapter->State = Previous;
    return Status;
}

VOID
OrnDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
OrnShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PORN_ADAPTER Adapter = (PORN_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);

    ORN_WR(Adapter, ORN_REG_GLOBAL_CTRL, ORN_CTRL_RESET);
}

VOID
OrnUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);

    NdisMDeregisterMiniportDriver(OrnDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(Chars);
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 30;
    Chars.MajorDriverVersion = 3;
    Chars.MinorDriverVersion = 1;
    Chars.InitializeHandlerEx = OrnInitializeEx;
    Chars.HaltHandlerEx = OrnHaltEx;
    Chars.UnloadHandler = OrnUnload;
    Chars.PauseHandler = OrnPause;
    Chars.RestartHandler = OrnRestart;
    Chars.OidRequestHandler = OrnOidRequest;
    Chars.CancelOidRequestHandler = OrnCancelOidRequest;
    Chars.SendNetBufferListsHandler = OrnSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = OrnReturnNetBufferLists;
    Chars.CancelSendHandler = OrnCancelSend;
    Chars.ResetHandlerEx = OrnReset;
    Chars.DevicePnPEventNotifyHandler = OrnDevicePnPEvent;
    Chars.ShutdownHandlerEx = OrnShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &OrnDriverHandle);
    return Status == NDIS_STATUS_SUCCESS ? STATUS_SUCCESS : (NTSTATUS)Status;
}
