/*
 * Case 140_tw_bitfield_stale_flag_defect: twin of 139 (the same macro-heavy single-file miniport:
 * bit-field status flags, TW_LOCK / TW_UNLOCK / TW_SYNC wrapper macros, InterlockedCompareExchange
 * ownership of the interrupt release, D1/D2 falling through to D3, budgeted DPC loop, __try /
 * __finally in halt, a chip reset that polls a volatile MMIO register until the reset bit clears)
 * whose TwReleaseInterrupt deregisters without clearing Adapter->Status.IntrRegistered.  After
 * OID_PNP_SET_POWER to D3 (LowPower set, interrupt released, IntrRegistered still 1) the DPC, the
 * filter OID and reset are kept off by LowPower, but MPHaltEx tests only IntrRegistered and masks
 * the chip through TW_SYNC.  Expected: one NdisMDeregisterInterruptEx defect, at the TW_SYNC use in
 * MPHaltEx.  (drvcheck misses it: the reset poll reads back the value the driver wrote to the
 * volatile register, so TwResetChip never succeeds and MPInitializeEx always fails.)
 */
#include <ndis.h>

#define TW_TAG                  'wTMP'
#define TW_MAX_FRAME            1514
#define TW_CSR_BYTES            0x400
#define TW_DPC_BUDGET           16

#define TW_CSR_CMD              0x00
#define TW_CSR_EVENT            0x04
#define TW_CSR_MASK             0x08
#define TW_CSR_FILTER           0x0C
#define TW_CSR_LINK             0x10
#define TW_CSR_TXKICK           0x14
#define TW_CSR_WAKE             0x18

#define TW_EVT_RX               0x0001
#define TW_EVT_TX               0x0002
#define TW_EVT_LINK             0x0004
#define TW_EVT_FATAL            0x8000
#define TW_EVT_ALL              (TW_EVT_RX | TW_EVT_TX | TW_EVT_LINK | TW_EVT_FATAL)
#define TW_CMD_RESET            0x0001
#define TW_CMD_ENABLE           0x0006

#define TW_LOCK(_L, _Dpc)       do { if (_Dpc) { NdisDprAcquireSpinLock(_L); } else { NdisAcquireSpinLock(_L); } } while (0)
#define TW_UNLOCK(_L, _Dpc)     do { if (_Dpc) { NdisDprReleaseSpinLock(_L); } else { NdisReleaseSpinLock(_L); } } while (0)
#define TW_SYNC(_A, _Fn)        NdisMSynchronizeWithInterruptEx((_A)->InterruptHandle, 0, (_Fn), (_A))
#define TW_RD(_A, _R)           (*(volatile ULONG *)((_A)->Csr + (_R)))
#define TW_WR(_A, _R, _V)       (*(volatile ULONG *)((_A)->Csr + (_R)) = (_V))

typedef struct _TW_STATUS {
    ULONG IntrRegistered : 1;
    ULONG Paused : 1;
    ULONG InReset : 1;
    ULONG Removed : 1;
    ULONG LowPower : 1;
    ULONG LinkUp : 1;
    ULONG Reserved : 26;
} TW_STATUS;

typedef struct _TW_ADAPTER {
    NDIS_HANDLE         AdapterHandle;
    NDIS_HANDLE         InterruptHandle;
    TW_STATUS           Status;
    LONG                ReleaseOwner;       /* 0 while the interrupt is ours to release */
    PUCHAR              Csr;
    PHYSICAL_ADDRESS    CsrPa;
    ULONG               Events;
    ULONG               Filter;
    NDIS_DEVICE_POWER_STATE PowerState;
    NDIS_SPIN_LOCK      SendLock;
    PNET_BUFFER_LIST    SendHead;
    PNET_BUFFER_LIST    SendTail;
    ULONG               SendCount;
    ULONG64             Sent;
    ULONG64             Received;
    UCHAR               Mac[6];
} TW_ADAPTER, *PTW_ADAPTER;

static NDIS_HANDLE TwDriver;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MPInitializeEx;
MINIPORT_HALT MPHaltEx;
MINIPORT_UNLOAD MPUnload;
MINIPORT_PAUSE MPPause;
MINIPORT_RESTART MPRestart;
MINIPORT_OID_REQUEST MPOidRequest;
MINIPORT_CANCEL_OID_REQUEST MPCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MPSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MPReturnNetBufferLists;
MINIPORT_CANCEL_SEND MPCancelSend;
MINIPORT_CHECK_FOR_HANG MPCheckForHang;
MINIPORT_RESET MPReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MPDevicePnPEvent;
MINIPORT_SHUTDOWN MPShutdownEx;
MINIPORT_ISR MPIsr;
MINIPORT_INTERRUPT_DPC MPDpc;
MINIPORT_ENABLE_INTERRUPT MPEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT MPDisableInterrupt;
MINIPORT_SYNCHRONIZE_INTERRUPT TwSyncMask;
MINIPORT_SYNCHRONIZE_INTERRUPT TwSyncUnmask;
MINIPORT_SYNCHRONIZE_INTERRUPT TwSyncFilter;

BOOLEAN
TwSyncMask(PVOID Context)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)Context;

    TW_WR(Adapter, TW_CSR_MASK, 0);
    Adapter->Events = 0;
    return TRUE;
}

BOOLEAN
TwSyncUnmask(PVOID Context)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)Context;

    TW_WR(Adapter, TW_CSR_MASK, TW_EVT_ALL);
    return TRUE;
}

BOOLEAN
TwSyncFilter(PVOID Context)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)Context;

    TW_WR(Adapter, TW_CSR_FILTER, Adapter->Filter);
    return TRUE;
}

static NDIS_STATUS
TwRegisterInterrupt(PTW_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Ic;
    NDIS_STATUS Status;

    NdisZeroMemory(&Ic, sizeof(Ic));
    Ic.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Ic.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Ic.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Ic.InterruptHandler = MPIsr;
    Ic.InterruptDpcHandler = MPDpc;
    Ic.EnableInterruptHandler = MPEnableInterrupt;
    Ic.DisableInterruptHandler = MPDisableInterrupt;
    Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &Ic, &Adapter->InterruptHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        Adapter->ReleaseOwner = 0;
        Adapter->Status.IntrRegistered = 1;
    }
    return Status;
}

/* Whoever swaps the 0 out releases; everyone else finds the interrupt already gone. */
static VOID
TwReleaseInterrupt(PTW_ADAPTER Adapter)
{
    if (!Adapter->Status.IntrRegistered) {
        return;
    }
    if (InterlockedCompareExchange(&Adapter->ReleaseOwner, 1, 0) != 0) {
        return;
    }
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
}

static NDIS_STATUS
TwResetChip(PTW_ADAPTER Adapter)
{
    ULONG Spin;

    TW_WR(Adapter, TW_CSR_MASK, 0);
    TW_WR(Adapter, TW_CSR_CMD, TW_CMD_RESET);
    for (Spin = 0; Spin < 1000; Spin++) {
        NdisStallExecution(5);
        if ((TW_RD(Adapter, TW_CSR_CMD) & TW_CMD_RESET) == 0) {
            TW_WR(Adapter, TW_CSR_CMD, TW_CMD_ENABLE);
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_HARD_ERRORS;
}

BOOLEAN
MPIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)MiniportInterruptContext;
    ULONG Events = TW_RD(Adapter, TW_CSR_EVENT) & TW_EVT_ALL;

    UNREFERENCED_PARAMETER(TargetProcessors);
    *QueueDefaultInterruptDpc = FALSE;
    if (Events == 0) {
        return FALSE;
    }
    TW_WR(Adapter, TW_CSR_EVENT, Events);
    TW_WR(Adapter, TW_CSR_MASK, 0);
    Adapter->Events |= Events;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

static VOID
TwCompleteSends(PTW_ADAPTER Adapter, ULONG Count, BOOLEAN Dpc)
{
    PNET_BUFFER_LIST Done = NULL;
    PNET_BUFFER_LIST Nbl;

    TW_LOCK(&Adapter->SendLock, Dpc);
    while (Count-- > 0 && Adapter->SendHead != NULL) {
        Nbl = Adapter->SendHead;
        Adapter->SendHead = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        if (Adapter->SendHead == NULL) {
            Adapter->SendTail = NULL;
        }
        Adapter->SendCount--;
        Adapter->Sent++;
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = Done;
        Done = Nbl;
    }
    TW_UNLOCK(&Adapter->SendLock, Dpc);
    if (Done != NULL) {
        NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, Done, Dpc ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
    }
}

VOID
MPDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)MiniportInterruptContext;
    ULONG Budget = TW_DPC_BUDGET;
    ULONG Events;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    while (Budget-- > 0) {
        Events = Adapter->Events;
        Adapter->Events = 0;
        if (Events == 0) {
            break;
        }
        if (Events & TW_EVT_FATAL) {
            Adapter->Status.Removed = 1;
            break;
        }
        if (Events & TW_EVT_LINK) {
            Adapter->Status.LinkUp = (TW_RD(Adapter, TW_CSR_LINK) & 1) ? 1 : 0;
        }
        if ((Events & (TW_EVT_RX | TW_EVT_TX)) == 0) {
            continue;
        }
        if (Events & TW_EVT_RX) {
            Adapter->Received++;
        }
        if (Events & TW_EVT_TX) {
            TwCompleteSends(Adapter, 4, TRUE);
        }
    }
    if (Adapter->Status.IntrRegistered && !Adapter->Status.LowPower && !Adapter->Status.Removed) {
        TW_SYNC(Adapter, TwSyncUnmask);
    }
}

VOID
MPEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)MiniportInterruptContext;

    TW_WR(Adapter, TW_CSR_MASK, TW_EVT_ALL);
}

VOID
MPDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)MiniportInterruptContext;

    TW_WR(Adapter, TW_CSR_MASK, 0);
}

static NDIS_STATUS
TwSetPower(PTW_ADAPTER Adapter, NDIS_DEVICE_POWER_STATE NewState)
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;

    switch (NewState) {
    case NdisDeviceStateD1:
    case NdisDeviceStateD2:
        TW_WR(Adapter, TW_CSR_WAKE, 1);
        /* fall through: D1 and D2 lose the interrupt just like D3 on this part */
    case NdisDeviceStateD3:
        if (Adapter->Status.LowPower) {
            break;
        }
        if (Adapter->Status.IntrRegistered) {
            TW_SYNC(Adapter, TwSyncMask);
        }
        Adapter->Status.LowPower = 1;
        TwReleaseInterrupt(Adapter);
        break;
    case NdisDeviceStateD0:
        if (!Adapter->Status.LowPower) {
            break;
        }
        Status = TwResetChip(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }
        Status = TwRegisterInterrupt(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }
        Adapter->Status.LowPower = 0;
        TW_SYNC(Adapter, TwSyncFilter);
        TW_SYNC(Adapter, TwSyncUnmask);
        break;
    default:
        Status = NDIS_STATUS_INVALID_DATA;
        break;
    }
    if (Status == NDIS_STATUS_SUCCESS) {
        Adapter->PowerState = NewState;
    }
    return Status;
}

NDIS_STATUS
MPOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST NdisRequest)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)MiniportAdapterContext;
    NDIS_OID Oid = NdisRequest->DATA.SET_INFORMATION.Oid;
    PVOID Buffer = NdisRequest->DATA.SET_INFORMATION.InformationBuffer;
    ULONG Length = NdisRequest->DATA.SET_INFORMATION.InformationBufferLength;
    ULONG Value;

    if (Adapter->Status.Removed) {
        return NDIS_STATUS_ADAPTER_REMOVED;
    }
    if (NdisRequest->RequestType == NdisRequestSetInformation) {
        switch (Oid) {
        case OID_GEN_CURRENT_PACKET_FILTER:
            if (Length < sizeof(ULONG)) {
                return NDIS_STATUS_INVALID_LENGTH;
            }
            Adapter->Filter = *(PULONG)Buffer;
            if (Adapter->Status.IntrRegistered && !Adapter->Status.LowPower) {
                TW_SYNC(Adapter, TwSyncFilter);
            }
            NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
            return NDIS_STATUS_SUCCESS;
        case OID_PNP_SET_POWER:
            if (Length < sizeof(NDIS_DEVICE_POWER_STATE)) {
                return NDIS_STATUS_INVALID_LENGTH;
            }
            NdisRequest->DATA.SET_INFORMATION.BytesRead = sizeof(NDIS_DEVICE_POWER_STATE);
            return TwSetPower(Adapter, *(PNDIS_DEVICE_POWER_STATE)Buffer);
        case OID_GEN_CURRENT_LOOKAHEAD:
        case OID_802_3_MULTICAST_LIST:
            NdisRequest->DATA.SET_INFORMATION.BytesRead = Length;
            return NDIS_STATUS_SUCCESS;
        default:
            return NDIS_STATUS_NOT_SUPPORTED;
        }
    }
    if (NdisRequest->RequestType != NdisRequestQueryInformation &&
        NdisRequest->RequestType != NdisRequestQueryStatistics) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    switch (NdisRequest->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        Value = Adapter->Filter;
        break;
    case OID_GEN_MAXIMUM_FRAME_SIZE:
    case OID_GEN_CURRENT_LOOKAHEAD:
        Value = TW_MAX_FRAME - 14;
        break;
    case OID_GEN_MEDIA_CONNECT_STATUS:
        Value = Adapter->Status.LinkUp ? MediaConnectStateConnected : MediaConnectStateDisconnected;
        break;
    case OID_GEN_XMIT_OK:
        Value = (ULONG)Adapter->Sent;
        break;
    case OID_GEN_RCV_OK:
        Value = (ULONG)Adapter->Received;
        break;
    case OID_PNP_QUERY_POWER:
        NdisRequest->DATA.QUERY_INFORMATION.BytesWritten = 0;
        return NDIS_STATUS_SUCCESS;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    if (NdisRequest->DATA.QUERY_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
        NdisRequest->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG);
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    *(PULONG)NdisRequest->DATA.QUERY_INFORMATION.InformationBuffer = Value;
    NdisRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG);
    return NDIS_STATUS_SUCCESS;
}

VOID
MPCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
MPSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber,
                     ULONG SendFlags)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)MiniportAdapterContext;
    BOOLEAN Dpc = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ? TRUE : FALSE;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;

    UNREFERENCED_PARAMETER(PortNumber);

    if (Adapter->Status.Paused || Adapter->Status.LowPower || Adapter->Status.Removed) {
        for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            NET_BUFFER_LIST_STATUS(Nbl) = Adapter->Status.Paused ? NDIS_STATUS_PAUSED : NDIS_STATUS_LOW_POWER_STATE;
        }
        NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists, Dpc ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
        return;
    }
    TW_LOCK(&Adapter->SendLock, Dpc);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        if (Adapter->SendTail != NULL) {
            NET_BUFFER_LIST_NEXT_NBL(Adapter->SendTail) = Nbl;
        } else {
            Adapter->SendHead = Nbl;
        }
        Adapter->SendTail = Nbl;
        Adapter->SendCount++;
    }
    TW_WR(Adapter, TW_CSR_TXKICK, Adapter->SendCount);
    TW_UNLOCK(&Adapter->SendLock, Dpc);
}

VOID
MPReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
MPCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

NDIS_STATUS
MPPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(PauseParameters);
    Adapter->Status.Paused = 1;
    TwCompleteSends(Adapter, 0xFFFFFFFF, FALSE);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MPRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);
    Adapter->Status.Paused = 0;
    return NDIS_STATUS_SUCCESS;
}

BOOLEAN
MPCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)MiniportAdapterContext;

    return (!Adapter->Status.LowPower && !Adapter->Status.Removed && Adapter->SendCount > 64) ? TRUE : FALSE;
}

NDIS_STATUS
MPReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;
    if (!Adapter->Status.IntrRegistered || Adapter->Status.LowPower) {
        return NDIS_STATUS_SUCCESS;
    }
    Adapter->Status.InReset = 1;
    TW_SYNC(Adapter, TwSyncMask);
    Status = TwResetChip(Adapter);
    TW_SYNC(Adapter, TwSyncFilter);
    TW_SYNC(Adapter, TwSyncUnmask);
    Adapter->Status.InReset = 0;
    return Status;
}

VOID
MPDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)MiniportAdapterContext;

    if (NetDevicePnPEvent->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved) {
        Adapter->Status.Removed = 1;
    }
}

VOID
MPShutdownEx(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    if (!Adapter->Status.Removed) {
        TW_WR(Adapter, TW_CSR_MASK, 0);
    }
}

NDIS_STATUS
MPInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Ra;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES Ga;
    PNDIS_RESOURCE_LIST Rl = MiniportInitParameters->AllocatedResources;
    PTW_ADAPTER Adapter;
    NDIS_STATUS Status;
    ULONG i;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(TW_ADAPTER), TW_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(TW_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->Status.IntrRegistered = 0;
    Adapter->Status.LowPower = 0;
    Adapter->Status.Paused = 1;
    Adapter->Status.Removed = 0;
    Adapter->ReleaseOwner = 1;
    Adapter->PowerState = NdisDeviceStateD0;
    NdisAllocateSpinLock(&Adapter->SendLock);

    NdisZeroMemory(&Ra, sizeof(Ra));
    Ra.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Ra.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Ra.Header.Size = sizeof(Ra);
    Ra.MiniportAdapterContext = Adapter;
    Ra.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE;
    Ra.CheckForHangTimeInSeconds = 2;
    Ra.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Ra);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }

    Status = NDIS_STATUS_RESOURCE_CONFLICT;
    for (i = 0; Rl != NULL && i < Rl->Count; i++) {
        if (Rl->PartialDescriptors[i].Type == CmResourceTypeMemory) {
            Adapter->CsrPa = Rl->PartialDescriptors[i].u.Memory.Start;
            Status = NDIS_STATUS_SUCCESS;
            break;
        }
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }
    Status = NdisMMapIoSpace((PVOID *)&Adapter->Csr, MiniportAdapterHandle, Adapter->CsrPa, TW_CSR_BYTES);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }
    Status = TwResetChip(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Unmap;
    }
    Status = TwRegisterInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Unmap;
    }

    NdisZeroMemory(&Ga, sizeof(Ga));
    Ga.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    Ga.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    Ga.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    Ga.MediaType = NdisMedium802_3;
    Ga.MtuSize = TW_MAX_FRAME - 14;
    Ga.MaxXmitLinkSpeed = 100000000ULL;
    Ga.MaxRcvLinkSpeed = 100000000ULL;
    Ga.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    Ga.RcvLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    Ga.MediaConnectState = MediaConnectStateUnknown;
    Ga.LookaheadSize = TW_MAX_FRAME - 14;
    Ga.SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST;
    Ga.MacAddressLength = 6;
    Ga.IfType = IF_TYPE_ETHERNET_CSMACD;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Ga);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Release;
    }
    TW_SYNC(Adapter, TwSyncFilter);
    TW_SYNC(Adapter, TwSyncUnmask);
    return NDIS_STATUS_SUCCESS;

Release:
    TwReleaseInterrupt(Adapter);
Unmap:
    NdisMUnmapIoSpace(MiniportAdapterHandle, Adapter->Csr, TW_CSR_BYTES);
FreeAdapter:
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeMemory(Adapter, sizeof(TW_ADAPTER), 0);
    return Status;
}

VOID
MPHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PTW_ADAPTER Adapter = (PTW_ADAPTER)MiniportAdapterContext;

    __try {
        if (HaltAction != NdisHaltDeviceSurpriseRemoved && !Adapter->Status.Removed &&
            Adapter->Status.IntrRegistered) {
            TW_SYNC(Adapter, TwSyncMask); // defect: NdisMDeregisterInterruptEx (via TW_SYNC)
        }
    } __finally {
        TwReleaseInterrupt(Adapter);
    }
    TwCompleteSends(Adapter, 0xFFFFFFFF, FALSE);
    NdisMUnmapIoSpace(Adapter->AdapterHandle, Adapter->Csr, TW_CSR_BYTES);
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeMemory(Adapter, sizeof(TW_ADAPTER), 0);
}

VOID
MPUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(TwDriver);
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
    Chars.MajorDriverVersion = 1;
    Chars.MinorDriverVersion = 0;
    Chars.InitializeHandlerEx = MPInitializeEx;
    Chars.HaltHandlerEx = MPHaltEx;
    Chars.UnloadHandler = MPUnload;
    Chars.PauseHandler = MPPause;
    Chars.RestartHandler = MPRestart;
    Chars.OidRequestHandler = MPOidRequest;
    Chars.CancelOidRequestHandler = MPCancelOidRequest;
    Chars.SendNetBufferListsHandler = MPSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = MPReturnNetBufferLists;
    Chars.CancelSendHandler = MPCancelSend;
    Chars.CheckForHangHandlerEx = MPCheckForHang;
    Chars.ResetHandlerEx = MPReset;
    Chars.DevicePnPEventNotifyHandler = MPDevicePnPEvent;
    Chars.ShutdownHandlerEx = MPShutdownEx;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &TwDriver);
}
