/*
 * Fabrikam FBR-10G: resources, chip probe and reset, rings, filters, PHY access.
 * (Case 132/133 driver: see mp_main.c for what the case is about.)
 */
#include "mp.h"

static NDIS_STATUS NicFbrPhyInit(PMP_ADAPTER Adapter);
static BOOLEAN NicFbrReadLink(PMP_ADAPTER Adapter, PULONG64 Speed);
static VOID NicFbrPowerDown(PMP_ADAPTER Adapter);
static NDIS_STATUS NicLpPhyInit(PMP_ADAPTER Adapter);
static BOOLEAN NicLpReadLink(PMP_ADAPTER Adapter, PULONG64 Speed);
static VOID NicLpPowerDown(PMP_ADAPTER Adapter);

NIC_PHY_OPS NicPhyOpsFbr = { NicFbrPhyInit, NicFbrReadLink, NicFbrPowerDown };
NIC_PHY_OPS NicPhyOpsFbrLp = { NicLpPhyInit, NicLpReadLink, NicLpPowerDown };

static ULONG NicMdioResult;

NDIS_STATUS
NicFindResources(PMP_ADAPTER Adapter, PNDIS_RESOURCE_LIST Resources)
{
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor;
    PCI_COMMON_CONFIG Config;
    BOOLEAN FoundBar = FALSE;
    ULONG Index;

    if (NdisMGetBusData(Adapter->MiniportAdapterHandle, PCI_WHICHSPACE_CONFIG, 0, &Config,
                        PCI_COMMON_HDR_LENGTH) != PCI_COMMON_HDR_LENGTH) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    if (Config.VendorID != NIC_PCI_VENDOR_FABRIKAM) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    Adapter->PciDeviceId = Config.DeviceID;
    Adapter->PhyOps = (Config.DeviceID == NIC_PCI_DEVICE_FBR10G_LP) ? &NicPhyOpsFbrLp : &NicPhyOpsFbr;

    Adapter->InterruptMode = NicInterruptNone;
    if (Resources == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    for (Index = 0; Index < Resources->Count; Index++) {
        Descriptor = &Resources->PartialDescriptors[Index];
        if (Descriptor->Type == CmResourceTypeMemory) {
            if (!FoundBar && Descriptor->u.Memory.Length >= NIC_BAR_SIZE) {
                Adapter->CsrPhysical = Descriptor->u.Memory.Start;
                Adapter->CsrLength = NIC_BAR_SIZE;
                FoundBar = TRUE;
            }
        } else if (Descriptor->Type == CmResourceTypeInterrupt) {
            Adapter->InterruptMode = (Descriptor->Flags & CM_RESOURCE_INTERRUPT_MESSAGE)
                                         ? NicInterruptMessage : NicInterruptLine;
        }
    }
    return FoundBar ? NDIS_STATUS_SUCCESS : NDIS_STATUS_RESOURCE_CONFLICT;
}

/* The first read of a freshly mapped BAR can fault if the device fell off the bus. */
NDIS_STATUS
NicProbe(PMP_ADAPTER Adapter)
{
    ULONG Status = 0;

    __try {
        Status = NIC_READ(Adapter, NIC_CSR_STATUS);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        NdisWriteErrorLogEntry(Adapter->MiniportAdapterHandle, NDIS_ERROR_CODE_HARDWARE_FAILURE, 1,
                               GetExceptionCode());
        return NDIS_STATUS_DEVICE_FAILED;
    }
    if (Status == 0xFFFFFFFF) {
        return NDIS_STATUS_DEVICE_FAILED;
    }
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
NicResetChip(PMP_ADAPTER Adapter)
{
    ULONG Tries;

    NIC_WRITE(Adapter, NIC_CSR_INT_MASK_CLR, NIC_INT_ALL);
    NIC_WRITE(Adapter, NIC_CSR_CTRL, NIC_CTRL_SOFT_RESET);
    for (Tries = 0; Tries < 50; Tries++) {
        NdisMSleep(100);
        if ((NIC_READ(Adapter, NIC_CSR_CTRL) & NIC_CTRL_SOFT_RESET) == 0) {
            break;
        }
    }
    if (Tries == 50) {
        return NDIS_STATUS_HARD_ERRORS;
    }
    (VOID)NIC_READ(Adapter, NIC_CSR_INT_CAUSE);
    return NDIS_STATUS_SUCCESS;
}

VOID
NicStartRings(PMP_ADAPTER Adapter)
{
    Adapter->TxHead = 0;
    Adapter->TxTail = 0;
    Adapter->RxHead = 0;
    NIC_WRITE(Adapter, NIC_CSR_TX_HEAD, 0);
    NIC_WRITE(Adapter, NIC_CSR_TX_TAIL, 0);
    NIC_WRITE(Adapter, NIC_CSR_RX_HEAD, 0);
    NIC_WRITE(Adapter, NIC_CSR_RX_TAIL, NIC_RING_SIZE - 1);
    NIC_WRITE(Adapter, NIC_CSR_TX_CTRL, NIC_TX_ENABLE);
    NIC_WRITE(Adapter, NIC_CSR_RX_CTRL, Adapter->RxControl);
}

VOID
NicStopRings(PMP_ADAPTER Adapter)
{
    NIC_WRITE(Adapter, NIC_CSR_RX_CTRL, 0);
    NIC_WRITE(Adapter, NIC_CSR_TX_CTRL, 0);
}

static VOID
NicOpWriteItr(PMP_ADAPTER Adapter, ULONG Itr)
{
    NIC_WRITE(Adapter, NIC_CSR_ITR, Itr);
}

static VOID
NicOpWriteRxControl(PMP_ADAPTER Adapter, ULONG RxControl)
{
    NIC_WRITE(Adapter, NIC_CSR_RX_CTRL, RxControl);
}

/* The ISR reads ITR to pace its DPC: a torn update makes it spin, so write it under the lock. */
VOID
NicSetInterruptModeration(PMP_ADAPTER Adapter, ULONG Itr)
{
    Adapter->InterruptModeration = Itr;
    NicRunSynchronized(Adapter, NicOpWriteItr, Itr);
}

VOID
NicSetRxFilter(PMP_ADAPTER Adapter, ULONG Filter)
{
    ULONG RxControl = 0;

    if (Filter != 0) {
        RxControl = NIC_RX_ENABLE;
        if (Filter & NDIS_PACKET_TYPE_PROMISCUOUS) {
            RxControl |= NIC_RX_PROMISC | NIC_RX_ALLMULTI;
        }
        if (Filter & NDIS_PACKET_TYPE_ALL_MULTICAST) {
            RxControl |= NIC_RX_ALLMULTI;
        }
        if (Filter & NDIS_PACKET_TYPE_BROADCAST) {
            RxControl |= NIC_RX_BROADCAST;
        }
    }
    Adapter->PacketFilter = Filter;
    Adapter->RxControl = RxControl;
    NicRunSynchronized(Adapter, NicOpWriteRxControl, RxControl);
}

/* MDIO shares the command register with the ISR's link-change acknowledge. */
static VOID
NicOpMdioRead(PMP_ADAPTER Adapter, ULONG Register)
{
    ULONG Poll;
    ULONG Value;

    NIC_WRITE(Adapter, NIC_CSR_MDIO_CMD, NIC_MDIO_BUSY | NIC_MDIO_READ | (Register << 16));
    for (Poll = 0; Poll < NIC_MDIO_POLLS; Poll++) {
        NdisStallExecution(NIC_MDIO_POLL_US);
        Value = NIC_READ(Adapter, NIC_CSR_MDIO_CMD);
        if ((Value & NIC_MDIO_BUSY) == 0) {
            NicMdioResult = NIC_READ(Adapter, NIC_CSR_MDIO_DATA) & 0xFFFF;
            return;
        }
    }
    NicMdioResult = 0xFFFF;
}

static VOID
NicOpMdioWrite(PMP_ADAPTER Adapter, ULONG RegisterAndValue)
{
    ULONG Poll;

    NIC_WRITE(Adapter, NIC_CSR_MDIO_DATA, RegisterAndValue & 0xFFFF);
    NIC_WRITE(Adapter, NIC_CSR_MDIO_CMD, NIC_MDIO_BUSY | (RegisterAndValue & 0xFFFF0000));
    for (Poll = 0; Poll < NIC_MDIO_POLLS; Poll++) {
        NdisStallExecution(NIC_MDIO_POLL_US);
        if ((NIC_READ(Adapter, NIC_CSR_MDIO_CMD) & NIC_MDIO_BUSY) == 0) {
            return;
        }
    }
}

/* Before the interrupt is connected nothing races the MDIO registers: plain access. */
static NDIS_STATUS
NicFbrPhyInit(PMP_ADAPTER Adapter)
{
    NicOpMdioWrite(Adapter, (0x00 << 16) | 0x8000);     /* BMCR reset */
    NicOpMdioRead(Adapter, 0x02);
    return (NicMdioResult == 0xFFFF) ? NDIS_STATUS_DEVICE_FAILED : NDIS_STATUS_SUCCESS;
}

static BOOLEAN
NicFbrReadLink(PMP_ADAPTER Adapter, PULONG64 Speed)
{
    NicRunSynchronized(Adapter, NicOpMdioRead, 0x01);
    if ((NicMdioResult & 0x0004) == 0) {
        *Speed = 0;
        return FALSE;
    }
    *Speed = 10000000000ULL;
    return TRUE;
}

static VOID
NicFbrPowerDown(PMP_ADAPTER Adapter)
{
    NicRunSynchronized(Adapter, NicOpMdioWrite, (0x00 << 16) | 0x0800);
}

static NDIS_STATUS
NicLpPhyInit(PMP_ADAPTER Adapter)
{
    UNREFERENCED_PARAMETER(Adapter);
    return NDIS_STATUS_SUCCESS;
}

/* The low-power part reports link in the MAC status register; no MDIO needed. */
static BOOLEAN
NicLpReadLink(PMP_ADAPTER Adapter, PULONG64 Speed)
{
    ULONG Status = NIC_READ(Adapter, NIC_CSR_STATUS);

    if ((Status & NIC_STATUS_LINK) == 0) {
        *Speed = 0;
        return FALSE;
    }
    *Speed = (Status & NIC_STATUS_10G) ? 10000000000ULL : 1000000000ULL;
    return TRUE;
}

static VOID
NicLpPowerDown(PMP_ADAPTER Adapter)
{
    NIC_WRITE(Adapter, NIC_CSR_CTRL, NIC_CTRL_LINK_RESET);
}

VOID
NicPollLink(PMP_ADAPTER Adapter)
{
    NDIS_LINK_STATE LinkState;
    NDIS_STATUS_INDICATION Indication;
    ULONG64 Speed = 0;
    BOOLEAN Up;

    Up = Adapter->PhyOps->ReadLink(Adapter, &Speed);
    if (Up == Adapter->LinkUp && Speed == Adapter->LinkSpeed) {
        return;
    }
    Adapter->LinkUp = Up;
    Adapter->LinkSpeed = Speed;

    NdisZeroMemory(&LinkState, sizeof(LinkState));
    LinkState.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    LinkState.Header.Revision = NDIS_LINK_STATE_REVISION_1;
    LinkState.Header.Size = NDIS_SIZEOF_LINK_STATE_REVISION_1;
    LinkState.MediaConnectState = Up ? MediaConnectStateConnected : MediaConnectStateDisconnected;
    LinkState.MediaDuplexState = Up ? MediaDuplexStateFull : MediaDuplexStateUnknown;
    LinkState.XmitLinkSpeed = Up ? Speed : NDIS_LINK_SPEED_UNKNOWN;
    LinkState.RcvLinkSpeed = Up ? Speed : NDIS_LINK_SPEED_UNKNOWN;

    NdisZeroMemory(&Indication, sizeof(Indication));
    Indication.Header.Type = NDIS_OBJECT_TYPE_STATUS_INDICATION;
    Indication.Header.Revision = NDIS_STATUS_INDICATION_REVISION_1;
    Indication.Header.Size = NDIS_SIZEOF_STATUS_INDICATION_REVISION_1;
    Indication.SourceHandle = Adapter->MiniportAdapterHandle;
    Indication.StatusCode = NDIS_STATUS_LINK_STATE;
    Indication.StatusBuffer = &LinkState;
    Indication.StatusBufferSize = sizeof(LinkState);
    NdisMIndicateStatusEx(Adapter->MiniportAdapterHandle, &Indication);
}
