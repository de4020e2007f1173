/*
 * oid.c: OID requests and the watchdog (case 304).  K&R definitions survive here from the
 * driver's NDIS 5 days; MSVC still compiles them.
 */

#include "ks.h"

BOOLEAN
KsRxCtrlSync(Context)
    PVOID Context;
{
    PKS_ADAPTER Adapter = (PKS_ADAPTER)Context;

    KS_WR(Adapter, KS_CSR_RX_CTRL, Adapter->RxCtrl.Value);
    return TRUE;
}

BOOLEAN
KsStatsSync(PVOID Context)
{
    PKS_ADAPTER Adapter = (PKS_ADAPTER)Context;
    ULONG i;

    for (i = 0; i < KS_STAT_WORDS; i++) {
        Adapter->LastStat[i] = KS_RD(Adapter, KS_CSR_STAT_BASE + i * sizeof(ULONG));
    }
    return TRUE;
}

static NDIS_STATUS
KsSetPacketFilter(Adapter, Filter)
    PKS_ADAPTER Adapter;
    ULONG Filter;
{
    KS_RX_CTRL Ctrl = { 0 };

    if (Filter & ~(NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST | NDIS_PACKET_TYPE_ALL_MULTICAST |
                   NDIS_PACKET_TYPE_BROADCAST | NDIS_PACKET_TYPE_PROMISCUOUS)) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    Ctrl.Enable = Filter != 0;
    Ctrl.Promiscuous = (Filter & NDIS_PACKET_TYPE_PROMISCUOUS) != 0;
    Ctrl.AllMulti = (Filter & NDIS_PACKET_TYPE_ALL_MULTICAST) != 0;
    Ctrl.Broadcast = (Filter & NDIS_PACKET_TYPE_BROADCAST) != 0;
    Adapter->RxCtrlValue = Ctrl.Value;
    if (!KsSynchronize(Adapter, KsRxCtrlSync)) {
        return KS_TEST_FLAG(Adapter, KS_F_HW_DEAD) ? NDIS_STATUS_HARD_ERRORS : NDIS_STATUS_SUCCESS;
    }
    return NDIS_STATUS_SUCCESS;
}

static VOID
KsFoldStats(PKS_ADAPTER Adapter)
{
    KS_STATS Delta = (KS_STATS){ Adapter->LastStat[0], Adapter->LastStat[1], Adapter->LastStat[2], Adapter->LastStat[3] };

    Adapter->Stats.RxOk += Delta.RxOk;
    Adapter->Stats.TxOk += Delta.TxOk;
    Adapter->Stats.RxErrors += Delta.RxErrors;
    Adapter->Stats.Missed += Delta.Missed;
}

NDIS_STATUS
KsOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST Request)
{
    PKS_ADAPTER Adapter = (PKS_ADAPTER)MiniportAdapterContext;
    NDIS_STATUS Status = NDIS_STATUS_NOT_SUPPORTED;

    switch (Request->RequestType) {
    case NdisRequestSetInformation:
        if (Request->DATA.SET_INFORMATION.Oid == OID_GEN_CURRENT_PACKET_FILTER) {
            if (Request->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
                Request->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
                return NDIS_STATUS_INVALID_LENGTH;
            }
            Status = KsSetPacketFilter(Adapter, *(PULONG)Request->DATA.SET_INFORMATION.InformationBuffer);
            Request->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
        }
        break;
    case NdisRequestQueryStatistics:
    case NdisRequestQueryInformation:
        if (Request->DATA.QUERY_INFORMATION.Oid == OID_GEN_RCV_OK) {
            if (Request->DATA.QUERY_INFORMATION.InformationBufferLength < sizeof(ULONG64)) {
                Request->DATA.QUERY_INFORMATION.BytesNeeded = sizeof(ULONG64);
                return NDIS_STATUS_BUFFER_TOO_SHORT;
            }
            if (KsSynchronize(Adapter, KsStatsSync)) {
                KsFoldStats(Adapter);
            }
            *(ULONG64 UNALIGNED *)Request->DATA.QUERY_INFORMATION.InformationBuffer = Adapter->Stats.RxOk;
            Request->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG64);
            Status = NDIS_STATUS_SUCCESS;
        }
        break;
    default:
        break;
    }
    return Status;
}

VOID
KsCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RequestId);
}

VOID
KsWatchdog(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3)
{
    PKS_ADAPTER Adapter = (PKS_ADAPTER)FunctionContext;
    ULONG Missed;

    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    UNREFERENCED_PARAMETER(SystemSpecific3);

    if (KS_TEST_FLAG(Adapter, KS_F_HW_DEAD | KS_F_RESETTING)) {
        return;
    }
    Missed = Adapter->LastStat[3];
    if (KsSynchronize(Adapter, KsStatsSync)) {
        KsFoldStats(Adapter);
        Adapter->HangTicks = (Adapter->LastStat[3] == Missed && Missed != 0) ? Adapter->HangTicks + 1 : 0;
    }
}

NDIS_STATUS
KsStartWatchdog(PKS_ADAPTER Adapter)
{
    NDIS_TIMER_CHARACTERISTICS Tc;
    LARGE_INTEGER Due;
    NDIS_STATUS Status;

    NdisZeroMemory(&Tc, sizeof(Tc));
    Tc.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    Tc.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    Tc.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
    Tc.AllocationTag = KS_TAG;
    Tc.TimerFunction = KsWatchdog;
    Tc.FunctionContext = Adapter;
    Status = NdisAllocateTimerObject(Adapter->MiniportHandle, &Tc, &Adapter->Watchdog);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    Due.QuadPart = -10000LL * KS_WATCHDOG_MS;
    NdisSetTimerObject(Adapter->Watchdog, Due, KS_WATCHDOG_MS, NULL);
    return NDIS_STATUS_SUCCESS;
}
