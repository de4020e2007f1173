/*
 * Contoso CT-GbE register map and the per-revision hardware operations table.
 * (Case 130/131 driver: see power.c for what the case is about.)
 */
#pragma once

#define CT_VENDOR_ID                0x1C3F
#define CT_DEVICE_ID_REV_A          0x0A10
#define CT_DEVICE_ID_REV_B          0x0A20

#define CT_CSR_WINDOW_SIZE          0x2000

#define CT_REG_CTRL                 0x0000
#define CT_REG_STATUS               0x0008
#define CT_REG_EECD                 0x0010
#define CT_REG_ICR                  0x00C0
#define CT_REG_ICS                  0x00C8
#define CT_REG_IMS                  0x00D0
#define CT_REG_IMC                  0x00D8
#define CT_REG_IVAR                 0x00E4
#define CT_REG_RCTL                 0x0100
#define CT_REG_TCTL                 0x0400
#define CT_REG_RDBAL                0x2800
#define CT_REG_RDBAH                0x2804
#define CT_REG_RDLEN                0x2808
#define CT_REG_RDH                  0x2810
#define CT_REG_RDT                  0x2818
#define CT_REG_TDBAL                0x3800
#define CT_REG_TDBAH                0x3804
#define CT_REG_TDLEN                0x3808
#define CT_REG_TDH                  0x3810
#define CT_REG_TDT                  0x3818
#define CT_REG_MTA                  0x5200
#define CT_REG_RAL0                 0x5400
#define CT_REG_RAH0                 0x5404
#define CT_REG_WUC                  0x5800
#define CT_REG_WUFC                 0x5808

#define CT_CTRL_RST                 0x04000000
#define CT_CTRL_SLU                 0x00000040
#define CT_STATUS_LU                0x00000002
#define CT_STATUS_SPEED_MASK        0x000000C0
#define CT_STATUS_SPEED_1000        0x00000080
#define CT_STATUS_SPEED_100         0x00000040

#define CT_ICR_TXDW                 0x00000001
#define CT_ICR_LSC                  0x00000004
#define CT_ICR_RXDMT0               0x00000010
#define CT_ICR_RXT0                 0x00000080
#define CT_ICR_MASK                 (CT_ICR_TXDW | CT_ICR_LSC | CT_ICR_RXDMT0 | CT_ICR_RXT0)

#define CT_RCTL_EN                  0x00000002
#define CT_RCTL_UPE                 0x00000008
#define CT_RCTL_MPE                 0x00000010
#define CT_RCTL_BAM                 0x00008000
#define CT_TCTL_EN                  0x00000002

#define CT_WUC_PME_EN               0x00000002
#define CT_WUFC_MAG                 0x00000002

#define CT_MTA_ENTRIES              128
#define CT_MAX_MCAST                32

/* MSI-X vectors used by revision B; revision A has one line interrupt */
#define CT_MSG_RX                   0
#define CT_MSG_TX                   1
#define CT_MSG_OTHER                2
#define CT_MAX_MESSAGES             3

#define CT_RESET_POLL_US            10
#define CT_RESET_POLLS              200

struct _CT_ADAPTER;

/*
 * What differs between the two silicon revisions.  Revision A latches RCTL/MTA writes only while
 * the interrupt is masked, so it programs them from the DPC-safe path directly; revision B shares
 * the RCTL shadow with its "other" vector and must write it under the interrupt's lock.
 */
typedef struct _CT_HW_OPS {
    const char *Name;
    VOID (*ProgramRxControl)(struct _CT_ADAPTER *Adapter);
    VOID (*ProgramMulticast)(struct _CT_ADAPTER *Adapter);
    VOID (*ArmWakeUp)(struct _CT_ADAPTER *Adapter, ULONG WakeFlags);
    ULONG MessageCount;
} CT_HW_OPS, *PCT_HW_OPS;

extern const CT_HW_OPS CtRevAOps;
extern const CT_HW_OPS CtRevBOps;
