/*
 * Case 500_sync_op_table_designated_defect: 312 with the descriptor table written out of order
 * with designators, the last entry positional after [RtSyncMask] (so it is RtSyncUnmask's), and
 * RtSyncMask marked as skipping the "interrupt connected" test because initialize masks right
 * after connecting.  But halt masks too, after a D3 request may have released the interrupt:
 * RtSync(Adapter, RtSyncMask) then synchronizes on a deregistered interrupt.
 * Expected: 1 NdisMDeregisterInterruptEx defect, at the synchronize in RtSync.
 */

#include <ndis.h>

#define RT_TAG                  'xtRR'
#define RT_IO_LEN               0x100
#define RT_REG_IMR              0x3C
#define RT_REG_ISR              0x3E
#define RT_REG_RCR              0x44
#define RT_REG_MAR0             0x08
#define RT_REG_CR               0x37
#define RT_CR_RST               0x10
#define RT_INT_ROK              0x0001
#define RT_INT_TOK              0x0004
#define RT_INT_LINK             0x0020
#define RT_INT_DEFAULT          (RT_INT_ROK | RT_INT_TOK | RT_INT_LINK)
#define RT_CONNECT_ATTEMPTS     3
#define RT_MAX_SAVED            4

typedef enum _RT_SYNC_OP {
    RtSyncMask = 0,
    RtSyncUnmask,
    RtSyncRcr,
    RtSyncMulticast,
    RtSyncOpCount
} RT_SYNC_OP;

typedef struct _RT_RESULT {
    NDIS_STATUS Status;
    ULONG       Attempts;
} RT_RESULT;

typedef struct _RT_SAVED_OID {
    NDIS_OID    Oid;
    ULONG       Value;
} RT_SAVED_OID;

typedef struct _RT_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    PUCHAR                  IoBase;
    NDIS_HANDLE             Interrupt;
    BOOLEAN                 IntrConnected;
    NDIS_DEVICE_POWER_STATE PowerState;
    USHORT                  ImrValue;
    ULONG                   RcrValue;
    ULONG                   McastHash[2];
    RT_SAVED_OID            Saved[RT_MAX_SAVED];
    ULONG                   SavedCount;
    NDIS_SPIN_LOCK          Lock;
} RT_ADAPTER, *PRT_ADAPTER;

NDIS_HANDLE RtDriverHandle;

MINIPORT_SYNCHRONIZE_INTERRUPT RtMaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT RtUnmaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT RtRcrSync;
MINIPORT_SYNCHRONIZE_INTERRUPT RtMulticastSync;
MINIPORT_ISR RtIsr;
MINIPORT_INTERRUPT_DPC RtDpc;
MINIPORT_ENABLE_INTERRUPT RtEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT RtDisableInterrupt;
MINIPORT_INITIALIZE RtInitialize;
MINIPORT_HALT RtHalt;
MINIPORT_PAUSE RtPause;
MINIPORT_RESTART RtRestart;
MINIPORT_OID_REQUEST RtOidRequest;
MINIPORT_CANCEL_OID_REQUEST RtCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS RtSend;
MINIPORT_RETURN_NET_BUFFER_LISTS RtReturn;
MINIPORT_CANCEL_SEND RtCancelSend;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY RtPnpEvent;
MINIPORT_SHUTDOWN RtShutdown;
MINIPORT_UNLOAD RtUnload;
DRIVER_INITIALIZE DriverEntry;

BOOLEAN
RtMaskSync(PVOID Context)
{
    PRT_ADAPTER Adapter = Context;

    NdisRawWritePortUshort(Adapter->IoBase + RT_REG_IMR, 0);
    return TRUE;
}

BOOLEAN
RtUnmaskSync(PVOID Context)
{
    PRT_ADAPTER Adapter = Context;

    NdisRawWritePortUshort(Adapter->IoBase + RT_REG_IMR, Adapter->ImrValue);
    return TRUE;
}

BOOLEAN
RtRcrSync(PVOID Context)
{
    PRT_ADAPTER Adapter = Context;

    NdisRawWritePortUlong(Adapter->IoBase + RT_REG_RCR, Adapter->RcrValue);
    return TRUE;
}

BOOLEAN
RtMulticastSync(PVOID Context)
{
    PRT_ADAPTER Adapter = Context;

    NdisRawWritePortUlong(Adapter->IoBase + RT_REG_MAR0, Adapter->McastHash[0]);
    NdisRawWritePortUlong(Adapter->IoBase + RT_REG_MAR0 + 4, Adapter->McastHash[1]);
    return TRUE;
}

typedef struct _RT_SYNC_DESC {
    MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER Routine;
    BOOLEAN                                NoConnectTest;  // caller has just connected
} RT_SYNC_DESC;

static const RT_SYNC_DESC RtSyncOps[RtSyncOpCount] = {
    [RtSyncRcr]       = { RtRcrSync,       FALSE },
    [RtSyncMulticast] = { RtMulticastSync, FALSE },
    [RtSyncMask]      = { RtMaskSync,      TRUE  },     /* init masks right after connecting */
                        { RtUnmaskSync,    TRUE  },
};

static __inline BOOLEAN
RtSync(PRT_ADAPTER Adapter, RT_SYNC_OP Op)
{
    if (!RtSyncOps[Op].NoConnectTest && !Adapter->IntrConnected) {
        return FALSE;
    }
    return NdisMSynchronizeWithInterruptEx(Adapter->Interrupt, 0, RtSyncOps[Op].Routine, Adapter);   // defect: NdisMDeregisterInterruptEx
}

static RT_RESULT
RtConnectInterrupt(PRT_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Ic;
    RT_RESULT Result;

    NdisZeroMemory(&Ic, sizeof(Ic));
    Ic.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Ic.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Ic.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Ic.InterruptHandler = RtIsr;
    Ic.InterruptDpcHandler = RtDpc;
    Ic.EnableInterruptHandler = RtEnableInterrupt;
    Ic.DisableInterruptHandler = RtDisableInterrupt;

    Result.Attempts = 0;
    for (;;) {
        Result.Attempts++;
        Result.Status = NdisMRegisterInterruptEx(Adapter->MiniportHandle, Adapter, &Ic, &Adapter->Interrupt);
        if (Result.Status == NDIS_STATUS_SUCCESS) {
            Adapter->IntrConnected = TRUE;
            break;
        }
        if (Result.Status != NDIS_STATUS_RESOURCES || Result.Attempts == RT_CONNECT_ATTEMPTS) {
            break;
        }
        NdisMSleep(1000);       // resources may come back once the PnP rebalance settles
    }
    return Result;
}

static VOID
RtDisconnectInterrupt(PRT_ADAPTER Adapter)
{
    if (Adapter->IntrConnected) {
        Adapter->IntrConnected = FALSE;
        NdisMDeregisterInterruptEx(Adapter->Interrupt);
    }
}

static VOID
RtReapplySettings(PRT_ADAPTER Adapter)
{
    ULONG i;

    for (i = 0; i < Adapter->SavedCount; i++) {
        switch (Adapter->Saved[i].Oid) {
        case OID_GEN_CURRENT_PACKET_FILTER:
            if (Adapter->Saved[i].Value == 0) {
                continue;               // filter off: the chip comes up receiving nothing
            }
            Adapter->RcrValue = 0x0E | ((Adapter->Saved[i].Value & NDIS_PACKET_TYPE_PROMISCUOUS) ? 0x01 : 0);
            RtSync(Adapter, RtSyncRcr);
            break;
        case OID_802_3_MULTICAST_LIST:
            RtSync(Adapter, RtSyncMulticast);
            break;
        default:
            continue;
        }
        if (!Adapter->IntrConnected) {
            break;                      // nothing more can reach the chip
        }
    }
}

BOOLEAN
RtIsr(NDIS_HANDLE Context, PBOOLEAN QueueDpc, PULONG TargetProcessors)
{
    PRT_ADAPTER Adapter = Context;
    USHORT Isr;

    UNREFERENCED_PARAMETER(TargetProcessors);
    NdisRawReadPortUshort(Adapter->IoBase + RT_REG_ISR, &Isr);
    if ((Isr & RT_INT_DEFAULT) == 0) {
        *QueueDpc = FALSE;
        return FALSE;
    }
    NdisRawWritePortUshort(Adapter->IoBase + RT_REG_ISR, Isr);
    NdisRawWritePortUshort(Adapter->IoBase + RT_REG_IMR, 0);
    *QueueDpc = TRUE;
    return TRUE;
}

VOID
RtDpc(NDIS_HANDLE Context, PVOID DpcContext, PVOID Reserved1, PVOID Reserved2)
{
    PRT_ADAPTER Adapter = Context;

    UNREFERENCED_PARAMETER(DpcContext);
    UNREFERENCED_PARAMETER(Reserved1);
    UNREFERENCED_PARAMETER(Reserved2);
    NdisRawWritePortUshort(Adapter->IoBase + RT_REG_IMR, Adapter->ImrValue);
}

VOID
RtEnableInterrupt(NDIS_HANDLE Context)
{
    PRT_ADAPTER Adapter = Context;

    NdisRawWritePortUshort(Adapter->IoBase + RT_REG_IMR, Adapter->ImrValue);
}

VOID
RtDisableInterrupt(NDIS_HANDLE Context)
{
    PRT_ADAPTER Adapter = Context;

    NdisRawWritePortUshort(Adapter->IoBase + RT_REG_IMR, 0);
}

static NDIS_STATUS
RtFindPorts(PRT_ADAPTER Adapter, PNDIS_RESOURCE_LIST Resources)
{
    ULONG i;

    for (i = 0; i < Resources->Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc = &Resources->PartialDescriptors[i];

        if (Desc->Type == CmResourceTypePort && Desc->u.Port.Length >= RT_IO_LEN) {
            return NdisMRegisterIoPortRange((PVOID *)&Adapter->IoBase, Adapter->MiniportHandle,
                                            Desc->u.Port.Start.LowPart, RT_IO_LEN);
        }
    }
    return NDIS_STATUS_RESOURCE_CONFLICT;
}

NDIS_STATUS
RtInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE DriverContext, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PRT_ADAPTER Adapter;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_STATUS Status;
    RT_RESULT Connect;
    UCHAR Cr;
    ULONG Spin;

    UNREFERENCED_PARAMETER(DriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(RT_ADAPTER), RT_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(RT_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    Adapter->ImrValue = RT_INT_DEFAULT;
    Adapter->PowerState = NdisDeviceStateD0;
    NdisAllocateSpinLock(&Adapter->Lock);

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status == NDIS_STATUS_SUCCESS) {
        Status = RtFindPorts(Adapter, InitParameters->AllocatedResources);
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Free;
    }

    NdisRawWritePortUchar(Adapter->IoBase + RT_REG_CR, RT_CR_RST);
    for (Spin = 0; Spin < 100; Spin++) {
        NdisStallExecution(10);
        NdisRawReadPortUchar(Adapter->IoBase + RT_REG_CR, &Cr);
        if ((Cr & RT_CR_RST) == 0) {
            break;
        }
    }
    if (Spin == 100) {
        Status = NDIS_STATUS_HARD_ERRORS;
        goto Free;
    }

    Connect = RtConnectInterrupt(Adapter);
    if (Connect.Status != NDIS_STATUS_SUCCESS) {
        Status = Connect.Status;
        goto Free;
    }
    RtSync(Adapter, RtSyncUnmask);
    return NDIS_STATUS_SUCCESS;

Free:
    RtDisconnectInterrupt(Adapter);
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, 0, 0);
    return Status;
}

VOID
RtHalt(NDIS_HANDLE Context, NDIS_HALT_ACTION HaltAction)
{
    PRT_ADAPTER Adapter = Context;

    UNREFERENCED_PARAMETER(HaltAction);

    RtSync(Adapter, RtSyncMask);
    RtDisconnectInterrupt(Adapter);
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, 0, 0);
}

NDIS_STATUS
RtPause(NDIS_HANDLE Context, PNDIS_MINIPORT_PAUSE_PARAMETERS Parameters)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Parameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
RtRestart(NDIS_HANDLE Context, PNDIS_MINIPORT_RESTART_PARAMETERS Parameters)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Parameters);
    return NDIS_STATUS_SUCCESS;
}

static VOID
RtRemember(PRT_ADAPTER Adapter, NDIS_OID Oid, ULONG Value)
{
    ULONG i;

    for (i = 0; i < Adapter->SavedCount; i++) {
        if (Adapter->Saved[i].Oid == Oid) {
            break;
        }
    }
    if (i == RT_MAX_SAVED) {
        return;
    }
    Adapter->Saved[i].Oid = Oid;
    Adapter->Saved[i].Value = Value;
    if (i == Adapter->SavedCount) {
        Adapter->SavedCount++;
    }
}

static NDIS_STATUS
RtSetPower(PRT_ADAPTER Adapter, NDIS_DEVICE_POWER_STATE NewState)
{
    RT_RESULT Connect;

    if (NewState == NdisDeviceStateD0) {
        Connect = RtConnectInterrupt(Adapter);
        if (Connect.Status != NDIS_STATUS_SUCCESS) {
            NdisWriteErrorLogEntry(Adapter->MiniportHandle, NDIS_ERROR_CODE_INTERRUPT_CONNECT, 1, Connect.Attempts);
            return Connect.Status;
        }
        Adapter->PowerState = NdisDeviceStateD0;
        RtReapplySettings(Adapter);
        RtSync(Adapter, RtSyncUnmask);
        return NDIS_STATUS_SUCCESS;
    }
    RtSync(Adapter, RtSyncMask);
    RtDisconnectInterrupt(Adapter);
    Adapter->PowerState = NewState;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
RtOidRequest(NDIS_HANDLE Context, PNDIS_OID_REQUEST Request)
{
    PRT_ADAPTER Adapter = Context;
    PVOID Buffer;
    ULONG Length;
    ULONG Value;

    if (Request->RequestType != NdisRequestSetInformation) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    Buffer = Request->DATA.SET_INFORMATION.InformationBuffer;
    Length = Request->DATA.SET_INFORMATION.InformationBufferLength;
    if (Length < sizeof(ULONG)) {
        Request->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
        return NDIS_STATUS_INVALID_LENGTH;
    }
    Value = *(PULONG)Buffer;
    Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);

    switch (Request->DATA.SET_INFORMATION.Oid) {
    case OID_PNP_SET_POWER:
        return RtSetPower(Adapter, (NDIS_DEVICE_POWER_STATE)Value);
    case OID_GEN_CURRENT_PACKET_FILTER:
        RtRemember(Adapter, OID_GEN_CURRENT_PACKET_FILTER, Value);
        Adapter->RcrValue = 0x0E | ((Value & NDIS_PACKET_TYPE_PROMISCUOUS) ? 0x01 : 0);
        RtSync(Adapter, RtSyncRcr);
        return NDIS_STATUS_SUCCESS;
    case OID_802_3_MULTICAST_LIST:
        Adapter->McastHash[0] = Adapter->McastHash[1] = (Length > sizeof(ULONG)) ? 0xFFFFFFFF : 0;
        RtRemember(Adapter, OID_802_3_MULTICAST_LIST, 0);
        RtSync(Adapter, RtSyncMulticast);
        return NDIS_STATUS_SUCCESS;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

VOID
RtCancelOidRequest(NDIS_HANDLE Context, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
RtSend(NDIS_HANDLE Context, PNET_BUFFER_LIST Nbls, NDIS_PORT_NUMBER Port, ULONG Flags)
{
    PRT_ADAPTER Adapter = Context;
    PNET_BUFFER_LIST Nbl;

    UNREFERENCED_PARAMETER(Port);
    for (Nbl = Nbls; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Adapter->PowerState == NdisDeviceStateD0 ? NDIS_STATUS_SUCCESS : NDIS_STATUS_LOW_POWER_STATE;
    }
    NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, Nbls,
        (Flags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
RtReturn(NDIS_HANDLE Context, PNET_BUFFER_LIST Nbls, ULONG Flags)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Nbls);
    UNREFERENCED_PARAMETER(Flags);
}

VOID
RtCancelSend(NDIS_HANDLE Context, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(CancelId);
}

VOID
RtPnpEvent(NDIS_HANDLE Context, PNET_DEVICE_PNP_EVENT Event)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Event);
}

VOID
RtShutdown(NDIS_HANDLE Context, NDIS_SHUTDOWN_ACTION Action)
{
    PRT_ADAPTER Adapter = Context;

    UNREFERENCED_PARAMETER(Action);
    NdisRawWritePortUshort(Adapter->IoBase + RT_REG_IMR, 0);
}

VOID
RtUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(RtDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Mc;

    NdisZeroMemory(&Mc, sizeof(Mc));
    Mc.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Mc.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Mc.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Mc.MajorNdisVersion = 6;
    Mc.MinorNdisVersion = 20;
    Mc.MajorDriverVersion = 1;
    Mc.MinorDriverVersion = 4;
    Mc.InitializeHandlerEx = RtInitialize;
    Mc.HaltHandlerEx = RtHalt;
    Mc.UnloadHandler = RtUnload;
    Mc.PauseHandler = RtPause;
    Mc.RestartHandler = RtRestart;
    Mc.OidRequestHandler = RtOidRequest;
    Mc.CancelOidRequestHandler = RtCancelOidRequest;
    Mc.SendNetBufferListsHandler = RtSend;
    Mc.ReturnNetBufferListsHandler = RtReturn;
    Mc.CancelSendHandler = RtCancelSend;
    Mc.DevicePnPEventNotifyHandler = RtPnpEvent;
    Mc.ShutdownHandlerEx = RtShutdown;

    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Mc, &RtDriverHandle);
}
