/*
 * Shared declarations of the case 116/117 driver: sys/driver.c (DriverEntry, unload),
 * sys/adapter.c (initialize, halt, state callbacks), sys/interrupt.c (ISR, DPC, synchronize
 * functions), sys/oid.c (OID requests, send path).
 */
#pragma once

#include <ndis.h>
#include "nichw.h"

#define NIC_TAG                 'dEoS'
#define NIC_NDIS_MAJOR          6
#define NIC_NDIS_MINOR          30

typedef struct _NIC_DEVICE {
    NDIS_HANDLE             MiniportHandle;
    NDIS_HANDLE             InterruptHandle;
    BOOLEAN                 InterruptConnected;
    BOOLEAN                 Initialized;
    volatile ULONG         *Csr;
    ULONG                   IcrCause;
    ULONG                   PacketFilter;
    NDIS_SPIN_LOCK          TxLock;
    ULONG64                 TxFrames;
    ULONG64                 RxFrames;
    ULONG                   HwGoodRx;
    ULONG                   HwGoodTx;
} NIC_DEVICE, *PNIC_DEVICE;

/* the SoC has exactly one of these: its context is static, not pool memory */
extern NIC_DEVICE NicDevice;
extern NDIS_HANDLE NicDriverHandle;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_UNLOAD MpDriverUnload;
MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;
MINIPORT_CANCEL_SEND MpCancelSend;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpDevicePnPEventNotify;
MINIPORT_SHUTDOWN MpShutdownEx;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpDpc;
MINIPORT_ENABLE_INTERRUPT MpEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT MpDisableInterrupt;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSyncEnable;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSyncDisable;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSyncWriteRctl;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSyncLatchCounters;

NDIS_STATUS NicConnectInterrupt(PNIC_DEVICE Device);
VOID NicLatchCounters(PNIC_DEVICE Device);
VOID NicSetPacketFilter(PNIC_DEVICE Device, ULONG Filter);
