/*
 * Contoso CT-1000 gigabit miniport: shared declarations.
 */
#pragma once
#include <ndis.h>

#define CT_POOL_TAG             'tCtC'
#define CT_NDIS_MAJOR           6
#define CT_NDIS_MINOR           20
#define CT_REG_WINDOW           0x200

#define CT_REG_CTRL             0x00
#define CT_REG_ISR              0x04
#define CT_REG_IMR              0x08
#define CT_REG_RX_FILTER        0x0C
#define CT_REG_STATUS           0x10

#define CT_INT_RX               0x01
#define CT_INT_TX               0x02
#define CT_INT_LINK             0x04
#define CT_INT_ALL              (CT_INT_RX | CT_INT_TX | CT_INT_LINK)
#define CT_CTRL_RESET           0x80000000

#define CT_WATCHDOG_MS          2000

#define CT_READ(_A, _R)         ((_A)->Regs[(_R) / sizeof(ULONG)])
#define CT_WRITE(_A, _R, _V)    ((_A)->Regs[(_R) / sizeof(ULONG)] = (ULONG)(_V))

typedef enum _CT_STATE {
    CtStateUninit = 0,
    CtStateInitializing,
    CtStateRunning,
    CtStatePaused,
    CtStateHalting,
    CtStateRemoved
} CT_STATE;

typedef struct _CT_ADAPTER {
    NDIS_HANDLE         AdapterHandle;
    NDIS_HANDLE         InterruptHandle;
    volatile ULONG     *Regs;
    CT_STATE            State;
    ULONG               PendingEvents;
    ULONG               PacketFilter;
    NDIS_HANDLE         WatchdogTimer;
    NDIS_SPIN_LOCK      Lock;
    ULONG               HangChecks;
    NDIS_HANDLE         StopWorkItem;
    NDIS_EVENT          StopDone;
    ULONG64             TxFrames;
    ULONG64             RxFrames;
} CT_ADAPTER, *PCT_ADAPTER;

extern NDIS_HANDLE CtDriverHandle;

/* hw.c */
NDIS_STATUS CtHwMapRegisters(PCT_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters);
NDIS_STATUS CtHwRegisterInterrupt(PCT_ADAPTER Adapter);
VOID        CtHwTeardown(PCT_ADAPTER Adapter);
NDIS_STATUS CtHwResetChip(PCT_ADAPTER Adapter);
VOID        CtHwFree(PCT_ADAPTER Adapter);

MINIPORT_SYNCHRONIZE_INTERRUPT CtSyncMask;
MINIPORT_SYNCHRONIZE_INTERRUPT CtSyncUnmask;
MINIPORT_SYNCHRONIZE_INTERRUPT CtSyncFilter;

MINIPORT_ISR CtIsr;
MINIPORT_INTERRUPT_DPC CtDpc;
MINIPORT_ENABLE_INTERRUPT CtEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT CtDisableInterrupt;

/* adapter.c */
MINIPORT_INITIALIZE CtInitializeEx;
MINIPORT_HALT CtHaltEx;
MINIPORT_PAUSE CtPause;
MINIPORT_RESTART CtRestart;
MINIPORT_CHECK_FOR_HANG CtCheckForHang;
MINIPORT_RESET CtReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY CtDevicePnPEvent;
MINIPORT_SHUTDOWN CtShutdown;
NDIS_TIMER_FUNCTION CtWatchdog;
NDIS_IO_WORKITEM_FUNCTION CtStopWork;


/* oid.c */
MINIPORT_OID_REQUEST CtOidRequest;
MINIPORT_CANCEL_OID_REQUEST CtCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS CtSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS CtReturnNetBufferLists;
MINIPORT_CANCEL_SEND CtCancelSend;

/* main.c */
MINIPORT_SET_OPTIONS CtSetOptions;
MINIPORT_UNLOAD CtUnload;
DRIVER_INITIALIZE DriverEntry;
