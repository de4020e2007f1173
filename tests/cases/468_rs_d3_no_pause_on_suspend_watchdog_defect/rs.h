/*
 * rs.h - RS-600 PCIe Gigabit Ethernet miniport (NDIS 6.20), shared definitions.
 *
 * The RS-600 driver connects its interrupt only while the data path runs: MiniportRestart
 * registers it (MSI-X first, line-based as the fallback) and MiniportPause deregisters it,
 * so a paused or low-power adapter holds no interrupt resources.  Everything that touches
 * the interrupt-shared registers (IMR, RCTL, the MDIO window) goes through
 * NdisMSynchronizeWithInterruptEx while the interrupt is connected.
 */
#pragma once

#include <ndis.h>

#define RS_TAG                      'xsRR'
#define RS_NDIS_MAJOR               6
#define RS_NDIS_MINOR               20
#define RS_CSR_SIZE                 0x1000
#define RS_MAX_FRAME                1514
#define RS_TX_RING                  256
#define RS_RX_RING                  256

/* registers */
#define RS_CSR_CTRL                 0x0000
#define RS_CSR_STATUS               0x0008
#define RS_CSR_EERD                 0x0014
#define RS_CSR_MDIC                 0x0020
#define RS_CSR_ICR                  0x00C0
#define RS_CSR_IMS                  0x00D0
#define RS_CSR_IMC                  0x00D8
#define RS_CSR_EIMS                 0x1524
#define RS_CSR_EIMC                 0x1528
#define RS_CSR_RCTL                 0x0100
#define RS_CSR_TDT                  0x3818
#define RS_CSR_RDT                  0x2818
#define RS_CSR_GPRC                 0x4074
#define RS_CSR_GPTC                 0x4080
#define RS_CSR_CRCERRS              0x4000

#define RS_CTRL_RST                 0x04000000
#define RS_STATUS_LU                0x00000002
#define RS_STATUS_RST_DONE          0x00200000
#define RS_EERD_START               0x00000001
#define RS_EERD_DONE                0x00000002
#define RS_MDIC_READ                0x08000000
#define RS_MDIC_READY               0x10000000
#define RS_MDIC_ERROR               0x40000000

#define RS_ICR_TXDW                 0x00000001
#define RS_ICR_LSC                  0x00000004
#define RS_ICR_RXT0                 0x00000080
#define RS_IMS_DEFAULT              (RS_ICR_TXDW | RS_ICR_LSC | RS_ICR_RXT0)

#define RS_RCTL_EN                  0x00000002
#define RS_RCTL_UPE                 0x00000008
#define RS_RCTL_MPE                 0x00000010
#define RS_RCTL_BAM                 0x00008000

/* MSI-X layout: vector 0 receive, vector 1 transmit and link */
#define RS_MSIX_RX                  0
#define RS_MSIX_TX                  1
#define RS_MSIX_VECTORS             2

/* timings (microseconds) */
#define RS_RESET_POLLS              1000
#define RS_RESET_POLL_US            10
#define RS_EE_TRIES                 5
#define RS_EE_FIRST_DELAY_US        2
#define RS_MDIO_POLLS               100
#define RS_MDIO_POLL_US             5
#define RS_WATCHDOG_MS              2000

#define RS_SUPPORTED_FILTERS        (NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST | \
                                     NDIS_PACKET_TYPE_ALL_MULTICAST | NDIS_PACKET_TYPE_BROADCAST | \
                                     NDIS_PACKET_TYPE_PROMISCUOUS)

#define RS_READ(_a, _r)             ((_a)->Csr[(_r) >> 2])
#define RS_WRITE(_a, _r, _v)        ((_a)->Csr[(_r) >> 2] = (ULONG)(_v))

typedef enum _RS_RUN_STATE {
    RsStateInitializing = 0,
    RsStatePaused,
    RsStateRestarting,
    RsStateRunning,
    RsStatePausing
} RS_RUN_STATE;

typedef struct _RS_STATS {
    ULONG64                 RxGood;
    ULONG64                 TxGood;
    ULONG64                 RxCrcErrors;
} RS_STATS, *PRS_STATS;

typedef struct _RS_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    volatile ULONG         *Csr;
    NDIS_PHYSICAL_ADDRESS   CsrPhys;

    /* interrupt: connected by RsConnectInterrupt (restart), released by RsDisconnectInterrupt */
    NDIS_HANDLE             InterruptHandle;
    BOOLEAN                 InterruptConnected;
    BOOLEAN                 MessageBased;
    ULONG                   MessageCount;
    ULONG                   RxMessageId;
    ULONG                   TxMessageId;
    ULONG                   PendingIcr;

    RS_RUN_STATE            State;
    ULONG                   PacketFilter;
    ULONG                   Rctl;
    BOOLEAN                 LinkUp;
    NDIS_DEVICE_POWER_STATE PowerState;
    ULONG                   HangTicks;
    ULONG                   LastTxHead;

    NDIS_HANDLE             WatchdogTimer;
    ULONG                   WatchdogTicks;

    NDIS_SPIN_LOCK          TxLock;
    NDIS_SPIN_LOCK          RxLock;
    PNET_BUFFER_LIST        TxHead;
    PNET_BUFFER_LIST        TxTail;
    ULONG                   TxPending;
    ULONG                   RxOutstanding;

    UCHAR                   PermanentAddress[6];
    RS_STATS                Stats;
} RS_ADAPTER, *PRS_ADAPTER;

/* a synchronized statistics snapshot */
typedef struct _RS_STATS_SYNC {
    PRS_ADAPTER             Adapter;
    RS_STATS                Snapshot;
} RS_STATS_SYNC, *PRS_STATS_SYNC;

/* role declarations */
DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE RsInitializeEx;
MINIPORT_HALT RsHaltEx;
MINIPORT_UNLOAD RsUnload;
MINIPORT_PAUSE RsPause;
MINIPORT_RESTART RsRestart;
MINIPORT_OID_REQUEST RsOidRequest;
MINIPORT_CANCEL_OID_REQUEST RsCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS RsSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS RsReturnNetBufferLists;
MINIPORT_CANCEL_SEND RsCancelSend;
MINIPORT_CHECK_FOR_HANG RsCheckForHang;
MINIPORT_RESET RsReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY RsDevicePnPEventNotify;
MINIPORT_SHUTDOWN RsShutdownEx;
MINIPORT_ISR RsIsr;
MINIPORT_INTERRUPT_DPC RsDpc;
MINIPORT_ENABLE_INTERRUPT RsEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT RsDisableInterrupt;
MINIPORT_MESSAGE_INTERRUPT RsMsgIsr;
MINIPORT_MESSAGE_INTERRUPT_DPC RsMsgDpc;
MINIPORT_ENABLE_MESSAGE_INTERRUPT RsEnableMsg;
MINIPORT_DISABLE_MESSAGE_INTERRUPT RsDisableMsg;
MINIPORT_SYNCHRONIZE_INTERRUPT RsSyncMaskAll;
MINIPORT_SYNCHRONIZE_INTERRUPT RsSyncUnmaskAll;
MINIPORT_SYNCHRONIZE_INTERRUPT RsSyncWriteRctl;
MINIPORT_SYNCHRONIZE_INTERRUPT RsSyncReadStats;
MINIPORT_SYNCHRONIZE_INTERRUPT RsSyncReadLink;
NDIS_TIMER_FUNCTION RsWatchdog;

/* hw.c */
NDIS_STATUS RsHwMapRegisters(PRS_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters);
VOID RsHwUnmapRegisters(PRS_ADAPTER Adapter);
NDIS_STATUS RsHwResetChip(PRS_ADAPTER Adapter);
NDIS_STATUS RsHwReadMacAddress(PRS_ADAPTER Adapter);
NDIS_STATUS RsConnectInterrupt(PRS_ADAPTER Adapter);
VOID RsDisconnectInterrupt(PRS_ADAPTER Adapter);
VOID RsMaskInterrupts(PRS_ADAPTER Adapter);
VOID RsUnmaskInterrupts(PRS_ADAPTER Adapter);
ULONG RsSyncMessageId(PRS_ADAPTER Adapter, BOOLEAN Transmit);

/* mp.c */
NDIS_STATUS RsSetPower(PRS_ADAPTER Adapter, NDIS_DEVICE_POWER_STATE NewState);

/* oid.c */
VOID RsCompleteTransmits(PRS_ADAPTER Adapter);
VOID RsIndicateLinkState(PRS_ADAPTER Adapter, PNDIS_LINK_STATE Link);
