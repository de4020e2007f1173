/*
 * Case 307_sentinel_handle_surprise_timer_clean: the interrupt handle is the only state, and "no
 * interrupt" is the sentinel MV_NO_INTERRUPT ((NDIS_HANDLE)(LONG_PTR)-1), not NULL: the adapter
 * starts with it, registration goes through a local handle inside a `while (TRUE)` loop that
 * breaks only on success (failures leave by goto; NDIS_STATUS_RESOURCES is retried twice), the
 * surprise-removal PnP event deregisters and puts the sentinel back, halt (which NDIS calls after
 * a surprise removal) masks and deregisters only a handle that is not the sentinel.  A periodic
 * watchdog timer, cancelled only in halt, keeps firing after a surprise removal: it compares the
 * handle with the sentinel before it synchronizes.  NDIS never returns the sentinel as a handle.
 * Expected: clean for every rule.
 */

#include <ndis.h>

#define MV_TAG                  'vMvM'
#define MV_NO_INTERRUPT         ((NDIS_HANDLE)(LONG_PTR)-1)
#define MV_REGS_LEN             0x4000
#define MV_REG_ICR              0x0050
#define MV_REG_IMR              0x0054
#define MV_REG_PHY_STATUS       0x0304
#define MV_REG_MIB_BASE         0x1000
#define MV_IMR_ALL              0x00FF00FF
#define MV_WATCHDOG_PERIOD_MS   1000
#define MV_REGISTER_RETRIES     2

#define MV_READ(_a, _o)         (*(volatile ULONG *)((_a)->Regs + (_o)))
#define MV_WRITE(_a, _o, _v)    (*(volatile ULONG *)((_a)->Regs + (_o)) = (_v))

typedef struct _MV_ADAPTER {
    NDIS_HANDLE     MiniportHandle;
    PUCHAR          Regs;
    NDIS_HANDLE     Interrupt;          // MV_NO_INTERRUPT when not registered
    NDIS_HANDLE     Watchdog;
    ULONG           LinkUp;
    ULONG           MibRxCrc;
    ULONG           Imr;
} MV_ADAPTER, *PMV_ADAPTER;

static NDIS_HANDLE MvDriver;

MINIPORT_SYNCHRONIZE_INTERRUPT MvMaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT MvPollSync;
MINIPORT_ISR MvIsr;
MINIPORT_INTERRUPT_DPC MvDpc;
MINIPORT_ENABLE_INTERRUPT MvEnable;
MINIPORT_DISABLE_INTERRUPT MvDisable;
MINIPORT_INITIALIZE MvInitialize;
MINIPORT_HALT MvHalt;
MINIPORT_PAUSE MvPause;
MINIPORT_RESTART MvRestart;
MINIPORT_OID_REQUEST MvOidRequest;
MINIPORT_CANCEL_OID_REQUEST MvCancelOid;
MINIPORT_SEND_NET_BUFFER_LISTS MvSend;
MINIPORT_RETURN_NET_BUFFER_LISTS MvReturn;
MINIPORT_CANCEL_SEND MvCancelSend;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MvPnp;
MINIPORT_SHUTDOWN MvShutdown;
MINIPORT_UNLOAD MvUnload;
NDIS_TIMER_FUNCTION MvWatchdog;
DRIVER_INITIALIZE DriverEntry;

BOOLEAN
MvMaskSync(PVOID Ctx)
{
    PMV_ADAPTER a = (PMV_ADAPTER)Ctx;

    MV_WRITE(a, MV_REG_IMR, 0);
    return TRUE;
}

BOOLEAN
MvPollSync(PVOID Ctx)
{
    PMV_ADAPTER a = (PMV_ADAPTER)Ctx;

    a->LinkUp = MV_READ(a, MV_REG_PHY_STATUS) & 1;
    a->MibRxCrc += MV_READ(a, MV_REG_MIB_BASE + 0x10);
    return TRUE;
}

BOOLEAN
MvIsr(NDIS_HANDLE Ctx, PBOOLEAN QueueDpc, PULONG TargetProcessors)
{
    PMV_ADAPTER a = (PMV_ADAPTER)Ctx;
    ULONG Icr = MV_READ(a, MV_REG_ICR);

    UNREFERENCED_PARAMETER(TargetProcessors);
    if (Icr == 0 || Icr == 0xFFFFFFFF) {
        *QueueDpc = FALSE;
        return FALSE;
    }
    MV_WRITE(a, MV_REG_IMR, 0);
    *QueueDpc = TRUE;
    return TRUE;
}

VOID
MvDpc(NDIS_HANDLE Ctx, PVOID DpcCtx, PVOID R1, PVOID R2)
{
    PMV_ADAPTER a = (PMV_ADAPTER)Ctx;

    UNREFERENCED_PARAMETER(DpcCtx);
    UNREFERENCED_PARAMETER(R1);
    UNREFERENCED_PARAMETER(R2);
    MV_WRITE(a, MV_REG_ICR, MV_READ(a, MV_REG_ICR));
    MV_WRITE(a, MV_REG_IMR, a->Imr);
}

VOID
MvEnable(NDIS_HANDLE Ctx)
{
    PMV_ADAPTER a = (PMV_ADAPTER)Ctx;

    MV_WRITE(a, MV_REG_IMR, a->Imr);
}

VOID
MvDisable(NDIS_HANDLE Ctx)
{
    PMV_ADAPTER a = (PMV_ADAPTER)Ctx;

    MV_WRITE(a, MV_REG_IMR, 0);
}

VOID
MvWatchdog(PVOID S1, PVOID Ctx, PVOID S2, PVOID S3)
{
    PMV_ADAPTER a = (PMV_ADAPTER)Ctx;
    ULONG WasUp = a->LinkUp;

    UNREFERENCED_PARAMETER(S1);
    UNREFERENCED_PARAMETER(S2);
    UNREFERENCED_PARAMETER(S3);

    if (a->Interrupt == MV_NO_INTERRUPT) {
        return;                         // removed: nothing left to poll
    }
    NdisMSynchronizeWithInterruptEx(a->Interrupt, 0, MvPollSync, a);
    if (a->LinkUp != WasUp) {
        NDIS_STATUS_INDICATION Ind;
        NDIS_LINK_STATE Link;

        NdisZeroMemory(&Link, sizeof(Link));
        Link.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        Link.Header.Revision = NDIS_LINK_STATE_REVISION_1;
        Link.Header.Size = NDIS_SIZEOF_LINK_STATE_REVISION_1;
        Link.MediaConnectState = a->LinkUp ? MediaConnectStateConnected : MediaConnectStateDisconnected;
        NdisZeroMemory(&Ind, sizeof(Ind));
        Ind.Header.Type = NDIS_OBJECT_TYPE_STATUS_INDICATION;
        Ind.Header.Revision = NDIS_STATUS_INDICATION_REVISION_1;
        Ind.Header.Size = NDIS_SIZEOF_STATUS_INDICATION_REVISION_1;
        Ind.SourceHandle = a->MiniportHandle;
        Ind.StatusCode = NDIS_STATUS_LINK_STATE;
        Ind.StatusBuffer = &Link;
        Ind.StatusBufferSize = sizeof(Link);
        NdisMIndicateStatusEx(a->MiniportHandle, &Ind);
    }
}

static VOID
MvFree(PMV_ADAPTER a)
{
    if (a->Watchdog != NULL) {
        NdisFreeTimerObject(a->Watchdog);
    }
    if (a->Regs != NULL) {
        NdisMUnmapIoSpace(a->MiniportHandle, a->Regs, MV_REGS_LEN);
    }
    NdisFreeMemory(a, 0, 0);
}

NDIS_STATUS
MvInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE DriverCtx, PNDIS_MINIPORT_INIT_PARAMETERS Params)
{
    PMV_ADAPTER a;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Ic;
    NDIS_TIMER_CHARACTERISTICS Tc;
    NDIS_HANDLE Interrupt;
    LARGE_INTEGER Due;
    ULONG Retries = 0;
    ULONG i;

    UNREFERENCED_PARAMETER(DriverCtx);

    a = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(*a), MV_TAG, NormalPoolPriority);
    if (a == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(a, sizeof(*a));
    a->MiniportHandle = MiniportAdapterHandle;
    a->Interrupt = MV_NO_INTERRUPT;
    a->Imr = MV_IMR_ALL;

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = a;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Status = NDIS_STATUS_RESOURCE_CONFLICT;
    for (i = 0; i < Params->AllocatedResources->Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR d = &Params->AllocatedResources->PartialDescriptors[i];

        if (d->Type == CmResourceTypeMemory && d->u.Memory.Length >= MV_REGS_LEN) {
            Status = NdisMMapIoSpace((PVOID *)&a->Regs, MiniportAdapterHandle, d->u.Memory.Start, MV_REGS_LEN);
            break;
        }
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    NdisZeroMemory(&Tc, sizeof(Tc));
    Tc.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    Tc.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    Tc.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
    Tc.AllocationTag = MV_TAG;
    Tc.TimerFunction = MvWatchdog;
    Tc.FunctionContext = a;
    Status = NdisAllocateTimerObject(MiniportAdapterHandle, &Tc, &a->Watchdog);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    NdisZeroMemory(&Ic, sizeof(Ic));
    Ic.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Ic.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Ic.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Ic.InterruptHandler = MvIsr;
    Ic.InterruptDpcHandler = MvDpc;
    Ic.EnableInterruptHandler = MvEnable;
    Ic.DisableInterruptHandler = MvDisable;
    while (TRUE) {
        Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, a, &Ic, &Interrupt);
        if (Status == NDIS_STATUS_SUCCESS) {
            a->Interrupt = Interrupt;
            break;
        }
        if (Status != NDIS_STATUS_RESOURCES || Retries++ == MV_REGISTER_RETRIES) {
            goto Fail;
        }
        NdisMSleep(2000);
    }

    Due.QuadPart = -10000LL * MV_WATCHDOG_PERIOD_MS;
    NdisSetTimerObject(a->Watchdog, Due, MV_WATCHDOG_PERIOD_MS, NULL);
    return NDIS_STATUS_SUCCESS;

Fail:
    if (a->Interrupt != MV_NO_INTERRUPT) {
        NdisMDeregisterInterruptEx(a->Interrupt);
        a->Interrupt = MV_NO_INTERRUPT;
    }
    MvFree(a);
    return Status;
}

VOID
MvHalt(NDIS_HANDLE Ctx, NDIS_HALT_ACTION Action)
{
    PMV_ADAPTER a = (PMV_ADAPTER)Ctx;

    UNREFERENCED_PARAMETER(Action);

    NdisCancelTimerObject(a->Watchdog);
    if (a->Interrupt != MV_NO_INTERRUPT) {
        NdisMSynchronizeWithInterruptEx(a->Interrupt, 0, MvMaskSync, a);
        NdisMDeregisterInterruptEx(a->Interrupt);
        a->Interrupt = MV_NO_INTERRUPT;
    }
    MvFree(a);
}

NDIS_STATUS
MvPause(NDIS_HANDLE Ctx, PNDIS_MINIPORT_PAUSE_PARAMETERS P)
{
    UNREFERENCED_PARAMETER(Ctx);
    UNREFERENCED_PARAMETER(P);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MvRestart(NDIS_HANDLE Ctx, PNDIS_MINIPORT_RESTART_PARAMETERS P)
{
    UNREFERENCED_PARAMETER(Ctx);
    UNREFERENCED_PARAMETER(P);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MvOidRequest(NDIS_HANDLE Ctx, PNDIS_OID_REQUEST Req)
{
    PMV_ADAPTER a = (PMV_ADAPTER)Ctx;

    if (Req->RequestType == NdisRequestQueryInformation &&
        Req->DATA.QUERY_INFORMATION.Oid == OID_GEN_MEDIA_CONNECT_STATUS) {
        if (Req->DATA.QUERY_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
            Req->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_BUFFER_TOO_SHORT;
        }
        *(PULONG)Req->DATA.QUERY_INFORMATION.InformationBuffer =
            a->LinkUp ? NdisMediaStateConnected : NdisMediaStateDisconnected;
        Req->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_NOT_SUPPORTED;
}

VOID
MvCancelOid(NDIS_HANDLE Ctx, PVOID Id)
{
    UNREFERENCED_PARAMETER(Ctx);
    UNREFERENCED_PARAMETER(Id);
}

VOID
MvSend(NDIS_HANDLE Ctx, PNET_BUFFER_LIST Nbls, NDIS_PORT_NUMBER Port, ULONG Flags)
{
    PMV_ADAPTER a = (PMV_ADAPTER)Ctx;
    PNET_BUFFER_LIST Nbl;

    UNREFERENCED_PARAMETER(Port);
    for (Nbl = Nbls; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = a->LinkUp ? NDIS_STATUS_SUCCESS : NDIS_STATUS_MEDIA_DISCONNECTED;
    }
    NdisMSendNetBufferListsComplete(a->MiniportHandle, Nbls,
        (Flags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
MvReturn(NDIS_HANDLE Ctx, PNET_BUFFER_LIST Nbls, ULONG Flags)
{
    UNREFERENCED_PARAMETER(Ctx);
    UNREFERENCED_PARAMETER(Nbls);
    UNREFERENCED_PARAMETER(Flags);
}

VOID
MvCancelSend(NDIS_HANDLE Ctx, PVOID Id)
{
    UNREFERENCED_PARAMETER(Ctx);
    UNREFERENCED_PARAMETER(Id);
}

VOID
MvPnp(NDIS_HANDLE Ctx, PNET_DEVICE_PNP_EVENT Event)
{
    PMV_ADAPTER a = (PMV_ADAPTER)Ctx;

    if (Event->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved &&
        a->Interrupt != MV_NO_INTERRUPT) {
        NdisMDeregisterInterruptEx(a->Interrupt);
        a->Interrupt = MV_NO_INTERRUPT;
    }
}

VOID
MvShutdown(NDIS_HANDLE Ctx, NDIS_SHUTDOWN_ACTION Action)
{
    PMV_ADAPTER a = (PMV_ADAPTER)Ctx;

    UNREFERENCED_PARAMETER(Action);
    if (a->Interrupt != MV_NO_INTERRUPT) {
        MV_WRITE(a, MV_REG_IMR, 0);
    }
}

VOID
MvUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(MvDriver);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS c;

    NdisZeroMemory(&c, sizeof(c));
    c.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    c.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    c.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    c.MajorNdisVersion = 6;
    c.MinorNdisVersion = 30;
    c.MajorDriverVersion = 1;
    c.InitializeHandlerEx = MvInitialize;
    c.HaltHandlerEx = MvHalt;
    c.UnloadHandler = MvUnload;
    c.PauseHandler = MvPause;
    c.RestartHandler = MvRestart;
    c.OidRequestHandler = MvOidRequest;
    c.CancelOidRequestHandler = MvCancelOid;
    c.SendNetBufferListsHandler = MvSend;
    c.ReturnNetBufferListsHandler = MvReturn;
    c.CancelSendHandler = MvCancelSend;
    c.DevicePnPEventNotifyHandler = MvPnp;
    c.ShutdownHandlerEx = MvShutdown;

    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &c, &MvDriver);
}
