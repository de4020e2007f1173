/*
 * Case 643_phy_probe_joined_status_defect: MiniportInitializeEx clears the adapter's PHY
 * settings, then a probe helper (given &Adapter->Phy) queues MDIO reads from a command table under
 * the PHY's MDIO lock, ignores whether the queueing failed (an empty `if (!NT_SUCCESS(...))` kept
 * for a debug print), waits for the read, and looks the PHY id up in a table: on a match it
 * records the table entry and returns success.  Initialize goes on only when the PHY is configured
 * (its settings are set).  MiniportRestartEx then returns with the adapter lock held.
 * Expected: that defect.  The shape of imxnetmini's PHYDev_GetPhyId, where a status returned
 * after joins took the settings back to the NULL of before the lookup loop (interp.c
 * join_leaves: a state that knows a weakened key exactly is its own leaf) and initialize could
 * not succeed; this smaller driver did not show that failure before the fix: it guards the idiom.
 */

#include <ndis.h>

#define NIC_TAG             'yhPN'

typedef struct _NIC_PHY_INFO {
    ULONG                   PhyId;
    ULONG                   ConfigWord;
} NIC_PHY_INFO, *PNIC_PHY_INFO;

static NIC_PHY_INFO NicPhyA = { 0x004DD072, 0x1200 };
static NIC_PHY_INFO NicPhyB = { 0x004DD074, 0x1200 };
static NIC_PHY_INFO NicPhyC = { 0x001CC915, 0x1140 };
static NIC_PHY_INFO NicPhyD = { 0x001CC916, 0x1140 };
static NIC_PHY_INFO NicPhyE = { 0x00221550, 0x3100 };
static NIC_PHY_INFO NicPhyF = { 0x00221560, 0x3100 };
static NIC_PHY_INFO NicPhyG = { 0x00221610, 0x1340 };
static NIC_PHY_INFO NicPhyH = { 0x00221620, 0x1340 };
PNIC_PHY_INFO NicPhyTable[] = { &NicPhyA, &NicPhyB, &NicPhyC, &NicPhyD, &NicPhyE, &NicPhyF,
                                &NicPhyG, &NicPhyH, NULL };

typedef struct _NIC_PHY {
    ULONG                   PhyId;
    PNIC_PHY_INFO           Settings;
    ULONG                   Pending;
    KEVENT                  ReadDone;
    NDIS_SPIN_LOCK          MdioLock;
} NIC_PHY, *PNIC_PHY;

typedef struct _NIC_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    NDIS_SPIN_LOCK          Lock;
    NIC_PHY                 Phy;
    BOOLEAN                 Running;
} NIC_ADAPTER, *PNIC_ADAPTER;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_HALT MpHalt;
MINIPORT_RESTART MpRestart;
MINIPORT_PAUSE MpPause;

static NDIS_HANDLE NicDriverHandle;

typedef struct _NIC_MDIO_CMD {
    ULONG                   Frame;
    ULONG                   Flags;
} NIC_MDIO_CMD, *PNIC_MDIO_CMD;

#define NIC_MDIO_END        0xFFFFFFFF

NIC_MDIO_CMD NicCmdReadId[] = { { 0x60020000, 0 }, { 0x60030000, 0 }, { NIC_MDIO_END, 0 } };

static NTSTATUS NicMdioQueueRead(PNIC_PHY Phy, PNIC_MDIO_CMD Cmd)
{
    NTSTATUS Status = STATUS_SUCCESS;
    ULONG i;

    NdisAcquireSpinLock(&Phy->MdioLock);
    for (i = 0; (Cmd + i)->Frame != NIC_MDIO_END; i++) {
        if (Phy->Pending >= 8) {
            Status = STATUS_DEVICE_BUSY;
            break;
        }
        Phy->Pending++;
    }
    NdisReleaseSpinLock(&Phy->MdioLock);
    return Status;
}

static NTSTATUS NicPhyProbe(PNIC_PHY Phy)
{
    NTSTATUS Status;
    ULONG i;
    LARGE_INTEGER Timeout = { .QuadPart = -5000000 };

    do {
        if (!NT_SUCCESS(Status = NicMdioQueueRead(Phy, NicCmdReadId))) {
            /* a debug print in the checked build */
        }
        Status = KeWaitForSingleObject(&Phy->ReadDone, Executive, KernelMode, FALSE, &Timeout);
        if (Status != STATUS_SUCCESS) {
            break;
        }
        Status = STATUS_NOT_SUPPORTED;
        for (i = 0; NicPhyTable[i] != NULL; i++) {
            if (NicPhyTable[i]->PhyId == Phy->PhyId) {
                Phy->Settings = NicPhyTable[i];
                Status = STATUS_SUCCESS;
                break;
            }
        }
    } while (0);
    return Status;
}

static BOOLEAN NicPhyConfigure(PNIC_ADAPTER Adapter)
{
    if (Adapter->Phy.Settings == NULL) {
        return FALSE;
    }
    Adapter->Phy.Pending = Adapter->Phy.Settings->ConfigWord;
    return TRUE;
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
    Adapter->MiniportHandle = MiniportAdapterHandle;
    Adapter->Running = FALSE;
    NdisAllocateSpinLock(&Adapter->Lock);
    NdisAllocateSpinLock(&Adapter->Phy.MdioLock);
    Adapter->Phy.Pending = 0;

    NdisZeroMemory(&RegAttrs, sizeof(RegAttrs));
    RegAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.Header.Size = sizeof(RegAttrs);
    RegAttrs.MiniportAdapterContext = Adapter;
    RegAttrs.InterfaceType = NdisInterfacePci;
    NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegAttrs);

    Adapter->Phy.Settings = NULL;
    if (!NT_SUCCESS(NicPhyProbe(&Adapter->Phy))) {
        goto fail;
    }
    if (!NicPhyConfigure(Adapter)) {
        goto fail;
    }
    return NDIS_STATUS_SUCCESS;

fail:
    NdisFreeSpinLock(&Adapter->Lock);
    NdisFreeMemory(Adapter, 0, 0);
    return NDIS_STATUS_FAILURE;
}

NDIS_STATUS MpRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS Params)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(Params);
    NdisAcquireSpinLock(&Adapter->Lock);
    Adapter->Running = TRUE;
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS MpPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS Params)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(Params);
    NdisAcquireSpinLock(&Adapter->Lock);
    Adapter->Running = FALSE;
    NdisReleaseSpinLock(&Adapter->Lock);
    return NDIS_STATUS_SUCCESS;
}

VOID MpHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
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
    Chars.RestartHandler = MpRestart;
    Chars.PauseHandler = MpPause;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &NicDriverHandle);
}
