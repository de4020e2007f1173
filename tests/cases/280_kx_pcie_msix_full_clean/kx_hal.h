/*
 * kx_hal.h - Kestrel KX-2000 PCIe Gigabit Ethernet: hardware abstraction layer.
 *
 * Register map, descriptor layouts and the HAL entry points used by the NDIS
 * layer (kx_main.c, kx_intr.c, kx_oid.c, kx_txrx.c).  Everything that touches
 * a register lives in kx_hal.c.
 */

#ifndef _KX_HAL_H_
#define _KX_HAL_H_

//
// BAR0 register window.
//
#define KX_BAR0_LENGTH              0x20000

#define KX_REG_CTRL                 0x00000
#define KX_REG_STATUS               0x00008
#define KX_REG_EECD                 0x00010
#define KX_REG_MDIC                 0x00020
#define KX_REG_ICR                  0x000C0     // interrupt cause, read to clear
#define KX_REG_ICS                  0x000C8
#define KX_REG_IMS                  0x000D0     // interrupt mask set
#define KX_REG_IMC                  0x000D8     // interrupt mask clear
#define KX_REG_EIAC                 0x0152C
#define KX_REG_EIMS                 0x01524
#define KX_REG_EIMC                 0x01528
#define KX_REG_EICR                 0x01580
#define KX_REG_IVAR(_n)             (0x01700 + ((_n) * 4))
#define KX_REG_GPIE                 0x01514
#define KX_REG_RCTL                 0x00100
#define KX_REG_TCTL                 0x00400
#define KX_REG_WUC                  0x05800
#define KX_REG_WUFC                 0x05808
#define KX_REG_RAL(_n)              (0x05400 + ((_n) * 8))
#define KX_REG_RAH(_n)              (0x05404 + ((_n) * 8))
#define KX_REG_MTA(_n)              (0x05200 + ((_n) * 4))
#define KX_REG_GPRC                 0x04074
#define KX_REG_GPTC                 0x04080
#define KX_REG_CRCERRS              0x04000
#define KX_REG_MPC                  0x04010

#define KX_REG_RDBAL(_q)            (0x0C000 + ((_q) * 0x40))
#define KX_REG_RDBAH(_q)            (0x0C004 + ((_q) * 0x40))
#define KX_REG_RDLEN(_q)            (0x0C008 + ((_q) * 0x40))
#define KX_REG_RDH(_q)              (0x0C010 + ((_q) * 0x40))
#define KX_REG_RDT(_q)              (0x0C018 + ((_q) * 0x40))
#define KX_REG_RXDCTL(_q)           (0x0C028 + ((_q) * 0x40))
#define KX_REG_TDBAL(_q)            (0x0E000 + ((_q) * 0x40))
#define KX_REG_TDBAH(_q)            (0x0E004 + ((_q) * 0x40))
#define KX_REG_TDLEN(_q)            (0x0E008 + ((_q) * 0x40))
#define KX_REG_TDH(_q)              (0x0E010 + ((_q) * 0x40))
#define KX_REG_TDT(_q)              (0x0E018 + ((_q) * 0x40))
#define KX_REG_TXDCTL(_q)           (0x0E028 + ((_q) * 0x40))

#define KX_CTRL_RST                 0x04000000
#define KX_CTRL_SLU                 0x00000040
#define KX_CTRL_PHY_RST             0x80000000
#define KX_STATUS_LU                0x00000002
#define KX_STATUS_FD                0x00000001
#define KX_STATUS_SPEED_MASK        0x000000C0
#define KX_STATUS_SPEED_1000        0x00000080
#define KX_STATUS_SPEED_100         0x00000040

#define KX_ICR_TXDW                 0x00000001
#define KX_ICR_LSC                  0x00000004
#define KX_ICR_RXDMT0               0x00000010
#define KX_ICR_RXO                  0x00000040
#define KX_ICR_RXT0                 0x00000080
#define KX_ICR_OTHER                0x01000000
#define KX_ICR_ASSERTED             0x80000000
#define KX_IMS_ENABLE_MASK          (KX_ICR_TXDW | KX_ICR_LSC | KX_ICR_RXDMT0 | KX_ICR_RXO | KX_ICR_RXT0)
#define KX_EICR_OTHER               0x80000000
#define KX_EICR_QUEUE(_q)           (0x00000001 << (_q))

#define KX_GPIE_MSIX_MODE           0x00000010
#define KX_GPIE_EIAME               0x40000000
#define KX_GPIE_PBA                 0x80000000

#define KX_RCTL_EN                  0x00000002
#define KX_RCTL_UPE                 0x00000008
#define KX_RCTL_MPE                 0x00000010
#define KX_RCTL_BAM                 0x00008000
#define KX_TCTL_EN                  0x00000002
#define KX_TCTL_PSP                 0x00000008

#define KX_WUC_PME_EN               0x00000002
#define KX_WUFC_LNKC                0x00000001
#define KX_WUFC_MAG                 0x00000002
#define KX_WUFC_EX                  0x00000004

#define KX_MDIC_READY               0x10000000
#define KX_MDIC_ERROR               0x40000000
#define KX_MDIC_OP_WRITE            0x04000000
#define KX_MDIC_OP_READ             0x08000000

//
// PHY (IEEE 802.3 clause 22) registers and the vendor quirk bits.
//
#define KX_PHY_BMCR                 0x00
#define KX_PHY_BMSR                 0x01
#define KX_PHY_ID1                  0x02
#define KX_PHY_ID2                  0x03
#define KX_PHY_ANAR                 0x04
#define KX_PHY_1000T_CTRL           0x09
#define KX_PHY_SPECIFIC_CTRL        0x10
#define KX_BMCR_RESET               0x8000
#define KX_BMCR_ANENABLE            0x1000
#define KX_BMCR_ANRESTART           0x0200
#define KX_BMSR_LSTATUS             0x0004
#define KX_BMSR_ANEGCOMPLETE        0x0020

#define KX_PHY_QUIRK_NONE           0x00000000
#define KX_PHY_QUIRK_HARD_RESET     0x00000001  // PHY loses lock after cable flaps: toggle CTRL.PHY_RST
#define KX_PHY_QUIRK_DOWNSHIFT      0x00000002

//
// Timing.  NdisStallExecution may not busy-wait more than 50 us at a time.
//
#define KX_MAX_STALL_US             50
#define KX_MDIO_POLL_US             5
#define KX_MDIO_POLL_COUNT          640
#define KX_RESET_POLL_US            20
#define KX_RESET_POLL_COUNT         500
#define KX_PHY_RESET_ASSERT_US      10          // hold PHY_RST (datasheet: >= 10 us)
#define KX_PHY_RESET_SETTLE_STEP_US 50
#define KX_PHY_RESET_SETTLE_STEPS   6

#define KX_HAL_STALL(_Us)           NdisStallExecution(_Us)

//
// Descriptors.
//
typedef struct _KX_RX_DESC {
    ULONGLONG   BufferAddress;
    USHORT      Length;
    USHORT      Checksum;
    UCHAR       Status;
    UCHAR       Errors;
    USHORT      Special;
} KX_RX_DESC, *PKX_RX_DESC;

#define KX_RXD_STAT_DD              0x01
#define KX_RXD_STAT_EOP             0x02
#define KX_RXD_ERR_CE               0x01
#define KX_RXD_ERR_SE               0x02
#define KX_RXD_ERR_RXE              0x80
#define KX_RXD_ERR_DMA              0x40        // descriptor fetch error: ring is corrupt

typedef struct _KX_TX_DESC {
    ULONGLONG   BufferAddress;
    USHORT      Length;
    UCHAR       Cso;
    UCHAR       Cmd;
    UCHAR       Status;
    UCHAR       Css;
    USHORT      Special;
} KX_TX_DESC, *PKX_TX_DESC;

#define KX_TXD_CMD_EOP              0x01
#define KX_TXD_CMD_IFCS             0x02
#define KX_TXD_CMD_RS               0x08
#define KX_TXD_STAT_DD              0x01

struct _KX_ADAPTER;

//
// HAL entry points (kx_hal.c).
//
NDIS_STATUS KxHalMapRegisters(struct _KX_ADAPTER *Adapter, PNDIS_RESOURCE_LIST Resources);
VOID        KxHalUnmapRegisters(struct _KX_ADAPTER *Adapter);
NDIS_STATUS KxHalResetChip(struct _KX_ADAPTER *Adapter);
VOID        KxHalReadMacAddress(struct _KX_ADAPTER *Adapter);
NDIS_STATUS KxHalInitHardware(struct _KX_ADAPTER *Adapter);
VOID        KxHalStartRxTx(struct _KX_ADAPTER *Adapter);
VOID        KxHalStopRxTx(struct _KX_ADAPTER *Adapter);
VOID        KxHalProgramRxFilter(struct _KX_ADAPTER *Adapter);
VOID        KxHalProgramMulticast(struct _KX_ADAPTER *Adapter);
VOID        KxHalConfigureVectors(struct _KX_ADAPTER *Adapter);
VOID        KxHalProgramWake(struct _KX_ADAPTER *Adapter);
VOID        KxHalPowerDown(struct _KX_ADAPTER *Adapter);
VOID        KxHalPowerUp(struct _KX_ADAPTER *Adapter);
VOID        KxHalUpdateStatistics(struct _KX_ADAPTER *Adapter);
NDIS_STATUS KxPhyInit(struct _KX_ADAPTER *Adapter);
VOID        KxPhyCheckLink(struct _KX_ADAPTER *Adapter);
VOID        KxPhyWatchdog(struct _KX_ADAPTER *Adapter);

#endif // _KX_HAL_H_
