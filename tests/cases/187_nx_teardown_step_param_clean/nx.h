/*
 * Case 187_nx_teardown_step_param_clean (Contoso NX-200, four .c files and one header, scanned as
 * `drvcheck scan compile_commands.json`; the database builds with -DDBG=1 -DNX_MSIX=1).
 * Idioms: MP_SET/CLEAR/TEST_FLAG, DBGPRINT with variadic arguments (also none), ASSERT with
 * DBG=1, NT_SUCCESS chains, do/while(0) wrappers, a `static FORCEINLINE` sync helper in nx.h
 * (included by every .c) that tests the in-use flag before NdisMSynchronizeWithInterruptEx,
 * a `static const` hardware ops table in hw.c called from adapter.c, characteristics set in
 * init.c, a synchronize routine that calls a flag-testing helper in hw.c, and the
 * deregistration four calls deep: MpHaltEx (adapter.c) -> NxHwShutdown (hw.c) -> NxIntrRelease
 * (intr.c) -> NxIntrDisconnect (intr.c) -> NdisMDeregisterInterruptEx.
 * Twin of 180: the NX_MSIX disconnect path (the one this build compiles) clears
 * fMP_ADAPTER_INTERRUPT_IN_USE, so halt's `Adapter->HwOps->Stop` after the deregistration finds
 * the flag clear and never synchronizes.  Expected: clean.  The line-based #else path (not
 * compiled: the database defines NX_MSIX) forgets the flag, so a scan that dropped the
 * database's -D options would report a false alarm here.
 * This case (181 plus one link): NxHwShutdown runs each teardown step through
 * NxRunTeardownStep(Adapter, NxIntrRelease, "interrupt"), a logging runner that calls the step
 * through its function-pointer parameter.  Expected: clean (init's failure path and halt both
 * deregister through the runner).
 */

#ifndef NX_H
#define NX_H

#include <ndis.h>

#define NX_POOL_TAG                     '02XN'
#define NX_REG_WINDOW_SIZE              0x100
#define NX_REG_CTRL                     0x00
#define NX_REG_ISR                      0x04
#define NX_REG_IMR                      0x08
#define NX_REG_RCTL                     0x10
#define NX_REG_MSIX_MASK                0x20
#define NX_CTRL_RESET                   0x04000000
#define NX_INT_RXT0                     0x00000080
#define NX_INT_TXDW                     0x00000001
#define NX_INT_LSC                      0x00000004
#define NX_INT_ENABLE_MASK              (NX_INT_RXT0 | NX_INT_TXDW | NX_INT_LSC)
#define NX_MAX_MESSAGES                 3

#define fMP_ADAPTER_INTERRUPT_IN_USE    0x00000001
#define fMP_ADAPTER_HARDWARE_ERROR      0x00000002
#define fMP_ADAPTER_SURPRISE_REMOVED    0x00000004
#define fMP_ADAPTER_RESET_IN_PROGRESS   0x00000008
#define fMP_ADAPTER_PAUSED              0x00000010
#define fMP_ADAPTER_NOT_READY_MASK      (fMP_ADAPTER_HARDWARE_ERROR | fMP_ADAPTER_SURPRISE_REMOVED)

#define MP_SET_FLAG(_M, _F)             ((_M)->Flags |= (_F))
#define MP_CLEAR_FLAG(_M, _F)           ((_M)->Flags &= ~(_F))
#define MP_TEST_FLAG(_M, _F)            (((_M)->Flags & (_F)) != 0)
#define MP_TEST_FLAGS(_M, _F)           (((_M)->Flags & (_F)) == (_F))

#define MP_LOUD                         4
#define MP_INFO                         3
#define MP_TRACE                        2
#define MP_WARNING                      1
#define MP_ERROR                        0

#if DBG
extern ULONG NxDebugLevel;
#define DBGPRINT(Level, Fmt, ...)                                       \
    do {                                                                \
        if ((Level) <= NxDebugLevel) {                                  \
            DbgPrint("NX200: " Fmt, __VA_ARGS__);                       \
        }                                                               \
    } while (0)
#define DBGPRINT_S(Status, Msg)                                         \
    do {                                                                \
        if (!NT_SUCCESS(Status)) {                                      \
            DBGPRINT(MP_ERROR, "%s failed %08x\n", (Msg), (Status));    \
        }                                                               \
    } while (0)
#else
#define DBGPRINT(Level, Fmt, ...)
#define DBGPRINT_S(Status, Msg)
#endif

#define NX_READ_REG(_A, _R)             ((_A)->Registers[(_R) / sizeof(ULONG)])
#define NX_WRITE_REG(_A, _R, _V)        ((_A)->Registers[(_R) / sizeof(ULONG)] = (ULONG)(_V))

typedef struct _NX_ADAPTER NX_ADAPTER, *PNX_ADAPTER;

typedef struct _NX_HW_OPS {
    NDIS_STATUS (*Start)(PNX_ADAPTER Adapter);
    VOID        (*Stop)(PNX_ADAPTER Adapter);
    NDIS_STATUS (*Reset)(PNX_ADAPTER Adapter);
    VOID        (*SetFilter)(PNX_ADAPTER Adapter, ULONG Filter);
} NX_HW_OPS, *PNX_HW_OPS;

struct _NX_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    NDIS_HANDLE             InterruptHandle;
    NDIS_INTERRUPT_TYPE     InterruptType;
    ULONG                   MessageCount;
    ULONG                   Flags;
    const NX_HW_OPS        *HwOps;
    volatile ULONG         *Registers;
    ULONG                   PacketFilter;
    ULONG                   PendingCauses;
    NDIS_SPIN_LOCK          SendLock;
    ULONG64                 FramesSent;
    ULONG64                 InterruptCount;
};

extern NDIS_HANDLE NxDriverHandle;

/* init.c */
MINIPORT_SET_OPTIONS MpSetOptions;
MINIPORT_UNLOAD MpUnload;
/* adapter.c */
MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_RESET MpResetEx;
MINIPORT_CHECK_FOR_HANG MpCheckForHangEx;
MINIPORT_SHUTDOWN MpShutdownEx;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpDevicePnPEventNotify;
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;
MINIPORT_CANCEL_SEND MpCancelSend;
/* hw.c */
NDIS_STATUS NxHwAttach(PNX_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters);
VOID NxHwShutdown(PNX_ADAPTER Adapter);
BOOLEAN NxHwIsAccessible(PNX_ADAPTER Adapter);
/* intr.c */
NDIS_STATUS NxIntrConnect(PNX_ADAPTER Adapter);
VOID NxIntrRelease(PNX_ADAPTER Adapter);
MINIPORT_SYNCHRONIZE_INTERRUPT NxSyncDisableInterrupt;
MINIPORT_SYNCHRONIZE_INTERRUPT NxSyncEnableInterrupt;

/*
 * Every caller that touches the interrupt mask goes through here: while the interrupt is
 * connected the ISR may run on another processor, so the mask is written under the
 * interrupt's lock; once it is gone there is nothing to race with.
 */
static FORCEINLINE BOOLEAN
NxSyncWithIsr(PNX_ADAPTER Adapter, MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER Routine, PVOID Context)
{
    if (!MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
        return FALSE;
    }
    ASSERT(Adapter->InterruptHandle != NULL);
    return NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, Routine, Context);
}

#define NX_MASK_INTERRUPTS(_A)                                          \
    do {                                                                \
        DBGPRINT(MP_TRACE, "mask interrupts %p\n", (_A));               \
        (VOID)NxSyncWithIsr((_A), NxSyncDisableInterrupt, (_A));        \
    } while (0)

#define NX_UNMASK_INTERRUPTS(_A)                                        \
    do {                                                                \
        (VOID)NxSyncWithIsr((_A), NxSyncEnableInterrupt, (_A));         \
    } while (0)

#endif /* NX_H */
