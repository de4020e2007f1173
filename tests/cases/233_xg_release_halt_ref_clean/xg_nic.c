/*
 * xg_nic.c: the NIC block (allocation, release) and the hardware helpers of
 * the XG miniport.  XgNicAlloc zeroes the block, takes the first reference and
 * allocates the rings, the receive NBL pool and the link work item; when a
 * step fails it drops its reference (which frees whatever was allocated) and
 * returns NULL.  XgNicFree releases every resource whose field is set and
 * deregisters the interrupt when fXG_INTR_REGISTERED is set.
 */
#include "xg.h"

PXG_NIC
XgNicAlloc(NDIS_HANDLE MiniportHandle)
{
    PXG_NIC Nic = NULL;
    NDIS_STATUS Status = NDIS_STATUS_RESOURCES;
    NET_BUFFER_LIST_POOL_PARAMETERS PoolParams;

    do {
        Nic = (PXG_NIC)NdisAllocateMemoryWithTagPriority(MiniportHandle, sizeof(XG_NIC), XG_POOL_TAG,
                                                          NormalPoolPriority);
        if (!Nic)
            break;
        NdisZeroMemory(Nic, sizeof(XG_NIC));
        XG_NIC_REFERENCE(Nic);
        Nic->MiniportHandle = MiniportHandle;
        NdisAllocateSpinLock(&Nic->TxLock);
        NdisAllocateSpinLock(&Nic->RxLock);

        NdisMAllocateSharedMemory(MiniportHandle, XG_TX_RING_SIZE * XG_DESC_SIZE, FALSE, &Nic->TxRing,
                                  &Nic->TxRingPhys);
        if (!Nic->TxRing)
            break;
        NdisMAllocateSharedMemory(MiniportHandle, XG_RX_RING_SIZE * XG_DESC_SIZE, FALSE, &Nic->RxRing,
                                  &Nic->RxRingPhys);
        if (!Nic->RxRing)
            break;

        NdisZeroMemory(&PoolParams, sizeof(PoolParams));
        PoolParams.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        PoolParams.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
        PoolParams.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
        PoolParams.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
        PoolParams.fAllocateNetBuffer = TRUE;
        PoolParams.PoolTag = XG_POOL_TAG;
        Nic->RecvNblPool = NdisAllocateNetBufferListPool(MiniportHandle, &PoolParams);
        if (!Nic->RecvNblPool)
            break;

        Nic->LinkWorkItem = NdisAllocateIoWorkItem(MiniportHandle);
        if (!Nic->LinkWorkItem)
            break;

        Nic->TxFree = XG_TX_RING_SIZE;
        Nic->PacketFilter = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST;
        Status = NDIS_STATUS_SUCCESS;
    } while (0);

    if ((Status != NDIS_STATUS_SUCCESS) && Nic) {
        XG_NIC_DEREFERENCE(Nic);
        Nic = NULL;
    }
    return Nic;
}

VOID
XgNicFree(PXG_NIC Nic)
{
    NDIS_HANDLE MiniportHandle = Nic->MiniportHandle;

    if (bit(Nic->Flags, fXG_INTR_REGISTERED)) {
        NdisMDeregisterInterruptEx(Nic->InterruptHandle);
        Nic->InterruptHandle = NULL;
        bic(Nic->Flags, fXG_INTR_REGISTERED);
    }
    if (Nic->Csr)
        NdisMUnmapIoSpace(MiniportHandle, (PVOID)Nic->Csr, Nic->CsrLength);
    if (Nic->LinkWorkItem)
        NdisFreeIoWorkItem(Nic->LinkWorkItem);
    if (Nic->RecvNblPool)
        NdisFreeNetBufferListPool(Nic->RecvNblPool);
    if (Nic->RxRing)
        NdisMFreeSharedMemory(MiniportHandle, XG_RX_RING_SIZE * XG_DESC_SIZE, FALSE, Nic->RxRing,
                              Nic->RxRingPhys);
    if (Nic->TxRing)
        NdisMFreeSharedMemory(MiniportHandle, XG_TX_RING_SIZE * XG_DESC_SIZE, FALSE, Nic->TxRing,
                              Nic->TxRingPhys);
    NdisFreeSpinLock(&Nic->RxLock);
    NdisFreeSpinLock(&Nic->TxLock);
    NdisFreeMemory(Nic, sizeof(XG_NIC), 0);
}

NDIS_STATUS
XgNicMapRegisters(PXG_NIC Nic, PNDIS_RESOURCE_LIST Resources)
{
    ULONG i;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc;
    PVOID Va = NULL;
    NDIS_STATUS Status;

    if (Resources == NULL)
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    for (i = 0; i < Resources->Count; i++) {
        Desc = &Resources->PartialDescriptors[i];
        if (Desc->Type != CmResourceTypeMemory)
            continue;
        Status = NdisMMapIoSpace(&Va, Nic->MiniportHandle, Desc->u.Memory.Start, Desc->u.Memory.Length);
        if (Status != NDIS_STATUS_SUCCESS)
            return Status;
        Nic->Csr = (volatile ULONG *)Va;
        Nic->CsrPhys = Desc->u.Memory.Start;
        Nic->CsrLength = Desc->u.Memory.Length;
        return NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_ADAPTER_NOT_FOUND;
}

NDIS_STATUS
XgHwReset(PXG_NIC Nic)
{
    ULONG Poll;

    XG_WRITE(Nic, XG_REG_INT_MASK, 0);
    XG_WRITE(Nic, XG_REG_CONTROL, XG_CTRL_RESET);
    for (Poll = 0; Poll < XG_RESET_POLLS; Poll++) {
        NdisStallExecution(XG_RESET_POLL_US);
        if (!(XG_READ(Nic, XG_REG_CONTROL) & XG_CTRL_RESET))
            return NDIS_STATUS_SUCCESS;
    }
    bis(Nic->Flags, fXG_HW_FAILED);
    return NDIS_STATUS_DEVICE_FAILED;
}

NDIS_STATUS
XgHwStart(PXG_NIC Nic)
{
    if (bit(Nic->Flags, fXG_HW_FAILED))
        return NDIS_STATUS_HARD_ERRORS;
    XG_WRITE(Nic, XG_REG_RX_FILTER, Nic->PacketFilter);
    XG_WRITE(Nic, XG_REG_CONTROL, XG_CTRL_TX_ENABLE | XG_CTRL_RX_ENABLE);
    if (!(XG_READ(Nic, XG_REG_CONTROL) & XG_CTRL_RX_ENABLE))
        return NDIS_STATUS_DEVICE_FAILED;
    if (XG_READ(Nic, XG_REG_STATUS) & XG_STATUS_LINK_UP)
        bis(Nic->Flags, fXG_LINK_UP);
    return NDIS_STATUS_SUCCESS;
}

VOID
XgHwStop(PXG_NIC Nic)
{
    XG_WRITE(Nic, XG_REG_CONTROL, 0);
    NdisStallExecution(XG_RESET_POLL_US);
}

BOOLEAN
XgSyncDisableInterrupt(NDIS_HANDLE SynchronizeContext)
{
    PXG_NIC Nic = (PXG_NIC)SynchronizeContext;

    XG_WRITE(Nic, XG_REG_INT_MASK, 0);
    return TRUE;
}

BOOLEAN
XgSyncEnableInterrupt(NDIS_HANDLE SynchronizeContext)
{
    PXG_NIC Nic = (PXG_NIC)SynchronizeContext;

    XG_WRITE(Nic, XG_REG_INT_MASK, XG_INT_ALL);
    return TRUE;
}

BOOLEAN
XgSyncSetFilter(NDIS_HANDLE SynchronizeContext)
{
    PXG_FILTER_CTX Ctx = (PXG_FILTER_CTX)SynchronizeContext;

    Ctx->Nic->PacketFilter = Ctx->Filter;
    XG_WRITE(Ctx->Nic, XG_REG_RX_FILTER, Ctx->Filter);
    return TRUE;
}

VOID
XgHwSetFilter(PXG_NIC Nic, ULONG Filter)
{
    XG_FILTER_CTX Ctx;

    Ctx.Nic = Nic;
    Ctx.Filter = Filter;
    NdisMSynchronizeWithInterruptEx(Nic->InterruptHandle, 0, XgSyncSetFilter, &Ctx);
}
