/*
 * Contoso CT-GbE NDIS 6.30 miniport: adapter context, flags, state, prototypes.
 * (Case 130/131 driver: see power.c for what the case is about.)
 */
#pragma once

#include <ndis.h>
#include "hw.h"

#define CT_POOL_TAG                 'EGtC'
#define CT_NDIS_MAJOR               6
#define CT_NDIS_MINOR               30
#define CT_DRIVER_VERSION           ((3 << 16) | 12)

#define CT_MAX_FRAME_SIZE           1514
#define CT_HEADER_SIZE              14
#define CT_MAX_LOOKAHEAD            (CT_MAX_FRAME_SIZE - CT_HEADER_SIZE)
#define CT_RX_RING_SIZE             256
#define CT_TX_RING_SIZE             256
#define CT_LINK_SPEED_1G            1000000000ULL

#define CT_SUPPORTED_FILTERS        (NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST | \
                                     NDIS_PACKET_TYPE_ALL_MULTICAST | NDIS_PACKET_TYPE_BROADCAST | \
                                     NDIS_PACKET_TYPE_PROMISCUOUS)

/* Adapter->Flags */
#define fMP_ADAPTER_INTERRUPT_IN_USE    0x00000001
#define fMP_ADAPTER_LOW_POWER           0x00000002
#define fMP_ADAPTER_RESET_IN_PROGRESS   0x00000004
#define fMP_ADAPTER_HALT_IN_PROGRESS    0x00000008
#define fMP_ADAPTER_HARDWARE_ERROR      0x00000010
#define fMP_ADAPTER_LINK_UP             0x00000020
#define fMP_ADAPTER_MSIX                0x00000040

#define MP_SET_FLAG(_A, _F)         ((_A)->Flags |= (_F))
#define MP_CLEAR_FLAG(_A, _F)       ((_A)->Flags &= ~(_F))
#define MP_TEST_FLAG(_A, _F)        (((_A)->Flags & (_F)) != 0)
#define MP_TEST_FLAGS(_A, _F)       (((_A)->Flags & (_F)) == (_F))

#define CT_READ(_A, _R)             ((_A)->Csr[(_R) >> 2])
#define CT_WRITE(_A, _R, _V)        ((_A)->Csr[(_R) >> 2] = (ULONG)(_V))

typedef enum _MP_ADAPTER_STATE {
    MpStateInitializing = 0,
    MpStatePaused,
    MpStateRestarting,
    MpStateRunning,
    MpStatePausing,
    MpStateHalting
} MP_ADAPTER_STATE;

typedef struct _CT_TX_SLOT {
    PNET_BUFFER_LIST        Nbl;
    ULONG                   Length;
} CT_TX_SLOT;

typedef struct _CT_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    NDIS_HANDLE             InterruptHandle;
    NDIS_HANDLE             NblPool;
    ULONG                   Flags;
    MP_ADAPTER_STATE        State;
    NDIS_DEVICE_POWER_STATE DevicePowerState;
    NDIS_INTERRUPT_TYPE     InterruptType;
    const CT_HW_OPS        *HwOps;

    /* PCI identity and resources */
    USHORT                  DeviceId;
    UCHAR                   RevisionId;
    PHYSICAL_ADDRESS        CsrPhysical;
    ULONG                   CsrLength;
    volatile ULONG         *Csr;
    ULONG                   InterruptVector;
    BOOLEAN                 InterruptIsMessage;

    /* ISR -> DPC */
    ULONG                   IcrCause;
    ULONG                   MessageCause[CT_MAX_MESSAGES];

    /* receive filter */
    ULONG                   PacketFilter;
    ULONG                   RctlShadow;
    ULONG                   McastCount;
    UCHAR                   McastList[CT_MAX_MCAST][6];
    UCHAR                   PermanentAddress[6];
    UCHAR                   CurrentAddress[6];
    ULONG                   Lookahead;
    ULONG                   WakeFlags;

    /* send path */
    NDIS_SPIN_LOCK          SendLock;
    CT_TX_SLOT              TxSlot[CT_TX_RING_SIZE];
    ULONG                   TxHead;
    ULONG                   TxTail;
    ULONG                   TxFree;
    LONG                    SendRefCount;
    PNET_BUFFER_LIST        SendWaitHead;
    PNET_BUFFER_LIST        SendWaitTail;

    /* receive path */
    NDIS_SPIN_LOCK          RecvLock;
    ULONG                   RxNext;
    LONG                    RxIndicatedCount;

    /* outstanding OID and statistics */
    PNDIS_OID_REQUEST       PendingRequest;
    ULONG64                 GoodTransmits;
    ULONG64                 GoodReceives;
    ULONG64                 TxErrors;
    ULONG64                 RxErrors;
    ULONG64                 RxNoBuffers;
    ULONG64                 LinkSpeed;
    ULONG                   HangChecks;
} CT_ADAPTER, *PCT_ADAPTER;

extern NDIS_HANDLE CtDriverHandle;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_UNLOAD CtUnload;
MINIPORT_SET_OPTIONS CtSetOptions;
MINIPORT_INITIALIZE CtInitializeEx;
MINIPORT_HALT CtHaltEx;
MINIPORT_PAUSE CtPause;
MINIPORT_RESTART CtRestart;
MINIPORT_OID_REQUEST CtOidRequest;
MINIPORT_CANCEL_OID_REQUEST CtCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS CtSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS CtReturnNetBufferLists;
MINIPORT_CANCEL_SEND CtCancelSend;
MINIPORT_CHECK_FOR_HANG CtCheckForHang;
MINIPORT_RESET CtReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY CtDevicePnPEvent;
MINIPORT_SHUTDOWN CtShutdownEx;

MINIPORT_ISR CtIsr;
MINIPORT_INTERRUPT_DPC CtDpc;
MINIPORT_ENABLE_INTERRUPT CtEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT CtDisableInterrupt;
MINIPORT_MESSAGE_INTERRUPT CtMessageIsr;
MINIPORT_MESSAGE_INTERRUPT_DPC CtMessageDpc;
MINIPORT_ENABLE_MESSAGE_INTERRUPT CtEnableMessageInterrupt;
MINIPORT_DISABLE_MESSAGE_INTERRUPT CtDisableMessageInterrupt;

MINIPORT_SYNCHRONIZE_INTERRUPT CtSyncMaskAll;
MINIPORT_SYNCHRONIZE_INTERRUPT CtSyncUnmaskAll;
MINIPORT_SYNCHRONIZE_INTERRUPT CtSyncWriteRctl;
MINIPORT_SYNCHRONIZE_INTERRUPT CtSyncWriteMta;

/* init.c */
NDIS_STATUS CtAcquireInterrupt(PCT_ADAPTER Adapter);
VOID CtReleaseInterrupt(PCT_ADAPTER Adapter);
NDIS_STATUS CtHwReset(PCT_ADAPTER Adapter);
VOID CtHwStart(PCT_ADAPTER Adapter);

/* interrupt.c */
VOID CtMaskInterrupts(PCT_ADAPTER Adapter);
VOID CtUnmaskInterrupts(PCT_ADAPTER Adapter);

/* hw.c */
VOID CtSetPacketFilter(PCT_ADAPTER Adapter, ULONG Filter);
VOID CtSetMulticastList(PCT_ADAPTER Adapter, PUCHAR List, ULONG Count);
VOID CtUpdateLinkState(PCT_ADAPTER Adapter);
ULONG CtComputeRctl(ULONG Filter);

/* power.c */
NDIS_STATUS CtSetPower(PCT_ADAPTER Adapter, NDIS_DEVICE_POWER_STATE NewState);

/* send.c */
VOID CtCompleteSends(PCT_ADAPTER Adapter, BOOLEAN AtDispatch);
VOID CtFlushWaitingSends(PCT_ADAPTER Adapter, NDIS_STATUS Status);
VOID CtIndicateReceives(PCT_ADAPTER Adapter);
