/*
 * kx.h - Kestrel KX-2000 PCIe Gigabit Ethernet NDIS 6.20 miniport: adapter context.
 *
 * Case 280_kx_pcie_msix_full_clean: a whole vendor-style miniport over five .c files and two
 * headers.  The adapter context nests a PHY block, four RX/TX ring pairs (one spin lock each),
 * an interrupt block (MSI-X with one vector per queue pair plus a link vector; line-based when
 * MSI-X is refused or disabled in the registry) and a power block.  The interrupt is registered
 * in KxInitializeEx (goto unwind), released in D3 and registered again in D0 (OID_PNP_SET_POWER),
 * released in halt.  Every NdisMSynchronizeWithInterruptEx goes through the KX_SYNC macro, whose callers
 * test KX_HW_ACCESSIBLE (registered and D0) first.  The DPCs receive under each ring's lock with
 * a budget; a periodic watchdog timer (armed in restart, cancelled in pause and halt) polls the
 * PHY and queues the reset work item.  Stalls: 10 us PHY reset assert, 50 us steps, 5/20 us
 * polls.  Expected: clean for every rule.
 */

#ifndef _KX_H_
#define _KX_H_

#include <ndis.h>
#include "kx_hal.h"

#define KX_POOL_TAG                 'xKxK'
#define KX_NDIS_MAJOR_VERSION       6
#define KX_NDIS_MINOR_VERSION       20
#define KX_DRIVER_VERSION           ((3 << 16) | 12)

#define KX_MAX_QUEUES               4
#define KX_MAX_VECTORS              (KX_MAX_QUEUES + 1)     // one per queue pair + link/other
#define KX_OTHER_VECTOR             KX_MAX_QUEUES
#define KX_RX_RING_SIZE             512
#define KX_TX_RING_SIZE             512
#define KX_RX_BUFFER_SIZE           2048
#define KX_RX_BUDGET                64
#define KX_TX_CLEAN_BUDGET          128
#define KX_MAX_MCAST                32
#define KX_MAX_FRAME_SIZE           1514
#define KX_LINK_SPEED_1G            1000000000ULL
#define KX_WATCHDOG_PERIOD_MS       2000
#define KX_TX_HANG_TICKS            3
#define KX_LINK_DOWN_RECOVER_TICKS  5

#define KX_SUPPORTED_FILTERS        (NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST | \
                                     NDIS_PACKET_TYPE_ALL_MULTICAST | NDIS_PACKET_TYPE_BROADCAST | \
                                     NDIS_PACKET_TYPE_PROMISCUOUS)

//
// Debug tracing.
//
#define KX_DBG_ERROR                1
#define KX_DBG_WARN                 2
#define KX_DBG_INFO                 3
#define KX_DBG_LOUD                 4

#if DBG
extern ULONG KxDebugLevel;
#define DBGPRINT(_Level, _Fmt)                      \
    do {                                            \
        if ((_Level) <= KxDebugLevel) {             \
            DbgPrint("KX2000: ");                   \
            DbgPrint _Fmt;                          \
        }                                           \
    } while (0)
#define DBGENTER(_Fn)               DBGPRINT(KX_DBG_LOUD, ("--> %s\n", _Fn))
#define DBGLEAVE(_Fn, _St)          DBGPRINT(KX_DBG_LOUD, ("<-- %s 0x%08x\n", _Fn, _St))
#else
#define DBGPRINT(_Level, _Fmt)
#define DBGENTER(_Fn)
#define DBGLEAVE(_Fn, _St)
#endif

//
// Register access.
//
#define KX_READ_REG(_A, _Reg, _pVal) \
    NdisReadRegisterUlong((PULONG)((PUCHAR)(_A)->Hal.Registers + (_Reg)), (_pVal))
#define KX_WRITE_REG(_A, _Reg, _Val) \
    NdisWriteRegisterUlong((PULONG)((PUCHAR)(_A)->Hal.Registers + (_Reg)), (_Val))

typedef struct _KX_ADAPTER *PKX_ADAPTER;

typedef enum _KX_ADAPTER_STATE {
    KxStateInitializing = 0,
    KxStatePaused,
    KxStatePausing,
    KxStateRunning,
    KxStateHalting
} KX_ADAPTER_STATE;

typedef struct _KX_HAL {
    PVOID                   Registers;
    NDIS_PHYSICAL_ADDRESS   RegistersPhys;
    ULONG                   RegistersLength;
    USHORT                  DeviceId;
    UCHAR                   RevisionId;
    ULONG                   ImsShadow;          // line-based: causes enabled
} KX_HAL, *PKX_HAL;

typedef struct _KX_PHY {
    ULONG                   Address;
    ULONG                   Id;
    ULONG                   Quirks;
    BOOLEAN                 LinkUp;
    BOOLEAN                 FullDuplex;
    ULONG64                 LinkSpeed;
    ULONG                   LinkDownTicks;
    ULONG                   HardResets;
} KX_PHY, *PKX_PHY;

typedef struct _KX_RX_RING {
    NDIS_SPIN_LOCK          Lock;
    PKX_ADAPTER             Adapter;
    ULONG                   Index;
    PKX_RX_DESC             Desc;
    NDIS_PHYSICAL_ADDRESS   DescPhys;
    ULONG                   DescLength;
    PNET_BUFFER_LIST        Nbl[KX_RX_RING_SIZE];
    PUCHAR                  BufferVa;
    NDIS_PHYSICAL_ADDRESS   BufferPhys;
    ULONG                   NextToClean;
    ULONG                   NextToFill;
    ULONG                   Outstanding;        // indicated, not yet returned
    ULONG64                 Frames;
    ULONG64                 Bytes;
    ULONG                   Errors;
    BOOLEAN                 Enabled;
} KX_RX_RING, *PKX_RX_RING;

typedef struct _KX_TX_RING {
    NDIS_SPIN_LOCK          Lock;
    PKX_ADAPTER             Adapter;
    ULONG                   Index;
    PKX_TX_DESC             Desc;
    NDIS_PHYSICAL_ADDRESS   DescPhys;
    ULONG                   DescLength;
    PNET_BUFFER_LIST        Owner[KX_TX_RING_SIZE];
    ULONG                   NextToUse;
    ULONG                   NextToClean;
    ULONG                   FreeCount;
    PNET_BUFFER_LIST        WaitHead;           // waiting for descriptors
    PNET_BUFFER_LIST        WaitTail;
    ULONG                   LastCleanSnapshot;
    ULONG                   StuckTicks;
    ULONG64                 Frames;
    ULONG64                 Bytes;
    BOOLEAN                 Enabled;
} KX_TX_RING, *PKX_TX_RING;

typedef struct _KX_VECTOR {
    PKX_ADAPTER             Adapter;
    ULONG                   MessageId;
    ULONG                   CauseMask;          // EIMS bits this vector owns
    PKX_RX_RING             Rx;
    PKX_TX_RING             Tx;
    ULONG64                 Interrupts;
} KX_VECTOR, *PKX_VECTOR;

typedef struct _KX_INTERRUPT {
    NDIS_HANDLE             Handle;
    BOOLEAN                 Registered;
    BOOLEAN                 MsiXAllowed;        // registry *MSIXSupport / MSIXEnable
    NDIS_INTERRUPT_TYPE     Type;
    PIO_INTERRUPT_MESSAGE_INFO MessageInfo;
    ULONG                   NumVectors;
    KX_VECTOR               Vector[KX_MAX_VECTORS];
    ULONG                   LineCause;          // line-based: ICR latched by the ISR
    ULONG64                 SpuriousCount;
} KX_INTERRUPT, *PKX_INTERRUPT;

typedef struct _KX_POWER {
    NDIS_DEVICE_POWER_STATE DevicePowerState;
    ULONG                   WakeUpFlags;        // NDIS_PNP_WAKE_UP_*
    BOOLEAN                 WakeArmed;
    ULONG                   D3Transitions;
} KX_POWER, *PKX_POWER;

typedef struct _KX_STATS {
    ULONG64                 RxFrames;
    ULONG64                 TxFrames;
    ULONG64                 RxCrcErrors;
    ULONG64                 RxMissed;
    ULONG64                 RxNoBuffer;
    ULONG64                 TxResets;
} KX_STATS, *PKX_STATS;

typedef struct _KX_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    NDIS_HANDLE             DmaHandle;
    KX_ADAPTER_STATE        State;
    NDIS_SPIN_LOCK          StateLock;          // State, ResetInProgress, SendsPending
    ULONG                   SendsPending;

    KX_HAL                  Hal;
    KX_PHY                  Phy;
    KX_INTERRUPT            Intr;
    KX_POWER                Power;
    KX_STATS                Stats;

    ULONG                   NumQueues;
    KX_RX_RING              RxRing[KX_MAX_QUEUES];
    KX_TX_RING              TxRing[KX_MAX_QUEUES];
    NDIS_HANDLE             RxNblPool;

    UCHAR                   PermanentAddress[ETH_LENGTH_OF_ADDRESS];
    UCHAR                   CurrentAddress[ETH_LENGTH_OF_ADDRESS];
    ULONG                   PacketFilter;
    ULONG                   McastCount;
    UCHAR                   McastList[KX_MAX_MCAST][ETH_LENGTH_OF_ADDRESS];
    ULONG                   LookAhead;

    NDIS_HANDLE             WatchdogTimer;
    BOOLEAN                 WatchdogArmed;
    NDIS_HANDLE             ResetWorkItem;
    BOOLEAN                 ResetInProgress;
    BOOLEAN                 ResetFromNdis;      // complete with NdisMResetComplete
    BOOLEAN                 NeedsReset;
    ULONG                   ResetCount;
    NDIS_MEDIA_CONNECT_STATE MediaState;
} KX_ADAPTER;

//
// The chip may be touched through the interrupt object only while the interrupt is registered
// and the device is in D0 (D3 gives the interrupt back, see KxOidSetPower).
//
#define KX_HW_ACCESSIBLE(_A) \
    ((_A)->Intr.Registered && (_A)->Power.DevicePowerState == NdisDeviceStateD0)

extern NDIS_HANDLE KxDriverHandle;

//
// kx_main.c
//
MINIPORT_INITIALIZE                 KxInitializeEx;
MINIPORT_HALT                       KxHaltEx;
MINIPORT_PAUSE                      KxPause;
MINIPORT_RESTART                    KxRestart;
MINIPORT_SHUTDOWN                   KxShutdownEx;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY    KxDevicePnPEventNotify;
MINIPORT_RESET                      KxResetEx;
MINIPORT_CHECK_FOR_HANG             KxCheckForHangEx;
MINIPORT_SET_OPTIONS                KxSetOptions;
MINIPORT_UNLOAD                     KxUnload;
NDIS_TIMER_FUNCTION                 KxWatchdogTimer;
NDIS_IO_WORKITEM_FUNCTION           KxResetWorker;
DRIVER_INITIALIZE                   DriverEntry;

//
// kx_intr.c
//
MINIPORT_ISR                        KxIsr;
MINIPORT_INTERRUPT_DPC              KxDpc;
MINIPORT_ENABLE_INTERRUPT           KxEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT          KxDisableInterrupt;
MINIPORT_MESSAGE_INTERRUPT          KxMsgIsr;
MINIPORT_MESSAGE_INTERRUPT_DPC      KxMsgDpc;
MINIPORT_ENABLE_MESSAGE_INTERRUPT   KxEnableMsgInterrupt;
MINIPORT_DISABLE_MESSAGE_INTERRUPT  KxDisableMsgInterrupt;
MINIPORT_SYNCHRONIZE_INTERRUPT      KxSyncMaskAll;
MINIPORT_SYNCHRONIZE_INTERRUPT      KxSyncUnmaskAll;
MINIPORT_SYNCHRONIZE_INTERRUPT      KxSyncApplyRxFilter;
MINIPORT_SYNCHRONIZE_INTERRUPT      KxSyncArmWake;
MINIPORT_SYNCHRONIZE_INTERRUPT      KxSyncReadLinkCause;

NDIS_STATUS KxIntrRegister(PKX_ADAPTER Adapter);
VOID        KxIntrRelease(PKX_ADAPTER Adapter);

typedef struct _KX_SYNC_LINK_CONTEXT {
    PKX_ADAPTER             Adapter;
    ULONG                   Status;
    ULONG                   Cause;
} KX_SYNC_LINK_CONTEXT, *PKX_SYNC_LINK_CONTEXT;

//
// Run a routine at the interrupt's DIRQL.  MSI-X: the "other" vector's message (MsiSyncWithAllMessages
// makes it exclude every vector); line-based: message 0.  Callers test KX_HW_ACCESSIBLE first.
//
#define KX_SYNC(_A, _Routine, _Context)                                             \
    NdisMSynchronizeWithInterruptEx((_A)->Intr.Handle,                              \
        ((_A)->Intr.Type == NDIS_CONNECT_MESSAGE_BASED) ? KX_OTHER_VECTOR : 0,      \
        (_Routine), (_Context))

//
// kx_oid.c
//
MINIPORT_OID_REQUEST                KxOidRequest;
MINIPORT_CANCEL_OID_REQUEST         KxCancelOidRequest;

//
// kx_txrx.c
//
MINIPORT_SEND_NET_BUFFER_LISTS      KxSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS    KxReturnNetBufferLists;
MINIPORT_CANCEL_SEND                KxCancelSend;

NDIS_STATUS KxAllocateRings(PKX_ADAPTER Adapter);
VOID        KxFreeRings(PKX_ADAPTER Adapter);
VOID        KxResetRings(PKX_ADAPTER Adapter);
ULONG       KxRxProcess(PKX_ADAPTER Adapter, PKX_RX_RING Rx, ULONG Budget);
VOID        KxTxComplete(PKX_ADAPTER Adapter, PKX_TX_RING Tx);
VOID        KxTxDrainWaiting(PKX_ADAPTER Adapter, NDIS_STATUS CompletionStatus);
BOOLEAN     KxTxCheckHang(PKX_ADAPTER Adapter);
VOID        KxIndicateLinkState(PKX_ADAPTER Adapter);

#endif // _KX_H_
