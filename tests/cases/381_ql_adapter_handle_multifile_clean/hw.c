/*
 * hw.c - QL-10 register access, reset, quiesce and the send path.
 */
#include "ql.h"

ULONG
QlHwRead(PQL_ADAPTER Adapter, ULONG Register)
{
    return READ_REGISTER_ULONG((PULONG)(Adapter->Csr + Register));
}

VOID
QlHwWrite(PQL_ADAPTER Adapter, ULONG Register, ULONG Value)
{
    WRITE_REGISTER_ULONG((PULONG)(Adapter->Csr + Register), Value);
}

NDIS_STATUS
QlHwMap(PQL_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    ULONG i;

    for (i = 0; Resources != NULL && i < Resources->Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc = &Resources->PartialDescriptors[i];

        if (Desc->Type == CmResourceTypeMemory && Desc->u.Memory.Length >= QL_CSR_SIZE) {
            return NdisMMapIoSpace((PVOID *)&Adapter->Csr, Adapter->MiniportHandle,
                                   Desc->u.Memory.Start, QL_CSR_SIZE);
        }
    }
    return NDIS_STATUS_RESOURCE_CONFLICT;
}

VOID
QlHwUnmap(PQL_ADAPTER Adapter)
{
    if (Adapter->Csr != NULL) {
        NdisMUnmapIoSpace(Adapter->MiniportHandle, Adapter->Csr, QL_CSR_SIZE);
        Adapter->Csr = NULL;
    }
}

NDIS_STATUS
QlHwReset(PQL_ADAPTER Adapter)
{
    ULONG Poll;

    QlHwWrite(Adapter, QL_CSR_IMC, 0xFFFFFFFF);
    QlHwWrite(Adapter, QL_CSR_CTRL, QL_CTRL_RST);
    for (Poll = 0; Poll < QL_RESET_POLLS; Poll++) {
        NdisStallExecution(QL_RESET_POLL_US);
        if ((QlHwRead(Adapter, QL_CSR_CTRL) & QL_CTRL_RST) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_HARD_ERRORS;
}

/* Stops receive and masks the chip before halt gives the interrupt back. */
VOID
QlHwQuiesce(PQL_ADAPTER Adapter)
{
    QL_RCTL Rctl;

    if (Adapter->State.Removed) {
        return;                                 /* registers read all ones */
    }
    Rctl.All = QlHwRead(Adapter, QL_CSR_RCTL);
    Rctl.Bits.Enable = 0;
    QlHwWrite(Adapter, QL_CSR_RCTL, Rctl.All);
    (VOID)QlSyncHw(Adapter, QlMaskSync, Adapter);
}

_Use_decl_annotations_
VOID
QlSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PQL_ADAPTER Adapter = (PQL_ADAPTER)MiniportAdapterContext;
    PNET_BUFFER_LIST Nbl;
    ULONG CompleteFlags = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0;

    UNREFERENCED_PARAMETER(PortNumber);

    NdisAcquireSpinLock(&Adapter->TxLock);
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Adapter->State.Removed ? NDIS_STATUS_ADAPTER_REMOVED : NDIS_STATUS_SUCCESS;
        Adapter->TxTail = (Adapter->TxTail + 1) & 0xFF;
    }
    if (!Adapter->State.Removed) {
        QlHwWrite(Adapter, QL_CSR_TDT, Adapter->TxTail);
    }
    NdisReleaseSpinLock(&Adapter->TxLock);
    NdisMSendNetBufferListsComplete(Adapter->MiniportHandle, NetBufferLists, CompleteFlags);
}

_Use_decl_annotations_
VOID
QlReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

_Use_decl_annotations_
VOID
QlCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}
