/*
 * Case 477_null_tolerant_lock_wrappers_defect: 476's driver, whose pause returns early when the
 * queue is empty without releasing the queue lock.  Where the lock exists MpLockQueue took it,
 * so the pause returns to NDIS holding it; the wrappers' NULL tests (correlated through the
 * argument, as in 476) must not hide that path.  Expected: 1 NdisSpinLock defect, at the return.
 */

#include <ndis.h>
#include "lock.h"

#define MP_POOL_TAG     'qpMP'

typedef struct _MP_CONTROL {
    PMP_LOCK        ListLock;
    ULONG           Adapters;
} MP_CONTROL, *PMP_CONTROL;

typedef struct _MP_ADAPTER {
    NDIS_HANDLE     AdapterHandle;
    PMP_LOCK        QueueLock;
    PNET_BUFFER_LIST QueueHead;
    ULONG           Queued;
    ULONG           PacketFilter;
    BOOLEAN         Paused;
} MP_ADAPTER, *PMP_ADAPTER;

NDIS_HANDLE MpDriverHandle;
PMP_CONTROL g_Control;
MP_CONTROL  g_ControlBlock;

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

static VOID
MpLockQueue(PMP_ADAPTER Adapter)
{
    MpLock(Adapter->QueueLock);
}

static VOID
MpUnlockQueue(PMP_ADAPTER Adapter)
{
    MpUnlock(Adapter->QueueLock);
}

/* Completes every queued NBL; the caller holds the queue lock (if there is one). */
static PNET_BUFFER_LIST
MpTakeQueue(PMP_ADAPTER Adapter)
{
    PNET_BUFFER_LIST head = Adapter->QueueHead;

    Adapter->QueueHead = NULL;
    Adapter->Queued = 0;
    return head;
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
    adapter->QueueLock = MpNewLock(MiniportAdapterHandle);   /* NULL: the queue runs unlocked */
    adapter->Paused = TRUE;

    NdisZeroMemory(&reg, sizeof(reg));
    reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    reg.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    reg.MiniportAdapterContext = adapter;
    reg.InterfaceType = NdisInterfaceInternal;
    status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&reg);
    if (status != NDIS_STATUS_SUCCESS) {
        MpDeleteLock(adapter->QueueLock);
        NdisFreeMemory(adapter, 0, 0);
        return status;
    }

    MpLock(g_Control->ListLock);
    g_Control->Adapters++;
    MpUnlock(g_Control->ListLock);
    return NDIS_STATUS_SUCCESS;
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    MpLock(g_Control->ListLock);
    g_Control->Adapters--;
    MpUnlock(g_Control->ListLock);
    MpDeleteLock(adapter->QueueLock);
    NdisFreeMemory(adapter, 0, 0);
}

NDIS_STATUS
MpPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST pending;

    UNREFERENCED_PARAMETER(PauseParameters);
    MpLockQueue(adapter);
    adapter->Paused = TRUE;
    if (adapter->Queued == 0) {
        return NDIS_STATUS_SUCCESS;        // defect: NdisSpinLock
    }
    pending = MpTakeQueue(adapter);
    MpUnlockQueue(adapter);
    if (pending != NULL) {
        NdisMSendNetBufferListsComplete(adapter->AdapterHandle, pending, 0);
    }
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);
    MpLock(adapter->QueueLock);
    adapter->Paused = FALSE;
    MpUnlock(adapter->QueueLock);
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
        MpLockQueue(adapter);
        adapter->PacketFilter = *(PULONG)NdisRequest->DATA.SET_INFORMATION.InformationBuffer;
        MpUnlockQueue(adapter);
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
    PNET_BUFFER_LIST nbl, next;

    UNREFERENCED_PARAMETER(PortNumber);
    MpLock(adapter->QueueLock);
    if (adapter->Paused || adapter->PacketFilter == 0) {
        MpUnlock(adapter->QueueLock);
        for (nbl = NetBufferLists; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
            NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_PAUSED;
        }
        NdisMSendNetBufferListsComplete(adapter->AdapterHandle, NetBufferLists,
                                        NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags)
                                            ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
        return;
    }
    for (nbl = NetBufferLists; nbl != NULL; nbl = next) {
        next = NET_BUFFER_LIST_NEXT_NBL(nbl);
        NET_BUFFER_LIST_NEXT_NBL(nbl) = adapter->QueueHead;
        adapter->QueueHead = nbl;
        adapter->Queued++;
    }
    MpUnlock(adapter->QueueLock);
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
    MpDeleteLock(g_Control->ListLock);
    NdisMDeregisterMiniportDriver(MpDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS chars;

    g_Control = &g_ControlBlock;
    g_Control->ListLock = MpNewLock(NULL);     /* NULL: adapters are counted unlocked */
    g_Control->Adapters = 0;

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
