/*
 * Adatum AE-1 on-chip Ethernet: the one device context and shared prototypes.
 * (Case 137 driver: see ad_driver.c for what the case is about.)
 */
#pragma once

#include <ndis.h>

#define AD_TAG                  '1EdA'
#define AD_REG_SPAN             0x1000
#define AD_MTU                  1500
#define AD_TX_DEPTH             32

#define AD_R_CTRL               0x000
#define AD_R_ISR                0x004
#define AD_R_IMR                0x008
#define AD_R_HEARTBEAT          0x00C
#define AD_R_RXCFG              0x010
#define AD_R_TXDOOR             0x014
#define AD_R_MDIO               0x020
#define AD_R_MACLO              0x030
#define AD_R_MACHI              0x034

#define AD_CTRL_SRST            0x80000000
#define AD_CTRL_RUN             0x00000001
#define AD_ISR_RX               0x01
#define AD_ISR_TX               0x02
#define AD_ISR_PHY              0x04
#define AD_ISR_ALL              0x07
#define AD_MDIO_GO              0x80000000

#define AD_PHY_POLL_US          50          /* the MDIO engine needs up to 50 us per frame */
#define AD_RESET_SETTLE_US      40

typedef enum _AD_SYNC_OP {
    AdSyncMask,
    AdSyncUnmask,
    AdSyncRxConfig,
    AdSyncHeartbeat
} AD_SYNC_OP;

typedef struct _AD_SYNC_CONTEXT {
    struct _AD_DEVICE  *Dev;
    AD_SYNC_OP          Op;
    ULONG               Value;
} AD_SYNC_CONTEXT;

typedef struct _AD_DEVICE {
    NDIS_HANDLE         MiniportHandle;
    NDIS_HANDLE         IntrHandle;         /* NULL whenever no interrupt is registered */
    volatile ULONG     *Regs;
    PHYSICAL_ADDRESS    RegsPhys;
    ULONG               IntrCause;
    ULONG               LastHeartbeat;
    ULONG               RxConfig;
    ULONG               Filter;
    BOOLEAN             Removed;
    BOOLEAN             Running;
    NDIS_DEVICE_POWER_STATE Power;
    UCHAR               Mac[6];
    NDIS_SPIN_LOCK      TxLock;
    NDIS_SPIN_LOCK      StatsLock;
    PNET_BUFFER_LIST    TxPending[AD_TX_DEPTH];
    ULONG               TxProduce;
    ULONG               TxConsume;
    ULONG64             TxFrames;
    ULONG64             RxFrames;
    ULONG64             TxBytes;
} AD_DEVICE, *PAD_DEVICE;

extern AD_DEVICE AdDevice;
extern NDIS_HANDLE AdDriverHandle;

#define AD_RD(_D, _R)       ((_D)->Regs[(_R) >> 2])
#define AD_WR(_D, _R, _V)   ((_D)->Regs[(_R) >> 2] = (_V))

/* ad_driver.c */
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath);
NDIS_STATUS AdInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
                         PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters);
VOID AdHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction);
VOID AdUnload(PDRIVER_OBJECT DriverObject);

/* ad_hw.c */
BOOLEAN AdSyncDispatch(PVOID SynchronizeContext);
BOOLEAN AdRunSync(PAD_DEVICE Dev, AD_SYNC_OP Op, ULONG Value);
NDIS_STATUS AdConnectInterrupt(PAD_DEVICE Dev);
VOID AdReleaseInterrupt(PAD_DEVICE Dev);
NDIS_STATUS AdResetChip(PAD_DEVICE Dev);
ULONG AdPhyRead(PAD_DEVICE Dev, ULONG Register);
VOID AdPhySettle(PAD_DEVICE Dev, ULONG Microseconds);

/* ad_ndis.c */
BOOLEAN AdIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors);
VOID AdDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
           PVOID NdisReserved2);
VOID AdEnableIntr(NDIS_HANDLE MiniportInterruptContext);
VOID AdDisableIntr(NDIS_HANDLE MiniportInterruptContext);
NDIS_STATUS AdPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters);
NDIS_STATUS AdRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters);
NDIS_STATUS AdOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest);
VOID AdCancelOid(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId);
VOID AdSend(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber,
            ULONG SendFlags);
VOID AdReturn(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags);
VOID AdCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId);
BOOLEAN AdCheckForHang(NDIS_HANDLE MiniportAdapterContext);
NDIS_STATUS AdReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset);
VOID AdPnpEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent);
VOID AdShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction);
VOID AdCompleteTx(PAD_DEVICE Dev, BOOLEAN AtDispatch);
