/*
 * Case 623_stall_reset_delay_table_by_mac_type_clean: adapter context and prototypes shared by the driver's files.
 */
#pragma once
#include <ndis.h>

#define MP_TAG                  'nlbM'
#define MP_NDIS_MAJOR           6
#define MP_NDIS_MINOR           20
#define MP_CSR_SIZE             0x200

#define MP_CSR_CTRL             0x00
#define MP_CSR_ISR              0x04
#define MP_CSR_IMR              0x08
#define MP_CSR_MDIO             0x20
#define MP_CSR_EEPROM           0x24
#define MP_CSR_TXTAIL           0x30
#define MP_CSR_RXHEAD           0x34

#define MP_ISR_RX               0x01
#define MP_ISR_TX               0x02
#define MP_ISR_LINK             0x04
#define MP_ISR_ALL              0x07

#define fMP_RESET_IN_PROGRESS   0x00000001
#define fMP_HALT_IN_PROGRESS    0x00000002
#define fMP_PAUSED              0x00000004
#define fMP_HW_ERROR            0x00000008

#define MP_SET_FLAG(_A, _F)     ((_A)->Flags |= (_F))
#define MP_CLEAR_FLAG(_A, _F)   ((_A)->Flags &= ~(_F))
#define MP_TEST_FLAG(_A, _F)    (((_A)->Flags & (_F)) != 0)

#define MP_READ_CSR(_A, _R)         READ_REGISTER_ULONG((PULONG)((_A)->Csr + (_R)))
#define MP_WRITE_CSR(_A, _R, _V)    NdisWriteRegisterUlong((PULONG)((_A)->Csr + (_R)), (_V))



typedef struct _MP_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    NDIS_HANDLE             InterruptHandle;
    PUCHAR                  Csr;
    ULONG                   Flags;
    ULONG                   PendingIsr;
    ULONG                   PacketFilter;
    ULONG64                 GoodTransmits;
    ULONG64                 GoodReceives;
    ULONG                   MacType;
} MP_ADAPTER, *PMP_ADAPTER;

extern NDIS_HANDLE MpDriverHandle;

MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_UNLOAD MpUnload;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;
MINIPORT_CANCEL_SEND MpCancelSend;
MINIPORT_CHECK_FOR_HANG MpCheckForHang;
MINIPORT_RESET MpReset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpDevicePnpEvent;
MINIPORT_SHUTDOWN MpShutdown;
MINIPORT_ISR MpIsr;
MINIPORT_INTERRUPT_DPC MpInterruptDpc;
MINIPORT_ENABLE_INTERRUPT MpEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT MpDisableInterrupt;

NDIS_STATUS MpHwInitialize(PMP_ADAPTER Adapter, NDIS_HANDLE ConfigHandle);
VOID MpHwShutdown(PMP_ADAPTER Adapter);

