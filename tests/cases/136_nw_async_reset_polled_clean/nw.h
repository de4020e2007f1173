/*
 * Northwind NW100 NDIS 6.20 miniport: adapter context, flags, prototypes.
 * (Case 136 driver: see nw.c for what the case is about.)
 */
#ifndef NW_H
#define NW_H

#include <ndis.h>

#define NW_POOL_TAG             '01WN'
#define NW_MAX_PACKET           1514
#define NW_MAX_MCAST            32
#define NW_TX_SLOTS             64
#define NW_POLL_MS              10
#define NW_HALT_WAIT_MS         5
#define NW_HALT_WAIT_TRIES      400
#define NW_IO_LENGTH            0x40

/* I/O port registers */
#define NW_PORT_COMMAND         0x00
#define NW_PORT_STATUS          0x04
#define NW_PORT_INTMASK         0x08
#define NW_PORT_FILTER          0x0C
#define NW_PORT_TXPTR           0x10
#define NW_PORT_RXPTR           0x14
#define NW_PORT_MAC             0x20

#define NW_CMD_RESET            0x01
#define NW_CMD_RX_ON            0x02
#define NW_CMD_TX_ON            0x04
#define NW_STS_RX               0x01
#define NW_STS_TX               0x02
#define NW_STS_LINK             0x04
#define NW_STS_BUSY             0x80
#define NW_INT_ALL              (NW_STS_RX | NW_STS_TX | NW_STS_LINK)

/* Adapter->Flags */
#define fMP_INTERRUPT_REGISTERED    0x0001
#define fMP_POLLED                  0x0002
#define fMP_RESET_IN_PROGRESS       0x0004
#define fMP_HALT_IN_PROGRESS        0x0008
#define fMP_HARDWARE_ERROR          0x0010
#define fMP_PAUSED                  0x0020
#define fMP_LINK_UP                 0x0040

#define MP_SET_FLAG(_M, _F)         ((_M)->Flags |= (_F))
#define MP_CLEAR_FLAG(_M, _F)       ((_M)->Flags &= ~(_F))
#define MP_TEST_FLAG(_M, _F)        (((_M)->Flags & (_F)) != 0)
#define MP_IS_READY(_M)             (((_M)->Flags & (fMP_RESET_IN_PROGRESS | fMP_HALT_IN_PROGRESS | \
                                                     fMP_HARDWARE_ERROR | fMP_PAUSED)) == 0)

typedef struct _MP_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    NDIS_HANDLE             InterruptHandle;
    NDIS_HANDLE             PollTimer;
    NDIS_HANDLE             ResetWorkItem;
    ULONG                   Flags;
    LONG                    RefCount;
    ULONG                   IoBase;
    PVOID                   PortOffset;
    ULONG                   PendingStatus;
    ULONG                   PacketFilter;
    ULONG                   Lookahead;
    UCHAR                   MacAddress[6];
    UCHAR                   McastList[NW_MAX_MCAST][6];
    ULONG                   McastCount;
    NDIS_SPIN_LOCK          Lock;
    PNDIS_OID_REQUEST       PendingRequest;
    PNET_BUFFER_LIST        TxQueueHead;
    PNET_BUFFER_LIST        TxQueueTail;
    ULONG                   TxInFlight;
    ULONG64                 TxOk;
    ULONG64                 RxOk;
    ULONG64                 RxDropped;
} MP_ADAPTER, *PMP_ADAPTER;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MPInitialize;
MINIPORT_HALT MPHalt;
MINIPORT_UNLOAD MPUnload;
MINIPORT_PAUSE MPPause;
MINIPORT_RESTART MPRestart;
MINIPORT_OID_REQUEST MPOidRequest;
MINIPORT_CANCEL_OID_REQUEST MPCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MPSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MPReturnNetBufferLists;
MINIPORT_CANCEL_SEND MPCancelSendNetBufferLists;
MINIPORT_CHECK_FOR_HANG MPCheckForHang;
MINIPORT_RESET MPReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MPPnPEventNotify;
MINIPORT_SHUTDOWN MPShutdown;
MINIPORT_ISR MPIsr;
MINIPORT_INTERRUPT_DPC MPHandleInterrupt;
MINIPORT_ENABLE_INTERRUPT MPEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT MPDisableInterrupt;
MINIPORT_SYNCHRONIZE_INTERRUPT NICSyncMask;
MINIPORT_SYNCHRONIZE_INTERRUPT NICSyncUnmask;
MINIPORT_SYNCHRONIZE_INTERRUPT NICSyncSetFilter;
NDIS_TIMER_FUNCTION MPPollTimer;
NDIS_IO_WORKITEM_FUNCTION MPResetWorker;

#endif
