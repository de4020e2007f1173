/*
 * Fabrikam FX-100 NDIS 6.20 miniport: table-driven bring-up and teardown.
 * (Case 142/143 driver: see fx_steps.c for what the case is about.)
 */
#pragma once

#include <ndis.h>

#define FX_TAG              'xFxF'
#define FX_REG_BYTES        0x200
#define FX_MTU              1500

#define FX_REG_CTRL         0x00
#define FX_REG_ISR          0x04
#define FX_REG_IMR          0x08
#define FX_REG_RXCTL        0x0C
#define FX_REG_TXCTL        0x10

#define FX_ISR_ALL          0x0F
#define FX_CTRL_RESET       0x01

typedef struct _FX_ADAPTER {
    NDIS_HANDLE         AdapterHandle;
    NDIS_HANDLE         InterruptHandle;
    NDIS_HANDLE         NblPool;
    NDIS_HANDLE         Timer;
    volatile ULONG     *Regs;
    PHYSICAL_ADDRESS    RegsPa;
    PNDIS_RESOURCE_LIST Resources;
    ULONG               StepsDone;          /* how many bring-up steps completed */
    BOOLEAN             InterruptConnected;
    BOOLEAN             Running;
    ULONG               Cause;
    ULONG               Filter;
    NDIS_SPIN_LOCK      Lock;
    ULONG64             Frames;
} FX_ADAPTER, *PFX_ADAPTER;

typedef struct _FX_STEP {
    const char         *Name;
    NDIS_STATUS       (*Setup)(PFX_ADAPTER Adapter);
    VOID              (*Teardown)(PFX_ADAPTER Adapter);
} FX_STEP;

#define FX_READ(_A, _R)         ((_A)->Regs[(_R) / sizeof(ULONG)])
#define FX_WRITE(_A, _R, _V)    ((_A)->Regs[(_R) / sizeof(ULONG)] = (_V))

MINIPORT_INITIALIZE FxInitialize;
MINIPORT_HALT FxHalt;
MINIPORT_ISR FxIsr;
MINIPORT_INTERRUPT_DPC FxDpc;
MINIPORT_ENABLE_INTERRUPT FxEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT FxDisableInterrupt;
MINIPORT_SYNCHRONIZE_INTERRUPT FxSyncMask;
MINIPORT_SYNCHRONIZE_INTERRUPT FxSyncUnmask;
MINIPORT_SYNCHRONIZE_INTERRUPT FxSyncFilter;

/* fx_steps.c */
NDIS_STATUS FxBringUp(PFX_ADAPTER Adapter);
VOID FxTearDown(PFX_ADAPTER Adapter);

/* fx_hw.c */
NDIS_STATUS FxMapRegisters(PFX_ADAPTER Adapter);
VOID FxUnmapRegisters(PFX_ADAPTER Adapter);
NDIS_STATUS FxStartHardware(PFX_ADAPTER Adapter);
VOID FxStopHardware(PFX_ADAPTER Adapter);
NDIS_STATUS FxConnectInterrupt(PFX_ADAPTER Adapter);
VOID FxDisconnectInterrupt(PFX_ADAPTER Adapter);
NDIS_STATUS FxAllocatePools(PFX_ADAPTER Adapter);
VOID FxFreePools(PFX_ADAPTER Adapter);
