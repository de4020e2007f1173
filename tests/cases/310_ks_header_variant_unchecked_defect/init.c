/*
 * Case 310_ks_header_variant_unchecked_defect (init.c): 304 with KsSynchronize (the
 * `static __forceinline` helper in ks.h) compiled two ways: init.c gets it with the
 * KS_F_INTERRUPT test, oid.c defines KS_CALLER_CHECKS_INTERRUPT before including ks.h and gets it
 * without, its callers testing the flag themselves, except the statistics query.  After the last
 * failed reset attempt released the interrupt (and cleared the flag), a statistics query
 * synchronizes through oid.c's copy: one defect, at the synchronize in ks.h.  init.c's copy (halt,
 * reset) stays guarded.
 */

#include "ks.h"

NDIS_HANDLE KsDriverHandle;

MINIPORT_ISR KsIsr;
MINIPORT_INTERRUPT_DPC KsDpc;
MINIPORT_ENABLE_INTERRUPT KsEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT KsDisableInterrupt;
MINIPORT_INITIALIZE KsInitialize;
MINIPORT_HALT KsHalt;
MINIPORT_PAUSE KsPause;
MINIPORT_RESTART KsRestart;
MINIPORT_SEND_NET_BUFFER_LISTS KsSend;
MINIPORT_RETURN_NET_BUFFER_LISTS KsReturn;
MINIPORT_CANCEL_SEND KsCancelSend;
MINIPORT_RESET KsReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY KsPnpEvent;
MINIPORT_SHUTDOWN KsShutdown;
MINIPORT_UNLOAD KsUnload;
DRIVER_INITIALIZE DriverEntry;

BOOLEAN
KsMaskSync(PVOID Context)
{
    PKS_ADAPTER Adapter = (PKS_ADAPTER)Context;

    KS_WR(Adapter, KS_CSR_INTR_MASK, 0);
    return TRUE;
}

BOOLEAN
KsUnmaskSync(PVOID Context)
{
    PKS_ADAPTER Adapter = (PKS_ADAPTER)Context;

    KS_WR(Adapter, KS_CSR_INTR_MASK, KS_INTR_ALL);
    return TRUE;
}

NDIS_STATUS
KsHwReset(PKS_ADAPTER Adapter)
{
    ULONG Poll;

    KS_WR(Adapter, KS_CSR_INTR_MASK, 0);
    KS_WR(Adapter, KS_CSR_RESET, KS_RESET_BUSY);
    for (Poll = 0; Poll < 200; Poll++) {
        NdisStallExecution(25);
        if ((KS_RD(Adapter, KS_CSR_RESET) & KS_RESET_BUSY) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_DEVICE_FAILED;
}

BOOLEAN
KsIsr(NDIS_HANDLE Context, PBOOLEAN QueueDpc, PULONG TargetProcessors)
{
    PKS_ADAPTER Adapter = (PKS_ADAPTER)Context;
    ULONG Cause = KS_RD(Adapter, KS_CSR_INTR_CAUSE);

    UNREFERENCED_PARAMETER(TargetProcessors);
    *QueueDpc = FALSE;
    if ((Cause & KS_INTR_ALL) == 0) {
        return FALSE;
    }
    KS_WR(Adapter, KS_CSR_INTR_MASK, 0);
    *QueueDpc = TRUE;
    return TRUE;
}

VOID
KsDpc(NDIS_HANDLE Context, PVOID DpcContext, PVOID Reserved1, PVOID Reserved2)
{
    PKS_ADAPTER Adapter = (PKS_ADAPTER)Context;

    UNREFERENCED_PARAMETER(DpcContext);
    UNREFERENCED_PARAMETER(Reserved1);
    UNREFERENCED_PARAMETER(Reserved2);
    KS_WR(Adapter, KS_CSR_INTR_CAUSE, KS_INTR_ALL);
    KS_WR(Adapter, KS_CSR_INTR_MASK, KS_INTR_ALL);
}

VOID
KsEnableInterrupt(NDIS_HANDLE Context)
{
    KS_WR((PKS_ADAPTER)Context, KS_CSR_INTR_MASK, KS_INTR_ALL);
}

VOID
KsDisableInterrupt(NDIS_HANDLE Context)
{
    KS_WR((PKS_ADAPTER)Context, KS_CSR_INTR_MASK, 0);
}

static NDIS_STATUS
KsMapCsr(PKS_ADAPTER Adapter, PNDIS_RESOURCE_LIST Resources)
{
    ULONG i;

    for (i = 0; i < Resources->Count; i++) {
        if (Resources->PartialDescriptors[i].Type == CmResourceTypeMemory) {
            return NdisMMapIoSpace((PVOID *)&Adapter->Csr, Adapter->MiniportHandle,
                                   Resources->PartialDescriptors[i].u.Memory.Start, KS_CSR_LEN);
        }
    }
    return NDIS_STATUS_RESOURCE_CONFLICT;
}

static VOID
KsFree(PKS_ADAPTER Adapter)
{
    if (Adapter->Watchdog != NULL) {
        NdisFreeTimerObject(Adapter->Watchdog);
    }
    if (Adapter->Csr != NULL) {
        NdisMUnmapIoSpace(Adapter->MiniportHandle, (PVOID)Adapter->Csr, KS_CSR_LEN);
    }
    NdisFreeSpinLock(&Adapter->TxLock);
    NdisFreeMemory(Adapter, 0, 0);
}

NDIS_STATUS
KsInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE DriverContext, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PKS_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Ic;

    UNREFERENCED_PARAMETER(DriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(KS_ADAPTER), KS_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(KS_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->TxLock);

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    Reg.CheckForHangTimeInSeconds = 0;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        KsFree(Adapter);
        return Status;
    }
    Status = KsMapCsr(Adapter, InitParameters->AllocatedResources);
    if (Status == NDIS_STATUS_SUCCESS) {
        Status = KsHwReset(Adapter);
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        KsFree(Adapter);
        return Status;
    }

    NdisZeroMemory(&Ic, sizeof(Ic));
    Ic.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Ic.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Ic.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Ic.InterruptHandler = KsIsr;
    Ic.InterruptDpcHandler = KsDpc;
    Ic.EnableInterruptHandler = KsEnableInterrupt;
    Ic.DisableInterruptHandler = KsDisableInterrupt;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &Ic, &Adapter->Interrupt);
    if (Status != NDIS_STATUS_SUCCESS) {
        KsFree(Adapter);
        return Status;
    }
    KS_SET_FLAG(Adapter, KS_F_INTERRUPT);

#if KS_HAVE_WATCHDOG
    Status = KsStartWatchdog(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        KS_CLEAR_FLAG(Adapter, KS_F_INTERRUPT);
        NdisMDeregisterInterruptEx(Adapter->Interrupt);
        KsFree(Adapter);
        return Status;
    }
#endif
    KsSynchronize(Adapter, KsUnmaskSync);
    return NDIS_STATUS_SUCCESS;
}

VOID
KsHalt(NDIS_HANDLE Context, NDIS_HALT_ACTION HaltAction)
{
    PKS_ADAPTER Adapter = (PKS_ADAPTER)Context;

    UNREFERENCED_PARAMETER(HaltAction);

#if KS_HAVE_WATCHDOG
    if (!NdisCancelTimerObject(Adapter->Watchdog)) {
        KeFlushQueuedDpcs();
    }
#endif
    KsSynchronize(Adapter, KsMaskSync);
    if (KS_TEST_FLAG(Adapter, KS_F_INTERRUPT)) {
        KS_CLEAR_FLAG(Adapter, KS_F_INTERRUPT);
        NdisMDeregisterInterruptEx(Adapter->Interrupt);
    }
    KsFree(Adapter);
}

NDIS_STATUS
KsReset(NDIS_HANDLE Context, PBOOLEAN AddressingReset)
{
    PKS_ADAPTER Adapter = (PKS_ADAPTER)Context;
    NDIS_STATUS Status = NDIS_STATUS_HARD_ERRORS;
    ULONG Attempt;

    *AddressingReset = FALSE;
    if (KS_TEST_FLAG(Adapter, KS_F_HW_DEAD)) {
        return NDIS_STATUS_HARD_ERRORS;
    }
    KS_SET_FLAG(Adapter, KS_F_RESETTING);
    KsSynchronize(Adapter, KsMaskSync);

    for (Attempt = 0; Attempt < KS_RESET_ATTEMPTS; Attempt++) {
        __try {
            Status = KsHwReset(Adapter);
            if (Status != NDIS_STATUS_SUCCESS) {
                if (Attempt + 1 < KS_RESET_ATTEMPTS) {
                    NdisMSleep(1000);
                    __leave;
                }
                // last attempt: the part is gone; give back the line it may hold asserted
                KS_SET_FLAG(Adapter, KS_F_HW_DEAD);
                if (KS_TEST_FLAG(Adapter, KS_F_INTERRUPT)) {
                    KS_CLEAR_FLAG(Adapter, KS_F_INTERRUPT);
                    NdisMDeregisterInterruptEx(Adapter->Interrupt);
                }
                __leave;
            }
            KsSynchronize(Adapter, KsRxCtrlSync);
            KsSynchronize(Adapter, KsUnmaskSync);
        } __finally {
            if (Status == NDIS_STATUS_SUCCESS || Attempt + 1 == KS_RESET_ATTEMPTS) {
                KS_CLEAR_FLAG(Adapter, KS_F_RESETTING);
            }
        }
        if (Status == NDIS_STATUS_SUCCESS) {
            break;
        }
    }
    return Status;
}

NDIS_STATUS
KsPause(NDIS_HANDLE Context, PNDIS_MINIPORT_PAUSE_PARAMETERS Parameters)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Parameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
KsRestart(NDIS_HANDLE Context, PNDIS_MINIPORT_RESTART_PARAMETERS Parameters)
{
    PKS_ADAPTER Adapter = (PKS_ADAPTER)Context;

    UNREFERENCED_PARAMETER(Parameters);
    return KS_TEST_FLAG(Adapter, KS_F_HW_DEAD) ? NDIS_STATUS_HARD_ERRORS : NDIS_STATUS_SUCCESS;
}

VOID
KsSend(NDIS_HANDLE Context, PNET_BUFFER_LIST Nbls, NDIS_PORT_NUMBER Port, ULONG Flags)
{
    PKS_ADAPTER Adapter = (PKS_ADAPTER)Context;
    PNET_BUFFER_LIST Nbl;
    BOOLEAN AtDispatch = (Flags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) != 0;

    UNREFERENCED_PARAMETER(Port);
    if (AtDispatch) {
        NdisDprAcquireSpinLock(&Adapter->TxLock);
    } else {
        NdisAcquireSpinLock(&Adapter->TxLock);
    }
    for (Nbl = Nbls; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
        Adapter->Stats.TxOk++;
    }
    if (AtDispatch) {
        NdisDprReleaseSpinLock(&Adapter->TxLock);
    } else {
        NdisReleaseSpinLock(&Adapter->TxLock);
    }
    NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, Nbls, AtDispatch ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
KsReturn(NDIS_HANDLE Context, PNET_BUFFER_LIST Nbls, ULONG Flags)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Nbls);
    UNREFERENCED_PARAMETER(Flags);
}

VOID
KsCancelSend(NDIS_HANDLE Context, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(CancelId);
}

VOID
KsPnpEvent(NDIS_HANDLE Context, PNET_DEVICE_PNP_EVENT Event)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Event);
}

VOID
KsShutdown(NDIS_HANDLE Context, NDIS_SHUTDOWN_ACTION Action)
{
    PKS_ADAPTER Adapter = (PKS_ADAPTER)Context;

    UNREFERENCED_PARAMETER(Action);
    KS_WR(Adapter, KS_CSR_INTR_MASK, 0);
}

VOID
KsUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(KsDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Mc;

    NdisZeroMemory(&Mc, sizeof(Mc));
    Mc.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Mc.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Mc.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Mc.MajorNdisVersion = KS_NDIS_MAJOR;
    Mc.MinorNdisVersion = KS_NDIS_MINOR;
    Mc.MajorDriverVersion = 3;
    Mc.MinorDriverVersion = 0;
    Mc.InitializeHandlerEx = KsInitialize;
    Mc.HaltHandlerEx = KsHalt;
    Mc.UnloadHandler = KsUnload;
    Mc.PauseHandler = KsPause;
    Mc.RestartHandler = KsRestart;
    Mc.OidRequestHandler = KsOidRequest;
    Mc.CancelOidRequestHandler = KsCancelOidRequest;
    Mc.SendNetBufferListsHandler = KsSend;
    Mc.ReturnNetBufferListsHandler = KsReturn;
    Mc.CancelSendHandler = KsCancelSend;
    Mc.ResetHandlerEx = KsReset;
    Mc.DevicePnPEventNotifyHandler = KsPnpEvent;
    Mc.ShutdownHandlerEx = KsShutdown;

    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Mc, &KsDriverHandle);
}
