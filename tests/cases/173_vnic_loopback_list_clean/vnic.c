/*
 * Case 173_vnic_loopback_list_clean: a netvmini-like virtual NIC with no hardware and no
 * interrupt.  Every adapter sits on a driver-wide list (VnGlobal.AdapterList under
 * VnGlobal.Lock); a send copies each frame to every other adapter on the list, taking each
 * destination's RxLock in turn while holding the global lock (two different locks nested, one at a
 * time), and completes the send after both are dropped.  Each adapter's receive "DPC" is an NDIS
 * timer object that drains its receive list, dropping RxLock around every
 * NdisMIndicateReceiveNetBufferLists inside the loop (release at the top of the body, re-acquire
 * at the bottom, final release after the loop) and stops after a budget with `break`.  The
 * receive list is also walked through a lock/unlock helper pair (VnLockRx/VnUnlockRx) taking a
 * BOOLEAN AtDispatch.  Halt takes the adapter off the global list under the global lock, cancels
 * the timer and frees; unload asserts the list is empty.  Expected: clean for every rule.
 */

#include <ndis.h>

#define VN_TAG              'nVmV'
#define VN_MAX_RCB          32
#define VN_RECV_BUDGET      8
#define VN_RECV_DELAY_MS    1

typedef struct _VN_RCB {
    LIST_ENTRY          Link;
    PNET_BUFFER_LIST    Nbl;
    ULONG               Length;
} VN_RCB, *PVN_RCB;

typedef struct _VN_ADAPTER {
    LIST_ENTRY          GlobalLink;
    NDIS_HANDLE         MiniportHandle;
    NDIS_HANDLE         RecvTimer;
    NDIS_HANDLE         NblPool;

    NDIS_SPIN_LOCK      RxLock;
    LIST_ENTRY          RxPending;          // RCBs filled by senders, not yet indicated
    LIST_ENTRY          RxFree;
    ULONG               RxIndicated;        // owned by the stack until returned

    NDIS_SPIN_LOCK      TxLock;
    ULONG               TxInFlight;
    BOOLEAN             Running;

    ULONG64             FramesSent;
    ULONG64             FramesReceived;
    ULONG64             ReceiveDropped;
    VN_RCB              Rcb[VN_MAX_RCB];
} VN_ADAPTER, *PVN_ADAPTER;

typedef struct _VN_GLOBAL {
    NDIS_HANDLE         DriverHandle;
    NDIS_SPIN_LOCK      Lock;
    LIST_ENTRY          AdapterList;
    ULONG               AdapterCount;
} VN_GLOBAL;

VN_GLOBAL VnGlobal;

NDIS_TIMER_FUNCTION VnRecvTimer;
MINIPORT_INITIALIZE VnInitializeEx;
MINIPORT_HALT VnHaltEx;
MINIPORT_PAUSE VnPause;
MINIPORT_RESTART VnRestart;
MINIPORT_OID_REQUEST VnOidRequest;
MINIPORT_CANCEL_OID_REQUEST VnCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS VnSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS VnReturnNetBufferLists;
MINIPORT_CANCEL_SEND VnCancelSend;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY VnDevicePnPEvent;
MINIPORT_SHUTDOWN VnShutdown;
MINIPORT_UNLOAD VnUnload;
DRIVER_INITIALIZE DriverEntry;

static VOID
VnLockRx(PVN_ADAPTER Adapter, BOOLEAN AtDispatch)
{
    if (AtDispatch) {
        NdisDprAcquireSpinLock(&Adapter->RxLock);
    } else {
        NdisAcquireSpinLock(&Adapter->RxLock);
    }
}

static VOID
VnUnlockRx(PVN_ADAPTER Adapter, BOOLEAN AtDispatch)
{
    if (AtDispatch) {
        NdisDprReleaseSpinLock(&Adapter->RxLock);
    } else {
        NdisReleaseSpinLock(&Adapter->RxLock);
    }
}

/* ------------------------------------------------------------------ receive side */

static BOOLEAN
VnDeliver(PVN_ADAPTER Dest, ULONG Length)
{
    PLIST_ENTRY Entry;
    PVN_RCB Rcb;

    NdisDprAcquireSpinLock(&Dest->RxLock);
    if (!Dest->Running || IsListEmpty(&Dest->RxFree)) {
        Dest->ReceiveDropped++;
        NdisDprReleaseSpinLock(&Dest->RxLock);
        return FALSE;
    }
    Entry = RemoveHeadList(&Dest->RxFree);
    Rcb = CONTAINING_RECORD(Entry, VN_RCB, Link);
    Rcb->Length = Length;
    InsertTailList(&Dest->RxPending, &Rcb->Link);
    NdisDprReleaseSpinLock(&Dest->RxLock);
    return TRUE;
}

static VOID
VnScheduleReceive(PVN_ADAPTER Adapter)
{
    LARGE_INTEGER Due;

    Due.QuadPart = -10000LL * VN_RECV_DELAY_MS;
    NdisSetTimerObject(Adapter->RecvTimer, Due, 0, Adapter);
}

VOID
VnRecvTimer(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PVN_ADAPTER Adapter = (PVN_ADAPTER)FunctionContext;
    PLIST_ENTRY Entry;
    PVN_RCB Rcb;
    ULONG Indicated = 0;
    BOOLEAN More;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);

    NdisDprAcquireSpinLock(&Adapter->RxLock);
    while (!IsListEmpty(&Adapter->RxPending)) {
        if (Indicated >= VN_RECV_BUDGET) {
            break;
        }
        Entry = RemoveHeadList(&Adapter->RxPending);
        Rcb = CONTAINING_RECORD(Entry, VN_RCB, Link);
        Adapter->RxIndicated++;
        Adapter->FramesReceived++;
        NdisDprReleaseSpinLock(&Adapter->RxLock);

        if (Rcb->Nbl != NULL) {
            NdisMIndicateReceiveNetBufferLists(Adapter->MiniportHandle, Rcb->Nbl, NDIS_DEFAULT_PORT_NUMBER,
                                               1, NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL);
        }
        Indicated++;

        NdisDprAcquireSpinLock(&Adapter->RxLock);
    }
    More = !IsListEmpty(&Adapter->RxPending) && Adapter->Running;
    NdisDprReleaseSpinLock(&Adapter->RxLock);

    if (More) {
        VnScheduleReceive(Adapter);
    }
}

VOID
VnReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    PVN_ADAPTER Adapter = (PVN_ADAPTER)MiniportAdapterContext;
    BOOLEAN AtDispatch = NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(ReturnFlags) ? TRUE : FALSE;
    PNET_BUFFER_LIST Nbl;
    ULONG i;

    VnLockRx(Adapter, AtDispatch);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        for (i = 0; i < VN_MAX_RCB; i++) {
            if (Adapter->Rcb[i].Nbl == Nbl) {
                InsertTailList(&Adapter->RxFree, &Adapter->Rcb[i].Link);
                break;
            }
        }
        if (Adapter->RxIndicated != 0) {
            Adapter->RxIndicated--;
        }
    }
    VnUnlockRx(Adapter, AtDispatch);
}

/* ------------------------------------------------------------------ send side */

VOID
VnSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PVN_ADAPTER Adapter = (PVN_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    PLIST_ENTRY Link;
    PVN_ADAPTER Dest;
    BOOLEAN AtDispatch = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ? TRUE : FALSE;
    BOOLEAN Running;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(PortNumber);

    if (AtDispatch) {
        NdisDprAcquireSpinLock(&Adapter->TxLock);
    } else {
        NdisAcquireSpinLock(&Adapter->TxLock);
    }
    Running = Adapter->Running;
    if (Running) {
        Adapter->TxInFlight++;
    }
    if (AtDispatch) {
        NdisDprReleaseSpinLock(&Adapter->TxLock);
    } else {
        NdisReleaseSpinLock(&Adapter->TxLock);
    }

    Status = Running ? NDIS_STATUS_SUCCESS : NDIS_STATUS_PAUSED;
    if (Running) {
        if (AtDispatch) {
            NdisDprAcquireSpinLock(&VnGlobal.Lock);
        } else {
            NdisAcquireSpinLock(&VnGlobal.Lock);
        }
        for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            for (Link = VnGlobal.AdapterList.Flink; Link != &VnGlobal.AdapterList; Link = Link->Flink) {
                Dest = CONTAINING_RECORD(Link, VN_ADAPTER, GlobalLink);
                if (Dest == Adapter) {
                    continue;
                }
                if (VnDeliver(Dest, 1514)) {
                    VnScheduleReceive(Dest);
                }
            }
            Adapter->FramesSent++;
        }
        if (AtDispatch) {
            NdisDprReleaseSpinLock(&VnGlobal.Lock);
        } else {
            NdisReleaseSpinLock(&VnGlobal.Lock);
        }
    }

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
    }
    NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, NetBufferLists,
                                    AtDispatch ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);

    if (Running) {
        NdisInterlockedDecrement((PLONG)&Adapter->TxInFlight);
    }
}

VOID
VnCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

/* ------------------------------------------------------------------ init / halt */

static VOID
VnFreeAdapter(PVN_ADAPTER Adapter)
{
    ULONG i;

    for (i = 0; i < VN_MAX_RCB; i++) {
        if (Adapter->Rcb[i].Nbl != NULL) {
            NdisFreeNetBufferList(Adapter->Rcb[i].Nbl);
        }
    }
    if (Adapter->RecvTimer != NULL) {
        NdisFreeTimerObject(Adapter->RecvTimer);
    }
    NdisFreeSpinLock(&Adapter->TxLock);
    NdisFreeSpinLock(&Adapter->RxLock);
    NdisFreeMemory(Adapter, sizeof(VN_ADAPTER), 0);
}

NDIS_STATUS
VnInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_TIMER_CHARACTERISTICS Timer;
    PVN_ADAPTER Adapter;
    NDIS_STATUS Status;
    ULONG i;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(VN_ADAPTER), VN_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(VN_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->RxLock);
    NdisAllocateSpinLock(&Adapter->TxLock);
    NdisInitializeListHead(&Adapter->RxPending);
    NdisInitializeListHead(&Adapter->RxFree);

    do {
        NdisZeroMemory(&Reg, sizeof(Reg));
        Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
        Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
        Reg.Header.Size = sizeof(Reg);
        Reg.MiniportAdapterContext = Adapter;
        Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND;
        Reg.InterfaceType = NdisInterfaceInternal;
        Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        NdisZeroMemory(&Timer, sizeof(Timer));
        Timer.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
        Timer.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
        Timer.Header.Size = sizeof(Timer);
        Timer.AllocationTag = VN_TAG;
        Timer.TimerFunction = VnRecvTimer;
        Timer.FunctionContext = Adapter;
        Status = NdisAllocateTimerObject(MiniportAdapterHandle, &Timer, &Adapter->RecvTimer);
        if (Status != NDIS_STATUS_SUCCESS) {
            Adapter->RecvTimer = NULL;
            break;
        }

        for (i = 0; i < VN_MAX_RCB; i++) {
            Adapter->Rcb[i].Nbl = NdisAllocateNetBufferAndNetBufferList(Adapter->NblPool, 0, 0, NULL, 0, 0);
            if (Adapter->Rcb[i].Nbl == NULL) {
                Status = NDIS_STATUS_RESOURCES;
                break;
            }
            InsertTailList(&Adapter->RxFree, &Adapter->Rcb[i].Link);
        }
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        NdisAcquireSpinLock(&VnGlobal.Lock);
        InsertTailList(&VnGlobal.AdapterList, &Adapter->GlobalLink);
        VnGlobal.AdapterCount++;
        NdisReleaseSpinLock(&VnGlobal.Lock);
    } while (FALSE);

    if (Status != NDIS_STATUS_SUCCESS) {
        VnFreeAdapter(Adapter);
    }
    return Status;
}

VOID
VnHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PVN_ADAPTER Adapter = (PVN_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    NdisAcquireSpinLock(&VnGlobal.Lock);
    RemoveEntryList(&Adapter->GlobalLink);
    VnGlobal.AdapterCount--;
    NdisReleaseSpinLock(&VnGlobal.Lock);

    NdisCancelTimerObject(Adapter->RecvTimer);
    while (Adapter->TxInFlight != 0 || Adapter->RxIndicated != 0) {
        NdisMSleep(500);
    }
    VnFreeAdapter(Adapter);
}

NDIS_STATUS
VnPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PVN_ADAPTER Adapter = (PVN_ADAPTER)MiniportAdapterContext;
    PLIST_ENTRY Entry;

    UNREFERENCED_PARAMETER(PauseParameters);

    NdisAcquireSpinLock(&Adapter->TxLock);
    Adapter->Running = FALSE;
    NdisReleaseSpinLock(&Adapter->TxLock);

    NdisCancelTimerObject(Adapter->RecvTimer);

    VnLockRx(Adapter, FALSE);
    while (!IsListEmpty(&Adapter->RxPending)) {
        Entry = RemoveHeadList(&Adapter->RxPending);
        InsertTailList(&Adapter->RxFree, Entry);
        Adapter->ReceiveDropped++;
    }
    VnUnlockRx(Adapter, FALSE);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
VnRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PVN_ADAPTER Adapter = (PVN_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);

    NdisAcquireSpinLock(&Adapter->TxLock);
    Adapter->Running = TRUE;
    NdisReleaseSpinLock(&Adapter->TxLock);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
VnOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PVN_ADAPTER Adapter = (PVN_ADAPTER)MiniportAdapterContext;

    if (OidRequest->RequestType == NdisRequestSetInformation) {
        switch (OidRequest->DATA.SET_INFORMATION.Oid) {
        case OID_GEN_CURRENT_PACKET_FILTER:
        case OID_GEN_CURRENT_LOOKAHEAD:
            OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
            return NDIS_STATUS_SUCCESS;
        default:
            return NDIS_STATUS_NOT_SUPPORTED;
        }
    }
    if (OidRequest->DATA.QUERY_INFORMATION.Oid == OID_GEN_RCV_OK &&
        OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength >= sizeof(ULONG64)) {
        VnLockRx(Adapter, FALSE);
        *(ULONG64 *)OidRequest->DATA.QUERY_INFORMATION.InformationBuffer = Adapter->FramesReceived;
        VnUnlockRx(Adapter, FALSE);
        OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_NOT_SUPPORTED;
}

VOID
VnCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
VnDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
VnShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ShutdownAction);
}

VOID
VnUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);

    ASSERT(IsListEmpty(&VnGlobal.AdapterList));
    NdisMDeregisterMiniportDriver(VnGlobal.DriverHandle);
    NdisFreeSpinLock(&VnGlobal.Lock);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisAllocateSpinLock(&VnGlobal.Lock);
    NdisInitializeListHead(&VnGlobal.AdapterList);

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(Chars);
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 30;
    Chars.MajorDriverVersion = 1;
    Chars.MinorDriverVersion = 0;
    Chars.InitializeHandlerEx = VnInitializeEx;
    Chars.HaltHandlerEx = VnHaltEx;
    Chars.UnloadHandler = VnUnload;
    Chars.PauseHandler = VnPause;
    Chars.RestartHandler = VnRestart;
    Chars.OidRequestHandler = VnOidRequest;
    Chars.CancelOidRequestHandler = VnCancelOidRequest;
    Chars.SendNetBufferListsHandler = VnSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = VnReturnNetBufferLists;
    Chars.CancelSendHandler = VnCancelSend;
    Chars.DevicePnPEventNotifyHandler = VnDevicePnPEvent;
    Chars.ShutdownHandlerEx = VnShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &VnGlobal.DriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&VnGlobal.Lock);
        return (NTSTATUS)Status;
    }
    return STATUS_SUCCESS;
}
