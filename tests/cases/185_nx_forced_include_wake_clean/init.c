/*
 * Case 185_nx_forced_include_wake_clean (Contoso NX-200, four .c files, headers in inc/, scanned as
 * `drvcheck scan compile_commands.json`; the database builds with -DDBG=1 -DNX_MSIX=1).
 * Idioms: MP_SET/CLEAR/TEST_FLAG, DBGPRINT with variadic arguments (also none), ASSERT with
 * DBG=1, NT_SUCCESS chains, do/while(0) wrappers, a `static FORCEINLINE` sync helper in nx.h
 * (included by every .c) that tests the in-use flag before NdisMSynchronizeWithInterruptEx,
 * a `static const` hardware ops table in hw.c called from adapter.c, characteristics set in
 * init.c, a synchronize routine that calls a flag-testing helper in hw.c, and the
 * deregistration four calls deep: MpHaltEx (adapter.c) -> NxHwShutdown (hw.c) -> NxIntrRelease
 * (intr.c) -> NxIntrDisconnect (intr.c) -> NdisMDeregisterInterruptEx.
 * This case: headers in inc/ (`/Iinc`), build switches in inc/nxbuild.h forced in by the
 * database (`/FInxbuild.h`, no .c includes it): NX_FEATURE_WOL 1 and NX_NO_LEGACY_PME.  Halt
 * reaches the deregistration through the ops table (`Adapter->HwOps->Shutdown` = NxHwShutdown,
 * hw.c -> NxIntrRelease -> NxIntrDisconnect, intr.c).  With wake-on-LAN, NxHwArmWake (hw.c)
 * programs the wake filter under the interrupt lock (the ISR reads the wake status) with a
 * direct NdisMSynchronizeWithInterruptEx.
 * Twin of 184: halt arms the wake filter before the ops-table shutdown.  Expected: clean.
 * After the shutdown, an `#ifndef NX_NO_LEGACY_PME` block (not compiled: nxbuild.h defines
 * it) would synchronize on the released interrupt: a scan that skipped the forced include
 * would report a false alarm there.
 */

#include "nx.h"

DRIVER_INITIALIZE DriverEntry;

NDIS_HANDLE NxDriverHandle;
#if DBG
ULONG NxDebugLevel = MP_WARNING;
#endif

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
    DBGPRINT(MP_TRACE, "==> MpUnload\n");
    NdisMDeregisterMiniportDriver(NxDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_STATUS Status;

    DBGPRINT(MP_TRACE, "==> DriverEntry %p %wZ\n", DriverObject, RegistryPath);

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = 6;
    MChars.MinorNdisVersion = 30;
    MChars.MajorDriverVersion = 1;
    MChars.MinorDriverVersion = 4;

    MChars.SetOptionsHandler = MpSetOptions;
    MChars.InitializeHandlerEx = MpInitializeEx;
    MChars.HaltHandlerEx = MpHaltEx;
    MChars.UnloadHandler = MpUnload;
    MChars.PauseHandler = MpPause;
    MChars.RestartHandler = MpRestart;
    MChars.OidRequestHandler = MpOidRequest;
    MChars.CancelOidRequestHandler = MpCancelOidRequest;
    MChars.SendNetBufferListsHandler = MpSendNetBufferLists;
    MChars.CancelSendHandler = MpCancelSend;
    MChars.ReturnNetBufferListsHandler = MpReturnNetBufferLists;
    MChars.CheckForHangHandlerEx = MpCheckForHangEx;
    MChars.ResetHandlerEx = MpResetEx;
    MChars.DevicePnPEventNotifyHandler = MpDevicePnPEventNotify;
    MChars.ShutdownHandlerEx = MpShutdownEx;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &MChars, &NxDriverHandle);
    DBGPRINT_S(Status, "NdisMRegisterMiniportDriver");
    return Status;
}
