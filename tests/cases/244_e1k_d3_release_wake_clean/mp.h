/*
 * mp.h - E1K Fast Ethernet NDIS 6.0 miniport: adapter block, flags, prototypes.
 *
 * Written in the style of the WDK 6000/7600 samples: no role type declarations, plain
 * prototypes, handlers found only from the characteristics filled in DriverEntry, and all
 * adapter state in one ULONG Flags word driven through MP_SET_FLAG / MP_CLEAR_FLAG /
 * MP_TEST_FLAG.
 */
#ifndef _MP_H
#define _MP_H

#include <ndis.h>

#define NIC_TAG                         ((ULONG)'K1EN')
#define MP_NDIS_MAJOR_VERSION           6
#define MP_NDIS_MINOR_VERSION           0

#define NIC_MAX_RFDS                    64
#define NIC_RX_BUFFER_SIZE              1536
#define NIC_MAX_MCAST_LIST              32
#define NIC_MEDIA_MAX_SPEED             100000000
#define NIC_MAX_XMIT_WAIT               100     // times NIC_DELAY_POLL microseconds
#define NIC_DELAY_POLL                  10      // microseconds
#define NIC_DELAY_POST_RESET            20      // microseconds
#define NIC_CSR_WINDOW                  sizeof(HW_CSR)

//
// Control/status registers, memory mapped from BAR 0
//
typedef struct _HW_CSR {
    volatile ULONG  IntStatus;          // write 1 to clear
    volatile ULONG  IntMask;            // 1 = enabled
    volatile ULONG  Command;
    volatile ULONG  Status;
    volatile ULONG  RxFilter;
    volatile ULONG  RxRingBase;
    volatile ULONG  RxTail;
    volatile ULONG  TxTail;
    volatile ULONG  PmControl;
    volatile ULONG  WakeFilter;
    volatile ULONG  WakeStatus;
    volatile ULONG  Eeprom;
    volatile ULONG  SelfTest;
} HW_CSR, *PHW_CSR;

#define NIC_INT_RX                      0x00000001
#define NIC_INT_TX                      0x00000002
#define NIC_INT_LINK                    0x00000004
#define NIC_INT_RX_OVERRUN              0x00000008
#define NIC_INT_ALL                     (NIC_INT_RX | NIC_INT_TX | NIC_INT_LINK | NIC_INT_RX_OVERRUN)

#define NIC_CMD_SOFT_RESET              0x00000001
#define NIC_CMD_SELECTIVE_RESET         0x00000002
#define NIC_CMD_CU_START                0x00000010
#define NIC_CMD_RU_START                0x00000020
#define NIC_CMD_RU_ABORT                0x00000040

#define NIC_STATUS_RESET_BUSY           0x00000001
#define NIC_STATUS_RU_READY             0x00000002
#define NIC_STATUS_CU_ACTIVE            0x00000004
#define NIC_STATUS_LINK_UP              0x00000100

#define NIC_SELFTEST_PASSED             0x0000A5A5

#define NIC_PM_PME_ENABLE               0x00000001
#define NIC_PM_MAGIC_PACKET             0x00000002
#define NIC_PM_D3                       0x00000100
#define NIC_WAKE_LINK_CHANGE            0x00000001
#define NIC_WAKE_MAGIC                  0x00000002
#define NIC_WAKE_PATTERN                0x00000004

//
// Adapter flags
//
#define fMP_ADAPTER_MAP_REGISTERS       0x00000001
#define fMP_ADAPTER_RECV_MEMORY         0x00000002
#define fMP_ADAPTER_INTERRUPT_IN_USE    0x00000004
#define fMP_ADAPTER_HW_STARTED          0x00000008
#define fMP_ADAPTER_LINK_UP             0x00000010
#define fMP_ADAPTER_PAUSING             0x00000020
#define fMP_ADAPTER_PAUSED              0x00000040
#define fMP_ADAPTER_RESET_IN_PROGRESS   0x00100000
#define fMP_ADAPTER_HALT_IN_PROGRESS    0x00200000
#define fMP_ADAPTER_HARDWARE_ERROR      0x00400000
#define fMP_ADAPTER_LOW_POWER           0x00800000
#define fMP_ADAPTER_SURPRISE_REMOVED    0x01000000

#define fMP_ADAPTER_NOT_READY_MASK      (fMP_ADAPTER_RESET_IN_PROGRESS | \
                                         fMP_ADAPTER_HALT_IN_PROGRESS | \
                                         fMP_ADAPTER_HARDWARE_ERROR | \
                                         fMP_ADAPTER_LOW_POWER | \
                                         fMP_ADAPTER_SURPRISE_REMOVED | \
                                         fMP_ADAPTER_PAUSED)

#define MP_SET_FLAG(_M, _F)             ((_M)->Flags |= (_F))
#define MP_CLEAR_FLAG(_M, _F)           ((_M)->Flags &= ~(_F))
#define MP_TEST_FLAG(_M, _F)            (((_M)->Flags & (_F)) != 0)
#define MP_TEST_FLAGS(_M, _F)           (((_M)->Flags & (_F)) == (_F))
#define MP_IS_NOT_READY(_M)             MP_TEST_FLAG(_M, fMP_ADAPTER_NOT_READY_MASK)

#if DBG
#define MP_LOUD                         4
#define MP_INFO                         3
#define MP_TRACE                        2
#define MP_WARN                         1
#define MP_ERROR                        0
extern ULONG MPDebugLevel;
#define DBGPRINT(Level, Fmt)            { if ((Level) <= MPDebugLevel) { DbgPrint Fmt; } }
#else
#define DBGPRINT(Level, Fmt)
#endif

typedef struct _MP_RFD {
    ULONG                   Status;     // written by the chip
    ULONG                   Length;
    ULONG                   BufferPhys;
    ULONG                   Reserved;
} MP_RFD, *PMP_RFD;

#define NIC_RFD_COMPLETE                0x8000

typedef struct _MP_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    NDIS_HANDLE             NdisInterruptHandle;
    ULONG                   Flags;

    PHW_CSR                 CSRAddress;
    NDIS_PHYSICAL_ADDRESS   MemPhysAddress;
    ULONG                   InterruptLevel;

    // latched by MPIsr, consumed by MPHandleInterrupt under the interrupt lock
    ULONG                   IsrEvents;

    UCHAR                   PermanentAddress[ETH_LENGTH_OF_ADDRESS];
    UCHAR                   CurrentAddress[ETH_LENGTH_OF_ADDRESS];
    ULONG                   PacketFilter;
    ULONG                   MCAddressCount;
    UCHAR                   MCList[NIC_MAX_MCAST_LIST][ETH_LENGTH_OF_ADDRESS];

    NDIS_SPIN_LOCK          Lock;
    NDIS_SPIN_LOCK          SendLock;
    NDIS_SPIN_LOCK          RcvLock;

    PMP_RFD                 RfdRing;
    NDIS_PHYSICAL_ADDRESS   RfdRingPhys;
    ULONG                   RfdRingSize;
    ULONG                   NextRfd;

    NDIS_DEVICE_POWER_STATE CurrentPowerState;
    ULONG                   WakeUpEnable;

    ULONG64                 GoodTransmits;
    ULONG64                 GoodReceives;
    ULONG64                 RcvOverruns;
    ULONG                   HangCheckTicks;
    ULONG                   LastTxTail;
} MP_ADAPTER, *PMP_ADAPTER;

typedef struct _MP_ISR_SNAPSHOT {
    PMP_ADAPTER             Adapter;
    ULONG                   Events;
} MP_ISR_SNAPSHOT, *PMP_ISR_SNAPSHOT;

extern NDIS_HANDLE NdisMiniportDriverHandle;

//
// mp_main.c
//
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath);
NDIS_STATUS MPInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters);
VOID MPHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction);
VOID MPUnload(PDRIVER_OBJECT DriverObject);
NDIS_STATUS MPPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS MiniportPauseParameters);
NDIS_STATUS MPRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS MiniportRestartParameters);
VOID MPSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags);
VOID MPReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags);
VOID MPCancelSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId);
BOOLEAN MPCheckForHang(NDIS_HANDLE MiniportAdapterContext);
NDIS_STATUS MPReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset);
VOID MPPnPEventNotify(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent);
VOID MPShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction);

//
// mp_req.c
//
NDIS_STATUS MPOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST NdisRequest);
VOID MPCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId);

//
// mp_nic.c
//
BOOLEAN MPIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors);
VOID MPHandleInterrupt(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PULONG NdisReserved1, PULONG NdisReserved2);
VOID MPEnableInterrupt(NDIS_HANDLE MiniportInterruptContext);
VOID MPDisableInterrupt(NDIS_HANDLE MiniportInterruptContext);
BOOLEAN NICEnableInterruptSync(NDIS_HANDLE SynchronizeContext);
BOOLEAN NICDisableInterruptSync(NDIS_HANDLE SynchronizeContext);
BOOLEAN NICSetPacketFilterSync(NDIS_HANDLE SynchronizeContext);
BOOLEAN NICSetPowerLowSync(NDIS_HANDLE SynchronizeContext);
BOOLEAN NICSetPowerD0Sync(NDIS_HANDLE SynchronizeContext);
BOOLEAN NICArmWakeSync(NDIS_HANDLE SynchronizeContext);
NDIS_STATUS MpRegisterInterrupt(PMP_ADAPTER Adapter);
VOID MpDeregisterInterrupt(PMP_ADAPTER Adapter);
NDIS_STATUS MpAllocAdapterBlock(PMP_ADAPTER *pAdapter, NDIS_HANDLE MiniportAdapterHandle);
VOID MpFreeAdapter(PMP_ADAPTER Adapter);
NDIS_STATUS MpFindAdapter(PMP_ADAPTER Adapter, PNDIS_RESOURCE_LIST AllocatedResources);
NDIS_STATUS NICReadAdapterInfo(PMP_ADAPTER Adapter);
NDIS_STATUS MpAllocRecvMemory(PMP_ADAPTER Adapter);
NDIS_STATUS NICInitializeAdapter(PMP_ADAPTER Adapter);
VOID NICIssueFullReset(PMP_ADAPTER Adapter);
VOID NICDisableInterrupt(PMP_ADAPTER Adapter);
VOID NICEnableInterrupt(PMP_ADAPTER Adapter);
BOOLEAN NICCheckLink(PMP_ADAPTER Adapter);

#endif // _MP_H
