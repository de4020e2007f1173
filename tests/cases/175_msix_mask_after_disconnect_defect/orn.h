/*
 * Orion 25G adapter: shared definitions for case 175 (see orn_intr.c).
 */
#ifndef ORN_H
#define ORN_H

#include <ndis.h>

#define ORN_POOL_TAG            'nrOZ'
#define ORN_MAX_QUEUES          4
#define ORN_ADMIN_VECTOR        ORN_MAX_QUEUES          // message after the queue vectors
#define ORN_MAX_MESSAGES        (ORN_MAX_QUEUES + 1)
#define ORN_RX_BUDGET           64
#define ORN_BAR_SIZE            0x4000

#define ORN_REG_GLOBAL_CTRL     0x0000
#define ORN_REG_ADMIN_CAUSE     0x0010
#define ORN_REG_ADMIN_MASK      0x0014
#define ORN_REG_RX_FILTER       0x0020
#define ORN_REG_Q_BASE          0x1000
#define ORN_REG_Q_STRIDE        0x0100
#define ORN_Q_CAUSE             0x00
#define ORN_Q_MASK              0x04
#define ORN_Q_RX_HEAD           0x08
#define ORN_Q_RX_TAIL           0x0C
#define ORN_Q_TX_TAIL           0x10

#define ORN_CTRL_RESET          0x00000001
#define ORN_CTRL_ENABLE         0x00000002
#define ORN_CAUSE_RX            0x1
#define ORN_CAUSE_TX            0x2
#define ORN_ADMIN_LINK          0x1
#define ORN_ADMIN_ERROR         0x2

#define ORN_QREG(_q, _r)        (ORN_REG_Q_BASE + (_q) * ORN_REG_Q_STRIDE + (_r))
#define ORN_RD(_A, _r)          OrnRead((_A), (_r))
#define ORN_WR(_A, _r, _v)      NdisWriteRegisterUlong((PULONG)((_A)->Bar + (_r)), (ULONG)(_v))

typedef enum _ORN_STATE {
    OrnStateHalted = 0,
    OrnStateInitializing,
    OrnStatePaused,
    OrnStateRunning,
    OrnStateResetting
} ORN_STATE;

struct _ORN_ADAPTER;

typedef struct _ORN_QUEUE {
    struct _ORN_ADAPTER    *Adapter;
    ULONG                   Index;
    NDIS_SPIN_LOCK          Lock;
    PNET_BUFFER_LIST        PendingHead;
    ULONG                   PendingCount;
    ULONG                   RxHead;
    ULONG64                 RxFrames;
    ULONG64                 TxFrames;
} ORN_QUEUE, *PORN_QUEUE;

typedef struct _ORN_SYNC_CTX {
    struct _ORN_ADAPTER    *Adapter;
    ULONG                   Queue;
    ULONG                   Value;
} ORN_SYNC_CTX, *PORN_SYNC_CTX;

typedef struct _ORN_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    PUCHAR                  Bar;
    NDIS_PHYSICAL_ADDRESS   BarPhysical;
    NDIS_HANDLE             InterruptHandle;
    BOOLEAN                 InterruptConnected;
    NDIS_INTERRUPT_TYPE     InterruptType;
    ULONG                   MessageCount;
    ULONG                   QueueCount;
    ORN_STATE               State;
    ULONG                   PacketFilter;
    ULONG                   AdminCause;
    BOOLEAN                 LinkUp;
    ORN_QUEUE               Queue[ORN_MAX_QUEUES];
} ORN_ADAPTER, *PORN_ADAPTER;

static __inline ULONG
OrnRead(struct _ORN_ADAPTER *Adapter, ULONG Offset);

/* orn_intr.c */
NDIS_STATUS OrnConnectInterrupt(PORN_ADAPTER Adapter);
VOID OrnDisconnectInterrupt(PORN_ADAPTER Adapter);
VOID OrnMaskAll(PORN_ADAPTER Adapter);
VOID OrnUnmaskAll(PORN_ADAPTER Adapter);
VOID OrnProgramFilter(PORN_ADAPTER Adapter);

/* orn_data.c */
VOID OrnQueueSend(PORN_QUEUE Queue, PNET_BUFFER_LIST Nbl);
VOID OrnDrainQueue(PORN_QUEUE Queue, NDIS_STATUS Status);
ULONG OrnServiceRx(PORN_QUEUE Queue, ULONG Budget);
VOID OrnServiceTx(PORN_QUEUE Queue);

static __inline ULONG
OrnRead(struct _ORN_ADAPTER *Adapter, ULONG Offset)
{
    ULONG Value;

    NdisReadRegisterUlong((PULONG)(Adapter->Bar + Offset), &Value);
    return Value;
}

#endif
