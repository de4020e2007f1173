/*
 * Fabrikam FX-100: driver entry, initialize / halt, OIDs, data path, state callbacks.
 * (Case 142/143 driver: see fx_steps.c for what the case is about.)
 */
#include "fx.h"

DRIVER_INITIALIZE DriverEntry;
MINIPORT_UNLOAD FxUnload;
MINIPORT_PAUSE FxPause;
MINIPORT_RESTART FxRestart;
MINIPORT_OID_REQUEST FxOidRequest;
MINIPORT_CANCEL_OID_REQUEST FxCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS FxSend;
MINIPORT_RETURN_NET_BUFFER_LISTS FxReturn;
MINIPORT_CANCEL_SEND FxCancelSend;
MINIPORT_SHUTDOWN FxShutdown;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY FxPnpEvent;

static NDIS_HANDLE FxDriverHandle;

NDIS_STATUS
FxInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES Gen;
    PFX_ADAPTER Adapter;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(FX_ADAPTER), FX_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(FX_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->Resources = MiniportInitParameters->AllocatedResources;
    Adapter->InterruptConnected = FALSE;
    Adapter->StepsDone = 0;
    NdisAllocateSpinLock(&Adapter->Lock);

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    NdisZeroMemory(&Gen, sizeof(Gen));
    Gen.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    Gen.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    Gen.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    Gen.MediaType = NdisMedium802_3;
    Gen.MtuSize = FX_MTU;
    Gen.MaxXmitLinkSpeed = 100000000ULL;
    Gen.MaxRcvLinkSpeed = 100000000ULL;
    Gen.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    Gen.RcvLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    Gen.MediaConnectState = MediaConnectStateUnknown;
    Gen.LookaheadSize = FX_MTU;
    Gen.SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST;
    Gen.MacAddressLength = 6;
    Gen.IfType = IF_TYPE_ETHERNET_CSMACD;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Gen);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Status = FxBringUp(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    return NDIS_STATUS_SUCCESS;

Fail:
    FxTearDown(Adapter);
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, sizeof(FX_ADAPTER), 0);
    return Status;
}

VOID
FxHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PFX_ADAPTER Adapter = (PFX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    Adapter->Running = FALSE;
    FxTearDown(Adapter);
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, sizeof(FX_ADAPTER), 0);
}

NDIS_STATUS
FxPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PFX_ADAPTER Adapter = (PFX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(PauseParameters);
    NdisAcquireSpinLock(&Adapter->Lock);
    Adapter->Running = FALSE;
    NdisReleaseSpinLock(&Adapter->Lock);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
FxRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PFX_ADAPTER Adapter = (PFX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);
    NdisAcquireSpinLock(&Adapter->Lock);
    Adapter->Running = TRUE;
    NdisReleaseSpinLock(&Adapter->Lock);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
FxOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PFX_ADAPTER Adapter = (PFX_ADAPTER)MiniportAdapterContext;
    ULONG Value;

    switch (OidRequest->RequestType) {
    case NdisRequestSetInformation:
        if (OidRequest->DATA.SET_INFORMATION.Oid != OID_GEN_CURRENT_PACKET_FILTER) {
            return NDIS_STATUS_NOT_SUPPORTED;
        }
        if (OidRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->Filter = *(PULONG)OidRequest->DATA.SET_INFORMATION.InformationBuffer;
        if (Adapter->InterruptConnected) {
            NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, FxSyncFilter, Adapter);
        }
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;

    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        switch (OidRequest->DATA.QUERY_INFORMATION.Oid) {
        case OID_GEN_CURRENT_PACKET_FILTER:
            Value = Adapter->Filter;
            break;
        case OID_GEN_MAXIMUM_FRAME_SIZE:
            Value = FX_MTU;
            break;
        case OID_GEN_RCV_OK:
            Value = (ULONG)Adapter->Frames;
            break;
        default:
            return NDIS_STATUS_NOT_SUPPORTED;
        }
        if (OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
            OidRequest->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_BUFFER_TOO_SHORT;
        }
        *(PULONG)OidRequest->DATA.QUERY_INFORMATION.InformationBuffer = Value;
        OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

VOID
FxCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
FxSend(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PFX_ADAPTER Adapter = (PFX_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;

    UNREFERENCED_PARAMETER(PortNumber);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Adapter->Running ? NDIS_STATUS_SUCCESS : NDIS_STATUS_PAUSED;
    }
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists,
                                    NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
FxReturn(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
FxCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

VOID
FxShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PFX_ADAPTER Adapter = (PFX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    FX_WRITE(Adapter, FX_REG_IMR, 0);
    FX_WRITE(Adapter, FX_REG_CTRL, FX_CTRL_RESET);
}

VOID
FxPnpEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
FxUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(FxDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.InitializeHandlerEx = FxInitialize;
    Chars.HaltHandlerEx = FxHalt;
    Chars.UnloadHandler = FxUnload;
    Chars.PauseHandler = FxPause;
    Chars.RestartHandler = FxRestart;
    Chars.OidRequestHandler = FxOidRequest;
    Chars.CancelOidRequestHandler = FxCancelOidRequest;
    Chars.SendNetBufferListsHandler = FxSend;
    Chars.ReturnNetBufferListsHandler = FxReturn;
    Chars.CancelSendHandler = FxCancelSend;
    Chars.ShutdownHandlerEx = FxShutdown;
    Chars.DevicePnPEventNotifyHandler = FxPnpEvent;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &FxDriverHandle);
}
