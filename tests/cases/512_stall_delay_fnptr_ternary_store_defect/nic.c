/*
 * Case 512_stall_delay_fnptr_ternary_store_defect:
 * The delay routine is chosen in MiniportInitializeEx with a conditional expression and stored in
 * the adapter: `Adapter->Delay = Busy ? NicDelaySleep : NicDelayStall;`.  The reset handler calls
 * Adapter->Delay(400): on the path where the PHY is not busy that is NicDelayStall(400), a 400 us
 * stall.  Both functions are stored in Delay, as an if/else would store them (missed before: a
 * function stored through ?: was no target of the call through the field).
 * Expected: 1 NdisStallExecution_Delay defect, at the stall in NicDelayStall.
 */
#include <ndis.h>

#define NIC_REG_PHY     0x20
#define NIC_PHY_BUSY    0x00010000

typedef VOID (*NIC_DELAY_FN)(ULONG Us);

typedef struct _NIC_ADAPTER {
    NDIS_HANDLE         AdapterHandle;
    volatile ULONG     *Registers;
    NIC_DELAY_FN        Delay;
} NIC_ADAPTER, *PNIC_ADAPTER;

NDIS_HANDLE NicDriverHandle;

MINIPORT_INITIALIZE NicInitializeEx;
MINIPORT_HALT NicHaltEx;
MINIPORT_RESET NicReset;
MINIPORT_CHECK_FOR_HANG NicCheckForHang;
MINIPORT_UNLOAD NicUnload;
DRIVER_INITIALIZE DriverEntry;

static VOID
NicDelayStall(ULONG Us)
{
    NdisStallExecution(Us); // defect: NdisStallExecution_Delay
}

static VOID
NicDelaySleep(ULONG Us)
{
    NdisMSleep(Us);
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
    Adapter->Delay = (Adapter->Registers[NIC_REG_PHY / 4] & NIC_PHY_BUSY) ? NicDelaySleep : NicDelayStall;
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
    Adapter->Delay(400);
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
