/*
 * Case 605_send_oversize_frame_returns_holding_lock_defect: MpSend takes the first transmit
 * queue's lock and returns early on an oversize frame without releasing it: an NdisSpinLock
 * defect at that return.  The frame length is NET_BUFFER_DATA_LENGTH(Nb), a member of an
 * anonymous union inside NET_BUFFER: the trace shows the branch as `Nb->DataLength > 1514`
 * (tests/cli/run_cli_tests.sh).
 */
#include <ndis.h>

typedef struct _Q {
    NDIS_SPIN_LOCK Lock;
    ULONG InFlight;
} Q, *PQ;

typedef struct _ADAPTER {
    NDIS_HANDLE Handle;
    NDIS_HANDLE Intr;
    BOOLEAN Registered;
    ULONG Flags;
    ULONG Power;
    Q Tx[2];
    NDIS_SPIN_LOCK Lock;
    NDIS_HANDLE Timer;
    NDIS_HANDLE Timer2;
    NDIS_HANDLE WorkItem;
    ULONG Delay;

} ADAPTER, *PADAPTER;

NDIS_HANDLE DrvHandle;
MINIPORT_INITIALIZE MpInit;
MINIPORT_HALT MpHalt;
DRIVER_INITIALIZE DriverEntry;


MINIPORT_SEND_NET_BUFFER_LISTS MpSend;

VOID
MpSend(NDIS_HANDLE Ctx, PNET_BUFFER_LIST Nbls, NDIS_PORT_NUMBER Port, ULONG Flags)
{
    PADAPTER A = (PADAPTER)Ctx;
    PNET_BUFFER Nb = NET_BUFFER_LIST_FIRST_NB(Nbls);

    NdisAcquireSpinLock(&A->Tx[0].Lock);
    if (NET_BUFFER_DATA_LENGTH(Nb) > 1514) {
        return; // defect: NdisSpinLock
    }
    NdisReleaseSpinLock(&A->Tx[0].Lock);
    NdisMSendNetBufferListsComplete(A->Handle, Nbls, 0);
}

NDIS_STATUS
MpInit(NDIS_HANDLE h, NDIS_HANDLE dc, PNDIS_MINIPORT_INIT_PARAMETERS p)
{
    PADAPTER A;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Ra;
    NDIS_STATUS Status;

    A = NdisAllocateMemoryWithTagPriority(h, sizeof(ADAPTER), 'pmxM', NormalPoolPriority);
    if (A == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(A, sizeof(ADAPTER));
    A->Handle = h;
    NdisAllocateSpinLock(&A->Lock);
    NdisZeroMemory(&Ra, sizeof(Ra));
    Ra.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Ra.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Ra.Header.Size = sizeof(Ra);
    Ra.MiniportAdapterContext = A;
    Status = NdisMSetMiniportAttributes(h, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Ra);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(A, 0, 0);
        return Status;
    }
    NdisAllocateSpinLock(&A->Tx[0].Lock);

    return NDIS_STATUS_SUCCESS;
}

VOID
MpHalt(NDIS_HANDLE Ctx, NDIS_HALT_ACTION Action)
{
    NdisFreeMemory(Ctx, 0, 0);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(Chars);
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.InitializeHandlerEx = MpInit;
    Chars.HaltHandlerEx = MpHalt;
    Chars.SendNetBufferListsHandler = MpSend;

    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &DrvHandle);
}
