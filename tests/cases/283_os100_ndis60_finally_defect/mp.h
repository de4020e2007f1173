/*
 * mp.h - Osprey OS-100 NDIS 6.0 miniport: adapter block, flags, locks and prototypes.
 *
 * Case 283_os100_ndis60_finally_defect: case 282 with three defects:
 *   - MpLinkDetectionTimer tests only LOW_POWER before it synchronizes and HALT_IN_PROGRESS only
 *     after (to decide on re-arming): halt deregisters before it cancels the timer, so a tick
 *     that fires in between synchronizes with a deregistered interrupt (NdisMDeregisterInterruptEx);
 *   - the send DPC's underrun recovery calls MpResetTxRing, which takes SendLock itself, while
 *     the DPC holds it (NdisSpinLock: the acquire, and MpHandleSendInterrupt's release of the
 *     lock MpResetTxRing already dropped);
 *   - A-step parts get PhyResetDelay = 400 us, stalled in NICPhyReset (NdisStallExecution_Delay,
 *     the value flows from initialize through the adapter block).
 *
 * The rest as case 282: an NDIS 6.0-era vendor miniport (e100bex lineage) over six
 * .c files and three headers.  No role typedefs: plain prototypes, handlers stored in
 * MPChar.X = MPX; the 6.0 DPC prototype (PULONG NdisReserved1/2).  One ULONG Flags word through
 * MP_SET_FLAG/MP_CLEAR_FLAG/MP_TEST_FLAG (MP_IS_NOT_READY for the send path); the adapter
 * block comes from NdisAllocateMemoryWithTagPriority through an out parameter and carries a
 * reference count of its own (initialize's reference, one per armed link-detection timer tick),
 * dropped to zero in halt, which waits on ExitEvent.  MPInitializeEx unwinds in __try/__finally
 * (MpFreeAdapter deregisters while fMP_ADAPTER_INTERRUPT_IN_USE is set).  Line-based interrupt;
 * D3 gives it back and D0 registers it again (fMP_ADAPTER_LOW_POWER while it is away).
 * Locks: Adapter->Lock (reset, pause), SendLock and RcvLock through MP_ACQUIRE_SPIN_LOCK with a
 * DispatchLevel argument; the receive DPC drops RcvLock around each indication.  The link
 * detection timer tests HALT_IN_PROGRESS and LOW_POWER before it synchronizes (halt deregisters,
 * then cancels the timer).  PHY reset stalls Adapter->PhyResetDelay (40 or 20 us), chosen in
 * initialize from the PCI revision.
 */

#ifndef _MP_H
#define _MP_H

#include <ndis.h>
#include "mp_dbg.h"
#include "mp_hw.h"

#define MP_NDIS_MAJOR_VERSION       6
#define MP_NDIS_MINOR_VERSION       0
#define MP_MAJOR_DRIVER_VERSION     2
#define MP_MINOR_DRIVER_VERSION     7
#define NIC_TAG                     ((ULONG)'001O')
#define NIC_VENDOR_DESC             "Osprey"

#define NIC_MAX_TCBS                64
#define NIC_MAX_RFDS                128
#define NIC_MIN_RFDS                16
#define NIC_MAX_MCAST_LIST          32
#define NIC_MAX_RECV_PER_DPC        48          // receive budget per DPC
#define NIC_BUFFER_SIZE             1520
#define NIC_MAX_PACKET_SIZE         1514
#define NIC_HEADER_SIZE             14
#define NIC_MEDIA_MAX_SPEED         100000000ULL
#define NIC_LINK_DETECTION_DELAY_MS 1000
#define NIC_LINK_DETECTION_TRIES    8
#define NIC_SUPPORTED_FILTERS       (NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST | \
                                     NDIS_PACKET_TYPE_BROADCAST | NDIS_PACKET_TYPE_PROMISCUOUS | \
                                     NDIS_PACKET_TYPE_ALL_MULTICAST)

//
// Adapter flags.
//
#define fMP_ADAPTER_SCATTER_GATHER          0x00000001
#define fMP_ADAPTER_MAP_REGISTER            0x00000002
#define fMP_ADAPTER_RECV_LOOKASIDE          0x00000004
#define fMP_ADAPTER_INTERRUPT_IN_USE        0x00000008
#define fMP_ADAPTER_LINK_DETECTION          0x00000010
#define fMP_ADAPTER_RESET_IN_PROGRESS       0x00100000
#define fMP_ADAPTER_NO_CABLE                0x00200000
#define fMP_ADAPTER_HARDWARE_ERROR          0x00400000
#define fMP_ADAPTER_REMOVE_IN_PROGRESS      0x00800000
#define fMP_ADAPTER_HALT_IN_PROGRESS        0x01000000
#define fMP_ADAPTER_LOW_POWER               0x02000000
#define fMP_ADAPTER_PAUSING                 0x04000000
#define fMP_ADAPTER_PAUSED                  0x08000000

#define fMP_ADAPTER_NOT_READY_MASK          0x0FF00000

#define MP_SET_FLAG(_M, _F)         ((_M)->Flags |= (_F))
#define MP_CLEAR_FLAG(_M, _F)       ((_M)->Flags &= ~(_F))
#define MP_TEST_FLAG(_M, _F)        (((_M)->Flags & (_F)) != 0)
#define MP_TEST_FLAGS(_M, _F)       (((_M)->Flags & (_F)) == (_F))
#define MP_IS_NOT_READY(_M)         (((_M)->Flags & fMP_ADAPTER_NOT_READY_MASK) != 0)
#define MP_IS_READY(_M)             (((_M)->Flags & fMP_ADAPTER_NOT_READY_MASK) == 0)

//
// Reference count on the adapter block: halt waits for it to reach zero.
//
#define MP_INC_REF(_A)              NdisInterlockedIncrement(&(_A)->RefCount)
#define MP_DEC_REF(_A)                                          \
{                                                               \
    ASSERT((_A)->RefCount > 0);                                 \
    if (NdisInterlockedDecrement(&(_A)->RefCount) == 0)         \
        NdisSetEvent(&(_A)->ExitEvent);                         \
}
#define MP_GET_REF(_A)              ((_A)->RefCount)

#define MP_INC_RCV_REF(_A)          ((_A)->RcvRefCount++)
#define MP_DEC_RCV_REF(_A)          ((_A)->RcvRefCount--)

//
// Spin locks: the caller says whether it already runs at DISPATCH_LEVEL.
//
#define MP_ACQUIRE_SPIN_LOCK(_Lock, DispatchLevel)              \
{                                                               \
    if (DispatchLevel)                                          \
    {                                                           \
        NdisDprAcquireSpinLock(_Lock);                          \
    }                                                           \
    else                                                        \
    {                                                           \
        NdisAcquireSpinLock(_Lock);                             \
    }                                                           \
}

#define MP_RELEASE_SPIN_LOCK(_Lock, DispatchLevel)              \
{                                                               \
    if (DispatchLevel)                                          \
    {                                                           \
        NdisDprReleaseSpinLock(_Lock);                          \
    }                                                           \
    else                                                        \
    {                                                           \
        NdisReleaseSpinLock(_Lock);                             \
    }                                                           \
}

#define NIC_READ_STATUS(_A, _pV)    NdisReadRegisterUshort(&(_A)->CSRAddress->ScbStatus, (_pV))
#define NIC_WRITE_STATUS(_A, _V)    NdisWriteRegisterUshort(&(_A)->CSRAddress->ScbStatus, (_V))
#define NIC_WRITE_CMD(_A, _V)       NdisWriteRegisterUchar(&(_A)->CSRAddress->ScbCommandLow, (_V))
#define NIC_WRITE_INTCTL(_A, _V)    NdisWriteRegisterUchar(&(_A)->CSRAddress->ScbCommandHigh, (_V))

//
// Software transmit control block and receive frame descriptor.
//
typedef struct _MP_TCB {
    struct _MP_TCB     *Next;
    PHW_TCB             HwTcb;
    ULONG               HwTcbPhys;
    PNET_BUFFER_LIST    NetBufferList;
    ULONG               Length;
} MP_TCB, *PMP_TCB;

typedef struct _MP_RFD {
    struct _MP_RFD     *Next;
    PHW_RFD             HwRfd;
    ULONG               HwRfdPhys;
    PNET_BUFFER_LIST    NetBufferList;
    PMDL                Mdl;
    PUCHAR              Buffer;
} MP_RFD, *PMP_RFD;

typedef struct _MP_LINK_CONTEXT {
    struct _MP_ADAPTER *Adapter;
    USHORT              ScbStatus;
    BOOLEAN             LinkUp;
} MP_LINK_CONTEXT, *PMP_LINK_CONTEXT;

typedef struct _MP_ADAPTER {
    NDIS_HANDLE         AdapterHandle;
    ULONG               Flags;
    LONG                RefCount;
    NDIS_EVENT          ExitEvent;

    // PCI
    USHORT              VendorId;
    USHORT              DeviceId;
    UCHAR               RevsionID;
    USHORT              SubVendorID;
    USHORT              SubSystemID;

    // hardware
    NDIS_PHYSICAL_ADDRESS MemPhysAddress;
    PHW_CSR             CSRAddress;
    UCHAR               PermanentAddress[ETH_LENGTH_OF_ADDRESS];
    UCHAR               CurrentAddress[ETH_LENGTH_OF_ADDRESS];
    BOOLEAN             bOverrideAddress;
    ULONG               PhyAddress;
    ULONG               PhyResetDelay;          // us, per silicon step (<= 50)
    USHORT              LastScbStatus;

    // interrupt
    NDIS_HANDLE         NdisInterruptHandle;
    USHORT              IntStatus;              // ISR -> DPC
    ULONG               InterruptCount;

    // locks
    NDIS_SPIN_LOCK      Lock;                   // Flags updates from reset and pause
    NDIS_SPIN_LOCK      SendLock;
    NDIS_SPIN_LOCK      RcvLock;

    // send
    PUCHAR              TcbMem;
    NDIS_PHYSICAL_ADDRESS TcbMemPhys;
    ULONG               TcbMemLength;
    MP_TCB              Tcb[NIC_MAX_TCBS];
    PMP_TCB             CurrSendHead;
    PMP_TCB             CurrSendTail;
    PMP_TCB             TcbFreeList;
    ULONG               nBusySend;
    PNET_BUFFER_LIST    SendWaitHead;
    PNET_BUFFER_LIST    SendWaitTail;
    ULONG               nWaitSend;
    ULONG               TxUnderruns;

    // receive
    NDIS_HANDLE         RecvNblPoolHandle;
    PUCHAR              RfdMem;
    NDIS_PHYSICAL_ADDRESS RfdMemPhys;
    ULONG               RfdMemLength;
    MP_RFD              Rfd[NIC_MAX_RFDS];
    ULONG               NumRfd;
    PMP_RFD             RecvListHead;
    PMP_RFD             RecvListTail;
    PMP_RFD             RfdFreeList;
    ULONG               nReadyRecv;
    LONG                RcvRefCount;
    ULONG               MaxRecvPerDpc;

    // timers
    NDIS_HANDLE         LinkDetectionTimer;
    ULONG               LinkDetectionTries;

    // OID state
    ULONG               PacketFilter;
    ULONG               OldPacketFilter;
    ULONG               MCAddressCount;
    UCHAR               MCList[NIC_MAX_MCAST_LIST][ETH_LENGTH_OF_ADDRESS];
    ULONG               ulLookAhead;
    NDIS_MEDIA_CONNECT_STATE MediaState;
    NDIS_MEDIA_DUPLEX_STATE  MediaDuplexState;
    ULONG64             LinkSpeed;
    NDIS_DEVICE_POWER_STATE  CurrentPowerState;
    NDIS_DEVICE_POWER_STATE  NextPowerState;
    ULONG               WakeUpEnable;

    // pause: completed from the send DPC once nBusySend drains
    BOOLEAN             PausePending;

    // statistics
    ULONG64             GoodTransmits;
    ULONG64             GoodReceives;
    ULONG64             RcvCrcErrors;
    ULONG64             RcvResourceErrors;
    ULONG64             TxAbortExcessCollisions;
} MP_ADAPTER, *PMP_ADAPTER;

extern NDIS_HANDLE NdisMiniportDriverHandle;

//
// mp_main.c (no role typedefs: the handlers are found through MPChar below)
//
NTSTATUS    DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath);
NDIS_STATUS MPSetOptions(NDIS_HANDLE NdisMiniportDriverHandle, NDIS_HANDLE MiniportDriverContext);
NDIS_STATUS MPInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
                           PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters);
VOID        MPHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction);
VOID        MPUnload(PDRIVER_OBJECT DriverObject);
NDIS_STATUS MPPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS MiniportPauseParameters);
NDIS_STATUS MPRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS MiniportRestartParameters);
VOID        MPShutdownEx(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction);
VOID        MPDevicePnPEventNotify(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent);
NDIS_STATUS MPResetEx(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset);
BOOLEAN     MPCheckForHangEx(NDIS_HANDLE MiniportAdapterContext);
VOID        MpLinkDetectionTimer(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3);
VOID        MpFreeAdapter(PMP_ADAPTER Adapter);

//
// mp_int.c
//
BOOLEAN     MPIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueMiniportHandleInterrupt, PULONG TargetProcessors);
VOID        MPHandleInterrupt(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext,
                              PULONG NdisReserved1, PULONG NdisReserved2);
VOID        MPEnableInterrupt(NDIS_HANDLE MiniportInterruptContext);
VOID        MPDisableInterrupt(NDIS_HANDLE MiniportInterruptContext);
BOOLEAN     MpDisableInterruptSync(PVOID SynchronizeContext);
BOOLEAN     MpEnableInterruptSync(PVOID SynchronizeContext);
BOOLEAN     MpSetPacketFilterSync(PVOID SynchronizeContext);
BOOLEAN     MpReadLinkStatusSync(PVOID SynchronizeContext);
NDIS_STATUS MpRegisterInterrupt(PMP_ADAPTER Adapter);
VOID        MpDeregisterInterrupt(PMP_ADAPTER Adapter);

//
// mp_req.c
//
NDIS_STATUS MPOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST NdisRequest);
VOID        MPCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId);
VOID        MpIndicateLinkStatus(PMP_ADAPTER Adapter);

//
// mp_send.c
//
VOID        MPSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferList,
                                 NDIS_PORT_NUMBER PortNumber, ULONG SendFlags);
VOID        MPCancelSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId);
NDIS_STATUS MpInitSend(PMP_ADAPTER Adapter);
VOID        MpFreeSend(PMP_ADAPTER Adapter);
VOID        MpHandleSendInterrupt(PMP_ADAPTER Adapter);
VOID        MpFreeBusySendNetBufferLists(PMP_ADAPTER Adapter);
VOID        MpFreeQueuedSendNetBufferLists(PMP_ADAPTER Adapter, NDIS_STATUS CompletionStatus, BOOLEAN DispatchLevel);
VOID        MpResetTxRing(PMP_ADAPTER Adapter);
VOID        MpResetTxRingLocked(PMP_ADAPTER Adapter);

//
// mp_recv.c
//
VOID        MPReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags);
NDIS_STATUS NICInitRecv(PMP_ADAPTER Adapter);
VOID        NICFreeRecv(PMP_ADAPTER Adapter);
VOID        MpHandleRecvInterrupt(PMP_ADAPTER Adapter);
VOID        NICResetRecv(PMP_ADAPTER Adapter);

#endif  // _MP_H
