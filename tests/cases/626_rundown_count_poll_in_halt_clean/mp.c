/*
 * Case 626_rundown_count_poll_in_halt_clean: every filter work item is counted in OutstandingWork before it is queued (only from
 * MiniportOidRequest, which NDIS never runs during or after MiniportHaltEx) and drops the count
 * after its NdisMSynchronizeWithInterruptEx.  RdHaltEx polls the count with NdisMSleep until it
 * is 0 before it deregisters: a queued item runs while halt sleeps, and the loop is left only
 * once the last one is done.  Expected: clean.
 */

#include <ndis.h>

#define RD_TAG              'dRxR'
#define RD_REG_FILTER       0x0A0
#define RD_REG_IMS          0x0D0
#define RD_REG_IMC          0x0D8
#define RD_IMS_ALL          0x0000009D
#define RD_POLL_US          1000
#define RD_POLL_TRIES       50

#define RD_WRITE(_a, _r, _v)  ((_a)->Csr[(_r) >> 2] = (ULONG)(_v))

typedef struct _RD_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    NDIS_HANDLE             InterruptHandle;
    volatile ULONG         *Csr;
    NDIS_HANDLE             FilterWorkItem;
    ULONG                   PendingFilter;
    volatile LONG           OutstandingWork;    /* filter updates queued or running */
    ULONG                   InterruptCause;
} RD_ADAPTER, *PRD_ADAPTER;

static NDIS_HANDLE RdDriverHandle;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE RdInitializeEx;
MINIPORT_HALT RdHaltEx;
MINIPORT_UNLOAD RdUnload;
MINIPORT_OID_REQUEST RdOidRequest;
MINIPORT_ISR RdIsr;
MINIPORT_INTERRUPT_DPC RdDpc;
MINIPORT_SYNCHRONIZE_INTERRUPT RdSyncWriteFilter;
NDIS_IO_WORKITEM_FUNCTION RdFilterWork;

BOOLEAN
RdSyncWriteFilter(NDIS_HANDLE SynchronizeContext)
{
    PRD_ADAPTER Adapter = (PRD_ADAPTER)SynchronizeContext;

    RD_WRITE(Adapter, RD_REG_FILTER, Adapter->PendingFilter);
    return TRUE;
}

BOOLEAN
RdIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PRD_ADAPTER Adapter = (PRD_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(TargetProcessors);
    RD_WRITE(Adapter, RD_REG_IMC, RD_IMS_ALL);
    Adapter->InterruptCause = 1;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
RdDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PRD_ADAPTER Adapter = (PRD_ADAPTER)MiniportInterruptContext;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);
    Adapter->InterruptCause = 0;
    RD_WRITE(Adapter, RD_REG_IMS, RD_IMS_ALL);
}

VOID
RdFilterWork(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle)
{
    PRD_ADAPTER Adapter = (PRD_ADAPTER)WorkItemContext;

    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);
    /* drop the count only once the hardware has the new filter */
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, RdSyncWriteFilter, Adapter);
    InterlockedDecrement(&Adapter->OutstandingWork);
}

NDIS_STATUS
RdOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PRD_ADAPTER Adapter = (PRD_ADAPTER)MiniportAdapterContext;

    if (OidRequest->RequestType == NdisRequestSetInformation &&
        OidRequest->DATA.SET_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER) {
        if (OidRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
            OidRequest->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->PendingFilter = *(PULONG)OidRequest->DATA.SET_INFORMATION.InformationBuffer;
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        /* counted before it is queued: halt waits for the count */
        InterlockedIncrement(&Adapter->OutstandingWork);
        NdisQueueIoWorkItem(Adapter->FilterWorkItem, RdFilterWork, Adapter);
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_NOT_SUPPORTED;
}

NDIS_STATUS
RdInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    PRD_ADAPTER Adapter;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(RD_ADAPTER), RD_TAG,
                                                NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(RD_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;

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

    Adapter->FilterWorkItem = NdisAllocateIoWorkItem(MiniportAdapterHandle);
    if (Adapter->FilterWorkItem == NULL) {
        NdisFreeMemory(Adapter, 0, 0);
        return NDIS_STATUS_RESOURCES;
    }

    NdisZeroMemory(&Intr, sizeof(Intr));
    Intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Intr.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Intr.InterruptHandler = RdIsr;
    Intr.InterruptDpcHandler = RdDpc;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &Intr, &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeIoWorkItem(Adapter->FilterWorkItem);
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
RdHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PRD_ADAPTER Adapter = (PRD_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    RD_WRITE(Adapter, RD_REG_IMC, RD_IMS_ALL);
    /* OID requests have stopped; let the filter updates still queued or running finish */
    while (Adapter->OutstandingWork != 0) {
        NdisMSleep(RD_POLL_US);
    }
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    NdisFreeIoWorkItem(Adapter->FilterWorkItem);
    NdisFreeMemory(Adapter, 0, 0);
}

VOID
RdUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(RdDriverHandle);
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
    Chars.InitializeHandlerEx = RdInitializeEx;
    Chars.HaltHandlerEx = RdHaltEx;
    Chars.UnloadHandler = RdUnload;
    Chars.OidRequestHandler = RdOidRequest;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &RdDriverHandle);
}
