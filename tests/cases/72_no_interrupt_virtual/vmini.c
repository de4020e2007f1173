/*
 * Case 72_no_interrupt_virtual: negative control.  A virtual miniport in the style of netvmini:
 * no hardware, no interrupt, so NdisMRegisterInterruptEx, NdisMDeregisterInterruptEx and
 * NdisMSynchronizeWithInterruptEx never appear (the interrupt rules are not applicable).  Sends
 * are queued under a spin lock and completed from a timer; every path that takes a lock
 * releases it, and there is no NdisStallExecution.  Expected: clean for every rule.
 */

#include <ndis.h>

#define VM_POOL_TAG             'mvMP'
#define VM_SEND_COMPLETE_MS     1
#define VM_MAX_PENDING          64

typedef struct _VM_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    NDIS_SPIN_LOCK          SendLock;
    PNET_BUFFER_LIST        PendingHead;        // under SendLock
    PNET_BUFFER_LIST        PendingTail;
    ULONG                   PendingCount;
    NDIS_HANDLE             CompleteTimer;
    BOOLEAN                 Paused;             // under SendLock
    ULONG64                 FramesSent;
} VM_ADAPTER, *PVM_ADAPTER;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_SET_OPTIONS VmSetOptions;
MINIPORT_INITIALIZE VmInitializeEx;
MINIPORT_HALT VmHaltEx;
MINIPORT_UNLOAD VmUnload;
MINIPORT_PAUSE VmPause;
MINIPORT_RESTART VmRestart;
MINIPORT_OID_REQUEST VmOidRequest;
MINIPORT_CANCEL_OID_REQUEST VmCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS VmSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS VmReturnNetBufferLists;
MINIPORT_CANCEL_SEND VmCancelSend;
MINIPORT_CHECK_FOR_HANG VmCheckForHang;
MINIPORT_RESET VmReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY VmDevicePnPEvent;
MINIPORT_SHUTDOWN VmShutdown;
NDIS_TIMER_FUNCTION VmCompleteTimer;

NDIS_HANDLE VmDriverHandle;

//
// Detach the whole pending list; the caller completes it outside the lock.
//
static PNET_BUFFER_LIST
VmTakePending(PVM_ADAPTER Adapter, BOOLEAN DispatchLevel)
{
    PNET_BUFFER_LIST List;

    if (DispatchLevel) {
        NdisDprAcquireSpinLock(&Adapter->SendLock);
    } else {
        NdisAcquireSpinLock(&Adapter->SendLock);
    }
    List = Adapter->PendingHead;
    Adapter->PendingHead = NULL;
    Adapter->PendingTail = NULL;
    Adapter->PendingCount = 0;
    if (DispatchLevel) {
        NdisDprReleaseSpinLock(&Adapter->SendLock);
    } else {
        NdisReleaseSpinLock(&Adapter->SendLock);
    }
    return List;
}

static VOID
VmCompleteList(PVM_ADAPTER Adapter, PNET_BUFFER_LIST List, NDIS_STATUS Status, BOOLEAN DispatchLevel)
{
    PNET_BUFFER_LIST Nbl;

    if (List == NULL) {
        return;
    }
    for (Nbl = List; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
    }
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, List,
                                    DispatchLevel ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
VmCompleteTimer(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PVM_ADAPTER Adapter = (PVM_ADAPTER)FunctionContext;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);

    VmCompleteList(Adapter, VmTakePending(Adapter, TRUE), NDIS_STATUS_SUCCESS, TRUE);
}

NDIS_STATUS
VmInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PVM_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;
    NDIS_TIMER_CHARACTERISTICS TimerChars;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(VM_ADAPTER),
                                                VM_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(VM_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->Paused = TRUE;
    NdisAllocateSpinLock(&Adapter->SendLock);

    NdisZeroMemory(&RegistrationAttributes, sizeof(RegistrationAttributes));
    RegistrationAttributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegistrationAttributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegistrationAttributes.Header.Size = sizeof(RegistrationAttributes);
    RegistrationAttributes.MiniportAdapterContext = Adapter;
    RegistrationAttributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND;
    RegistrationAttributes.CheckForHangTimeInSeconds = 0;
    RegistrationAttributes.InterfaceType = NdisInterfaceInternal;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegistrationAttributes);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    NdisZeroMemory(&TimerChars, sizeof(TimerChars));
    TimerChars.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    TimerChars.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    TimerChars.Header.Size = sizeof(TimerChars);
    TimerChars.AllocationTag = VM_POOL_TAG;
    TimerChars.TimerFunction = VmCompleteTimer;
    TimerChars.FunctionContext = Adapter;
    Status = NdisAllocateTimerObject(MiniportAdapterHandle, &TimerChars, &Adapter->CompleteTimer);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    return NDIS_STATUS_SUCCESS;

Fail:
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeMemory(Adapter, sizeof(VM_ADAPTER), 0);
    return Status;
}

VOID
VmHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PVM_ADAPTER Adapter = (PVM_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    NdisCancelTimerObject(Adapter->CompleteTimer);
    NdisFreeTimerObject(Adapter->CompleteTimer);
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeMemory(Adapter, sizeof(VM_ADAPTER), 0);
}

NDIS_STATUS
VmPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PVM_ADAPTER Adapter = (PVM_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(PauseParameters);

    NdisAcquireSpinLock(&Adapter->SendLock);
    Adapter->Paused = TRUE;
    NdisReleaseSpinLock(&Adapter->SendLock);

    NdisCancelTimerObject(Adapter->CompleteTimer);
    VmCompleteList(Adapter, VmTakePending(Adapter, FALSE), NDIS_STATUS_PAUSED, FALSE);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
VmRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PVM_ADAPTER Adapter = (PVM_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);

    NdisAcquireSpinLock(&Adapter->SendLock);
    Adapter->Paused = FALSE;
    NdisReleaseSpinLock(&Adapter->SendLock);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
VmOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PVM_ADAPTER Adapter = (PVM_ADAPTER)MiniportAdapterContext;

    if (OidRequest->RequestType == NdisRequestQueryInformation &&
        OidRequest->DATA.QUERY_INFORMATION.Oid == OID_GEN_XMIT_OK) {
        if (OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength < sizeof(ULONG64)) {
            OidRequest->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG64);
            return NDIS_STATUS_BUFFER_TOO_SHORT;
        }
        NdisAcquireSpinLock(&Adapter->SendLock);
        *(ULONG64 *)OidRequest->DATA.QUERY_INFORMATION.InformationBuffer = Adapter->FramesSent;
        NdisReleaseSpinLock(&Adapter->SendLock);
        OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
        return NDIS_STATUS_SUCCESS;
    }
    if (OidRequest->RequestType == NdisRequestSetInformation &&
        OidRequest->DATA.SET_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER) {
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_NOT_SUPPORTED;
}

VOID
VmCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
VmSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PVM_ADAPTER Adapter = (PVM_ADAPTER)MiniportAdapterContext;
    BOOLEAN DispatchLevel = (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) != 0;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Last = NetBufferLists;
    LARGE_INTEGER DueTime;

    UNREFERENCED_PARAMETER(PortNumber);

    NdisAcquireSpinLock(&Adapter->SendLock);
    if (Adapter->Paused || Adapter->PendingCount >= VM_MAX_PENDING) {
        NDIS_STATUS Status = Adapter->Paused ? NDIS_STATUS_PAUSED : NDIS_STATUS_RESOURCES;

        NdisReleaseSpinLock(&Adapter->SendLock);
        VmCompleteList(Adapter, NetBufferLists, Status, DispatchLevel);
        return;
    }
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        Adapter->PendingCount++;
        Adapter->FramesSent++;
        Last = Nbl;
    }
    if (Adapter->PendingTail != NULL) {
        NET_BUFFER_LIST_NEXT_NBL(Adapter->PendingTail) = NetBufferLists;
    } else {
        Adapter->PendingHead = NetBufferLists;
    }
    Adapter->PendingTail = Last;
    NdisReleaseSpinLock(&Adapter->SendLock);

    DueTime.QuadPart = -10000LL * VM_SEND_COMPLETE_MS;
    NdisSetTimerObject(Adapter->CompleteTimer, DueTime, 0, NULL);
}

VOID
VmReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                       ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
VmCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

BOOLEAN
VmCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    return FALSE;
}

NDIS_STATUS
VmReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PVM_ADAPTER Adapter = (PVM_ADAPTER)MiniportAdapterContext;

    *AddressingReset = FALSE;
    VmCompleteList(Adapter, VmTakePending(Adapter, FALSE), NDIS_STATUS_RESET_IN_PROGRESS, FALSE);
    NdisMSleep(1000);
    return NDIS_STATUS_SUCCESS;
}

VOID
VmDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
VmShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ShutdownAction);
}

NDIS_STATUS
VmSetOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    UNREFERENCED_PARAMETER(NdisDriverHandle);
    UNREFERENCED_PARAMETER(DriverContext);
    return NDIS_STATUS_SUCCESS;
}

VOID
VmUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(VmDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS);
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.MajorDriverVersion = 1;
    Chars.SetOptionsHandler = VmSetOptions;
    Chars.InitializeHandlerEx = VmInitializeEx;
    Chars.HaltHandlerEx = VmHaltEx;
    Chars.UnloadHandler = VmUnload;
    Chars.PauseHandler = VmPause;
    Chars.RestartHandler = VmRestart;
    Chars.OidRequestHandler = VmOidRequest;
    Chars.CancelOidRequestHandler = VmCancelOidRequest;
    Chars.SendNetBufferListsHandler = VmSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = VmReturnNetBufferLists;
    Chars.CancelSendHandler = VmCancelSend;
    Chars.CheckForHangHandlerEx = VmCheckForHang;
    Chars.ResetHandlerEx = VmReset;
    Chars.DevicePnPEventNotifyHandler = VmDevicePnPEvent;
    Chars.ShutdownHandlerEx = VmShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &VmDriverHandle);
    return Status == NDIS_STATUS_SUCCESS ? STATUS_SUCCESS : (NTSTATUS)Status;
}
