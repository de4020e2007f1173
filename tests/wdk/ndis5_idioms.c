/* ndis5_idioms.c - a small NDIS 5.1 intermediate driver skeleton (a deserialized miniport
 * edge with an interrupt, and a protocol edge) written for drvcheck's tests: it must parse with
 * zero errors and zero warnings against the bundled WDK model (rules/wdk), which gives a driver
 * that builds as NDIS 5.1 the legacy interface of ndis/legacy.h. */
#define NDIS51_MINIPORT 1
#define NDIS51 1
#include <ndis.h>

#if !NDIS_LEGACY_DRIVER || NDIS_SUPPORT_NDIS6
#error "an NDIS 5.1 build must see the legacy interface"
#endif

typedef struct _ADAPTER {
    NDIS_HANDLE MiniportHandle;
    NDIS_HANDLE BindingHandle;
    NDIS_HANDLE PacketPool;
    NDIS_HANDLE BufferPool;
    NDIS_MINIPORT_INTERRUPT Interrupt;
    NDIS_SPIN_LOCK Lock;
    NDIS_REQUEST Request;
    NDIS_MEDIUM Medium;
    ULONG PacketFilter;
    LONG Pending;
} ADAPTER, *PADAPTER;

typedef struct _SEND_RSVD { PNDIS_PACKET Original; } SEND_RSVD, *PSEND_RSVD;

DRIVER_INITIALIZE DriverEntry;
static NDIS_HANDLE WrapperHandle, ProtHandle, DriverHandle;

static NDIS_STATUS MpInitialize(PNDIS_STATUS OpenErrorStatus, PUINT SelectedMediumIndex, PNDIS_MEDIUM MediumArray,
                                UINT MediumArraySize, NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE WrapperConfigurationContext)
{
    PADAPTER a;
    NDIS_STATUS status;
    UINT i;
    UNREFERENCED_PARAMETER(OpenErrorStatus);
    UNREFERENCED_PARAMETER(WrapperConfigurationContext);
    for (i = 0; i < MediumArraySize && MediumArray[i] != NdisMedium802_3; i++)
        ;
    if (i == MediumArraySize)
        return NDIS_STATUS_UNSUPPORTED_MEDIA;
    *SelectedMediumIndex = i;
    status = NdisAllocateMemoryWithTag((PVOID *)&a, sizeof *a, '5pmN');
    if (status != NDIS_STATUS_SUCCESS)
        return status;
    NdisZeroMemory(a, sizeof *a);
    a->MiniportHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&a->Lock);
    NdisMSetAttributesEx(MiniportAdapterHandle, a, 0, NDIS_ATTRIBUTE_DESERIALIZE | NDIS_ATTRIBUTE_BUS_MASTER, NdisInterfacePci);
    NdisAllocatePacketPoolEx(&status, &a->PacketPool, 64, 64, sizeof(SEND_RSVD));
    if (status == NDIS_STATUS_SUCCESS)
        NdisAllocateBufferPool(&status, &a->BufferPool, 64);
    if (status == NDIS_STATUS_SUCCESS)
        status = NdisMRegisterInterrupt(&a->Interrupt, MiniportAdapterHandle, 5, 5, TRUE, TRUE, NdisInterruptLevelSensitive);
    if (status != NDIS_STATUS_SUCCESS) {
        if (a->PacketPool)
            NdisFreePacketPool(a->PacketPool);
        NdisFreeSpinLock(&a->Lock);
        NdisFreeMemory(a, 0, 0);
    }
    return status;
}

static VOID MpHalt(NDIS_HANDLE MiniportAdapterContext)
{
    PADAPTER a = (PADAPTER)MiniportAdapterContext;
    NdisMDeregisterInterrupt(&a->Interrupt);
    NdisFreeBufferPool(a->BufferPool);
    NdisFreePacketPool(a->PacketPool);
    NdisFreeSpinLock(&a->Lock);
    NdisFreeMemory(a, 0, 0);
}

static VOID MpIsr(PBOOLEAN InterruptRecognized, PBOOLEAN QueueMiniportHandleInterrupt, NDIS_HANDLE MiniportAdapterContext)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    *InterruptRecognized = TRUE;
    *QueueMiniportHandleInterrupt = TRUE;
}

static BOOLEAN MpSyncClear(PVOID SynchronizeContext)
{
    ((PADAPTER)SynchronizeContext)->Pending = 0;
    return TRUE;
}

static VOID MpHandleInterrupt(NDIS_HANDLE MiniportAdapterContext)
{
    PADAPTER a = (PADAPTER)MiniportAdapterContext;
    (void)NdisMSynchronizeWithInterrupt(&a->Interrupt, (PVOID)MpSyncClear, a);
}

static VOID MpSendPackets(NDIS_HANDLE MiniportAdapterContext, PPNDIS_PACKET PacketArray, UINT NumberOfPackets)
{
    PADAPTER a = (PADAPTER)MiniportAdapterContext;
    UINT i;
    for (i = 0; i < NumberOfPackets; i++) {
        PNDIS_PACKET p = PacketArray[i], mine;
        NDIS_STATUS status;
        NdisAllocatePacket(&status, &mine, a->PacketPool);
        if (status != NDIS_STATUS_SUCCESS) {
            NdisMSendComplete(a->MiniportHandle, p, status);
            continue;
        }
        ((PSEND_RSVD)mine->ProtocolReserved)->Original = p;
        NDIS_PACKET_FIRST_NDIS_BUFFER(mine) = NDIS_PACKET_FIRST_NDIS_BUFFER(p);
        NDIS_PACKET_LAST_NDIS_BUFFER(mine) = NDIS_PACKET_LAST_NDIS_BUFFER(p);
        NdisSetPacketFlags(mine, NdisGetPacketFlags(p) | NDIS_FLAGS_DONT_LOOPBACK);
        NDIS_SET_ORIGINAL_PACKET(mine, NDIS_GET_ORIGINAL_PACKET(p));
        NdisIMCopySendPerPacketInfo(mine, p);
        NdisSend(&status, a->BindingHandle, mine);
        if (status != NDIS_STATUS_PENDING) {
            NdisIMCopySendCompletePerPacketInfo(p, mine);
            NdisFreePacket(mine);
            NdisMSendComplete(a->MiniportHandle, p, status);
        }
    }
}

static VOID MpReturnPacket(NDIS_HANDLE MiniportAdapterContext, PNDIS_PACKET Packet)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    NdisFreePacket(Packet);
}

static NDIS_STATUS MpQueryInformation(NDIS_HANDLE MiniportAdapterContext, NDIS_OID Oid, PVOID InformationBuffer,
                                      ULONG InformationBufferLength, PULONG BytesWritten, PULONG BytesNeeded)
{
    PADAPTER a = (PADAPTER)MiniportAdapterContext;
    a->Request.RequestType = NdisRequestQueryInformation;
    a->Request.DATA.QUERY_INFORMATION.Oid = Oid;
    a->Request.DATA.QUERY_INFORMATION.InformationBuffer = InformationBuffer;
    a->Request.DATA.QUERY_INFORMATION.InformationBufferLength = InformationBufferLength;
    *BytesWritten = 0;
    *BytesNeeded = 0;
    return NDIS_STATUS_PENDING;
}

/* the protocol edge */
static VOID PtSendComplete(NDIS_HANDLE ProtocolBindingContext, PNDIS_PACKET Packet, NDIS_STATUS Status)
{
    PADAPTER a = (PADAPTER)ProtocolBindingContext;
    PNDIS_PACKET p = ((PSEND_RSVD)Packet->ProtocolReserved)->Original;
    NdisIMCopySendCompletePerPacketInfo(p, Packet);
    NdisDprFreePacket(Packet);
    NdisMSendComplete(a->MiniportHandle, p, Status);
}

static INT PtReceivePacket(NDIS_HANDLE ProtocolBindingContext, PNDIS_PACKET Packet)
{
    PADAPTER a = (PADAPTER)ProtocolBindingContext;
    PNDIS_BUFFER buffer;
    PVOID va;
    UINT length, total;
    NdisGetFirstBufferFromPacketSafe(Packet, &buffer, &va, &length, &total, NormalPagePriority);
    NdisQueryPacket(Packet, NULL, NULL, &buffer, &total);
    if (NDIS_GET_PACKET_STATUS(Packet) == NDIS_STATUS_RESOURCES || va == NULL)
        return 0;
    NDIS_SET_PACKET_HEADER_SIZE(Packet, 14);
    NDIS_SET_PACKET_STATUS(Packet, NDIS_STATUS_SUCCESS);
    NdisMIndicateReceivePacket(a->MiniportHandle, &Packet, 1);
    return 1;
}

static VOID PtRequestComplete(NDIS_HANDLE ProtocolBindingContext, PNDIS_REQUEST NdisRequest, NDIS_STATUS Status)
{
    PADAPTER a = (PADAPTER)ProtocolBindingContext;
    if (NdisRequest->RequestType == NdisRequestQueryInformation)
        NdisMQueryInformationComplete(a->MiniportHandle, Status);
    else
        NdisMSetInformationComplete(a->MiniportHandle, Status);
}

static VOID PtBindAdapter(PNDIS_STATUS Status, NDIS_HANDLE BindContext, PNDIS_STRING DeviceName, PVOID SystemSpecific1, PVOID SystemSpecific2)
{
    static NDIS_MEDIUM media[] = { NdisMedium802_3 };
    NDIS_STATUS open_error;
    UINT index;
    PADAPTER a = NULL;
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(SystemSpecific1);
    UNREFERENCED_PARAMETER(SystemSpecific2);
    *Status = NdisAllocateMemoryWithTag((PVOID *)&a, sizeof *a, '5pmN');
    if (*Status != NDIS_STATUS_SUCCESS)
        return;
    NdisOpenAdapter(Status, &open_error, &a->BindingHandle, &index, media, 1, ProtHandle, a, DeviceName, 0, NULL);
}

static VOID PtUnload(VOID)
{
    NDIS_STATUS status;
    NdisDeregisterProtocol(&status, ProtHandle);
}

_Use_decl_annotations_
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_CHARACTERISTICS mchars;
    NDIS_PROTOCOL_CHARACTERISTICS pchars;
    NDIS_STRING name = NDIS_STRING_CONST("Ndis5Idioms");
    NDIS_STATUS status;
    NdisMInitializeWrapper(&WrapperHandle, DriverObject, RegistryPath, NULL);
    NdisZeroMemory(&mchars, sizeof mchars);
    mchars.MajorNdisVersion = 5;
    mchars.MinorNdisVersion = 1;
    mchars.InitializeHandler = MpInitialize;
    mchars.HaltHandler = MpHalt;
    mchars.ISRHandler = MpIsr;
    mchars.HandleInterruptHandler = MpHandleInterrupt;
    mchars.SendPacketsHandler = MpSendPackets;
    mchars.ReturnPacketHandler = MpReturnPacket;
    mchars.QueryInformationHandler = MpQueryInformation;
    status = NdisIMRegisterLayeredMiniport(WrapperHandle, &mchars, sizeof mchars, &DriverHandle);
    if (status != NDIS_STATUS_SUCCESS) {
        NdisTerminateWrapper(WrapperHandle, NULL);
        return status;
    }
    NdisZeroMemory(&pchars, sizeof pchars);
    pchars.MajorNdisVersion = 5;
    pchars.Name = name;
    pchars.SendCompleteHandler = PtSendComplete;
    pchars.ReceivePacketHandler = PtReceivePacket;
    pchars.RequestCompleteHandler = PtRequestComplete;
    pchars.BindAdapterHandler = PtBindAdapter;
    pchars.UnloadHandler = PtUnload;
    NdisRegisterProtocol(&status, &ProtHandle, &pchars, sizeof pchars);
    if (status == NDIS_STATUS_SUCCESS)
        NdisIMAssociateMiniport(DriverHandle, ProtHandle);
    return status == NDIS_STATUS_SUCCESS ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}

/* Shared memory the NIC wrote: NdisMUpdateSharedMemory (a no-op on x86/x64) and NdisFlushBuffer. */
VOID Nd5SyncShared(NDIS_HANDLE h, PVOID va, NDIS_PHYSICAL_ADDRESS pa, PNDIS_BUFFER b);
VOID Nd5SyncShared(NDIS_HANDLE h, PVOID va, NDIS_PHYSICAL_ADDRESS pa, PNDIS_BUFFER b)
{
    NdisMUpdateSharedMemory(h, 64, va, pa);
    NdisFlushBuffer(b, TRUE);
}
