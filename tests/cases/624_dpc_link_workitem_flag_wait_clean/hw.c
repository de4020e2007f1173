/*
 * hw.c - register access, EEPROM and PHY, resources and teardown.
 */
#include "lkmp.h"

#define EEPROM_DELAY_US     5
#define MDIO_POLL_US        10
#define MDIO_POLL_LIMIT     64

ULONG
LkReadCsr(
    PLK_ADAPTER  Adapter,
    ULONG Register
    )
{
    ULONG Value;

    NdisReadRegisterUlong((PULONG)(Adapter->CsrBase + Register), &Value);
    return Value;
}

VOID
LkWriteCsr(
    PLK_ADAPTER  Adapter,
    ULONG Register,
    ULONG Value
    )
{
    NdisWriteRegisterUlong((PULONG)(Adapter->CsrBase + Register), Value);
}

NDIS_STATUS
LkReadRegistryParameters(
    PLK_ADAPTER Adapter
    )
{
    NDIS_STATUS Status;
    NDIS_HANDLE ConfigHandle = NULL;
    NDIS_CONFIGURATION_OBJECT ConfigObject;
    PNDIS_CONFIGURATION_PARAMETER Param;
    NDIS_STRING SpeedDuplexKey = NDIS_STRING_CONST("SpeedDuplex");
    PVOID NetAddress;
    UINT NetAddressLength;

    ConfigObject.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
    ConfigObject.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
    ConfigObject.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
    ConfigObject.NdisHandle = Adapter->AdapterHandle;
    ConfigObject.Flags = 0;

    Status = NdisOpenConfigurationEx(&ConfigObject, &ConfigHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return NDIS_STATUS_FAILURE;
    }

    Adapter->SpeedDuplex = 0;
    NdisReadConfiguration(&Status, &Param, ConfigHandle, &SpeedDuplexKey, NdisParameterInteger);
    if (Status == NDIS_STATUS_SUCCESS) {
        if (Param->ParameterData.IntegerData <= 6) {
            Adapter->SpeedDuplex = Param->ParameterData.IntegerData;
        }
    }

    NdisReadNetworkAddress(&Status, &NetAddress, &NetAddressLength, ConfigHandle);
    if (Status == NDIS_STATUS_SUCCESS && NetAddressLength == LK_MAC_LENGTH) {
        NdisMoveMemory(Adapter->CurrentAddress, NetAddress, LK_MAC_LENGTH);
    }

    NdisCloseConfiguration(ConfigHandle);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
LkFindHardware(
    PLK_ADAPTER                Adapter,
    PNDIS_RESOURCE_LIST Resources
    )
{
    NDIS_STATUS Status;
    ULONG i;
    BOOLEAN FoundMemory = FALSE;
    UCHAR Config[64];
    ULONG Read;

    Read = NdisMGetBusData(Adapter->AdapterHandle, PCI_WHICHSPACE_CONFIG, 0, Config, sizeof(Config));
    if (Read != sizeof(Config)) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    Adapter->DeviceId = *(PUSHORT)&Config[2];
    Adapter->RevisionId = Config[8];

    if (Resources == NULL) {
        return NDIS_STATUS_RESOURCE_CONFLICT;
    }

    for (i = 0; i < Resources->Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc = &Resources->PartialDescriptors[i];

        if (Desc->Type == CmResourceTypeMemory && !FoundMemory) {
            Adapter->CsrPhysical = Desc->u.Memory.Start;
            Adapter->CsrLength = Desc->u.Memory.Length;
            FoundMemory = TRUE;
        }
    }

    if (!FoundMemory || Adapter->CsrLength < LK_CSR_LENGTH) {
        return NDIS_STATUS_RESOURCE_CONFLICT;
    }

    Status = NdisMMapIoSpace((PVOID *)&Adapter->CsrBase,
                             Adapter->AdapterHandle,
                             Adapter->CsrPhysical,
                             Adapter->CsrLength);
    if (Status != NDIS_STATUS_SUCCESS) {
        Adapter->CsrBase = NULL;
        return Status;
    }

    return NDIS_STATUS_SUCCESS;
}

static VOID
LkEepromClock(
    PLK_ADAPTER   Adapter,
    PULONG Eecd
    )
{
    *Eecd |= EECD_SK;
    LkWriteCsr(Adapter, REG_EECD, *Eecd);
    NdisStallExecution(EEPROM_DELAY_US);
    *Eecd &= ~EECD_SK;
    LkWriteCsr(Adapter, REG_EECD, *Eecd);
    NdisStallExecution(EEPROM_DELAY_US);
}

static VOID
LkEepromShiftOut(
    PLK_ADAPTER   Adapter,
    USHORT Data,
    USHORT Count
    )
{
    ULONG Eecd;
    ULONG Mask;

    Eecd = LkReadCsr(Adapter, REG_EECD);
    Mask = 1u << (Count - 1);
    Eecd &= ~(EECD_DO | EECD_DI);

    do {
        Eecd &= ~EECD_DI;
        if (Data & Mask) {
            Eecd |= EECD_DI;
        }
        LkWriteCsr(Adapter, REG_EECD, Eecd);
        NdisStallExecution(EEPROM_DELAY_US);
        LkEepromClock(Adapter, &Eecd);
        Mask >>= 1;
    } while (Mask != 0);

    Eecd &= ~EECD_DI;
    LkWriteCsr(Adapter, REG_EECD, Eecd);
}

static USHORT
LkEepromShiftIn(
    PLK_ADAPTER Adapter
    )
{
    ULONG Eecd;
    USHORT Data = 0;
    ULONG i;

    Eecd = LkReadCsr(Adapter, REG_EECD);
    Eecd &= ~(EECD_DO | EECD_DI);

    for (i = 0; i < EEPROM_WORD_BITS; i++) {
        Data <<= 1;
        LkEepromClock(Adapter, &Eecd);
        if (LkReadCsr(Adapter, REG_EECD) & EECD_DO) {
            Data |= 1;
        }
    }

    return Data;
}

USHORT
LkEepromReadWord(
    PLK_ADAPTER   Adapter,
    USHORT Offset
    )
{
    ULONG Eecd;
    USHORT Data;

    Eecd = LkReadCsr(Adapter, REG_EECD);
    Eecd |= EECD_CS;
    LkWriteCsr(Adapter, REG_EECD, Eecd);

    LkEepromShiftOut(Adapter, EEPROM_READ_OPCODE, 3);
    LkEepromShiftOut(Adapter, Offset, EEPROM_ADDR_BITS);
    Data = LkEepromShiftIn(Adapter);

    Eecd &= ~(EECD_CS | EECD_DI);
    LkWriteCsr(Adapter, REG_EECD, Eecd);
    LkEepromClock(Adapter, &Eecd);

    return Data;
}

NDIS_STATUS
LkPhyRead(
    PLK_ADAPTER   Adapter,
    ULONG  Reg,
    PUSHORT Value
    )
{
    ULONG Mdic;
    ULONG i;

    LkWriteCsr(Adapter, REG_MDIC, (Reg << 16) | (1 << 21) | MDIC_OP_READ);

    for (i = 0; i < MDIO_POLL_LIMIT; i++) {
        NdisStallExecution(MDIO_POLL_US);
        Mdic = LkReadCsr(Adapter, REG_MDIC);
        if (Mdic & MDIC_READY) {
            if (Mdic & MDIC_ERROR) {
                return NDIS_STATUS_FAILURE;
            }
            *Value = (USHORT)(Mdic & 0xFFFF);
            return NDIS_STATUS_SUCCESS;
        }
    }

    return NDIS_STATUS_FAILURE;
}

VOID
LkResetHardware(
    PLK_ADAPTER Adapter
    )
{
    ULONG i;

    LkWriteCsr(Adapter, REG_RCTL, 0);
    LkWriteCsr(Adapter, REG_TCTL, 0);
    LkWriteCsr(Adapter, REG_CTRL, LkReadCsr(Adapter, REG_CTRL) | CTRL_RST);

    for (i = 0; i < 20; i++) {
        NdisStallExecution(50);
        if ((LkReadCsr(Adapter, REG_CTRL) & CTRL_RST) == 0) {
            break;
        }
    }

    LkWriteCsr(Adapter, REG_IMC, 0xFFFFFFFF);
    (VOID)LkReadCsr(Adapter, REG_ICR);

    NdisAcquireSpinLock(&Adapter->SendLock);
    Adapter->TxNextToClean = 0;
    Adapter->TxNextToUse = 0;
    NdisReleaseSpinLock(&Adapter->SendLock);

    NdisAcquireSpinLock(&Adapter->RecvLock);
    Adapter->RxNextToCheck = 0;
    NdisReleaseSpinLock(&Adapter->RecvLock);

    LkWriteCsr(Adapter, REG_RCTL, RCTL_EN | RCTL_BAM);
    LkWriteCsr(Adapter, REG_TCTL, TCTL_EN);
}

VOID
LkUpdateLinkState(
    PLK_ADAPTER    Adapter,
    BOOLEAN Indicate
    )
{
    NDIS_STATUS_INDICATION Indication;
    NDIS_LINK_STATE LinkState;
    ULONG HwStatus;
    BOOLEAN Up;

    HwStatus = LkReadCsr(Adapter, REG_STATUS);
    Up = (HwStatus & STATUS_LU) ? TRUE : FALSE;

    NdisAcquireSpinLock(&Adapter->Lock);
    if (Up == Adapter->LinkUp) {
        NdisReleaseSpinLock(&Adapter->Lock);
        return;
    }
    Adapter->LinkUp = Up;
    Adapter->LinkSpeed = Up ? LK_LINK_SPEED : 0;
    if (Up) {
        MP_SET_FLAG(Adapter, fMP_LINK_UP);
    } else {
        MP_CLEAR_FLAG(Adapter, fMP_LINK_UP);
    }
    NdisReleaseSpinLock(&Adapter->Lock);

    if (!Indicate) {
        return;
    }

    NdisZeroMemory(&LinkState, sizeof(LinkState));
    LinkState.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    LinkState.Header.Revision = NDIS_LINK_STATE_REVISION_1;
    LinkState.Header.Size = NDIS_SIZEOF_LINK_STATE_REVISION_1;
    LinkState.MediaConnectState = Up ? MediaConnectStateConnected : MediaConnectStateDisconnected;
    LinkState.MediaDuplexState = MediaDuplexStateFull;
    LinkState.XmitLinkSpeed = Up ? LK_LINK_SPEED : NDIS_LINK_SPEED_UNKNOWN;
    LinkState.RcvLinkSpeed = LinkState.XmitLinkSpeed;

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

VOID
LkSetPacketFilterHw(
    PLK_ADAPTER  Adapter,
    ULONG Filter
    )
{
    ULONG Rctl;

    Rctl = LkReadCsr(Adapter, REG_RCTL);
    Rctl &= ~(RCTL_UPE | RCTL_MPE | RCTL_BAM);
    if (Filter & NDIS_PACKET_TYPE_PROMISCUOUS) {
        Rctl |= RCTL_UPE | RCTL_MPE;
    }
    if (Filter & NDIS_PACKET_TYPE_ALL_MULTICAST) {
        Rctl |= RCTL_MPE;
    }
    if (Filter & NDIS_PACKET_TYPE_BROADCAST) {
        Rctl |= RCTL_BAM;
    }
    LkWriteCsr(Adapter, REG_RCTL, Rctl);
}

VOID
LkSetMulticastHw(
    PLK_ADAPTER Adapter
    )
{
    ULONG Hash[4];
    ULONG i;

    NdisZeroMemory(Hash, sizeof(Hash));

    NdisAcquireSpinLock(&Adapter->Lock);
    for (i = 0; i < Adapter->MulticastCount; i++) {
        UCHAR Bucket = (UCHAR)((Adapter->MulticastList[i][4] >> 4) |
                               (Adapter->MulticastList[i][5] << 4)) & 0x7F;
        Hash[Bucket >> 5] |= 1u << (Bucket & 31);
    }
    NdisReleaseSpinLock(&Adapter->Lock);

    for (i = 0; i < 4; i++) {
        LkWriteCsr(Adapter, REG_MTA + i * 4, Hash[i]);
    }
}

NDIS_STATUS
LkInitializeHardware(
    PLK_ADAPTER Adapter
    )
{
    USHORT Word;
    ULONG i;
    USHORT PhyCtrl;
    NDIS_STATUS Status;
    ULONG Ral;
    ULONG Rah;

    LkResetHardware(Adapter);

    for (i = 0; i < 3; i++) {
        Word = LkEepromReadWord(Adapter, (USHORT)i);
        Adapter->PermanentAddress[i * 2] = (UCHAR)(Word & 0xFF);
        Adapter->PermanentAddress[i * 2 + 1] = (UCHAR)(Word >> 8);
    }
    if (Adapter->CurrentAddress[0] == 0 && Adapter->CurrentAddress[1] == 0 &&
        Adapter->CurrentAddress[2] == 0) {
        NdisMoveMemory(Adapter->CurrentAddress, Adapter->PermanentAddress, LK_MAC_LENGTH);
    }

    Ral = Adapter->CurrentAddress[0] | (Adapter->CurrentAddress[1] << 8) |
          (Adapter->CurrentAddress[2] << 16) | ((ULONG)Adapter->CurrentAddress[3] << 24);
    Rah = Adapter->CurrentAddress[4] | (Adapter->CurrentAddress[5] << 8) | 0x80000000;
    LkWriteCsr(Adapter, REG_RAL0, Ral);
    LkWriteCsr(Adapter, REG_RAH0, Rah);

    Status = LkPhyRead(Adapter, 0, &PhyCtrl);
    if (Status != NDIS_STATUS_SUCCESS) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    PhyCtrl |= 0x1200;  /* autonegotiation enable + restart */
    LkWriteCsr(Adapter, REG_MDIC, PhyCtrl | (1 << 21) | MDIC_OP_WRITE);

    LkWriteCsr(Adapter, REG_CTRL, LkReadCsr(Adapter, REG_CTRL) | CTRL_SLU);
    LkUpdateLinkState(Adapter, FALSE);
    return NDIS_STATUS_SUCCESS;
}

VOID
LkFreeAdapter(
    PLK_ADAPTER Adapter
    )
{

    if (MP_TEST_FLAG(Adapter, fMP_INTERRUPT_IN_USE)) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        MP_CLEAR_FLAG(Adapter, fMP_INTERRUPT_IN_USE);
        Adapter->InterruptHandle = NULL;
    }

    if (Adapter->LinkWorkItem != NULL) {
        NdisFreeIoWorkItem(Adapter->LinkWorkItem);
        Adapter->LinkWorkItem = NULL;
    }

    if (Adapter->CsrBase != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, Adapter->CsrBase, Adapter->CsrLength);
        Adapter->CsrBase = NULL;
    }

    NdisFreeSpinLock(&Adapter->RecvLock);
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeSpinLock(&Adapter->Lock);

    NdisFreeMemory(Adapter, 0, 0);
}

