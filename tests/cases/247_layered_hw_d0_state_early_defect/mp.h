/*
 * mp.h - miniport layer of the RW-300 PCI NIC driver (NDIS 6.0).  The driver is split the way
 * the WDK 7600 athwifi sample is: mp_*.c talk to NDIS, hw_*.c talk to the chip through a
 * separately allocated HW block that the adapter only holds a pointer to.
 */
#ifndef _MP_H
#define _MP_H

#include <ndis.h>
#include "hw_interface.h"

#define MP_MEMORY_TAG                   'wr3M'
#define MP_NDIS_MAJOR_VERSION           6
#define MP_NDIS_MINOR_VERSION           0
#define MP_MAX_MCAST                    16
#define MP_LINK_SPEED                   1000000000ULL

#define fMP_INIT_IN_PROGRESS            0x00000001
#define fMP_PAUSED                      0x00000002
#define fMP_HALT_IN_PROGRESS            0x00000004
#define fMP_RESET_IN_PROGRESS           0x00000008
#define fMP_SURPRISE_REMOVED            0x00000010
#define fMP_LOW_POWER                   0x00000020

#define MP_SET_FLAG(_M, _F)             ((_M)->Flags |= (_F))
#define MP_CLEAR_FLAG(_M, _F)           ((_M)->Flags &= ~(_F))
#define MP_TEST_FLAG(_M, _F)            (((_M)->Flags & (_F)) != 0)

#define MpEntry(_f)                     MpTrace(("==> %s\n", _f))
#define MpExit(_f)                      MpTrace(("<== %s\n", _f))
#if DBG
#define MpTrace(_x)                     DbgPrint _x
#else
#define MpTrace(_x)
#endif

struct _ADAPTER {
    NDIS_HANDLE             MiniportAdapterHandle;
    ULONG                   Flags;
    PHW                     Hw;
    NDIS_SPIN_LOCK          Lock;
    ULONG                   PacketFilter;
    NDIS_DEVICE_POWER_STATE DevicePowerState;
    UCHAR                   CurrentAddress[ETH_LENGTH_OF_ADDRESS];
    ULONG64                 TotalTransmits;
    ULONG                   SendsFailed;
    NDIS_MEDIA_CONNECT_STATE MediaConnectState;
};

extern NDIS_HANDLE GlobalDriverHandle;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath);
NDIS_STATUS MPInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters);
VOID MPHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction);
VOID MPDriverUnload(PDRIVER_OBJECT DriverObject);
NDIS_STATUS MPPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS MiniportPauseParameters);
NDIS_STATUS MPRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS MiniportRestartParameters);
NDIS_STATUS MPOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST NdisRequest);
VOID MPCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId);
VOID MPSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags);
VOID MPReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags);
VOID MPCancelSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId);
BOOLEAN MPCheckForHang(NDIS_HANDLE MiniportAdapterContext);
NDIS_STATUS MPReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset);
VOID MPDevicePnPEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent);
VOID MPShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction);

#endif // _MP_H
