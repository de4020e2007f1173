/*
 * Case 471_stall_platform_delay_wrong_clamp_defect: 470's clamped MpDelayUs beside three other
 * delay helpers: MpSpinUs clamps to the chip's 100 us instead of 50 and the link timer asks it for
 * 80; MpWaitUs picks by IRQL only, and the timer (DISPATCH_LEVEL) asks it for 500; MpTickUs does not
 * clamp but is only asked for 5 and 20.  Expected: 2 NdisStallExecution_Delay defects, in MpSpinUs
 * and MpWaitUs; MpDelayUs and MpTickUs clean.
 */

#include <ndis.h>

#define MP_POOL_TAG     'qpMP'
#define MP_MAX_STALL_US     50      // NdisStallExecution's limit: longer waits sleep or loop
#define MP_MAX_SPIN_US      100     // wrong: the chip's longest busy wait, not NdisStallExecution's
#define MP_DEFAULT_SETTLE_US 400
#define MP_LINK_POLL_MS     2000
#define OID_MP_PRIVATE_DELAY 0xFF010001   // a vendor OID: a delay the diagnostics tool asks for

typedef struct _MP_ADAPTER {
    NDIS_HANDLE     AdapterHandle;
    NDIS_SPIN_LOCK  SendLock;
    NDIS_SPIN_LOCK  RecvLock;
    ULONG           PacketFilter;
    ULONG           PhySettleUs;    // from the registry: any value
    NDIS_HANDLE     LinkTimer;
    ULONG           LinkPolls;
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
MINIPORT_UNLOAD MpUnload;
NDIS_TIMER_FUNCTION MpLinkTimer;

/* The platform delay every wait of the driver goes through: up to 50 us it
 * stalls; longer, it sleeps at PASSIVE_LEVEL and stalls 50 us at a time at
 * DISPATCH_LEVEL.  Whatever the callers pass (the registry, a vendor OID,
 * the timer), no NdisStallExecution here stalls more than 50 us. */
static VOID
MpDelayUs(ULONG Us)
{
    ULONG i;

    if (Us <= MP_MAX_STALL_US) {
        NdisStallExecution(Us);
    } else if (KeGetCurrentIrql() == PASSIVE_LEVEL) {
        NdisMSleep(Us);
    } else {
        for (i = 0; i < Us / MP_MAX_STALL_US; i++) {
            NdisStallExecution(MP_MAX_STALL_US);
        }
    }
}

/* A short busy wait clamped to the chip's limit instead of the stall limit:
 * 80 us from the timer stalls 80 us. */
static VOID
MpSpinUs(ULONG Us)
{
    if (Us <= MP_MAX_SPIN_US) {
        NdisStallExecution(Us);     // defect: NdisStallExecution_Delay
    } else {
        NdisMSleep(Us);
    }
}

/* Picks by IRQL only: at DISPATCH_LEVEL it stalls whatever it is asked. */
static VOID
MpWaitUs(ULONG Us)
{
    if (KeGetCurrentIrql() == PASSIVE_LEVEL) {
        NdisMSleep(Us);
    } else {
        NdisStallExecution(Us);     // defect: NdisStallExecution_Delay
    }
}

/* Only ever asked for 5 and 20 us: no clamp needed. */
static VOID
MpTickUs(ULONG Us)
{
    NdisStallExecution(Us);
}

static VOID
MpResetPhy(PMP_ADAPTER Adapter)
{
    MpDelayUs(Adapter->PhySettleUs);
    MpWaitUs(Adapter->PhySettleUs);         // PASSIVE_LEVEL: sleeps
    MpTickUs(5);
}

VOID
MpLinkTimer(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)FunctionContext;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);
    adapter->LinkPolls++;
    MpDelayUs(adapter->LinkPolls * 10);      // DISPATCH_LEVEL: loops of 50 us past 50
    MpSpinUs(80);
    MpWaitUs(500);                          // DISPATCH_LEVEL: stalls 500 us
    MpTickUs(20);
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
    adapter->PhySettleUs = MP_DEFAULT_SETTLE_US;
    {
        NDIS_CONFIGURATION_OBJECT cfg;
        NDIS_HANDLE cfgHandle = NULL;
        NDIS_STRING name = NDIS_STRING_CONST("PhySettleUs");
        PNDIS_CONFIGURATION_PARAMETER param = NULL;

        NdisZeroMemory(&cfg, sizeof(cfg));
        cfg.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
        cfg.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
        cfg.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
        cfg.NdisHandle = MiniportAdapterHandle;
        if (NdisOpenConfigurationEx(&cfg, &cfgHandle) == NDIS_STATUS_SUCCESS) {
            NdisReadConfiguration(&status, &param, cfgHandle, &name, NdisParameterInteger);
            if (status == NDIS_STATUS_SUCCESS && param != NULL) {
                adapter->PhySettleUs = param->ParameterData.IntegerData;
            }
            NdisCloseConfiguration(cfgHandle);
        }
    }
    MpResetPhy(adapter);
    {
        NDIS_TIMER_CHARACTERISTICS tc;
        LARGE_INTEGER due;

        NdisZeroMemory(&tc, sizeof(tc));
        tc.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
        tc.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
        tc.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
        tc.AllocationTag = MP_POOL_TAG;
        tc.TimerFunction = MpLinkTimer;
        tc.FunctionContext = adapter;
        status = NdisAllocateTimerObject(MpDriverHandle, &tc, &adapter->LinkTimer);
        if (status != NDIS_STATUS_SUCCESS) {
            NdisFreeSpinLock(&adapter->RecvLock);
            NdisFreeSpinLock(&adapter->SendLock);
            NdisFreeMemory(adapter, 0, 0);
            return status;
        }
        due.QuadPart = -10000LL * MP_LINK_POLL_MS;
        NdisSetTimerObject(adapter->LinkTimer, due, MP_LINK_POLL_MS, adapter);
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    NdisCancelTimerObject(adapter->LinkTimer);
    NdisFreeTimerObject(adapter->LinkTimer);
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
    if (NdisRequest->RequestType == NdisRequestSetInformation &&
        NdisRequest->DATA.SET_INFORMATION.Oid == OID_MP_PRIVATE_DELAY) {
        if (NdisRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        MpDelayUs(*(PULONG)NdisRequest->DATA.SET_INFORMATION.InformationBuffer);
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

    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &chars, &MpDriverHandle);
}
