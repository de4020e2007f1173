/*
 * Case 116_multifile_unload_sync_defect: a four-file driver in sys/ with its headers in a sibling
 * inc/ folder, included with other case than the files have ("Nic.h" for nic.h, "nichw.h" for
 * NicHw.h); DriverEntry and the unload handler live here, MpHaltEx in adapter.c, the synchronize
 * helpers in interrupt.c.  The device context is the static NicDevice (one device per SoC), so it
 * outlives halt.  MpHaltEx deregisters the interrupt and clears InterruptConnected; the unload
 * handler MpDriverUnload then latches the hardware counters one last time through
 * NicLatchCounters, which synchronizes with the (now deregistered) interrupt, testing only that
 * NdisMRegisterMiniportDriver had succeeded.  Expected: one NdisMDeregisterInterruptEx defect, at
 * the synchronize call in NicLatchCounters (interrupt.c), reached from MpDriverUnload after
 * MpHaltEx (it is legal from the statistics OID).
 */
#include "nic.h"

NIC_DEVICE NicDevice;
NDIS_HANDLE NicDriverHandle = NULL;

VOID
MpDriverUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);

    if (NicDriverHandle == NULL) {
        return;
    }
    NicLatchCounters(&NicDevice);
    DbgPrint("nic: rx %u tx %u frames at unload\n", NicDevice.HwGoodRx, NicDevice.HwGoodTx);
    NdisMDeregisterMiniportDriver(NicDriverHandle);
    NicDriverHandle = NULL;
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NDIS_STATUS Status;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NIC_NDIS_MAJOR;
    Chars.MinorNdisVersion = NIC_NDIS_MINOR;
    Chars.MajorDriverVersion = 1;
    Chars.MinorDriverVersion = 7;
    Chars.InitializeHandlerEx = MpInitializeEx;
    Chars.HaltHandlerEx = MpHaltEx;
    Chars.UnloadHandler = MpDriverUnload;
    Chars.PauseHandler = MpPause;
    Chars.RestartHandler = MpRestart;
    Chars.OidRequestHandler = MpOidRequest;
    Chars.CancelOidRequestHandler = MpCancelOidRequest;
    Chars.SendNetBufferListsHandler = MpSendNetBufferLists;
    Chars.ReturnNetBufferListsHandler = MpReturnNetBufferLists;
    Chars.CancelSendHandler = MpCancelSend;
    Chars.DevicePnPEventNotifyHandler = MpDevicePnPEventNotify;
    Chars.ShutdownHandlerEx = MpShutdownEx;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &NicDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NicDriverHandle = NULL;
    }
    return Status;
}
