/*
 * Case 290_two_adapters_ioctl_walk_defect: two adapters in one driver.  Every adapter context is
 * linked into the driver-global MpGlobal.AdapterList under MpGlobal.Lock.  Two driver-wide
 * consumers walk that list: a control device (NdisRegisterDeviceEx, dispatch table in
 * NDIS_DEVICE_OBJECT_ATTRIBUTES.MajorFunctions, created with the first adapter) and a periodic
 * watchdog timer allocated on the driver handle in DriverEntry, armed with the first adapter and
 * cancelled only at unload (other adapters still need it when one halts).  An adapter whose reset
 * cannot bring the chip back deregisters its interrupt and sets HardwareFailed, but stays in the
 * list until NDIS halts it; its own callbacks (DPC, OIDs, check-for-hang, reset, halt) test
 * HardwareFailed first, and so do the watchdog and IOCTL_MP_IDENTIFY (clean at run time: the
 * per-adapter flag decides, as the record-type key does).  Two defects:
 *  - IOCTL_MP_QUERY_COUNTERS (MpQueryCounters) snapshots the counters of every listed adapter
 *    through NdisMSynchronizeWithInterruptEx without looking at HardwareFailed: after a failed
 *    reset it synchronizes with a deregistered interrupt (the dispatch routine runs whenever the
 *    control device exists);
 *  - MpHaltEx masks and deregisters the interrupt first and unlinks the adapter only afterwards:
 *    the still-armed watchdog (on another processor, or for the other adapter) can walk the list
 *    in between, find this adapter with HardwareFailed clear and synchronize with the interrupt
 *    halt has just deregistered.  Unlinking first (under MpGlobal.Lock) would be correct.
 * Expected: two NdisMDeregisterInterruptEx defects, at MpQueryCounters' and MpWatchdog's
 * synchronize calls.
 */

#include <ndis.h>

#define MP_POOL_TAG             'cnMP'
#define MP_NDIS_MAJOR_VERSION   6
#define MP_NDIS_MINOR_VERSION   20
#define MP_REG_WINDOW_SIZE      0x100

#define MP_REG_CONTROL          0x00
#define MP_REG_INT_STATUS       0x04
#define MP_REG_INT_MASK         0x08
#define MP_REG_RX_HEAD          0x10
#define MP_REG_TX_TAIL          0x14
#define MP_REG_RX_FILTER        0x18

#define MP_INT_RX               0x01
#define MP_INT_TX               0x02
#define MP_INT_LINK             0x04
#define MP_INT_ALL              (MP_INT_RX | MP_INT_TX | MP_INT_LINK)
#define MP_CONTROL_RESET        0x80000000
#define MP_REG_CRC_ERRORS       0x20
#define MP_REG_MISSED           0x24
#define MP_REG_LED              0x28
#define MP_LED_BLINK            0x3

#define MP_WATCHDOG_PERIOD_MS   2000

#define IOCTL_MP_IDENTIFY       CTL_CODE(FILE_DEVICE_NETWORK, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_MP_QUERY_COUNTERS CTL_CODE(FILE_DEVICE_NETWORK, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _MP_COUNTERS {
    ULONG                   AdapterIndex;
    ULONG                   CrcErrors;
    ULONG                   Missed;
} MP_COUNTERS, *PMP_COUNTERS;

#define MP_READ_REG(_A, _R)      ((_A)->Registers[(_R) / sizeof(ULONG)])
#define MP_WRITE_REG(_A, _R, _V) ((_A)->Registers[(_R) / sizeof(ULONG)] = (ULONG)(_V))

typedef struct _MP_ADAPTER {
    LIST_ENTRY              Link;               // MpGlobal.AdapterList
    ULONG                   Index;
    NDIS_HANDLE             AdapterHandle;
    NDIS_HANDLE             InterruptHandle;
    BOOLEAN                 InterruptRegistered;
    volatile ULONG         *Registers;          // mapped CSR window
    ULONG                   PendingEvents;      // ISR -> DPC, under interrupt sync
    ULONG                   PacketFilter;
    NDIS_SPIN_LOCK          SendLock;
    NDIS_SPIN_LOCK          RecvLock;
    ULONG64                 FramesSent;
    ULONG64                 FramesReceived;
    BOOLEAN                 HardwareFailed;     // reset gave up: interrupt released
    ULONG                   LastRxHead;
    ULONG                   RxHeadStalls;
    ULONG                   CrcErrors;          // last snapshot
    ULONG                   Missed;
} MP_ADAPTER, *PMP_ADAPTER;

typedef struct _MP_GLOBAL {
    NDIS_SPIN_LOCK          Lock;               // AdapterList, AdapterCount, NextIndex
    LIST_ENTRY              AdapterList;
    ULONG                   AdapterCount;
    ULONG                   NextIndex;
    NDIS_HANDLE             ControlDeviceHandle;
    PDEVICE_OBJECT          ControlDevice;
    NDIS_HANDLE             Watchdog;           // driver-wide timer, armed while adapters exist
} MP_GLOBAL;

NDIS_HANDLE MpDriverHandle;
MP_GLOBAL MpGlobal;

MINIPORT_SYNCHRONIZE_INTERRUPT MpDisableInterruptSync;
MINIPORT_SYNCHRONIZE_INTERRUPT MpEnableInterruptSync;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSetFilterSync;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_ENABLE_INTERRUPT MpEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT MpDisableInterrupt;
MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;
MINIPORT_CANCEL_SEND MpCancelSend;
MINIPORT_CHECK_FOR_HANG MpCheckForHang;
MINIPORT_RESET MpReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpDevicePnPEvent;
MINIPORT_SHUTDOWN MpShutdown;
MINIPORT_SET_OPTIONS MpSetOptions;
MINIPORT_UNLOAD MpUnload;
DRIVER_INITIALIZE DriverEntry;
DRIVER_DISPATCH MpControlDispatch;
NDIS_TIMER_FUNCTION MpWatchdog;
MINIPORT_SYNCHRONIZE_INTERRUPT MpBlinkSync;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSnapshotCountersSync;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSampleRxHeadSync;

BOOLEAN
MpDisableInterruptSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
    return TRUE;
}

BOOLEAN
MpEnableInterruptSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, MP_INT_ALL);
    return TRUE;
}

BOOLEAN
MpSetFilterSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    MP_WRITE_REG(Adapter, MP_REG_RX_FILTER, Adapter->PacketFilter);
    return TRUE;
}

BOOLEAN
MpBlinkSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    MP_WRITE_REG(Adapter, MP_REG_LED, MP_LED_BLINK);
    return TRUE;
}

BOOLEAN
MpSnapshotCountersSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    // clear-on-read registers: read them under the interrupt lock so the ISR's reads do not race
    Adapter->CrcErrors += MP_READ_REG(Adapter, MP_REG_CRC_ERRORS);
    Adapter->Missed += MP_READ_REG(Adapter, MP_REG_MISSED);
    return TRUE;
}

static NDIS_STATUS
MpMapRegisters(PMP_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    for (i = 0; i < Resources->Count; i++) {
        Descriptor = &Resources->PartialDescriptors[i];
        if (Descriptor->Type == CmResourceTypeMemory && Descriptor->u.Memory.Length >= MP_REG_WINDOW_SIZE) {
            return NdisMMapIoSpace((PVOID *)&Adapter->Registers, Adapter->AdapterHandle,
                                   Descriptor->u.Memory.Start, MP_REG_WINDOW_SIZE);
        }
    }
    return NDIS_STATUS_ADAPTER_NOT_FOUND;
}

static NDIS_STATUS
MpHwReset(PMP_ADAPTER Adapter)
{
    ULONG Spins;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
    MP_WRITE_REG(Adapter, MP_REG_CONTROL, MP_CONTROL_RESET);
    for (Spins = 0; Spins < 100; Spins++) {
        NdisStallExecution(10);
        if ((MP_READ_REG(Adapter, MP_REG_CONTROL) & MP_CONTROL_RESET) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_HARD_ERRORS;
}

static VOID
MpFreeAdapter(PMP_ADAPTER Adapter)
{
    if (Adapter->Registers != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Registers, MP_REG_WINDOW_SIZE);
        Adapter->Registers = NULL;
    }
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeSpinLock(&Adapter->RecvLock);
    NdisFreeMemory(Adapter, sizeof(MP_ADAPTER), 0);
}

BOOLEAN
MpSampleRxHeadSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;
    ULONG Head = MP_READ_REG(Adapter, MP_REG_RX_HEAD);

    if (Head == Adapter->LastRxHead && Adapter->FramesReceived != 0) {
        Adapter->RxHeadStalls++;
    } else {
        Adapter->RxHeadStalls = 0;
    }
    Adapter->LastRxHead = Head;
    return TRUE;
}

BOOLEAN
MpIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG Events;

    UNREFERENCED_PARAMETER(TargetProcessors);

    Events = MP_READ_REG(Adapter, MP_REG_INT_STATUS) & MP_INT_ALL;
    if (Events == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    MP_WRITE_REG(Adapter, MP_REG_INT_STATUS, Events);
    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
    Adapter->PendingEvents |= Events;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
MpDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    ULONG Events;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    if (Adapter->HardwareFailed) {
        return;
    }
    Events = Adapter->PendingEvents;
    Adapter->PendingEvents = 0;
    if (Events & MP_INT_RX) {
        NdisDprAcquireSpinLock(&Adapter->RecvLock);
        Adapter->FramesReceived++;
        NdisDprReleaseSpinLock(&Adapter->RecvLock);
    }
    if (Events & MP_INT_TX) {
        NdisDprAcquireSpinLock(&Adapter->SendLock);
        Adapter->FramesSent++;
        NdisDprReleaseSpinLock(&Adapter->SendLock);
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpEnableInterruptSync, Adapter);
}

VOID
MpEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, MP_INT_ALL);
}

VOID
MpDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
}

//
// One timer for the whole driver: samples every adapter's receive head to spot a wedged
// receiver (adapters whose reset failed are skipped: their interrupt was given back).
//
VOID
MpWatchdog(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PLIST_ENTRY Link;
    PMP_ADAPTER Adapter;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(FunctionContext);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);

    NdisAcquireSpinLock(&MpGlobal.Lock);
    for (Link = MpGlobal.AdapterList.Flink; Link != &MpGlobal.AdapterList; Link = Link->Flink) {
        Adapter = CONTAINING_RECORD(Link, MP_ADAPTER, Link);
        if (Adapter->HardwareFailed) {
            continue;
        }
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSampleRxHeadSync, Adapter); // defect: NdisMDeregisterInterruptEx
    }
    NdisReleaseSpinLock(&MpGlobal.Lock);
}

static VOID
MpIdentifyAll(VOID)
{
    PLIST_ENTRY Link;
    PMP_ADAPTER Adapter;

    NdisAcquireSpinLock(&MpGlobal.Lock);
    for (Link = MpGlobal.AdapterList.Flink; Link != &MpGlobal.AdapterList; Link = Link->Flink) {
        Adapter = CONTAINING_RECORD(Link, MP_ADAPTER, Link);
        if (Adapter->HardwareFailed) {
            continue;       // its interrupt was given back
        }
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpBlinkSync, Adapter);
    }
    NdisReleaseSpinLock(&MpGlobal.Lock);
}

static NTSTATUS
MpQueryCounters(PVOID Buffer, ULONG Length, PULONG BytesWritten)
{
    PMP_COUNTERS Out = (PMP_COUNTERS)Buffer;
    PLIST_ENTRY Link;
    PMP_ADAPTER Adapter;
    ULONG Count = 0;
    NTSTATUS Status = STATUS_SUCCESS;

    NdisAcquireSpinLock(&MpGlobal.Lock);
    for (Link = MpGlobal.AdapterList.Flink; Link != &MpGlobal.AdapterList; Link = Link->Flink) {
        Adapter = CONTAINING_RECORD(Link, MP_ADAPTER, Link);
        if ((Count + 1) * sizeof(MP_COUNTERS) > Length) {
            Status = STATUS_BUFFER_TOO_SMALL;
            break;
        }
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSnapshotCountersSync, Adapter); // defect: NdisMDeregisterInterruptEx
        Out[Count].AdapterIndex = Adapter->Index;
        Out[Count].CrcErrors = Adapter->CrcErrors;
        Out[Count].Missed = Adapter->Missed;
        Count++;
    }
    NdisReleaseSpinLock(&MpGlobal.Lock);
    *BytesWritten = Count * sizeof(MP_COUNTERS);
    return Status;
}

NTSTATUS
MpControlDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS Status = STATUS_SUCCESS;
    ULONG Information = 0;

    UNREFERENCED_PARAMETER(DeviceObject);

    switch (IrpSp->MajorFunction) {
    case IRP_MJ_CREATE:
    case IRP_MJ_CLEANUP:
    case IRP_MJ_CLOSE:
        break;

    case IRP_MJ_DEVICE_CONTROL:
        switch (IrpSp->Parameters.DeviceIoControl.IoControlCode) {
        case IOCTL_MP_IDENTIFY:
            MpIdentifyAll();
            break;
        case IOCTL_MP_QUERY_COUNTERS:
            Status = MpQueryCounters(Irp->AssociatedIrp.SystemBuffer,
                                     IrpSp->Parameters.DeviceIoControl.OutputBufferLength,
                                     &Information);
            break;
        default:
            Status = STATUS_INVALID_DEVICE_REQUEST;
            break;
        }
        break;

    default:
        Status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

//
// The control device exists while at least one adapter does.  Called at PASSIVE_LEVEL from
// MpInitializeEx after the adapter was linked.
//
static VOID
MpCreateControlDevice(VOID)
{
    static PDRIVER_DISPATCH DispatchTable[IRP_MJ_MAXIMUM_FUNCTION + 1];
    NDIS_STRING DeviceName = NDIS_STRING_CONST("\\Device\\MpNic");
    NDIS_STRING SymbolicName = NDIS_STRING_CONST("\\DosDevices\\MpNic");
    NDIS_DEVICE_OBJECT_ATTRIBUTES Attributes;
    NDIS_STATUS Status;

    DispatchTable[IRP_MJ_CREATE] = MpControlDispatch;
    DispatchTable[IRP_MJ_CLEANUP] = MpControlDispatch;
    DispatchTable[IRP_MJ_CLOSE] = MpControlDispatch;
    DispatchTable[IRP_MJ_DEVICE_CONTROL] = MpControlDispatch;

    NdisZeroMemory(&Attributes, sizeof(Attributes));
    Attributes.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    Attributes.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attributes.Header.Size = sizeof(NDIS_DEVICE_OBJECT_ATTRIBUTES);
    Attributes.DeviceName = &DeviceName;
    Attributes.SymbolicName = &SymbolicName;
    Attributes.MajorFunctions = DispatchTable;
    Status = NdisRegisterDeviceEx(MpDriverHandle, &Attributes, &MpGlobal.ControlDevice,
                                  &MpGlobal.ControlDeviceHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        // management only: the adapter works without it
        MpGlobal.ControlDeviceHandle = NULL;
    }
}

static VOID
MpLinkAdapter(PMP_ADAPTER Adapter)
{
    BOOLEAN First;
    LARGE_INTEGER DueTime;

    NdisAcquireSpinLock(&MpGlobal.Lock);
    Adapter->Index = MpGlobal.NextIndex++;
    InsertTailList(&MpGlobal.AdapterList, &Adapter->Link);
    First = (BOOLEAN)(MpGlobal.AdapterCount++ == 0);
    NdisReleaseSpinLock(&MpGlobal.Lock);
    if (First) {
        MpCreateControlDevice();
        DueTime.QuadPart = -20000000LL;     // 2 s, relative
        NdisSetTimerObject(MpGlobal.Watchdog, DueTime, MP_WATCHDOG_PERIOD_MS, NULL);
    }
}

static VOID
MpUnlinkAdapter(PMP_ADAPTER Adapter)
{
    BOOLEAN Last;

    NdisAcquireSpinLock(&MpGlobal.Lock);
    RemoveEntryList(&Adapter->Link);
    Last = (BOOLEAN)(--MpGlobal.AdapterCount == 0);
    NdisReleaseSpinLock(&MpGlobal.Lock);
    if (Last && MpGlobal.ControlDeviceHandle != NULL) {
        NdisDeregisterDeviceEx(MpGlobal.ControlDeviceHandle);
        MpGlobal.ControlDeviceHandle = NULL;
    }
}

NDIS_STATUS
MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PMP_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS InterruptChars;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER),
                                                MP_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->SendLock);
    NdisAllocateSpinLock(&Adapter->RecvLock);

    NdisZeroMemory(&RegistrationAttributes, sizeof(RegistrationAttributes));
    RegistrationAttributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegistrationAttributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegistrationAttributes.Header.Size = sizeof(RegistrationAttributes);
    RegistrationAttributes.MiniportAdapterContext = Adapter;
    RegistrationAttributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE |
                                            NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    RegistrationAttributes.CheckForHangTimeInSeconds = 2;
    RegistrationAttributes.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegistrationAttributes);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Status = MpMapRegisters(Adapter, MiniportInitParameters);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    NdisZeroMemory(&InterruptChars, sizeof(InterruptChars));
    InterruptChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    InterruptChars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    InterruptChars.Header.Size = sizeof(NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS);
    InterruptChars.InterruptHandler = MpIsr;
    InterruptChars.InterruptDpcHandler = MpDpc;
    InterruptChars.DisableInterruptHandler = MpDisableInterrupt;
    InterruptChars.EnableInterruptHandler = MpEnableInterrupt;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &InterruptChars,
                                      &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    Adapter->InterruptRegistered = TRUE;

    Status = MpHwReset(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpEnableInterruptSync, Adapter);
    MpLinkAdapter(Adapter);
    return NDIS_STATUS_SUCCESS;

Fail:
    if (Adapter->InterruptRegistered) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptRegistered = FALSE;
    }
    MpFreeAdapter(Adapter);
    return Status;
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    if (!Adapter->HardwareFailed) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpDisableInterruptSync, Adapter);
    }
    if (Adapter->InterruptRegistered) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptRegistered = FALSE;
    }
    MpUnlinkAdapter(Adapter);
    MpFreeAdapter(Adapter);
}

NDIS_STATUS
MpPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PauseParameters);

    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RestartParameters);

    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS
MpSetInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST OidRequest)
{
    PVOID Buffer = OidRequest->DATA.SET_INFORMATION.InformationBuffer;
    UINT Length = OidRequest->DATA.SET_INFORMATION.InformationBufferLength;

    switch (OidRequest->DATA.SET_INFORMATION.Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        if (Length < sizeof(ULONG)) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        Adapter->PacketFilter = *(PULONG)Buffer;
        if (Adapter->HardwareFailed) {
            return NDIS_STATUS_HARD_ERRORS;
        }
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSetFilterSync, Adapter);
        OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;

    case OID_GEN_CURRENT_LOOKAHEAD:
        OidRequest->DATA.SET_INFORMATION.BytesRead = Length;
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

static NDIS_STATUS
MpQueryInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST OidRequest)
{
    PVOID Buffer = OidRequest->DATA.QUERY_INFORMATION.InformationBuffer;
    UINT Length = OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength;

    switch (OidRequest->DATA.QUERY_INFORMATION.Oid) {
    case OID_GEN_XMIT_OK:
    case OID_GEN_RCV_OK:
        if (Length < sizeof(ULONG64)) {
            OidRequest->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG64);
            return NDIS_STATUS_BUFFER_TOO_SHORT;
        }
        *(ULONG64 *)Buffer = OidRequest->DATA.QUERY_INFORMATION.Oid == OID_GEN_XMIT_OK ?
                             Adapter->FramesSent : Adapter->FramesReceived;
        OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
        return NDIS_STATUS_SUCCESS;

    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
}

NDIS_STATUS
MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    switch (OidRequest->RequestType) {
    case NdisRequestSetInformation:
        Status = MpSetInformation(Adapter, OidRequest);
        break;
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        Status = MpQueryInformation(Adapter, OidRequest);
        break;
    default:
        Status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }
    return Status;
}

VOID
MpCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
MpSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    ULONG CompleteFlags = 0;

    UNREFERENCED_PARAMETER(PortNumber);

    if (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) {
        CompleteFlags |= NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL;
    }
    NdisAcquireSpinLock(&Adapter->SendLock);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
        Adapter->FramesSent++;
    }
    MP_WRITE_REG(Adapter, MP_REG_TX_TAIL, (ULONG)Adapter->FramesSent);
    NdisReleaseSpinLock(&Adapter->SendLock);
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists, CompleteFlags);
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

BOOLEAN
MpCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    if (Adapter->HardwareFailed) {
        return TRUE;
    }
    // a wedged receiver shows as a head pointer that never moves
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpSampleRxHeadSync, Adapter);
    return Adapter->RxHeadStalls > 3;
}

NDIS_STATUS
MpReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;
    if (Adapter->HardwareFailed) {
        return NDIS_STATUS_HARD_ERRORS;
    }

    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpDisableInterruptSync, Adapter);
    Status = MpHwReset(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        //
        // The chip does not come out of reset.  Give the (possibly screaming) interrupt line
        // back and report the failure; NDIS will halt us.
        //
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptRegistered = FALSE;
        Adapter->HardwareFailed = TRUE;
        NdisWriteErrorLogEntry(Adapter->AdapterHandle, NDIS_ERROR_CODE_HARDWARE_FAILURE, 0);
        return Status;
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpEnableInterruptSync, Adapter);
    return NDIS_STATUS_SUCCESS;
}

VOID
MpDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetDevicePnPEvent);
}

VOID
MpShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
    MP_WRITE_REG(Adapter, MP_REG_CONTROL, MP_CONTROL_RESET);
}

NDIS_STATUS
MpSetOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    UNREFERENCED_PARAMETER(NdisDriverHandle);
    UNREFERENCED_PARAMETER(DriverContext);

    return NDIS_STATUS_SUCCESS;
}

VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);

    NdisCancelTimerObject(MpGlobal.Watchdog);
    NdisFreeTimerObject(MpGlobal.Watchdog);
    NdisMDeregisterMiniportDriver(MpDriverHandle);
    NdisFreeSpinLock(&MpGlobal.Lock);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_TIMER_CHARACTERISTICS TimerChars;
    NDIS_STATUS Status;

    NdisAllocateSpinLock(&MpGlobal.Lock);
    InitializeListHead(&MpGlobal.AdapterList);

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS);
    Chars.MajorNdisVersion = MP_NDIS_MAJOR_VERSION;
    Chars.MinorNdisVersion = MP_NDIS_MINOR_VERSION;
    Chars.MajorDriverVersion = 1;
    Chars.MinorDriverVersion = 0;
    Chars.SetOptionsHandler = MpSetOptions;
    Chars.InitializeHandlerEx = MpInitializeEx;
    Chars.HaltHandlerEx = MpHaltEx;
    Chars.UnloadHandler = MpUnload;
    Chars.PauseHandler = MpPause;
    Chars.RestartHandler = MpRestart;
    Chars.OidRequestHandler = MpOidRequest;
    Chars.CancelOidRequestHandler = MpCancelOidRequest;
    Chars.SendNetBufferListsHandler = MpSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = MpReturnNetBufferLists;
    Chars.CancelSendHandler = MpCancelSend;
    Chars.CheckForHangHandlerEx = MpCheckForHang;
    Chars.ResetHandlerEx = MpReset;
    Chars.DevicePnPEventNotifyHandler = MpDevicePnPEvent;
    Chars.ShutdownHandlerEx = MpShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &MpDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&MpGlobal.Lock);
        return Status;
    }
    NdisZeroMemory(&TimerChars, sizeof(TimerChars));
    TimerChars.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    TimerChars.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    TimerChars.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
    TimerChars.AllocationTag = MP_POOL_TAG;
    TimerChars.TimerFunction = MpWatchdog;
    TimerChars.FunctionContext = NULL;
    Status = NdisAllocateTimerObject(MpDriverHandle, &TimerChars, &MpGlobal.Watchdog);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(MpDriverHandle);
        NdisFreeSpinLock(&MpGlobal.Lock);
    }
    return Status == NDIS_STATUS_SUCCESS ? STATUS_SUCCESS : (NTSTATUS)Status;
}
