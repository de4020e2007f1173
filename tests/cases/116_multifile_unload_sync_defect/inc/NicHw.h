/*
 * Register layout of the case 116/117 embedded NIC (a single instance on the SoC's PCIe root port).
 * The sources include this header as "nichw.h": the file system of the build machine ignores case.
 */
#pragma once

#define NIC_CSR_SIZE            0x1000

#define CSR_CTRL                0x000
#define CSR_STATUS              0x008
#define CSR_ICR                 0x0C0
#define CSR_IMS                 0x0D0
#define CSR_IMC                 0x0D8
#define CSR_RCTL                0x100
#define CSR_TDT                 0x3818
#define CSR_STAT_LATCH          0x4000
#define CSR_GPRC                0x4074
#define CSR_GPTC                0x4080

#define CTRL_RST                0x04000000
#define ICR_TXDW                0x00000001
#define ICR_LSC                 0x00000004
#define ICR_RXT0                0x00000080
#define IMS_ENABLE_MASK         (ICR_TXDW | ICR_LSC | ICR_RXT0)
#define STAT_LATCH_NOW          0x00000001

#define NIC_READ(_d, _r)        ((_d)->Csr[(_r) >> 2])
#define NIC_WRITE(_d, _r, _v)   ((_d)->Csr[(_r) >> 2] = (ULONG)(_v))
