/*
 * Contoso CT-GbE: receive filter, multicast, wake-up and link programming, per silicon revision.
 * (Case 130/131 driver: see power.c for what the case is about.)
 */
#include "adapter.h"

static VOID CtRevAProgramRxControl(PCT_ADAPTER Adapter);
static VOID CtRevBProgramRxControl(PCT_ADAPTER Adapter);
static VOID CtProgramMulticastDirect(PCT_ADAPTER Adapter);
static VOID CtRevAArmWakeUp(PCT_ADAPTER Adapter, ULONG WakeFlags);
static VOID CtRevBArmWakeUp(PCT_ADAPTER Adapter, ULONG WakeFlags);

const CT_HW_OPS CtRevAOps = {
    "CT-GbE rev A",
    CtRevAProgramRxControl,
    CtProgramMulticastDirect,
    CtRevAArmWakeUp,
    1
};

const CT_HW_OPS CtRevBOps = {
    .Name = "CT-GbE rev B",
    .ProgramRxControl = CtRevBProgramRxControl,
    .ProgramMulticast = CtProgramMulticastDirect,
    .ArmWakeUp = CtRevBArmWakeUp,
    .MessageCount = CT_MAX_MESSAGES,
};

ULONG
CtComputeRctl(ULONG Filter)
{
    ULONG Rctl = 0;

    if (Filter == 0) {
        return 0;
    }
    Rctl = CT_RCTL_EN;
    if (Filter & NDIS_PACKET_TYPE_PROMISCUOUS) {
        Rctl |= CT_RCTL_UPE | CT_RCTL_MPE;
    }
    if (Filter & NDIS_PACKET_TYPE_ALL_MULTICAST) {
        Rctl |= CT_RCTL_MPE;
    }
    if (Filter & NDIS_PACKET_TYPE_BROADCAST) {
        Rctl |= CT_RCTL_BAM;
    }
    return Rctl;
}

/* Revision A latches RCTL while the ISR is masked by the write itself: a plain write is enough. */
static VOID
CtRevAProgramRxControl(PCT_ADAPTER Adapter)
{
    CT_WRITE(Adapter, CT_REG_RCTL, Adapter->RctlShadow);
}

/* Revision B: the "other" vector's ISR rewrites RCTL on link change, so share its lock. */
static VOID
CtRevBProgramRxControl(PCT_ADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, CT_MSG_OTHER, CtSyncWriteRctl, Adapter); // defect: NdisMDeregisterInterruptEx
}

static VOID
CtProgramMulticastDirect(PCT_ADAPTER Adapter)
{
    ULONG i;
    ULONG Hash;
    ULONG Word;
    ULONG Bits[CT_MTA_ENTRIES];

    NdisZeroMemory(Bits, sizeof(Bits));
    for (i = 0; i < Adapter->McastCount; i++) {
        Hash = ((Adapter->McastList[i][4] >> 4) | ((ULONG)Adapter->McastList[i][5] << 4)) & 0xFFF;
        Word = (Hash >> 5) & (CT_MTA_ENTRIES - 1);
        Bits[Word] |= 1u << (Hash & 0x1F);
    }
    CT_WRITE(Adapter, CT_REG_RCTL, Adapter->RctlShadow & ~CT_RCTL_EN);
    for (i = 0; i < CT_MTA_ENTRIES; i++) {
        CT_WRITE(Adapter, CT_REG_MTA + 4 * i, Bits[i]);
    }
    CT_WRITE(Adapter, CT_REG_RCTL, Adapter->RctlShadow);
}

static VOID
CtRevAArmWakeUp(PCT_ADAPTER Adapter, ULONG WakeFlags)
{
    CT_WRITE(Adapter, CT_REG_WUFC, WakeFlags);
    CT_WRITE(Adapter, CT_REG_WUC, WakeFlags ? CT_WUC_PME_EN : 0);
}

static VOID
CtRevBArmWakeUp(PCT_ADAPTER Adapter, ULONG WakeFlags)
{
    CT_WRITE(Adapter, CT_REG_WUFC, WakeFlags);
    CT_WRITE(Adapter, CT_REG_WUC, WakeFlags ? CT_WUC_PME_EN : 0);
    /* keep the receiver's filter for magic packets only */
    Adapter->RctlShadow = WakeFlags ? (CT_RCTL_EN | CT_RCTL_BAM) : 0;
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, CT_MSG_OTHER, CtSyncWriteRctl, Adapter);
}

VOID
CtSetPacketFilter(PCT_ADAPTER Adapter, ULONG Filter)
{
    Adapter->PacketFilter = Filter;
    Adapter->RctlShadow = CtComputeRctl(Filter);

    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_LOW_POWER)) {
        /* the chip is in D3; CtSetPower(D0) programs the shadow when it comes back */
        return;
    }
    Adapter->HwOps->ProgramRxControl(Adapter);
}

VOID
CtSetMulticastList(PCT_ADAPTER Adapter, PUCHAR List, ULONG Count)
{
    ULONG i;

    for (i = 0; i < Count && i < CT_MAX_MCAST; i++) {
        NdisMoveMemory(Adapter->McastList[i], List + 6 * i, 6);
    }
    Adapter->McastCount = i;
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_LOW_POWER)) {
        return;
    }
    Adapter->HwOps->ProgramMulticast(Adapter);
}

VOID
CtUpdateLinkState(PCT_ADAPTER Adapter)
{
    NDIS_LINK_STATE LinkState;
    NDIS_STATUS_INDICATION Indication;
    ULONG Status = CT_READ(Adapter, CT_REG_STATUS);
    BOOLEAN Up = (Status & CT_STATUS_LU) ? TRUE : FALSE;

    if (Up == MP_TEST_FLAG(Adapter, fMP_ADAPTER_LINK_UP)) {
        return;
    }
    NdisZeroMemory(&LinkState, sizeof(LinkState));
    LinkState.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    LinkState.Header.Revision = NDIS_LINK_STATE_REVISION_1;
    LinkState.Header.Size = NDIS_SIZEOF_LINK_STATE_REVISION_1;
    if (Up) {
        MP_SET_FLAG(Adapter, fMP_ADAPTER_LINK_UP);
        Adapter->LinkSpeed = ((Status & CT_STATUS_SPEED_MASK) == CT_STATUS_SPEED_1000) ? CT_LINK_SPEED_1G :
                             ((Status & CT_STATUS_SPEED_MASK) == CT_STATUS_SPEED_100) ? 100000000ULL : 10000000ULL;
        LinkState.MediaConnectState = MediaConnectStateConnected;
        LinkState.MediaDuplexState = MediaDuplexStateFull;
        LinkState.XmitLinkSpeed = Adapter->LinkSpeed;
        LinkState.RcvLinkSpeed = Adapter->LinkSpeed;
    } else {
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_LINK_UP);
        Adapter->LinkSpeed = 0;
        LinkState.MediaConnectState = MediaConnectStateDisconnected;
        LinkState.MediaDuplexState = MediaDuplexStateUnknown;
        LinkState.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
        LinkState.RcvLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    }
    NdisZeroMemory(&Indication, sizeof(Indication));
    Indication.Header.Type = NDIS_OBJECT_TYPE_STATUS_INDICATION;
    Indication.Header.Revision = NDIS_STATUS_INDICATION_REVISION_1;
    Indication.Header.Size = NDIS_SIZEOF_STATUS_INDICATION_REVISION_1;
    Indication.SourceHandle = Adapter->AdapterHandle;
    Indication.StatusCode = NDIS_STATUS_LINK_STATE;
    Indication.StatusBuffer = &LinkState;
    Indication.StatusBufferSize = sizeof(LinkState);
    NdisMIndicateStatusEx(Adapter->AdapterHandle, &Indication);
}
