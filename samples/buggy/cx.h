/*
 * cx.h - Contoso CX-2000 PCI Express gigabit controller, NDIS 6.20 miniport.
 *
 * Shared definitions: register layout, the adapter context, and the functions each file
 * exports.  The adapter context is allocated in MpInitializeEx and handed to NDIS as the
 * MiniportAdapterContext; NDIS passes it back to every callback, and to the ISR and DPC as
 * the MiniportInterruptContext.
 */

#ifndef CX_H
#define CX_H

#include <ndis.h>

#define CX_POOL_TAG                 'xCtC'
#define CX_NDIS_MAJOR_VERSION       6
#define CX_NDIS_MINOR_VERSION       20
#define CX_DRIVER_MAJOR_VERSION     2
#define CX_DRIVER_MINOR_VERSION     4

//
// Register window (BAR0, memory mapped).
//
#define CX_REG_WINDOW_SIZE          0x1000
#define CX_REG_CONTROL              0x000
#define CX_REG_STATUS               0x004
#define CX_REG_INT_CAUSE            0x010      // read to acknowledge
#define CX_REG_INT_MASK             0x014      // 1 = enabled
#define CX_REG_RX_FILTER            0x020
#define CX_REG_MC_HASH_LO           0x024
#define CX_REG_MC_HASH_HI           0x028
#define CX_REG_TX_TAIL              0x040
#define CX_REG_RX_HEAD              0x044
#define CX_REG_STAT_RX_CRC          0x100      // clear on read
#define CX_REG_STAT_RX_MISSED       0x104      // clear on read
#define CX_REG_STAT_TX_COLLISIONS   0x108      // clear on read
#define CX_REG_PHY                  0x200

#define CX_CONTROL_RESET            0x80000000
#define CX_CONTROL_RX_ENABLE        0x00000001
#define CX_CONTROL_TX_ENABLE        0x00000002
#define CX_STATUS_LINK_UP           0x00000001

#define CX_INT_RX                   0x00000001
#define CX_INT_TX                   0x00000002
#define CX_INT_LINK                 0x00000004
#define CX_INT_RX_OVERRUN           0x00000008
#define CX_INT_ALL                  (CX_INT_RX | CX_INT_TX | CX_INT_LINK | CX_INT_RX_OVERRUN)

#define CX_RX_FILTER_DIRECTED       0x01
#define CX_RX_FILTER_MULTICAST      0x02
#define CX_RX_FILTER_BROADCAST      0x04
#define CX_RX_FILTER_PROMISCUOUS    0x08
#define CX_RX_FILTER_ALL_MULTICAST  0x10

#define CX_RESET_POLL_US            10         // NdisStallExecution per poll
#define CX_RESET_POLLS              1000
#define CX_MAX_MULTICAST            32
#define CX_MAC_LENGTH               6
#define CX_TX_RING_SIZE             256

#define CX_READ(_A, _R)             ((_A)->Registers[(_R) / sizeof(ULONG)])
#define CX_WRITE(_A, _R, _V)        ((_A)->Registers[(_R) / sizeof(ULONG)] = (ULONG)(_V))

typedef struct _CX_ADAPTER {
    NDIS_HANDLE                 AdapterHandle;
    volatile ULONG             *Registers;             // BAR0, CX_REG_WINDOW_SIZE bytes

    //
    // Interrupt.  InterruptConnected is TRUE exactly while InterruptHandle is registered
    // with NDIS (NdisMRegisterInterruptEx succeeded and no NdisMDeregisterInterruptEx since).
    //
    NDIS_HANDLE                 InterruptHandle;
    BOOLEAN                     InterruptConnected;
    ULONG                       InterruptCause;        // ISR -> DPC, under the interrupt lock

    NDIS_DEVICE_POWER_STATE     DevicePowerState;

    NDIS_SPIN_LOCK              SendLock;
    ULONG                       TxInFlight;            // under SendLock
    BOOLEAN                     Paused;                // under SendLock

    NDIS_SPIN_LOCK              RecvLock;
    ULONG                       PacketFilter;          // NDIS_PACKET_TYPE_* as set by NDIS
    UCHAR                       MulticastList[CX_MAX_MULTICAST * CX_MAC_LENGTH];
    ULONG                       MulticastCount;        // under RecvLock

    BOOLEAN                     LinkUp;

    //
    // Statistics.  The CRC / missed / collision counters clear on read and are folded in
    // under the interrupt lock (CxSyncReadCounters).
    //
    ULONG64                     FramesSent;
    ULONG64                     FramesReceived;
    ULONG64                     RxCrcErrors;
    ULONG64                     RxMissed;
    ULONG64                     TxCollisions;
    ULONG                       HangChecksWithoutRx;
} CX_ADAPTER, *PCX_ADAPTER;

extern NDIS_HANDLE CxDriverHandle;

// adapter.c
MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_RESET MpReset;
MINIPORT_CHECK_FOR_HANG MpCheckForHang;
MINIPORT_SHUTDOWN MpShutdown;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpDevicePnPEvent;
NDIS_STATUS CxResetChip(PCX_ADAPTER Adapter);

// interrupt.c
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpInterruptDpc;
MINIPORT_ENABLE_INTERRUPT MpEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT MpDisableInterrupt;
NDIS_STATUS CxConnectInterrupt(PCX_ADAPTER Adapter);
VOID CxDisconnectInterrupt(PCX_ADAPTER Adapter);
VOID CxSyncDisableInterrupts(PCX_ADAPTER Adapter);
VOID CxSyncEnableInterrupts(PCX_ADAPTER Adapter);
VOID CxSyncProgramFilter(PCX_ADAPTER Adapter);
VOID CxSyncReadCounters(PCX_ADAPTER Adapter);

// oid.c
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;

// driver.c
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;
MINIPORT_CANCEL_SEND MpCancelSend;

#endif // CX_H
