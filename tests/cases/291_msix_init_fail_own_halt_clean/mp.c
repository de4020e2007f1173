/*
 * Case 291_msix_init_fail_own_halt_clean: an MSI-X NIC whose MpInitializeEx, on any failure,
 * calls its own MpHaltEx (with NdisHaltDeviceInitializationFailed) to undo what was set up.  The
 * interrupt is registered message-based (MsiSupported, MessageInterruptHandler,
 * MessageInterruptDpcHandler, Enable/DisableMessageInterruptHandler) with line-based handlers as
 * the fallback; after the registration the vector count comes from MessageInfoTable.  Setting up
 * the receive ring and resetting the chip come after the registration and may fail.  MpHaltEx
 * masks every vector with NdisMSynchronizeWithInterruptEx on that vector's MessageId (a context
 * block on the stack) and then deregisters, both only while InterruptRegistered is set, so it is
 * right whether init calls it before the registration, after it, or NDIS calls it.  Each message
 * DPC unmasks its own vector through NdisMSynchronizeWithInterruptEx with its MessageId; the
 * packet-filter OID synchronizes with message 0.  Calling MpHaltEx from init is an ordinary call,
 * not NDIS halting the adapter (no halt role event), and every failing return of init leaves no
 * interrupt registered.  Expected: clean for every rule.
 */

#include <ndis.h>

#define MP_POOL_TAG             'xsMP'
#define MP_NDIS_MAJOR_VERSION   6
#define MP_NDIS_MINOR_VERSION   20
#define MP_CSR_SIZE             0x2000
#define MP_MAX_VECTORS          4
#define MP_RX_RING_BYTES        0x4000

#define MP_REG_CTRL             0x0000
#define MP_REG_RCTL             0x0100
#define MP_REG_RDT              0x0118
#define MP_REG_TDT              0x0218
#define MP_REG_EIMS             0x1524      // write 1: unmask vector bit
#define MP_REG_EIMC             0x1528      // write 1: mask vector bit
#define MP_REG_EICR             0x1580      // cause, clear on read
#define MP_CTRL_RESET           0x04000000

#define MP_VECTOR_BIT(_Id)      (1UL << (_Id))
#define MP_ALL_VECTORS          ((1UL << MP_MAX_VECTORS) - 1)

#define MP_READ_REG(_A, _R)      ((_A)->Registers[(_R) / sizeof(ULONG)])
#define MP_WRITE_REG(_A, _R, _V) ((_A)->Registers[(_R) / sizeof(ULONG)] = (ULONG)(_V))

typedef struct _MP_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    NDIS_HANDLE             InterruptHandle;
    BOOLEAN                 InterruptRegistered;
    NDIS_INTERRUPT_TYPE     InterruptType;
    ULONG                   VectorCount;        // 1 when line-based
    volatile ULONG         *Registers;
    PVOID                   RxRing;
    NDIS_PHYSICAL_ADDRESS   RxRingPa;
    volatile LONG           PendingVectors;     // ISR -> DPC, one bit per vector
    ULONG                   PacketFilter;
    NDIS_SPIN_LOCK          RecvLock;
    NDIS_SPIN_LOCK          SendLock;
    ULONG64                 FramesReceived;
    ULONG64                 FramesSent;
} MP_ADAPTER, *PMP_ADAPTER;

//
// Handed to the per-vector synchronize routines on the caller's stack.
//
typedef struct _MP_VECTOR_SYNC {
    PMP_ADAPTER             Adapter;
    ULONG                   MessageId;
} MP_VECTOR_SYNC, *PMP_VECTOR_SYNC;

NDIS_HANDLE MpDriverHandle;

MINIPORT_SYNCHRONIZE_MESSAGE_INTERRUPT MpMaskVectorSync;
MINIPORT_SYNCHRONIZE_MESSAGE_INTERRUPT MpUnmaskVectorSync;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSetFilterSync;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_ENABLE_INTERRUPT MpEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT MpDisableInterrupt;
MINIPORT_MESSAGE_INTERRUPT MpMessageIsr;
MINIPORT_MESSAGE_INTERRUPT_DPC MpMessageDpc;
MINIPORT_ENABLE_MESSAGE_INTERRUPT MpEnableMessageInterrupt;
MINIPORT_DISABLE_MESSAGE_INTERRUPT MpDisableMessageInterrupt;
MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;
MINIPORT_CANCEL_SEND MpCancelSend;
MINIPORT_CHECK_FOR_HANG MpCheckForHang;
MINIPORT_RESET MpReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpDevicePnPEvent;
MINIPORT_SHUTDOWN MpShutdown;
MINIPORT_SET_OPTIONS MpSetOptions;
MINIPORT_UNLOAD MpUnload;
DRIVER_INITIALIZE DriverEntry;

BOOLEAN
MpMaskVectorSync(PVOID SynchronizeContext)
{
    PMP_VECTOR_SYNC Sync = (PMP_VECTOR_SYNC)SynchronizeContext;

    MP_WRITE_REG(Sync->Adapter, MP_REG_EIMC, MP_VECTOR_BIT(Sync->MessageId));
    return TRUE;
}

BOOLEAN
MpUnmaskVectorSync(PVOID SynchronizeContext)
{
    PMP_VECTOR_SYNC Sync = (PMP_VECTOR_SYNC)SynchronizeContext;

    MP_WRITE_REG(Sync->Adapter, MP_REG_EIMS, MP_VECTOR_BIT(Sync->MessageId));
    return TRUE;
}

BOOLEAN
MpSetFilterSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    MP_WRITE_REG(Adapter, MP_REG_RCTL, Adapter->PacketFilter);
    return TRUE;
}

static VOID
MpMaskAllVectors(PMP_ADAPTER Adapter)
{
    MP_VECTOR_SYNC Sync;
    ULONG MessageId;

    Sync.Adapter = Adapter;
    for (MessageId = 0; MessageId < Adapter->VectorCount; MessageId++) {
        Sync.MessageId = MessageId;
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, MessageId, MpMaskVectorSync, &Sync);
    }
}

static VOID
MpUnmaskAllVectors(PMP_ADAPTER Adapter)
{
    MP_VECTOR_SYNC Sync;
    ULONG MessageId;

    Sync.Adapter = Adapter;
    for (MessageId = 0; MessageId < Adapter->VectorCount; MessageId++) {
        Sync.MessageId = MessageId;
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, MessageId, MpUnmaskVectorSync, &Sync);
    }
}

static NDIS_STATUS
MpMapRegisters(PMP_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    for (i = 0; i < Resources->Count; i++) {
        Descriptor = &Resources->PartialDescriptors[i];
        if (Descriptor->Type == CmResourceTypeMemory && Descriptor->u.Memory.Length >= MP_CSR_SIZE) {
            return NdisMMapIoSpace((PVOID *)&Adapter->Registers, Adapter->AdapterHandle,
                                   Descriptor->u.Memory.Start, MP_CSR_SIZE);
        }
    }
    return NDIS_STATUS_ADAPTER_NOT_FOUND;
}

static NDIS_STATUS
MpAllocRings(PMP_ADAPTER Adapter)
{
    NdisMAllocateSharedMemory(Adapter->AdapterHandle, MP_RX_RING_BYTES, FALSE,
                              &Adapter->RxRing, &Adapter->RxRingPa);
    if (Adapter->RxRing == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter->RxRing, MP_RX_RING_BYTES);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
MpHwReset(PMP_ADAPTER Adapter)
{
    ULONG Spins;

    MP_WRITE_REG(Adapter, MP_REG_EIMC, MP_ALL_VECTORS);
    MP_WRITE_REG(Adapter, MP_REG_CTRL, MP_CTRL_RESET);
    for (Spins = 0; Spins < 100; Spins++) {
        NdisStallExecution(10);
        if ((MP_READ_REG(Adapter, MP_REG_CTRL) & MP_CTRL_RESET) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_HARD_ERRORS;
}

BOOLEAN
MpIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Cause = MP_READ_REG(Adapter, MP_REG_EICR) & MP_ALL_VECTORS;
    if (Cause == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    MP_WRITE_REG(Adapter, MP_REG_EIMC, MP_ALL_VECTORS);
    InterlockedOr(&Adapter->PendingVectors, (LONG)Cause);
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

static VOID
MpReceive(PMP_ADAPTER Adapter)
{
    NdisDprAcquireSpinLock(&Adapter->RecvLock);
    Adapter->FramesReceived++;
    MP_WRITE_REG(Adapter, MP_REG_RDT, (ULONG)Adapter->FramesReceived);
    NdisDprReleaseSpinLock(&Adapter->RecvLock);
}

VOID
MpDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    if (InterlockedExchange(&Adapter->PendingVectors, 0) != 0) {
        MpReceive(Adapter);
    }
    MpUnmaskAllVectors(Adapter);
}

VOID
MpEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    MP_WRITE_REG(Adapter, MP_REG_EIMS, MP_ALL_VECTORS);
}

VOID
MpDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    MP_WRITE_REG(Adapter, MP_REG_EIMC, MP_ALL_VECTORS);
}

BOOLEAN
MpMessageIsr(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(TargetProcessors);

    // MSI-X: the vector is ours; mask it until its DPC has run
    MP_WRITE_REG(Adapter, MP_REG_EIMC, MP_VECTOR_BIT(MessageId));
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
MpMessageDpc(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    MP_VECTOR_SYNC Sync;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    MpReceive(Adapter);

    Sync.Adapter = Adapter;
    Sync.MessageId = MessageId;
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, MessageId, MpUnmaskVectorSync, &Sync);
}

VOID
MpEnableMessageInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    MP_WRITE_REG(Adapter, MP_REG_EIMS, MP_VECTOR_BIT(MessageId));
}

VOID
MpDisableMessageInterrupt(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    MP_WRITE_REG(Adapter, MP_REG_EIMC, MP_VECTOR_BIT(MessageId));
}

static NDIS_STATUS
MpRegisterInterrupt(PMP_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS InterruptChars;
    NDIS_STATUS Status;

    NdisZeroMemory(&InterruptChars, sizeof(InterruptChars));
    InterruptChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    InterruptChars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    InterruptChars.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    InterruptChars.InterruptHandler = MpIsr;
    InterruptChars.InterruptDpcHandler = MpDpc;
    InterruptChars.DisableInterruptHandler = MpDisableInterrupt;
    InterruptChars.EnableInterruptHandler = MpEnableInterrupt;
    InterruptChars.MsiSupported = TRUE;
    InterruptChars.MsiSyncWithAllMessages = FALSE;
    InterruptChars.MessageInterruptHandler = MpMessageIsr;
    InterruptChars.MessageInterruptDpcHandler = MpMessageDpc;
    InterruptChars.DisableMessageInterruptHandler = MpDisableMessageInterrupt;
    InterruptChars.EnableMessageInterruptHandler = MpEnableMessageInterrupt;

    Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &InterruptChars,
                                      &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    Adapter->InterruptRegistered = TRUE;
    Adapter->InterruptType = InterruptChars.InterruptType;
    if (InterruptChars.InterruptType == NDIS_CONNECT_MESSAGE_BASED) {
        Adapter->VectorCount = min(InterruptChars.MessageInfoTable->MessageCount, MP_MAX_VECTORS);
    } else {
        Adapter->VectorCount = 1;
    }
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PMP_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER),
                                                MP_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->RecvLock);
    NdisAllocateSpinLock(&Adapter->SendLock);

    NdisZeroMemory(&RegistrationAttributes, sizeof(RegistrationAttributes));
    RegistrationAttributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegistrationAttributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegistrationAttributes.Header.Size = sizeof(RegistrationAttributes);
    RegistrationAttributes.MiniportAdapterContext = Adapter;
    RegistrationAttributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE |
                                            NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    RegistrationAttributes.CheckForHangTimeInSeconds = 2;
    RegistrationAttributes.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegistrationAttributes);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    Status = MpMapRegisters(Adapter, MiniportInitParameters);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    Status = MpRegisterInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    Status = MpAllocRings(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    Status = MpHwReset(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    MpUnmaskAllVectors(Adapter);
    return NDIS_STATUS_SUCCESS;

Fail:
    // NDIS will not halt an adapter whose initialization failed: undo everything ourselves.
    MpHaltEx(Adapter, NdisHaltDeviceInitializationFailed);
    return Status;
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    if (Adapter->InterruptRegistered) {
        if (HaltAction != NdisHaltDeviceSurpriseRemoved) {
            MpMaskAllVectors(Adapter);
        }
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptRegistered = FALSE;
    }
    if (Adapter->RxRing != NULL) {
        NdisMFreeSharedMemory(Adapter->AdapterHandle, MP_RX_RING_BYTES, FALSE,
                              Adapter->RxRing, Adapter->RxRingPa);
        Adapter->RxRing = NULL;
    }
    if (Adapter->Registers != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Registers, MP_CSR_SIZE);
        Adapter->Registers = NULL;
    }
    NdisFreeSpinLock(&Adapter->RecvLock);
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeMemory(Adapter, sizeof(MP_ADAPTER), 0);
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

static NDIS_STATUS
MpSetInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST OidRequest)
{
    PVOID Buffer = OidRequest->DATA.SET_INFORMATION.InformationBuffer;
    UINT Length = OidRequest->DATA.SET_INFORMATION.InformationBufferLength;

    switch (OidRequest->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (Length < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->PacketFilter = *(PULONG)Buffer;
        // receive control lives with vector 0 (the receive queue's vector)
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSetFilterSync, Adapter);
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;

    case OID_GEN_CURRENT_LOOKAHEAD:
        OidRequest->DATA.SET_INFORMATION.BytesRead = Length;
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static NDIS_STATUS
MpQueryInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST OidRequest)
{
    PVOID Buffer = OidRequest->DATA.QUERY_INFORMATION.InformationBuffer;
    UINT Length = OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength;

    switch (OidRequest->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_XMIT_OK:
    case OID_GEN_RCV_OK:
        if (Length < sizeof(ULONG64)) {
            OidRequest->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG64);
            return NDIS_STATUS_BUFFER_TOO_SHORT;
        }
        *(ULONG64 *)Buffer = OidRequest->DATA.QUERY_INFORMATION.Oid == OID_GEN_XMIT_OK ?
                             Adapter->FramesSent : Adapter->FramesReceived;
        OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

NDIS_STATUS
MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    switch (OidRequest->RequestType) {
    case NdisRequestSetInformation:
        Status = MpSetInformation(Adapter, OidRequest);
        break;
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        Status = MpQueryInformation(Adapter, OidRequest);
        break;
    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }
    return Status;
}

VOID
MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
MpSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    ULONG CompleteFlags = 0;

    UNREFERENCED_PARAMETER(PortNumber);

    if (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) {
        CompleteFlags |= NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL;
    }
    NdisAcquireSpinLock(&Adapter->SendLock);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
        Adapter->FramesSent++;
    }
    MP_WRITE_REG(Adapter, MP_REG_TDT, (ULONG)Adapter->FramesSent);
    NdisReleaseSpinLock(&Adapter->SendLock);
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists, CompleteFlags);
}

VOID
MpReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
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

BOOLEAN
MpCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);

    return FALSE;
}

NDIS_STATUS
MpReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);

    *AddressingReset = FALSE;
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
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);

    MP_WRITE_REG(Adapter, MP_REG_EIMC, MP_ALL_VECTORS);
    MP_WRITE_REG(Adapter, MP_REG_CTRL, MP_CTRL_RESET);
}

NDIS_STATUS
MpSetOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    UNREFERENCED_PARAMETER(NdisDriverHandle);
    UNREFERENCED_PARAMETER(DriverContext);

    return NDIS_STATUS_SUCCESS;
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
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS);
    Chars.MajorNdisVersion = MP_NDIS_MAJOR_VERSION;
    Chars.MinorNdisVersion = MP_NDIS_MINOR_VERSION;
    Chars.MajorDriverVersion = 1;
    Chars.MinorDriverVersion = 0;
    Chars.SetOptionsHandler = MpSetOptions;
    Chars.InitializeHandlerEx = MpInitializeEx;
    Chars.HaltHandlerEx = MpHaltEx;
    Chars.UnloadHandler = MpUnload;
    Chars.PauseHandler = MpPause;
    Chars.RestartHandler = MpRestart;
    Chars.OidRequestHandler = MpOidRequest;
    Chars.CancelOidRequestHandler = MpCancelOidRequest;
    Chars.SendNetBufferListsHandler = MpSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = MpReturnNetBufferLists;
    Chars.CancelSendHandler = MpCancelSend;
    Chars.CheckForHangHandlerEx = MpCheckForHang;
    Chars.ResetHandlerEx = MpReset;
    Chars.DevicePnPEventNotifyHandler = MpDevicePnPEvent;
    Chars.ShutdownHandlerEx = MpShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &MpDriverHandle);
    return Status == NDIS_STATUS_SUCCESS ? STATUS_SUCCESS : (NTSTATUS)Status;
}
