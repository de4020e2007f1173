/*
 * Adatum AE-1: ISR/DPC, OID requests, data path, state callbacks.
 * (Case 137 driver: see ad_driver.c for what the case is about.)
 */
#include "adatum.h"

BOOLEAN
AdIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
    PAD_DEVICE Dev = (PAD_DEVICE)MiniportInterruptContext;
    ULONG Cause = AD_RD(Dev, AD_R_ISR) & AD_ISR_ALL;

    UNREFERENCED_PARAMETER(TargetProcessors);
    if (Cause == 0) {
        *QueueDefaultInterruptDpc = FALSE;
        return FALSE;
    }
    AD_WR(Dev, AD_R_ISR, Cause);
    AD_WR(Dev, AD_R_IMR, 0);
    AD_WR(Dev, AD_R_HEARTBEAT, AD_RD(Dev, AD_R_HEARTBEAT) + 1);
    Dev->IntrCause |= Cause;
    *QueueDefaultInterruptDpc = TRUE;
    return TRUE;
}

VOID
AdDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters,
      PVOID NdisReserved2)
{
    PAD_DEVICE Dev = (PAD_DEVICE)MiniportInterruptContext;
    ULONG Cause;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
    UNREFERENCED_PARAMETER(NdisReserved2);

    Cause = Dev->IntrCause;
    Dev->IntrCause = 0;
    if (Cause & AD_ISR_TX) {
        AdCompleteTx(Dev, TRUE);
    }
    if (Cause & AD_ISR_RX) {
        NdisDprAcquireSpinLock(&Dev->StatsLock);
        Dev->RxFrames++;
        NdisDprReleaseSpinLock(&Dev->StatsLock);
    }
    if (Dev->Removed) {
        return;
    }
    (VOID)AdRunSync(Dev, AdSyncUnmask, 0);
}

VOID
AdEnableIntr(NDIS_HANDLE MiniportInterruptContext)
{
    PAD_DEVICE Dev = (PAD_DEVICE)MiniportInterruptContext;

    AD_WR(Dev, AD_R_IMR, AD_ISR_ALL);
}

VOID
AdDisableIntr(NDIS_HANDLE MiniportInterruptContext)
{
    PAD_DEVICE Dev = (PAD_DEVICE)MiniportInterruptContext;

    AD_WR(Dev, AD_R_IMR, 0);
}

/* Sends complete under TxLock; the statistics lock nests inside it, never the other way. */
VOID
AdCompleteTx(PAD_DEVICE Dev, BOOLEAN AtDispatch)
{
    PNET_BUFFER_LIST Done = NULL;
    PNET_BUFFER_LIST Nbl;

    if (AtDispatch) {
        NdisDprAcquireSpinLock(&Dev->TxLock);
    } else {
        NdisAcquireSpinLock(&Dev->TxLock);
    }
    if (Dev->TxConsume == Dev->TxProduce) {
        goto Unlock;
    }
    while (Dev->TxConsume != Dev->TxProduce) {
        Nbl = Dev->TxPending[Dev->TxConsume % AD_TX_DEPTH];
        Dev->TxPending[Dev->TxConsume % AD_TX_DEPTH] = NULL;
        Dev->TxConsume++;
        NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
        NET_BUFFER_LIST_NEXT_NBL(Nbl) = Done;
        Done = Nbl;
    }
    NdisDprAcquireSpinLock(&Dev->StatsLock);
    Dev->TxFrames = Dev->TxConsume;
    NdisDprReleaseSpinLock(&Dev->StatsLock);
Unlock:
    if (AtDispatch) {
        NdisDprReleaseSpinLock(&Dev->TxLock);
    } else {
        NdisReleaseSpinLock(&Dev->TxLock);
    }
    if (Done != NULL) {
        NdisMSendNetBufferListsComplete(Dev->MiniportHandle, Done,
                                        AtDispatch ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
    }
}

VOID
AdSend(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber,
       ULONG SendFlags)
{
    PAD_DEVICE Dev = (PAD_DEVICE)MiniportAdapterContext;
    BOOLEAN AtDispatch = NDIS_TEST_SEND_AT_DISPATCH_LEVEL(SendFlags) ? TRUE : FALSE;
    PNET_BUFFER_LIST Nbl;
    PNET_BUFFER_LIST Next;
    PNET_BUFFER_LIST Refused = NULL;

    UNREFERENCED_PARAMETER(PortNumber);

    if (AtDispatch) {
        NdisDprAcquireSpinLock(&Dev->TxLock);
    } else {
        NdisAcquireSpinLock(&Dev->TxLock);
    }
    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = Next) {
        Next = NET_BUFFER_LIST_NEXT_NBL(Nbl);
        if (!Dev->Running || Dev->Removed || Dev->TxProduce - Dev->TxConsume >= AD_TX_DEPTH) {
            NET_BUFFER_LIST_STATUS(Nbl) = Dev->Running ? NDIS_STATUS_RESOURCES : NDIS_STATUS_PAUSED;
            NET_BUFFER_LIST_NEXT_NBL(Nbl) = Refused;
            Refused = Nbl;
            continue;
        }
        Dev->TxPending[Dev->TxProduce % AD_TX_DEPTH] = Nbl;
        Dev->TxProduce++;
        NdisDprAcquireSpinLock(&Dev->StatsLock);
        Dev->TxBytes += NET_BUFFER_DATA_LENGTH(NET_BUFFER_LIST_FIRST_NB(Nbl));
        NdisDprReleaseSpinLock(&Dev->StatsLock);
    }
    AD_WR(Dev, AD_R_TXDOOR, Dev->TxProduce);
    if (AtDispatch) {
        NdisDprReleaseSpinLock(&Dev->TxLock);
    } else {
        NdisReleaseSpinLock(&Dev->TxLock);
    }
    if (Refused != NULL) {
        NdisMSendNetBufferListsComplete(Dev->MiniportHandle, Refused,
                                        AtDispatch ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
    }
}

VOID
AdReturn(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
AdCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

static NDIS_STATUS
AdSetPower(PAD_DEVICE Dev, NDIS_DEVICE_POWER_STATE State)
{
    NDIS_STATUS Status;

    if (State == NdisDeviceStateD0) {
        if (Dev->Power == NdisDeviceStateD0) {
            return NDIS_STATUS_SUCCESS;
        }
        Status = AdResetChip(Dev);
        if (Status != NDIS_STATUS_SUCCESS) {
            return Status;
        }
        AdPhySettle(Dev, 200);                   /* PHY power-up: settles in chunks of <= 50 us */
        Status = AdConnectInterrupt(Dev);
        if (Status != NDIS_STATUS_SUCCESS) {
            return Status;
        }
        (VOID)AdRunSync(Dev, AdSyncRxConfig, Dev->RxConfig);
        (VOID)AdRunSync(Dev, AdSyncUnmask, 0);
        Dev->Power = NdisDeviceStateD0;
        return NDIS_STATUS_SUCCESS;
    }
    if (Dev->Power == NdisDeviceStateD0) {
        (VOID)AdRunSync(Dev, AdSyncMask, 0);
        AdReleaseInterrupt(Dev);
    }
    Dev->Power = State;
    return NDIS_STATUS_SUCCESS;
}

static ULONG
AdFilterToRxConfig(ULONG Filter)
{
    ULONG Config = 0;

    if (Filter & NDIS_PACKET_TYPE_DIRECTED) {
        Config |= 0x1;
    }
    if (Filter & (NDIS_PACKET_TYPE_MULTICAST | NDIS_PACKET_TYPE_ALL_MULTICAST)) {
        Config |= 0x2;
    }
    if (Filter & NDIS_PACKET_TYPE_BROADCAST) {
        Config |= 0x4;
    }
    if (Filter & NDIS_PACKET_TYPE_PROMISCUOUS) {
        Config |= 0xF;
    }
    return Config;
}

NDIS_STATUS
AdOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PAD_DEVICE Dev = (PAD_DEVICE)MiniportAdapterContext;
    struct _SET *Set = &OidRequest->DATA.SET_INFORMATION;
    struct _QUERY *Query = &OidRequest->DATA.QUERY_INFORMATION;
    ULONG Value;

    if (OidRequest->RequestType == NdisRequestSetInformation) {
        switch (Set->Oid) {
        case OID_GEN_CURRENT_PACKET_FILTER:
            if (Set->InformationBufferLength < sizeof(ULONG)) {
                return NDIS_STATUS_INVALID_LENGTH;
            }
            Dev->Filter = *(PULONG)Set->InformationBuffer;
            Dev->RxConfig = AdFilterToRxConfig(Dev->Filter);
            if (Dev->Power == NdisDeviceStateD0 && !Dev->Removed) {
                (VOID)AdRunSync(Dev, AdSyncRxConfig, Dev->RxConfig);
            }
            Set->BytesRead = sizeof(ULONG);
            return NDIS_STATUS_SUCCESS;
        case OID_PNP_SET_POWER:
            if (Set->InformationBufferLength < sizeof(NDIS_DEVICE_POWER_STATE)) {
                return NDIS_STATUS_INVALID_LENGTH;
            }
            Set->BytesRead = sizeof(NDIS_DEVICE_POWER_STATE);
            return AdSetPower(Dev, *(PNDIS_DEVICE_POWER_STATE)Set->InformationBuffer);
        case OID_GEN_CURRENT_LOOKAHEAD:
        case OID_802_3_MULTICAST_LIST:
            Set->BytesRead = Set->InformationBufferLength;
            return NDIS_STATUS_SUCCESS;
        default:
            return NDIS_STATUS_NOT_SUPPORTED;
        }
    }
    if (OidRequest->RequestType != NdisRequestQueryInformation &&
        OidRequest->RequestType != NdisRequestQueryStatistics) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    switch (Query->Oid) {
    case OID_GEN_CURRENT_PACKET_FILTER:
        Value = Dev->Filter;
        break;
    case OID_GEN_MAXIMUM_FRAME_SIZE:
    case OID_GEN_CURRENT_LOOKAHEAD:
        Value = AD_MTU;
        break;
    case OID_GEN_MEDIA_CONNECT_STATUS:
        Value = (Dev->Power == NdisDeviceStateD0 && (AdPhyRead(Dev, 1) & 0x4)) ? MediaConnectStateConnected
                                                                              : MediaConnectStateDisconnected;
        break;
    case OID_GEN_XMIT_OK:
        Value = (ULONG)Dev->TxFrames;
        break;
    case OID_GEN_RCV_OK:
        Value = (ULONG)Dev->RxFrames;
        break;
    case OID_802_3_CURRENT_ADDRESS:
    case OID_802_3_PERMANENT_ADDRESS:
        if (Query->InformationBufferLength < 6) {
            Query->BytesNeeded = 6;
            return NDIS_STATUS_BUFFER_TOO_SHORT;
        }
        NdisMoveMemory(Query->InformationBuffer, Dev->Mac, 6);
        Query->BytesWritten = 6;
        return NDIS_STATUS_SUCCESS;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    if (Query->InformationBufferLength < sizeof(ULONG)) {
        Query->BytesNeeded = sizeof(ULONG);
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    *(PULONG)Query->InformationBuffer = Value;
    Query->BytesWritten = sizeof(ULONG);
    return NDIS_STATUS_SUCCESS;
}

VOID
AdCancelOid(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

NDIS_STATUS
AdPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    PAD_DEVICE Dev = (PAD_DEVICE)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(PauseParameters);
    NdisAcquireSpinLock(&Dev->TxLock);
    Dev->Running = FALSE;
    NdisReleaseSpinLock(&Dev->TxLock);
    AdCompleteTx(Dev, FALSE);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
AdRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    PAD_DEVICE Dev = (PAD_DEVICE)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(RestartParameters);
    if (Dev->Removed) {
        return NDIS_STATUS_ADAPTER_REMOVED;
    }
    NdisAcquireSpinLock(&Dev->TxLock);
    Dev->Running = TRUE;
    NdisReleaseSpinLock(&Dev->TxLock);
    return NDIS_STATUS_SUCCESS;
}

/* The core can wedge with its interrupt line asserted; the heartbeat the ISR keeps tells. */
BOOLEAN
AdCheckForHang(NDIS_HANDLE MiniportAdapterContext)
{
    PAD_DEVICE Dev = (PAD_DEVICE)MiniportAdapterContext;

    if (Dev->Removed || Dev->Power != NdisDeviceStateD0 || Dev->IntrHandle == NULL) {
        return FALSE;
    }
    return AdRunSync(Dev, AdSyncHeartbeat, 0) ? FALSE : TRUE;
}

NDIS_STATUS
AdReset(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset)
{
    PAD_DEVICE Dev = (PAD_DEVICE)MiniportAdapterContext;
    NDIS_STATUS Status;

    *AddressingReset = FALSE;
    if (Dev->Removed) {
        return NDIS_STATUS_ADAPTER_REMOVED;
    }
    if (Dev->Power != NdisDeviceStateD0) {
        /* powered down: the interrupt is given back and D0 brings the chip up from reset anyway */
        return NDIS_STATUS_SUCCESS;
    }
    (VOID)AdRunSync(Dev, AdSyncMask, 0);
    AdReleaseInterrupt(Dev);
    AdCompleteTx(Dev, FALSE);

    Status = AdResetChip(Dev);
    if (NT_SUCCESS(Status)) {
        Status = AdConnectInterrupt(Dev);
    }
    if (!NT_SUCCESS(Status)) {
        NdisWriteErrorLogEntry(Dev->MiniportHandle, NDIS_ERROR_CODE_HARDWARE_FAILURE, 1, Status);
        return Status;
    }
    (VOID)AdRunSync(Dev, AdSyncRxConfig, Dev->RxConfig);
    (VOID)AdRunSync(Dev, AdSyncUnmask, 0);
    return NDIS_STATUS_SUCCESS;
}

VOID
AdPnpEvent(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent)
{
    PAD_DEVICE Dev = (PAD_DEVICE)MiniportAdapterContext;

    switch (NetDevicePnPEvent->DevicePnPEvent) {
    case NdisDevicePnPEventSurpriseRemoved:
        Dev->Removed = TRUE;
        break;
    default:
        break;
    }
}

VOID
AdShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
    PAD_DEVICE Dev = (PAD_DEVICE)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(ShutdownAction);
    if (!Dev->Removed) {
        AD_WR(Dev, AD_R_IMR, 0);
        AD_WR(Dev, AD_R_CTRL, AD_CTRL_SRST);
    }
}
