/*
 * mpnic.h: register layout and adapter context of case 358 (included as "..\inc\MpNic.h").
 */
#pragma once

#include <ndis.h>

#define MP_POOL_TAG             'cnMP'
#define MP_NDIS_MAJOR_VERSION   6
#define MP_NDIS_MINOR_VERSION   20
#define MP_REG_WINDOW_SIZE      0x100

#define MP_REG_CONTROL          0x00
#define MP_REG_INT_STATUS       0x04
#define MP_REG_INT_MASK         0x08
#define MP_REG_RX_HEAD          0x10
#define MP_REG_TX_TAIL          0x14
#define MP_REG_RX_FILTER        0x18

#define MP_INT_RX               0x01
#define MP_INT_TX               0x02
#define MP_INT_LINK             0x04
#define MP_INT_ALL              (MP_INT_RX | MP_INT_TX | MP_INT_LINK)
#define MP_CONTROL_RESET        0x80000000

#define MP_READ_REG(_A, _R)      ((_A)->Registers[(_R) / sizeof(ULONG)])
#define MP_WRITE_REG(_A, _R, _V) ((_A)->Registers[(_R) / sizeof(ULONG)] = (ULONG)(_V))

typedef struct _MP_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    NDIS_HANDLE             InterruptHandle;
    BOOLEAN                 InterruptRegistered;
    volatile ULONG         *Registers;          // mapped CSR window
    ULONG                   PendingEvents;      // ISR -> DPC, under interrupt sync
    ULONG                   PacketFilter;
    NDIS_SPIN_LOCK          SendLock;
    NDIS_SPIN_LOCK          RecvLock;
    ULONG64                 FramesSent;
    ULONG64                 FramesReceived;
} MP_ADAPTER, *PMP_ADAPTER;

