/*
 * Case 648_mdio_poll_macro_ternary_defect: the MDIO poll interval comes from a macro,
 * `NIC_MDIO_POLL_US(Adapter)` = `((Adapter)->SlowMdio ? 75 : 25)`: boards with a slow management
 * clock poll every 75 us with NdisStallExecution while the busy bit of the MDIO register (a
 * `volatile ULONG *` mapped with NdisMMapIoSpace) stays set.  Expected: one defect (an error: on
 * the path where SlowMdio holds the stall is exactly 75 us), its trace showing `Adapter->SlowMdio`
 * true.  Before, the conditional was one range 25..75, only a warning whose note spoke of a clamp
 * (blind round 11), and the register read back the value the driver had written to it (the device
 * register reached through a pointer to a scalar, not to a record): the busy bit was never set and
 * the stall never reached, Pass.
 */

#include <ndis.h>

#define NIC_TAG                 'oMiN'
#define NIC_MDIO_BUSY           0x80000000
#define NIC_MDIO_POLL_US(_A)    ((_A)->SlowMdio ? 75 : 25)
#define NIC_MDIO_TRIES          20

typedef struct _NIC_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    BOOLEAN                 SlowMdio;
    volatile ULONG         *MdioCtrl;
    ULONG                   PhyId;
} NIC_ADAPTER, *PNIC_ADAPTER;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_HALT MpHalt;

static NDIS_HANDLE NicDriverHandle;
static NDIS_PHYSICAL_ADDRESS NicBarAddress;

static NDIS_STATUS NicMdioRead(PNIC_ADAPTER Adapter, ULONG Reg, PULONG Value)
{
    ULONG Try;

    *Adapter->MdioCtrl = Reg << 16;
    for (Try = 0; Try < NIC_MDIO_TRIES; Try++) {
        if ((*Adapter->MdioCtrl & NIC_MDIO_BUSY) == 0) {
            *Value = *Adapter->MdioCtrl & 0xFFFF;
            return NDIS_STATUS_SUCCESS;
        }
        NdisStallExecution(NIC_MDIO_POLL_US(Adapter));
    }
    return NDIS_STATUS_HARD_ERRORS;
}

NDIS_STATUS MpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
                         PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegAttrs;
    PNIC_ADAPTER Adapter;
    ULONG Id = 0;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(NIC_ADAPTER),
                                                NIC_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(NIC_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;
    Adapter->SlowMdio = (InitParameters->IfIndex & 1) != 0;

    NdisZeroMemory(&RegAttrs, sizeof(RegAttrs));
    RegAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.Header.Size = sizeof(RegAttrs);
    RegAttrs.MiniportAdapterContext = Adapter;
    RegAttrs.InterfaceType = NdisInterfacePci;
    NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegAttrs);

    if (NdisMMapIoSpace((PVOID *)&Adapter->MdioCtrl, MiniportAdapterHandle, NicBarAddress,
                        sizeof(ULONG)) != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Adapter, 0, 0);
        return NDIS_STATUS_RESOURCES;
    }
    if (NicMdioRead(Adapter, 2, &Id) != NDIS_STATUS_SUCCESS) {
        NdisMUnmapIoSpace(MiniportAdapterHandle, (PVOID)Adapter->MdioCtrl, sizeof(ULONG));
        NdisFreeMemory(Adapter, 0, 0);
        return NDIS_STATUS_HARD_ERRORS;
    }
    Adapter->PhyId = Id;
    return NDIS_STATUS_SUCCESS;
}

VOID MpHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    NdisMUnmapIoSpace(Adapter->MiniportHandle, (PVOID)Adapter->MdioCtrl, sizeof(ULONG));
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
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &NicDriverHandle);
}
