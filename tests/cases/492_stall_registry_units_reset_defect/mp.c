/*
 * Case 492_stall_registry_units_reset_defect: MpInitializeEx reads the PHY settle time from the
 * registry ("PhySettle", in units of 10 us) and keeps PhySettle * 10 in the adapter, refusing
 * only 0; MiniportResetEx later resets the PHY with NdisStallExecution(Adapter->PhySettleUs).
 * Any PhySettle above 5 stalls for more than 50 us, and nothing in the driver keeps the value
 * there.  Expected: one NdisStallExecution_Delay defect (a warning: the value is the
 * administrator's), at the stall in MpResetPhy.
 */

#include <ndis.h>

#define MP_POOL_TAG     'qpMP'
#define MP_DEFAULT_SETTLE_US    20  // the PHY's settle time after a reset, in us
#define MP_SETTLE_UNIT_US       10  // the registry gives it in units of 10 us

typedef struct _MP_ADAPTER {
    NDIS_HANDLE     AdapterHandle;
    NDIS_SPIN_LOCK  SendLock;
    NDIS_SPIN_LOCK  RecvLock;
    ULONG           PacketFilter;
    ULONG           PhySettleUs;
    struct _MP_CSR *Csr;            // the chip's registers (NdisMMapIoSpace)
    PUCHAR          SharedVa;       // shared memory the chip reads and writes by DMA
    NDIS_PHYSICAL_ADDRESS SharedPa;
    struct _MP_SELF_TEST *SelfTest; // carved from SharedVa
    ULONG64         FramesSent;
    ULONG64         FramesReceived;
} MP_ADAPTER, *PMP_ADAPTER;

NDIS_HANDLE MpDriverHandle;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;
MINIPORT_CANCEL_SEND MpCancelSend;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpDevicePnPEvent;
MINIPORT_SHUTDOWN MpShutdown;
MINIPORT_RESET MpReset;
MINIPORT_UNLOAD MpUnload;

/* The PHY settle time from the registry ("PhySettle", in units of 10 us), or the default. */
static VOID
MpReadSettleTime(PMP_ADAPTER Adapter)
{
    NDIS_CONFIGURATION_OBJECT config;
    NDIS_HANDLE handle = NULL;
    PNDIS_CONFIGURATION_PARAMETER param = NULL;
    NDIS_STATUS status;
    NDIS_STRING key = NDIS_STRING_CONST("PhySettle");

    Adapter->PhySettleUs = MP_DEFAULT_SETTLE_US;
    NdisZeroMemory(&config, sizeof(config));
    config.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
    config.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
    config.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
    config.NdisHandle = Adapter->AdapterHandle;
    status = NdisOpenConfigurationEx(&config, &handle);
    if (status != NDIS_STATUS_SUCCESS) {
        return;
    }
    NdisReadConfiguration(&status, &param, handle, &key, NdisParameterInteger);
    if (status == NDIS_STATUS_SUCCESS && param->ParameterData.IntegerData != 0) {
        Adapter->PhySettleUs = param->ParameterData.IntegerData * MP_SETTLE_UNIT_US;
    }
    NdisCloseConfiguration(handle);
}

/* Resets the PHY and waits for it to settle. */
static VOID
MpResetPhy(PMP_ADAPTER Adapter)
{
    NdisStallExecution(Adapter->PhySettleUs); // defect: NdisStallExecution_Delay
}

NDIS_STATUS
MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PMP_ADAPTER adapter;
    NDIS_STATUS status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES reg;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER),
                                                MP_POOL_TAG, NormalPoolPriority);
    if (adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(adapter, sizeof(MP_ADAPTER));
    adapter->AdapterHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&adapter->SendLock);
    NdisAllocateSpinLock(&adapter->RecvLock);

    NdisZeroMemory(&reg, sizeof(reg));
    reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    reg.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    reg.MiniportAdapterContext = adapter;
    reg.InterfaceType = NdisInterfacePci;
    status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&reg);
    if (status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&adapter->RecvLock);
        NdisFreeSpinLock(&adapter->SendLock);
        NdisFreeMemory(adapter, 0, 0);
        return status;
    }
    MpReadSettleTime(adapter);
    return NDIS_STATUS_SUCCESS;
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    NdisFreeSpinLock(&adapter->RecvLock);
    NdisFreeSpinLock(&adapter->SendLock);
    NdisFreeMemory(adapter, 0, 0);
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

NDIS_STATUS
MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST NdisRequest)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;

    if (NdisRequest->RequestType == NdisRequestSetInformation &&
        NdisRequest->DATA.SET_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER) {
        if (NdisRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        adapter->PacketFilter = *(PULONG)NdisRequest->DATA.SET_INFORMATION.InformationBuffer;
        NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_NOT_SUPPORTED;
}

VOID
MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
MpSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST nbl;

    UNREFERENCED_PARAMETER(PortNumber);
    for (nbl = NetBufferLists; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_SUCCESS;
    }
    NdisMSendNetBufferListsComplete(adapter->AdapterHandle, NetBufferLists,
                                    NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags)
                                        ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
MpReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                       ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
MpCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

NDIS_STATUS
MpReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;

    *AddressingReset = FALSE;
    MpResetPhy(adapter);
    return NDIS_STATUS_SUCCESS;
}

VOID
MpDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
MpShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ShutdownAction);
}

VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(MpDriverHandle);
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
    chars.InitializeHandlerEx = MpInitializeEx;
    chars.HaltHandlerEx = MpHaltEx;
    chars.UnloadHandler = MpUnload;
    chars.PauseHandler = MpPause;
    chars.RestartHandler = MpRestart;
    chars.OidRequestHandler = MpOidRequest;
    chars.CancelOidRequestHandler = MpCancelOidRequest;
    chars.SendNetBufferListsHandler = MpSendNetBufferLists;
    chars.ReturnNetBufferListsHandler = MpReturnNetBufferLists;
    chars.CancelSendHandler = MpCancelSend;
    chars.DevicePnPEventNotifyHandler = MpDevicePnPEvent;
    chars.ShutdownHandlerEx = MpShutdown;
    chars.ResetHandlerEx = MpReset;

    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &chars, &MpDriverHandle);
}
