/* mp.c - miniport callbacks of the virtual WLAN miniport (see sta.c). */

#include "wl.h"

NDIS_HANDLE WlDriverHandle;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE WlInitializeEx;
MINIPORT_HALT WlHaltEx;
MINIPORT_PAUSE WlPause;
MINIPORT_RESTART WlRestart;
MINIPORT_OID_REQUEST WlOidRequest;
MINIPORT_CANCEL_OID_REQUEST WlCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS WlSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS WlReturnNetBufferLists;
MINIPORT_CANCEL_SEND WlCancelSend;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY WlDevicePnPEvent;
MINIPORT_SHUTDOWN WlShutdown;
MINIPORT_UNLOAD WlUnload;

NDIS_STATUS
WlInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PWL_ADAPTER adapter;
    NDIS_STATUS status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES reg;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(WL_ADAPTER),
                                                WL_POOL_TAG, NormalPoolPriority);
    if (adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(adapter, sizeof(WL_ADAPTER));
    adapter->AdapterHandle = MiniportAdapterHandle;

    NdisZeroMemory(&reg, sizeof(reg));
    reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    reg.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    reg.MiniportAdapterContext = adapter;
    reg.InterfaceType = NdisInterfaceInternal;
    status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&reg);
    if (status != NDIS_STATUS_SUCCESS) {
        goto fail_free;
    }

    status = WlHalOpenRadio(MiniportAdapterHandle, &adapter->Radio);
    if (status != NDIS_STATUS_SUCCESS) {
        goto fail_free;
    }
    status = StaAllocate(adapter);
    if (status != NDIS_STATUS_SUCCESS) {
        goto fail_radio;
    }
    return NDIS_STATUS_SUCCESS;

fail_radio:
    WlHalCloseRadio(adapter->Radio);
fail_free:
    NdisFreeMemory(adapter, 0, 0);
    return status;
}

VOID
WlHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PWL_ADAPTER adapter = (PWL_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    StaFree(adapter);
    WlHalCloseRadio(adapter->Radio);
    NdisFreeMemory(adapter, 0, 0);
}

NDIS_STATUS
WlPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PauseParameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
WlRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
WlOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST NdisRequest)
{
    PWL_ADAPTER adapter = (PWL_ADAPTER)MiniportAdapterContext;

    if (NdisRequest->RequestType == NdisRequestSetInformation) {
        switch (NdisRequest->DATA.SET_INFORMATION.Oid) {
        case OID_WL_VENDOR_START_SCAN:
            return StaStartScan(adapter->Station);
        case OID_GEN_CURRENT_PACKET_FILTER:
            if (NdisRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
                return NDIS_STATUS_INVALID_LENGTH;
            }
            adapter->PacketFilter = *(PULONG)NdisRequest->DATA.SET_INFORMATION.InformationBuffer;
            NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
            return NDIS_STATUS_SUCCESS;
        default:
            break;
        }
    }
    return NDIS_STATUS_NOT_SUPPORTED;
}

VOID
WlCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
WlSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PWL_ADAPTER adapter = (PWL_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST nbl;

    UNREFERENCED_PARAMETER(PortNumber);
    for (nbl = NetBufferLists; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_MEDIA_DISCONNECTED;
    }
    NdisMSendNetBufferListsComplete(adapter->AdapterHandle, NetBufferLists,
                                    NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags)
                                        ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
WlReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                       ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
WlCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

VOID
WlDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
WlShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ShutdownAction);
}

VOID
WlUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(WlDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS chars;

    NdisZeroMemory(&chars, sizeof(chars));
    chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    chars.MajorNdisVersion = 6;
    chars.MinorNdisVersion = 20;
    chars.InitializeHandlerEx = WlInitializeEx;
    chars.HaltHandlerEx = WlHaltEx;
    chars.UnloadHandler = WlUnload;
    chars.PauseHandler = WlPause;
    chars.RestartHandler = WlRestart;
    chars.OidRequestHandler = WlOidRequest;
    chars.CancelOidRequestHandler = WlCancelOidRequest;
    chars.SendNetBufferListsHandler = WlSendNetBufferLists;
    chars.ReturnNetBufferListsHandler = WlReturnNetBufferLists;
    chars.CancelSendHandler = WlCancelSend;
    chars.DevicePnPEventNotifyHandler = WlDevicePnPEvent;
    chars.ShutdownHandlerEx = WlShutdown;

    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &chars, &WlDriverHandle);
}
