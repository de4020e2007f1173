/*
 * Fabrikam FBR-10G register definitions and PHY operations.
 * (Case 132/133 driver: see mp_main.c for what the case is about.)
 */
#ifndef _NIC_H_
#define _NIC_H_

#define NIC_PCI_VENDOR_FABRIKAM     0x1D5A
#define NIC_PCI_DEVICE_FBR10G       0x0100
#define NIC_PCI_DEVICE_FBR10G_LP    0x0101

#define NIC_BAR_SIZE                0x10000

#define NIC_CSR_CTRL                0x0000
#define NIC_CSR_STATUS              0x0004
#define NIC_CSR_INT_CAUSE           0x0010
#define NIC_CSR_INT_MASK_SET        0x0014
#define NIC_CSR_INT_MASK_CLR        0x0018
#define NIC_CSR_ITR                 0x001C
#define NIC_CSR_MDIO_CMD            0x0040
#define NIC_CSR_MDIO_DATA           0x0044
#define NIC_CSR_RX_CTRL             0x0100
#define NIC_CSR_RX_HEAD             0x0110
#define NIC_CSR_RX_TAIL             0x0114
#define NIC_CSR_TX_CTRL             0x0200
#define NIC_CSR_TX_HEAD             0x0210
#define NIC_CSR_TX_TAIL             0x0214
#define NIC_CSR_MAC_LO              0x0300
#define NIC_CSR_MAC_HI              0x0304
#define NIC_CSR_MCAST_HASH          0x0400

#define NIC_CTRL_SOFT_RESET         0x00000001
#define NIC_CTRL_LINK_RESET         0x00000008
#define NIC_STATUS_LINK             0x00000001
#define NIC_STATUS_10G              0x00000002

#define NIC_INT_RX                  0x00000001
#define NIC_INT_TX                  0x00000002
#define NIC_INT_LINK                0x00000004
#define NIC_INT_ERR                 0x00000008
#define NIC_INT_ALL                 (NIC_INT_RX | NIC_INT_TX | NIC_INT_LINK | NIC_INT_ERR)

#define NIC_RX_ENABLE               0x00000001
#define NIC_RX_PROMISC              0x00000002
#define NIC_RX_ALLMULTI             0x00000004
#define NIC_RX_BROADCAST            0x00000008
#define NIC_TX_ENABLE               0x00000001

#define NIC_MDIO_BUSY               0x80000000
#define NIC_MDIO_READ               0x40000000
#define NIC_MDIO_POLL_US            5
#define NIC_MDIO_POLLS              100

#define NIC_ITR_DEFAULT             0x0100
#define NIC_ITR_LOW_LATENCY         0x0010

#define NIC_RING_SIZE               512

struct _MP_ADAPTER;

/* The board carries one of two PHYs; the adapter points at the matching operations. */
typedef struct _NIC_PHY_OPS {
    NDIS_STATUS (*Init)(struct _MP_ADAPTER *Adapter);
    BOOLEAN (*ReadLink)(struct _MP_ADAPTER *Adapter, PULONG64 Speed);
    VOID (*PowerDown)(struct _MP_ADAPTER *Adapter);
} NIC_PHY_OPS, *PNIC_PHY_OPS;

extern NIC_PHY_OPS NicPhyOpsFbr;
extern NIC_PHY_OPS NicPhyOpsFbrLp;

#endif
