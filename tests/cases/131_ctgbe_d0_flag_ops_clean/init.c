/*
 * Contoso CT-GbE: initialize, halt, interrupt acquire/release, chip reset.
 * (Case 130/131 driver: see power.c for what the case is about.)
 */
#include "adapter.h"

static VOID
CtLogError(PCT_ADAPTER Adapter, NDIS_ERROR_CODE Code, ULONG Value)
{
    NdisWriteErrorLogEntry(Adapter->AdapterHandle, Code, 1, Value);
}

/* Reads the PCI header and picks the revision's operations table. */
static NDIS_STATUS
CtReadPciConfig(PCT_ADAPTER Adapter)
{
    PCI_COMMON_CONFIG Pci;
    ULONG BytesRead;

    BytesRead = NdisMGetBusData(Adapter->AdapterHandle, PCI_WHICHSPACE_CONFIG, 0, &Pci,
                                PCI_COMMON_HDR_LENGTH);
    if (BytesRead != PCI_COMMON_HDR_LENGTH) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    if (Pci.VendorID != CT_VENDOR_ID) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    Adapter->DeviceId = Pci.DeviceID;
    Adapter->RevisionId = Pci.RevisionID;

    switch (Pci.DeviceID) {
    case CT_DEVICE_ID_REV_A:
        Adapter->HwOps = &CtRevAOps;
        break;
    case CT_DEVICE_ID_REV_B:
        Adapter->HwOps = &CtRevBOps;
        break;
    default:
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    return NDIS_STATUS_SUCCESS;
}

/* Walks the translated resource list: one memory BAR for the CSRs, one interrupt (line or message). */
static NDIS_STATUS
CtParseResources(PCT_ADAPTER Adapter, PNDIS_RESOURCE_LIST Resources)
{
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Desc;
    BOOLEAN HaveCsr = FALSE;
    BOOLEAN HaveInterrupt = FALSE;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    for (i = 0; i < Resources->Count; i++) {
        Desc = &Resources->PartialDescriptors[i];
        switch (Desc->Type) {
        case CmResourceTypeMemory:
            if (!HaveCsr && Desc->u.Memory.Length >= CT_CSR_WINDOW_SIZE) {
                Adapter->CsrPhysical = Desc->u.Memory.Start;
                Adapter->CsrLength = CT_CSR_WINDOW_SIZE;
                HaveCsr = TRUE;
            }
            break;
        case CmResourceTypeInterrupt:
            HaveInterrupt = TRUE;
            Adapter->InterruptIsMessage = (Desc->Flags & CM_RESOURCE_INTERRUPT_MESSAGE) ? TRUE : FALSE;
            Adapter->InterruptVector = Desc->u.Interrupt.Vector;
            break;
        default:
            break;
        }
    }
    if (!HaveCsr || !HaveInterrupt) {
        return NDIS_STATUS_RESOURCE_CONFLICT;
    }
    return NDIS_STATUS_SUCCESS;
}

/* The BAR may decode to nothing behind a hot-plug bridge: touch it under an exception handler. */
static NDIS_STATUS
CtProbeHardware(PCT_ADAPTER Adapter)
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    ULONG Value = 0;

    __try {
        Value = CT_READ(Adapter, CT_REG_STATUS);
        if (Value == 0xFFFFFFFF) {
            Status = NDIS_STATUS_DEVICE_FAILED;
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = NDIS_STATUS_DEVICE_FAILED;
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        CtLogError(Adapter, NDIS_ERROR_CODE_HARDWARE_FAILURE, Value);
    }
    return Status;
}

NDIS_STATUS
CtHwReset(PCT_ADAPTER Adapter)
{
    ULONG Poll;

    CT_WRITE(Adapter, CT_REG_IMC, 0xFFFFFFFF);
    CT_WRITE(Adapter, CT_REG_RCTL, 0);
    CT_WRITE(Adapter, CT_REG_TCTL, 0);
    CT_WRITE(Adapter, CT_REG_CTRL, CT_READ(Adapter, CT_REG_CTRL) | CT_CTRL_RST);
    for (Poll = 0; Poll < CT_RESET_POLLS; Poll++) {
        NdisStallExecution(CT_RESET_POLL_US);
        if ((CT_READ(Adapter, CT_REG_CTRL) & CT_CTRL_RST) == 0) {
            CT_WRITE(Adapter, CT_REG_IMC, 0xFFFFFFFF);
            (VOID)CT_READ(Adapter, CT_REG_ICR);
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_HARD_ERRORS;
}

/* Rings, address filter and link; interrupts stay masked until CtUnmaskInterrupts. */
VOID
CtHwStart(PCT_ADAPTER Adapter)
{
    ULONG Ral;
    ULONG Rah;

    Ral = Adapter->CurrentAddress[0] | (Adapter->CurrentAddress[1] << 8) |
          (Adapter->CurrentAddress[2] << 16) | ((ULONG)Adapter->CurrentAddress[3] << 24);
    Rah = Adapter->CurrentAddress[4] | (Adapter->CurrentAddress[5] << 8) | 0x80000000;
    CT_WRITE(Adapter, CT_REG_RAL0, Ral);
    CT_WRITE(Adapter, CT_REG_RAH0, Rah);
    CT_WRITE(Adapter, CT_REG_RDLEN, CT_RX_RING_SIZE * 16);
    CT_WRITE(Adapter, CT_REG_RDH, 0);
    CT_WRITE(Adapter, CT_REG_RDT, CT_RX_RING_SIZE - 1);
    CT_WRITE(Adapter, CT_REG_TDLEN, CT_TX_RING_SIZE * 16);
    CT_WRITE(Adapter, CT_REG_TDH, 0);
    CT_WRITE(Adapter, CT_REG_TDT, 0);
    CT_WRITE(Adapter, CT_REG_TCTL, CT_TCTL_EN);
    CT_WRITE(Adapter, CT_REG_CTRL, CT_READ(Adapter, CT_REG_CTRL) | CT_CTRL_SLU);
    Adapter->TxHead = 0;
    Adapter->TxTail = 0;
    Adapter->TxFree = CT_TX_RING_SIZE;
    Adapter->RxNext = 0;
}

static NDIS_STATUS
CtReadMacAddress(PCT_ADAPTER Adapter)
{
    ULONG Ral = CT_READ(Adapter, CT_REG_RAL0);
    ULONG Rah = CT_READ(Adapter, CT_REG_RAH0);
    ULONG i;

    if ((Rah & 0x80000000) == 0) {
        return NDIS_STATUS_INVALID_DATA;
    }
    for (i = 0; i < 4; i++) {
        Adapter->PermanentAddress[i] = (UCHAR)(Ral >> (8 * i));
    }
    Adapter->PermanentAddress[4] = (UCHAR)Rah;
    Adapter->PermanentAddress[5] = (UCHAR)(Rah >> 8);
    if (Adapter->PermanentAddress[0] & 0x01) {
        return NDIS_STATUS_INVALID_DATA;
    }
    NdisMoveMemory(Adapter->CurrentAddress, Adapter->PermanentAddress, 6);
    return NDIS_STATUS_SUCCESS;
}

/*
 * Connects the interrupt: MSI-X with one message per queue when the resource is a message
 * interrupt and the revision has vectors, the line interrupt otherwise.
 */
NDIS_STATUS
CtAcquireInterrupt(PCT_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    NDIS_STATUS Status;

    NdisZeroMemory(&Intr, sizeof(Intr));
    Intr.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    Intr.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    Intr.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    Intr.InterruptHandler = CtIsr;
    Intr.InterruptDpcHandler = CtDpc;
    Intr.EnableInterruptHandler = CtEnableInterrupt;
    Intr.DisableInterruptHandler = CtDisableInterrupt;
    if (Adapter->InterruptIsMessage && Adapter->HwOps->MessageCount > 1) {
        Intr.MsiSupported = TRUE;
        Intr.MsiSyncWithAllMessages = FALSE;
        Intr.MessageInterruptHandler = CtMessageIsr;
        Intr.MessageInterruptDpcHandler = CtMessageDpc;
        Intr.EnableMessageInterruptHandler = CtEnableMessageInterrupt;
        Intr.DisableMessageInterruptHandler = CtDisableMessageInterrupt;
    }

    Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &Intr, &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        Adapter->InterruptHandle = NULL;
        CtLogError(Adapter, NDIS_ERROR_CODE_INTERRUPT_CONNECT, (ULONG)Status);
        return Status;
    }
    Adapter->InterruptType = Intr.InterruptType;
    if (Intr.InterruptType == NDIS_CONNECT_MESSAGE_BASED) {
        MP_SET_FLAG(Adapter, fMP_ADAPTER_MSIX);
    } else {
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_MSIX);
    }
    MP_SET_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE);
    return NDIS_STATUS_SUCCESS;
}

VOID
CtReleaseInterrupt(PCT_ADAPTER Adapter)
{
    if (!MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
        return;
    }
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    Adapter->InterruptHandle = NULL;
    MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE | fMP_ADAPTER_MSIX);
}

static NDIS_STATUS
CtSetGeneralAttributes(PCT_ADAPTER Adapter)
{
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES Gen;

    NdisZeroMemory(&Gen, sizeof(Gen));
    Gen.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    Gen.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2;
    Gen.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2;
    Gen.MediaType = NdisMedium802_3;
    Gen.PhysicalMediumType = NdisPhysicalMedium802_3;
    Gen.MtuSize = CT_MAX_FRAME_SIZE - CT_HEADER_SIZE;
    Gen.MaxXmitLinkSpeed = CT_LINK_SPEED_1G;
    Gen.MaxRcvLinkSpeed = CT_LINK_SPEED_1G;
    Gen.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    Gen.RcvLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    Gen.MediaConnectState = MediaConnectStateUnknown;
    Gen.MediaDuplexState = MediaDuplexStateUnknown;
    Gen.LookaheadSize = CT_MAX_LOOKAHEAD;
    Gen.MacOptions = NDIS_MAC_OPTION_COPY_LOOKAHEAD_DATA | NDIS_MAC_OPTION_TRANSFERS_NOT_PEND |
                     NDIS_MAC_OPTION_NO_LOOPBACK;
    Gen.SupportedPacketFilters = CT_SUPPORTED_FILTERS;
    Gen.MaxMulticastListSize = CT_MAX_MCAST;
    Gen.MacAddressLength = 6;
    NdisMoveMemory(Gen.PermanentMacAddress, Adapter->PermanentAddress, 6);
    NdisMoveMemory(Gen.CurrentMacAddress, Adapter->CurrentAddress, 6);
    Gen.AccessType = NET_IF_ACCESS_BROADCAST;
    Gen.DirectionType = NET_IF_DIRECTION_SENDRECEIVE;
    Gen.ConnectionType = NET_IF_CONNECTION_DEDICATED;
    Gen.IfType = IF_TYPE_ETHERNET_CSMACD;
    Gen.IfConnectorPresent = TRUE;
    return NdisMSetMiniportAttributes(Adapter->AdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Gen);
}

static VOID
CtFreeAdapter(PCT_ADAPTER Adapter)
{
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeSpinLock(&Adapter->RecvLock);
    NdisFreeMemory(Adapter, sizeof(CT_ADAPTER), 0);
}

NDIS_STATUS
CtInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    NET_BUFFER_LIST_POOL_PARAMETERS PoolParams;
    PCT_ADAPTER Adapter;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(CT_ADAPTER), CT_POOL_TAG,
                                                NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(CT_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    Adapter->State = MpStateInitializing;
    Adapter->DevicePowerState = NdisDeviceStateD0;
    Adapter->PacketFilter = 0;
    Adapter->Lookahead = CT_MAX_LOOKAHEAD;
    NdisAllocateSpinLock(&Adapter->SendLock);
    NdisAllocateSpinLock(&Adapter->RecvLock);

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    Reg.CheckForHangTimeInSeconds = 4;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }

    Status = CtReadPciConfig(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }
    Status = CtParseResources(Adapter, MiniportInitParameters->AllocatedResources);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }
    Status = NdisMMapIoSpace((PVOID *)&Adapter->Csr, MiniportAdapterHandle, Adapter->CsrPhysical,
                             Adapter->CsrLength);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreeAdapter;
    }
    Status = CtProbeHardware(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto UnmapCsr;
    }
    Status = CtHwReset(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto UnmapCsr;
    }
    Status = CtReadMacAddress(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto UnmapCsr;
    }
    Status = CtSetGeneralAttributes(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto UnmapCsr;
    }

    NdisZeroMemory(&PoolParams, sizeof(PoolParams));
    PoolParams.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    PoolParams.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    PoolParams.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    PoolParams.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
    PoolParams.fAllocateNetBuffer = TRUE;
    PoolParams.PoolTag = CT_POOL_TAG;
    Adapter->NblPool = NdisAllocateNetBufferListPool(MiniportAdapterHandle, &PoolParams);
    if (Adapter->NblPool == NULL) {
        Status = NDIS_STATUS_RESOURCES;
        goto UnmapCsr;
    }

    Status = CtAcquireInterrupt(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto FreePool;
    }

    CtHwStart(Adapter);
    if (Adapter->HwOps->MessageCount > 1 && !MP_TEST_FLAG(Adapter, fMP_ADAPTER_MSIX)) {
        /* revision B needs its vectors; the line fallback cannot route RX and TX apart */
        Status = NDIS_STATUS_RESOURCE_CONFLICT;
        goto ReleaseInterrupt;
    }
    CtUnmaskInterrupts(Adapter);
    CtUpdateLinkState(Adapter);
    Adapter->State = MpStatePaused;
    return NDIS_STATUS_SUCCESS;

ReleaseInterrupt:
    CtReleaseInterrupt(Adapter);
FreePool:
    NdisFreeNetBufferListPool(Adapter->NblPool);
UnmapCsr:
    NdisMUnmapIoSpace(MiniportAdapterHandle, (PVOID)Adapter->Csr, Adapter->CsrLength);
FreeAdapter:
    CtFreeAdapter(Adapter);
    return Status;
}

VOID
CtHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PCT_ADAPTER Adapter = (PCT_ADAPTER)MiniportAdapterContext;

    MP_SET_FLAG(Adapter, fMP_ADAPTER_HALT_IN_PROGRESS);
    Adapter->State = MpStateHalting;

    if (HaltAction != NdisHaltDeviceSurpriseRemoved && MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
        CtMaskInterrupts(Adapter);
        CT_WRITE(Adapter, CT_REG_RCTL, 0);
        CT_WRITE(Adapter, CT_REG_TCTL, 0);
    }
    CtReleaseInterrupt(Adapter);

    CtFlushWaitingSends(Adapter, NDIS_STATUS_FAILURE);
    NdisFreeNetBufferListPool(Adapter->NblPool);
    NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Csr, Adapter->CsrLength);
    CtFreeAdapter(Adapter);
}
