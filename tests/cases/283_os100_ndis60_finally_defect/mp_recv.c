/*
 * mp_recv.c - Osprey OS-100: receive path.
 *
 * RcvLock protects the RFD lists and nReadyRecv.  MpHandleRecvInterrupt is called by the DPC
 * with RcvLock held and drops it around each indication (at most NIC_MAX_RECV_PER_DPC frames).
 */

#include "mp.h"

NDIS_STATUS
NICInitRecv(PMP_ADAPTER Adapter)
{
    NET_BUFFER_LIST_POOL_PARAMETERS PoolParameters;
    ULONG i;

    NdisZeroMemory(&PoolParameters, sizeof(PoolParameters));
    PoolParameters.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    PoolParameters.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    PoolParameters.Header.Size = sizeof(PoolParameters);
    PoolParameters.ProtocolId = 0;
    PoolParameters.ContextSize = 0;
    PoolParameters.fAllocateNetBuffer = TRUE;
    PoolParameters.PoolTag = NIC_TAG;
    Adapter->RecvNblPoolHandle = NdisAllocateNetBufferListPool(Adapter->AdapterHandle, &PoolParameters);
    if (Adapter->RecvNblPoolHandle == NULL) {
        DBGPRINT(MP_ERROR, ("failed to allocate the receive NBL pool\n"));
        return NDIS_STATUS_RESOURCES;
    }

    Adapter->RfdMemLength = Adapter->NumRfd * (sizeof(HW_RFD) + NIC_BUFFER_SIZE);
    NdisMAllocateSharedMemory(Adapter->AdapterHandle, Adapter->RfdMemLength, TRUE,
                              (PVOID *)&Adapter->RfdMem, &Adapter->RfdMemPhys);
    if (Adapter->RfdMem == NULL) {
        DBGPRINT(MP_ERROR, ("failed to allocate RFD memory\n"));
        return NDIS_STATUS_RESOURCES;
    }

    for (i = 0; i < Adapter->NumRfd; i++) {
        PMP_RFD Rfd = &Adapter->Rfd[i];
        ULONG Offset = i * (sizeof(HW_RFD) + NIC_BUFFER_SIZE);

        Rfd->HwRfd = (PHW_RFD)(Adapter->RfdMem + Offset);
        Rfd->HwRfdPhys = NdisGetPhysicalAddressLow(Adapter->RfdMemPhys) + Offset;
        Rfd->Buffer = Adapter->RfdMem + Offset + sizeof(HW_RFD);
        Rfd->Mdl = NdisAllocateMdl(Adapter->AdapterHandle, Rfd->Buffer, NIC_BUFFER_SIZE);
        if (Rfd->Mdl == NULL) {
            return NDIS_STATUS_RESOURCES;
        }
        Rfd->NetBufferList = NdisAllocateNetBufferAndNetBufferList(Adapter->RecvNblPoolHandle, 0, 0,
                                                                   Rfd->Mdl, 0, 0);
        if (Rfd->NetBufferList == NULL) {
            return NDIS_STATUS_RESOURCES;
        }
        Rfd->NetBufferList->MiniportReserved[0] = Rfd;
    }
    NICResetRecv(Adapter);
    return NDIS_STATUS_SUCCESS;
}

VOID
NICFreeRecv(PMP_ADAPTER Adapter)
{
    ULONG i;

    ASSERT(Adapter->RcvRefCount == 0);
    for (i = 0; i < NIC_MAX_RFDS; i++) {
        PMP_RFD Rfd = &Adapter->Rfd[i];

        if (Rfd->NetBufferList != NULL) {
            NdisFreeNetBufferList(Rfd->NetBufferList);
            Rfd->NetBufferList = NULL;
        }
        if (Rfd->Mdl != NULL) {
            NdisFreeMdl(Rfd->Mdl);
            Rfd->Mdl = NULL;
        }
    }
    if (Adapter->RfdMem != NULL) {
        NdisMFreeSharedMemory(Adapter->AdapterHandle, Adapter->RfdMemLength, TRUE,
                              Adapter->RfdMem, Adapter->RfdMemPhys);
        Adapter->RfdMem = NULL;
    }
    if (Adapter->RecvNblPoolHandle != NULL) {
        NdisFreeNetBufferListPool(Adapter->RecvNblPoolHandle);
        Adapter->RecvNblPoolHandle = NULL;
    }
}

static VOID
NICQueueRfd(PMP_ADAPTER Adapter, PMP_RFD Rfd)
{
    Rfd->HwRfd->RfdStatus = 0;
    Rfd->HwRfd->RfdControl = (USHORT)CB_EL_BIT;
    Rfd->HwRfd->RfdActualCount = 0;
    Rfd->HwRfd->RfdSize = NIC_BUFFER_SIZE;
    Rfd->Next = NULL;
    if (Adapter->RecvListTail != NULL) {
        Adapter->RecvListTail->HwRfd->RfdControl = 0;
        Adapter->RecvListTail->HwRfd->RfdLink = Rfd->HwRfdPhys;
        Adapter->RecvListTail->Next = Rfd;
    } else {
        Adapter->RecvListHead = Rfd;
    }
    Adapter->RecvListTail = Rfd;
    Adapter->nReadyRecv++;
}

//
// Every RFD not held by the stack back on the hardware list (chip reset, RcvLock held or no
// other user yet).
//
VOID
NICResetRecv(PMP_ADAPTER Adapter)
{
    ULONG i;

    Adapter->RecvListHead = NULL;
    Adapter->RecvListTail = NULL;
    Adapter->nReadyRecv = 0;
    for (i = 0; i < Adapter->NumRfd; i++) {
        PMP_RFD Rfd = &Adapter->Rfd[i];

        if (Rfd->NetBufferList != NULL && Rfd->NetBufferList->MiniportReserved[1] == NULL) {
            NICQueueRfd(Adapter, Rfd);
        }
    }
}

VOID
MpHandleRecvInterrupt(PMP_ADAPTER Adapter)
{
    PMP_RFD Rfd;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Head = NULL;
    PNET_BUFFER_LIST Tail = NULL;
    ULONG Count = 0;
    ULONG Indicated = 0;
    USHORT Status;

    while (Count < Adapter->MaxRecvPerDpc) {
        Rfd = Adapter->RecvListHead;
        if (Rfd == NULL) {
            break;
        }
        Status = Rfd->HwRfd->RfdStatus;
        if ((Status & RFD_STATUS_COMPLETE) == 0) {
            break;
        }
        Count++;
        Adapter->RecvListHead = Rfd->Next;
        if (Adapter->RecvListHead == NULL) {
            Adapter->RecvListTail = NULL;
        }
        Adapter->nReadyRecv--;

        if ((Status & RFD_STATUS_OK) == 0 || (Status & RFD_ERROR_MASK) != 0) {
            Adapter->RcvCrcErrors++;
            NICQueueRfd(Adapter, Rfd);
            continue;
        }
        if (Adapter->nReadyRecv < NIC_MIN_RFDS) {
            // keep the RU fed: drop this frame, recycle its RFD
            Adapter->RcvResourceErrors++;
            NICQueueRfd(Adapter, Rfd);
            continue;
        }

        Nbl = Rfd->NetBufferList;
        NET_BUFFER_DATA_LENGTH(NET_BUFFER_LIST_FIRST_NB(Nbl)) = Rfd->HwRfd->RfdActualCount & RFD_ACT_COUNT_MASK;
        Nbl->MiniportReserved[1] = Rfd;                 // owned by the stack
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        if (Tail != NULL) {
            NET_BUFFER_LIST_NEXT_NBL(Tail) = Nbl;
        } else {
            Head = Nbl;
        }
        Tail = Nbl;
        Indicated++;
        MP_INC_RCV_REF(Adapter);
        Adapter->GoodReceives++;
    }

    if (Head != NULL) {
        NdisDprReleaseSpinLock(&Adapter->RcvLock);
        NdisMIndicateReceiveNetBufferLists(Adapter->AdapterHandle, Head, NDIS_DEFAULT_PORT_NUMBER,
                                           Indicated, NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL);
        NdisDprAcquireSpinLock(&Adapter->RcvLock);
    }

    if (Adapter->RecvListHead != NULL && !MP_TEST_FLAG(Adapter, fMP_ADAPTER_HALT_IN_PROGRESS)) {
        USHORT Scb;

        NIC_READ_STATUS(Adapter, &Scb);
        if ((Scb & SCB_RUS_MASK) == SCB_RUS_NO_RESOURCES) {
            (VOID)NICStartRecv(Adapter);
        }
    }
}

VOID
MPReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;
    BOOLEAN DispatchLevel = NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(ReturnFlags) ? TRUE : FALSE;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;

    MP_ACQUIRE_SPIN_LOCK(&Adapter->RcvLock, DispatchLevel);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        PMP_RFD Rfd = (PMP_RFD)Nbl->MiniportReserved[0];

        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = NULL;
        Nbl->MiniportReserved[1] = NULL;
        NICQueueRfd(Adapter, Rfd);
        MP_DEC_RCV_REF(Adapter);
    }
    MP_RELEASE_SPIN_LOCK(&Adapter->RcvLock, DispatchLevel);
}
