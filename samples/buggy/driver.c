/*
 * driver.c - Contoso CX-2000 miniport: driver entry, characteristics, the send path.
 *
 * DriverEntry registers the miniport with NDIS; everything per adapter starts in
 * MpInitializeEx (adapter.c).  Sends are handed to the chip under SendLock and completed
 * immediately (the CX-2000 copies frames into its on-chip FIFO synchronously).
 */

#include "cx.h"

DRIVER_INITIALIZE DriverEntry;
MINIPORT_SET_OPTIONS MpSetOptions;
MINIPORT_UNLOAD MpUnload;

NDIS_HANDLE CxDriverHandle;

VOID
MpSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    PCX_ADAPTER Adapter = (PCX_ADAPTER)MiniportAdapterContext;
    BOOLEAN DispatchLevel = (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) != 0;
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;
    PNET_BUFFER_LIST Nbl;

    UNREFERENCED_PARAMETER(PortNumber);

    if (DispatchLevel) {
        NdisDprAcquireSpinLock(&Adapter->SendLock);
    } else {
        NdisAcquireSpinLock(&Adapter->SendLock);
    }

    if (Adapter->Paused) {
        Status = NDIS_STATUS_PAUSED;
    } else if (Adapter->DevicePowerState != NdisDeviceStateD0) {
        Status = NDIS_STATUS_LOW_POWER_STATE;
    } else if (!Adapter->LinkUp) {
        Status = NDIS_STATUS_MEDIA_DISCONNECTED;
    } else {
        for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
            Adapter->TxInFlight = (Adapter->TxInFlight + 1) % CX_TX_RING_SIZE;
            Adapter->FramesSent++;
        }
        CX_WRITE(Adapter, CX_REG_TX_TAIL, Adapter->TxInFlight);
    }

    if (DispatchLevel) {
        NdisDprReleaseSpinLock(&Adapter->SendLock);
    } else {
        NdisReleaseSpinLock(&Adapter->SendLock);
    }

    for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
        NET_BUFFER_LIST_STATUS(Nbl) = Status;
    }
    NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists,
                                    DispatchLevel ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
MpReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                       ULONG ReturnFlags)
{
    // receive indications are copied; nothing is owned by the miniport
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
MpCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
    // sends never pend
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(CancelId);
}

NDIS_STATUS
MpSetOptions(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext)
{
    UNREFERENCED_PARAMETER(NdisDriverHandle);
    UNREFERENCED_PARAMETER(DriverContext);

    return NDIS_STATUS_SUCCESS;
}

VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);

    NdisMDeregisterMiniportDriver(CxDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS);
    Chars.MajorNdisVersion = CX_NDIS_MAJOR_VERSION;
    Chars.MinorNdisVersion = CX_NDIS_MINOR_VERSION;
    Chars.MajorDriverVersion = CX_DRIVER_MAJOR_VERSION;
    Chars.MinorDriverVersion = CX_DRIVER_MINOR_VERSION;

    Chars.SetOptionsHandler = MpSetOptions;
    Chars.InitializeHandlerEx = MpInitializeEx;
    Chars.HaltHandlerEx = MpHaltEx;
    Chars.UnloadHandler = MpUnload;
    Chars.PauseHandler = MpPause;
    Chars.RestartHandler = MpRestart;
    Chars.OidRequestHandler = MpOidRequest;
    Chars.CancelOidRequestHandler = MpCancelOidRequest;
    Chars.SendNetBufferListsHandler = MpSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = MpReturnNetBufferLists;
    Chars.CancelSendHandler = MpCancelSend;
    Chars.CheckForHangHandlerEx = MpCheckForHang;
    Chars.ResetHandlerEx = MpReset;
    Chars.DevicePnPEventNotifyHandler = MpDevicePnPEvent;
    Chars.ShutdownHandlerEx = MpShutdown;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &CxDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return (NTSTATUS)Status;
    }
    return STATUS_SUCCESS;
}
