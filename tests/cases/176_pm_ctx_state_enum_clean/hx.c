/*
 * Case 176_pm_ctx_state_enum_clean: a PCI NIC whose interrupt bookkeeping lives in a separately
 * allocated power-management block (Adapter->Pm, its own pool allocation, zeroed) as a state
 * enum (HxIntrNone / HxIntrConnected / HxIntrReleased) switched on by every caller.  The
 * registration writes the out handle into a local and copies it into the block only on success.
 * D3 releases through a function pointer chosen at init (Adapter->ReleaseInterrupt); D0 retries
 * the registration up to three times with NdisMSleep between attempts and fails the OID when every
 * attempt failed.  Synchronizes: reset, the packet filter, check-for-hang (in a switch on the
 * state), halt (before the release).  Stalls: the boundary value 50 and MIN(Requested, 50).
 * Expected: clean for every rule.
 */

#include <ndis.h>

#define HX_TAG                  'xHxH'
#define HX_CSR_SIZE             0x100
#define HX_REG_CTRL             0x00
#define HX_REG_IMASK            0x04
#define HX_REG_ICAUSE           0x08
#define HX_REG_FILTER           0x0C
#define HX_CTRL_RESET           0x1
#define HX_MAX_STALL            50
#define HX_MIN(_a, _b)          ((_a) < (_b) ? (_a) : (_b))
#define HX_CONNECT_ATTEMPTS     3

typedef enum _HX_INTR_STATE {
    HxIntrNone = 0,
    HxIntrConnected,
    HxIntrReleased
} HX_INTR_STATE;

typedef struct _HX_PM {
    HX_INTR_STATE           IntrState;
    NDIS_HANDLE             InterruptHandle;
    NDIS_DEVICE_POWER_STATE PowerState;
    ULONG                   D0Failures;
} HX_PM, *PHX_PM;

struct _HX_ADAPTER;
typedef VOID (HX_RELEASE_FN)(struct _HX_ADAPTER *Adapter);

typedef struct _HX_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    PHX_PM                  Pm;
    HX_RELEASE_FN          *ReleaseInterrupt;
    volatile ULONG         *Csr;
    ULONG                   Filter;
    ULONG                   Cause;
    ULONG                   ResetStallUs;
    NDIS_SPIN_LOCK          Lock;
    ULONG64                 Sent;
} HX_ADAPTER, *PHX_ADAPTER;

NDIS_HANDLE HxDriverHandle;

MINIPORT_SYNCHRONIZE_INTERRUPT HxMaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT HxUnmaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT HxFilterSync;
MINIPORT_SYNCHRONIZE_INTERRUPT HxPollSync;
MINIPORT_ISR HxIsr;
MINIPORT_INTERRUPT_DPC HxDpc;
MINIPORT_ENABLE_INTERRUPT HxEnable;
MINIPORT_DISABLE_INTERRUPT HxDisable;
MINIPORT_INITIALIZE HxInitializeEx;
MINIPORT_HALT HxHaltEx;
MINIPORT_PAUSE HxPause;
MINIPORT_RESTART HxRestart;
MINIPORT_OID_REQUEST HxOidRequest;
MINIPORT_CANCEL_OID_REQUEST HxCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS HxSend;
MINIPORT_RETURN_NET_BUFFER_LISTS HxReturn;
MINIPORT_CANCEL_SEND HxCancelSend;
MINIPORT_CHECK_FOR_HANG HxCheckForHang;
MINIPORT_RESET HxReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY HxPnp;
MINIPORT_SHUTDOWN HxShutdown;
MINIPORT_UNLOAD HxUnload;
DRIVER_INITIALIZE DriverEntry;
HX_RELEASE_FN HxReleaseLine;

BOOLEAN HxMaskSync(PVOID Context)   { ((PHX_ADAPTER)Context)->Csr[HX_REG_IMASK / 4] = 0; return TRUE; }
BOOLEAN HxUnmaskSync(PVOID Context) { ((PHX_ADAPTER)Context)->Csr[HX_REG_IMASK / 4] = 0xF; return TRUE; }

BOOLEAN
HxFilterSync(PVOID Context)
{
    PHX_ADAPTER Adapter = (PHX_ADAPTER)Context;

    Adapter->Csr[HX_REG_FILTER / 4] = Adapter->Filter;
    return TRUE;
}

BOOLEAN
HxPollSync(PVOID Context)
{
    PHX_ADAPTER Adapter = (PHX_ADAPTER)Context;
    BOOLEAN Pending = Adapter->Cause != 0;

    Adapter->Cause = 0;
    return Pending;
}

BOOLEAN
HxIsr(NDIS_HANDLE Context, PBOOLEAN QueueDpc, PULONG TargetProcessors)
{
    PHX_ADAPTER Adapter = (PHX_ADAPTER)Context;
    ULONG Cause = Adapter->Csr[HX_REG_ICAUSE / 4];

    UNREFERENCED_PARAMETER(TargetProcessors);
    *QueueDpc = Cause != 0;
    if (Cause == 0) {
        return FALSE;
    }
    Adapter->Cause |= Cause;
    Adapter->Csr[HX_REG_IMASK / 4] = 0;
    return TRUE;
}

VOID
HxDpc(NDIS_HANDLE Context, PVOID DpcContext, PVOID Throttle, PVOID Reserved)
{
    PHX_ADAPTER Adapter = (PHX_ADAPTER)Context;

    UNREFERENCED_PARAMETER(DpcContext);
    UNREFERENCED_PARAMETER(Throttle);
    UNREFERENCED_PARAMETER(Reserved);

    if (Adapter->Pm->IntrState == HxIntrConnected) {
        NdisMSynchronizeWithInterruptEx(Adapter->Pm->InterruptHandle, 0, HxUnmaskSync, Adapter);
    }
}

VOID HxEnable(NDIS_HANDLE Context)  { ((PHX_ADAPTER)Context)->Csr[HX_REG_IMASK / 4] = 0xF; }
VOID HxDisable(NDIS_HANDLE Context) { ((PHX_ADAPTER)Context)->Csr[HX_REG_IMASK / 4] = 0; }

static NDIS_STATUS
HxConnect(PHX_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Ic;
    NDIS_HANDLE NewHandle = NULL;
    NDIS_STATUS Status;

    NdisZeroMemory(&Ic, sizeof(Ic));
    Ic.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Ic.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Ic.Header.Size = sizeof(Ic);
    Ic.InterruptHandler = HxIsr;
    Ic.InterruptDpcHandler = HxDpc;
    Ic.EnableInterruptHandler = HxEnable;
    Ic.DisableInterruptHandler = HxDisable;
    Status = NdisMRegisterInterruptEx(Adapter->MiniportHandle, Adapter, &Ic, &NewHandle);
    if (NT_SUCCESS(Status)) {
        Adapter->Pm->InterruptHandle = NewHandle;
        Adapter->Pm->IntrState = HxIntrConnected;
    }
    return Status;
}

VOID
HxReleaseLine(PHX_ADAPTER Adapter)
{
    switch (Adapter->Pm->IntrState) {
    case HxIntrConnected:
        NdisMSynchronizeWithInterruptEx(Adapter->Pm->InterruptHandle, 0, HxMaskSync, Adapter);
        NdisMDeregisterInterruptEx(Adapter->Pm->InterruptHandle);
        Adapter->Pm->InterruptHandle = NULL;
        Adapter->Pm->IntrState = HxIntrReleased;
        break;
    case HxIntrNone:
    case HxIntrReleased:
    default:
        break;
    }
}

static VOID
HxStall(ULONG Requested)
{
    NdisStallExecution(HX_MIN(Requested, HX_MAX_STALL));
}

static NDIS_STATUS
HxHwReset(PHX_ADAPTER Adapter)
{
    ULONG i;

    Adapter->Csr[HX_REG_CTRL / 4] = HX_CTRL_RESET;
    NdisStallExecution(HX_MAX_STALL);
    for (i = 0; i < 10; i++) {
        if ((Adapter->Csr[HX_REG_CTRL / 4] & HX_CTRL_RESET) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
        HxStall(Adapter->ResetStallUs);
    }
    return NDIS_STATUS_HARD_ERRORS;
}

static NDIS_STATUS
HxSetPower(PHX_ADAPTER Adapter, NDIS_DEVICE_POWER_STATE State)
{
    NDIS_STATUS Status = NDIS_STATUS_FAILURE;
    ULONG Attempt;

    switch (State) {
    case NdisDeviceStateD0:
        if (Adapter->Pm->IntrState == HxIntrConnected) {
            return NDIS_STATUS_SUCCESS;
        }
        for (Attempt = 0; Attempt < HX_CONNECT_ATTEMPTS; Attempt++) {
            Status = HxConnect(Adapter);
            if (Status == NDIS_STATUS_SUCCESS) {
                break;
            }
            NdisMSleep(10000);
        }
        if (Adapter->Pm->IntrState != HxIntrConnected) {
            Adapter->Pm->D0Failures++;
            return NDIS_STATUS_FAILURE;
        }
        Adapter->Pm->PowerState = NdisDeviceStateD0;
        NdisMSynchronizeWithInterruptEx(Adapter->Pm->InterruptHandle, 0, HxFilterSync, Adapter);
        NdisMSynchronizeWithInterruptEx(Adapter->Pm->InterruptHandle, 0, HxUnmaskSync, Adapter);
        return NDIS_STATUS_SUCCESS;

    case NdisDeviceStateD1:
    case NdisDeviceStateD2:
    case NdisDeviceStateD3:
        Adapter->ReleaseInterrupt(Adapter);
        Adapter->Pm->PowerState = State;
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_INVALID_DATA;
    }
}

NDIS_STATUS
HxInitializeEx(NDIS_HANDLE Handle, NDIS_HANDLE DriverContext, PNDIS_MINIPORT_INIT_PARAMETERS Params)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    PHX_ADAPTER Adapter;
    NDIS_STATUS Status;
    PNDIS_RESOURCE_LIST Res = Params->AllocatedResources;
    ULONG i;

    UNREFERENCED_PARAMETER(DriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(Handle, sizeof(HX_ADAPTER), HX_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(HX_ADAPTER));
    Adapter->MiniportHandle = Handle;
    Adapter->ReleaseInterrupt = HxReleaseLine;
    Adapter->ResetStallUs = 200;                // the datasheet's figure; HxStall caps it
    NdisAllocateSpinLock(&Adapter->Lock);

    Adapter->Pm = NdisAllocateMemoryWithTagPriority(Handle, sizeof(HX_PM), HX_TAG, NormalPoolPriority);
    if (Adapter->Pm == NULL) {
        Status = NDIS_STATUS_RESOURCES;
        goto FreeAdapter;
    }
    NdisZeroMemory(Adapter->Pm, sizeof(HX_PM));
    Adapter->Pm->PowerState = NdisDeviceStateD0;

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(Handle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreePm;
    }

    Status = NDIS_STATUS_RESOURCE_CONFLICT;
    for (i = 0; Res != NULL && i < Res->Count; i++) {
        if (Res->PartialDescriptors[i].Type == CmResourceTypeMemory) {
            Status = NdisMMapIoSpace((PVOID *)&Adapter->Csr, Handle, Res->PartialDescriptors[i].u.Memory.Start, HX_CSR_SIZE);
            break;
        }
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreePm;
    }
    Status = HxHwReset(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Unmap;
    }
    Status = HxConnect(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Unmap;
    }
    NdisMSynchronizeWithInterruptEx(Adapter->Pm->InterruptHandle, 0, HxUnmaskSync, Adapter);
    return NDIS_STATUS_SUCCESS;

Unmap:
    NdisMUnmapIoSpace(Handle, (PVOID)Adapter->Csr, HX_CSR_SIZE);
FreePm:
    NdisFreeMemoryWithTagPriority(Handle, Adapter->Pm, HX_TAG);
FreeAdapter:
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemoryWithTagPriority(Handle, Adapter, HX_TAG);
    return Status;
}

VOID
HxHaltEx(NDIS_HANDLE Context, NDIS_HALT_ACTION Action)
{
    PHX_ADAPTER Adapter = (PHX_ADAPTER)Context;

    UNREFERENCED_PARAMETER(Action);

    Adapter->ReleaseInterrupt(Adapter);
    NdisMUnmapIoSpace(Adapter->MiniportHandle, (PVOID)Adapter->Csr, HX_CSR_SIZE);
    NdisFreeMemoryWithTagPriority(Adapter->MiniportHandle, Adapter->Pm, HX_TAG);
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemoryWithTagPriority(Adapter->MiniportHandle, Adapter, HX_TAG);
}

NDIS_STATUS
HxPause(NDIS_HANDLE Context, PNDIS_MINIPORT_PAUSE_PARAMETERS Params)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Params);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
HxRestart(NDIS_HANDLE Context, PNDIS_MINIPORT_RESTART_PARAMETERS Params)
{
    PHX_ADAPTER Adapter = (PHX_ADAPTER)Context;

    UNREFERENCED_PARAMETER(Params);
    return Adapter->Pm->PowerState == NdisDeviceStateD0 ? NDIS_STATUS_SUCCESS : NDIS_STATUS_FAILURE;
}

NDIS_STATUS
HxOidRequest(NDIS_HANDLE Context, PNDIS_OID_REQUEST Request)
{
    PHX_ADAPTER Adapter = (PHX_ADAPTER)Context;
    PVOID Buffer = Request->DATA.SET_INFORMATION.InformationBuffer;

    if (Request->RequestType != NdisRequestSetInformation) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    if (Request->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
        return NDIS_STATUS_INVALID_LENGTH;
    }
    switch (Request->DATA.SET_INFORMATION.Oid) {
    case OID_PNP_SET_POWER:
        return HxSetPower(Adapter, *(PNDIS_DEVICE_POWER_STATE)Buffer);
    case OID_GEN_CURRENT_PACKET_FILTER:
        Adapter->Filter = *(PULONG)Buffer;
        switch (Adapter->Pm->IntrState) {
        case HxIntrConnected:
            NdisMSynchronizeWithInterruptEx(Adapter->Pm->InterruptHandle, 0, HxFilterSync, Adapter);
            break;
        default:
            break;                              // programmed by the D0 path
        }
        return NDIS_STATUS_SUCCESS;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

VOID
HxCancelOidRequest(NDIS_HANDLE Context, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
HxSend(NDIS_HANDLE Context, PNET_BUFFER_LIST Nbls, NDIS_PORT_NUMBER Port, ULONG Flags)
{
    PHX_ADAPTER Adapter = (PHX_ADAPTER)Context;
    PNET_BUFFER_LIST Nbl;
    NDIS_STATUS Status = Adapter->Pm->PowerState == NdisDeviceStateD0 ? NDIS_STATUS_SUCCESS : NDIS_STATUS_LOW_POWER_STATE;

    UNREFERENCED_PARAMETER(Port);

    NdisAcquireSpinLock(&Adapter->Lock);
    for (Nbl = Nbls; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
        Adapter->Sent++;
    }
    NdisReleaseSpinLock(&Adapter->Lock);
    NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, Nbls,
                                    (Flags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
HxReturn(NDIS_HANDLE Context, PNET_BUFFER_LIST Nbls, ULONG Flags)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Nbls);
    UNREFERENCED_PARAMETER(Flags);
}

VOID
HxCancelSend(NDIS_HANDLE Context, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(CancelId);
}

BOOLEAN
HxCheckForHang(NDIS_HANDLE Context)
{
    PHX_ADAPTER Adapter = (PHX_ADAPTER)Context;

    switch (Adapter->Pm->IntrState) {
    case HxIntrConnected:
        return NdisMSynchronizeWithInterruptEx(Adapter->Pm->InterruptHandle, 0, HxPollSync, Adapter) ? FALSE : FALSE;
    case HxIntrReleased:
        return Adapter->Pm->PowerState == NdisDeviceStateD0;   // D0 failed: ask NDIS for a reset
    default:
        return FALSE;
    }
}

NDIS_STATUS
HxReset(NDIS_HANDLE Context, PBOOLEAN AddressingReset)
{
    PHX_ADAPTER Adapter = (PHX_ADAPTER)Context;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;
    if (Adapter->Pm->IntrState != HxIntrConnected) {
        return NDIS_STATUS_SUCCESS;
    }
    NdisMSynchronizeWithInterruptEx(Adapter->Pm->InterruptHandle, 0, HxMaskSync, Adapter);
    Status = HxHwReset(Adapter);
    NdisMSynchronizeWithInterruptEx(Adapter->Pm->InterruptHandle, 0, HxFilterSync, Adapter);
    NdisMSynchronizeWithInterruptEx(Adapter->Pm->InterruptHandle, 0, HxUnmaskSync, Adapter);
    return Status;
}

VOID
HxPnp(NDIS_HANDLE Context, PNET_DEVICE_PNP_EVENT Event)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Event);
}

VOID
HxShutdown(NDIS_HANDLE Context, NDIS_SHUTDOWN_ACTION Action)
{
    PHX_ADAPTER Adapter = (PHX_ADAPTER)Context;

    UNREFERENCED_PARAMETER(Action);
    Adapter->Csr[HX_REG_CTRL / 4] = HX_CTRL_RESET;
}

VOID
HxUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(HxDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(Chars);
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.InitializeHandlerEx = HxInitializeEx;
    Chars.HaltHandlerEx = HxHaltEx;
    Chars.UnloadHandler = HxUnload;
    Chars.PauseHandler = HxPause;
    Chars.RestartHandler = HxRestart;
    Chars.OidRequestHandler = HxOidRequest;
    Chars.CancelOidRequestHandler = HxCancelOidRequest;
    Chars.SendNetBufferListsHandler = HxSend;
    Chars.ReturnNetBufferListsHandler = HxReturn;
    Chars.CancelSendHandler = HxCancelSend;
    Chars.CheckForHangHandlerEx = HxCheckForHang;
    Chars.ResetHandlerEx = HxReset;
    Chars.DevicePnPEventNotifyHandler = HxPnp;
    Chars.ShutdownHandlerEx = HxShutdown;

    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &HxDriverHandle);
}
