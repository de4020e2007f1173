/*
 * Fabrikam FBR-10G NDIS 6.20 miniport: adapter context and shared prototypes.
 * (Case 132/133 driver: see mp_main.c for what the case is about.)
 */
#ifndef _MP_H_
#define _MP_H_

#include <ndis.h>
#include "nic.h"

#define MP_TAG                      'rbFM'
#define MP_MAJOR_NDIS_VERSION       6
#define MP_MINOR_NDIS_VERSION       20
#define MP_FRAME_SIZE               1514
#define MP_MAX_MCAST                64
#define MP_PAUSE_WAIT_MS            10
#define MP_PAUSE_WAIT_TRIES         200
#define MP_WATCHDOG_MS              2000

typedef enum _MP_STATE {
    MpStateInitializing,
    MpStatePaused,
    MpStateRestarting,
    MpStateRunning,
    MpStatePausing,
    MpStateHalting
} MP_STATE;

typedef enum _NIC_INTERRUPT_MODE {
    NicInterruptNone = 0,           /* no interrupt resource: the watchdog polls */
    NicInterruptLine,
    NicInterruptMessage
} NIC_INTERRUPT_MODE;

typedef VOID (*NIC_SYNC_OPERATION)(struct _MP_ADAPTER *Adapter, ULONG Argument);

typedef struct _NIC_SYNC_CONTEXT {
    struct _MP_ADAPTER     *Adapter;
    NIC_SYNC_OPERATION      Operation;
    ULONG                   Argument;
} NIC_SYNC_CONTEXT, *PNIC_SYNC_CONTEXT;

typedef struct _MP_ADAPTER {
    NDIS_HANDLE             MiniportAdapterHandle;
    NDIS_HANDLE             InterruptHandle;
    NDIS_HANDLE             WatchdogTimer;
    NDIS_HANDLE             NblPool;
    MP_STATE                State;
    NIC_INTERRUPT_MODE      InterruptMode;
    BOOLEAN                 InterruptRegistered;
    BOOLEAN                 SurpriseRemoved;
    BOOLEAN                 HardwareFailed;
    PNIC_PHY_OPS            PhyOps;

    PUCHAR                  CsrBase;
    PHYSICAL_ADDRESS        CsrPhysical;
    ULONG                   CsrLength;
    USHORT                  PciDeviceId;

    ULONG                   PendingCause;
    ULONG                   InterruptModeration;
    ULONG                   RxControl;
    ULONG                   PacketFilter;
    ULONG                   McastCount;
    UCHAR                   McastAddresses[MP_MAX_MCAST][6];
    UCHAR                   MacAddress[6];

    NDIS_SPIN_LOCK          TxLock;
    NDIS_SPIN_LOCK          RxLock;
    LONG                    TxPending;
    ULONG                   TxTail;
    ULONG                   TxHead;
    PNET_BUFFER_LIST        TxQueue[NIC_RING_SIZE];
    ULONG                   RxHead;

    BOOLEAN                 LinkUp;
    ULONG64                 LinkSpeed;
    ULONG64                 TxFrames;
    ULONG64                 RxFrames;
    ULONG64                 TxDropped;
    ULONG                   WatchdogTicks;
} MP_ADAPTER, *PMP_ADAPTER;

#define NIC_READ(_A, _Off)          (*(volatile ULONG *)((_A)->CsrBase + (_Off)))
#define NIC_WRITE(_A, _Off, _Val)   (*(volatile ULONG *)((_A)->CsrBase + (_Off)) = (ULONG)(_Val))

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MPInitializeEx;
MINIPORT_HALT MPHaltEx;
MINIPORT_UNLOAD MPDriverUnload;
MINIPORT_PAUSE MPPause;
MINIPORT_RESTART MPRestart;
MINIPORT_OID_REQUEST MPOidRequest;
MINIPORT_CANCEL_OID_REQUEST MPCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MPSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MPReturnNetBufferLists;
MINIPORT_CANCEL_SEND MPCancelSend;
MINIPORT_RESET MPReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MPDevicePnPEvent;
MINIPORT_SHUTDOWN MPShutdownEx;
MINIPORT_ISR MPIsr;
MINIPORT_INTERRUPT_DPC MPDpc;
MINIPORT_ENABLE_INTERRUPT MPEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT MPDisableInterrupt;
MINIPORT_SYNCHRONIZE_INTERRUPT NicSyncDispatch;
NDIS_TIMER_FUNCTION MPWatchdogTimer;

/* mp_int.c */
NDIS_STATUS NicConnectInterrupt(PMP_ADAPTER Adapter);
VOID NicDisconnectInterrupt(PMP_ADAPTER Adapter);
VOID NicRunSynchronized(PMP_ADAPTER Adapter, NIC_SYNC_OPERATION Operation, ULONG Argument);
VOID NicOpMaskInterrupts(PMP_ADAPTER Adapter, ULONG Argument);
VOID NicOpUnmaskInterrupts(PMP_ADAPTER Adapter, ULONG Argument);

/* mp_nic.c */
NDIS_STATUS NicFindResources(PMP_ADAPTER Adapter, PNDIS_RESOURCE_LIST Resources);
NDIS_STATUS NicProbe(PMP_ADAPTER Adapter);
NDIS_STATUS NicResetChip(PMP_ADAPTER Adapter);
VOID NicStartRings(PMP_ADAPTER Adapter);
VOID NicStopRings(PMP_ADAPTER Adapter);
VOID NicSetInterruptModeration(PMP_ADAPTER Adapter, ULONG Itr);
VOID NicSetRxFilter(PMP_ADAPTER Adapter, ULONG Filter);
VOID NicPollLink(PMP_ADAPTER Adapter);

/* mp_send.c */
VOID MpTxComplete(PMP_ADAPTER Adapter, BOOLEAN DispatchLevel);
VOID MpTxFlush(PMP_ADAPTER Adapter, NDIS_STATUS Status);
VOID MpRxIndicate(PMP_ADAPTER Adapter);

#endif
