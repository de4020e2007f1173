/*
 * Case 68_two_drivers_same_names, driver B (folder drvB, clean): same function names as driver A.
 * Here MpStopDma stops DMA under the interrupt lock (it synchronizes) and MpHaltEx calls it before
 * deregistering; MpInterruptDisable writes the mask register directly and is called after.
 * Clean on its own.  Mixed with driver A, A's halt would reach B's MpStopDma after its
 * deregistration and report a false defect in drvB/adapter.c.
 */

#ifndef MP_H
#define MP_H

#include <ndis.h>

#define MP_POOL_TAG             'efMP'
#define MP_REG_WINDOW_SIZE      0x80

#define MP_REG_CONTROL          0x00
#define MP_REG_INT_STATUS       0x04
#define MP_REG_INT_MASK         0x08
#define MP_REG_DMA_CONTROL      0x0C
#define MP_REG_RX_FILTER        0x10

#define MP_INT_RX               0x01
#define MP_INT_TX               0x02
#define MP_INT_ALL              (MP_INT_RX | MP_INT_TX)
#define MP_CONTROL_RESET        0x1

#define MP_READ_REG(_A, _R)      ((_A)->Registers[(_R) / sizeof(ULONG)])
#define MP_WRITE_REG(_A, _R, _V) ((_A)->Registers[(_R) / sizeof(ULONG)] = (ULONG)(_V))

typedef struct _MP_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    NDIS_HANDLE             InterruptHandle;
    BOOLEAN                 InterruptRegistered;
    volatile ULONG         *Registers;
    ULONG                   PendingEvents;
    ULONG                   PacketFilter;
    NDIS_SPIN_LOCK          Lock;
    ULONG64                 FramesSent;
    ULONG64                 FramesReceived;
} MP_ADAPTER, *PMP_ADAPTER;

extern NDIS_HANDLE MpDriverHandle;

// driver.c
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;
MINIPORT_CANCEL_SEND MpCancelSend;

// adapter.c
MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_RESET MpReset;
MINIPORT_CHECK_FOR_HANG MpCheckForHang;
MINIPORT_SHUTDOWN MpShutdown;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpDevicePnPEvent;
VOID MpFreeResources(PMP_ADAPTER Adapter);
VOID MpStopDma(PMP_ADAPTER Adapter);

// interrupt.c
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_ENABLE_INTERRUPT MpEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT MpDisableInterrupt;
NDIS_STATUS MpRegisterInterrupt(PMP_ADAPTER Adapter);
VOID MpDeregisterInterrupt(PMP_ADAPTER Adapter);
VOID MpInterruptDisable(PMP_ADAPTER Adapter);
VOID MpInterruptEnable(PMP_ADAPTER Adapter);
VOID MpApplyPacketFilter(PMP_ADAPTER Adapter);

#endif // MP_H
