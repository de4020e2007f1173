/*
 * lkmp.h - shared definitions for the LK PCI Ethernet miniport (NDIS 6.20).
 */
#ifndef _LK_H_
#define _LK_H_

#include <ndis.h>

#define LK_POOL_TAG              ((ULONG)'kLpM')
#define LK_NDIS_MAJOR            6
#define LK_NDIS_MINOR            20
#define LK_DRIVER_MAJOR          2
#define LK_DRIVER_MINOR          7
#define LK_MAX_FRAME             1514
#define LK_HEADER_SIZE           14
#define LK_MAX_LOOKAHEAD         (LK_MAX_FRAME - LK_HEADER_SIZE)
#define LK_MAX_MCAST             32
#define LK_LINK_SPEED            1000000000ULL
#define LK_XMIT_SLOTS            64
#define LK_RECV_SLOTS            128
#define LK_RECV_BATCH            16
#define LK_VENDOR_ID             0x00A0C9
#define LK_CSR_LENGTH            0x1000
#define LK_MAC_LENGTH            6

/* device registers (offsets from the memory BAR) */
#define REG_CTRL        0x0000
#define REG_STATUS      0x0008
#define REG_EECD        0x0010
#define REG_MDIC        0x0020
#define REG_ITR         0x00C4
#define REG_ICR         0x00C0
#define REG_IMS         0x00D0
#define REG_IMC         0x00D8
#define REG_RCTL        0x0100
#define REG_TCTL        0x0400
#define REG_TDT         0x3818
#define REG_RDT         0x2818
#define REG_RDH         0x2810
#define REG_MTA         0x5200
#define REG_RAL0        0x5400
#define REG_RAH0        0x5404

#define CTRL_RST        0x04000000
#define CTRL_SLU        0x00000040
#define STATUS_LU       0x00000002
#define ICR_TXDW        0x00000001
#define ICR_LSC         0x00000004
#define ICR_RXO         0x00000040
#define ICR_RXT0        0x00000080
#define ICR_ASSERTED    0x80000000
#define IMS_ENABLE_MASK (ICR_TXDW | ICR_LSC | ICR_RXO | ICR_RXT0)
#define RCTL_EN         0x00000002
#define RCTL_UPE        0x00000008
#define RCTL_MPE        0x00000010
#define RCTL_BAM        0x00008000
#define TCTL_EN         0x00000002
#define EECD_SK         0x00000001
#define EECD_CS         0x00000002
#define EECD_DI         0x00000004
#define EECD_DO         0x00000008
#define MDIC_READY      0x10000000
#define MDIC_ERROR      0x40000000
#define MDIC_OP_READ    0x08000000
#define MDIC_OP_WRITE   0x04000000

#define EEPROM_READ_OPCODE  0x6
#define EEPROM_ADDR_BITS    6
#define EEPROM_WORD_BITS    16

/* adapter flags word */
#define fMP_INIT_DONE             0x00000001
#define fMP_INTERRUPT_IN_USE      0x00000002
#define fMP_RESET_IN_PROGRESS     0x00000004
#define fMP_HALT_IN_PROGRESS      0x00000008
#define fMP_SURPRISE_REMOVED      0x00000010
#define fMP_HARDWARE_ERROR        0x00000020
#define fMP_LINK_UP               0x00000040
#define fMP_LOW_POWER             0x00000080
#define fMP_LINK_WORK_QUEUED      0x00000100

#define MP_SET_FLAG(_A, _F)       ((_A)->Flags |= (_F))
#define MP_CLEAR_FLAG(_A, _F)     ((_A)->Flags &= ~(_F))
#define MP_TEST_FLAG(_A, _F)      (((_A)->Flags & (_F)) != 0)
#define MP_TEST_FLAGS(_A, _F)     (((_A)->Flags & (_F)) == (_F))

typedef enum _LK_STATE {
    LKStateStopped = 0,
    LKStateInitializing,
    LKStatePaused,
    LKStateRestarting,
    LKStateRunning,
    LKStatePausing,
    LKStateHalting
} LK_STATE;

typedef struct _LK_STATS {
    ULONG64 GoodTransmits;
    ULONG64 GoodReceives;
    ULONG64 TxErrors;
    ULONG64 RxErrors;
    ULONG64 RxNoBuffer;
} LK_STATS, *PLK_STATS;

typedef struct _LK_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    NDIS_HANDLE             InterruptHandle;
    ULONG                   Flags;
    LK_STATE               State;

    NDIS_SPIN_LOCK          Lock;
    NDIS_SPIN_LOCK          SendLock;
    NDIS_SPIN_LOCK          RecvLock;

    /* send queue, protected by SendLock */
    PNET_BUFFER_LIST        SendHead;
    PNET_BUFFER_LIST        SendTail;
    ULONG                   SendQueued;
    ULONG                   TxNextToClean;
    ULONG                   TxNextToUse;

    /* receive ring, protected by RecvLock */
    PNET_BUFFER_LIST        RxNbl[LK_RECV_SLOTS];
    ULONG                   RxNextToCheck;
    ULONG                   RxOutstanding;

    /* hardware */
    PUCHAR                  CsrBase;
    NDIS_PHYSICAL_ADDRESS   CsrPhysical;
    ULONG                   CsrLength;
    USHORT                  DeviceId;
    UCHAR                   RevisionId;
    ULONG                   IsrStatus;
    ULONG                   InterruptMask;
    ULONG                   Itr;

    /* configuration */
    UCHAR                   PermanentAddress[LK_MAC_LENGTH];
    UCHAR                   CurrentAddress[LK_MAC_LENGTH];
    ULONG                   PacketFilter;
    ULONG                   LookAhead;
    ULONG                   MulticastCount;
    UCHAR                   MulticastList[LK_MAX_MCAST][LK_MAC_LENGTH];
    ULONG                   SpeedDuplex;
    ULONG64                 LinkSpeed;
    BOOLEAN                 LinkUp;
    NDIS_DEVICE_POWER_STATE PowerState;

    LK_STATS               Stats;

    NDIS_HANDLE             LinkWorkItem;
    NDIS_EVENT              LinkWorkIdle;
    ULONG                   PhyStatus;
} LK_ADAPTER, *PLK_ADAPTER;

/* driver.c */
DRIVER_INITIALIZE                   DriverEntry;
MINIPORT_SET_OPTIONS                LkSetOptions;
MINIPORT_INITIALIZE                 LkInitializeEx;
MINIPORT_HALT                       LkHaltEx;
MINIPORT_UNLOAD                     LkDriverUnload;
MINIPORT_PAUSE                      LkPause;
MINIPORT_RESTART                    LkRestart;
MINIPORT_OID_REQUEST                LkOidRequest;
MINIPORT_CANCEL_OID_REQUEST         LkCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS      LkSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS    LkReturnNetBufferLists;
MINIPORT_CANCEL_SEND                LkCancelSend;
MINIPORT_CHECK_FOR_HANG             LkCheckForHang;
MINIPORT_RESET                      LkReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY    LkDevicePnpEvent;
MINIPORT_SHUTDOWN                   LkShutdown;
MINIPORT_ISR                        LkIsr;
MINIPORT_INTERRUPT_DPC              LkDpc;
MINIPORT_ENABLE_INTERRUPT           LkEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT          LkDisableInterrupt;
MINIPORT_SYNCHRONIZE_INTERRUPT      LkEnableInterruptSync;
MINIPORT_SYNCHRONIZE_INTERRUPT      LkDisableInterruptSync;
NDIS_IO_WORKITEM_FUNCTION           LkLinkWorkItem;

/* hw.c */
ULONG       LkReadCsr(PLK_ADAPTER Adapter, ULONG Register);
VOID        LkWriteCsr(PLK_ADAPTER Adapter, ULONG Register, ULONG Value);
NDIS_STATUS LkReadRegistryParameters(PLK_ADAPTER Adapter);
NDIS_STATUS LkFindHardware(PLK_ADAPTER Adapter, PNDIS_RESOURCE_LIST Resources);
NDIS_STATUS LkInitializeHardware(PLK_ADAPTER Adapter);
VOID        LkResetHardware(PLK_ADAPTER Adapter);
VOID        LkSetPacketFilterHw(PLK_ADAPTER Adapter, ULONG Filter);
VOID        LkSetMulticastHw(PLK_ADAPTER Adapter);
USHORT      LkEepromReadWord(PLK_ADAPTER Adapter, USHORT Offset);
NDIS_STATUS LkPhyRead(PLK_ADAPTER Adapter, ULONG Reg, PUSHORT Value);
VOID        LkFreeAdapter(PLK_ADAPTER Adapter);
VOID        LkUpdateLinkState(PLK_ADAPTER Adapter, BOOLEAN Indicate);

/* datapath.c */
BOOLEAN     LkEnableInterruptSync(NDIS_HANDLE SynchronizeContext);
BOOLEAN     LkDisableInterruptSync(NDIS_HANDLE SynchronizeContext);
VOID        LkFlushSendQueue(PLK_ADAPTER Adapter, NDIS_STATUS CompletionStatus);
VOID        LkProcessReceives(PLK_ADAPTER Adapter);
VOID        LkCompleteSends(PLK_ADAPTER Adapter);

/* oid.c */
NDIS_STATUS LkQueryInformation(PLK_ADAPTER Adapter, PNDIS_OID_REQUEST Request);
NDIS_STATUS LkSetInformation(PLK_ADAPTER Adapter, PNDIS_OID_REQUEST Request);

#endif /* _LK_H_ */
