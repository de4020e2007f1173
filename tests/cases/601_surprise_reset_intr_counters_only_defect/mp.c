/*
 * Case 601_surprise_reset_intr_counters_only_defect:
 * Twin of 600: MpResetIntr clears only the block's counters
 * (NdisZeroMemory(&Intr->Counters, ...)), so Live stays TRUE after surprise removal
 * deregistered the interrupt, and the next check-for-hang synchronizes with it.
 * Expected: the synchronize in MpCheckForHang.
 */
#include <ndis.h>

typedef struct _MP_INTR_COUNTERS {
    ULONG Isr;
    ULONG Dpc;
} MP_INTR_COUNTERS;

typedef struct _MP_INTR {
    NDIS_HANDLE      Handle;
    BOOLEAN          Live;
    MP_INTR_COUNTERS Counters;
} MP_INTR, *PMP_INTR;

typedef struct _MP_ADAPTER {
    NDIS_HANDLE AdapterHandle;
    MP_INTR     Intr;
} MP_ADAPTER, *PMP_ADAPTER;

NDIS_HANDLE MpDriverHandle;

MINIPORT_SYNCHRONIZE_INTERRUPT MpSyncMask;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_CHECK_FOR_HANG MpCheckForHang;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpDevicePnPEvent;
MINIPORT_UNLOAD MpUnload;
DRIVER_INITIALIZE DriverEntry;

BOOLEAN MpSyncMask(PVOID Context) { UNREFERENCED_PARAMETER(Context); return TRUE; }

BOOLEAN
MpIsr(NDIS_HANDLE Ctx, PBOOLEAN QueueDpc, PULONG TargetProcessors)
{
    UNREFERENCED_PARAMETER(Ctx);
    UNREFERENCED_PARAMETER(TargetProcessors);
    *QueueDpc = FALSE;
    return FALSE;
}

VOID
MpDpc(NDIS_HANDLE Ctx, PVOID DpcCtx, PVOID R1, PVOID R2)
{
    UNREFERENCED_PARAMETER(Ctx);
    UNREFERENCED_PARAMETER(DpcCtx);
    UNREFERENCED_PARAMETER(R1);
    UNREFERENCED_PARAMETER(R2);
}

static BOOLEAN
MpIntrLive(const MP_INTR *Intr)
{
    return Intr->Live;
}

NDIS_STATUS
MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE DriverContext, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PMP_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Ic;

    UNREFERENCED_PARAMETER(DriverContext);
    UNREFERENCED_PARAMETER(InitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER), 'pmxM', NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }

    NdisZeroMemory(&Ic, sizeof(Ic));
    Ic.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Ic.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Ic.Header.Size = sizeof(Ic);
    Ic.InterruptHandler = MpIsr;
    Ic.InterruptDpcHandler = MpDpc;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &Ic, &Adapter->Intr.Handle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }
    Adapter->Intr.Live = TRUE;
    return NDIS_STATUS_SUCCESS;
}

static VOID
MpResetIntr(PMP_INTR Intr)
{
    NdisZeroMemory(&Intr->Counters, sizeof(Intr->Counters));
}

static VOID
MpQuiesceIntr(PMP_ADAPTER Adapter)
{
    PMP_INTR Intr = &Adapter->Intr;

    if (Intr->Live) {
        NdisMDeregisterInterruptEx(Intr->Handle);
        MpResetIntr(Intr);
    }
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    MpQuiesceIntr(Adapter);
    NdisFreeMemory(Adapter, 0, 0);
}

BOOLEAN
MpCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    if (Adapter->Intr.Live) {
        NdisMSynchronizeWithInterruptEx(Adapter->Intr.Handle, 0, MpSyncMask, Adapter);
    }
    return FALSE;
}

VOID
MpDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    if (NetDevicePnPEvent->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved) {
        MpQuiesceIntr(Adapter);
    }
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
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(Chars);
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.InitializeHandlerEx = MpInitializeEx;
    Chars.HaltHandlerEx = MpHaltEx;
    Chars.UnloadHandler = MpUnload;
    Chars.CheckForHangHandlerEx = MpCheckForHang;
    Chars.DevicePnPEventNotifyHandler = MpDevicePnPEvent;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &MpDriverHandle);
}
