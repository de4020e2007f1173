/* drv.h - the shared-header fixture's adapter, roles and register helpers. */
#ifndef DRV_H
#define DRV_H

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

#define MP_QUIESCE(_A) \
    NdisMSynchronizeWithInterruptEx((_A)->InterruptHandle, 0, MpDisableInterruptSync, (_A))

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

extern NDIS_HANDLE MpDriverHandle;

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


NDIS_STATUS MpMapRegisters(PMP_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters);
NDIS_STATUS MpHwReset(PMP_ADAPTER Adapter);
VOID MpFreeAdapter(PMP_ADAPTER Adapter);
NDIS_STATUS MpSetInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST OidRequest);
NDIS_STATUS MpQueryInformation(PMP_ADAPTER Adapter, PNDIS_OID_REQUEST OidRequest);

#endif
