/*
 * xg.h: shared declarations of the XG 10 GbE miniport (cases 230-237).
 *
 * The NIC block's lifetime is managed by a reference count: XgNicAlloc takes
 * the first reference, every long-lived pointer to the block holds one, and
 * XG_NIC_DEREFERENCE frees the block (XgNicFree, which also deregisters the
 * interrupt when fXG_INTR_REGISTERED says it is registered) when the last one
 * is dropped.
 */
#ifndef XG_H
#define XG_H

#include <ndis.h>

#define XG_POOL_TAG                 'gxNX'
#define XG_NDIS_MAJOR               6
#define XG_NDIS_MINOR               20
#define XG_DRIVER_MAJOR             1
#define XG_DRIVER_MINOR             4

#define XG_TX_RING_SIZE             512
#define XG_RX_RING_SIZE             1024
#define XG_DESC_SIZE                16
#define XG_RECV_NBL_COUNT           XG_RX_RING_SIZE
#define XG_RESET_POLLS              200
#define XG_RESET_POLL_US            10
#define XG_HALT_POLL_US             1000

/* register offsets, in ULONGs */
#define XG_REG_CONTROL              0x00
#define XG_REG_STATUS               0x01
#define XG_REG_INT_CAUSE            0x02
#define XG_REG_INT_MASK             0x03
#define XG_REG_RX_FILTER            0x04
#define XG_REG_TX_TAIL              0x05
#define XG_REG_RX_TAIL              0x06

#define XG_CTRL_RESET               0x80000000
#define XG_CTRL_TX_ENABLE           0x00000001
#define XG_CTRL_RX_ENABLE           0x00000002
#define XG_STATUS_LINK_UP           0x00000001
#define XG_INT_RX                   0x00000001
#define XG_INT_TX                   0x00000002
#define XG_INT_LINK                 0x00000004
#define XG_INT_ALL                  (XG_INT_RX | XG_INT_TX | XG_INT_LINK)

/* Flags */
#define fXG_INTR_REGISTERED         0x00000001
#define fXG_PAUSED                  0x00000002
#define fXG_LINK_UP                 0x00000004
#define fXG_HW_FAILED               0x00000008

#define bit(_f, _v)                 ((_f) & (_v))
#define bis(_f, _v)                 ((_f) |= (_v))
#define bic(_f, _v)                 ((_f) &= (~(_v)))

#define XG_READ(_n, _r)             ((_n)->Csr[(_r)])
#define XG_WRITE(_n, _r, _v)        ((_n)->Csr[(_r)] = (ULONG)(_v))

typedef struct _XG_NIC {
    LONG                RefCnt;
    ULONG               Flags;
    NDIS_HANDLE         MiniportHandle;
    NDIS_HANDLE         InterruptHandle;
    volatile ULONG     *Csr;
    ULONG               CsrLength;
    NDIS_PHYSICAL_ADDRESS CsrPhys;

    PVOID               TxRing;
    NDIS_PHYSICAL_ADDRESS TxRingPhys;
    PVOID               RxRing;
    NDIS_PHYSICAL_ADDRESS RxRingPhys;
    NDIS_HANDLE         RecvNblPool;
    NDIS_HANDLE         LinkWorkItem;
    LONG                LinkWorkQueued;

    NDIS_SPIN_LOCK      TxLock;
    NDIS_SPIN_LOCK      RxLock;
    ULONG               TxHead;
    ULONG               TxTail;
    ULONG               TxFree;
    ULONG               RxNext;

    ULONG               PacketFilter;
    ULONG               PendingCause;
    ULONG64             FramesXmitOk;
    ULONG64             FramesRcvOk;
    ULONG64             FramesXmitErr;
} XG_NIC, *PXG_NIC;

VOID XgNicFree(PXG_NIC Nic);

#define XG_NIC_REFERENCE(_n)        NdisInterlockedIncrement(&(_n)->RefCnt)
#define XG_NIC_DEREFERENCE(_n)                                          \
    do {                                                                \
        LONG _val;                                                      \
        if (!(_val = NdisInterlockedDecrement(&(_n)->RefCnt)))          \
            XgNicFree(_n);                                              \
    } while (0)

typedef struct _XG_FILTER_CTX {
    PXG_NIC Nic;
    ULONG   Filter;
} XG_FILTER_CTX, *PXG_FILTER_CTX;

PXG_NIC XgNicAlloc(NDIS_HANDLE MiniportHandle);
NDIS_STATUS XgNicMapRegisters(PXG_NIC Nic, PNDIS_RESOURCE_LIST Resources);
NDIS_STATUS XgHwReset(PXG_NIC Nic);
NDIS_STATUS XgHwStart(PXG_NIC Nic);
VOID XgHwStop(PXG_NIC Nic);
VOID XgHwSetFilter(PXG_NIC Nic, ULONG Filter);

MINIPORT_SYNCHRONIZE_INTERRUPT XgSyncDisableInterrupt;
MINIPORT_SYNCHRONIZE_INTERRUPT XgSyncEnableInterrupt;
MINIPORT_SYNCHRONIZE_INTERRUPT XgSyncSetFilter;

#endif /* XG_H */
