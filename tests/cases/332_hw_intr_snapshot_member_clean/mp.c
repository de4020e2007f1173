/*
 * Case 332_hw_intr_snapshot_member_clean: 311 with the snapshot taken as a member copy
 * (`Snapshot = Hw->Intr;`) instead of through the pointer (`Snapshot = *Intr;`): the copy carries
 * Connected, so the synchronize after the surprise removal's release is never reached.
 * Expected: clean for every rule.
 */

#include <ndis.h>

#define NIC_POOL_TAG            'hwIN'
#define NIC_CSR_SIZE            0x200

#define NIC_CSR_CTRL            0x000
#define NIC_CSR_ISR             0x008
#define NIC_CSR_IMS             0x00C
#define NIC_CSR_IMC             0x010
#define NIC_CSR_RCTL            0x100

#define NIC_INT_RXT0            0x0080
#define NIC_INT_TXDW            0x0001
#define NIC_INT_LSC             0x0004
#define NIC_INT_MASK            (NIC_INT_RXT0 | NIC_INT_TXDW | NIC_INT_LSC)
#define NIC_CTRL_RST            0x04000000

#define NIC_RD(_Hw, _R)         ((_Hw)->Csr[(_R) >> 2])
#define NIC_WR(_Hw, _R, _V)     ((_Hw)->Csr[(_R) >> 2] = (ULONG)(_V))

typedef struct _NIC_INTR {
    NDIS_HANDLE             Handle;
    BOOLEAN                 Connected;          // FALSE once released
    NDIS_INTERRUPT_TYPE     Type;
    ULONG                   Events;             // ISR -> DPC
} NIC_INTR, *PNIC_INTR;

typedef struct _NIC_HW {
    volatile ULONG         *Csr;
    NDIS_PHYSICAL_ADDRESS   CsrPhys;
    NIC_INTR                Intr;
    NDIS_SPIN_LOCK          IntrLock;           // guards Intr against concurrent release
    ULONG                   Rctl;               // shadow of NIC_CSR_RCTL
} NIC_HW, *PNIC_HW;

typedef struct _NIC_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    PNIC_HW                 Hw;
    NDIS_SPIN_LOCK          TxLock;
    ULONG                   PacketFilter;
    volatile LONG           SurpriseRemoved;
    ULONG64                 TxFrames;
    ULONG64                 RxFrames;
} NIC_ADAPTER, *PNIC_ADAPTER;

NDIS_HANDLE NicDriverHandle;

MINIPORT_SYNCHRONIZE_INTERRUPT NicMaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT NicUnmaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT NicRctlSync;
MINIPORT_ISR NicIsr;
MINIPORT_INTERRUPT_DPC NicDpc;
MINIPORT_ENABLE_INTERRUPT NicEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT NicDisableInterrupt;
MINIPORT_INITIALIZE NicInitializeEx;
MINIPORT_HALT NicHaltEx;
MINIPORT_PAUSE NicPause;
MINIPORT_RESTART NicRestart;
MINIPORT_OID_REQUEST NicOidRequest;
MINIPORT_CANCEL_OID_REQUEST NicCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS NicSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS NicReturnNetBufferLists;
MINIPORT_CANCEL_SEND NicCancelSend;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY NicDevicePnPEvent;
MINIPORT_SHUTDOWN NicShutdown;
MINIPORT_UNLOAD NicUnload;
DRIVER_INITIALIZE DriverEntry;

BOOLEAN
NicMaskSync(PVOID SynchronizeContext)
{
    PNIC_HW Hw = (PNIC_HW)SynchronizeContext;

    NIC_WR(Hw, NIC_CSR_IMC, 0xFFFFFFFF);
    return TRUE;
}

BOOLEAN
NicUnmaskSync(PVOID SynchronizeContext)
{
    PNIC_HW Hw = (PNIC_HW)SynchronizeContext;

    NIC_WR(Hw, NIC_CSR_IMS, NIC_INT_MASK);
    return TRUE;
}

BOOLEAN
NicRctlSync(PVOID SynchronizeContext)
{
    PNIC_HW Hw = (PNIC_HW)SynchronizeContext;

    NIC_WR(Hw, NIC_CSR_RCTL, Hw->Rctl);
    return TRUE;
}

static NDIS_STATUS
NicHwAllocate(PNIC_ADAPTER Adapter, PNDIS_RESOURCE_LIST Resources)
{
    PNIC_HW Hw;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc;
    NDIS_STATUS Status = NDIS_STATUS_RESOURCE_CONFLICT;
    ULONG i;

    Hw = NdisAllocateMemoryWithTagPriority(Adapter->AdapterHandle, sizeof(*Hw), NIC_POOL_TAG,
                                           NormalPoolPriority);
    if (Hw == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Hw, sizeof(*Hw));
    NdisAllocateSpinLock(&Hw->IntrLock);

    for (i = 0; Resources != NULL && i < Resources->Count; i++) {
        Desc = &Resources->PartialDescriptors[i];
        if (Desc->Type != CmResourceTypeMemory || Desc->u.Memory.Length < NIC_CSR_SIZE) {
            continue;
        }
        Hw->CsrPhys = Desc->u.Memory.Start;
        Status = NdisMMapIoSpace((PVOID *)&Hw->Csr, Adapter->AdapterHandle, Hw->CsrPhys, NIC_CSR_SIZE);
        break;
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&Hw->IntrLock);
        NdisFreeMemory(Hw, sizeof(*Hw), 0);
        return Status;
    }
    Adapter->Hw = Hw;
    return NDIS_STATUS_SUCCESS;
}

static VOID
NicHwFree(PNIC_ADAPTER Adapter)
{
    PNIC_HW Hw = Adapter->Hw;

    if (Hw == NULL) {
        return;
    }
    Adapter->Hw = NULL;
    if (Hw->Csr != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Hw->Csr, NIC_CSR_SIZE);
    }
    NdisFreeSpinLock(&Hw->IntrLock);
    NdisFreeMemory(Hw, sizeof(*Hw), 0);
}

static BOOLEAN
NicHwSync(PNIC_HW Hw, MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER Routine)
{
    PNIC_INTR Intr = &Hw->Intr;
    NIC_INTR Snapshot;

    NdisAcquireSpinLock(&Hw->IntrLock);
    Snapshot = Hw->Intr;
    NdisReleaseSpinLock(&Hw->IntrLock);
    if (!Snapshot.Connected) {
        return FALSE;
    }
    return NdisMSynchronizeWithInterruptEx(Snapshot.Handle, 0, Routine, Hw);
}

static VOID
NicReleaseInterrupt(PNIC_HW Hw)
{
    BOOLEAN WasConnected;

    NdisAcquireSpinLock(&Hw->IntrLock);
    WasConnected = Hw->Intr.Connected;
    Hw->Intr.Connected = FALSE;
    NdisReleaseSpinLock(&Hw->IntrLock);
    if (WasConnected) {
        NdisMDeregisterInterruptEx(Hw->Intr.Handle);
    }
}

static NDIS_STATUS
NicHwReset(PNIC_HW Hw)
{
    ULONG Wait;

    NIC_WR(Hw, NIC_CSR_IMC, 0xFFFFFFFF);
    NIC_WR(Hw, NIC_CSR_CTRL, NIC_RD(Hw, NIC_CSR_CTRL) | NIC_CTRL_RST);
    for (Wait = 0; Wait < 50; Wait++) {
        NdisStallExecution(20);
        if ((NIC_RD(Hw, NIC_CSR_CTRL) & NIC_CTRL_RST) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_DEVICE_FAILED;
}

BOOLEAN
NicIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PNIC_HW Hw = (PNIC_HW)MiniportInterruptContext;
    ULONG Icr = NIC_RD(Hw, NIC_CSR_ISR) & NIC_INT_MASK;

    UNREFERENCED_PARAMETER(TargetProcessors);
    if (Icr == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    NIC_WR(Hw, NIC_CSR_IMC, NIC_INT_MASK);
    Hw->Intr.Events |= Icr;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
NicDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PNIC_HW Hw = (PNIC_HW)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Hw->Intr.Events = 0;
    NIC_WR(Hw, NIC_CSR_IMS, NIC_INT_MASK);
}

VOID
NicEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PNIC_HW Hw = (PNIC_HW)MiniportInterruptContext;

    NIC_WR(Hw, NIC_CSR_IMS, NIC_INT_MASK);
}

VOID
NicDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PNIC_HW Hw = (PNIC_HW)MiniportInterruptContext;

    NIC_WR(Hw, NIC_CSR_IMC, 0xFFFFFFFF);
}

NDIS_STATUS
NicInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PNIC_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Ic;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(*Adapter), NIC_POOL_TAG,
                                                NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(*Adapter));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->TxLock);

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }

    Status = NicHwAllocate(Adapter, MiniportInitParameters->AllocatedResources);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }

    NdisZeroMemory(&Ic, sizeof(Ic));
    Ic.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Ic.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Ic.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Ic.InterruptHandler = NicIsr;
    Ic.InterruptDpcHandler = NicDpc;
    Ic.DisableInterruptHandler = NicDisableInterrupt;
    Ic.EnableInterruptHandler = NicEnableInterrupt;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter->Hw, &Ic, &Adapter->Hw->Intr.Handle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeHw;
    }
    Adapter->Hw->Intr.Connected = TRUE;
    Adapter->Hw->Intr.Type = Ic.InterruptType;

    Status = NicHwReset(Adapter->Hw);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto ReleaseInterrupt;
    }
    NicHwSync(Adapter->Hw, NicUnmaskSync);
    return NDIS_STATUS_SUCCESS;

ReleaseInterrupt:
    NicReleaseInterrupt(Adapter->Hw);
FreeHw:
    NicHwFree(Adapter);
FreeAdapter:
    NdisFreeSpinLock(&Adapter->TxLock);
    NdisFreeMemory(Adapter, sizeof(*Adapter), 0);
    return Status;
}

VOID
NicHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    NicHwSync(Adapter->Hw, NicMaskSync);
    NicReleaseInterrupt(Adapter->Hw);
    NicHwFree(Adapter);
    NdisFreeSpinLock(&Adapter->TxLock);
    NdisFreeMemory(Adapter, sizeof(*Adapter), 0);
}

NDIS_STATUS
NicPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PauseParameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
NicRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
NicOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;
    PNIC_HW Hw = Adapter->Hw;
    ULONG Filter;

    if (OidRequest->RequestType != NdisRequestSetInformation) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    switch (OidRequest->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (OidRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
            OidRequest->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Filter = *(PULONG)OidRequest->DATA.SET_INFORMATION.InformationBuffer;
        Adapter->PacketFilter = Filter;
        Hw->Rctl = (Filter & NDIS_PACKET_TYPE_PROMISCUOUS) ? 0x18 : 0x08;
        if (Adapter->SurpriseRemoved) {
            return NDIS_STATUS_SUCCESS;     // nothing to program
        }
        NicHwSync(Hw, NicRctlSync);
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

VOID
NicCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
NicSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;
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
NicReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
NicCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

VOID
NicDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;

    switch (NetDevicePnPEvent->DevicePnPEvent) {
    case NdisDevicePnPEventSurpriseRemoved:
        InterlockedExchange(&Adapter->SurpriseRemoved, 1);
        // the device is gone: give the line back now, halt follows
        NicReleaseInterrupt(Adapter->Hw);
        break;
    case NdisDevicePnPEventPowerProfileChanged:
    default:
        break;
    }
}

VOID
NicShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;

    if (ShutdownAction != NdisShutdownBugCheck && !Adapter->SurpriseRemoved) {
        NIC_WR(Adapter->Hw, NIC_CSR_IMC, 0xFFFFFFFF);
        NIC_WR(Adapter->Hw, NIC_CSR_CTRL, NIC_CTRL_RST);
    }
}

VOID
NicUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(NicDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Mc;
    NDIS_STATUS Status;

    NdisZeroMemory(&Mc, sizeof(Mc));
    Mc.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Mc.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Mc.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Mc.MajorNdisVersion = 6;
    Mc.MinorNdisVersion = 20;
    Mc.MajorDriverVersion = 2;
    Mc.MinorDriverVersion = 1;
    Mc.InitializeHandlerEx = NicInitializeEx;
    Mc.HaltHandlerEx = NicHaltEx;
    Mc.UnloadHandler = NicUnload;
    Mc.PauseHandler = NicPause;
    Mc.RestartHandler = NicRestart;
    Mc.OidRequestHandler = NicOidRequest;
    Mc.CancelOidRequestHandler = NicCancelOidRequest;
    Mc.SendNetBufferListsHandler = NicSendNetBufferLists;
    Mc.ReturnNetBufferListsHandler = NicReturnNetBufferLists;
    Mc.CancelSendHandler = NicCancelSend;
    Mc.DevicePnPEventNotifyHandler = NicDevicePnPEvent;
    Mc.ShutdownHandlerEx = NicShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Mc, &NicDriverHandle);
    return Status == NDIS_STATUS_SUCCESS ? STATUS_SUCCESS : (NTSTATUS)Status;
}
