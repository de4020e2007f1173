/*
 * adapter.c - QL-10 adapter lifetime: initialize, halt, pause/restart, PnP events, shutdown.
 */
#include "ql.h"

#ifdef ALLOC_PRAGMA
#pragma alloc_text(PAGE, QlInitializeEx)
#pragma alloc_text(PAGE, QlHaltEx)
#endif

/* Per-file trace helper (interrupt.c has its own QlTrace). */
static VOID
QlTrace(_In_ PCSTR What, _In_ PQL_ADAPTER Adapter)
{
    DbgPrint("ql%u: adapter: %s (flags %08x)\n", Adapter->Number, What, Adapter->Flags);
}

/* Claims a free slot of QlAdapterTable; QL_NO_ADAPTER when every slot is taken. */
static ULONG
QlClaimSlot(_In_ PQL_ADAPTER Adapter)
{
    ULONG i;

    for (i = 0; i < QL_MAX_ADAPTERS; i++) {
        if (InterlockedCompareExchangePointer((PVOID volatile *)&QlAdapterTable[i], Adapter, NULL) == NULL) {
            return i;
        }
    }
    return QL_NO_ADAPTER;
}

static VOID
QlFreeAdapter(_In_ __drv_freesMem(Mem) PQL_ADAPTER Adapter)
{
    if (Adapter->Number != QL_NO_ADAPTER) {
        InterlockedExchangePointer((PVOID volatile *)&QlAdapterTable[Adapter->Number], NULL);
    }
    QlHwUnmap(Adapter);
    NdisFreeSpinLock(&Adapter->TxLock);
    NdisFreeMemory(Adapter, 0, 0);
}

_Use_decl_annotations_
NDIS_STATUS
QlInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PQL_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = (PQL_ADAPTER)NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(QL_ADAPTER),
                                                             QL_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(QL_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->TxLock);
    InitializeListHead(&Adapter->Poll.Link);

    Adapter->Number = QlClaimSlot(Adapter);
    if (Adapter->Number == QL_NO_ADAPTER) {
        QlTrace("no free slot", Adapter);
        QlFreeAdapter(Adapter);
        return NDIS_STATUS_RESOURCES;
    }

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    Reg.CheckForHangTimeInSeconds = 4;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        QlFreeAdapter(Adapter);
        return Status;
    }

    Status = QlHwMap(Adapter, MiniportInitParameters);
    if (Status != NDIS_STATUS_SUCCESS) {
        QlFreeAdapter(Adapter);
        return Status;
    }

    Status = QlConnectInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        QlFreeAdapter(Adapter);
        return Status;
    }

    Status = QlHwReset(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        QlTrace("reset failed", Adapter);
        QlDisconnectInterrupt(Adapter);
        QlFreeAdapter(Adapter);
        return Status;
    }
    QlSyncHw(Adapter, QlUnmaskSync, Adapter);
    QlTrace("up", Adapter);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
QlHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PQL_ADAPTER Adapter = (PQL_ADAPTER)MiniportAdapterContext;

    PAGED_CODE();
    UNREFERENCED_PARAMETER(HaltAction);

    QlHwQuiesce(Adapter);
    QlDisconnectInterrupt(Adapter);
    QlTrace("halted", Adapter);
    QlFreeAdapter(Adapter);
}

_Use_decl_annotations_
NDIS_STATUS
QlPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PauseParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS
QlRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
QlPnpEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PQL_ADAPTER Adapter = (PQL_ADAPTER)MiniportAdapterContext;

    if (NetDevicePnPEvent->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved) {
        /* The board is gone: give the interrupt back now, halt comes later. */
        Adapter->State.Removed = 1;
        QlDisconnectInterrupt(Adapter);
        QlTrace("surprise removed", Adapter);
    }
}

_Use_decl_annotations_
VOID
QlShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PQL_ADAPTER Adapter = (PQL_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    if (!Adapter->State.Removed) {
        QlHwWrite(Adapter, QL_CSR_IMC, 0xFFFFFFFF);
        QlHwWrite(Adapter, QL_CSR_CTRL, QL_CTRL_RST);
    }
}
