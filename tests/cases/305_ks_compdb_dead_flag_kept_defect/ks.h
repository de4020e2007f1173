/*
 * ks.h: shared by init.c and oid.c.  ksbuild.h must be forced in by the build (-include).
 */
#pragma once

#ifndef KS_RESET_ATTEMPTS
#error "ksbuild.h was not forced in: build with -include ksbuild.h"
#endif

#include <ndis.h>

#pragma warning(push)
#pragma warning(disable: 4201)      // nameless struct/union
#pragma warning(disable: 4214)      // bit field types other than int

#define KS_TAG                  'sKsK'
#define KS_CSR_LEN              0x1000
#define KS_CSR_INTR_CAUSE       0x0010
#define KS_CSR_INTR_MASK        0x0014
#define KS_CSR_RX_CTRL          0x0100
#define KS_CSR_STAT_BASE        0x0400
#define KS_CSR_RESET            0x0000
#define KS_RESET_BUSY           0x1
#define KS_INTR_ALL             0x0000001F
#define KS_STAT_WORDS           8

#define KS_F_INTERRUPT          0x00000001
#define KS_F_HW_DEAD            0x00000002
#define KS_F_RESETTING          0x00000004

#define KS_TEST_FLAG(_A, _F)    (((_A)->Flags & (_F)) != 0)
#define KS_SET_FLAG(_A, _F)     ((_A)->Flags |= (_F))
#define KS_CLEAR_FLAG(_A, _F)   ((_A)->Flags &= ~(_F))

typedef union _KS_RX_CTRL {
    struct {
        ULONG Enable      : 1;
        ULONG Promiscuous : 1;
        ULONG AllMulti    : 1;
        ULONG Broadcast   : 1;
        ULONG Reserved    : 28;
    };
    ULONG Value;
} KS_RX_CTRL;

typedef struct _KS_STATS {
    ULONG64 RxOk;
    ULONG64 TxOk;
    ULONG64 RxErrors;
    ULONG64 Missed;
} KS_STATS;

typedef struct _KS_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    volatile ULONG         *Csr;
    NDIS_HANDLE             Interrupt;
    ULONG                   Flags;
    union {
        KS_RX_CTRL          RxCtrl;
        ULONG               RxCtrlValue;
    };
    struct {
        NDIS_HANDLE         Watchdog;
        ULONG               HangTicks;
    };
    DECLSPEC_ALIGN(8) KS_STATS Stats;
    ULONG                   LastStat[KS_STAT_WORDS];
    NDIS_SPIN_LOCK          TxLock;
} KS_ADAPTER, *PKS_ADAPTER;

C_ASSERT(sizeof(KS_RX_CTRL) == sizeof(ULONG));
_Static_assert(KS_STAT_WORDS * sizeof(ULONG) <= 0x40, "statistics block fits one cache line");

#define KS_RD(_A, _R)           ((_A)->Csr[(_R) / sizeof(ULONG)])
#define KS_WR(_A, _R, _V)       ((_A)->Csr[(_R) / sizeof(ULONG)] = (ULONG)(_V))

extern NDIS_HANDLE KsDriverHandle;

MINIPORT_SYNCHRONIZE_INTERRUPT KsMaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT KsUnmaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT KsRxCtrlSync;
MINIPORT_SYNCHRONIZE_INTERRUPT KsStatsSync;
MINIPORT_OID_REQUEST KsOidRequest;
MINIPORT_CANCEL_OID_REQUEST KsCancelOidRequest;
NDIS_TIMER_FUNCTION KsWatchdog;

NDIS_STATUS KsHwReset(PKS_ADAPTER Adapter);
NDIS_STATUS KsStartWatchdog(PKS_ADAPTER Adapter);

//
// Every synchronize of the driver comes here.  The interrupt is only used while the driver
// owns it (KS_F_INTERRUPT is set after a successful registration and cleared before release).
//
static __forceinline BOOLEAN
KsSynchronize(PKS_ADAPTER Adapter, MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER Routine)
{
    if (!KS_TEST_FLAG(Adapter, KS_F_INTERRUPT)) {
        return FALSE;
    }
    return NdisMSynchronizeWithInterruptEx(Adapter->Interrupt, 0, Routine, Adapter); // defect: NdisMDeregisterInterruptEx
}

#pragma warning(pop)
