/*
 * mp_hw.c - Osprey OS-100: hardware layer (PCI config, SCB commands, EEPROM, MDI/PHY, wake-up).
 *
 * Nothing here takes a lock or uses the interrupt object; callers serialize.  Stalls are short:
 * 4 us EEPROM clock, 10/20 us polls, Adapter->PhyResetDelay (<= 50 us) for the PHY reset.
 */

#include "mp.h"

NDIS_STATUS
NICReadAdapterInfo(PMP_ADAPTER Adapter)
{
    PCI_COMMON_CONFIG PciConfig;
    ULONG BytesRead;

    DBGPRINT(MP_TRACE, ("--> NICReadAdapterInfo\n"));

    BytesRead = NdisMGetBusData(Adapter->AdapterHandle, PCI_WHICHSPACE_CONFIG, 0, &PciConfig, sizeof(PciConfig));
    if (BytesRead != sizeof(PciConfig)) {
        DBGPRINT(MP_ERROR, ("NdisMGetBusData returned %u bytes\n", BytesRead));
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    Adapter->VendorId = PciConfig.VendorID;
    Adapter->DeviceId = PciConfig.DeviceID;
    Adapter->RevsionID = PciConfig.RevisionID;
    Adapter->SubVendorID = PciConfig.u.type0.SubVendorID;
    Adapter->SubSystemID = PciConfig.u.type0.SubSystemID;

    if (Adapter->VendorId != OS100_VENDOR_ID || Adapter->DeviceId != OS100_DEVICE_ID) {
        DBGPRINT(MP_ERROR, ("unknown device %04x:%04x\n", Adapter->VendorId, Adapter->DeviceId));
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    return NDIS_STATUS_SUCCESS;
}

static BOOLEAN
NICWaitScb(PMP_ADAPTER Adapter)
{
    UCHAR Command;
    ULONG i;

    for (i = 0; i < NIC_WAIT_SCB_COUNT; i++) {
        NdisReadRegisterUchar(&Adapter->CSRAddress->ScbCommandLow, &Command);
        if (Command == 0) {
            return TRUE;
        }
        NdisStallExecution(NIC_WAIT_SCB_US);
    }
    DBGPRINT(MP_ERROR, ("SCB command not accepted\n"));
    MP_SET_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR);
    return FALSE;
}

VOID
NICIssueSelectiveReset(PMP_ADAPTER Adapter)
{
    NdisWriteRegisterUlong(&Adapter->CSRAddress->Port, PORT_SELECTIVE_RESET);
    NdisStallExecution(NIC_DELAY_POST_RESET);
    (VOID)NICWaitScb(Adapter);
    NICDisableInterrupt(Adapter);
}

VOID
NICIssueFullReset(PMP_ADAPTER Adapter)
{
    NICIssueSelectiveReset(Adapter);
    NdisWriteRegisterUlong(&Adapter->CSRAddress->Port, PORT_SOFTWARE_RESET);
    NdisStallExecution(NIC_DELAY_POST_RESET);
    NICDisableInterrupt(Adapter);
}

NDIS_STATUS
NICSelfTest(PMP_ADAPTER Adapter)
{
    ULONG Port;

    NICIssueSelectiveReset(Adapter);
    NdisWriteRegisterUlong(&Adapter->CSRAddress->Port, PORT_SELFTEST);
    NdisMSleep(NIC_DELAY_POST_SELF_TEST_MS * 1000);     // PASSIVE_LEVEL (initialize only)
    NdisReadRegisterUlong(&Adapter->CSRAddress->Port, &Port);
    NICIssueSelectiveReset(Adapter);
    if (Port != 0) {
        DBGPRINT(MP_ERROR, ("self test failed: 0x%08x\n", Port));
        return NDIS_STATUS_DEVICE_FAILED;
    }
    return NDIS_STATUS_SUCCESS;
}

//
// 93C46 EEPROM, bit-banged.
//
static VOID
NICEepromClock(PMP_ADAPTER Adapter, USHORT Bits)
{
    NdisWriteRegisterUshort(&Adapter->CSRAddress->EepromControl, (USHORT)(Bits | EE_SK));
    NdisStallExecution(NIC_EEPROM_DELAY_US);
    NdisWriteRegisterUshort(&Adapter->CSRAddress->EepromControl, Bits);
    NdisStallExecution(NIC_EEPROM_DELAY_US);
}

static USHORT
NICReadEeprom(PMP_ADAPTER Adapter, USHORT Offset)
{
    USHORT Opcode = (USHORT)((0x6 << 6) | (Offset & 0x3F));
    USHORT Data = 0;
    USHORT Reg;
    LONG Bit;

    NdisWriteRegisterUshort(&Adapter->CSRAddress->EepromControl, EE_CS);
    for (Bit = 8; Bit >= 0; Bit--) {
        NICEepromClock(Adapter, (USHORT)(EE_CS | ((Opcode & (1 << Bit)) ? EE_DI : 0)));
    }
    for (Bit = 0; Bit < 16; Bit++) {
        NICEepromClock(Adapter, EE_CS);
        NdisReadRegisterUshort(&Adapter->CSRAddress->EepromControl, &Reg);
        Data = (USHORT)((Data << 1) | ((Reg & EE_DO) ? 1 : 0));
    }
    NdisWriteRegisterUshort(&Adapter->CSRAddress->EepromControl, 0);
    return Data;
}

static BOOLEAN
NICMdiRead(PMP_ADAPTER Adapter, ULONG Reg, PUSHORT Value)
{
    ULONG Mdi;
    ULONG i;

    NdisWriteRegisterUlong(&Adapter->CSRAddress->MDIControl,
                           MDI_READ | (Adapter->PhyAddress << MDI_PHY_ADDR_SHIFT) | (Reg << MDI_PHY_REG_SHIFT));
    for (i = 0; i < NIC_MDI_POLL_COUNT; i++) {
        NdisStallExecution(NIC_MDI_POLL_US);
        NdisReadRegisterUlong(&Adapter->CSRAddress->MDIControl, &Mdi);
        if (Mdi & MDI_READY) {
            *Value = (USHORT)(Mdi & 0xFFFF);
            return TRUE;
        }
    }
    return FALSE;
}

static VOID
NICMdiWrite(PMP_ADAPTER Adapter, ULONG Reg, USHORT Value)
{
    ULONG Mdi;
    ULONG i;

    NdisWriteRegisterUlong(&Adapter->CSRAddress->MDIControl,
                           MDI_WRITE | (Adapter->PhyAddress << MDI_PHY_ADDR_SHIFT) | (Reg << MDI_PHY_REG_SHIFT) | Value);
    for (i = 0; i < NIC_MDI_POLL_COUNT; i++) {
        NdisStallExecution(NIC_MDI_POLL_US);
        NdisReadRegisterUlong(&Adapter->CSRAddress->MDIControl, &Mdi);
        if (Mdi & MDI_READY) {
            break;
        }
    }
}

//
// PHY reset: BMCR.RESET, hold PhyResetDelay (per silicon step), restart autonegotiation.
//
VOID
NICPhyReset(PMP_ADAPTER Adapter)
{
    NICMdiWrite(Adapter, MDI_CONTROL_REG, MDI_CR_RESET);
    NdisStallExecution(Adapter->PhyResetDelay); // defect: NdisStallExecution_Delay
    NICMdiWrite(Adapter, MDI_CONTROL_REG, MDI_CR_AUTO_SELECT | MDI_CR_RESTART_AUTO_NEG);
}

BOOLEAN
NICReadLinkStatus(PMP_ADAPTER Adapter)
{
    USHORT Status = 0;

    // link status is latched low: read twice
    (VOID)NICMdiRead(Adapter, MDI_STATUS_REG, &Status);
    if (!NICMdiRead(Adapter, MDI_STATUS_REG, &Status)) {
        return FALSE;
    }
    return (Status & MDI_SR_LINK_STATUS) ? TRUE : FALSE;
}

NDIS_STATUS
NICInitializeAdapter(PMP_ADAPTER Adapter)
{
    USHORT Word;
    ULONG i;

    DBGPRINT(MP_TRACE, ("--> NICInitializeAdapter\n"));

    NICIssueSelectiveReset(Adapter);
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_HARDWARE_ERROR)) {
        return NDIS_STATUS_HARD_ERRORS;
    }

    for (i = 0; i < ETH_LENGTH_OF_ADDRESS / 2; i++) {
        Word = NICReadEeprom(Adapter, (USHORT)i);
        Adapter->PermanentAddress[i * 2] = (UCHAR)Word;
        Adapter->PermanentAddress[i * 2 + 1] = (UCHAR)(Word >> 8);
    }
    if (!Adapter->bOverrideAddress) {
        NdisMoveMemory(Adapter->CurrentAddress, Adapter->PermanentAddress, ETH_LENGTH_OF_ADDRESS);
    }

    Adapter->PhyAddress = 1;
    NICPhyReset(Adapter);

    // CU and RU base 0: the TCB and RFD pointers are physical addresses
    NdisWriteRegisterUlong(&Adapter->CSRAddress->ScbGeneralPointer, 0);
    NIC_WRITE_CMD(Adapter, 0x60);                       // load CU base
    if (!NICWaitScb(Adapter)) {
        return NDIS_STATUS_HARD_ERRORS;
    }
    NIC_WRITE_CMD(Adapter, 0x06);                       // load RU base
    if (!NICWaitScb(Adapter)) {
        return NDIS_STATUS_HARD_ERRORS;
    }
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
NICStartRecv(PMP_ADAPTER Adapter)
{
    if (Adapter->RecvListHead == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    if (!NICWaitScb(Adapter)) {
        return NDIS_STATUS_HARD_ERRORS;
    }
    NdisWriteRegisterUlong(&Adapter->CSRAddress->ScbGeneralPointer, Adapter->RecvListHead->HwRfdPhys);
    NIC_WRITE_CMD(Adapter, SCB_RUC_START);
    return NDIS_STATUS_SUCCESS;
}

VOID
NICStartSend(PMP_ADAPTER Adapter, ULONG TcbPhys)
{
    USHORT Status;

    NIC_READ_STATUS(Adapter, &Status);
    if ((Status & SCB_CUS_MASK) == SCB_CUS_IDLE) {
        if (NICWaitScb(Adapter)) {
            NdisWriteRegisterUlong(&Adapter->CSRAddress->ScbGeneralPointer, TcbPhys);
            NIC_WRITE_CMD(Adapter, SCB_CUC_START);
        }
    } else {
        NIC_WRITE_CMD(Adapter, SCB_CUC_RESUME);
    }
}

NDIS_STATUS
NICSetPacketFilter(PMP_ADAPTER Adapter, ULONG PacketFilter)
{
    UCHAR Config = 0;

    if (PacketFilter & NDIS_PACKET_TYPE_PROMISCUOUS) {
        Config |= 0x80;
    }
    if (PacketFilter & NDIS_PACKET_TYPE_ALL_MULTICAST) {
        Config |= 0x08;
    }
    if ((PacketFilter & NDIS_PACKET_TYPE_BROADCAST) == 0) {
        Config |= 0x02;
    }
    if (!NICWaitScb(Adapter)) {
        return NDIS_STATUS_HARD_ERRORS;
    }
    NdisWriteRegisterUchar(&Adapter->CSRAddress->FlowControlCommand, Config);
    NIC_WRITE_CMD(Adapter, SCB_CUC_START);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
NICSetMulticastList(PMP_ADAPTER Adapter)
{
    ULONG i;

    if (!NICWaitScb(Adapter)) {
        return NDIS_STATUS_HARD_ERRORS;
    }
    for (i = 0; i < Adapter->MCAddressCount; i++) {
        NdisWriteRegisterUlong(&Adapter->CSRAddress->ScbGeneralPointer,
                               *(ULONG UNALIGNED *)&Adapter->MCList[i][0]);
    }
    NIC_WRITE_CMD(Adapter, SCB_CUC_START);
    return NDIS_STATUS_SUCCESS;
}

VOID
NICSetupWakeUp(PMP_ADAPTER Adapter)
{
    UCHAR Pmdr = 0;

    if (Adapter->WakeUpEnable & NDIS_PNP_WAKE_UP_MAGIC_PACKET) {
        Pmdr |= 0x80;
    }
    if (Adapter->WakeUpEnable & NDIS_PNP_WAKE_UP_LINK_CHANGE) {
        Pmdr |= 0x40;
    }
    NdisWriteRegisterUchar(&Adapter->CSRAddress->PMDR, Pmdr);
}

VOID
NICClearWakeUp(PMP_ADAPTER Adapter)
{
    NdisWriteRegisterUchar(&Adapter->CSRAddress->PMDR, 0xFF);      // write 1 to clear
}

VOID
NICDisableInterrupt(PMP_ADAPTER Adapter)
{
    NIC_WRITE_INTCTL(Adapter, SCB_INT_MASK);
}

VOID
NICEnableInterrupt(PMP_ADAPTER Adapter)
{
    NIC_WRITE_INTCTL(Adapter, 0);
}

VOID
NICAckInterrupt(PMP_ADAPTER Adapter, USHORT IntStatus)
{
    NIC_WRITE_STATUS(Adapter, (USHORT)(IntStatus & SCB_ACK_MASK));
}

USHORT
NICReadInterruptStatus(PMP_ADAPTER Adapter)
{
    USHORT Status;

    NIC_READ_STATUS(Adapter, &Status);
    return (USHORT)(Status & SCB_ALL_INTERRUPT_BITS);
}
