/*
 * Case 363_msix_reset_pend_unmask_after_failure_defect: twin of 362 where the reset work item
 * unmasks the vectors after the re-registration whatever its outcome: when
 * NdisMRegisterInterruptEx failed (or gave too few vectors, and the work item deregistered again),
 * the per-vector synchronize runs on the interrupt deregistered just before.
 * Expected: 1 defect (the per-vector synchronize in MxResetWorkItem).
 */

#include <ndis.h>

#define MX_POOL_TAG             'xmXM'
#define MX_CSR_SIZE             0x4000
#define MX_MAX_VECTORS          5
#define MX_LINK_VECTOR          4
#define MX_RX_BUDGET            64

#define MX_CSR_CTRL             0x0000
#define MX_CSR_EIMS             0x0100          // per-vector enable, bit = vector
#define MX_CSR_EIMC             0x0104          // per-vector disable
#define MX_CSR_EICR             0x0108
#define MX_CSR_RCTL             0x0200
#define MX_CSR_RDH(_q)          (0x1000 + (_q) * 0x40)
#define MX_CSR_RDT(_q)          (0x1008 + (_q) * 0x40)

#define MX_RD(_A, _R)           ((_A)->Csr[(_R) >> 2])
#define MX_WR(_A, _R, _V)       ((_A)->Csr[(_R) >> 2] = (ULONG)(_V))

typedef struct _MX_ADAPTER *PMX_ADAPTER;

typedef struct _MX_VECTOR_SYNC {
    PMX_ADAPTER             Adapter;
    ULONG                   MessageId;
} MX_VECTOR_SYNC, *PMX_VECTOR_SYNC;

typedef struct _MX_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    volatile ULONG         *Csr;
    NDIS_HANDLE             InterruptHandle;
    BOOLEAN                 Connected;
    NDIS_INTERRUPT_TYPE     InterruptType;
    PIO_INTERRUPT_MESSAGE_INFO MessageInfo;
    ULONG                   VectorCount;
    MX_VECTOR_SYNC          VectorSync[MX_MAX_VECTORS];
    ULONG                   RxNext[MX_MAX_VECTORS];
    ULONG                   PacketFilter;
    NDIS_SPIN_LOCK          RxLock;
    ULONG64                 RxFrames;
    ULONG                   LinkChanges;
    NDIS_HANDLE             ResetWorkItem;
    BOOLEAN                 ResetInProgress;
} MX_ADAPTER;

NDIS_HANDLE MxDriverHandle;

MINIPORT_SYNCHRONIZE_INTERRUPT MxEnableVectorSync;
MINIPORT_SYNCHRONIZE_INTERRUPT MxDisableAllSync;
MINIPORT_SYNCHRONIZE_INTERRUPT MxFilterSync;
MINIPORT_MESSAGE_INTERRUPT MxMessageIsr;
MINIPORT_MESSAGE_INTERRUPT_DPC MxMessageDpc;
MINIPORT_ENABLE_MESSAGE_INTERRUPT MxEnableMessageInterrupt;
MINIPORT_DISABLE_MESSAGE_INTERRUPT MxDisableMessageInterrupt;
MINIPORT_INITIALIZE MxInitializeEx;
MINIPORT_HALT MxHaltEx;
MINIPORT_PAUSE MxPause;
MINIPORT_RESTART MxRestart;
MINIPORT_OID_REQUEST MxOidRequest;
MINIPORT_CANCEL_OID_REQUEST MxCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MxSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MxReturnNetBufferLists;
MINIPORT_CANCEL_SEND MxCancelSend;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MxDevicePnPEvent;
MINIPORT_RESET MxReset;
NDIS_IO_WORKITEM_FUNCTION MxResetWorkItem;
MINIPORT_SHUTDOWN MxShutdown;
MINIPORT_UNLOAD MxUnload;
DRIVER_INITIALIZE DriverEntry;

BOOLEAN
MxEnableVectorSync(PVOID SynchronizeContext)
{
    PMX_VECTOR_SYNC Sync = (PMX_VECTOR_SYNC)SynchronizeContext;

    MX_WR(Sync->Adapter, MX_CSR_EIMS, 1UL << Sync->MessageId);
    return TRUE;
}

BOOLEAN
MxDisableAllSync(PVOID SynchronizeContext)
{
    PMX_ADAPTER Adapter = (PMX_ADAPTER)SynchronizeContext;

    MX_WR(Adapter, MX_CSR_EIMC, 0xFFFFFFFF);
    return TRUE;
}

BOOLEAN
MxFilterSync(PVOID SynchronizeContext)
{
    PMX_ADAPTER Adapter = (PMX_ADAPTER)SynchronizeContext;

    MX_WR(Adapter, MX_CSR_RCTL, Adapter->PacketFilter);
    return TRUE;
}

BOOLEAN
MxMessageIsr(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PMX_ADAPTER Adapter = (PMX_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(TargetProcessors);

    // MSI-X: the vector is ours; auto-masked by EIAM, the DPC re-enables it
    MX_WR(Adapter, MX_CSR_EIMC, 1UL << MessageId);
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

static ULONG
MxRxDrain(PMX_ADAPTER Adapter, ULONG Queue, ULONG Budget)
{
    ULONG Done = 0;
    ULONG Head = MX_RD(Adapter, MX_CSR_RDH(Queue));

    NdisDprAcquireSpinLock(&Adapter->RxLock);
    while (Adapter->RxNext[Queue] != Head && Done < Budget) {
        Adapter->RxNext[Queue] = (Adapter->RxNext[Queue] + 1) & 0xFF;
        Adapter->RxFrames++;
        Done++;
    }
    NdisDprReleaseSpinLock(&Adapter->RxLock);
    MX_WR(Adapter, MX_CSR_RDT(Queue), Adapter->RxNext[Queue]);
    return Done;
}

VOID
MxMessageDpc(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PMX_ADAPTER Adapter = (PMX_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    if (MessageId >= MX_MAX_VECTORS) {
        return;
    }
    if (MessageId == MX_LINK_VECTOR) {
        Adapter->LinkChanges++;
    } else if (MxRxDrain(Adapter, MessageId, MX_RX_BUDGET) == MX_RX_BUDGET) {
        // more work: run again on this processor instead of re-enabling the vector
        NdisMQueueDpcEx(Adapter->InterruptHandle, MessageId, NULL, NULL);
        return;
    }
    if (Adapter->Connected) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, MessageId, MxEnableVectorSync,
                                        &Adapter->VectorSync[MessageId]);
    }
}

VOID
MxEnableMessageInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PMX_ADAPTER Adapter = (PMX_ADAPTER)MiniportInterruptContext;

    MX_WR(Adapter, MX_CSR_EIMS, 1UL << MessageId);
}

VOID
MxDisableMessageInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PMX_ADAPTER Adapter = (PMX_ADAPTER)MiniportInterruptContext;

    MX_WR(Adapter, MX_CSR_EIMC, 1UL << MessageId);
}

static BOOLEAN MxVectorsUsable(PNDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Chars);

static NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS
MxBuildInterruptChars(VOID)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Chars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Chars.MsiSupported = TRUE;
    Chars.MsiSyncWithAllMessages = FALSE;
    Chars.MessageInterruptHandler = MxMessageIsr;
    Chars.MessageInterruptDpcHandler = MxMessageDpc;
    Chars.EnableMessageInterruptHandler = MxEnableMessageInterrupt;
    Chars.DisableMessageInterruptHandler = MxDisableMessageInterrupt;
    return Chars;
}

static NDIS_STATUS
MxMapCsr(PMX_ADAPTER Adapter, PNDIS_RESOURCE_LIST Resources)
{
    ULONG i;

    for (i = 0; Resources != NULL && i < Resources->Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc = &Resources->PartialDescriptors[i];

        if (Desc->Type == CmResourceTypeMemory && Desc->u.Memory.Length >= MX_CSR_SIZE) {
            return NdisMMapIoSpace((PVOID *)&Adapter->Csr, Adapter->AdapterHandle, Desc->u.Memory.Start, MX_CSR_SIZE);
        }
    }
    return NDIS_STATUS_ADAPTER_NOT_FOUND;
}

static VOID
MxFreeAdapter(PMX_ADAPTER Adapter)
{
    if (Adapter->Csr != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Csr, MX_CSR_SIZE);
    }
    if (Adapter->ResetWorkItem != NULL) {
        NdisFreeIoWorkItem(Adapter->ResetWorkItem);
    }
    NdisFreeSpinLock(&Adapter->RxLock);
    NdisFreeMemory(Adapter, sizeof(MX_ADAPTER), 0);
}

NDIS_STATUS
MxInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PMX_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegAttrs;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS IntrChars;
    ULONG Vector;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MX_ADAPTER), MX_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MX_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->RxLock);
    for (Vector = 0; Vector < MX_MAX_VECTORS; Vector++) {
        Adapter->VectorSync[Vector].Adapter = Adapter;
        Adapter->VectorSync[Vector].MessageId = Vector;
    }

    NdisZeroMemory(&RegAttrs, sizeof(RegAttrs));
    RegAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.Header.Size = sizeof(RegAttrs);
    RegAttrs.MiniportAdapterContext = Adapter;
    RegAttrs.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK;
    RegAttrs.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegAttrs);
    if (Status == NDIS_STATUS_SUCCESS) {
        Status = MxMapCsr(Adapter, MiniportInitParameters->AllocatedResources);
    }
    if (Status == NDIS_STATUS_SUCCESS) {
        Adapter->ResetWorkItem = NdisAllocateIoWorkItem(MiniportAdapterHandle);
        if (Adapter->ResetWorkItem == NULL) {
            Status = NDIS_STATUS_RESOURCES;
        }
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        MxFreeAdapter(Adapter);
        return Status;
    }

    IntrChars = MxBuildInterruptChars();
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &IntrChars, &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        MxFreeAdapter(Adapter);
        return Status;
    }
    if (!MxVectorsUsable(&IntrChars)) {
        // this part needs a vector per queue pair
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        MxFreeAdapter(Adapter);
        return NDIS_STATUS_RESOURCES;
    }
    Adapter->Connected = TRUE;
    Adapter->InterruptType = IntrChars.InterruptType;
    Adapter->MessageInfo = IntrChars.MessageInfoTable;
    Adapter->VectorCount = MX_MAX_VECTORS;

    for (Vector = 0; Vector < Adapter->VectorCount; Vector++) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, Vector, MxEnableVectorSync,
                                        &Adapter->VectorSync[Vector]);
    }
    return NDIS_STATUS_SUCCESS;
}

static BOOLEAN
MxVectorsUsable(PNDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Chars)
{
    return Chars->InterruptType == NDIS_CONNECT_MESSAGE_BASED && Chars->MessageInfoTable != NULL &&
           Chars->MessageInfoTable->MessageCount >= MX_MAX_VECTORS;
}

VOID
MxResetWorkItem(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle)
{
    PMX_ADAPTER Adapter = (PMX_ADAPTER)WorkItemContext;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS IntrChars;
    NDIS_STATUS Status;
    ULONG Vector;

    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);

    if (Adapter->Connected) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MxDisableAllSync, Adapter);
        Adapter->Connected = FALSE;
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    }
    MX_WR(Adapter, MX_CSR_CTRL, 0x04000000);

    IntrChars = MxBuildInterruptChars();
    Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &IntrChars, &Adapter->InterruptHandle);
    if (Status == NDIS_STATUS_SUCCESS && !MxVectorsUsable(&IntrChars)) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Status = NDIS_STATUS_RESOURCES;
    }
    if (Status == NDIS_STATUS_SUCCESS) {
        Adapter->Connected = TRUE;
        Adapter->MessageInfo = IntrChars.MessageInfoTable;
    }
    // let the chip raise its pending causes again
    for (Vector = 0; Vector < Adapter->VectorCount; Vector++) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, Vector, MxEnableVectorSync, // defect: NdisMDeregisterInterruptEx
                                        &Adapter->VectorSync[Vector]);
    }
    Adapter->ResetInProgress = FALSE;
    NdisMResetComplete(Adapter->AdapterHandle, Status, FALSE);
}

NDIS_STATUS
MxReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PMX_ADAPTER Adapter = (PMX_ADAPTER)MiniportAdapterContext;

    *AddressingReset = FALSE;
    if (Adapter->ResetInProgress) {
        return NDIS_STATUS_RESET_IN_PROGRESS;
    }
    Adapter->ResetInProgress = TRUE;
    NdisQueueIoWorkItem(Adapter->ResetWorkItem, MxResetWorkItem, Adapter);
    return NDIS_STATUS_PENDING;
}

VOID
MxHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMX_ADAPTER Adapter = (PMX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    if (Adapter->Connected) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MxDisableAllSync, Adapter);
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->Connected = FALSE;
    }
    MxFreeAdapter(Adapter);
}

NDIS_STATUS
MxPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PauseParameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MxRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MxOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PMX_ADAPTER Adapter = (PMX_ADAPTER)MiniportAdapterContext;

    if (OidRequest->RequestType != NdisRequestSetInformation ||
        OidRequest->DATA.SET_INFORMATION.Oid != OID_GEN_CURRENT_PACKET_FILTER) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    if (OidRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
        OidRequest->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
        return NDIS_STATUS_INVALID_LENGTH;
    }
    Adapter->PacketFilter = *(PULONG)OidRequest->DATA.SET_INFORMATION.InformationBuffer;
    if (Adapter->Connected) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MxFilterSync, Adapter);
    }
    OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
    return NDIS_STATUS_SUCCESS;
}

VOID
MxCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
MxSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PMX_ADAPTER Adapter = (PMX_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;

    UNREFERENCED_PARAMETER(PortNumber);

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
    }
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists,
                                    (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
MxReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
MxCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

VOID
MxDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PMX_ADAPTER Adapter = (PMX_ADAPTER)MiniportAdapterContext;

    switch (NetDevicePnPEvent->DevicePnPEvent) {
    case NdisDevicePnPEventSurpriseRemoved:
        // the device is gone: give the vectors back now, halt will find Connected FALSE
        if (Adapter->Connected) {
            Adapter->Connected = FALSE;
            NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        }
        break;
    default:
        break;
    }
}

VOID
MxShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PMX_ADAPTER Adapter = (PMX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    MX_WR(Adapter, MX_CSR_EIMC, 0xFFFFFFFF);
}

VOID
MxUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(MxDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.MajorDriverVersion = 2;
    Chars.InitializeHandlerEx = MxInitializeEx;
    Chars.HaltHandlerEx = MxHaltEx;
    Chars.UnloadHandler = MxUnload;
    Chars.PauseHandler = MxPause;
    Chars.RestartHandler = MxRestart;
    Chars.OidRequestHandler = MxOidRequest;
    Chars.CancelOidRequestHandler = MxCancelOidRequest;
    Chars.SendNetBufferListsHandler = MxSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = MxReturnNetBufferLists;
    Chars.CancelSendHandler = MxCancelSend;
    Chars.DevicePnPEventNotifyHandler = MxDevicePnPEvent;
    Chars.ResetHandlerEx = MxReset;
    Chars.ShutdownHandlerEx = MxShutdown;

    return (NTSTATUS)NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &MxDriverHandle);
}
