/*
 * mp_hw.h - Osprey OS-100 10/100 PCI Express Ethernet controller: CSR layout, command codes,
 * shared-memory structures and the NIC* hardware routines.
 */

#ifndef _MP_HW_H
#define _MP_HW_H

#define OS100_VENDOR_ID             0x1D6A
#define OS100_DEVICE_ID             0x0100
#define OS100_REV_A0                0x01
#define OS100_REV_A4                0x04
#define OS100_REV_B0                0x08

#define NIC_MAP_IOSPACE_LENGTH      sizeof(HW_CSR)

//
// Control/Status Registers, memory mapped through BAR0.
//
typedef struct _HW_CSR {
    USHORT      ScbStatus;              // SCB status word
    UCHAR       ScbCommandLow;          // SCB command byte (CU and RU commands)
    UCHAR       ScbCommandHigh;         // SCB interrupt control byte
    ULONG       ScbGeneralPointer;
    ULONG       Port;
    USHORT      FlashControl;
    USHORT      EepromControl;
    ULONG       MDIControl;
    ULONG       RxDMAByteCount;
    UCHAR       EarlyRxInterrupt;
    UCHAR       FlowControlThreshold;
    UCHAR       FlowControlCommand;
    UCHAR       PMDR;
} HW_CSR, *PHW_CSR;

// ScbStatus: status/acknowledge bits and CU/RU state
#define SCB_STATUS_MASK             0xFF00
#define SCB_ALL_INTERRUPT_BITS      0xFC00
#define SCB_CX_MASK                 0x8000      // command done
#define SCB_FR_MASK                 0x4000      // frame received
#define SCB_CNA_MASK                0x2000      // CU not active
#define SCB_RNR_MASK                0x1000      // RU not ready
#define SCB_MDI_MASK                0x0800
#define SCB_SWI_MASK                0x0400
#define SCB_ACK_MASK                SCB_ALL_INTERRUPT_BITS
#define SCB_CUS_MASK                0x00C0
#define SCB_CUS_IDLE                0x0000
#define SCB_RUS_MASK                0x003C
#define SCB_RUS_READY               0x0010
#define SCB_RUS_NO_RESOURCES        0x0008

// ScbCommandLow
#define SCB_CUC_START               0x10
#define SCB_CUC_RESUME              0x20
#define SCB_CUC_DUMP_RESET_STAT     0x70
#define SCB_RUC_START               0x01
#define SCB_RUC_ABORT               0x04

// ScbCommandHigh
#define SCB_INT_MASK                0x01        // mask every interrupt
#define SCB_SOFT_INT                0x02

// Port
#define PORT_SOFTWARE_RESET         0x0000
#define PORT_SELFTEST               0x0001
#define PORT_SELECTIVE_RESET        0x0002

// EepromControl
#define EE_SK                       0x01
#define EE_CS                       0x02
#define EE_DI                       0x04
#define EE_DO                       0x08

// MDIControl
#define MDI_WRITE                   0x04000000
#define MDI_READ                    0x08000000
#define MDI_READY                   0x10000000
#define MDI_PHY_REG_SHIFT           16
#define MDI_PHY_ADDR_SHIFT          21

#define MDI_CONTROL_REG             0x00
#define MDI_STATUS_REG              0x01
#define MDI_CR_RESET                0x8000
#define MDI_CR_AUTO_SELECT          0x1000
#define MDI_CR_RESTART_AUTO_NEG     0x0200
#define MDI_SR_LINK_STATUS          0x0004
#define MDI_SR_AUTO_NEG_COMPLETE    0x0020

//
// Delays.  NdisStallExecution: never more than 50 us at a time.
//
#define NIC_DELAY_POST_RESET        20
#define NIC_DELAY_POST_SELF_TEST_MS 10
#define NIC_EEPROM_DELAY_US         4
#define NIC_MDI_POLL_US             20
#define NIC_MDI_POLL_COUNT          100
#define NIC_WAIT_SCB_US             10
#define NIC_WAIT_SCB_COUNT          5000
#define NIC_PHY_RESET_DELAY_A_STEP  400         // A0..A3 parts: PHY needs 400 us in reset (erratum 12)
#define NIC_PHY_RESET_DELAY         20

//
// Shared-memory transmit and receive blocks.
//
typedef struct _HW_TCB {
    USHORT      TxCbStatus;
    USHORT      TxCbCommand;
    ULONG       TxCbLink;
    ULONG       TxCbTbdPointer;
    USHORT      TxCbCount;
    UCHAR       TxCbThreshold;
    UCHAR       TxCbTbdNumber;
} HW_TCB, *PHW_TCB;

#define CB_STATUS_COMPLETE          0x8000
#define CB_STATUS_OK                0x2000
#define CB_STATUS_UNDERRUN          0x1000
#define CB_EL_BIT                   0x8000
#define CB_S_BIT                    0x4000
#define CB_I_BIT                    0x2000
#define CB_TRANSMIT                 0x0004

typedef struct _HW_RFD {
    USHORT      RfdStatus;
    USHORT      RfdControl;
    ULONG       RfdLink;
    ULONG       RfdRbdPointer;
    USHORT      RfdActualCount;
    USHORT      RfdSize;
} HW_RFD, *PHW_RFD;

#define RFD_STATUS_COMPLETE         0x8000
#define RFD_STATUS_OK               0x2000
#define RFD_ERROR_MASK              0x0FFF
#define RFD_ACT_COUNT_MASK          0x3FFF

struct _MP_ADAPTER;

NDIS_STATUS NICReadAdapterInfo(struct _MP_ADAPTER *Adapter);
NDIS_STATUS NICSelfTest(struct _MP_ADAPTER *Adapter);
NDIS_STATUS NICInitializeAdapter(struct _MP_ADAPTER *Adapter);
VOID        NICIssueSelectiveReset(struct _MP_ADAPTER *Adapter);
VOID        NICIssueFullReset(struct _MP_ADAPTER *Adapter);
VOID        NICPhyReset(struct _MP_ADAPTER *Adapter);
BOOLEAN     NICReadLinkStatus(struct _MP_ADAPTER *Adapter);
NDIS_STATUS NICStartRecv(struct _MP_ADAPTER *Adapter);
VOID        NICStartSend(struct _MP_ADAPTER *Adapter, ULONG TcbPhys);
NDIS_STATUS NICSetPacketFilter(struct _MP_ADAPTER *Adapter, ULONG PacketFilter);
NDIS_STATUS NICSetMulticastList(struct _MP_ADAPTER *Adapter);
VOID        NICSetupWakeUp(struct _MP_ADAPTER *Adapter);
VOID        NICClearWakeUp(struct _MP_ADAPTER *Adapter);
VOID        NICDisableInterrupt(struct _MP_ADAPTER *Adapter);
VOID        NICEnableInterrupt(struct _MP_ADAPTER *Adapter);
VOID        NICAckInterrupt(struct _MP_ADAPTER *Adapter, USHORT IntStatus);
USHORT      NICReadInterruptStatus(struct _MP_ADAPTER *Adapter);

#endif  // _MP_HW_H
