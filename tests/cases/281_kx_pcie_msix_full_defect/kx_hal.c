/*
 * kx_hal.c - Kestrel KX-2000: register-level hardware access (MAC, MDIO/PHY, wake, statistics).
 *
 * Called with no lock, with a ring lock or at DIRQL through a synchronize routine; nothing here
 * takes a spin lock or touches the interrupt object.  Busy-waits stay within 50 us a step.
 */

#include "kx.h"

NDIS_STATUS
KxHalMapRegisters(PKX_ADAPTER Adapter, PNDIS_RESOURCE_LIST Resources)
{
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor;
    NDIS_STATUS Status;
    ULONG i;

    if (Resources == NULL) {
        DBGPRINT(KX_DBG_ERROR, ("no resources assigned\n"));
        return NDIS_STATUS_RESOURCES;
    }

    for (i = 0; i < Resources->Count; i++) {
        Descriptor = &Resources->PartialDescriptors[i];
        if (Descriptor->Type != CmResourceTypeMemory) {
            continue;
        }
        if (Descriptor->u.Memory.Length < KX_BAR0_LENGTH) {
            DBGPRINT(KX_DBG_WARN, ("memory range %u too small (0x%x)\n", i, Descriptor->u.Memory.Length));
            continue;
        }
        Adapter->Hal.RegistersPhys = Descriptor->u.Memory.Start;
        Adapter->Hal.RegistersLength = KX_BAR0_LENGTH;
        Status = NdisMMapIoSpace(&Adapter->Hal.Registers, Adapter->AdapterHandle,
                                 Adapter->Hal.RegistersPhys, Adapter->Hal.RegistersLength);
        if (Status != NDIS_STATUS_SUCCESS) {
            DBGPRINT(KX_DBG_ERROR, ("NdisMMapIoSpace failed 0x%08x\n", Status));
            Adapter->Hal.Registers = NULL;
            return Status;
        }
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_ADAPTER_NOT_FOUND;
}

VOID
KxHalUnmapRegisters(PKX_ADAPTER Adapter)
{
    if (Adapter->Hal.Registers != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, Adapter->Hal.Registers, Adapter->Hal.RegistersLength);
        Adapter->Hal.Registers = NULL;
    }
}

NDIS_STATUS
KxHalResetChip(PKX_ADAPTER Adapter)
{
    ULONG Ctrl;
    ULONG Poll;

    KX_WRITE_REG(Adapter, KX_REG_IMC, 0xFFFFFFFF);
    KX_WRITE_REG(Adapter, KX_REG_EIMC, 0xFFFFFFFF);
    KX_WRITE_REG(Adapter, KX_REG_RCTL, 0);
    KX_WRITE_REG(Adapter, KX_REG_TCTL, KX_TCTL_PSP);

    KX_READ_REG(Adapter, KX_REG_CTRL, &Ctrl);
    KX_WRITE_REG(Adapter, KX_REG_CTRL, Ctrl | KX_CTRL_RST);

    for (Poll = 0; Poll < KX_RESET_POLL_COUNT; Poll++) {
        KX_HAL_STALL(KX_RESET_POLL_US);
        KX_READ_REG(Adapter, KX_REG_CTRL, &Ctrl);
        if ((Ctrl & KX_CTRL_RST) == 0) {
            break;
        }
    }
    if (Poll == KX_RESET_POLL_COUNT) {
        DBGPRINT(KX_DBG_ERROR, ("chip reset did not complete\n"));
        return NDIS_STATUS_HARD_ERRORS;
    }

    // clear anything latched during the reset
    KX_WRITE_REG(Adapter, KX_REG_IMC, 0xFFFFFFFF);
    KX_READ_REG(Adapter, KX_REG_ICR, &Ctrl);
    return NDIS_STATUS_SUCCESS;
}

VOID
KxHalReadMacAddress(PKX_ADAPTER Adapter)
{
    ULONG Low;
    ULONG High;

    KX_READ_REG(Adapter, KX_REG_RAL(0), &Low);
    KX_READ_REG(Adapter, KX_REG_RAH(0), &High);
    Adapter->PermanentAddress[0] = (UCHAR)(Low);
    Adapter->PermanentAddress[1] = (UCHAR)(Low >> 8);
    Adapter->PermanentAddress[2] = (UCHAR)(Low >> 16);
    Adapter->PermanentAddress[3] = (UCHAR)(Low >> 24);
    Adapter->PermanentAddress[4] = (UCHAR)(High);
    Adapter->PermanentAddress[5] = (UCHAR)(High >> 8);
    if (ETH_IS_MULTICAST(Adapter->PermanentAddress)) {
        // blank EEPROM: locally administered fallback
        Adapter->PermanentAddress[0] = 0x02;
    }
    NdisMoveMemory(Adapter->CurrentAddress, Adapter->PermanentAddress, ETH_LENGTH_OF_ADDRESS);
}

static VOID
KxHalProgramRings(PKX_ADAPTER Adapter)
{
    ULONG q;

    for (q = 0; q < Adapter->NumQueues; q++) {
        PKX_RX_RING Rx = &Adapter->RxRing[q];
        PKX_TX_RING Tx = &Adapter->TxRing[q];

        KX_WRITE_REG(Adapter, KX_REG_RDBAL(q), NdisGetPhysicalAddressLow(Rx->DescPhys));
        KX_WRITE_REG(Adapter, KX_REG_RDBAH(q), NdisGetPhysicalAddressHigh(Rx->DescPhys));
        KX_WRITE_REG(Adapter, KX_REG_RDLEN(q), Rx->DescLength);
        KX_WRITE_REG(Adapter, KX_REG_RDH(q), 0);
        KX_WRITE_REG(Adapter, KX_REG_RDT(q), KX_RX_RING_SIZE - 1);

        KX_WRITE_REG(Adapter, KX_REG_TDBAL(q), NdisGetPhysicalAddressLow(Tx->DescPhys));
        KX_WRITE_REG(Adapter, KX_REG_TDBAH(q), NdisGetPhysicalAddressHigh(Tx->DescPhys));
        KX_WRITE_REG(Adapter, KX_REG_TDLEN(q), Tx->DescLength);
        KX_WRITE_REG(Adapter, KX_REG_TDH(q), 0);
        KX_WRITE_REG(Adapter, KX_REG_TDT(q), 0);
    }
}

NDIS_STATUS
KxHalInitHardware(PKX_ADAPTER Adapter)
{
    ULONG Ctrl;
    ULONG i;

    KX_READ_REG(Adapter, KX_REG_CTRL, &Ctrl);
    KX_WRITE_REG(Adapter, KX_REG_CTRL, Ctrl | KX_CTRL_SLU);

    KX_WRITE_REG(Adapter, KX_REG_RAL(0), Adapter->CurrentAddress[0] | (Adapter->CurrentAddress[1] << 8) |
                 (Adapter->CurrentAddress[2] << 16) | ((ULONG)Adapter->CurrentAddress[3] << 24));
    KX_WRITE_REG(Adapter, KX_REG_RAH(0), Adapter->CurrentAddress[4] | (Adapter->CurrentAddress[5] << 8) | 0x80000000);
    for (i = 0; i < 128; i++) {
        KX_WRITE_REG(Adapter, KX_REG_MTA(i), 0);
    }
    KxHalProgramRings(Adapter);
    return NDIS_STATUS_SUCCESS;
}

VOID
KxHalStartRxTx(PKX_ADAPTER Adapter)
{
    ULONG q;

    for (q = 0; q < Adapter->NumQueues; q++) {
        KX_WRITE_REG(Adapter, KX_REG_RXDCTL(q), 0x02000000);
        KX_WRITE_REG(Adapter, KX_REG_TXDCTL(q), 0x02000000);
    }
    KX_WRITE_REG(Adapter, KX_REG_TCTL, KX_TCTL_EN | KX_TCTL_PSP);
    KxHalProgramRxFilter(Adapter);
}

VOID
KxHalStopRxTx(PKX_ADAPTER Adapter)
{
    KX_WRITE_REG(Adapter, KX_REG_RCTL, 0);
    KX_WRITE_REG(Adapter, KX_REG_TCTL, KX_TCTL_PSP);
}

VOID
KxHalProgramRxFilter(PKX_ADAPTER Adapter)
{
    ULONG Rctl = 0;

    if (Adapter->PacketFilter != 0) {
        Rctl = KX_RCTL_EN;
    }
    if (Adapter->PacketFilter & NDIS_PACKET_TYPE_PROMISCUOUS) {
        Rctl |= KX_RCTL_UPE | KX_RCTL_MPE;
    }
    if (Adapter->PacketFilter & NDIS_PACKET_TYPE_ALL_MULTICAST) {
        Rctl |= KX_RCTL_MPE;
    }
    if (Adapter->PacketFilter & NDIS_PACKET_TYPE_BROADCAST) {
        Rctl |= KX_RCTL_BAM;
    }
    KX_WRITE_REG(Adapter, KX_REG_RCTL, Rctl);
}

VOID
KxHalProgramMulticast(PKX_ADAPTER Adapter)
{
    ULONG Mta[128];
    ULONG i;

    NdisZeroMemory(Mta, sizeof(Mta));
    for (i = 0; i < Adapter->McastCount && i < KX_MAX_MCAST; i++) {
        ULONG Hash = ((Adapter->McastList[i][4] >> 4) | ((ULONG)Adapter->McastList[i][5] << 4)) & 0xFFF;

        Mta[Hash >> 5] |= 1u << (Hash & 0x1F);
    }
    for (i = 0; i < 128; i++) {
        KX_WRITE_REG(Adapter, KX_REG_MTA(i), Mta[i]);
    }
}

VOID
KxHalConfigureVectors(PKX_ADAPTER Adapter)
{
    ULONG q;

    if (Adapter->Intr.Type != NDIS_CONNECT_MESSAGE_BASED) {
        KX_WRITE_REG(Adapter, KX_REG_GPIE, 0);
        Adapter->Hal.ImsShadow = KX_IMS_ENABLE_MASK;
        return;
    }
    KX_WRITE_REG(Adapter, KX_REG_GPIE, KX_GPIE_MSIX_MODE | KX_GPIE_EIAME | KX_GPIE_PBA);
    for (q = 0; q < Adapter->NumQueues; q++) {
        // RX cause of queue q -> message q, TX cause of queue q -> message q
        KX_WRITE_REG(Adapter, KX_REG_IVAR(q), 0x80008000 | (q << 8) | q);
    }
    KX_WRITE_REG(Adapter, KX_REG_IVAR(KX_OTHER_VECTOR), 0x80 | KX_OTHER_VECTOR);
    KX_WRITE_REG(Adapter, KX_REG_EIAC, 0xFFFFFFFF & ~KX_EICR_OTHER);
}

//
// Program the wake-up filters (DIRQL: WUFC shares the cause-register access window with the ISR).
//
VOID
KxHalProgramWake(PKX_ADAPTER Adapter)
{
    ULONG Wufc = 0;

    if (Adapter->Power.WakeUpFlags & NDIS_PNP_WAKE_UP_MAGIC_PACKET) {
        Wufc |= KX_WUFC_MAG;
    }
    if (Adapter->Power.WakeUpFlags & NDIS_PNP_WAKE_UP_LINK_CHANGE) {
        Wufc |= KX_WUFC_LNKC;
    }
    if (Adapter->Power.WakeUpFlags & NDIS_PNP_WAKE_UP_PATTERN_MATCH) {
        Wufc |= KX_WUFC_EX;
    }
    KX_WRITE_REG(Adapter, KX_REG_WUFC, Wufc);
    KX_WRITE_REG(Adapter, KX_REG_WUC, Wufc != 0 ? KX_WUC_PME_EN : 0);
    Adapter->Power.WakeArmed = (Wufc != 0) ? TRUE : FALSE;
}

VOID
KxHalPowerDown(PKX_ADAPTER Adapter)
{
    KxHalStopRxTx(Adapter);
    KX_WRITE_REG(Adapter, KX_REG_IMC, 0xFFFFFFFF);
    KX_WRITE_REG(Adapter, KX_REG_EIMC, 0xFFFFFFFF);
}

VOID
KxHalPowerUp(PKX_ADAPTER Adapter)
{
    KX_WRITE_REG(Adapter, KX_REG_WUC, 0);
    KX_WRITE_REG(Adapter, KX_REG_WUFC, 0);
    Adapter->Power.WakeArmed = FALSE;
}

VOID
KxHalUpdateStatistics(PKX_ADAPTER Adapter)
{
    ULONG Value;

    KX_READ_REG(Adapter, KX_REG_CRCERRS, &Value);
    Adapter->Stats.RxCrcErrors += Value;
    KX_READ_REG(Adapter, KX_REG_MPC, &Value);
    Adapter->Stats.RxMissed += Value;
}

//
// MDIO.  Each access completes within ~3 ms; polled in 5 us steps.
//
static NDIS_STATUS
KxMdioAccess(PKX_ADAPTER Adapter, ULONG Op, ULONG Reg, USHORT WriteValue, PUSHORT ReadValue)
{
    ULONG Mdic;
    ULONG Poll;

    Mdic = Op | (Adapter->Phy.Address << 21) | (Reg << 16) | WriteValue;
    KX_WRITE_REG(Adapter, KX_REG_MDIC, Mdic);
    for (Poll = 0; Poll < KX_MDIO_POLL_COUNT; Poll++) {
        KX_HAL_STALL(KX_MDIO_POLL_US);
        KX_READ_REG(Adapter, KX_REG_MDIC, &Mdic);
        if (Mdic & KX_MDIC_READY) {
            break;
        }
    }
    if ((Mdic & KX_MDIC_READY) == 0 || (Mdic & KX_MDIC_ERROR) != 0) {
        return NDIS_STATUS_DEVICE_FAILED;
    }
    if (ReadValue != NULL) {
        *ReadValue = (USHORT)Mdic;
    }
    return NDIS_STATUS_SUCCESS;
}

static USHORT
KxPhyRead(PKX_ADAPTER Adapter, ULONG Reg)
{
    USHORT Value = 0xFFFF;

    (VOID)KxMdioAccess(Adapter, KX_MDIC_OP_READ, Reg, 0, &Value);
    return Value;
}

static NDIS_STATUS
KxPhyWrite(PKX_ADAPTER Adapter, ULONG Reg, USHORT Value)
{
    return KxMdioAccess(Adapter, KX_MDIC_OP_WRITE, Reg, Value, NULL);
}

static VOID
KxPhyRestartAutoneg(PKX_ADAPTER Adapter)
{
    (VOID)KxPhyWrite(Adapter, KX_PHY_ANAR, 0x01E1);
    (VOID)KxPhyWrite(Adapter, KX_PHY_1000T_CTRL, 0x0300);
    (VOID)KxPhyWrite(Adapter, KX_PHY_BMCR, KX_BMCR_ANENABLE | KX_BMCR_ANRESTART);
}

NDIS_STATUS
KxPhyInit(PKX_ADAPTER Adapter)
{
    USHORT Id1;
    USHORT Id2;

    Adapter->Phy.Address = 1;
    Id1 = KxPhyRead(Adapter, KX_PHY_ID1);
    Id2 = KxPhyRead(Adapter, KX_PHY_ID2);
    if (Id1 == 0xFFFF || Id1 == 0) {
        DBGPRINT(KX_DBG_ERROR, ("no PHY at address %u\n", Adapter->Phy.Address));
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    Adapter->Phy.Id = ((ULONG)Id1 << 16) | Id2;
    Adapter->Phy.Quirks = KX_PHY_QUIRK_NONE;
    if ((Adapter->Phy.Id & 0xFFFFFFF0) == 0x01410CC0) {
        // rev A0/A1 PHYs lose lock after repeated cable flaps
        Adapter->Phy.Quirks |= KX_PHY_QUIRK_HARD_RESET;
    }
    if (Adapter->Hal.RevisionId < 2) {
        Adapter->Phy.Quirks |= KX_PHY_QUIRK_DOWNSHIFT;
        (VOID)KxPhyWrite(Adapter, KX_PHY_SPECIFIC_CTRL, 0x0808);
    }
    KxPhyRestartAutoneg(Adapter);
    Adapter->Phy.LinkUp = FALSE;
    Adapter->Phy.LinkDownTicks = 0;
    return NDIS_STATUS_SUCCESS;
}

VOID
KxPhyCheckLink(PKX_ADAPTER Adapter)
{
    ULONG Status;

    KX_READ_REG(Adapter, KX_REG_STATUS, &Status);
    Adapter->Phy.LinkUp = (Status & KX_STATUS_LU) ? TRUE : FALSE;
    Adapter->Phy.FullDuplex = (Status & KX_STATUS_FD) ? TRUE : FALSE;
    switch (Status & KX_STATUS_SPEED_MASK) {
    case KX_STATUS_SPEED_1000:
        Adapter->Phy.LinkSpeed = KX_LINK_SPEED_1G;
        break;
    case KX_STATUS_SPEED_100:
        Adapter->Phy.LinkSpeed = 100000000ULL;
        break;
    default:
        Adapter->Phy.LinkSpeed = 10000000ULL;
        break;
    }
}

//
// Hard PHY reset through CTRL.PHY_RST: assert, hold, release, then wait for the PHY to come out of
// reset (up to 300 us, in 50 us steps).  Only parts with KX_PHY_QUIRK_HARD_RESET ever get here.
//
static VOID
KxPhyHardReset(PKX_ADAPTER Adapter)
{
    ULONG Ctrl;
    ULONG Step;

    KX_READ_REG(Adapter, KX_REG_CTRL, &Ctrl);
    KX_WRITE_REG(Adapter, KX_REG_CTRL, Ctrl | KX_CTRL_PHY_RST);
    KX_HAL_STALL(KX_PHY_RESET_ASSERT_US); // defect: NdisStallExecution_Delay (via KX_HAL_STALL)
    KX_WRITE_REG(Adapter, KX_REG_CTRL, Ctrl & ~KX_CTRL_PHY_RST);

    for (Step = 0; Step < KX_PHY_RESET_SETTLE_STEPS; Step++) {
        KX_HAL_STALL(KX_PHY_RESET_SETTLE_STEP_US);
        if ((KxPhyRead(Adapter, KX_PHY_BMCR) & KX_BMCR_RESET) == 0) {
            break;
        }
    }
    Adapter->Phy.HardResets++;
}

//
// Called by the watchdog every tick: count how long the link stays down and kick the PHY.
//
VOID
KxPhyWatchdog(PKX_ADAPTER Adapter)
{
    if (Adapter->Phy.LinkUp) {
        Adapter->Phy.LinkDownTicks = 0;
        return;
    }
    Adapter->Phy.LinkDownTicks++;
    if (Adapter->Phy.LinkDownTicks < KX_LINK_DOWN_RECOVER_TICKS) {
        return;
    }
    Adapter->Phy.LinkDownTicks = 0;
    if (Adapter->Phy.Quirks & KX_PHY_QUIRK_HARD_RESET) {
        DBGPRINT(KX_DBG_WARN, ("link down too long, hard PHY reset\n"));
        KxPhyHardReset(Adapter);
    } else {
        (VOID)KxPhyWrite(Adapter, KX_PHY_BMCR, KX_BMCR_RESET);
    }
    KxPhyRestartAutoneg(Adapter);
}
