/*
 * Case 178_pm_flag_bit_shift_clean: case 170's power-managed PCI NIC (line interrupt, adapter
 * from NdisAllocateMemoryWithTagPriority + NdisZeroMemory, connect/disconnect helpers, goto
 * unwind, D3 disconnects and D0 reconnects with the status checked, queues under spin locks)
 * with its flags numbered by bit position: fMP_x is (1UL << MP_BIT_x) and the registered bit is
 * tested by shifting it down, MP_TEST_BIT(A, MP_BIT_INTR_REGISTERED) = ((A->Flags >> 0) & 1),
 * in the disconnect helper, the DPC, the packet-filter OID, check-for-hang, reset and halt.
 * Same code as 170 otherwise.  Expected: clean for every rule.
 */

#include <ndis.h>

#define PM_POOL_TAG                 'lmPM'
#define PM_REG_WINDOW_SIZE          0x200

#define PM_REG_CONTROL              0x000
#define PM_REG_STATUS               0x004
#define PM_REG_INT_CAUSE            0x008
#define PM_REG_INT_MASK             0x00C
#define PM_REG_RX_FILTER            0x010
#define PM_REG_TX_DOORBELL          0x014
#define PM_REG_RX_DOORBELL          0x018
#define PM_REG_PM_CONTROL           0x01C

#define PM_CTRL_RESET               0x80000000
#define PM_CTRL_RX_ENABLE           0x00000001
#define PM_CTRL_TX_ENABLE           0x00000002
#define PM_STATUS_LINK_UP           0x00000001
#define PM_INT_RX_DONE              0x00000001
#define PM_INT_TX_DONE              0x00000002
#define PM_INT_LINK                 0x00000004
#define PM_INT_FATAL                0x00000008
#define PM_INT_ALL                  (PM_INT_RX_DONE | PM_INT_TX_DONE | PM_INT_LINK | PM_INT_FATAL)
#define PM_PM_D3_ENTER              0x00000003

#define MP_BIT_INTR_REGISTERED      0
#define MP_BIT_LOW_POWER            1
#define MP_BIT_PAUSED               2
#define MP_BIT_RESET_IN_PROGRESS    3
#define MP_BIT_HW_ERROR             4
#define MP_BIT_LINK_UP              5

#define fMP_INTR_REGISTERED         (1UL << MP_BIT_INTR_REGISTERED)
#define fMP_LOW_POWER               (1UL << MP_BIT_LOW_POWER)
#define fMP_PAUSED                  (1UL << MP_BIT_PAUSED)
#define fMP_RESET_IN_PROGRESS       (1UL << MP_BIT_RESET_IN_PROGRESS)
#define fMP_HW_ERROR                (1UL << MP_BIT_HW_ERROR)
#define fMP_LINK_UP                 (1UL << MP_BIT_LINK_UP)

#define MP_SET_FLAG(_A, _F)         ((_A)->Flags |= (_F))
#define MP_CLEAR_FLAG(_A, _F)       ((_A)->Flags &= ~(_F))
#define MP_TEST_FLAG(_A, _F)        (((_A)->Flags & (_F)) != 0)
#define MP_TEST_BIT(_A, _Bit)       ((((_A)->Flags) >> (_Bit)) & 1)

#define PM_READ(_A, _R)             ((_A)->Csr[(_R) / sizeof(ULONG)])
#define PM_WRITE(_A, _R, _V)        ((_A)->Csr[(_R) / sizeof(ULONG)] = (ULONG)(_V))

#define PM_MAX_SEND_QUEUE           256
#define PM_RESET_POLLS              50

typedef struct _PM_NBL_QUEUE {
    PNET_BUFFER_LIST    Head;
    PNET_BUFFER_LIST    Tail;
    ULONG               Depth;
} PM_NBL_QUEUE, *PPM_NBL_QUEUE;

typedef struct _PM_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    NDIS_HANDLE             InterruptHandle;
    ULONG                   Flags;
    volatile ULONG         *Csr;
    ULONG                   CsrLength;
    NDIS_PHYSICAL_ADDRESS   CsrPhysical;

    NDIS_SPIN_LOCK          SendLock;
    PM_NBL_QUEUE            SendQueue;
    NDIS_SPIN_LOCK          RecvLock;
    ULONG                   RecvOutstanding;

    ULONG                   PendingCause;       // ISR -> DPC, written under the interrupt lock
    ULONG                   PacketFilter;
    NDIS_DEVICE_POWER_STATE DevicePowerState;
    ULONG                   HangTicks;

    ULONG64                 GoodTransmits;
    ULONG64                 GoodReceives;
    ULONG64                 TransmitErrors;
} PM_ADAPTER, *PPM_ADAPTER;

NDIS_HANDLE PmDriverHandle;

MINIPORT_SYNCHRONIZE_INTERRUPT PmMaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT PmUnmaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT PmFilterSync;
MINIPORT_SYNCHRONIZE_INTERRUPT PmSnapshotCauseSync;
MINIPORT_ISR PmIsr;
MINIPORT_INTERRUPT_DPC PmDpc;
MINIPORT_ENABLE_INTERRUPT PmEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT PmDisableInterrupt;
MINIPORT_INITIALIZE PmInitializeEx;
MINIPORT_HALT PmHaltEx;
MINIPORT_PAUSE PmPause;
MINIPORT_RESTART PmRestart;
MINIPORT_OID_REQUEST PmOidRequest;
MINIPORT_CANCEL_OID_REQUEST PmCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS PmSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS PmReturnNetBufferLists;
MINIPORT_CANCEL_SEND PmCancelSend;
MINIPORT_CHECK_FOR_HANG PmCheckForHang;
MINIPORT_RESET PmReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY PmDevicePnPEvent;
MINIPORT_SHUTDOWN PmShutdown;
MINIPORT_UNLOAD PmUnload;
DRIVER_INITIALIZE DriverEntry;

/* ---------------------------------------------------------------- synchronize routines */

BOOLEAN
PmMaskSync(PVOID SynchronizeContext)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)SynchronizeContext;

    PM_WRITE(Adapter, PM_REG_INT_MASK, 0);
    return TRUE;
}

BOOLEAN
PmUnmaskSync(PVOID SynchronizeContext)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)SynchronizeContext;

    PM_WRITE(Adapter, PM_REG_INT_MASK, PM_INT_ALL);
    return TRUE;
}

BOOLEAN
PmFilterSync(PVOID SynchronizeContext)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)SynchronizeContext;

    PM_WRITE(Adapter, PM_REG_RX_FILTER, Adapter->PacketFilter);
    return TRUE;
}

BOOLEAN
PmSnapshotCauseSync(PVOID SynchronizeContext)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)SynchronizeContext;
    ULONG Cause = Adapter->PendingCause;

    Adapter->PendingCause = 0;
    return Cause != 0;
}

/* ---------------------------------------------------------------- queues */

static VOID
PmQueueAppend(PPM_NBL_QUEUE Queue, PNET_BUFFER_LIST Nbl)
{
    NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
    if (Queue->Tail == NULL) {
        Queue->Head = Nbl;
    } else {
        NET_BUFFER_LIST_NEXT_NBL(Queue->Tail) = Nbl;
    }
    Queue->Tail = Nbl;
    Queue->Depth++;
}

static PNET_BUFFER_LIST
PmQueueTakeAll(PPM_NBL_QUEUE Queue)
{
    PNET_BUFFER_LIST Chain = Queue->Head;

    Queue->Head = NULL;
    Queue->Tail = NULL;
    Queue->Depth = 0;
    return Chain;
}

static VOID
PmCompleteChain(PPM_ADAPTER Adapter, PNET_BUFFER_LIST Chain, NDIS_STATUS Status, BOOLEAN AtDispatch)
{
    PNET_BUFFER_LIST Nbl;

    if (Chain == NULL) {
        return;
    }
    for (Nbl = Chain; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
    }
    NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, Chain,
                                    AtDispatch ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

/* ---------------------------------------------------------------- hardware */

static NDIS_STATUS
PmHwReset(PPM_ADAPTER Adapter)
{
    ULONG Poll;

    PM_WRITE(Adapter, PM_REG_INT_MASK, 0);
    PM_WRITE(Adapter, PM_REG_CONTROL, PM_CTRL_RESET);
    for (Poll = 0; Poll < PM_RESET_POLLS; Poll++) {
        NdisStallExecution(10);
        if ((PM_READ(Adapter, PM_REG_CONTROL) & PM_CTRL_RESET) == 0) {
            PM_WRITE(Adapter, PM_REG_CONTROL, PM_CTRL_RX_ENABLE | PM_CTRL_TX_ENABLE);
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_HARD_ERRORS;
}

static NDIS_STATUS
PmMapCsr(PPM_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_RESOURCE_CONFLICT;
    }
    for (i = 0; i < Resources->Count; i++) {
        Desc = &Resources->PartialDescriptors[i];
        if (Desc->Type != CmResourceTypeMemory || Desc->u.Memory.Length < PM_REG_WINDOW_SIZE) {
            continue;
        }
        Adapter->CsrPhysical = Desc->u.Memory.Start;
        Adapter->CsrLength = PM_REG_WINDOW_SIZE;
        return NdisMMapIoSpace((PVOID *)&Adapter->Csr, Adapter->MiniportHandle,
                               Adapter->CsrPhysical, Adapter->CsrLength);
    }
    return NDIS_STATUS_RESOURCE_CONFLICT;
}

static VOID
PmUnmapCsr(PPM_ADAPTER Adapter)
{
    if (Adapter->Csr != NULL) {
        NdisMUnmapIoSpace(Adapter->MiniportHandle, (PVOID)Adapter->Csr, Adapter->CsrLength);
        Adapter->Csr = NULL;
    }
}

/* ---------------------------------------------------------------- interrupt connection */

static NDIS_STATUS
PmConnectInterrupt(PPM_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    NDIS_STATUS Status;

    NdisZeroMemory(&Intr, sizeof(Intr));
    Intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Intr.Header.Size = sizeof(NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS);
    Intr.InterruptHandler = PmIsr;
    Intr.InterruptDpcHandler = PmDpc;
    Intr.DisableInterruptHandler = PmDisableInterrupt;
    Intr.EnableInterruptHandler = PmEnableInterrupt;

    Status = NdisMRegisterInterruptEx(Adapter->MiniportHandle, Adapter, &Intr, &Adapter->InterruptHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        MP_SET_FLAG(Adapter, fMP_INTR_REGISTERED);
    } else {
        Adapter->InterruptHandle = NULL;
    }
    return Status;
}

static VOID
PmDisconnectInterrupt(PPM_ADAPTER Adapter)
{
    if (!MP_TEST_BIT(Adapter, MP_BIT_INTR_REGISTERED)) {
        return;
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, PmMaskSync, Adapter);
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    MP_CLEAR_FLAG(Adapter, fMP_INTR_REGISTERED);
    Adapter->InterruptHandle = NULL;
}

/* ---------------------------------------------------------------- interrupt handlers */

BOOLEAN
PmIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Cause = PM_READ(Adapter, PM_REG_INT_CAUSE) & PM_INT_ALL;
    if (Cause == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    PM_WRITE(Adapter, PM_REG_INT_CAUSE, Cause);
    PM_WRITE(Adapter, PM_REG_INT_MASK, 0);
    Adapter->PendingCause |= Cause;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

static VOID
PmProcessReceives(PPM_ADAPTER Adapter)
{
    NdisDprAcquireSpinLock(&Adapter->RecvLock);
    Adapter->GoodReceives++;
    Adapter->RecvOutstanding++;
    PM_WRITE(Adapter, PM_REG_RX_DOORBELL, Adapter->RecvOutstanding);
    NdisDprReleaseSpinLock(&Adapter->RecvLock);
}

static VOID
PmProcessTransmits(PPM_ADAPTER Adapter)
{
    PNET_BUFFER_LIST Done = NULL;

    NdisDprAcquireSpinLock(&Adapter->SendLock);
    if (Adapter->SendQueue.Depth != 0) {
        Done = PmQueueTakeAll(&Adapter->SendQueue);
    }
    NdisDprReleaseSpinLock(&Adapter->SendLock);

    PmCompleteChain(Adapter, Done, NDIS_STATUS_SUCCESS, TRUE);
}

VOID
PmDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    if (!MP_TEST_BIT(Adapter, MP_BIT_INTR_REGISTERED)) {
        return;
    }
    Cause = Adapter->PendingCause;
    if (!NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, PmSnapshotCauseSync, Adapter)) {
        Cause = 0;
    }
    if (Cause & PM_INT_FATAL) {
        MP_SET_FLAG(Adapter, fMP_HW_ERROR);
        return;
    }
    if (Cause & PM_INT_RX_DONE) {
        PmProcessReceives(Adapter);
    }
    if (Cause & PM_INT_TX_DONE) {
        PmProcessTransmits(Adapter);
    }
    if (Cause & PM_INT_LINK) {
        if (PM_READ(Adapter, PM_REG_STATUS) & PM_STATUS_LINK_UP) {
            MP_SET_FLAG(Adapter, fMP_LINK_UP);
        } else {
            MP_CLEAR_FLAG(Adapter, fMP_LINK_UP);
        }
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, PmUnmaskSync, Adapter);
}

VOID
PmEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)MiniportInterruptContext;

    PM_WRITE(Adapter, PM_REG_INT_MASK, PM_INT_ALL);
}

VOID
PmDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)MiniportInterruptContext;

    PM_WRITE(Adapter, PM_REG_INT_MASK, 0);
}

/* ---------------------------------------------------------------- init / halt */

static NDIS_STATUS
PmSetRegistrationAttributes(PPM_ADAPTER Adapter)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    Reg.CheckForHangTimeInSeconds = 4;
    Reg.InterfaceType = NdisInterfacePci;
    return NdisMSetMiniportAttributes(Adapter->MiniportHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
}

NDIS_STATUS
PmInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PPM_ADAPTER Adapter;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = (PPM_ADAPTER)NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(PM_ADAPTER),
                                                             PM_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        Status = NDIS_STATUS_RESOURCES;
        goto err_alloc;
    }
    NdisZeroMemory(Adapter, sizeof(PM_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    Adapter->DevicePowerState = NdisDeviceStateD0;
    NdisAllocateSpinLock(&Adapter->SendLock);
    NdisAllocateSpinLock(&Adapter->RecvLock);

    Status = PmSetRegistrationAttributes(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto err_attributes;
    }

    Status = PmMapCsr(Adapter, MiniportInitParameters);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto err_attributes;
    }

    Status = PmHwReset(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto err_map;
    }

    Status = PmConnectInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto err_map;
    }

    if (PM_READ(Adapter, PM_REG_STATUS) & PM_STATUS_LINK_UP) {
        MP_SET_FLAG(Adapter, fMP_LINK_UP);
    }
    MP_SET_FLAG(Adapter, fMP_PAUSED);           // NDIS restarts the miniport after init
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, PmUnmaskSync, Adapter);
    return NDIS_STATUS_SUCCESS;

err_map:
    PmUnmapCsr(Adapter);
err_attributes:
    NdisFreeSpinLock(&Adapter->RecvLock);
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeMemoryWithTagPriority(MiniportAdapterHandle, Adapter, PM_POOL_TAG);
err_alloc:
    return Status;
}

VOID
PmHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Leftover;

    if (HaltAction != NdisHaltDeviceSurpriseRemoved && MP_TEST_BIT(Adapter, MP_BIT_INTR_REGISTERED)) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, PmMaskSync, Adapter);
    }
    PmDisconnectInterrupt(Adapter);

    NdisAcquireSpinLock(&Adapter->SendLock);
    Leftover = PmQueueTakeAll(&Adapter->SendQueue);
    NdisReleaseSpinLock(&Adapter->SendLock);
    PmCompleteChain(Adapter, Leftover, NDIS_STATUS_FAILURE, FALSE);

    while (Adapter->RecvOutstanding != 0 && HaltAction != NdisHaltDeviceSurpriseRemoved) {
        NdisMSleep(1000);
        Adapter->RecvOutstanding--;
    }
    PmUnmapCsr(Adapter);
    NdisFreeSpinLock(&Adapter->RecvLock);
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeMemoryWithTagPriority(Adapter->MiniportHandle, Adapter, PM_POOL_TAG);
}

/* ---------------------------------------------------------------- pause / restart */

NDIS_STATUS
PmPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Drained;

    UNREFERENCED_PARAMETER(PauseParameters);

    NdisAcquireSpinLock(&Adapter->SendLock);
    MP_SET_FLAG(Adapter, fMP_PAUSED);
    Drained = PmQueueTakeAll(&Adapter->SendQueue);
    NdisReleaseSpinLock(&Adapter->SendLock);

    PmCompleteChain(Adapter, Drained, NDIS_STATUS_PAUSED, FALSE);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
PmRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);

    if (MP_TEST_FLAG(Adapter, fMP_HW_ERROR)) {
        return NDIS_STATUS_HARD_ERRORS;
    }
    NdisAcquireSpinLock(&Adapter->SendLock);
    MP_CLEAR_FLAG(Adapter, fMP_PAUSED);
    NdisReleaseSpinLock(&Adapter->SendLock);
    return NDIS_STATUS_SUCCESS;
}

/* ---------------------------------------------------------------- power */

static NDIS_STATUS
PmSetPower(PPM_ADAPTER Adapter, NDIS_DEVICE_POWER_STATE NewState)
{
    NDIS_STATUS Status;

    if (NewState == Adapter->DevicePowerState) {
        return NDIS_STATUS_SUCCESS;
    }

    if (NewState == NdisDeviceStateD0) {
        Status = PmHwReset(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            return Status;
        }
        Status = PmConnectInterrupt(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            MP_SET_FLAG(Adapter, fMP_HW_ERROR);
            return Status;
        }
        MP_CLEAR_FLAG(Adapter, fMP_LOW_POWER);
        Adapter->DevicePowerState = NdisDeviceStateD0;
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, PmFilterSync, Adapter);
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, PmUnmaskSync, Adapter);
        return NDIS_STATUS_SUCCESS;
    }

    /* D1, D2, D3: give the interrupt back before the bus powers the function down */
    MP_SET_FLAG(Adapter, fMP_LOW_POWER);
    PmDisconnectInterrupt(Adapter);
    PM_WRITE(Adapter, PM_REG_PM_CONTROL, PM_PM_D3_ENTER);
    Adapter->DevicePowerState = NewState;
    return NDIS_STATUS_SUCCESS;
}

/* ---------------------------------------------------------------- OIDs */

static NDIS_STATUS
PmSetInformation(PPM_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    PVOID Buffer = Request->DATA.SET_INFORMATION.InformationBuffer;
    ULONG Length = Request->DATA.SET_INFORMATION.InformationBufferLength;

    switch (Request->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (Length < sizeof(ULONG)) {
            Request->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->PacketFilter = *(PULONG)Buffer;
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        if (MP_TEST_BIT(Adapter, MP_BIT_INTR_REGISTERED)) {
            NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, PmFilterSync, Adapter);
        }
        return NDIS_STATUS_SUCCESS;

    case OID_PNP_SET_POWER:
        if (Length < sizeof(NDIS_DEVICE_POWER_STATE)) {
            Request->DATA.SET_INFORMATION.BytesNeeded = sizeof(NDIS_DEVICE_POWER_STATE);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Request->DATA.SET_INFORMATION.BytesRead = sizeof(NDIS_DEVICE_POWER_STATE);
        return PmSetPower(Adapter, *(PNDIS_DEVICE_POWER_STATE)Buffer);

    case OID_GEN_CURRENT_LOOKAHEAD:
        Request->DATA.SET_INFORMATION.BytesRead = Length;
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static NDIS_STATUS
PmQueryInformation(PPM_ADAPTER Adapter, PNDIS_OID_REQUEST Request)
{
    PVOID Buffer = Request->DATA.QUERY_INFORMATION.InformationBuffer;
    ULONG Length = Request->DATA.QUERY_INFORMATION.InformationBufferLength;
    ULONG64 Value64;
    ULONG Value;

    switch (Request->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_XMIT_OK:
    case OID_GEN_RCV_OK:
    case OID_GEN_XMIT_ERROR:
        if (Length < sizeof(ULONG64)) {
            Request->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG64);
            return NDIS_STATUS_BUFFER_TOO_SHORT;
        }
        if (Request->DATA.QUERY_INFORMATION.Oid == OID_GEN_XMIT_OK) {
            Value64 = Adapter->GoodTransmits;
        } else if (Request->DATA.QUERY_INFORMATION.Oid == OID_GEN_RCV_OK) {
            Value64 = Adapter->GoodReceives;
        } else {
            Value64 = Adapter->TransmitErrors;
        }
        *(ULONG64 *)Buffer = Value64;
        Request->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
        return NDIS_STATUS_SUCCESS;

    case OID_GEN_MEDIA_CONNECT_STATUS:
        if (Length < sizeof(ULONG)) {
            Request->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_BUFFER_TOO_SHORT;
        }
        Value = MP_TEST_FLAG(Adapter, fMP_LINK_UP) ? NdisMediaStateConnected : NdisMediaStateDisconnected;
        *(PULONG)Buffer = Value;
        Request->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

NDIS_STATUS
PmOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)MiniportAdapterContext;

    switch (OidRequest->RequestType) {
    case NdisRequestSetInformation:
        return PmSetInformation(Adapter, OidRequest);
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        return PmQueryInformation(Adapter, OidRequest);
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

VOID
PmCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

/* ---------------------------------------------------------------- data path */

VOID
PmSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;
    PNET_BUFFER_LIST Rejected = NULL;
    BOOLEAN AtDispatch = (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) != 0;
    NDIS_STATUS RejectStatus = NDIS_STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(PortNumber);

    if (AtDispatch) {
        NdisDprAcquireSpinLock(&Adapter->SendLock);
    } else {
        NdisAcquireSpinLock(&Adapter->SendLock);
    }
    if (MP_TEST_FLAG(Adapter, fMP_PAUSED)) {
        RejectStatus = NDIS_STATUS_PAUSED;
    } else if (MP_TEST_FLAG(Adapter, fMP_LOW_POWER | fMP_HW_ERROR | fMP_RESET_IN_PROGRESS)) {
        RejectStatus = NDIS_STATUS_FAILURE;
    }
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        if (RejectStatus != NDIS_STATUS_SUCCESS || Adapter->SendQueue.Depth >= PM_MAX_SEND_QUEUE) {
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = Rejected;
            Rejected = Nbl;
            Adapter->TransmitErrors++;
            continue;
        }
        PmQueueAppend(&Adapter->SendQueue, Nbl);
        Adapter->GoodTransmits++;
    }
    if (Adapter->SendQueue.Depth != 0) {
        PM_WRITE(Adapter, PM_REG_TX_DOORBELL, Adapter->SendQueue.Depth);
    }
    if (AtDispatch) {
        NdisDprReleaseSpinLock(&Adapter->SendLock);
    } else {
        NdisReleaseSpinLock(&Adapter->SendLock);
    }
    PmCompleteChain(Adapter, Rejected,
                    RejectStatus != NDIS_STATUS_SUCCESS ? RejectStatus : NDIS_STATUS_RESOURCES, AtDispatch);
}

VOID
PmReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;

    UNREFERENCED_PARAMETER(ReturnFlags);

    NdisAcquireSpinLock(&Adapter->RecvLock);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        if (Adapter->RecvOutstanding != 0) {
            Adapter->RecvOutstanding--;
        }
    }
    NdisReleaseSpinLock(&Adapter->RecvLock);
}

VOID
PmCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

/* ---------------------------------------------------------------- reset / hang */

BOOLEAN
PmCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)MiniportAdapterContext;

    if (MP_TEST_FLAG(Adapter, fMP_LOW_POWER | fMP_RESET_IN_PROGRESS)) {
        return FALSE;
    }
    if (MP_TEST_FLAG(Adapter, fMP_HW_ERROR)) {
        return TRUE;
    }
    if (MP_TEST_BIT(Adapter, MP_BIT_INTR_REGISTERED) &&
        !NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, PmSnapshotCauseSync, Adapter)) {
        Adapter->HangTicks++;
    } else {
        Adapter->HangTicks = 0;
    }
    return Adapter->HangTicks > 3;
}

NDIS_STATUS
PmReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;
    if (MP_TEST_FLAG(Adapter, fMP_LOW_POWER)) {
        return NDIS_STATUS_SUCCESS;
    }
    MP_SET_FLAG(Adapter, fMP_RESET_IN_PROGRESS);
    if (MP_TEST_BIT(Adapter, MP_BIT_INTR_REGISTERED)) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, PmMaskSync, Adapter);
    }
    Status = PmHwReset(Adapter);
    if (Status == NDIS_STATUS_SUCCESS) {
        MP_CLEAR_FLAG(Adapter, fMP_HW_ERROR);
        Adapter->HangTicks = 0;
        if (MP_TEST_BIT(Adapter, MP_BIT_INTR_REGISTERED)) {
            NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, PmFilterSync, Adapter);
            NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, PmUnmaskSync, Adapter);
        }
    } else {
        MP_SET_FLAG(Adapter, fMP_HW_ERROR);
    }
    MP_CLEAR_FLAG(Adapter, fMP_RESET_IN_PROGRESS);
    return Status;
}

VOID
PmDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)MiniportAdapterContext;

    if (NetDevicePnPEvent->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved) {
        MP_SET_FLAG(Adapter, fMP_HW_ERROR);
    }
}

VOID
PmShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PPM_ADAPTER Adapter = (PPM_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);

    if (!MP_TEST_FLAG(Adapter, fMP_LOW_POWER)) {
        PM_WRITE(Adapter, PM_REG_INT_MASK, 0);
        PM_WRITE(Adapter, PM_REG_CONTROL, PM_CTRL_RESET);
    }
}

/* ---------------------------------------------------------------- driver */

VOID
PmUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);

    NdisMDeregisterMiniportDriver(PmDriverHandle);
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
    Chars.MajorDriverVersion = 2;
    Chars.MinorDriverVersion = 4;
    Chars.InitializeHandlerEx = PmInitializeEx;
    Chars.HaltHandlerEx = PmHaltEx;
    Chars.UnloadHandler = PmUnload;
    Chars.PauseHandler = PmPause;
    Chars.RestartHandler = PmRestart;
    Chars.OidRequestHandler = PmOidRequest;
    Chars.CancelOidRequestHandler = PmCancelOidRequest;
    Chars.SendNetBufferListsHandler = PmSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = PmReturnNetBufferLists;
    Chars.CancelSendHandler = PmCancelSend;
    Chars.CheckForHangHandlerEx = PmCheckForHang;
    Chars.ResetHandlerEx = PmReset;
    Chars.DevicePnPEventNotifyHandler = PmDevicePnPEvent;
    Chars.ShutdownHandlerEx = PmShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &PmDriverHandle);
    return Status == NDIS_STATUS_SUCCESS ? STATUS_SUCCESS : (NTSTATUS)Status;
}
