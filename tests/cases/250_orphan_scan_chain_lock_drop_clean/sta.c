/*
 * Case 250_orphan_scan_chain_lock_drop_clean: a station layer called back by a radio library that is
 * not in the tree.  StaScanComplete reaches NDIS only through WlHalSetScanDoneHandler, a library
 * function drvcheck knows nothing about, so no entry point reaches it and it is analysed on its
 * own.  It takes the station lock and calls StaPeriodicScanComplete, which drops the lock around
 * the connect and, for a roam, calls StaRoamStart; StaRoamStart ("lock held") drops and retakes
 * the caller's lock around the roam.  Analysed from the top of that call chain, every release
 * matches an acquire.  Expected: clean (judged on their own, StaRoamStart and
 * StaPeriodicScanComplete would release a lock nobody took).
 */

#include "wl.h"

static BOOLEAN
StaCanRoam(PWL_STATION Station)
{
    return Station->BssCount > 1 && Station->RoamAttempts < 3;
}

static ULONG
StaBestBss(PWL_STATION Station)
{
    ULONG i, best = 0;

    for (i = 1; i < Station->BssCount && i < WL_MAX_BSS; i++) {
        if (Station->Bss[i].Rssi > Station->Bss[best].Rssi) {
            best = i;
        }
    }
    return best;
}

/* Called at DISPATCH_LEVEL without the station lock. */
static VOID
StaConnectStart(PWL_STATION Station)
{
    ULONG bss;
    NDIS_STATUS status;

    NdisDprAcquireSpinLock(&Station->Lock);
    if (Station->ConnState != WlConnReadyToConnect || Station->BssCount == 0) {
        NdisDprReleaseSpinLock(&Station->Lock);
        return;
    }
    bss = StaBestBss(Station);
    Station->ConnState = WlConnConnecting;
    Station->CurrentBss = bss;
    NdisDprReleaseSpinLock(&Station->Lock);

    status = WlHalAssociate(Station->Adapter->Radio, Station->Bss[bss].Bssid, Station->Bss[bss].Channel);

    NdisDprAcquireSpinLock(&Station->Lock);
    Station->ConnState = (status == NDIS_STATUS_SUCCESS) ? WlConnConnected : WlConnIdle;
    NdisDprReleaseSpinLock(&Station->Lock);
}

/* Called at DISPATCH_LEVEL without the station lock. */
static NDIS_STATUS
StaPerformRoam(PWL_STATION Station)
{
    ULONG bss;

    NdisDprAcquireSpinLock(&Station->Lock);
    Station->RoamAttempts++;
    bss = StaBestBss(Station);
    NdisDprReleaseSpinLock(&Station->Lock);

    return WlHalAssociate(Station->Adapter->Radio, Station->Bss[bss].Bssid, Station->Bss[bss].Channel);
}

/* LOCK HELD: the caller holds Station->Lock; it is dropped around the roam. */
static VOID
StaRoamStart(PWL_STATION Station)
{
    NDIS_STATUS status;

    if (!StaCanRoam(Station)) {
        return;
    }
    NdisDprReleaseSpinLock(&Station->Lock);
    status = StaPerformRoam(Station);
    NdisDprAcquireSpinLock(&Station->Lock);

    Station->ConnState = (status == NDIS_STATUS_SUCCESS) ? WlConnConnected : WlConnReadyToRoam;
}

/* LOCK HELD */
static VOID
StaPeriodicScanComplete(PWL_STATION Station, NDIS_STATUS Status)
{
    if (Status == NDIS_STATUS_REQUEST_ABORTED) {
        return;
    }

    if (Station->ConnState == WlConnReadyToConnect) {
        NdisDprReleaseSpinLock(&Station->Lock);
        StaConnectStart(Station);
        NdisDprAcquireSpinLock(&Station->Lock);
        return;
    }
    if (Station->ConnState == WlConnReadyToRoam) {
        StaRoamStart(Station);
    }
}

VOID
StaScanComplete(PVOID Context, NDIS_STATUS Status)
{
    PWL_STATION Station = (PWL_STATION)Context;

    NdisDprAcquireSpinLock(&Station->Lock);
    Station->ScanInProgress = FALSE;
    StaPeriodicScanComplete(Station, Status);
    NdisDprReleaseSpinLock(&Station->Lock);
}

NDIS_STATUS
StaStartScan(PWL_STATION Station)
{
    NDIS_STATUS status;

    NdisAcquireSpinLock(&Station->Lock);
    if (Station->ScanInProgress) {
        NdisReleaseSpinLock(&Station->Lock);
        return NDIS_STATUS_DOT11_MEDIA_IN_USE;
    }
    Station->ScanInProgress = TRUE;
    NdisReleaseSpinLock(&Station->Lock);

    status = WlHalStartScan(Station->Adapter->Radio);
    if (status != NDIS_STATUS_SUCCESS && status != NDIS_STATUS_PENDING) {
        NdisAcquireSpinLock(&Station->Lock);
        Station->ScanInProgress = FALSE;
        NdisReleaseSpinLock(&Station->Lock);
    }
    return status;
}

NDIS_STATUS
StaAllocate(PWL_ADAPTER Adapter)
{
    PWL_STATION station;

    station = NdisAllocateMemoryWithTagPriority(Adapter->AdapterHandle, sizeof(WL_STATION),
                                                WL_POOL_TAG, NormalPoolPriority);
    if (station == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(station, sizeof(WL_STATION));
    NdisAllocateSpinLock(&station->Lock);
    station->ConnState = WlConnIdle;
    station->Adapter = Adapter;
    Adapter->Station = station;
    WlHalSetScanDoneHandler(Adapter->Radio, StaScanComplete, station);
    return NDIS_STATUS_SUCCESS;
}

VOID
StaFree(PWL_ADAPTER Adapter)
{
    PWL_STATION station = Adapter->Station;

    if (station != NULL) {
        WlHalSetScanDoneHandler(Adapter->Radio, NULL, NULL);
        NdisFreeSpinLock(&station->Lock);
        NdisFreeMemory(station, 0, 0);
        Adapter->Station = NULL;
    }
}
