/*
 * Case 186_nx_teardown_step_param_defect (Contoso NX-200, four .c files and one header, scanned as
 * `drvcheck scan compile_commands.json`; the database builds with -DDBG=1 -DNX_MSIX=1).
 * Idioms: MP_SET/CLEAR/TEST_FLAG, DBGPRINT with variadic arguments (also none), ASSERT with
 * DBG=1, NT_SUCCESS chains, do/while(0) wrappers, a `static FORCEINLINE` sync helper in nx.h
 * (included by every .c) that tests the in-use flag before NdisMSynchronizeWithInterruptEx,
 * a `static const` hardware ops table in hw.c called from adapter.c, characteristics set in
 * init.c, a synchronize routine that calls a flag-testing helper in hw.c, and the
 * deregistration four calls deep: MpHaltEx (adapter.c) -> NxHwShutdown (hw.c) -> NxIntrRelease
 * (intr.c) -> NxIntrDisconnect (intr.c) -> NdisMDeregisterInterruptEx.
 * Defect: the NX_MSIX disconnect path (the one this build compiles) NULLs the handle but keeps
 * fMP_ADAPTER_INTERRUPT_IN_USE, so halt's `Adapter->HwOps->Stop` masks the chip through
 * NxSyncWithIsr after the deregistration.  The line-based #else path clears the flag.
 * This case (180 plus one link): NxHwShutdown runs each teardown step through
 * NxRunTeardownStep(Adapter, NxIntrRelease, "interrupt"), a logging runner that calls the step
 * through its function-pointer parameter.  Same single defect as 180.
 */

#include "nx.h"

static VOID
NxFreeAdapter(PNX_ADAPTER Adapter)
{
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeMemory(Adapter, sizeof(NX_ADAPTER), 0);
}

static NDIS_STATUS
NxSetRegistrationAttributes(PNX_ADAPTER Adapter)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    Reg.CheckForHangTimeInSeconds = 2;
    Reg.InterfaceType = NdisInterfacePci;
    return NdisMSetMiniportAttributes(Adapter->AdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
}

NDIS_STATUS
MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PNX_ADAPTER Adapter;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    DBGPRINT(MP_TRACE, "==> MpInitializeEx\n");

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(NX_ADAPTER), NX_POOL_TAG,
                                                NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(NX_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->MessageCount = NX_MAX_MESSAGES;
    NdisAllocateSpinLock(&Adapter->SendLock);

    do {
        Status = NxSetRegistrationAttributes(Adapter);
        if (!NT_SUCCESS(Status)) {
            break;
        }
        Status = NxHwAttach(Adapter, MiniportInitParameters);
        if (!NT_SUCCESS(Status)) {
            break;
        }
        Status = NxIntrConnect(Adapter);
        if (!NT_SUCCESS(Status)) {
            break;
        }
        Status = Adapter->HwOps->Reset(Adapter);
        if (!NT_SUCCESS(Status)) {
            break;
        }
        Status = Adapter->HwOps->Start(Adapter);
    } while (FALSE);

    if (!NT_SUCCESS(Status)) {
        DBGPRINT(MP_ERROR, "MpInitializeEx failed %08x\n", Status);
        NxHwShutdown(Adapter);
        NxFreeAdapter(Adapter);
        return Status;
    }

    MP_SET_FLAG(Adapter, fMP_ADAPTER_PAUSED);
    DBGPRINT(MP_TRACE, "<== MpInitializeEx %p\n", Adapter);
    return NDIS_STATUS_SUCCESS;
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportAdapterContext;

    DBGPRINT(MP_TRACE, "==> MpHaltEx %p action %d\n", Adapter, HaltAction);
    ASSERT(MP_TEST_FLAG(Adapter, fMP_ADAPTER_PAUSED));

    NxHwShutdown(Adapter);
    Adapter->HwOps->Stop(Adapter);                                  /* masks through NxSyncWithIsr */
    NxFreeAdapter(Adapter);
    DBGPRINT(MP_TRACE, "<== MpHaltEx\n");
}

NDIS_STATUS
MpPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(PauseParameters);
    MP_SET_FLAG(Adapter, fMP_ADAPTER_PAUSED);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_NOT_READY_MASK)) {
        return NDIS_STATUS_HARD_ERRORS;
    }
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_PAUSED);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpResetEx(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;
    MP_SET_FLAG(Adapter, fMP_ADAPTER_RESET_IN_PROGRESS);
    Status = Adapter->HwOps->Reset(Adapter);
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_RESET_IN_PROGRESS);
    if (NT_SUCCESS(Status)) {
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR);
        Status = Adapter->HwOps->Start(Adapter);
    }
    DBGPRINT_S(Status, "MpResetEx");
    return Status;
}

BOOLEAN
MpCheckForHangEx(NDIS_HANDLE MiniportAdapterContext)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportAdapterContext;

    return MP_TEST_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR) ? TRUE : FALSE;
}

VOID
MpShutdownEx(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    if (NxHwIsAccessible(Adapter)) {
        NX_WRITE_REG(Adapter, NX_REG_IMR, 0);
        NX_WRITE_REG(Adapter, NX_REG_RCTL, 0);
    }
}

VOID
MpDevicePnPEventNotify(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportAdapterContext;

    if (NetDevicePnPEvent->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved) {
        MP_SET_FLAG(Adapter, fMP_ADAPTER_SURPRISE_REMOVED);
    }
}

NDIS_STATUS
MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportAdapterContext;

    if (OidRequest->RequestType == NdisRequestSetInformation &&
        OidRequest->DATA.SET_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER) {
        if (OidRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
            OidRequest->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->HwOps->SetFilter(Adapter, *(PULONG)OidRequest->DATA.SET_INFORMATION.InformationBuffer);
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_NOT_SUPPORTED;
}

VOID
MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
MpSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PNX_ADAPTER Adapter = (PNX_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(PortNumber);
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_PAUSED | fMP_ADAPTER_NOT_READY_MASK)) {
        Status = NDIS_STATUS_PAUSED;
    }
    NdisAcquireSpinLock(&Adapter->SendLock);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
        if (NT_SUCCESS(Status)) {
            Adapter->FramesSent++;
        }
    }
    NdisReleaseSpinLock(&Adapter->SendLock);
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists,
                                    NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ?
                                    NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
MpReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
MpCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}
