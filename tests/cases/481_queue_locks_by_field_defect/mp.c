/*
 * Case 481_queue_locks_by_field_defect: 480's driver, whose restart moves the transmit queue to
 * the receive queue while it already holds the transmit queue's lock: MpMoveQueue takes From's
 * lock, the same lock, again (a deadlock), and after it has released it, restart releases it a
 * second time.  The queue the helper is given is the one restart locked: the same field,
 * Adapter->TxQueue, told apart from Adapter->RxQueue (480) but not from itself.
 * Expected: 1 NdisSpinLock defect, the second acquire (a deadlock: the release after it never
 * runs on that path).
 */

#include <ndis.h>

#define MP_POOL_TAG     'qpMP'

typedef struct _MP_QUEUE {
    NDIS_SPIN_LOCK   Lock;
    PNET_BUFFER_LIST Head;
    ULONG            Count;
} MP_QUEUE, *PMP_QUEUE;

typedef struct _MP_ADAPTER {
    NDIS_HANDLE     AdapterHandle;
    PMP_QUEUE       TxQueue;
    PMP_QUEUE       RxQueue;
    MP_QUEUE        MgmtQueue;
    ULONG           PacketFilter;
    BOOLEAN         Paused;
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

static PMP_QUEUE
MpAllocQueue(NDIS_HANDLE MiniportAdapterHandle)
{
    PMP_QUEUE queue;

    queue = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_QUEUE), MP_POOL_TAG,
                                              NormalPoolPriority);
    if (queue == NULL) {
        return NULL;
    }
    NdisZeroMemory(queue, sizeof(MP_QUEUE));
    NdisAllocateSpinLock(&queue->Lock);
    return queue;
}

static VOID
MpFreeQueue(PMP_QUEUE Queue)
{
    if (Queue != NULL) {
        NdisFreeSpinLock(&Queue->Lock);
        NdisFreeMemory(Queue, 0, 0);
    }
}

/* Moves everything queued on From to the end of To; takes From's lock, then To's. */
static VOID
MpMoveQueue(PMP_QUEUE From, PMP_QUEUE To)
{
    PNET_BUFFER_LIST nbl;

    NdisAcquireSpinLock(&From->Lock);                  // defect: NdisSpinLock
    NdisAcquireSpinLock(&To->Lock);
    while ((nbl = From->Head) != NULL) {
        From->Head = NET_BUFFER_LIST_NEXT_NBL(nbl);
        NET_BUFFER_LIST_NEXT_NBL(nbl) = To->Head;
        To->Head = nbl;
        To->Count++;
    }
    From->Count = 0;
    NdisReleaseSpinLock(&To->Lock);
    NdisReleaseSpinLock(&From->Lock);
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
    adapter->Paused = TRUE;
    NdisAllocateSpinLock(&adapter->MgmtQueue.Lock);
    adapter->TxQueue = MpAllocQueue(MiniportAdapterHandle);
    adapter->RxQueue = MpAllocQueue(MiniportAdapterHandle);
    if (adapter->TxQueue == NULL || adapter->RxQueue == NULL) {
        status = NDIS_STATUS_RESOURCES;
        goto fail;
    }

    NdisZeroMemory(&reg, sizeof(reg));
    reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    reg.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    reg.MiniportAdapterContext = adapter;
    reg.InterfaceType = NdisInterfaceInternal;
    status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&reg);
    if (status == NDIS_STATUS_SUCCESS) {
        return NDIS_STATUS_SUCCESS;
    }
fail:
    MpFreeQueue(adapter->RxQueue);
    MpFreeQueue(adapter->TxQueue);
    NdisFreeSpinLock(&adapter->MgmtQueue.Lock);
    NdisFreeMemory(adapter, 0, 0);
    return status;
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    MpFreeQueue(adapter->RxQueue);
    MpFreeQueue(adapter->TxQueue);
    NdisFreeSpinLock(&adapter->MgmtQueue.Lock);
    NdisFreeMemory(adapter, 0, 0);
}

NDIS_STATUS
MpPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PMP_QUEUE tx = adapter->TxQueue;
    PNET_BUFFER_LIST pending;

    UNREFERENCED_PARAMETER(PauseParameters);
    NdisAcquireSpinLock(&tx->Lock);
    NdisAcquireSpinLock(&adapter->RxQueue->Lock);
    adapter->Paused = TRUE;
    pending = tx->Head;
    tx->Head = NULL;
    tx->Count = 0;
    NdisReleaseSpinLock(&adapter->RxQueue->Lock);
    NdisReleaseSpinLock(&tx->Lock);
    if (pending != NULL) {
        NdisMSendNetBufferListsComplete(adapter->AdapterHandle, pending, 0);
    }
    MpMoveQueue(adapter->RxQueue, &adapter->MgmtQueue);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);
    NdisAcquireSpinLock(&adapter->TxQueue->Lock);
    MpMoveQueue(adapter->TxQueue, adapter->RxQueue);
    adapter->Paused = FALSE;
    NdisReleaseSpinLock(&adapter->TxQueue->Lock);
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
        NdisAcquireSpinLock(&adapter->RxQueue->Lock);
        adapter->PacketFilter = *(PULONG)NdisRequest->DATA.SET_INFORMATION.InformationBuffer;
        NdisReleaseSpinLock(&adapter->RxQueue->Lock);
        NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_NOT_SUPPORTED;
}

VOID
MpSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PMP_ADAPTER adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PMP_QUEUE tx = adapter->TxQueue;
    PNET_BUFFER_LIST nbl, next;

    UNREFERENCED_PARAMETER(PortNumber);
    NdisAcquireSpinLock(&tx->Lock);
    if (adapter->Paused) {
        NdisReleaseSpinLock(&tx->Lock);
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
        NET_BUFFER_LIST_NEXT_NBL(nbl) = tx->Head;
        tx->Head = nbl;
        tx->Count++;
    }
    NdisReleaseSpinLock(&tx->Lock);
}

VOID
MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
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
