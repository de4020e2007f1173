/*
 * Case 515_halt_waits_mask_workitem_after_dereg_defect:
 * 514 with a second waited work item: halt queues MpStopWork (deregisters) and waits for it, then
 * queues MpMaskWork, which masks the MAC under NdisMSynchronizeWithInterruptEx, and waits for it:
 * a synchronize after the deregistration, on a system thread halt waits for (missed before, with
 * a false Init_RegisterInterrupt alarm instead: halt itself calls no interrupt API).
 * Expected: 1 NdisMDeregisterInterruptEx defect, at MpMaskWork's synchronize.
 */
#include <ndis.h>

typedef struct _MP_INTR {
    NDIS_HANDLE Handle;
    BOOLEAN     Live;
} MP_INTR, *PMP_INTR;

typedef struct _MP_ADAPTER {
    NDIS_HANDLE AdapterHandle;
    MP_INTR     Intr;
    NDIS_HANDLE StopWorkItem;
    NDIS_EVENT  StopDone;
    NDIS_HANDLE MaskWorkItem;
    NDIS_EVENT  MaskDone;
} MP_ADAPTER, *PMP_ADAPTER;

NDIS_HANDLE MpDriverHandle;

MINIPORT_SYNCHRONIZE_INTERRUPT MpSyncMask;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_UNLOAD MpUnload;
NDIS_IO_WORKITEM_FUNCTION MpStopWork;
NDIS_IO_WORKITEM_FUNCTION MpMaskWork;
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

VOID
MpStopWork(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)WorkItemContext;

    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);
    NdisMDeregisterInterruptEx(Adapter->Intr.Handle);
    NdisSetEvent(&Adapter->StopDone);
}

VOID
MpMaskWork(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)WorkItemContext;

    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);
    NdisMSynchronizeWithInterruptEx(Adapter->Intr.Handle, 0, MpSyncMask, Adapter); // defect: NdisMDeregisterInterruptEx
    NdisSetEvent(&Adapter->MaskDone);
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

    Adapter->StopWorkItem = NdisAllocateIoWorkItem(MiniportAdapterHandle);
    if (Adapter->StopWorkItem == NULL) {
        NdisFreeMemory(Adapter, 0, 0);
        return NDIS_STATUS_RESOURCES;
    }
    NdisInitializeEvent(&Adapter->StopDone);
    Adapter->MaskWorkItem = NdisAllocateIoWorkItem(MiniportAdapterHandle);
    if (Adapter->MaskWorkItem == NULL) {
        NdisFreeIoWorkItem(Adapter->StopWorkItem);
        NdisFreeMemory(Adapter, 0, 0);
        return NDIS_STATUS_RESOURCES;
    }
    NdisInitializeEvent(&Adapter->MaskDone);

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

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    NdisQueueIoWorkItem(Adapter->StopWorkItem, MpStopWork, Adapter);
    NdisWaitEvent(&Adapter->StopDone, 0);
    NdisQueueIoWorkItem(Adapter->MaskWorkItem, MpMaskWork, Adapter);
    NdisWaitEvent(&Adapter->MaskDone, 0);
    NdisFreeIoWorkItem(Adapter->MaskWorkItem);
    NdisFreeIoWorkItem(Adapter->StopWorkItem);
    NdisFreeMemory(Adapter, 0, 0);
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
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &MpDriverHandle);
}
