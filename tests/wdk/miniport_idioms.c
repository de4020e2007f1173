/* miniport_idioms.c - a small NDIS 6 miniport skeleton written for drvcheck's tests: it must
 * parse with zero errors and zero warnings against the bundled WDK model (rules/wdk). */
#include <ndis.h>
#include <ntstrsafe.h>
#include <ntintsafe.h>
#include <intsafe.h>

#define MP_TAG 'tsTM'

typedef struct _ADAPTER {
    NDIS_HANDLE AdapterHandle;
    NDIS_HANDLE InterruptHandle;
    NDIS_HANDLE DmaHandle;
    NDIS_HANDLE NblPool;
    NDIS_HANDLE TimerHandle;
    NDIS_HANDLE WorkItem;
    NDIS_SPIN_LOCK Lock;
    NDIS_EVENT HaltEvent;
    LIST_ENTRY SendQueue;
    KDPC Dpc;
    PUCHAR RegisterBase;
    BOOLEAN InterruptRegistered;
    ULONG PacketFilter;
    LONG PendingSends;
    UCHAR CurrentAddress[ETH_LENGTH_OF_ADDRESS];
} ADAPTER, *PADAPTER;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_SET_OPTIONS MpSetOptions;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_HALT MpHalt;
MINIPORT_UNLOAD MpUnload;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;
MINIPORT_CANCEL_SEND MpCancelSend;
MINIPORT_CHECK_FOR_HANG MpCheckForHang;
MINIPORT_RESET MpReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpPnpEventNotify;
MINIPORT_SHUTDOWN MpShutdown;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpInterruptDpc;
MINIPORT_ENABLE_INTERRUPT MpEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT MpDisableInterrupt;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSyncDisable;
MINIPORT_PROCESS_SG_LIST MpProcessSgList;
MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE MpSharedMemComplete;
NDIS_TIMER_FUNCTION MpWatchdog;
NDIS_IO_WORKITEM_FUNCTION MpWorkItem;
KDEFERRED_ROUTINE MpKernelDpc;

static NDIS_HANDLE MpDriverHandle;
static NDIS_OID MpSupportedOids[] = { OID_GEN_SUPPORTED_LIST, OID_GEN_CURRENT_PACKET_FILTER, OID_802_3_CURRENT_ADDRESS };

_Use_decl_annotations_
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS chars;
    NDIS_STATUS status;

    NdisZeroMemory(&chars, sizeof(chars));
    chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    chars.SetOptionsHandler = MpSetOptions;
    chars.InitializeHandlerEx = MpInitialize;
    chars.HaltHandlerEx = MpHalt;
    chars.UnloadHandler = MpUnload;
    chars.PauseHandler = MpPause;
    chars.RestartHandler = MpRestart;
    chars.OidRequestHandler = MpOidRequest;
    chars.CancelOidRequestHandler = MpCancelOidRequest;
    chars.SendNetBufferListsHandler = MpSendNetBufferLists;
    chars.ReturnNetBufferListsHandler = MpReturnNetBufferLists;
    chars.CancelSendHandler = MpCancelSend;
    chars.CheckForHangHandlerEx = MpCheckForHang;
    chars.ResetHandlerEx = MpReset;
    chars.DevicePnPEventNotifyHandler = MpPnpEventNotify;
    chars.ShutdownHandlerEx = MpShutdown;

    status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &chars, &MpDriverHandle);
    return NT_SUCCESS(status) ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}

_Use_decl_annotations_
NDIS_STATUS MpSetOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    UNREFERENCED_PARAMETER(NdisDriverHandle);
    UNREFERENCED_PARAMETER(DriverContext);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS MpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
                         PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    NDIS_STATUS status = NDIS_STATUS_SUCCESS;
    PADAPTER adapter;
    NDIS_MINIPORT_ADAPTER_ATTRIBUTES attrs;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS intr;
    NDIS_SG_DMA_DESCRIPTION dma;
    NET_BUFFER_LIST_POOL_PARAMETERS pool;
    NDIS_TIMER_CHARACTERISTICS timer;
    NDIS_CONFIGURATION_OBJECT config;
    NDIS_HANDLE configHandle = NULL;
    PNDIS_CONFIGURATION_PARAMETER param = NULL;
    NDIS_STRING keyword = NDIS_STRING_CONST("PacketFilter");
    ULONG i;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(*adapter), MP_TAG, NormalPoolPriority);
    if (adapter == NULL)
        return NDIS_STATUS_RESOURCES;
    NdisZeroMemory(adapter, sizeof(*adapter));
    adapter->AdapterHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&adapter->Lock);
    NdisInitializeEvent(&adapter->HaltEvent);
    InitializeListHead(&adapter->SendQueue);
    KeInitializeDpc(&adapter->Dpc, MpKernelDpc, adapter);

    do {
        NdisZeroMemory(&attrs, sizeof(attrs));
        attrs.RegistrationAttributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
        attrs.RegistrationAttributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
        attrs.RegistrationAttributes.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
        attrs.RegistrationAttributes.MiniportAdapterContext = adapter;
        attrs.RegistrationAttributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
        attrs.RegistrationAttributes.CheckForHangTimeInSeconds = 2;
        attrs.RegistrationAttributes.InterfaceType = NdisInterfacePci;
        status = NdisMSetMiniportAttributes(MiniportAdapterHandle, &attrs);
        if (status != NDIS_STATUS_SUCCESS)
            break;

        config.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
        config.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
        config.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
        config.NdisHandle = MiniportAdapterHandle;
        config.Flags = 0;
        if (NdisOpenConfigurationEx(&config, &configHandle) == NDIS_STATUS_SUCCESS) {
            NdisReadConfiguration(&status, &param, configHandle, &keyword, NdisParameterInteger);
            if (status == NDIS_STATUS_SUCCESS && param->ParameterType == NdisParameterInteger)
                adapter->PacketFilter = param->ParameterData.IntegerData;
            NdisCloseConfiguration(configHandle);
        }

        for (i = 0; InitParameters->AllocatedResources != NULL && i < InitParameters->AllocatedResources->Count; i++) {
            PCM_PARTIAL_RESOURCE_DESCRIPTOR res = &InitParameters->AllocatedResources->PartialDescriptors[i];
            if (res->Type == CmResourceTypeMemory) {
                status = NdisMMapIoSpace((PVOID *)&adapter->RegisterBase, MiniportAdapterHandle,
                                         res->u.Memory.Start, res->u.Memory.Length);
                if (status != NDIS_STATUS_SUCCESS)
                    break;
            }
        }

        NdisZeroMemory(&dma, sizeof(dma));
        dma.Header.Type = NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION;
        dma.Header.Revision = NDIS_SG_DMA_DESCRIPTION_REVISION_1;
        dma.Header.Size = NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_1;
        dma.Flags = NDIS_SG_DMA_64_BIT_ADDRESS;
        dma.MaximumPhysicalMapping = 0x10000;
        dma.ProcessSGListHandler = MpProcessSgList;
        dma.SharedMemAllocateCompleteHandler = MpSharedMemComplete;
        status = NdisMRegisterScatterGatherDma(MiniportAdapterHandle, &dma, &adapter->DmaHandle);
        if (status != NDIS_STATUS_SUCCESS)
            break;

        NdisZeroMemory(&pool, sizeof(pool));
        pool.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        pool.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
        pool.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
        pool.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
        pool.fAllocateNetBuffer = TRUE;
        pool.PoolTag = MP_TAG;
        adapter->NblPool = NdisAllocateNetBufferListPool(MiniportAdapterHandle, &pool);
        if (adapter->NblPool == NULL) {
            status = NDIS_STATUS_RESOURCES;
            break;
        }

        NdisZeroMemory(&intr, sizeof(intr));
        intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
        intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
        intr.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
        intr.InterruptHandler = MpIsr;
        intr.InterruptDpcHandler = MpInterruptDpc;
        intr.EnableInterruptHandler = MpEnableInterrupt;
        intr.DisableInterruptHandler = MpDisableInterrupt;
        status = NdisMRegisterInterruptEx(MiniportAdapterHandle, adapter, &intr, &adapter->InterruptHandle);
        if (status != NDIS_STATUS_SUCCESS)
            break;
        adapter->InterruptRegistered = TRUE;

        NdisZeroMemory(&timer, sizeof(timer));
        timer.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
        timer.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
        timer.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
        timer.AllocationTag = MP_TAG;
        timer.TimerFunction = MpWatchdog;
        timer.FunctionContext = adapter;
        status = NdisAllocateTimerObject(MiniportAdapterHandle, &timer, &adapter->TimerHandle);
        if (status != NDIS_STATUS_SUCCESS)
            break;

        adapter->WorkItem = NdisAllocateIoWorkItem(MiniportAdapterHandle);
        if (adapter->WorkItem == NULL) {
            status = NDIS_STATUS_RESOURCES;
            break;
        }
    } while (FALSE);

    if (status != NDIS_STATUS_SUCCESS)
        MpHalt(adapter, NdisHaltDeviceInitializationFailed);
    return status;
}

_Use_decl_annotations_
BOOLEAN MpSyncDisable(NDIS_HANDLE SynchronizeContext)
{
    PADAPTER adapter = (PADAPTER)SynchronizeContext;
    if (adapter->RegisterBase != NULL)
        NdisWriteRegisterUlong((PULONG)(adapter->RegisterBase + 0x10), 0);
    return TRUE;
}

_Use_decl_annotations_
VOID MpHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PADAPTER adapter = (PADAPTER)MiniportAdapterContext;
    UNREFERENCED_PARAMETER(HaltAction);
    if (adapter->InterruptRegistered) {
        NdisMSynchronizeWithInterruptEx(adapter->InterruptHandle, 0, MpSyncDisable, adapter);
        NdisMDeregisterInterruptEx(adapter->InterruptHandle);
        adapter->InterruptRegistered = FALSE;
    }
    if (adapter->TimerHandle != NULL) {
        NdisCancelTimerObject(adapter->TimerHandle);
        NdisFreeTimerObject(adapter->TimerHandle);
    }
    if (adapter->WorkItem != NULL)
        NdisFreeIoWorkItem(adapter->WorkItem);
    if (adapter->NblPool != NULL)
        NdisFreeNetBufferListPool(adapter->NblPool);
    if (adapter->DmaHandle != NULL)
        NdisMDeregisterScatterGatherDma(adapter->DmaHandle);
    NdisFreeSpinLock(&adapter->Lock);
    NdisFreeMemoryWithTagPriority(adapter->AdapterHandle, adapter, MP_TAG);
}

_Use_decl_annotations_
VOID MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(MpDriverHandle);
}

_Use_decl_annotations_
NDIS_STATUS MpPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PauseParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS MpRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PADAPTER adapter = (PADAPTER)MiniportAdapterContext;
    NDIS_STATUS status = NDIS_STATUS_SUCCESS;

    switch (OidRequest->RequestType) {
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        switch (OidRequest->DATA.QUERY_INFORMATION.Oid) {
        case OID_GEN_SUPPORTED_LIST:
            if (OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength < sizeof(MpSupportedOids)) {
                OidRequest->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(MpSupportedOids);
                status = NDIS_STATUS_BUFFER_TOO_SHORT;
                break;
            }
            NdisMoveMemory(OidRequest->DATA.QUERY_INFORMATION.InformationBuffer, MpSupportedOids, sizeof(MpSupportedOids));
            OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(MpSupportedOids);
            break;
        case OID_802_3_CURRENT_ADDRESS:
            NdisMoveMemory(OidRequest->DATA.QUERY_INFORMATION.InformationBuffer, adapter->CurrentAddress, ETH_LENGTH_OF_ADDRESS);
            OidRequest->DATA.QUERY_INFORMATION.BytesWritten = ETH_LENGTH_OF_ADDRESS;
            break;
        default:
            status = NDIS_STATUS_NOT_SUPPORTED;
            break;
        }
        break;
    case NdisRequestSetInformation:
        if (OidRequest->DATA.SET_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER) {
            NdisAcquireSpinLock(&adapter->Lock);
            adapter->PacketFilter = *(PULONG)OidRequest->DATA.SET_INFORMATION.InformationBuffer;
            NdisReleaseSpinLock(&adapter->Lock);
            OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        } else {
            status = NDIS_STATUS_INVALID_OID;
        }
        break;
    default:
        status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }
    return status;
}

_Use_decl_annotations_
VOID MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

_Use_decl_annotations_
VOID MpSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                          NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PADAPTER adapter = (PADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST nbl;
    PNET_BUFFER nb;
    ULONG completeFlags = 0;

    UNREFERENCED_PARAMETER(PortNumber);
    for (nbl = NetBufferLists; nbl != NULL; nbl = NET_BUFFER_LIST_NEXT_NBL(nbl)) {
        for (nb = NET_BUFFER_LIST_FIRST_NB(nbl); nb != NULL; nb = NET_BUFFER_NEXT_NB(nb)) {
            PUCHAR header = NdisGetDataBuffer(nb, 14, NULL, 1, 0);
            if (header != NULL && ETH_IS_BROADCAST(header))
                InterlockedIncrement(&adapter->PendingSends);
        }
        NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_SUCCESS;
    }
    if (NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags))
        NDIS_SET_SEND_COMPLETE_FLAG(completeFlags, NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
    NdisMSendNetBufferListsComplete(adapter->AdapterHandle, NetBufferLists, completeFlags);
}

_Use_decl_annotations_
VOID MpReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ReturnFlags);
    while (NetBufferLists != NULL) {
        PNET_BUFFER_LIST next = NET_BUFFER_LIST_NEXT_NBL(NetBufferLists);
        NdisFreeNetBufferList(NetBufferLists);
        NetBufferLists = next;
    }
}

_Use_decl_annotations_
VOID MpCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

_Use_decl_annotations_
BOOLEAN MpCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    return FALSE;
}

_Use_decl_annotations_
NDIS_STATUS MpReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    *AddressingReset = FALSE;
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID MpPnpEventNotify(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    if (NetDevicePnPEvent->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved)
        KdPrint(("surprise removed\n"));
}

_Use_decl_annotations_
VOID MpShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ShutdownAction);
}

_Use_decl_annotations_
BOOLEAN MpIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PADAPTER adapter = (PADAPTER)MiniportInterruptContext;
    ULONG cause = 0;
    UNREFERENCED_PARAMETER(TargetProcessors);
    NdisReadRegisterUlong((PULONG)adapter->RegisterBase, &cause);
    *QueueDefaultInterruptDpc = (BOOLEAN)(cause != 0);
    return (BOOLEAN)(cause != 0);
}

_Use_decl_annotations_
VOID MpInterruptDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext,
                    PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PADAPTER adapter = (PADAPTER)MiniportInterruptContext;
    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);
    NdisDprAcquireSpinLock(&adapter->Lock);
    if (!IsListEmpty(&adapter->SendQueue))
        (void)RemoveHeadList(&adapter->SendQueue);
    NdisDprReleaseSpinLock(&adapter->Lock);
    NdisQueueIoWorkItem(adapter->WorkItem, MpWorkItem, adapter);
}

_Use_decl_annotations_
VOID MpEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    UNREFERENCED_PARAMETER(MiniportInterruptContext);
}

_Use_decl_annotations_
VOID MpDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    UNREFERENCED_PARAMETER(MiniportInterruptContext);
}

_Use_decl_annotations_
VOID MpProcessSgList(PDEVICE_OBJECT pDO, PVOID Reserved, PSCATTER_GATHER_LIST pSGL, PVOID Context)
{
    UNREFERENCED_PARAMETER(pDO);
    UNREFERENCED_PARAMETER(Reserved);
    UNREFERENCED_PARAMETER(Context);
    ASSERT(pSGL->NumberOfElements > 0);
    UNREFERENCED_PARAMETER(pSGL);
}

_Use_decl_annotations_
VOID MpSharedMemComplete(NDIS_HANDLE MiniportAdapterContext, PVOID VirtualAddress,
                         PNDIS_PHYSICAL_ADDRESS PhysicalAddress, ULONG Length, PVOID Context)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(VirtualAddress);
    UNREFERENCED_PARAMETER(PhysicalAddress);
    UNREFERENCED_PARAMETER(Length);
    UNREFERENCED_PARAMETER(Context);
}

_Use_decl_annotations_
VOID MpWatchdog(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PADAPTER adapter = (PADAPTER)FunctionContext;
    LARGE_INTEGER due;
    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);
    due.QuadPart = -10000LL * 2000;
    NdisSetTimerObject(adapter->TimerHandle, due, 0, adapter);
}

_Use_decl_annotations_
VOID MpWorkItem(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle)
{
    PADAPTER adapter = (PADAPTER)WorkItemContext;
    WCHAR name[32];
    UNREFERENCED_PARAMETER(NdisIoWorkItemHandle);
    (void)RtlStringCchPrintfW(name, RTL_NUMBER_OF(name), L"adapter-%p", adapter);
    NdisSetEvent(&adapter->HaltEvent);
}

_Use_decl_annotations_
VOID MpKernelDpc(PKDPC Dpc, PVOID DeferredContext, PVOID SystemArgument1, PVOID SystemArgument2)
{
    PADAPTER adapter = (PADAPTER)DeferredContext;
    KIRQL irql;
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(SystemArgument1);
    UNREFERENCED_PARAMETER(SystemArgument2);
    ASSERT(KeGetCurrentIrql() == DISPATCH_LEVEL);
    KeRaiseIrql(DISPATCH_LEVEL, &irql);
    __try {
        if (adapter == NULL)
            ExRaiseStatus(STATUS_INVALID_PARAMETER);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        KeBugCheckEx(0xDEAD, (ULONG_PTR)adapter, 0, 0, 0);
    }
    KeLowerIrql(irql);
}

/* intsafe.h's HRESULT routines next to ntintsafe.h's NTSTATUS ones, as e100bex includes both. */
ULONG MpRingBytes(ULONG Descriptors, ULONG DescriptorSize)
{
    ULONG bytes = 0;
    SIZE_T total = 0;
    if (FAILED(ULongMult(Descriptors, DescriptorSize, &bytes)))
        return 0;
    if (!NT_SUCCESS(RtlSizeTAdd(bytes, PAGE_SIZE, &total)) || FAILED(SizeTToULong(total, &bytes)))
        return 0;
    return bytes;
}
