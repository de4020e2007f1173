/*
 * Case 355_intr_reset_from_zeroed_local_clean: 340 (surprise removal deregisters, then clears
 * the interrupt block wholesale; every later synchronize tests Intr.Connected or Intr.Handle) with
 * the interrupt block reset from a local that NdisZeroMemory cleared: NX_INTR Idle;
 * NdisZeroMemory(&Idle, sizeof(Idle)); Adapter->Intr = Idle;
 * Expected: clean for every rule.
 */

#include <ndis.h>

#define NX_POOL_TAG             'xzIN'
#define NX_CSR_SIZE             0x100

#define NX_CSR_CTRL             0x00
#define NX_CSR_ICR              0x04
#define NX_CSR_IMS              0x08
#define NX_CSR_RCTL             0x18
#define NX_CSR_STATUS           0x1C

#define NX_INT_RX               0x01
#define NX_INT_TX               0x02
#define NX_INT_LINK             0x04
#define NX_INT_ALL              (NX_INT_RX | NX_INT_TX | NX_INT_LINK)
#define NX_CTRL_RST             0x80000000
#define NX_STATUS_GONE          0xFFFFFFFF

#define NX_RD(_A, _R)           ((_A)->Csr[(_R) >> 2])
#define NX_WR(_A, _R, _V)       ((_A)->Csr[(_R) >> 2] = (ULONG)(_V))

typedef struct _NX_INTR {
    NDIS_HANDLE             Handle;
    BOOLEAN                 Connected;
    ULONG                   Events;             // ISR -> DPC
} NX_INTR, *PNX_INTR;

typedef struct _NX_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    volatile ULONG         *Csr;
    NX_INTR                 Intr;
    BOOLEAN                 SurpriseRemoved;
    ULONG                   PacketFilter;
    NDIS_SPIN_LOCK          TxLock;
    ULONG64                 TxFrames;
    ULONG64                 RxFrames;
} NX_ADAPTER, *PNX_ADAPTER;

NDIS_HANDLE NxDriverHandle;

MINIPORT_SYNCHRONIZE_INTERRUPT NxMaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT NxUnmaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT NxFilterSync;
MINIPORT_ISR NxIsr;
MINIPORT_INTERRUPT_DPC NxDpc;
MINIPORT_ENABLE_INTERRUPT NxEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT NxDisableInterrupt;
MINIPORT_INITIALIZE NxInitializeEx;
MINIPORT_HALT NxHaltEx;
MINIPORT_PAUSE NxPause;
MINIPORT_RESTART NxRestart;
MINIPORT_OID_REQUEST NxOidRequest;
MINIPORT_CANCEL_OID_REQUEST NxCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS NxSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS NxReturnNetBufferLists;
MINIPORT_CANCEL_SEND NxCancelSend;
MINIPORT_CHECK_FOR_HANG NxCheckForHang;
MINIPORT_RESET NxReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY NxDevicePnPEvent;
MINIPORT_SHUTDOWN NxShutdown;
MINIPORT_UNLOAD NxUnload;
DRIVER_INITIALIZE DriverEntry;

BOOLEAN
NxMaskSync(PVOID SynchronizeContext)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)SynchronizeContext;

    NX_WR(Adapter, NX_CSR_IMS, 0);
    return TRUE;
}

BOOLEAN
NxUnmaskSync(PVOID SynchronizeContext)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)SynchronizeContext;

    NX_WR(Adapter, NX_CSR_IMS, NX_INT_ALL);
    return TRUE;
}

BOOLEAN
NxFilterSync(PVOID SynchronizeContext)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)SynchronizeContext;

    NX_WR(Adapter, NX_CSR_RCTL, Adapter->PacketFilter);
    return TRUE;
}

BOOLEAN
NxIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportInterruptContext;
    ULONG Icr;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Icr = NX_RD(Adapter, NX_CSR_ICR) & NX_INT_ALL;
    if (Icr == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    NX_WR(Adapter, NX_CSR_IMS, 0);
    Adapter->Intr.Events |= Icr;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
NxDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportInterruptContext;
    ULONG Events;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Events = Adapter->Intr.Events;
    Adapter->Intr.Events = 0;
    if (Events & NX_INT_TX) {
        NdisDprAcquireSpinLock(&Adapter->TxLock);
        Adapter->TxFrames++;
        NdisDprReleaseSpinLock(&Adapter->TxLock);
    }
    if (Events & NX_INT_RX) {
        Adapter->RxFrames++;
    }
    if (Adapter->Intr.Handle != NULL) {
        NdisMSynchronizeWithInterruptEx(Adapter->Intr.Handle, 0, NxUnmaskSync, Adapter);
    }
}

VOID
NxEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportInterruptContext;

    NX_WR(Adapter, NX_CSR_IMS, NX_INT_ALL);
}

VOID
NxDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportInterruptContext;

    NX_WR(Adapter, NX_CSR_IMS, 0);
}

static NDIS_STATUS
NxMapCsr(PNX_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    for (i = 0; i < Resources->Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc = &Resources->PartialDescriptors[i];

        if (Desc->Type == CmResourceTypeMemory && Desc->u.Memory.Length >= NX_CSR_SIZE) {
            return NdisMMapIoSpace((PVOID *)&Adapter->Csr, Adapter->AdapterHandle,
                                   Desc->u.Memory.Start, NX_CSR_SIZE);
        }
    }
    return NDIS_STATUS_ADAPTER_NOT_FOUND;
}

static VOID
NxFreeAdapter(PNX_ADAPTER Adapter)
{
    if (Adapter->Csr != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Csr, NX_CSR_SIZE);
    }
    NdisFreeSpinLock(&Adapter->TxLock);
    NdisFreeMemory(Adapter, sizeof(NX_ADAPTER), 0);
}

NDIS_STATUS
NxInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PNX_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegAttrs;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS IntrChars;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(NX_ADAPTER),
                                                NX_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(NX_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->TxLock);

    NdisZeroMemory(&RegAttrs, sizeof(RegAttrs));
    RegAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.Header.Size = sizeof(RegAttrs);
    RegAttrs.MiniportAdapterContext = Adapter;
    RegAttrs.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK;
    RegAttrs.CheckForHangTimeInSeconds = 2;
    RegAttrs.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegAttrs);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }
    Status = NxMapCsr(Adapter, MiniportInitParameters);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }

    NdisZeroMemory(&IntrChars, sizeof(IntrChars));
    IntrChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    IntrChars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    IntrChars.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    IntrChars.InterruptHandler = NxIsr;
    IntrChars.InterruptDpcHandler = NxDpc;
    IntrChars.DisableInterruptHandler = NxDisableInterrupt;
    IntrChars.EnableInterruptHandler = NxEnableInterrupt;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &IntrChars, &Adapter->Intr.Handle);
    if (Status != NDIS_STATUS_SUCCESS) {
        Adapter->Intr.Handle = NULL;
        goto FreeAdapter;
    }
    Adapter->Intr.Connected = TRUE;

    NX_WR(Adapter, NX_CSR_CTRL, NX_CTRL_RST);
    NdisStallExecution(20);
    if (NX_RD(Adapter, NX_CSR_STATUS) == NX_STATUS_GONE) {
        Status = NDIS_STATUS_ADAPTER_NOT_FOUND;
        goto Disconnect;
    }
    NdisMSynchronizeWithInterruptEx(Adapter->Intr.Handle, 0, NxUnmaskSync, Adapter);
    return NDIS_STATUS_SUCCESS;

Disconnect:
    NdisMDeregisterInterruptEx(Adapter->Intr.Handle);
    NdisZeroMemory(&Adapter->Intr, sizeof(Adapter->Intr));
FreeAdapter:
    NxFreeAdapter(Adapter);
    return Status;
}

VOID
NxHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportAdapterContext;
    PNX_INTR Intr = &Adapter->Intr;

    UNREFERENCED_PARAMETER(HaltAction);

    if (Intr->Connected) {
        NdisMSynchronizeWithInterruptEx(Intr->Handle, 0, NxMaskSync, Adapter);
        NdisMDeregisterInterruptEx(Intr->Handle);
        RtlZeroMemory(Intr, sizeof(*Intr));
    }
    NxFreeAdapter(Adapter);
}

NDIS_STATUS
NxPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PauseParameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
NxRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
NxOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportAdapterContext;

    if (OidRequest->RequestType == NdisRequestSetInformation &&
        OidRequest->DATA.SET_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER) {
        if (OidRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->PacketFilter = *(PULONG)OidRequest->DATA.SET_INFORMATION.InformationBuffer;
        if (Adapter->Intr.Connected) {
            NdisMSynchronizeWithInterruptEx(Adapter->Intr.Handle, 0, NxFilterSync, Adapter);
        }
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_NOT_SUPPORTED;
}

VOID
NxCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
NxSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    NDIS_STATUS Status = Adapter->SurpriseRemoved ? NDIS_STATUS_ADAPTER_REMOVED : NDIS_STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(PortNumber);

    NdisAcquireSpinLock(&Adapter->TxLock);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
        Adapter->TxFrames++;
    }
    NdisReleaseSpinLock(&Adapter->TxLock);
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists,
                                    (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
NxReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
NxCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

BOOLEAN
NxCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportAdapterContext;

    if (Adapter->Intr.Handle != NULL) {
        // a lost interrupt: re-arm the mask under the interrupt lock
        NdisMSynchronizeWithInterruptEx(Adapter->Intr.Handle, 0, NxUnmaskSync, Adapter);
    }
    return FALSE;
}

NDIS_STATUS
NxReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    *AddressingReset = FALSE;
    return NDIS_STATUS_SUCCESS;
}

VOID
NxDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportAdapterContext;

    if (NetDevicePnPEvent->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved) {
        Adapter->SurpriseRemoved = TRUE;
        if (Adapter->Intr.Connected) {
            NdisMDeregisterInterruptEx(Adapter->Intr.Handle);
            {
                NX_INTR Idle;

                NdisZeroMemory(&Idle, sizeof(Idle));
                Adapter->Intr = Idle;
            }
        }
    }
}

VOID
NxShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    NX_WR(Adapter, NX_CSR_IMS, 0);
}

VOID
NxUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(NxDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.MajorDriverVersion = 1;
    Chars.MinorDriverVersion = 0;
    Chars.InitializeHandlerEx = NxInitializeEx;
    Chars.HaltHandlerEx = NxHaltEx;
    Chars.UnloadHandler = NxUnload;
    Chars.PauseHandler = NxPause;
    Chars.RestartHandler = NxRestart;
    Chars.OidRequestHandler = NxOidRequest;
    Chars.CancelOidRequestHandler = NxCancelOidRequest;
    Chars.SendNetBufferListsHandler = NxSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = NxReturnNetBufferLists;
    Chars.CancelSendHandler = NxCancelSend;
    Chars.CheckForHangHandlerEx = NxCheckForHang;
    Chars.ResetHandlerEx = NxReset;
    Chars.DevicePnPEventNotifyHandler = NxDevicePnPEvent;
    Chars.ShutdownHandlerEx = NxShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &NxDriverHandle);
    return Status == NDIS_STATUS_SUCCESS ? STATUS_SUCCESS : (NTSTATUS)Status;
}
