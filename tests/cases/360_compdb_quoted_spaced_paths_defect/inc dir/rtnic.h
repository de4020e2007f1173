/*
 * rtnic.h: shared by Rt Main.c and rt_counters_gen.c.
 */
#pragma once

#include <ndis.h>

#define RT_POOL_TAG             'tnTR'
#define RT_CSR_SIZE             0x100

#define RT_CSR_CMD              0x37
#define RT_CSR_IMR              0x3C
#define RT_CSR_ISR              0x3E
#define RT_CSR_RCR              0x44
#define RT_CSR_DTCCR            0x10            // dump tally counters command

#define RT_INT_ROK              0x0001
#define RT_INT_TOK              0x0004
#define RT_INT_LINKCHG          0x0020
#define RT_INT_ALL              (RT_INT_ROK | RT_INT_TOK | RT_INT_LINKCHG)
#define RT_CMD_RESET            0x10

// MSVC: a do/while(0) macro body trips C4127 (constant condition) at /W4
#define RT_WHILE_0              __pragma(warning(push)) __pragma(warning(disable: 4127)) while (0) __pragma(warning(pop))
#define RT_WR16(_A, _R, _V)     do { *(volatile USHORT *)((_A)->Csr + (_R)) = (USHORT)(_V); } RT_WHILE_0
#define RT_RD16(_A, _R)         (*(volatile USHORT *)((_A)->Csr + (_R)))
#define RT_WR32(_A, _R, _V)     do { *(volatile ULONG *)((_A)->Csr + (_R)) = (ULONG)(_V); } RT_WHILE_0

#pragma pack(push, 1)
// the chip's tally counter block, DMA'd by DTCCR: byte-packed (µC reads it little-endian)
typedef struct _RT_TALLY {
    ULONG64                 TxOk;
    ULONG64                 RxOk;
    ULONG64                 TxErr;
    ULONG                   RxErr;
    USHORT                  MissedPkt;
    USHORT                  FaeErr;
    ULONG                   Tx1Col;
    ULONG                   TxMCol;
    ULONG64                 RxOkPhy;
    ULONG64                 RxOkBrd;
    ULONG                   RxOkMul;
    USHORT                  TxAbt;
    USHORT                  TxUndrn;
} RT_TALLY, *PRT_TALLY;
#pragma pack(pop)

typedef struct _RT_ADAPTER {
    NDIS_HANDLE             AdapterHandle;
    volatile UCHAR         *Csr;
    NDIS_HANDLE             InterruptHandle;
    BOOLEAN                 InterruptRegistered;
    USHORT                  PendingIsr;
    ULONG                   PacketFilter;
    PRT_TALLY               Tally;
    NDIS_PHYSICAL_ADDRESS   TallyPa;
    RT_TALLY                Counters;
    NDIS_SPIN_LOCK          TxLock;
} RT_ADAPTER, *PRT_ADAPTER;

VOID RtReadTallyCounters(PRT_ADAPTER Adapter);
