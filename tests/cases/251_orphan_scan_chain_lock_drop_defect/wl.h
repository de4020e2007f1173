/* wl.h - adapter and station of a small virtual WLAN miniport.  The radio
 * library (wlhal.lib, not part of this tree) calls the station back when a
 * scan ends; only its prototypes are here. */
#pragma once

#include <ndis.h>

#define WL_POOL_TAG        'lWvV'
#define WL_MAX_BSS         16
#define OID_WL_VENDOR_START_SCAN 0xFF010101   /* vendor-private OID: scan now */

typedef enum _WL_CONN_STATE {
    WlConnIdle = 0,
    WlConnReadyToConnect,
    WlConnConnecting,
    WlConnConnected,
    WlConnReadyToRoam
} WL_CONN_STATE;

typedef struct _WL_BSS_ENTRY {
    UCHAR   Bssid[6];
    LONG    Rssi;
    ULONG   Channel;
} WL_BSS_ENTRY, *PWL_BSS_ENTRY;

typedef struct _WL_STATION {
    NDIS_SPIN_LOCK  Lock;           /* guards everything below */
    WL_CONN_STATE   ConnState;
    BOOLEAN         ScanInProgress;
    ULONG           BssCount;
    WL_BSS_ENTRY    Bss[WL_MAX_BSS];
    ULONG           CurrentBss;
    ULONG           RoamAttempts;
    struct _WL_ADAPTER *Adapter;
} WL_STATION, *PWL_STATION;

typedef struct _WL_ADAPTER {
    NDIS_HANDLE     AdapterHandle;
    PVOID           Radio;          /* wlhal.lib's radio object */
    PWL_STATION     Station;
    ULONG           PacketFilter;
} WL_ADAPTER, *PWL_ADAPTER;

/* wlhal.lib: the radio calls ScanDone(Context, Status) at DISPATCH_LEVEL,
 * with no lock of ours held. */
typedef VOID WL_SCAN_DONE(PVOID Context, NDIS_STATUS Status);
typedef WL_SCAN_DONE *PWL_SCAN_DONE;

NDIS_STATUS WlHalOpenRadio(NDIS_HANDLE AdapterHandle, PVOID *Radio);
VOID WlHalCloseRadio(PVOID Radio);
VOID WlHalSetScanDoneHandler(PVOID Radio, PWL_SCAN_DONE Handler, PVOID Context);
NDIS_STATUS WlHalStartScan(PVOID Radio);
NDIS_STATUS WlHalAssociate(PVOID Radio, const UCHAR *Bssid, ULONG Channel);

/* sta.c */
NDIS_STATUS StaAllocate(PWL_ADAPTER Adapter);
VOID StaFree(PWL_ADAPTER Adapter);
NDIS_STATUS StaStartScan(PWL_STATION Station);
WL_SCAN_DONE StaScanComplete;
