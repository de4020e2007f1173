/*
 * Case 513_lock_fnptr_ternary_store_clean:
 * The reset handler takes the adapter lock through a routine chosen in MiniportInitializeEx by a
 * conditional expression (`Adapter->AcquireLock = ... ? NicLockA : NicLockB;`, both acquire
 * Adapter->Lock) and releases it directly (before: the call through the pointer reached neither
 * routine, so the release looked like one of a lock not held).
 * Expected: clean.
 */
#include <ndis.h>

#define NIC_REG_PHY     0x20
#define NIC_PHY_BUSY    0x00010000

typedef struct _NIC_ADAPTER {
    NDIS_HANDLE         AdapterHandle;
    volatile ULONG     *Registers;
    NDIS_SPIN_LOCK      Lock;
    VOID              (*AcquireLock)(struct _NIC_ADAPTER *A);
} NIC_ADAPTER, *PNIC_ADAPTER;

NDIS_HANDLE NicDriverHandle;

MINIPORT_INITIALIZE NicInitializeEx;
MINIPORT_HALT NicHaltEx;
MINIPORT_RESET NicReset;
MINIPORT_CHECK_FOR_HANG NicCheckForHang;
MINIPORT_UNLOAD NicUnload;
DRIVER_INITIALIZE DriverEntry;

static VOID
NicLockA(struct _NIC_ADAPTER *A)
{
    NdisAcquireSpinLock(&A->Lock);
}

static VOID
NicLockB(struct _NIC_ADAPTER *A)
{
    NdisDprAcquireSpinLock(&A->Lock);
}

NDIS_STATUS
NicInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Attr;
    PNIC_ADAPTER Adapter;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(NIC_ADAPTER), 'ciNX', NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(NIC_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->Lock);
    Adapter->AcquireLock = (Adapter->Registers[0] & 1) ? NicLockA : NicLockB;
    NdisZeroMemory(&Attr, sizeof(Attr));
    Attr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Attr.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Attr.Header.Size = sizeof(Attr);
    Attr.MiniportAdapterContext = Adapter;
    Attr.InterfaceType = NdisInterfacePci;
    return NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Attr);
}

VOID
NicHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(HaltAction);
    NdisFreeMemory(MiniportAdapterContext, sizeof(NIC_ADAPTER), 0);
}

NDIS_STATUS
NicReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;

    *AddressingReset = FALSE;
    Adapter->AcquireLock(Adapter);
    Adapter->Registers[0] = 0;
    NdisReleaseSpinLock(&Adapter->Lock);
    return NDIS_STATUS_SUCCESS;
}

BOOLEAN
NicCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;
    UNREFERENCED_PARAMETER(Adapter);
    return FALSE;
}

VOID
NicUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(NicDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS);
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.InitializeHandlerEx = NicInitializeEx;
    Chars.HaltHandlerEx = NicHaltEx;
    Chars.UnloadHandler = NicUnload;
    Chars.ResetHandlerEx = NicReset;
    Chars.CheckForHangHandlerEx = NicCheckForHang;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &NicDriverHandle);
}
