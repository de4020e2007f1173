/*
 * Case 330_alloc_block_dereg_only_in_halt_defect: twin of 299, the e100bex shape of
 * MiniportInitializeEx.  The
 * adapter block comes from a helper that returns a status and hands the block back through an out
 * parameter (MpAllocAdapterBlock(&Adapter, ...)), failing with the out parameter left NULL; the
 * helper touches no rule API.  Initialization is one do { ... } while (FALSE) whose failures
 * break out to a single cleanup, `if (Adapter && Status != NDIS_STATUS_SUCCESS)
 * MpFreeAdapter(Adapter)`.  Here the deregistration moved into MPHalt, before its MpFreeAdapter:
 * when the self test after the registration fails (the hardware writes its signature), the
 * cleanup frees the adapter but leaves the interrupt registered.  Expected: one
 * Init_RegisterInterrupt defect at MPInitialize's return; clean for the other rules.
 */
#include <ndis.h>

#define MP_TAG                      'b1PM'
#define fMP_ADAPTER_INTERRUPT_IN_USE 0x00000008
#define fMP_ADAPTER_LINK_DETECTION   0x20000000

#define MP_SET_FLAG(_M, _F)         ((_M)->Flags |= (_F))
#define MP_CLEAR_FLAG(_M, _F)       ((_M)->Flags &= ~(_F))
#define MP_TEST_FLAG(_M, _F)        (((_M)->Flags & (_F)) != 0)

typedef struct _SELF_TEST {
    ULONG Signature;
    ULONG Results;
} SELF_TEST, *PSELF_TEST;

typedef struct _MP_ADAPTER {
    NDIS_HANDLE     AdapterHandle;
    NDIS_HANDLE     NdisInterruptHandle;
    ULONG           Flags;
    LONG            RefCount;
    PSELF_TEST      SelfTest;
    NDIS_SPIN_LOCK  Lock;
    NDIS_HANDLE     ResetWorkItem;
} MP_ADAPTER, *PMP_ADAPTER;

MINIPORT_INITIALIZE MPInitialize;
MINIPORT_HALT MPHalt;
MINIPORT_ISR MPIsr;
MINIPORT_INTERRUPT_DPC MPDpc;
MINIPORT_ENABLE_INTERRUPT MPEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT MPDisableInterrupt;
MINIPORT_PAUSE MPPause;
MINIPORT_RESTART MPRestart;
MINIPORT_OID_REQUEST MPOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MPSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MPReturnNetBufferLists;
MINIPORT_CANCEL_SEND MPCancelSend;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MPPnPEventNotify;
MINIPORT_SHUTDOWN MPShutdown;
MINIPORT_CANCEL_OID_REQUEST MPCancelOidRequest;
MINIPORT_UNLOAD MPUnload;
DRIVER_INITIALIZE DriverEntry;

NDIS_HANDLE NdisMiniportDriverHandle;

NDIS_STATUS MpAllocAdapterBlock(PMP_ADAPTER *pAdapter, NDIS_HANDLE MiniportAdapterHandle)
{
    PMP_ADAPTER Adapter;
    NDIS_STATUS Status;

    *pAdapter = NULL;
    do {
        Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER),
                                                    MP_TAG, NormalPoolPriority);
        if (Adapter == NULL) {
            Status = NDIS_STATUS_RESOURCES;
            break;
        }
        Status = NDIS_STATUS_SUCCESS;
        NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
        NdisInterlockedIncrement(&Adapter->RefCount);
        NdisAllocateSpinLock(&Adapter->Lock);
        Adapter->ResetWorkItem = NdisAllocateIoWorkItem(MiniportAdapterHandle);
        if (Adapter->ResetWorkItem == NULL) {
            Status = NDIS_STATUS_RESOURCES;
            break;
        }
    } while (FALSE);

    *pAdapter = Adapter;
    return Status;
}

VOID MpFreeAdapter(PMP_ADAPTER Adapter)
{
    if (Adapter->ResetWorkItem != NULL) {
        NdisFreeIoWorkItem(Adapter->ResetWorkItem);
        Adapter->ResetWorkItem = NULL;
    }
    if (Adapter->SelfTest != NULL) {
        NdisFreeMemory(Adapter->SelfTest, sizeof(SELF_TEST), 0);
        Adapter->SelfTest = NULL;
    }
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, sizeof(MP_ADAPTER), 0);
}

NDIS_STATUS NICSelfTest(PMP_ADAPTER Adapter)
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;

    Adapter->SelfTest->Signature = 0;
    Adapter->SelfTest->Results = 0xffffffff;
    // the device writes both words by DMA within 10 us
    NdisStallExecution(10);
    if (Adapter->SelfTest->Signature == 0 || Adapter->SelfTest->Results != 0) {
        NdisWriteErrorLogEntry(Adapter->AdapterHandle, NDIS_ERROR_CODE_HARDWARE_FAILURE, 0);
        Status = NDIS_STATUS_DEVICE_FAILED;
    }
    return Status;
}

BOOLEAN MPIsr(NDIS_HANDLE Context, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    UNREFERENCED_PARAMETER(Context);
    *TargetProcessors = 0;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID MPDpc(NDIS_HANDLE Context, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
           PVOID NdisReserved2)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);
}

VOID MPEnableInterrupt(NDIS_HANDLE Context) { UNREFERENCED_PARAMETER(Context); }
VOID MPDisableInterrupt(NDIS_HANDLE Context) { UNREFERENCED_PARAMETER(Context); }

NDIS_STATUS MPInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
                         PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    PMP_ADAPTER Adapter = NULL;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Interrupt;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    do {
        Status = MpAllocAdapterBlock(&Adapter, MiniportAdapterHandle);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }
        Adapter->AdapterHandle = MiniportAdapterHandle;

        NdisZeroMemory(&RegistrationAttributes, sizeof(RegistrationAttributes));
        RegistrationAttributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
        RegistrationAttributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
        RegistrationAttributes.Header.Size = sizeof(RegistrationAttributes);
        RegistrationAttributes.MiniportAdapterContext = (NDIS_HANDLE)Adapter;
        RegistrationAttributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE;
        RegistrationAttributes.CheckForHangTimeInSeconds = 2;
        RegistrationAttributes.InterfaceType = NdisInterfacePci;
        Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                            (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegistrationAttributes);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        Adapter->SelfTest = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(SELF_TEST),
                                                              MP_TAG, NormalPoolPriority);
        if (Adapter->SelfTest == NULL) {
            Status = NDIS_STATUS_RESOURCES;
            break;
        }

        NdisZeroMemory(&Interrupt, sizeof(Interrupt));
        Interrupt.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
        Interrupt.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
        Interrupt.Header.Size = sizeof(Interrupt);
        Interrupt.InterruptHandler = MPIsr;
        Interrupt.InterruptDpcHandler = MPDpc;
        Interrupt.DisableInterruptHandler = MPDisableInterrupt;
        Interrupt.EnableInterruptHandler = MPEnableInterrupt;
        Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &Interrupt,
                                          &Adapter->NdisInterruptHandle);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }
        MP_SET_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE);

        Status = NICSelfTest(Adapter);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }
        MP_SET_FLAG(Adapter, fMP_ADAPTER_LINK_DETECTION);
        NdisInterlockedIncrement(&Adapter->RefCount);
    } while (FALSE);

    if (Adapter && (Status != NDIS_STATUS_SUCCESS)) {
        NdisInterlockedDecrement(&Adapter->RefCount);
        MpFreeAdapter(Adapter);
    }
    return Status;      // defect: Init_RegisterInterrupt
}

VOID MPHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_LINK_DETECTION);
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
        NdisMDeregisterInterruptEx(Adapter->NdisInterruptHandle);
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE);
    }
    NdisInterlockedDecrement(&Adapter->RefCount);
    MpFreeAdapter(Adapter);
}

NDIS_STATUS MPPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS Params)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(Params);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS MPRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS Params)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(Params);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS MPOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST NdisRequest)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NdisRequest);
    return NDIS_STATUS_NOT_SUPPORTED;
}

VOID MPCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID MPSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                          NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;

    UNREFERENCED_PARAMETER(PortNumber);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_FAILURE;
    }
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists,
                                    NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags)
                                        ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID MPReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                            ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID MPCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

VOID MPPnPEventNotify(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID MPShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(ShutdownAction);
}

VOID MPUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(NdisMiniportDriverHandle);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MPChar;

    NdisZeroMemory(&MPChar, sizeof(MPChar));
    MPChar.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MPChar.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    MPChar.Header.Size = sizeof(MPChar);
    MPChar.MajorNdisVersion = 6;
    MPChar.MinorNdisVersion = 0;
    MPChar.InitializeHandlerEx = MPInitialize;
    MPChar.HaltHandlerEx = MPHalt;
    MPChar.UnloadHandler = MPUnload;
    MPChar.PauseHandler = MPPause;
    MPChar.RestartHandler = MPRestart;
    MPChar.OidRequestHandler = MPOidRequest;
    MPChar.SendNetBufferListsHandler = MPSendNetBufferLists;
    MPChar.ReturnNetBufferListsHandler = MPReturnNetBufferLists;
    MPChar.CancelSendHandler = MPCancelSend;
    MPChar.DevicePnPEventNotifyHandler = MPPnPEventNotify;
    MPChar.ShutdownHandlerEx = MPShutdown;
    MPChar.CancelOidRequestHandler = MPCancelOidRequest;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &MPChar,
                                       &NdisMiniportDriverHandle);
}
