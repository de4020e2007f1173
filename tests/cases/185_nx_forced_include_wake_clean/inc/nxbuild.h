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

/* Build switches of the NX-200 retail package, forced into every file by the build (/FI). */
#ifndef NX_BUILD_H
#define NX_BUILD_H

#define NX_FEATURE_WOL          1       /* magic-packet and pattern wake */
#define NX_NO_LEGACY_PME                /* the pre-2.0 PME sequence is gone */
#define NX_DRIVER_VERSION       0x00010400

#endif /* NX_BUILD_H */
