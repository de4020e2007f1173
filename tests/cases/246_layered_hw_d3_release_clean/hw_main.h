/*
 * hw_main.h - the HW block and register layout, private to hw_*.c.
 */
#ifndef _HW_MAIN_H
#define _HW_MAIN_H

#include <ndis.h>
#include "hw_interface.h"

#define HW_MEMORY_TAG                   'wr3H'
#define HW_REGISTER_SPACE               0x200

#define HW_REG_INT_STATUS               0x000
#define HW_REG_INT_ENABLE               0x004
#define HW_REG_CONTROL                  0x008
#define HW_REG_RX_CONTROL               0x010
#define HW_REG_RX_FILTER                0x014
#define HW_REG_LINK_STATUS              0x020
#define HW_REG_PM_CONTROL               0x030
#define HW_REG_MAC_LOW                  0x040
#define HW_REG_MAC_HIGH                 0x044
#define HW_REG_RX_COUNT                 0x050
#define HW_REG_TX_PENDING               0x054

#define HW_INT_RX_DONE                  0x0001
#define HW_INT_TX_DONE                  0x0002
#define HW_INT_LINK_CHANGE              0x0004
#define HW_INT_FATAL                    0x8000
#define HW_INT_MASK                     (HW_INT_RX_DONE | HW_INT_TX_DONE | HW_INT_LINK_CHANGE | HW_INT_FATAL)

#define HW_CONTROL_RESET                0x0001
#define HW_RX_CONTROL_ENABLE            0x0001
#define HW_LINK_UP                      0x0001
#define HW_PM_D3                        0x0003
#define HW_PM_PME_EN                    0x0100

#define HW_RESET_POLL_US                25      // microseconds per poll
#define HW_RESET_POLL_COUNT             200

//
// HW flags
//
#define fHW_REGISTERS_MAPPED            0x00000001
#define fHW_INTERRUPT_REGISTERED        0x00000002
#define fHW_RX_ENABLED                  0x00000004
#define fHW_IN_LOW_POWER                0x00000008
#define fHW_FATAL_ERROR                 0x00000010

#define HW_SET_FLAG(_H, _F)             ((_H)->Flags |= (_F))
#define HW_CLEAR_FLAG(_H, _F)           ((_H)->Flags &= ~(_F))
#define HW_TEST_FLAG(_H, _F)            (((_H)->Flags & (_F)) != 0)

#if DBG
#define HwTrace(_x)                     DbgPrint _x
#else
#define HwTrace(_x)
#endif

#define HW_READ_REGISTER(_H, _R)        READ_REGISTER_ULONG((volatile ULONG *)((_H)->RegisterBase + (_R)))
#define HW_WRITE_REGISTER(_H, _R, _V)   WRITE_REGISTER_ULONG((volatile ULONG *)((_H)->RegisterBase + (_R)), (_V))

struct _HW {
    PADAPTER                Adapter;
    NDIS_HANDLE             MiniportAdapterHandle;
    NDIS_HANDLE             InterruptHandle;
    ULONG                   Flags;
    PUCHAR                  RegisterBase;
    NDIS_PHYSICAL_ADDRESS   RegisterPhys;
    ULONG                   PendingInterrupts;      // ISR -> DPC, under the interrupt lock
    ULONG                   RxFilter;
    UCHAR                   PermanentAddress[ETH_LENGTH_OF_ADDRESS];
    ULONG64                 RxFrames;
    ULONG                   TxPendingLast;
    ULONG                   TxStallTicks;
    BOOLEAN                 LinkUp;
};

//
// hw_isr.c
//
NDIS_STATUS HwRegisterInterrupt(PHW Hw);
VOID HwDeregisterInterrupt(PHW Hw);
BOOLEAN HwEnableInterrupt(PHW Hw);
VOID HwDisableInterrupt(PHW Hw);
BOOLEAN HwProgramReceiver(PHW Hw);
VOID HwEnableReceiver(PHW Hw);
VOID HwDisableReceiver(PHW Hw);
BOOLEAN HwInterrupt(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors);
VOID HwInterruptDPC(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2);
VOID HwMiniportEnableInterrupt(NDIS_HANDLE MiniportInterruptContext);
VOID HwMiniportDisableInterrupt(NDIS_HANDLE MiniportInterruptContext);

//
// hw_main.c
//
NDIS_STATUS HwResetAsic(PHW Hw);

#endif // _HW_MAIN_H
