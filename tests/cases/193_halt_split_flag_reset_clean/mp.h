/* mp.h - case 193_halt_split_flag_reset_clean: shared adapter context and helpers of mp.c and halt.c */
#ifndef MP_H
#define MP_H

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
#define MP_REG_PHY_CONTROL      0x40
#define MP_REG_EEPROM           0x44
#define MP_REG_EEPROM_TIMING    0x48
#define MP_PHY_RESET            0x8000
#define MP_PHY_POWER_UP         0x0800
#define MP_PHY_SETTLE_US        40
#define MP_RING_BYTES           4096

typedef struct _MP_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    NDIS_HANDLE             InterruptHandle;
    BOOLEAN                 InterruptRegistered;
    volatile ULONG         *Registers;          // mapped CSR window
    ULONG                   PendingEvents;      // ISR -> DPC, under interrupt sync
    ULONG                   PacketFilter;
    NDIS_SPIN_LOCK          SendLock;
    NDIS_SPIN_LOCK          RecvLock;
    PVOID                   RingVa;
    NDIS_PHYSICAL_ADDRESS   RingPa;
    ULONG64                 FramesSent;
    ULONG64                 FramesReceived;
} MP_ADAPTER, *PMP_ADAPTER;

NDIS_HANDLE MpDriverHandle;

MINIPORT_SYNCHRONIZE_INTERRUPT MpDisableInterruptSync;
MINIPORT_SYNCHRONIZE_INTERRUPT MpEnableInterruptSync;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSetFilterSync;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_ENABLE_INTERRUPT MpEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT MpDisableInterrupt;
MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;
MINIPORT_CANCEL_SEND MpCancelSend;
MINIPORT_CHECK_FOR_HANG MpCheckForHang;
MINIPORT_RESET MpReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpDevicePnPEvent;
MINIPORT_SHUTDOWN MpShutdown;
MINIPORT_SET_OPTIONS MpSetOptions;
MINIPORT_UNLOAD MpUnload;
DRIVER_INITIALIZE DriverEntry;

VOID MpTeardownInterrupt(PMP_ADAPTER Adapter);
VOID MpHalStop(PMP_ADAPTER Adapter);

#endif
