/* ndis/legacy.h - drvcheck clean-room WDK model: the NDIS 5.x (legacy) interface of miniport,
 * intermediate and protocol drivers: NDIS_PACKET and NDIS_BUFFER with their pools and
 * accessors, NDIS_REQUEST, the 5.x miniport and protocol characteristics with their W_* and
 * protocol handler types, and the 5.x routines (NdisMRegisterMiniport, NdisMRegisterInterrupt,
 * NdisSend, NdisRequest, ...). ndis.h includes it only for a driver that builds as NDIS 5.x
 * (NDIS40/50/51[_MINIPORT]): NDIS 6 drivers do not parse it.
 * Written by the drvcheck project from Microsoft's public NDIS 5.x documentation; not WDK text.
 * Accessors the WDK writes as macros over a packet's fields are macros here too; the routines
 * the WDK writes as braced blocks (NdisQueryPacket, NdisChainBufferAtFront, ...) are prototypes
 * wrapped in a block macro, so that a call written without its ';' parses as in the WDK. */
#pragma once

/* ---- packets and buffers ---- */
typedef struct _NDIS_PACKET_POOL *PNDIS_PACKET_POOL;
typedef struct _NDIS_PACKET_PRIVATE {
    UINT PhysicalCount;
    UINT TotalLength;
    PNDIS_BUFFER Head;
    PNDIS_BUFFER Tail;
    PNDIS_PACKET_POOL Pool;
    UINT Count;
    ULONG Flags;
    BOOLEAN ValidCounts;
    UCHAR NdisPacketFlags;
    USHORT NdisPacketOobOffset;
} NDIS_PACKET_PRIVATE, *PNDIS_PACKET_PRIVATE;
typedef struct _NDIS_PACKET {
    NDIS_PACKET_PRIVATE Private;
    union {
        struct { UCHAR MiniportReserved[2 * sizeof(PVOID)]; UCHAR WrapperReserved[2 * sizeof(PVOID)]; };
        struct { UCHAR MiniportReservedEx[3 * sizeof(PVOID)]; UCHAR WrapperReservedEx[sizeof(PVOID)]; };
        struct { UCHAR MacReserved[4 * sizeof(PVOID)]; };
    };
    ULONG_PTR Reserved[2];
    UCHAR ProtocolReserved[1];
} NDIS_PACKET, *PNDIS_PACKET, **PPNDIS_PACKET;
#define PROTOCOL_RESERVED_SIZE_IN_PACKET (4 * sizeof(PVOID))
typedef struct _NDIS_PACKET_OOB_DATA {
    union { ULONGLONG TimeToSend; ULONGLONG TimeSent; };
    ULONGLONG TimeReceived;
    UINT HeaderSize;
    UINT SizeMediaSpecificInfo;
    PVOID MediaSpecificInformation;
    NDIS_STATUS Status;
} NDIS_PACKET_OOB_DATA, *PNDIS_PACKET_OOB_DATA;
typedef enum _NDIS_PER_PACKET_INFO {
    TcpIpChecksumPacketInfo, IpSecPacketInfo, TcpLargeSendPacketInfo, ClassificationHandlePacketInfo,
    NdisReserved, ScatterGatherListPacketInfo, Ieee8021QInfo, OriginalPacketInfo, PacketCancelId,
    OriginalNetBufferList, CachedNetBufferList, ShortPacketPaddingInfo, MaxPerPacketInfo
} NDIS_PER_PACKET_INFO, *PNDIS_PER_PACKET_INFO;
typedef struct _NDIS_PACKET_EXTENSION { PVOID NdisPacketInfo[MaxPerPacketInfo]; } NDIS_PACKET_EXTENSION, *PNDIS_PACKET_EXTENSION;
typedef struct _NDIS_PACKET_STACK { ULONG_PTR IMReserved[2]; ULONG_PTR NdisReserved[4]; } NDIS_PACKET_STACK, *PNDIS_PACKET_STACK;
/* packet flags (NdisGetPacketFlags / NdisSetPacketFlags) */
#define NDIS_FLAGS_MULTICAST_PACKET 0x00000010
#define NDIS_FLAGS_DONT_LOOPBACK 0x00000080
#define NDIS_FLAGS_IS_LOOPBACK_PACKET 0x00000100
#define NDIS_FLAGS_LOOPBACK_ONLY 0x00000200
#define NDIS_FLAGS_DOUBLE_BUFFERED 0x00000800
#define NDIS_FLAGS_SENT_AT_DPC 0x00001000
#define NDIS_FLAGS_USES_SG_BUFFER_LIST 0x00002000
#define NDIS_FLAGS_USES_ORIGINAL_PACKET 0x00004000
#define NDIS_FLAGS_PADDED 0x00010000
#define NDIS_FLAGS_XLATE_AT_TOP 0x00020000
#define NDIS_PACKET_FIRST_NDIS_BUFFER(_Packet) ((_Packet)->Private.Head)
#define NDIS_PACKET_LAST_NDIS_BUFFER(_Packet) ((_Packet)->Private.Tail)
#define NDIS_PACKET_VALID_COUNTS(_Packet) ((_Packet)->Private.ValidCounts)
#define NdisGetPacketFlags(_Packet) ((_Packet)->Private.Flags)
#define NdisSetPacketFlags(_Packet, _Flags) ((_Packet)->Private.Flags |= (_Flags))
#define NdisClearPacketFlags(_Packet, _Flags) ((_Packet)->Private.Flags &= ~(_Flags))
#define NDIS_OOB_DATA_FROM_PACKET(_Packet) ((PNDIS_PACKET_OOB_DATA)((PUCHAR)(_Packet) + (_Packet)->Private.NdisPacketOobOffset))
#define NDIS_GET_PACKET_HEADER_SIZE(_Packet) (NDIS_OOB_DATA_FROM_PACKET(_Packet)->HeaderSize)
#define NDIS_SET_PACKET_HEADER_SIZE(_Packet, _HdrSize) (NDIS_OOB_DATA_FROM_PACKET(_Packet)->HeaderSize = (_HdrSize))
#define NDIS_GET_PACKET_STATUS(_Packet) (NDIS_OOB_DATA_FROM_PACKET(_Packet)->Status)
#define NDIS_SET_PACKET_STATUS(_Packet, _Status) (NDIS_OOB_DATA_FROM_PACKET(_Packet)->Status = (_Status))
#define NDIS_GET_PACKET_TIME_TO_SEND(_Packet) (NDIS_OOB_DATA_FROM_PACKET(_Packet)->TimeToSend)
#define NDIS_SET_PACKET_TIME_TO_SEND(_Packet, _Time) (NDIS_OOB_DATA_FROM_PACKET(_Packet)->TimeToSend = (_Time))
#define NDIS_GET_PACKET_TIME_SENT(_Packet) (NDIS_OOB_DATA_FROM_PACKET(_Packet)->TimeSent)
#define NDIS_SET_PACKET_TIME_SENT(_Packet, _Time) (NDIS_OOB_DATA_FROM_PACKET(_Packet)->TimeSent = (_Time))
#define NDIS_GET_PACKET_TIME_RECEIVED(_Packet) (NDIS_OOB_DATA_FROM_PACKET(_Packet)->TimeReceived)
#define NDIS_SET_PACKET_TIME_RECEIVED(_Packet, _Time) (NDIS_OOB_DATA_FROM_PACKET(_Packet)->TimeReceived = (_Time))
#define NDIS_GET_PACKET_MEDIA_SPECIFIC_INFO(_Packet, _pMediaSpecificInfo, _pSizeMediaSpecificInfo) \
    { *(_pMediaSpecificInfo) = NDIS_OOB_DATA_FROM_PACKET(_Packet)->MediaSpecificInformation; \
      *(_pSizeMediaSpecificInfo) = NDIS_OOB_DATA_FROM_PACKET(_Packet)->SizeMediaSpecificInfo; }
#define NDIS_SET_PACKET_MEDIA_SPECIFIC_INFO(_Packet, _MediaSpecificInfo, _SizeMediaSpecificInfo) \
    { NDIS_OOB_DATA_FROM_PACKET(_Packet)->MediaSpecificInformation = (_MediaSpecificInfo); \
      NDIS_OOB_DATA_FROM_PACKET(_Packet)->SizeMediaSpecificInfo = (_SizeMediaSpecificInfo); }
#define NDIS_PACKET_EXTENSION_FROM_PACKET(_Packet) \
    ((PNDIS_PACKET_EXTENSION)((PUCHAR)(_Packet) + (_Packet)->Private.NdisPacketOobOffset + sizeof(NDIS_PACKET_OOB_DATA)))
#define NDIS_PER_PACKET_INFO_FROM_PACKET(_Packet, _Id) (NDIS_PACKET_EXTENSION_FROM_PACKET(_Packet)->NdisPacketInfo[(_Id)])
#define NDIS_GET_ORIGINAL_PACKET(_Packet) NDIS_PER_PACKET_INFO_FROM_PACKET(_Packet, OriginalPacketInfo)
#define NDIS_SET_ORIGINAL_PACKET(_Packet, _OriginalPacket) (NDIS_PER_PACKET_INFO_FROM_PACKET(_Packet, OriginalPacketInfo) = (_OriginalPacket))
#define NDIS_GET_PACKET_CANCEL_ID(_Packet) NDIS_PER_PACKET_INFO_FROM_PACKET(_Packet, PacketCancelId)
#define NDIS_SET_PACKET_CANCEL_ID(_Packet, _CancelId) (NDIS_PER_PACKET_INFO_FROM_PACKET(_Packet, PacketCancelId) = (_CancelId))
VOID NdisAllocatePacketPool(PNDIS_STATUS Status, PNDIS_HANDLE PoolHandle, UINT NumberOfDescriptors, UINT ProtocolReservedLength);
VOID NdisAllocatePacketPoolEx(PNDIS_STATUS Status, PNDIS_HANDLE PoolHandle, UINT NumberOfDescriptors, UINT NumberOfOverflowDescriptors, UINT ProtocolReservedLength);
VOID NdisFreePacketPool(NDIS_HANDLE PoolHandle);
VOID NdisSetPacketPoolProtocolId(NDIS_HANDLE PacketPoolHandle, UINT ProtocolId);
UINT NdisPacketPoolUsage(NDIS_HANDLE PoolHandle);
UINT NdisPacketSize(UINT ProtocolReservedSize);
NDIS_HANDLE NdisGetPoolFromPacket(PNDIS_PACKET Packet);
VOID NdisAllocatePacket(PNDIS_STATUS Status, PNDIS_PACKET *Packet, NDIS_HANDLE PoolHandle);
VOID NdisDprAllocatePacket(PNDIS_STATUS Status, PNDIS_PACKET *Packet, NDIS_HANDLE PoolHandle);
VOID NdisDprAllocatePacketNonInterlocked(PNDIS_STATUS Status, PNDIS_PACKET *Packet, NDIS_HANDLE PoolHandle);
VOID NdisFreePacket(PNDIS_PACKET Packet);
VOID NdisDprFreePacket(PNDIS_PACKET Packet);
VOID NdisDprFreePacketNonInterlocked(PNDIS_PACKET Packet);
VOID NdisReinitializePacket(PNDIS_PACKET Packet);
#define NdisReinitializePacket(_Packet) { NdisReinitializePacket((_Packet)); }
VOID NdisRecalculatePacketCounts(PNDIS_PACKET Packet);
#define NdisRecalculatePacketCounts(_Packet) { NdisRecalculatePacketCounts((_Packet)); }
#define NdisQueryPacketLength(_Packet, _TotalPacketLength) { NdisQueryPacket((_Packet), NULL, NULL, NULL, (_TotalPacketLength)); }
VOID NdisQueryPacket(PNDIS_PACKET Packet, PUINT PhysicalBufferCount, PUINT BufferCount, PNDIS_BUFFER *FirstBuffer, PUINT TotalPacketLength);
#define NdisQueryPacket(_Packet, _PhysicalBufferCount, _BufferCount, _FirstBuffer, _TotalPacketLength) { NdisQueryPacket((_Packet), (_PhysicalBufferCount), (_BufferCount), (_FirstBuffer), (_TotalPacketLength)); }
VOID NdisGetFirstBufferFromPacket(PNDIS_PACKET Packet, PNDIS_BUFFER *FirstBuffer, PVOID *FirstBufferVA, PUINT FirstBufferLength, PUINT TotalBufferLength);
#define NdisGetFirstBufferFromPacket(_Packet, _FirstBuffer, _FirstBufferVA, _FirstBufferLength, _TotalBufferLength) { NdisGetFirstBufferFromPacket((_Packet), (_FirstBuffer), (_FirstBufferVA), (_FirstBufferLength), (_TotalBufferLength)); }
VOID NdisGetFirstBufferFromPacketSafe(PNDIS_PACKET Packet, PNDIS_BUFFER *FirstBuffer, PVOID *FirstBufferVA, PUINT FirstBufferLength, PUINT TotalBufferLength, MM_PAGE_PRIORITY Priority);
#define NdisGetFirstBufferFromPacketSafe(_Packet, _FirstBuffer, _FirstBufferVA, _FirstBufferLength, _TotalBufferLength, _Priority) { NdisGetFirstBufferFromPacketSafe((_Packet), (_FirstBuffer), (_FirstBufferVA), (_FirstBufferLength), (_TotalBufferLength), (_Priority)); }
VOID NdisChainBufferAtFront(PNDIS_PACKET Packet, PNDIS_BUFFER Buffer);
#define NdisChainBufferAtFront(_Packet, _Buffer) { NdisChainBufferAtFront((_Packet), (_Buffer)); }
VOID NdisChainBufferAtBack(PNDIS_PACKET Packet, PNDIS_BUFFER Buffer);
#define NdisChainBufferAtBack(_Packet, _Buffer) { NdisChainBufferAtBack((_Packet), (_Buffer)); }
VOID NdisUnchainBufferAtFront(PNDIS_PACKET Packet, PNDIS_BUFFER *Buffer);
VOID NdisUnchainBufferAtBack(PNDIS_PACKET Packet, PNDIS_BUFFER *Buffer);
VOID NdisCopyFromPacketToPacket(PNDIS_PACKET Destination, UINT DestinationOffset, UINT BytesToCopy, PNDIS_PACKET Source, UINT SourceOffset, PUINT BytesCopied);
VOID NdisCopyFromPacketToPacketSafe(PNDIS_PACKET Destination, UINT DestinationOffset, UINT BytesToCopy, PNDIS_PACKET Source, UINT SourceOffset, PUINT BytesCopied, MM_PAGE_PRIORITY Priority);
VOID NdisAllocateBufferPool(PNDIS_STATUS Status, PNDIS_HANDLE PoolHandle, UINT NumberOfDescriptors);
VOID NdisFreeBufferPool(NDIS_HANDLE PoolHandle);
VOID NdisAllocateBuffer(PNDIS_STATUS Status, PNDIS_BUFFER *Buffer, NDIS_HANDLE PoolHandle, PVOID VirtualAddress, UINT Length);
VOID NdisCopyBuffer(PNDIS_STATUS Status, PNDIS_BUFFER *Buffer, NDIS_HANDLE PoolHandle, PVOID MemoryDescriptor, UINT Offset, UINT Length);
VOID NdisFreeBuffer(PNDIS_BUFFER Buffer);
VOID NdisQueryBuffer(PNDIS_BUFFER Buffer, PVOID *VirtualAddress, PUINT Length);
#define NdisQueryBuffer(_Buffer, _VirtualAddress, _Length) { NdisQueryBuffer((_Buffer), (_VirtualAddress), (_Length)); }
VOID NdisQueryBufferSafe(PNDIS_BUFFER Buffer, PVOID *VirtualAddress, PUINT Length, MM_PAGE_PRIORITY Priority);
#define NdisQueryBufferSafe(_Buffer, _VirtualAddress, _Length, _Priority) { NdisQueryBufferSafe((_Buffer), (_VirtualAddress), (_Length), (_Priority)); }
VOID NdisQueryBufferOffset(PNDIS_BUFFER Buffer, PUINT Offset, PUINT Length);
#define NdisQueryBufferOffset(_Buffer, _Offset, _Length) { NdisQueryBufferOffset((_Buffer), (_Offset), (_Length)); }
VOID NdisGetNextBuffer(PNDIS_BUFFER CurrentBuffer, PNDIS_BUFFER *NextBuffer);
#define NdisGetNextBuffer(_CurrentBuffer, _NextBuffer) { NdisGetNextBuffer((_CurrentBuffer), (_NextBuffer)); }
VOID NdisAdjustBufferLength(PNDIS_BUFFER Buffer, UINT Length);
VOID NdisReturnPackets(PPNDIS_PACKET PacketsToReturn, UINT NumberOfPackets);
VOID NdisCopyLookaheadData(PVOID Destination, PVOID Source, ULONG Length, ULONG ReceiveFlags);
/* intermediate drivers: per-packet information that travels with a repackaged packet */
PNDIS_PACKET_STACK NdisIMGetCurrentPacketStack(PNDIS_PACKET Packet, BOOLEAN *StacksRemaining);
VOID NdisIMCopySendPerPacketInfo(PNDIS_PACKET DstPacket, PNDIS_PACKET SrcPacket);
VOID NdisIMCopySendCompletePerPacketInfo(PNDIS_PACKET DstPacket, PNDIS_PACKET SrcPacket);

/* ---- requests (OIDs) ---- */
typedef struct _NDIS_REQUEST {
    UCHAR MacReserved[4 * sizeof(PVOID)];
    NDIS_REQUEST_TYPE RequestType;
    union {
        struct { NDIS_OID Oid; PVOID InformationBuffer; UINT InformationBufferLength; UINT BytesWritten; UINT BytesNeeded; } QUERY_INFORMATION;
        struct { NDIS_OID Oid; PVOID InformationBuffer; UINT InformationBufferLength; UINT BytesRead; UINT BytesNeeded; } SET_INFORMATION;
    } DATA;
    UCHAR NdisReserved[9 * sizeof(PVOID)];
    union { UCHAR CallMgrReserved[2 * sizeof(PVOID)]; UCHAR ProtocolReserved[2 * sizeof(PVOID)]; };
    UCHAR MiniportReserved[2 * sizeof(PVOID)];
} NDIS_REQUEST, *PNDIS_REQUEST;

/* ---- NDIS 5.x miniports ---- */
struct _CO_CALL_PARAMETERS;
struct _CO_ADDRESS_FAMILY;
typedef enum _NDIS_ENVIRONMENT_TYPE_VALUES { NdisEnvironmentWindows, NdisEnvironmentWindowsNt } NDIS_ENVIRONMENT_TYPE_VALUES;
#define NdisInterruptLevelSensitive LevelSensitive
#define NdisInterruptLatched Latched
/* opaque to the driver, which only gives NDIS its storage */
typedef struct _NDIS_MINIPORT_INTERRUPT {
    PVOID Reserved[16];
} NDIS_MINIPORT_INTERRUPT, *PNDIS_MINIPORT_INTERRUPT;
typedef BOOLEAN (*W_CHECK_FOR_HANG_HANDLER)(NDIS_HANDLE MiniportAdapterContext);
typedef VOID (*W_DISABLE_INTERRUPT_HANDLER)(NDIS_HANDLE MiniportAdapterContext);
typedef VOID (*W_ENABLE_INTERRUPT_HANDLER)(NDIS_HANDLE MiniportAdapterContext);
typedef VOID (*W_HALT_HANDLER)(NDIS_HANDLE MiniportAdapterContext);
typedef VOID (*W_HANDLE_INTERRUPT_HANDLER)(NDIS_HANDLE MiniportAdapterContext);
typedef NDIS_STATUS (*W_INITIALIZE_HANDLER)(PNDIS_STATUS OpenErrorStatus, PUINT SelectedMediumIndex, PNDIS_MEDIUM MediumArray, UINT MediumArraySize, NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE WrapperConfigurationContext);
typedef VOID (*W_ISR_HANDLER)(PBOOLEAN InterruptRecognized, PBOOLEAN QueueMiniportHandleInterrupt, NDIS_HANDLE MiniportAdapterContext);
typedef NDIS_STATUS (*W_QUERY_INFORMATION_HANDLER)(NDIS_HANDLE MiniportAdapterContext, NDIS_OID Oid, PVOID InformationBuffer, ULONG InformationBufferLength, PULONG BytesWritten, PULONG BytesNeeded);
typedef NDIS_STATUS (*W_RECONFIGURE_HANDLER)(PNDIS_STATUS OpenErrorStatus, NDIS_HANDLE MiniportAdapterContext, NDIS_HANDLE WrapperConfigurationContext);
typedef NDIS_STATUS (*W_RESET_HANDLER)(PBOOLEAN AddressingReset, NDIS_HANDLE MiniportAdapterContext);
typedef NDIS_STATUS (*W_SEND_HANDLER)(NDIS_HANDLE MiniportAdapterContext, PNDIS_PACKET Packet, UINT Flags);
typedef NDIS_STATUS (*WM_SEND_HANDLER)(NDIS_HANDLE MiniportAdapterContext, NDIS_HANDLE NdisLinkHandle, PVOID Packet);
typedef NDIS_STATUS (*W_SET_INFORMATION_HANDLER)(NDIS_HANDLE MiniportAdapterContext, NDIS_OID Oid, PVOID InformationBuffer, ULONG InformationBufferLength, PULONG BytesRead, PULONG BytesNeeded);
typedef NDIS_STATUS (*W_TRANSFER_DATA_HANDLER)(PNDIS_PACKET Packet, PUINT BytesTransferred, NDIS_HANDLE MiniportAdapterContext, NDIS_HANDLE MiniportReceiveContext, UINT ByteOffset, UINT BytesToTransfer);
typedef NDIS_STATUS (*WM_TRANSFER_DATA_HANDLER)(VOID);
typedef VOID (*W_RETURN_PACKET_HANDLER)(NDIS_HANDLE MiniportAdapterContext, PNDIS_PACKET Packet);
typedef VOID (*W_SEND_PACKETS_HANDLER)(NDIS_HANDLE MiniportAdapterContext, PPNDIS_PACKET PacketArray, UINT NumberOfPackets);
typedef VOID (*W_ALLOCATE_COMPLETE_HANDLER)(NDIS_HANDLE MiniportAdapterContext, PVOID VirtualAddress, PNDIS_PHYSICAL_ADDRESS PhysicalAddress, ULONG Length, PVOID Context);
typedef NDIS_STATUS (*W_CO_CREATE_VC_HANDLER)(NDIS_HANDLE MiniportAdapterContext, NDIS_HANDLE NdisVcHandle, PNDIS_HANDLE MiniportVcContext);
typedef NDIS_STATUS (*W_CO_DELETE_VC_HANDLER)(NDIS_HANDLE MiniportVcContext);
typedef NDIS_STATUS (*W_CO_ACTIVATE_VC_HANDLER)(NDIS_HANDLE MiniportVcContext, struct _CO_CALL_PARAMETERS *CallParameters);
typedef NDIS_STATUS (*W_CO_DEACTIVATE_VC_HANDLER)(NDIS_HANDLE MiniportVcContext);
typedef VOID (*W_CO_SEND_PACKETS_HANDLER)(NDIS_HANDLE MiniportVcContext, PPNDIS_PACKET PacketArray, UINT NumberOfPackets);
typedef NDIS_STATUS (*W_CO_REQUEST_HANDLER)(NDIS_HANDLE MiniportAdapterContext, NDIS_HANDLE MiniportVcContext, PNDIS_REQUEST NdisRequest);
typedef VOID (*W_CANCEL_SEND_PACKETS_HANDLER)(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId);
typedef VOID (*W_PNP_EVENT_NOTIFY_HANDLER)(NDIS_HANDLE MiniportAdapterContext, NDIS_DEVICE_PNP_EVENT DevicePnPEvent, PVOID InformationBuffer, ULONG InformationBufferLength);
typedef VOID (*W_MINIPORT_SHUTDOWN_HANDLER)(NDIS_HANDLE MiniportAdapterContext);
typedef BOOLEAN (*W_SYNCHRONIZE_ISR_HANDLER)(PVOID SynchronizeContext);
typedef VOID (*ADAPTER_SHUTDOWN_HANDLER)(PVOID ShutdownContext);
/* One structure for the 3.0 ... 5.1 layouts (each adds members at the end). */
typedef struct _NDIS51_MINIPORT_CHARACTERISTICS {
    UCHAR MajorNdisVersion;
    UCHAR MinorNdisVersion;
    UINT Reserved;
    W_CHECK_FOR_HANG_HANDLER CheckForHangHandler;
    W_DISABLE_INTERRUPT_HANDLER DisableInterruptHandler;
    W_ENABLE_INTERRUPT_HANDLER EnableInterruptHandler;
    W_HALT_HANDLER HaltHandler;
    W_HANDLE_INTERRUPT_HANDLER HandleInterruptHandler;
    W_INITIALIZE_HANDLER InitializeHandler;
    W_ISR_HANDLER ISRHandler;
    W_QUERY_INFORMATION_HANDLER QueryInformationHandler;
    W_RECONFIGURE_HANDLER ReconfigureHandler;
    W_RESET_HANDLER ResetHandler;
    union { W_SEND_HANDLER SendHandler; WM_SEND_HANDLER WanSendHandler; };
    W_SET_INFORMATION_HANDLER SetInformationHandler;
    union { W_TRANSFER_DATA_HANDLER TransferDataHandler; WM_TRANSFER_DATA_HANDLER WanTransferDataHandler; };
    W_RETURN_PACKET_HANDLER ReturnPacketHandler;
    W_SEND_PACKETS_HANDLER SendPacketsHandler;
    W_ALLOCATE_COMPLETE_HANDLER AllocateCompleteHandler;
    W_CO_CREATE_VC_HANDLER CoCreateVcHandler;
    W_CO_DELETE_VC_HANDLER CoDeleteVcHandler;
    W_CO_ACTIVATE_VC_HANDLER CoActivateVcHandler;
    W_CO_DEACTIVATE_VC_HANDLER CoDeactivateVcHandler;
    W_CO_SEND_PACKETS_HANDLER CoSendPacketsHandler;
    W_CO_REQUEST_HANDLER CoRequestHandler;
    W_CANCEL_SEND_PACKETS_HANDLER CancelSendPacketsHandler;
    W_PNP_EVENT_NOTIFY_HANDLER PnPEventNotifyHandler;
    W_MINIPORT_SHUTDOWN_HANDLER AdapterShutdownHandler;
} NDIS51_MINIPORT_CHARACTERISTICS, NDIS50_MINIPORT_CHARACTERISTICS, NDIS40_MINIPORT_CHARACTERISTICS, NDIS_MINIPORT_CHARACTERISTICS, *PNDIS_MINIPORT_CHARACTERISTICS;
/* NdisMSetAttributesEx attribute flags */
#define NDIS_ATTRIBUTE_IGNORE_PACKET_TIMEOUT 0x00000001
#define NDIS_ATTRIBUTE_IGNORE_REQUEST_TIMEOUT 0x00000002
#define NDIS_ATTRIBUTE_IGNORE_TOKEN_RING_ERRORS 0x00000004
#define NDIS_ATTRIBUTE_BUS_MASTER 0x00000008
#define NDIS_ATTRIBUTE_INTERMEDIATE_DRIVER 0x00000010
#define NDIS_ATTRIBUTE_DESERIALIZE 0x00000020
#define NDIS_ATTRIBUTE_NO_HALT_ON_SUSPEND 0x00000040
#define NDIS_ATTRIBUTE_SURPRISE_REMOVE_OK 0x00000080
#define NDIS_ATTRIBUTE_NOT_CO_NDIS 0x00000100
#define NDIS_ATTRIBUTE_USES_SAFE_BUFFER_APIS 0x00000200
#define NDIS_ATTRIBUTE_DO_NOT_BIND_TO_ALL_CO 0x00000400
#define NDIS_ATTRIBUTE_MINIPORT_PADS_SHORT_PACKETS 0x00000800
#define NdisMInitializeWrapper(NdisWrapperHandle, SystemSpecific1, SystemSpecific2, SystemSpecific3) \
    NdisInitializeWrapper((NdisWrapperHandle), (SystemSpecific1), (SystemSpecific2), (SystemSpecific3))
VOID NdisInitializeWrapper(PNDIS_HANDLE NdisWrapperHandle, PVOID SystemSpecific1, PVOID SystemSpecific2, PVOID SystemSpecific3);
VOID NdisTerminateWrapper(NDIS_HANDLE NdisWrapperHandle, PVOID SystemSpecific);
NDIS_STATUS NdisMRegisterMiniport(NDIS_HANDLE NdisWrapperHandle, PNDIS_MINIPORT_CHARACTERISTICS MiniportCharacteristics, UINT CharacteristicsLength);
NDIS_STATUS NdisIMRegisterLayeredMiniport(NDIS_HANDLE NdisWrapperHandle, PNDIS_MINIPORT_CHARACTERISTICS MiniportCharacteristics, UINT CharacteristicsLength, PNDIS_HANDLE DriverHandle);
VOID NdisIMDeregisterLayeredMiniport(NDIS_HANDLE DriverHandle);
NDIS_STATUS NdisIMInitializeDeviceInstance(NDIS_HANDLE DriverHandle, PNDIS_STRING DriverInstance);
PVOID NdisIMGetDeviceContext(NDIS_HANDLE MiniportAdapterHandle);
NDIS_STATUS NdisIMNotifyPnPEvent(NDIS_HANDLE MiniportHandle, PNET_PNP_EVENT NetPnPEvent);
VOID NdisMRegisterUnloadHandler(NDIS_HANDLE NdisWrapperHandle, PDRIVER_UNLOAD UnloadHandler);
VOID NdisMSetAttributes(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportAdapterContext, BOOLEAN BusMaster, NDIS_INTERFACE_TYPE AdapterType);
VOID NdisMSetAttributesEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportAdapterContext, UINT CheckForHangTimeInSeconds, ULONG AttributeFlags, NDIS_INTERFACE_TYPE AdapterType);
NDIS_STATUS NdisMRegisterInterrupt(PNDIS_MINIPORT_INTERRUPT Interrupt, NDIS_HANDLE MiniportAdapterHandle, UINT InterruptVector, UINT InterruptLevel, BOOLEAN RequestIsr, BOOLEAN SharedInterrupt, NDIS_INTERRUPT_MODE InterruptMode);
VOID NdisMDeregisterInterrupt(PNDIS_MINIPORT_INTERRUPT Interrupt);
BOOLEAN NdisMSynchronizeWithInterrupt(PNDIS_MINIPORT_INTERRUPT Interrupt, PVOID SynchronizeFunction, PVOID SynchronizeContext);
VOID NdisMRegisterAdapterShutdownHandler(NDIS_HANDLE MiniportHandle, PVOID ShutdownContext, ADAPTER_SHUTDOWN_HANDLER ShutdownHandler);
VOID NdisMDeregisterAdapterShutdownHandler(NDIS_HANDLE MiniportHandle);
NDIS_STATUS NdisMRegisterDevice(NDIS_HANDLE NdisWrapperHandle, PNDIS_STRING DeviceName, PNDIS_STRING SymbolicName, PDRIVER_DISPATCH MajorFunctions[], PDEVICE_OBJECT *pDeviceObject, NDIS_HANDLE *NdisDeviceHandle);
NDIS_STATUS NdisMDeregisterDevice(NDIS_HANDLE NdisDeviceHandle);
#define NDIS_DMA_24BITS ((UCHAR)0)
#define NDIS_DMA_32BITS ((UCHAR)1)
#define NDIS_DMA_64BITS ((UCHAR)2)
NDIS_STATUS NdisMAllocateMapRegisters(NDIS_HANDLE MiniportAdapterHandle, UINT DmaChannel, UCHAR DmaSize, ULONG BaseMapRegistersNeeded, ULONG MaximumPhysicalMapping);
VOID NdisMFreeMapRegisters(NDIS_HANDLE MiniportAdapterHandle);
NDIS_STATUS NdisMAllocateSharedMemoryAsync(NDIS_HANDLE MiniportAdapterHandle, ULONG Length, BOOLEAN Cached, PVOID Context);
#define NdisMUpdateSharedMemory(_H, _L, _V, _P) NdisUpdateSharedMemory(_H, _L, _V, _P)
VOID NdisMSendComplete(NDIS_HANDLE MiniportAdapterHandle, PNDIS_PACKET Packet, NDIS_STATUS Status);
VOID NdisMSendResourcesAvailable(NDIS_HANDLE MiniportAdapterHandle);
VOID NdisMIndicateReceivePacket(NDIS_HANDLE MiniportAdapterHandle, PPNDIS_PACKET ReceivedPackets, UINT NumberOfPackets);
VOID NdisMEthIndicateReceive(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportReceiveContext, PVOID HeaderBuffer, UINT HeaderBufferSize, PVOID LookaheadBuffer, UINT LookaheadBufferSize, UINT PacketSize);
#define NdisMEthIndicateReceive(_MiniportAdapterHandle, _MiniportReceiveContext, _HeaderBuffer, _HeaderBufferSize, _LookaheadBuffer, _LookaheadBufferSize, _PacketSize) { NdisMEthIndicateReceive((_MiniportAdapterHandle), (_MiniportReceiveContext), (_HeaderBuffer), (_HeaderBufferSize), (_LookaheadBuffer), (_LookaheadBufferSize), (_PacketSize)); }
VOID NdisMEthIndicateReceiveComplete(NDIS_HANDLE MiniportAdapterHandle);
#define NdisMEthIndicateReceiveComplete(_MiniportAdapterHandle) { NdisMEthIndicateReceiveComplete((_MiniportAdapterHandle)); }
VOID NdisMTrIndicateReceive(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportReceiveContext, PVOID HeaderBuffer, UINT HeaderBufferSize, PVOID LookaheadBuffer, UINT LookaheadBufferSize, UINT PacketSize);
#define NdisMTrIndicateReceive(_MiniportAdapterHandle, _MiniportReceiveContext, _HeaderBuffer, _HeaderBufferSize, _LookaheadBuffer, _LookaheadBufferSize, _PacketSize) { NdisMTrIndicateReceive((_MiniportAdapterHandle), (_MiniportReceiveContext), (_HeaderBuffer), (_HeaderBufferSize), (_LookaheadBuffer), (_LookaheadBufferSize), (_PacketSize)); }
VOID NdisMTrIndicateReceiveComplete(NDIS_HANDLE MiniportAdapterHandle);
#define NdisMTrIndicateReceiveComplete(_MiniportAdapterHandle) { NdisMTrIndicateReceiveComplete((_MiniportAdapterHandle)); }
VOID NdisMFddiIndicateReceive(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportReceiveContext, PVOID HeaderBuffer, UINT HeaderBufferSize, PVOID LookaheadBuffer, UINT LookaheadBufferSize, UINT PacketSize);
#define NdisMFddiIndicateReceive(_MiniportAdapterHandle, _MiniportReceiveContext, _HeaderBuffer, _HeaderBufferSize, _LookaheadBuffer, _LookaheadBufferSize, _PacketSize) { NdisMFddiIndicateReceive((_MiniportAdapterHandle), (_MiniportReceiveContext), (_HeaderBuffer), (_HeaderBufferSize), (_LookaheadBuffer), (_LookaheadBufferSize), (_PacketSize)); }
VOID NdisMFddiIndicateReceiveComplete(NDIS_HANDLE MiniportAdapterHandle);
#define NdisMFddiIndicateReceiveComplete(_MiniportAdapterHandle) { NdisMFddiIndicateReceiveComplete((_MiniportAdapterHandle)); }
VOID NdisMTransferDataComplete(NDIS_HANDLE MiniportAdapterHandle, PNDIS_PACKET Packet, NDIS_STATUS Status, UINT BytesTransferred);
VOID NdisMIndicateStatus(NDIS_HANDLE MiniportAdapterHandle, NDIS_STATUS GeneralStatus, PVOID StatusBuffer, UINT StatusBufferSize);
VOID NdisMIndicateStatusComplete(NDIS_HANDLE MiniportAdapterHandle);
VOID NdisMQueryInformationComplete(NDIS_HANDLE MiniportAdapterHandle, NDIS_STATUS Status);
VOID NdisMSetInformationComplete(NDIS_HANDLE MiniportAdapterHandle, NDIS_STATUS Status);

/* ---- NDIS 5.x protocols ---- */
typedef VOID (*OPEN_ADAPTER_COMPLETE_HANDLER)(NDIS_HANDLE ProtocolBindingContext, NDIS_STATUS Status, NDIS_STATUS OpenErrorStatus);
typedef VOID (*CLOSE_ADAPTER_COMPLETE_HANDLER)(NDIS_HANDLE ProtocolBindingContext, NDIS_STATUS Status);
typedef VOID (*RESET_COMPLETE_HANDLER)(NDIS_HANDLE ProtocolBindingContext, NDIS_STATUS Status);
typedef VOID (*REQUEST_COMPLETE_HANDLER)(NDIS_HANDLE ProtocolBindingContext, PNDIS_REQUEST NdisRequest, NDIS_STATUS Status);
typedef VOID (*STATUS_HANDLER)(NDIS_HANDLE ProtocolBindingContext, NDIS_STATUS GeneralStatus, PVOID StatusBuffer, UINT StatusBufferSize);
typedef VOID (*STATUS_COMPLETE_HANDLER)(NDIS_HANDLE ProtocolBindingContext);
typedef VOID (*SEND_COMPLETE_HANDLER)(NDIS_HANDLE ProtocolBindingContext, PNDIS_PACKET Packet, NDIS_STATUS Status);
typedef VOID (*WAN_SEND_COMPLETE_HANDLER)(NDIS_HANDLE ProtocolBindingContext, PVOID Packet, NDIS_STATUS Status);
typedef VOID (*TRANSFER_DATA_COMPLETE_HANDLER)(NDIS_HANDLE ProtocolBindingContext, PNDIS_PACKET Packet, NDIS_STATUS Status, UINT BytesTransferred);
typedef VOID (*WAN_TRANSFER_DATA_COMPLETE_HANDLER)(VOID);
typedef NDIS_STATUS (*RECEIVE_HANDLER)(NDIS_HANDLE ProtocolBindingContext, NDIS_HANDLE MacReceiveContext, PVOID HeaderBuffer, UINT HeaderBufferSize, PVOID LookAheadBuffer, UINT LookaheadBufferSize, UINT PacketSize);
typedef NDIS_STATUS (*WAN_RECEIVE_HANDLER)(NDIS_HANDLE NdisLinkHandle, PUCHAR Packet, ULONG PacketSize);
typedef VOID (*RECEIVE_COMPLETE_HANDLER)(NDIS_HANDLE ProtocolBindingContext);
typedef INT (*RECEIVE_PACKET_HANDLER)(NDIS_HANDLE ProtocolBindingContext, PNDIS_PACKET Packet);
typedef VOID (*BIND_HANDLER)(PNDIS_STATUS Status, NDIS_HANDLE BindContext, PNDIS_STRING DeviceName, PVOID SystemSpecific1, PVOID SystemSpecific2);
typedef VOID (*UNBIND_HANDLER)(PNDIS_STATUS Status, NDIS_HANDLE ProtocolBindingContext, NDIS_HANDLE UnbindContext);
typedef NDIS_STATUS (*PNP_EVENT_HANDLER)(NDIS_HANDLE ProtocolBindingContext, PNET_PNP_EVENT NetPnPEvent);
typedef VOID (*UNLOAD_PROTOCOL_HANDLER)(VOID);
typedef VOID (*CO_SEND_COMPLETE_HANDLER)(NDIS_STATUS Status, NDIS_HANDLE ProtocolVcContext, PNDIS_PACKET Packet);
typedef VOID (*CO_STATUS_HANDLER)(NDIS_HANDLE ProtocolBindingContext, NDIS_HANDLE ProtocolVcContext, NDIS_STATUS GeneralStatus, PVOID StatusBuffer, UINT StatusBufferSize);
typedef UINT (*CO_RECEIVE_PACKET_HANDLER)(NDIS_HANDLE ProtocolBindingContext, NDIS_HANDLE ProtocolVcContext, PNDIS_PACKET Packet);
typedef VOID (*CO_AF_REGISTER_NOTIFY_HANDLER)(NDIS_HANDLE ProtocolBindingContext, struct _CO_ADDRESS_FAMILY *AddressFamily);
/* One structure for the 3.0 ... 5.1 layouts (each adds members at the end). */
typedef struct _NDIS51_PROTOCOL_CHARACTERISTICS {
    UCHAR MajorNdisVersion;
    UCHAR MinorNdisVersion;
    UINT Reserved;
    OPEN_ADAPTER_COMPLETE_HANDLER OpenAdapterCompleteHandler;
    CLOSE_ADAPTER_COMPLETE_HANDLER CloseAdapterCompleteHandler;
    union { SEND_COMPLETE_HANDLER SendCompleteHandler; WAN_SEND_COMPLETE_HANDLER WanSendCompleteHandler; };
    union { TRANSFER_DATA_COMPLETE_HANDLER TransferDataCompleteHandler; WAN_TRANSFER_DATA_COMPLETE_HANDLER WanTransferDataCompleteHandler; };
    RESET_COMPLETE_HANDLER ResetCompleteHandler;
    REQUEST_COMPLETE_HANDLER RequestCompleteHandler;
    union { RECEIVE_HANDLER ReceiveHandler; WAN_RECEIVE_HANDLER WanReceiveHandler; };
    RECEIVE_COMPLETE_HANDLER ReceiveCompleteHandler;
    STATUS_HANDLER StatusHandler;
    STATUS_COMPLETE_HANDLER StatusCompleteHandler;
    NDIS_STRING Name;
    RECEIVE_PACKET_HANDLER ReceivePacketHandler;
    BIND_HANDLER BindAdapterHandler;
    UNBIND_HANDLER UnbindAdapterHandler;
    PNP_EVENT_HANDLER PnPEventHandler;
    UNLOAD_PROTOCOL_HANDLER UnloadHandler;
    CO_SEND_COMPLETE_HANDLER CoSendCompleteHandler;
    CO_STATUS_HANDLER CoStatusHandler;
    CO_RECEIVE_PACKET_HANDLER CoReceivePacketHandler;
    CO_AF_REGISTER_NOTIFY_HANDLER CoAfRegisterNotifyHandler;
} NDIS51_PROTOCOL_CHARACTERISTICS, NDIS50_PROTOCOL_CHARACTERISTICS, NDIS40_PROTOCOL_CHARACTERISTICS, NDIS_PROTOCOL_CHARACTERISTICS, *PNDIS_PROTOCOL_CHARACTERISTICS;
VOID NdisRegisterProtocol(PNDIS_STATUS Status, PNDIS_HANDLE NdisProtocolHandle, PNDIS_PROTOCOL_CHARACTERISTICS ProtocolCharacteristics, UINT CharacteristicsLength);
VOID NdisDeregisterProtocol(PNDIS_STATUS Status, NDIS_HANDLE NdisProtocolHandle);
VOID NdisOpenAdapter(PNDIS_STATUS Status, PNDIS_STATUS OpenErrorStatus, PNDIS_HANDLE NdisBindingHandle, PUINT SelectedMediumIndex, PNDIS_MEDIUM MediumArray, UINT MediumArraySize, NDIS_HANDLE NdisProtocolHandle, NDIS_HANDLE ProtocolBindingContext, PNDIS_STRING AdapterName, UINT OpenOptions, PSTRING AddressingInformation);
VOID NdisCloseAdapter(PNDIS_STATUS Status, NDIS_HANDLE NdisBindingHandle);
VOID NdisCompleteBindAdapter(NDIS_HANDLE BindAdapterContext, NDIS_STATUS Status, NDIS_STATUS OpenStatus);
VOID NdisCompleteUnbindAdapter(NDIS_HANDLE UnbindAdapterContext, NDIS_STATUS Status);
VOID NdisSend(PNDIS_STATUS Status, NDIS_HANDLE NdisBindingHandle, PNDIS_PACKET Packet);
VOID NdisSendPackets(NDIS_HANDLE NdisBindingHandle, PPNDIS_PACKET PacketArray, UINT NumberOfPackets);
VOID NdisCancelSendPackets(NDIS_HANDLE NdisBindingHandle, PVOID CancelId);
VOID NdisTransferData(PNDIS_STATUS Status, NDIS_HANDLE NdisBindingHandle, NDIS_HANDLE MacReceiveContext, UINT ByteOffset, UINT BytesToTransfer, PNDIS_PACKET Packet, PUINT BytesTransferred);
VOID NdisReset(PNDIS_STATUS Status, NDIS_HANDLE NdisBindingHandle);
VOID NdisRequest(PNDIS_STATUS Status, NDIS_HANDLE NdisBindingHandle, PNDIS_REQUEST NdisRequest);
PNDIS_PACKET NdisGetReceivedPacket(NDIS_HANDLE NdisBindingHandle, NDIS_HANDLE MacContext);
NDIS_STATUS NdisQueryPendingIOCount(PVOID NdisBindingHandle, PULONG IoCount);
VOID NdisGetDriverHandle(NDIS_HANDLE NdisBindingHandle, PNDIS_HANDLE NdisDriverHandle);
