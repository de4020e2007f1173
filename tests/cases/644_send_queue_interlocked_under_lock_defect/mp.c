/*
 * Case 644_send_queue_interlocked_under_lock_defect: the send path queues NBLs it cannot send yet
 * on a wait list with NdisInterlockedInsertTailList(&Adapter->SendWaitList, ..., &Adapter->SendLock),
 * and the return path moves them back with NdisInterlockedRemoveHeadList under the receive lock.
 * In MpSendNetBufferLists the insert is made inside the section that already holds SendLock (a
 * refactoring moved the "ring full" test under the lock): the interlocked routine takes SendLock
 * itself and the processor spins for ever.  The return path takes another lock: fine.
 * Expected: one defect, at the NdisInterlockedInsertTailList call (blind round 11).
 */

#include <ndis.h>

#define NIC_TAG             'qSiN'
#define NIC_TX_RING_SIZE    64

typedef struct _NIC_SEND_ENTRY {
    LIST_ENTRY              Link;
    PNET_BUFFER_LIST        Nbl;
} NIC_SEND_ENTRY, *PNIC_SEND_ENTRY;

typedef struct _NIC_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    NDIS_SPIN_LOCK          SendLock;
    NDIS_SPIN_LOCK          RecvLock;
    LIST_ENTRY              SendWaitList;
    LIST_ENTRY              FreeEntries;
    ULONG                   TxInUse;
    NIC_SEND_ENTRY          Entries[NIC_TX_RING_SIZE];
} NIC_ADAPTER, *PNIC_ADAPTER;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_HALT MpHalt;
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;

static NDIS_HANDLE NicDriverHandle;

static VOID NicHwTransmit(PNIC_ADAPTER Adapter, PNET_BUFFER_LIST Nbl)
{
    UNREFERENCED_PARAMETER(Nbl);
    Adapter->TxInUse++;
}

VOID MpSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                          NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl = NetBufferLists;

    UNREFERENCED_PARAMETER(PortNumber);
    UNREFERENCED_PARAMETER(SendFlags);

    NdisAcquireSpinLock(&Adapter->SendLock);
    if (Adapter->TxInUse >= NIC_TX_RING_SIZE) {
        PNIC_SEND_ENTRY Entry = &Adapter->Entries[0];
        Entry->Nbl = Nbl;
        NdisInterlockedInsertTailList(&Adapter->SendWaitList, &Entry->Link, &Adapter->SendLock);
    } else {
        NicHwTransmit(Adapter, Nbl);
    }
    NdisReleaseSpinLock(&Adapter->SendLock);
}

VOID MpReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                            ULONG ReturnFlags)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;
    PLIST_ENTRY Link;

    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);

    NdisAcquireSpinLock(&Adapter->RecvLock);
    Link = NdisInterlockedRemoveHeadList(&Adapter->SendWaitList, &Adapter->SendLock);
    if (Link != NULL) {
        InsertTailList(&Adapter->FreeEntries, Link);
    }
    NdisReleaseSpinLock(&Adapter->RecvLock);
}

NDIS_STATUS MpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
                         PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegAttrs;
    PNIC_ADAPTER Adapter;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(InitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(NIC_ADAPTER),
                                                NIC_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(NIC_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->SendLock);
    NdisAllocateSpinLock(&Adapter->RecvLock);
    NdisInitializeListHead(&Adapter->SendWaitList);
    NdisInitializeListHead(&Adapter->FreeEntries);

    NdisZeroMemory(&RegAttrs, sizeof(RegAttrs));
    RegAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.Header.Size = sizeof(RegAttrs);
    RegAttrs.MiniportAdapterContext = Adapter;
    RegAttrs.InterfaceType = NdisInterfacePci;
    NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegAttrs);
    return NDIS_STATUS_SUCCESS;
}

VOID MpHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    NdisFreeSpinLock(&Adapter->RecvLock);
    NdisFreeSpinLock(&Adapter->SendLock);
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
    Chars.SendNetBufferListsHandler = MpSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = MpReturnNetBufferLists;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &NicDriverHandle);
}
