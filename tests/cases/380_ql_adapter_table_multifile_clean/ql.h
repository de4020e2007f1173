/*
 * Case 380_ql_adapter_table_multifile_clean: a whole QL-10 miniport in five .c files and one shared
 * header (driver.c, adapter.c, interrupt.c, oid.c, hw.c).  The interrupt handle of adapter N lives
 * in the global QlInterruptTable[N] (N = Adapter->Number, a slot claimed with
 * InterlockedCompareExchangePointer); QlDisconnectInterrupt(N) masks and deregisters only a non-NULL
 * handle and NULLs it first; QlSyncHw(N, ...) synchronizes only with a non-NULL one.  Surprise
 * removal disconnects; halt quiesces (skipped when removed) and disconnects again (a no-op then);
 * init's reset failure disconnects.  Both adapter.c and interrupt.c have a `static` QlTrace with
 * different parameters.  C that must parse: `#pragma alloc_text(INIT/PAGE, ...)` under ALLOC_PRAGMA,
 * PAGED_CODE(), _Use_decl_annotations_, _IRQL_requires_, __drv_freesMem, _Analysis_assume_,
 * DECLSPEC_NOINLINE, C_ASSERT with sizeof and FIELD_OFFSET, bit-fields in a union and in an
 * anonymous-typed struct member, UNALIGNED, InterlockedCompareExchangePointer.
 * Expected: clean for every rule.
 *
 * ql.h - shared definitions of the QL-10 PCI Ethernet miniport (NDIS 6.20).
 *
 * The driver serves up to QL_MAX_ADAPTERS boards; each adapter takes a slot of the global table
 * QlAdapterTable when it is initialised and keeps its number (slot index) in Adapter->Number.  The
 * interrupt handles live beside the table, in QlInterruptTable[Number], so that the control paths
 * that only know a board number (diagnostics, the shared link poller) can reach them.
 */
#ifndef QL_H
#define QL_H

#include <ndis.h>

#define QL_POOL_TAG             '01LQ'
#define QL_MAX_ADAPTERS         4
#define QL_CSR_SIZE             0x400
#define QL_NO_ADAPTER           ((ULONG)-1)

#define QL_CSR_CTRL             0x000
#define QL_CSR_STATUS           0x004
#define QL_CSR_ICR              0x0C0
#define QL_CSR_IMS              0x0D0
#define QL_CSR_IMC              0x0D8
#define QL_CSR_RCTL             0x100
#define QL_CSR_TDT              0x3818

#define QL_CTRL_RST             0x04000000
#define QL_STATUS_LU            0x00000002
#define QL_ICR_RXT0             0x00000080
#define QL_ICR_TXDW             0x00000001
#define QL_ICR_LSC              0x00000004
#define QL_IMS_ENABLE           (QL_ICR_RXT0 | QL_ICR_TXDW | QL_ICR_LSC)

#define QL_RESET_POLL_US        20
#define QL_RESET_POLLS          500

/* Receive control register layout (bit-fields, as the data sheet draws it). */
typedef union _QL_RCTL {
    struct {
        ULONG Reserved0 : 1;
        ULONG Enable    : 1;
        ULONG StorBad   : 1;
        ULONG UcastProm : 1;
        ULONG McastProm : 1;
        ULONG LongPkt   : 1;
        ULONG Reserved1 : 9;
        ULONG Broadcast : 1;
        ULONG Reserved2 : 16;
    } Bits;
    ULONG All;
} QL_RCTL;

C_ASSERT(sizeof(QL_RCTL) == sizeof(ULONG));

typedef struct _QL_TX_DESC {
    ULONG64 Buffer;
    USHORT  Length;
    UCHAR   Cso;
    UCHAR   Cmd;
    UCHAR   Status;
    UCHAR   Css;
    USHORT  Special;
} QL_TX_DESC, *PQL_TX_DESC;

C_ASSERT(sizeof(QL_TX_DESC) == 16);
C_ASSERT(FIELD_OFFSET(QL_TX_DESC, Cmd) == 11);

typedef struct _QL_LINK_POLL {
    LIST_ENTRY      Link;
    ULONG           Ticks;
} QL_LINK_POLL, *PQL_LINK_POLL;

typedef struct _QL_ADAPTER {
    NDIS_HANDLE     MiniportHandle;
    ULONG           Number;             /* slot in QlAdapterTable / QlInterruptTable */
    PUCHAR          Csr;
    ULONG           Flags;
    struct {
        ULONG       LinkUp      : 1;
        ULONG       Removed     : 1;
        ULONG       Resetting   : 1;
        ULONG       Spare       : 29;
    } State;
    ULONG           PacketFilter;
    ULONG           PendingIcr;
    QL_LINK_POLL    Poll;
    NDIS_SPIN_LOCK  TxLock;
    ULONG           TxTail;
    ULONG64         TxFrames;
} QL_ADAPTER, *PQL_ADAPTER;

/* driver.c */
extern NDIS_HANDLE QlDriverHandle;
extern PQL_ADAPTER volatile QlAdapterTable[QL_MAX_ADAPTERS];
extern NDIS_HANDLE QlInterruptTable[QL_MAX_ADAPTERS];

/* adapter.c */
MINIPORT_INITIALIZE QlInitializeEx;
MINIPORT_HALT QlHaltEx;
MINIPORT_PAUSE QlPause;
MINIPORT_RESTART QlRestart;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY QlPnpEvent;
MINIPORT_SHUTDOWN QlShutdown;

/* interrupt.c */
NDIS_STATUS QlConnectInterrupt(_In_ PQL_ADAPTER Adapter);
VOID QlDisconnectInterrupt(_In_ ULONG Number);
BOOLEAN QlSyncHw(_In_ ULONG Number, _In_ MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER Routine, _In_ PVOID Context);
MINIPORT_SYNCHRONIZE_INTERRUPT QlMaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT QlUnmaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT QlFilterSync;

/* oid.c */
MINIPORT_OID_REQUEST QlOidRequest;
MINIPORT_CANCEL_OID_REQUEST QlCancelOidRequest;

/* hw.c */
NDIS_STATUS QlHwMap(_In_ PQL_ADAPTER Adapter, _In_ PNDIS_MINIPORT_INIT_PARAMETERS InitParameters);
VOID QlHwUnmap(_In_ PQL_ADAPTER Adapter);
NDIS_STATUS QlHwReset(_In_ PQL_ADAPTER Adapter);
ULONG QlHwRead(_In_ PQL_ADAPTER Adapter, _In_ ULONG Register);
VOID QlHwWrite(_In_ PQL_ADAPTER Adapter, _In_ ULONG Register, _In_ ULONG Value);
VOID QlHwQuiesce(_In_ PQL_ADAPTER Adapter);
MINIPORT_SEND_NET_BUFFER_LISTS QlSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS QlReturnNetBufferLists;
MINIPORT_CANCEL_SEND QlCancelSend;

#endif /* QL_H */
