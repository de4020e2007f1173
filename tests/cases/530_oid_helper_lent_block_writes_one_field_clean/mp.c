/*
 * Case 530_oid_helper_lent_block_writes_one_field_clean: the interrupt belongs to a hardware
 * block embedded in the adapter (Adapter->Hw, an HW_CONTEXT with its handle and a Connected
 * flag).  MpInitializeEx connects through HwConnectInterrupt(&Adapter->Hw), which sets
 * Hw->Connected; halt disconnects through HwDisconnectInterrupt(&Adapter->Hw), which
 * deregisters only if Hw->Connected.  The OID handler sets the interrupt moderation with
 * HwSetItr(&Adapter->Hw, ...): a helper that synchronizes (HwSync hands the block on to
 * NdisMSynchronizeWithInterruptEx's callback as its context) and writes only Hw->Itr.
 * Expected: clean.  Before: the OID handler, which touches no interrupt API, was taken to
 * write all of Adapter->Hw because it hands its address to a helper (frames.c counted every
 * `&P` argument as a write of all of P), so Adapter->Hw.Connected was forgotten after it and
 * halt was seen skipping the deregistration (a false Init_RegisterInterrupt alarm at halt's
 * closing brace).  The helper names what it writes by record type (_HW_CONTEXT.Itr); the
 * call writes that field of the block it lends, Adapter->Hw.Itr, and nothing else.
 */

#include <ndis.h>

#define MP_TAG  'iOHM'

typedef struct _HW_CONTEXT {
    NDIS_HANDLE     MiniportHandle;
    NDIS_HANDLE     IntrHandle;
    BOOLEAN         Connected;
    ULONG           Itr;
} HW_CONTEXT, *PHW_CONTEXT;

typedef struct _MP_ADAPTER {
    NDIS_HANDLE     AdapterHandle;
    HW_CONTEXT      Hw;
} MP_ADAPTER, *PMP_ADAPTER;

NDIS_HANDLE MpDriverHandle;

MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_OID_REQUEST MpOidRequest;
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

static VOID
HwSetItr(PHW_CONTEXT Hw, ULONG Itr)
{
    HwSync(Hw, HwSyncWriteItr, Hw);
    Hw->Itr = Itr;
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
    HwSetItr(&Adapter->Hw, 125);
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

NDIS_STATUS
MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PNDIS_INTERRUPT_MODERATION_PARAMETERS Params;

    if (OidRequest->RequestType != NdisRequestSetInformation ||
        OidRequest->DATA.SET_INFORMATION.Oid != OID_GEN_INTERRUPT_MODERATION) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    if (OidRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(NDIS_INTERRUPT_MODERATION_PARAMETERS)) {
        return NDIS_STATUS_INVALID_LENGTH;
    }
    Params = (PNDIS_INTERRUPT_MODERATION_PARAMETERS)OidRequest->DATA.SET_INFORMATION.InformationBuffer;
    HwSetItr(&Adapter->Hw, Params->InterruptModeration == NdisInterruptModerationDisabled ? 0 : 125);
    return NDIS_STATUS_SUCCESS;
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
    Chars.OidRequestHandler = MpOidRequest;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &MpDriverHandle);
}
