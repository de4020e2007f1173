/*
 * Case 520_hw_sync_helper_embedded_block_clean: the interrupt belongs to a hardware block
 * embedded in the adapter (Adapter->Hw, an HW_CONTEXT with its handle and a Connected flag).
 * HwConnectInterrupt(&Adapter->Hw) registers and sets Hw->Connected; HwDisconnectInterrupt
 * deregisters only if Hw->Connected.  In between, MpInitializeEx programs the moderation
 * timer through HwSync(&Adapter->Hw, HwSyncWriteItr, &Adapter->Hw), a helper that writes no
 * key the Init_RegisterInterrupt rule depends on (it reads Hw->Connected and synchronizes).
 * A failing MpInitializeEx disconnects; halt disconnects.  Expected: clean.  Before: the call
 * of HwSync was taken for an external call that may write all of Adapter->Hw, so
 * Hw->Connected became unknown and the initialize that fails after it was reported (a false
 * Init_RegisterInterrupt alarm at its `return Status;`).
 */

#include <ndis.h>

#define MP_TAG  'cwHM'

typedef struct _HW_CONTEXT {
    NDIS_HANDLE     MiniportHandle;
    NDIS_HANDLE     IntrHandle;
    BOOLEAN         Connected;
    ULONG           Itr;
} HW_CONTEXT, *PHW_CONTEXT;

typedef struct _MP_ADAPTER {
    NDIS_HANDLE     AdapterHandle;
    HW_CONTEXT      Hw;
    ULONG           LinkSpeed;
} MP_ADAPTER, *PMP_ADAPTER;

NDIS_HANDLE MpDriverHandle;

MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_ISR HwIsr;
MINIPORT_INTERRUPT_DPC HwDpc;
MINIPORT_SYNCHRONIZE_INTERRUPT HwSyncWriteItr;
DRIVER_INITIALIZE DriverEntry;

BOOLEAN
HwIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    UNREFERENCED_PARAMETER(MiniportInterruptContext);
    UNREFERENCED_PARAMETER(TargetProcessors);
    *QueueDefaultInterruptDpc = FALSE;
    return FALSE;
}

VOID
HwDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    UNREFERENCED_PARAMETER(MiniportInterruptContext);
    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);
}

BOOLEAN
HwSyncWriteItr(NDIS_HANDLE SynchronizeContext)
{
    PHW_CONTEXT Hw = (PHW_CONTEXT)SynchronizeContext;

    Hw->Itr++;
    return TRUE;
}

static NDIS_STATUS
HwConnectInterrupt(PHW_CONTEXT Hw)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Ic;
    NDIS_STATUS Status;

    NdisZeroMemory(&Ic, sizeof(Ic));
    Ic.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Ic.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Ic.Header.Size = sizeof(Ic);
    Ic.InterruptHandler = HwIsr;
    Ic.InterruptDpcHandler = HwDpc;
    Status = NdisMRegisterInterruptEx(Hw->MiniportHandle, Hw, &Ic, &Hw->IntrHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        Hw->Connected = TRUE;
    }
    return Status;
}

static VOID
HwDisconnectInterrupt(PHW_CONTEXT Hw)
{
    if (!Hw->Connected) {
        return;
    }
    Hw->Connected = FALSE;
    NdisMDeregisterInterruptEx(Hw->IntrHandle);
}

static BOOLEAN
HwSync(PHW_CONTEXT Hw, MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER Fn, PVOID Ctx)
{
    if (!Hw->Connected) {
        return FALSE;
    }
    return NdisMSynchronizeWithInterruptEx(Hw->IntrHandle, 0, Fn, Ctx);
}

NDIS_STATUS
MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PMP_ADAPTER Adapter;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Attr;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER), MP_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->Hw.MiniportHandle = MiniportAdapterHandle;

    NdisZeroMemory(&Attr, sizeof(Attr));
    Attr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Attr.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Attr.Header.Size = sizeof(Attr);
    Attr.MiniportAdapterContext = Adapter;
    Attr.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Attr);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Status = HwConnectInterrupt(&Adapter->Hw);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    HwSync(&Adapter->Hw, HwSyncWriteItr, &Adapter->Hw);
    if (Adapter->LinkSpeed == 0) {
        Status = NDIS_STATUS_ADAPTER_NOT_FOUND;
        goto Fail;
    }
    return NDIS_STATUS_SUCCESS;

Fail:
    HwDisconnectInterrupt(&Adapter->Hw);
    NdisFreeMemory(Adapter, sizeof(MP_ADAPTER), 0);
    return Status;
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    HwDisconnectInterrupt(&Adapter->Hw);
    NdisFreeMemory(Adapter, sizeof(MP_ADAPTER), 0);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS);
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.InitializeHandlerEx = MpInitializeEx;
    Chars.HaltHandlerEx = MpHaltEx;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &MpDriverHandle);
}
