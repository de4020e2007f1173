/*
 * Case 138_adatum_d3_reset_handle_lost_defect: twin of 137 (the same three-file on-chip Ethernet
 * miniport: static device context, designated-initialiser characteristics, the interrupt handle as
 * the "registered" flag, one op-code synchronize function whose result check-for-hang uses,
 * nested locks, stalls of at most 50 us) whose AdReset does not check the power state.  A reset
 * that arrives while the device is in D3 (interrupt given back, IntrHandle NULL) registers the
 * interrupt again; the next OID_PNP_SET_POWER to D0 then calls AdConnectInterrupt a second time,
 * and when that registration fails AdConnectInterrupt sets IntrHandle = NULL over the live handle.
 * AdHalt's AdReleaseInterrupt finds a NULL handle and returns without deregistering the interrupt
 * the reset registered.  Expected: one Init_RegisterInterrupt defect, at AdHalt's closing brace.
 * Case 137 is the twin whose reset does nothing in D3.
 */
#include "adatum.h"

AD_DEVICE AdDevice;
NDIS_HANDLE AdDriverHandle;

static NDIS_MINIPORT_DRIVER_CHARACTERISTICS AdChars = {
    .Header = {
        .Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS,
        .Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
        .Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
    },
    .MajorNdisVersion = 6,
    .MinorNdisVersion = 30,
    .MajorDriverVersion = 4,
    .MinorDriverVersion = 1,
    .InitializeHandlerEx = AdInitialize,
    .HaltHandlerEx = AdHalt,
    .UnloadHandler = AdUnload,
    .PauseHandler = AdPause,
    .RestartHandler = AdRestart,
    .OidRequestHandler = AdOidRequest,
    .CancelOidRequestHandler = AdCancelOid,
    .SendNetBufferListsHandler = AdSend,
    .ReturnNetBufferListsHandler = AdReturn,
    .CancelSendHandler = AdCancelSend,
    .CheckForHangHandlerEx = AdCheckForHang,
    .ResetHandlerEx = AdReset,
    .DevicePnPEventNotifyHandler = AdPnpEvent,
    .ShutdownHandlerEx = AdShutdown,
};

static NDIS_STATUS
AdMapRegisters(PAD_DEVICE Dev, PNDIS_RESOURCE_LIST Resources)
{
    ULONG i;

    for (i = 0; Resources != NULL && i < Resources->Count; i++) {
        if (Resources->PartialDescriptors[i].Type == CmResourceTypeMemory) {
            Dev->RegsPhys = Resources->PartialDescriptors[i].u.Memory.Start;
            return NdisMMapIoSpace((PVOID *)&Dev->Regs, Dev->MiniportHandle, Dev->RegsPhys, AD_REG_SPAN);
        }
    }
    return NDIS_STATUS_RESOURCE_CONFLICT;
}

static NDIS_STATUS
AdPublishAttributes(PAD_DEVICE Dev)
{
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES Gen;
    ULONG Lo = AD_RD(Dev, AD_R_MACLO);
    ULONG Hi = AD_RD(Dev, AD_R_MACHI);

    Dev->Mac[0] = (UCHAR)(Lo >> 24);
    Dev->Mac[1] = (UCHAR)(Lo >> 16);
    Dev->Mac[2] = (UCHAR)(Lo >> 8);
    Dev->Mac[3] = (UCHAR)Lo;
    Dev->Mac[4] = (UCHAR)(Hi >> 8);
    Dev->Mac[5] = (UCHAR)Hi;

    NdisZeroMemory(&Gen, sizeof(Gen));
    Gen.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    Gen.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    Gen.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1;
    Gen.MediaType = NdisMedium802_3;
    Gen.PhysicalMediumType = NdisPhysicalMedium802_3;
    Gen.MtuSize = AD_MTU;
    Gen.MaxXmitLinkSpeed = 1000000000ULL;
    Gen.MaxRcvLinkSpeed = 1000000000ULL;
    Gen.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    Gen.RcvLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    Gen.MediaConnectState = MediaConnectStateUnknown;
    Gen.LookaheadSize = AD_MTU;
    Gen.SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST |
                                 NDIS_PACKET_TYPE_MULTICAST | NDIS_PACKET_TYPE_PROMISCUOUS;
    Gen.MacAddressLength = 6;
    NdisMoveMemory(Gen.PermanentMacAddress, Dev->Mac, 6);
    NdisMoveMemory(Gen.CurrentMacAddress, Dev->Mac, 6);
    Gen.IfType = IF_TYPE_ETHERNET_CSMACD;
    Gen.IfConnectorPresent = TRUE;
    return NdisMSetMiniportAttributes(Dev->MiniportHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Gen);
}

NDIS_STATUS
AdInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    PAD_DEVICE Dev = &AdDevice;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    NdisZeroMemory(Dev, sizeof(*Dev));
    Dev->MiniportHandle = MiniportAdapterHandle;
    Dev->IntrHandle = NULL;
    Dev->Power = NdisDeviceStateD0;
    Dev->Removed = FALSE;
    Dev->Running = FALSE;
    NdisAllocateSpinLock(&Dev->TxLock);
    NdisAllocateSpinLock(&Dev->StatsLock);

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Dev;
    Reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND;
    Reg.CheckForHangTimeInSeconds = 3;
    Reg.InterfaceType = NdisInterfaceInternal;

    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status == NDIS_STATUS_SUCCESS) {
        Status = AdMapRegisters(Dev, MiniportInitParameters->AllocatedResources);
    }
    if (Status == NDIS_STATUS_SUCCESS) {
        Status = AdResetChip(Dev);
        if (Status != NDIS_STATUS_SUCCESS) {
            NdisMUnmapIoSpace(MiniportAdapterHandle, (PVOID)Dev->Regs, AD_REG_SPAN);
        }
    }
    if (Status == NDIS_STATUS_SUCCESS) {
        Status = AdPublishAttributes(Dev);
        if (Status != NDIS_STATUS_SUCCESS) {
            NdisMUnmapIoSpace(MiniportAdapterHandle, (PVOID)Dev->Regs, AD_REG_SPAN);
        }
    }
    if (Status == NDIS_STATUS_SUCCESS) {
        Status = AdConnectInterrupt(Dev);
        if (Status != NDIS_STATUS_SUCCESS) {
            NdisMUnmapIoSpace(MiniportAdapterHandle, (PVOID)Dev->Regs, AD_REG_SPAN);
        }
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&Dev->TxLock);
        NdisFreeSpinLock(&Dev->StatsLock);
        return Status;
    }
    (VOID)AdRunSync(Dev, AdSyncRxConfig, 0);
    (VOID)AdRunSync(Dev, AdSyncUnmask, 0);
    return NDIS_STATUS_SUCCESS;
}

VOID
AdHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PAD_DEVICE Dev = (PAD_DEVICE)MiniportAdapterContext;

    if (!Dev->Removed && HaltAction != NdisHaltDeviceSurpriseRemoved) {
        (VOID)AdRunSync(Dev, AdSyncMask, 0);
        AD_WR(Dev, AD_R_CTRL, 0);
    }
    AdReleaseInterrupt(Dev);
    AdCompleteTx(Dev, FALSE);
    NdisMUnmapIoSpace(Dev->MiniportHandle, (PVOID)Dev->Regs, AD_REG_SPAN);
    NdisFreeSpinLock(&Dev->TxLock);
    NdisFreeSpinLock(&Dev->StatsLock);
} // defect: Init_RegisterInterrupt

VOID
AdUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (AdDriverHandle != NULL) {
        NdisMDeregisterMiniportDriver(AdDriverHandle);
    }
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &AdChars, &AdDriverHandle);
}
