/*
 * Litware LW-2500 multi-queue NDIS 6.40 miniport: shared definitions.
 * (Case 134/135 driver: see lw_main.c for what the case is about.)
 */
#pragma once

#include <ndis.h>

#define LW_TAG                      'WtiL'
#define LW_NUM_QUEUES               4           /* 2 RX + 2 TX, one MSI-X message each */
#define LW_MSG_LINK                 LW_NUM_QUEUES
#define LW_NUM_MESSAGES             (LW_NUM_QUEUES + 1)
#define LW_RING_ENTRIES             256
#define LW_MTU                      1500
#define LW_MAX_MCAST                16
#define LW_BAR0_LENGTH              0x8000
#define LW_LINK_SPEED               2500000000ULL

/* registers, per queue at 0x1000 + 0x100 * index */
#define LW_REG_DEVCTL               0x0000
#define LW_REG_DEVSTS               0x0004
#define LW_REG_GPIE                 0x0010
#define LW_REG_EIMS                 0x0020      /* extended interrupt mask set, one bit per message */
#define LW_REG_EIMC                 0x0024
#define LW_REG_EICR                 0x0028
#define LW_REG_RXFILTER             0x0040
#define LW_REG_WUC                  0x0050
#define LW_QREG(_Q, _R)             (0x1000 + 0x100 * (_Q) + (_R))
#define LW_Q_CTRL                   0x00
#define LW_Q_HEAD                   0x08
#define LW_Q_TAIL                   0x0C
#define LW_Q_ITR                    0x10

#define LW_DEVCTL_RESET             0x00000001
#define LW_DEVSTS_LINK              0x00000002
#define LW_Q_ENABLE                 0x00000001
#define LW_GPIE_MSIX                0x00000010

typedef enum _LW_QUEUE_KIND {
    LwQueueRx,
    LwQueueTx
} LW_QUEUE_KIND;

struct _LW_ADAPTER;
struct _LW_QUEUE;

typedef struct _LW_QUEUE_OPS {
    LW_QUEUE_KIND Kind;
    VOID (*Start)(struct _LW_QUEUE *Queue);
    VOID (*Stop)(struct _LW_QUEUE *Queue);
    VOID (*Service)(struct _LW_QUEUE *Queue);
} LW_QUEUE_OPS;

typedef struct _LW_QUEUE {
    struct _LW_ADAPTER     *Adapter;
    const LW_QUEUE_OPS     *Ops;
    ULONG                   Index;
    ULONG                   MessageId;
    NDIS_SPIN_LOCK          Lock;
    ULONG                   Head;
    ULONG                   Tail;
    ULONG                   Itr;
    ULONG                   PendingCause;
    PNET_BUFFER_LIST        Slots[LW_RING_ENTRIES];
    ULONG64                 Packets;
} LW_QUEUE, *PLW_QUEUE;

typedef enum _LW_ADAPTER_STATE {
    LwAdapterStopped,
    LwAdapterPaused,
    LwAdapterRunning,
    LwAdapterLowPower,
    LwAdapterHalting
} LW_ADAPTER_STATE;

typedef struct _LW_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    NDIS_HANDLE             InterruptHandle;
    NDIS_HANDLE             NblPool;
    LW_ADAPTER_STATE        State;
    BOOLEAN                 InterruptConnected;
    NDIS_DEVICE_POWER_STATE PowerState;
    volatile ULONG         *Bar0;
    PHYSICAL_ADDRESS        Bar0Physical;
    ULONG                   MessageCount;
    LONG                    OutstandingSends;
    LONG                    OutstandingReceives;
    ULONG                   PacketFilter;
    ULONG                   WakeUpEnable;
    BOOLEAN                 LinkUp;
    UCHAR                   Mac[6];
    UCHAR                   Mcast[LW_MAX_MCAST][6];
    ULONG                   McastCount;
    LW_QUEUE                Queue[LW_NUM_QUEUES];
} LW_ADAPTER, *PLW_ADAPTER;

#define LW_RD(_A, _R)       ((_A)->Bar0[(_R) / 4])
#define LW_WR(_A, _R, _V)   ((_A)->Bar0[(_R) / 4] = (_V))

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE LwInitialize;
MINIPORT_HALT LwHalt;
MINIPORT_UNLOAD LwUnload;
MINIPORT_PAUSE LwPause;
MINIPORT_RESTART LwRestart;
MINIPORT_OID_REQUEST LwOidRequest;
MINIPORT_CANCEL_OID_REQUEST LwCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS LwSend;
MINIPORT_RETURN_NET_BUFFER_LISTS LwReturn;
MINIPORT_CANCEL_SEND LwCancelSend;
MINIPORT_CHECK_FOR_HANG LwCheckForHang;
MINIPORT_RESET LwReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY LwPnpEvent;
MINIPORT_SHUTDOWN LwShutdown;
MINIPORT_ISR LwIsr;
MINIPORT_INTERRUPT_DPC LwDpc;
MINIPORT_ENABLE_INTERRUPT LwEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT LwDisableInterrupt;
MINIPORT_MESSAGE_INTERRUPT LwMsgIsr;
MINIPORT_MESSAGE_INTERRUPT_DPC LwMsgDpc;
MINIPORT_ENABLE_MESSAGE_INTERRUPT LwEnableMsg;
MINIPORT_DISABLE_MESSAGE_INTERRUPT LwDisableMsg;
MINIPORT_SYNCHRONIZE_INTERRUPT LwSyncArmQueue;
MINIPORT_SYNCHRONIZE_INTERRUPT LwSyncDisarmQueue;
MINIPORT_SYNCHRONIZE_INTERRUPT LwSyncWriteFilter;

/* lw_queue.c */
extern const LW_QUEUE_OPS LwRxQueueOps;
extern const LW_QUEUE_OPS LwTxQueueOps;
VOID LwQueueInit(PLW_ADAPTER Adapter, ULONG Index);
VOID LwStartAllQueues(PLW_ADAPTER Adapter);
VOID LwStopAllQueues(PLW_ADAPTER Adapter);
VOID LwCompleteSends(PLW_QUEUE Queue, BOOLEAN Flush);

/* lw_main.c */
NDIS_STATUS LwConnectInterrupt(PLW_ADAPTER Adapter);
VOID LwDisconnectInterrupt(PLW_ADAPTER Adapter);
