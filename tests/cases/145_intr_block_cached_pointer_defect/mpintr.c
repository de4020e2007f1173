/*
 * Case 145_intr_block_cached_pointer_defect: twin of 144 (the interrupt in its own pool block,
 * registered with the block as MiniportInterruptContext, Adapter->Interrupt NULL while no
 * interrupt is registered, MpSynchronize testing it).  MpHaltEx caches Adapter->Interrupt in a
 * local before MpDisconnectInterrupt detaches, deregisters and frees the block, and then quiesces
 * the chip through the cached pointer: MpQuiesce(Interrupt) synchronizes with the deregistered
 * interrupt (and reads freed memory).  Expected: one NdisMDeregisterInterruptEx defect, at the
 * synchronize call in MpQuiesce.
 */
#include <ndis.h>

#define MP_TAG          'bIpM'
#define MP_CSR_BYTES    0x100
#define MP_R_CTRL       0x00
#define MP_R_CAUSE      0x04
#define MP_R_MASK       0x08
#define MP_R_FILTER     0x0C
#define MP_CAUSE_ALL    0x7
#define MP_CTRL_RESET   0x1

struct _MP_ADAPTER;

typedef struct _MP_INTERRUPT {
    NDIS_HANDLE             Handle;
    struct _MP_ADAPTER     *Adapter;
    ULONG                   Cause;
    ULONG                   MessageCount;
} MP_INTERRUPT, *PMP_INTERRUPT;

typedef struct _MP_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    PMP_INTERRUPT           Interrupt;      /* NULL while no interrupt is registered */
    volatile ULONG         *Csr;
    PHYSICAL_ADDRESS        CsrPa;
    ULONG                   Filter;
    NDIS_DEVICE_POWER_STATE Power;
    BOOLEAN                 Paused;
    NDIS_SPIN_LOCK          Lock;
    ULONG64                 RxFrames;
} MP_ADAPTER, *PMP_ADAPTER;

#define CSR_RD(_A, _R)      ((_A)->Csr[(_R) / 4])
#define CSR_WR(_A, _R, _V)  ((_A)->Csr[(_R) / 4] = (_V))

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_HALT MpHalt;
MINIPORT_UNLOAD MpUnload;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MpSend;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturn;
MINIPORT_CANCEL_SEND MpCancelSend;
MINIPORT_RESET MpReset;
MINIPORT_CHECK_FOR_HANG MpCheckForHang;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpPnp;
MINIPORT_SHUTDOWN MpShutdown;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_ENABLE_INTERRUPT MpEnable;
MINIPORT_DISABLE_INTERRUPT MpDisable;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSyncMask;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSyncUnmask;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSyncFilter;

static NDIS_HANDLE MpDriverHandle;

BOOLEAN
MpSyncMask(PVOID SynchronizeContext)
{
    PMP_INTERRUPT Interrupt = (PMP_INTERRUPT)SynchronizeContext;

    CSR_WR(Interrupt->Adapter, MP_R_MASK, 0);
    Interrupt->Cause = 0;
    return TRUE;
}

BOOLEAN
MpSyncUnmask(PVOID SynchronizeContext)
{
    PMP_INTERRUPT Interrupt = (PMP_INTERRUPT)SynchronizeContext;

    CSR_WR(Interrupt->Adapter, MP_R_MASK, MP_CAUSE_ALL);
    return TRUE;
}

BOOLEAN
MpSyncFilter(PVOID SynchronizeContext)
{
    PMP_INTERRUPT Interrupt = (PMP_INTERRUPT)SynchronizeContext;

    CSR_WR(Interrupt->Adapter, MP_R_FILTER, Interrupt->Adapter->Filter);
    return TRUE;
}

/* Runs Function under the interrupt's lock if there is an interrupt; reports whether it ran. */
static BOOLEAN
MpSynchronize(PMP_ADAPTER Adapter, MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER Function)
{
    PMP_INTERRUPT Interrupt = Adapter->Interrupt;

    if (Interrupt == NULL) {
        return FALSE;
    }
    (VOID)NdisMSynchronizeWithInterruptEx(Interrupt->Handle, 0, Function, Interrupt);
    return TRUE;
}

static NDIS_STATUS
MpConnectInterrupt(PMP_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Ic;
    PMP_INTERRUPT Interrupt;
    NDIS_STATUS Status;

    if (Adapter->Interrupt != NULL) {
        return NDIS_STATUS_SUCCESS;
    }
    Interrupt = NdisAllocateMemoryWithTagPriority(Adapter->AdapterHandle, sizeof(MP_INTERRUPT), MP_TAG,
                                                  NormalPoolPriority);
    if (Interrupt == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Interrupt, sizeof(MP_INTERRUPT));
    Interrupt->Adapter = Adapter;

    NdisZeroMemory(&Ic, sizeof(Ic));
    Ic.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Ic.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Ic.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Ic.InterruptHandler = MpIsr;
    Ic.InterruptDpcHandler = MpDpc;
    Ic.EnableInterruptHandler = MpEnable;
    Ic.DisableInterruptHandler = MpDisable;
    Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Interrupt, &Ic, &Interrupt->Handle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Interrupt, sizeof(MP_INTERRUPT), 0);
        return Status;
    }
    Interrupt->MessageCount = 1;
    Adapter->Interrupt = Interrupt;
    return NDIS_STATUS_SUCCESS;
}

static VOID
MpDisconnectInterrupt(PMP_ADAPTER Adapter)
{
    PMP_INTERRUPT Interrupt = Adapter->Interrupt;

    if (Interrupt == NULL) {
        return;
    }
    Adapter->Interrupt = NULL;
    NdisMDeregisterInterruptEx(Interrupt->Handle);
    NdisFreeMemory(Interrupt, sizeof(MP_INTERRUPT), 0);
}

static NDIS_STATUS
MpResetChip(PMP_ADAPTER Adapter)
{
    ULONG Tries;

    CSR_WR(Adapter, MP_R_MASK, 0);
    CSR_WR(Adapter, MP_R_CTRL, MP_CTRL_RESET);
    for (Tries = 0; Tries < 20; Tries++) {
        NdisStallExecution(10);
        if ((CSR_RD(Adapter, MP_R_CTRL) & MP_CTRL_RESET) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_HARD_ERRORS;
}

BOOLEAN
MpIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PMP_INTERRUPT Interrupt = (PMP_INTERRUPT)MiniportInterruptContext;
    PMP_ADAPTER Adapter = Interrupt->Adapter;
    ULONG Cause = CSR_RD(Adapter, MP_R_CAUSE) & MP_CAUSE_ALL;

    UNREFERENCED_PARAMETER(TargetProcessors);
    if (Cause == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    CSR_WR(Adapter, MP_R_MASK, 0);
    Interrupt->Cause |= Cause;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
MpDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PMP_INTERRUPT Interrupt = (PMP_INTERRUPT)MiniportInterruptContext;
    PMP_ADAPTER Adapter = Interrupt->Adapter;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    NdisDprAcquireSpinLock(&Adapter->Lock);
    if (Interrupt->Cause & 1) {
        Adapter->RxFrames++;
    }
    Interrupt->Cause = 0;
    NdisDprReleaseSpinLock(&Adapter->Lock);
    (VOID)MpSynchronize(Adapter, MpSyncUnmask);
}

VOID
MpEnable(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_INTERRUPT Interrupt = (PMP_INTERRUPT)MiniportInterruptContext;

    CSR_WR(Interrupt->Adapter, MP_R_MASK, MP_CAUSE_ALL);
}

VOID
MpDisable(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_INTERRUPT Interrupt = (PMP_INTERRUPT)MiniportInterruptContext;

    CSR_WR(Interrupt->Adapter, MP_R_MASK, 0);
}

static NDIS_STATUS
MpSetPower(PMP_ADAPTER Adapter, NDIS_DEVICE_POWER_STATE State)
{
    NDIS_STATUS Status;

    if (State == Adapter->Power) {
        return NDIS_STATUS_SUCCESS;
    }
    if (State != NdisDeviceStateD0) {
        (VOID)MpSynchronize(Adapter, MpSyncMask);
        MpDisconnectInterrupt(Adapter);
        Adapter->Power = State;
        return NDIS_STATUS_SUCCESS;
    }
    Status = MpResetChip(Adapter);
    if (Status == NDIS_STATUS_SUCCESS) {
        Status = MpConnectInterrupt(Adapter);
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    (VOID)MpSynchronize(Adapter, MpSyncFilter);
    (VOID)MpSynchronize(Adapter, MpSyncUnmask);
    Adapter->Power = NdisDeviceStateD0;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PVOID Buffer = OidRequest->DATA.SET_INFORMATION.InformationBuffer;
    ULONG Length = OidRequest->DATA.SET_INFORMATION.InformationBufferLength;

    if (OidRequest->RequestType != NdisRequestSetInformation) {
        if (OidRequest->DATA.QUERY_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER &&
            OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength >= sizeof(ULONG)) {
            *(PULONG)OidRequest->DATA.QUERY_INFORMATION.InformationBuffer = Adapter->Filter;
            OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG);
            return NDIS_STATUS_SUCCESS;
        }
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    switch (OidRequest->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (Length < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->Filter = *(PULONG)Buffer;
        if (!MpSynchronize(Adapter, MpSyncFilter)) {
            /* no interrupt (D3): D0 programs the filter when it reconnects */
        }
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    case OID_PNP_SET_POWER:
        if (Length < sizeof(NDIS_DEVICE_POWER_STATE)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(NDIS_DEVICE_POWER_STATE);
        return MpSetPower(Adapter, *(PNDIS_DEVICE_POWER_STATE)Buffer);
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

VOID
MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
MpSend(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;

    UNREFERENCED_PARAMETER(PortNumber);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Adapter->Paused ? NDIS_STATUS_PAUSED : NDIS_STATUS_SUCCESS;
    }
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists,
                                    NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
MpReturn(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
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
MpPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(PauseParameters);
    Adapter->Paused = TRUE;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);
    Adapter->Paused = FALSE;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;
    if (Adapter->Power != NdisDeviceStateD0) {
        return NDIS_STATUS_SUCCESS;
    }
    (VOID)MpSynchronize(Adapter, MpSyncMask);
    MpDisconnectInterrupt(Adapter);
    Status = MpResetChip(Adapter);
    if (Status == NDIS_STATUS_SUCCESS) {
        Status = MpConnectInterrupt(Adapter);
    }
    if (Status == NDIS_STATUS_SUCCESS) {
        (VOID)MpSynchronize(Adapter, MpSyncFilter);
        (VOID)MpSynchronize(Adapter, MpSyncUnmask);
    }
    return Status;
}

BOOLEAN
MpCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    return (Adapter->Power == NdisDeviceStateD0 && Adapter->Interrupt == NULL) ? TRUE : FALSE;
}

VOID
MpPnp(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
MpShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    CSR_WR(Adapter, MP_R_MASK, 0);
}

NDIS_STATUS
MpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    PNDIS_RESOURCE_LIST Resources = MiniportInitParameters->AllocatedResources;
    PMP_ADAPTER Adapter;
    NDIS_STATUS Status = NDIS_STATUS_RESOURCE_CONFLICT;
    ULONG i;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER), MP_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->Interrupt = NULL;
    Adapter->Power = NdisDeviceStateD0;
    Adapter->Paused = TRUE;
    NdisAllocateSpinLock(&Adapter->Lock);

    for (i = 0; Resources != NULL && i < Resources->Count; i++) {
        if (Resources->PartialDescriptors[i].Type == CmResourceTypeMemory) {
            Adapter->CsrPa = Resources->PartialDescriptors[i].u.Memory.Start;
            Status = NDIS_STATUS_SUCCESS;
        }
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }
    Status = NdisMMapIoSpace((PVOID *)&Adapter->Csr, MiniportAdapterHandle, Adapter->CsrPa, MP_CSR_BYTES);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }
    Status = MpResetChip(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Unmap;
    }
    Status = MpConnectInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Unmap;
    }
    (VOID)MpSynchronize(Adapter, MpSyncFilter);
    (VOID)MpSynchronize(Adapter, MpSyncUnmask);
    return NDIS_STATUS_SUCCESS;

Unmap:
    NdisMUnmapIoSpace(MiniportAdapterHandle, (PVOID)Adapter->Csr, MP_CSR_BYTES);
FreeAdapter:
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, sizeof(MP_ADAPTER), 0);
    return Status;
}

/* Masks the chip under the lock of the interrupt block the caller holds. */
static VOID
MpQuiesce(PMP_INTERRUPT Interrupt)
{
    (VOID)NdisMSynchronizeWithInterruptEx(Interrupt->Handle, 0, MpSyncMask, Interrupt); // defect: NdisMDeregisterInterruptEx
}

VOID
MpHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PMP_INTERRUPT Interrupt = Adapter->Interrupt;

    MpDisconnectInterrupt(Adapter);
    if (Interrupt != NULL && HaltAction != NdisHaltDeviceSurpriseRemoved) {
        /* the block was taken before the disconnect: its handle is already deregistered */
        MpQuiesce(Interrupt);
    }
    NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Csr, MP_CSR_BYTES);
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, sizeof(MP_ADAPTER), 0);
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

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.InitializeHandlerEx = MpInitialize;
    Chars.HaltHandlerEx = MpHalt;
    Chars.UnloadHandler = MpUnload;
    Chars.PauseHandler = MpPause;
    Chars.RestartHandler = MpRestart;
    Chars.OidRequestHandler = MpOidRequest;
    Chars.CancelOidRequestHandler = MpCancelOidRequest;
    Chars.SendNetBufferListsHandler = MpSend;
    Chars.ReturnNetBufferListsHandler = MpReturn;
    Chars.CancelSendHandler = MpCancelSend;
    Chars.ResetHandlerEx = MpReset;
    Chars.CheckForHangHandlerEx = MpCheckForHang;
    Chars.DevicePnPEventNotifyHandler = MpPnp;
    Chars.ShutdownHandlerEx = MpShutdown;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &MpDriverHandle);
}
