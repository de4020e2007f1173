/*
 * Case 639_send_two_nbl_chain_returns_locked_defect: the send handler takes the send lock and
 * treats a chain of exactly two NBLs specially (`Nbls->Next != NULL && Nbls->Next->Next ==
 * NULL`, a pair it can put in one descriptor); when the ring has no room for the pair it returns
 * without releasing the lock.  Expected: 1 defect at that return (missed before: the link of
 * every NBL was one fact, `_NET_BUFFER_LIST.Next`, so "the first has a next, the second has
 * none" was a contradiction and the branch was never followed; blind round 10).
 */

#include <ndis.h>

#define TX_TAG              'xTpM'
#define TX_RING_SIZE        64

typedef struct _TX_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    NDIS_SPIN_LOCK          SendLock;
    ULONG                   TxFree;
    ULONG                   TxPairs;
    ULONG                   TxSingles;
} TX_ADAPTER, *PTX_ADAPTER;

static NDIS_HANDLE TxDriverHandle;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE TxInitializeEx;
MINIPORT_HALT TxHaltEx;
MINIPORT_UNLOAD TxUnload;
MINIPORT_SEND_NET_BUFFER_LISTS TxSendNetBufferLists;

static VOID
TxComplete(PTX_ADAPTER Adapter, PNET_BUFFER_LIST Nbls, NDIS_STATUS Status, ULONG Flags)
{
    PNET_BUFFER_LIST Nbl;

    for (Nbl = Nbls; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
    }
    NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, Nbls, Flags);
}

VOID
TxSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PTX_ADAPTER Adapter = (PTX_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Second;
    ULONG CompleteFlags = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ?
                          NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0;

    UNREFERENCED_PARAMETER(PortNumber);

    NdisAcquireSpinLock(&Adapter->SendLock);
    if (NET_BUFFER_LIST_NEXT_NBL(NetBufferLists) != NULL) {
        Second = NET_BUFFER_LIST_NEXT_NBL(NetBufferLists);
        if (NET_BUFFER_LIST_NEXT_NBL(Second) == NULL) {
            /* a pair: one descriptor for both */
            if (Adapter->TxFree < 2) {
                TxComplete(Adapter, NetBufferLists, NDIS_STATUS_RESOURCES, CompleteFlags);
                return; // defect: NdisSpinLock
            }
            Adapter->TxFree -= 2;
            Adapter->TxPairs++;
            NdisReleaseSpinLock(&Adapter->SendLock);
            TxComplete(Adapter, NetBufferLists, NDIS_STATUS_SUCCESS, CompleteFlags);
            return;
        }
    }
    Adapter->TxSingles++;
    NdisReleaseSpinLock(&Adapter->SendLock);
    TxComplete(Adapter, NetBufferLists, NDIS_STATUS_SUCCESS, CompleteFlags);
}

NDIS_STATUS
TxInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    PTX_ADAPTER Adapter;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(TX_ADAPTER), TX_TAG,
                                                NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(TX_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    Adapter->TxFree = TX_RING_SIZE;
    NdisAllocateSpinLock(&Adapter->SendLock);

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.MiniportAdapterContext = Adapter;
    Reg.InterfaceType = NdisInterfaceInternal;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&Adapter->SendLock);
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
TxHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PTX_ADAPTER Adapter = (PTX_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeMemory(Adapter, 0, 0);
}

VOID
TxUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(TxDriverHandle);
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
    Chars.InitializeHandlerEx = TxInitializeEx;
    Chars.HaltHandlerEx = TxHaltEx;
    Chars.UnloadHandler = TxUnload;
    Chars.SendNetBufferListsHandler = TxSendNetBufferLists;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &TxDriverHandle);
}
