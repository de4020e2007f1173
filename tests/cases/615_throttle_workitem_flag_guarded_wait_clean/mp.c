/*
 * Case 615_throttle_workitem_flag_guarded_wait_clean: like 611, but the throttle work item is
 * tracked by a flag as well as by its event: TmSetModeration queues it only while
 * `(Flags & (TM_F_QUEUED | TM_F_HALTING)) == 0` (a two-bit mask test), setting TM_F_QUEUED;
 * the work item clears the flag and sets the event after it synchronizes; TmHaltEx sets
 * TM_F_HALTING and waits on the event only while TM_F_QUEUED says one is queued.  No work item
 * runs after the deregistration.  Expected: clean.  (The helper that queued was analysed apart
 * from the gate it moves: a path on which it did not queue forgot whether one was queued, and
 * halt's untaken wait let the item run after it, a false error; blind round 7.)
 */

#include <ndis.h>

#define TM_TAG              'mhTx'
#define TM_CSR_SIZE         0x100
#define TM_REG_ITR          0x0C4
#define TM_REG_IMS          0x0D0
#define TM_REG_IMC          0x0D8
#define TM_IMS_ALL          0x0000009D
#define TM_ITR_DEFAULT      488

#define TM_F_QUEUED         0x00000100
#define TM_F_HALTING        0x00000008

#define TM_WRITE(_a, _r, _v)  ((_a)->Csr[(_r) >> 2] = (ULONG)(_v))

typedef struct _TM_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    NDIS_HANDLE             InterruptHandle;
    volatile ULONG         *Csr;
    NDIS_HANDLE             ThrottleWorkItem;
    NDIS_EVENT              ThrottleIdle;
    ULONG                   Flags;
    ULONG                   ThrottleRate;
    LONG                    ThrottlePending;
    ULONG                   InterruptCause;
} TM_ADAPTER, *PTM_ADAPTER;

static NDIS_HANDLE TmDriverHandle;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE TmInitializeEx;
MINIPORT_HALT TmHaltEx;
MINIPORT_UNLOAD TmUnload;
MINIPORT_OID_REQUEST TmOidRequest;
MINIPORT_ISR TmIsr;
MINIPORT_INTERRUPT_DPC TmDpc;
MINIPORT_SYNCHRONIZE_INTERRUPT TmSyncWriteThrottle;
NDIS_IO_WORKITEM_FUNCTION TmThrottleWork;

BOOLEAN
TmSyncWriteThrottle(NDIS_HANDLE SynchronizeContext)
{
    PTM_ADAPTER Adapter = (PTM_ADAPTER)SynchronizeContext;

    TM_WRITE(Adapter, TM_REG_ITR, Adapter->ThrottleRate);
    return TRUE;
}

BOOLEAN
TmIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PTM_ADAPTER Adapter = (PTM_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(TargetProcessors);
    TM_WRITE(Adapter, TM_REG_IMC, TM_IMS_ALL);
    Adapter->InterruptCause = 1;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
TmDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PTM_ADAPTER Adapter = (PTM_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);
    Adapter->InterruptCause = 0;
    TM_WRITE(Adapter, TM_REG_IMS, TM_IMS_ALL);
}

VOID
TmThrottleWork(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle)
{
    PTM_ADAPTER Adapter = (PTM_ADAPTER)WorkItemContext;

    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, TmSyncWriteThrottle, Adapter);
    Adapter->Flags &= ~TM_F_QUEUED;
    NdisSetEvent(&Adapter->ThrottleIdle);
}

static NDIS_STATUS
TmSetModeration(PTM_ADAPTER Adapter, PNDIS_INTERRUPT_MODERATION_PARAMETERS Params)
{
    if (Params->InterruptModeration == NdisInterruptModerationNotSupported) {
        return NDIS_STATUS_INVALID_DATA;
    }
    Adapter->ThrottleRate = Params->InterruptModeration == NdisInterruptModerationEnabled
                                ? TM_ITR_DEFAULT : 0;
    if ((Adapter->Flags & (TM_F_QUEUED | TM_F_HALTING)) == 0) {
        Adapter->Flags |= TM_F_QUEUED;
        NdisResetEvent(&Adapter->ThrottleIdle);
        NdisQueueIoWorkItem(Adapter->ThrottleWorkItem, TmThrottleWork, Adapter);
    }
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
TmOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PTM_ADAPTER Adapter = (PTM_ADAPTER)MiniportAdapterContext;

    if (OidRequest->RequestType == NdisRequestSetInformation &&
        OidRequest->DATA.SET_INFORMATION.Oid == OID_GEN_INTERRUPT_MODERATION) {
        if (OidRequest->DATA.SET_INFORMATION.InformationBufferLength <
            sizeof(NDIS_INTERRUPT_MODERATION_PARAMETERS)) {
            OidRequest->DATA.SET_INFORMATION.BytesNeeded = sizeof(NDIS_INTERRUPT_MODERATION_PARAMETERS);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(NDIS_INTERRUPT_MODERATION_PARAMETERS);
        return TmSetModeration(Adapter, (PNDIS_INTERRUPT_MODERATION_PARAMETERS)
                                            OidRequest->DATA.SET_INFORMATION.InformationBuffer);
    }
    return NDIS_STATUS_NOT_SUPPORTED;
}

NDIS_STATUS
TmInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    PTM_ADAPTER Adapter;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(TM_ADAPTER), TM_TAG,
                                                NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(TM_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    NdisInitializeEvent(&Adapter->ThrottleIdle);
    NdisSetEvent(&Adapter->ThrottleIdle);

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.MiniportAdapterContext = Adapter;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }

    Adapter->ThrottleWorkItem = NdisAllocateIoWorkItem(MiniportAdapterHandle);
    if (Adapter->ThrottleWorkItem == NULL) {
        NdisFreeMemory(Adapter, 0, 0);
        return NDIS_STATUS_RESOURCES;
    }

    NdisZeroMemory(&Intr, sizeof(Intr));
    Intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Intr.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Intr.InterruptHandler = TmIsr;
    Intr.InterruptDpcHandler = TmDpc;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &Intr, &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeIoWorkItem(Adapter->ThrottleWorkItem);
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
TmHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PTM_ADAPTER Adapter = (PTM_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    TM_WRITE(Adapter, TM_REG_IMC, TM_IMS_ALL);
    Adapter->Flags |= TM_F_HALTING;
    /* wait for a throttle update still queued or running */
    if ((Adapter->Flags & TM_F_QUEUED) != 0) {
        NdisWaitEvent(&Adapter->ThrottleIdle, 0);
    }
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    NdisFreeIoWorkItem(Adapter->ThrottleWorkItem);
    NdisFreeMemory(Adapter, 0, 0);
}

VOID
TmUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(TmDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.InitializeHandlerEx = TmInitializeEx;
    Chars.HaltHandlerEx = TmHaltEx;
    Chars.UnloadHandler = TmUnload;
    Chars.OidRequestHandler = TmOidRequest;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &TmDriverHandle);
}
