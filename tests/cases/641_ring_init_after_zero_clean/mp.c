/*
 * Case 641_ring_init_after_zero_clean: MiniportInitializeEx zeroes the adapter, then sets up its
 * two embedded rings through a helper that takes a pointer to the ring (NicInitRing(Adapter,
 * &Adapter->TxRing), and the receive ring through a local `PNIC_RING Rx = &Adapter->RxRing`).
 * The helper takes the adapter lock and refuses a ring that is already in use, or whose counters
 * (a record inside the ring, tested by a second helper given &Ring->Counters) show work pending:
 * those early returns leave the lock held.  Right after NdisZeroMemory neither can happen.
 * Expected: clean (before, the ring's fields named through the helper's pointer were not known
 * to be zero, so the early return was followed and reported: blind round 10's false alarm).
 */

#include <ndis.h>

#define NIC_TAG             'gRiN'
#define NIC_RING_SIZE       256

typedef struct _NIC_RING_COUNTERS {
    ULONG                   Pending;
    ULONG                   Completed;
} NIC_RING_COUNTERS, *PNIC_RING_COUNTERS;

typedef struct _NIC_RING {
    BOOLEAN                 InUse;
    ULONG                   Head;
    ULONG                   Tail;
    NIC_RING_COUNTERS       Counters;
} NIC_RING, *PNIC_RING;

typedef struct _NIC_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    NDIS_SPIN_LOCK          Lock;
    NIC_RING                TxRing;
    NIC_RING                RxRing;
    ULONG                   LinkSpeed;
} NIC_ADAPTER, *PNIC_ADAPTER;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_HALT MpHalt;
MINIPORT_RESET MpReset;

static NDIS_HANDLE NicDriverHandle;

static BOOLEAN NicRingIdle(PNIC_RING_COUNTERS Counters)
{
    return Counters->Pending == 0;
}

static NDIS_STATUS NicInitRing(PNIC_ADAPTER Adapter, PNIC_RING Ring)
{
    NdisAcquireSpinLock(&Adapter->Lock);
    if (Ring->InUse) {
        return NDIS_STATUS_FAILURE;
    }
    if (!NicRingIdle(&Ring->Counters)) {
        return NDIS_STATUS_FAILURE;
    }
    Ring->Head = 0;
    Ring->Tail = 0;
    Ring->InUse = TRUE;
    NdisReleaseSpinLock(&Adapter->Lock);
    return NDIS_STATUS_SUCCESS;
}

static VOID NicFreeRing(PNIC_ADAPTER Adapter, PNIC_RING Ring)
{
    NdisAcquireSpinLock(&Adapter->Lock);
    Ring->InUse = FALSE;
    Ring->Counters.Pending = 0;
    NdisReleaseSpinLock(&Adapter->Lock);
}

NDIS_STATUS MpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
                         PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegAttrs;
    PNIC_ADAPTER Adapter;
    PNIC_RING Rx;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(InitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(NIC_ADAPTER),
                                                NIC_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(NIC_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->Lock);

    NdisZeroMemory(&RegAttrs, sizeof(RegAttrs));
    RegAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.Header.Size = sizeof(RegAttrs);
    RegAttrs.MiniportAdapterContext = Adapter;
    RegAttrs.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegAttrs);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto fail;
    }

    Status = NicInitRing(Adapter, &Adapter->TxRing);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto fail;
    }
    Rx = &Adapter->RxRing;
    Status = NicInitRing(Adapter, Rx);
    if (Status != NDIS_STATUS_SUCCESS) {
        NicFreeRing(Adapter, &Adapter->TxRing);
        goto fail;
    }
    return NDIS_STATUS_SUCCESS;

fail:
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, 0, 0);
    return Status;
}

NDIS_STATUS MpReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;
    NicFreeRing(Adapter, &Adapter->TxRing);
    Status = NicInitRing(Adapter, &Adapter->TxRing);
    return Status;
}

VOID MpHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    NicFreeRing(Adapter, &Adapter->RxRing);
    NicFreeRing(Adapter, &Adapter->TxRing);
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, 0, 0);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Size = sizeof(Chars);
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.InitializeHandlerEx = MpInitialize;
    Chars.HaltHandlerEx = MpHalt;
    Chars.ResetHandlerEx = MpReset;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &NicDriverHandle);
}
