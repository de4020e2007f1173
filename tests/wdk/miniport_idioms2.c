/* miniport_idioms2.c - more NDIS 6.x miniport idioms written for drvcheck's tests (DMA, shared
 * memory, attributes and offloads, NET_BUFFER accessors, MDLs, configuration, bus data, port
 * and register I/O, OIDs): must parse with zero errors and zero warnings against rules/wdk. */
#include <ndis.h>
#include <wdf.h>
#include <wdfminiport.h>

#define MP2_TAG '2pmM'

typedef struct _ADAPTER2 {
    NDIS_HANDLE AdapterHandle;
    NDIS_HANDLE DmaHandle;
    NDIS_HANDLE NblPool;
    NDIS_HANDLE InterruptHandle;
    PVOID SharedVa;
    NDIS_PHYSICAL_ADDRESS SharedPa;
    ULONG SharedLength;
    PUCHAR CsrBase;
    ULONG IoBase;
    ULONG PacketFilter;
    ULONG ScatterGatherListSize;
    UCHAR PermanentAddress[6];
    UCHAR CurrentAddress[6];
    NDIS_LINK_STATE LinkState;
    NDIS_OFFLOAD Offload;
} ADAPTER2, *PADAPTER2;

MINIPORT_PROCESS_SG_LIST Mp2ProcessSgList;
MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE Mp2AllocateComplete;
static NDIS_STATUS Mp2Initialize(PADAPTER2 a, NDIS_HANDLE handle);
static VOID Mp2Send(PADAPTER2 a, PNET_BUFFER_LIST nbl);
static NDIS_STATUS Mp2Oid(PADAPTER2 a, PNDIS_OID_REQUEST req);
static VOID Mp2Receive(PADAPTER2 a, PVOID data, ULONG length);
static VOID Mp2Halt(PADAPTER2 a);

VOID Mp2ProcessSgList(PDEVICE_OBJECT DeviceObject, PVOID Reserved, PSCATTER_GATHER_LIST Sgl,
                      PVOID Context)
{
    PNET_BUFFER nb = (PNET_BUFFER)Context;
    ULONG i;
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Reserved);
    for (i = 0; i < Sgl->NumberOfElements; i++) {
        PSCATTER_GATHER_ELEMENT e = &Sgl->Elements[i];
        ULONGLONG pa = (ULONGLONG)e->Address.QuadPart;
        ULONG len = e->Length;
        UNREFERENCED_PARAMETER(pa);
        UNREFERENCED_PARAMETER(len);
    }
    NET_BUFFER_MINIPORT_RESERVED(nb)[0] = Sgl;
}

VOID Mp2AllocateComplete(NDIS_HANDLE MiniportAdapterContext, PVOID VirtualAddress,
                         PNDIS_PHYSICAL_ADDRESS PhysicalAddress, ULONG Length, PVOID Context)
{
    PADAPTER2 a = (PADAPTER2)MiniportAdapterContext;
    UNREFERENCED_PARAMETER(Context);
    a->SharedVa = VirtualAddress;
    a->SharedPa = *PhysicalAddress;
    a->SharedLength = Length;
}

static NDIS_STATUS Mp2ReadConfig(PADAPTER2 a)
{
    NDIS_CONFIGURATION_OBJECT co;
    NDIS_HANDLE cfg = NULL;
    PNDIS_CONFIGURATION_PARAMETER p = NULL;
    NDIS_STRING key = NDIS_STRING_CONST("*SpeedDuplex");
    NDIS_STATUS status;
    PVOID addr = NULL;
    UINT addrLen = 0;

    NdisZeroMemory(&co, sizeof(co));
    co.Header.Type = NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT;
    co.Header.Revision = NDIS_CONFIGURATION_OBJECT_REVISION_1;
    co.Header.Size = NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1;
    co.NdisHandle = a->AdapterHandle;
    co.Flags = 0;
    status = NdisOpenConfigurationEx(&co, &cfg);
    if (status != NDIS_STATUS_SUCCESS)
        return status;
    NdisReadConfiguration(&status, &p, cfg, &key, NdisParameterInteger);
    if (status == NDIS_STATUS_SUCCESS && p->ParameterType == NdisParameterInteger) {
        ULONG v = p->ParameterData.IntegerData;
        UNREFERENCED_PARAMETER(v);
    }
    NdisReadConfiguration(&status, &p, cfg, &key, NdisParameterString);
    if (status == NDIS_STATUS_SUCCESS && p->ParameterType == NdisParameterString) {
        NDIS_STRING s = p->ParameterData.StringData;
        ULONG v = 0;
        RtlUnicodeStringToInteger(&s, 10, &v);
    }
    NdisReadNetworkAddress(&status, &addr, &addrLen, cfg);
    if (status == NDIS_STATUS_SUCCESS && addrLen == ETH_LENGTH_OF_ADDRESS &&
        !ETH_IS_MULTICAST(addr) && !ETH_IS_BROADCAST(addr))
        ETH_COPY_NETWORK_ADDRESS(a->CurrentAddress, addr);
    NdisCloseConfiguration(cfg);
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS Mp2Hardware(PADAPTER2 a, PNDIS_RESOURCE_LIST res)
{
    ULONG i;
    USHORT vendor = 0;
    PCI_COMMON_CONFIG pci;
    ULONG got;
    NDIS_STATUS status;

    got = NdisMGetBusData(a->AdapterHandle, PCI_WHICHSPACE_CONFIG, 0, &pci,
                          FIELD_OFFSET(PCI_COMMON_CONFIG, DeviceSpecific));
    if (got == 0)
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    vendor = pci.VendorID;
    UNREFERENCED_PARAMETER(vendor);
    pci.Command |= PCI_ENABLE_BUS_MASTER | PCI_ENABLE_MEMORY_SPACE;
    NdisMSetBusData(a->AdapterHandle, PCI_WHICHSPACE_CONFIG, FIELD_OFFSET(PCI_COMMON_CONFIG, Command),
                    &pci.Command, sizeof(pci.Command));

    for (i = 0; i < res->Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR d = &res->PartialDescriptors[i];
        switch (d->Type) {
        case CmResourceTypePort:
            a->IoBase = NdisGetPhysicalAddressLow(d->u.Port.Start);
            break;
        case CmResourceTypeMemory:
            status = NdisMMapIoSpace((PVOID *)&a->CsrBase, a->AdapterHandle, d->u.Memory.Start,
                                     d->u.Memory.Length);
            if (status != NDIS_STATUS_SUCCESS)
                return status;
            break;
        case CmResourceTypeInterrupt:
            if (d->Flags & CM_RESOURCE_INTERRUPT_MESSAGE) {
                ULONG n = d->u.MessageInterrupt.Raw.MessageCount;
                UNREFERENCED_PARAMETER(n);
            }
            break;
        default:
            break;
        }
    }
    return NDIS_STATUS_SUCCESS;
}

static VOID Mp2Io(PADAPTER2 a)
{
    ULONG v = 0;
    USHORT w = 0;
    UCHAR b = 0;
    NdisRawReadPortUlong(a->IoBase + 0x10, &v);
    NdisRawWritePortUlong(a->IoBase + 0x10, v | 1);
    NdisRawReadPortUshort(a->IoBase + 0x14, &w);
    NdisRawWritePortUchar(a->IoBase + 0x16, b);
    v = READ_REGISTER_ULONG((volatile ULONG *)(a->CsrBase + 0x20));
    WRITE_REGISTER_ULONG((volatile ULONG *)(a->CsrBase + 0x20), v);
    NdisReadRegisterUlong((PULONG)(a->CsrBase + 0x24), &v);
    NdisWriteRegisterUlong((PULONG)(a->CsrBase + 0x24), v);
    NdisReadRegisterUshort((PUSHORT)(a->CsrBase + 0x28), &w);
    NdisReadRegisterUchar(a->CsrBase + 0x2a, &b);
    NdisWriteRegisterUchar(a->CsrBase + 0x2a, b);
    NdisMQueueDpcEx(a->InterruptHandle, 0, NULL, NULL);
    KeFlushIoBuffers(NULL, TRUE, TRUE);
}

static NDIS_STATUS Mp2SetAttributes(PADAPTER2 a)
{
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES gen;
    NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES off;
    NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES hw;
    NDIS_RECEIVE_SCALE_CAPABILITIES rss;
    NDIS_PM_CAPABILITIES pm;
    NDIS_OFFLOAD hwOffload;
    NDIS_TCP_CONNECTION_OFFLOAD conn;
    NDIS_RECEIVE_FILTER_CAPABILITIES filt;
    NDIS_STATUS status;

    NdisZeroMemory(&rss, sizeof(rss));
    rss.Header.Type = NDIS_OBJECT_TYPE_RSS_CAPABILITIES;
    rss.Header.Revision = NDIS_RECEIVE_SCALE_CAPABILITIES_REVISION_2;
    rss.Header.Size = NDIS_SIZEOF_RECEIVE_SCALE_CAPABILITIES_REVISION_2;
    rss.CapabilitiesFlags = NDIS_RSS_CAPS_MESSAGE_SIGNALED_INTERRUPTS | NDIS_RSS_CAPS_CLASSIFICATION_AT_ISR |
                            NDIS_RSS_CAPS_CLASSIFICATION_AT_DPC | NDIS_RSS_CAPS_HASH_TYPE_TCP_IPV4 |
                            NDIS_RSS_CAPS_HASH_TYPE_TCP_IPV6 | NDIS_RSS_CAPS_HASH_TYPE_TCP_IPV6_EX |
                            NdisHashFunctionToeplitz;
    rss.NumberOfInterruptMessages = 8;
    rss.NumberOfReceiveQueues = 8;
    rss.NumberOfIndirectionTableEntries = NDIS_RSS_INDIRECTION_TABLE_MAX_SIZE_REVISION_2 / sizeof(PROCESSOR_NUMBER);

    NdisZeroMemory(&pm, sizeof(pm));
    pm.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    pm.Header.Revision = NDIS_PM_CAPABILITIES_REVISION_1;
    pm.Header.Size = NDIS_SIZEOF_NDIS_PM_CAPABILITIES_REVISION_1;
    pm.Flags = 0;
    pm.SupportedWoLPacketPatterns = NDIS_PM_WOL_BITMAP_PATTERN_SUPPORTED | NDIS_PM_WOL_MAGIC_PACKET_SUPPORTED;
    pm.NumTotalWoLPatterns = 8;
    pm.MaxWoLPatternSize = 128;
    pm.MaxWoLPatternOffset = 256;
    pm.MaxWoLPacketSaveBuffer = 0;
    pm.SupportedProtocolOffloads = NDIS_PM_PROTOCOL_OFFLOAD_ARP_SUPPORTED | NDIS_PM_PROTOCOL_OFFLOAD_NS_SUPPORTED;
    pm.NumArpOffloadIPv4Addresses = 1;
    pm.NumNSOffloadIPv6Addresses = 2;
    pm.MinMagicPacketWakeUp = NdisDeviceStateD3;
    pm.MinPatternWakeUp = NdisDeviceStateD3;
    pm.MinLinkChangeWakeUp = NdisDeviceStateUnspecified;
    pm.SupportedWakeUpEvents = NDIS_PM_WAKE_ON_MEDIA_DISCONNECT_SUPPORTED;
    pm.MediaSpecificWakeUpEvents = 0;

    NdisZeroMemory(&gen, sizeof(gen));
    gen.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
    gen.Header.Revision = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2;
    gen.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2;
    gen.Flags = 0;
    gen.MediaType = NdisMedium802_3;
    gen.PhysicalMediumType = NdisPhysicalMedium802_3;
    gen.MtuSize = 1500;
    gen.MaxXmitLinkSpeed = 1000000000ULL;
    gen.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    gen.MaxRcvLinkSpeed = 1000000000ULL;
    gen.RcvLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    gen.MediaConnectState = MediaConnectStateUnknown;
    gen.MediaDuplexState = MediaDuplexStateUnknown;
    gen.LookaheadSize = 1500;
    gen.PowerManagementCapabilities = NULL;
    gen.PowerManagementCapabilitiesEx = &pm;
    gen.MacOptions = NDIS_MAC_OPTION_COPY_LOOKAHEAD_DATA | NDIS_MAC_OPTION_TRANSFERS_NOT_PEND |
                     NDIS_MAC_OPTION_NO_LOOPBACK | NDIS_MAC_OPTION_8021P_PRIORITY |
                     NDIS_MAC_OPTION_8021Q_VLAN;
    gen.SupportedPacketFilters = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST |
                                 NDIS_PACKET_TYPE_ALL_MULTICAST | NDIS_PACKET_TYPE_BROADCAST |
                                 NDIS_PACKET_TYPE_PROMISCUOUS;
    gen.MaxMulticastListSize = 32;
    gen.MacAddressLength = ETH_LENGTH_OF_ADDRESS;
    NdisMoveMemory(gen.PermanentMacAddress, a->PermanentAddress, ETH_LENGTH_OF_ADDRESS);
    NdisMoveMemory(gen.CurrentMacAddress, a->CurrentAddress, ETH_LENGTH_OF_ADDRESS);
    gen.RecvScaleCapabilities = &rss;
    gen.AccessType = NET_IF_ACCESS_BROADCAST;
    gen.DirectionType = NET_IF_DIRECTION_SENDRECEIVE;
    gen.ConnectionType = NET_IF_CONNECTION_DEDICATED;
    gen.IfType = IF_TYPE_ETHERNET_CSMACD;
    gen.IfConnectorPresent = TRUE;
    gen.SupportedStatistics = NDIS_STATISTICS_XMIT_OK_SUPPORTED | NDIS_STATISTICS_RCV_OK_SUPPORTED |
                              NDIS_STATISTICS_DIRECTED_FRAMES_RCV_SUPPORTED |
                              NDIS_STATISTICS_BYTES_RCV_SUPPORTED | NDIS_STATISTICS_BYTES_XMIT_SUPPORTED |
                              NDIS_STATISTICS_RCV_ERROR_SUPPORTED | NDIS_STATISTICS_XMIT_ERROR_SUPPORTED;
    gen.SupportedPauseFunctions = NdisPauseFunctionsSendAndReceive;
    gen.DataBackFillSize = 0;
    gen.ContextBackFillSize = 0;
    gen.SupportedOidList = NULL;
    gen.SupportedOidListLength = 0;
    gen.AutoNegotiationFlags = NDIS_LINK_STATE_XMIT_LINK_SPEED_AUTO_NEGOTIATED |
                               NDIS_LINK_STATE_RCV_LINK_SPEED_AUTO_NEGOTIATED |
                               NDIS_LINK_STATE_DUPLEX_AUTO_NEGOTIATED |
                               NDIS_LINK_STATE_PAUSE_FUNCTIONS_AUTO_NEGOTIATED;
    status = NdisMSetMiniportAttributes(a->AdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&gen);
    if (status != NDIS_STATUS_SUCCESS)
        return status;

    NdisZeroMemory(&hwOffload, sizeof(hwOffload));
    hwOffload.Header.Type = NDIS_OBJECT_TYPE_OFFLOAD;
    hwOffload.Header.Revision = NDIS_OFFLOAD_REVISION_2;
    hwOffload.Header.Size = NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_2;
    hwOffload.Checksum.IPv4Transmit.Encapsulation = NDIS_ENCAPSULATION_IEEE_802_3;
    hwOffload.Checksum.IPv4Transmit.IpOptionsSupported = NDIS_OFFLOAD_SUPPORTED;
    hwOffload.Checksum.IPv4Transmit.TcpOptionsSupported = NDIS_OFFLOAD_SUPPORTED;
    hwOffload.Checksum.IPv4Transmit.TcpChecksum = NDIS_OFFLOAD_SUPPORTED;
    hwOffload.Checksum.IPv4Transmit.UdpChecksum = NDIS_OFFLOAD_SUPPORTED;
    hwOffload.Checksum.IPv4Transmit.IpChecksum = NDIS_OFFLOAD_SUPPORTED;
    hwOffload.Checksum.IPv4Receive.Encapsulation = NDIS_ENCAPSULATION_IEEE_802_3;
    hwOffload.Checksum.IPv4Receive.IpChecksum = NDIS_OFFLOAD_SUPPORTED;
    hwOffload.Checksum.IPv6Transmit.Encapsulation = NDIS_ENCAPSULATION_IEEE_802_3;
    hwOffload.Checksum.IPv6Transmit.IpExtensionHeadersSupported = NDIS_OFFLOAD_SUPPORTED;
    hwOffload.Checksum.IPv6Transmit.TcpOptionsSupported = NDIS_OFFLOAD_SUPPORTED;
    hwOffload.Checksum.IPv6Transmit.TcpChecksum = NDIS_OFFLOAD_SUPPORTED;
    hwOffload.Checksum.IPv6Transmit.UdpChecksum = NDIS_OFFLOAD_SUPPORTED;
    hwOffload.Checksum.IPv6Receive.Encapsulation = NDIS_ENCAPSULATION_IEEE_802_3;
    hwOffload.Checksum.IPv6Receive.TcpChecksum = NDIS_OFFLOAD_SUPPORTED;
    hwOffload.LsoV1.IPv4.Encapsulation = NDIS_ENCAPSULATION_IEEE_802_3;
    hwOffload.LsoV1.IPv4.MaxOffLoadSize = 65536;
    hwOffload.LsoV1.IPv4.MinSegmentCount = 2;
    hwOffload.LsoV1.IPv4.TcpOptions = NDIS_OFFLOAD_SUPPORTED;
    hwOffload.LsoV1.IPv4.IpOptions = NDIS_OFFLOAD_SUPPORTED;
    hwOffload.LsoV2.IPv4.Encapsulation = NDIS_ENCAPSULATION_IEEE_802_3;
    hwOffload.LsoV2.IPv4.MaxOffLoadSize = 65536;
    hwOffload.LsoV2.IPv4.MinSegmentCount = 2;
    hwOffload.LsoV2.IPv6.Encapsulation = NDIS_ENCAPSULATION_IEEE_802_3;
    hwOffload.LsoV2.IPv6.MaxOffLoadSize = 65536;
    hwOffload.LsoV2.IPv6.MinSegmentCount = 2;
    hwOffload.LsoV2.IPv6.IpExtensionHeadersSupported = NDIS_OFFLOAD_SUPPORTED;
    hwOffload.LsoV2.IPv6.TcpOptionsSupported = NDIS_OFFLOAD_SUPPORTED;
    hwOffload.IPsecV1.Supported.Encapsulation = NDIS_ENCAPSULATION_NOT_SUPPORTED;
    hwOffload.Flags = 0;
    a->Offload = hwOffload;

    NdisZeroMemory(&conn, sizeof(conn));
    conn.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    conn.Header.Revision = NDIS_TCP_CONNECTION_OFFLOAD_REVISION_1;
    conn.Header.Size = NDIS_SIZEOF_TCP_CONNECTION_OFFLOAD_REVISION_1;

    NdisZeroMemory(&off, sizeof(off));
    off.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES;
    off.Header.Revision = NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES_REVISION_1;
    off.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES_REVISION_1;
    off.DefaultOffloadConfiguration = &hwOffload;
    off.HardwareOffloadCapabilities = &hwOffload;
    off.DefaultTcpConnectionOffloadConfiguration = &conn;
    off.TcpConnectionOffloadHardwareCapabilities = NULL;
    status = NdisMSetMiniportAttributes(a->AdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&off);
    if (status != NDIS_STATUS_SUCCESS)
        return status;

    NdisZeroMemory(&filt, sizeof(filt));
    filt.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    filt.Header.Revision = NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_1;
    filt.Header.Size = NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_1;
    filt.EnabledFilterTypes = NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED;
    filt.EnabledQueueTypes = NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED;
    filt.NumQueues = 16;
    filt.SupportedQueueProperties = NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED |
                                    NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED;
    filt.SupportedFilterTests = NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED;
    filt.SupportedHeaders = NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED;
    filt.SupportedMacHeaderFields = NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED |
                                    NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED;
    filt.MaxMacHeaderFilters = 16;
    filt.MaxQueueGroups = 0;
    filt.MaxQueuesPerQueueGroup = 0;
    filt.MinLookaheadSplitSize = 0;
    filt.MaxLookaheadSplitSize = 0;

    NdisZeroMemory(&hw, sizeof(hw));
    hw.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES;
    hw.Header.Revision = NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_1;
    hw.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_1;
    hw.HardwareReceiveFilterCapabilities = &filt;
    hw.CurrentReceiveFilterCapabilities = &filt;
    hw.HardwareNicSwitchCapabilities = NULL;
    hw.CurrentNicSwitchCapabilities = NULL;
    return NdisMSetMiniportAttributes(a->AdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&hw);
}

static NDIS_STATUS Mp2Initialize(PADAPTER2 a, NDIS_HANDLE handle)
{
    NDIS_SG_DMA_DESCRIPTION dma;
    NET_BUFFER_LIST_POOL_PARAMETERS pool;
    NDIS_STATUS status;
    NDIS_PHYSICAL_ADDRESS hi = NDIS_PHYSICAL_ADDRESS_CONST(-1, -1);

    UNREFERENCED_PARAMETER(hi);
    a->AdapterHandle = handle;
    status = Mp2ReadConfig(a);
    if (status != NDIS_STATUS_SUCCESS)
        return status;

    NdisZeroMemory(&dma, sizeof(dma));
    dma.Header.Type = NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION;
    dma.Header.Revision = NDIS_SG_DMA_DESCRIPTION_REVISION_1;
    dma.Header.Size = NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_1;
    dma.Flags = NDIS_SG_DMA_64_BIT_ADDRESS;
    dma.MaximumPhysicalMapping = 65536;
    dma.ProcessSGListHandler = Mp2ProcessSgList;
    dma.SharedMemAllocateCompleteHandler = Mp2AllocateComplete;
    status = NdisMRegisterScatterGatherDma(a->AdapterHandle, &dma, &a->DmaHandle);
    if (status != NDIS_STATUS_SUCCESS)
        return status;
    a->ScatterGatherListSize = dma.ScatterGatherListSize;

    a->SharedLength = PAGE_SIZE;
    NdisMAllocateSharedMemory(a->AdapterHandle, a->SharedLength, FALSE, &a->SharedVa, &a->SharedPa);
    if (a->SharedVa == NULL)
        return NDIS_STATUS_RESOURCES;
    status = NdisMAllocateSharedMemoryAsyncEx(a->DmaHandle, PAGE_SIZE, TRUE, a);
    if (status != NDIS_STATUS_PENDING && status != NDIS_STATUS_SUCCESS)
        return status;

    NdisZeroMemory(&pool, sizeof(pool));
    pool.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    pool.Header.Revision = NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    pool.Header.Size = NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1;
    pool.ProtocolId = NDIS_PROTOCOL_ID_DEFAULT;
    pool.fAllocateNetBuffer = TRUE;
    pool.PoolTag = MP2_TAG;
    a->NblPool = NdisAllocateNetBufferListPool(a->AdapterHandle, &pool);
    if (a->NblPool == NULL)
        return NDIS_STATUS_RESOURCES;
    return Mp2SetAttributes(a);
}

static VOID Mp2Send(PADAPTER2 a, PNET_BUFFER_LIST nbl)
{
    PNET_BUFFER_LIST cur;
    for (cur = nbl; cur != NULL; cur = NET_BUFFER_LIST_NEXT_NBL(cur)) {
        PNET_BUFFER nb;
        NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO csum;
        NDIS_NET_BUFFER_LIST_8021Q_INFO q;
        NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO lso;
        ULONG hash = NET_BUFFER_LIST_GET_HASH_VALUE(cur);
        ULONG hashType = NET_BUFFER_LIST_GET_HASH_TYPE(cur);

        UNREFERENCED_PARAMETER(hash);
        UNREFERENCED_PARAMETER(hashType);
        csum.Value = NET_BUFFER_LIST_INFO(cur, TcpIpChecksumNetBufferListInfo);
        if (csum.Transmit.IsIPv4 && csum.Transmit.TcpChecksum) {
            ULONG off = csum.Transmit.TcpHeaderOffset;
            UNREFERENCED_PARAMETER(off);
        }
        q.Value = NET_BUFFER_LIST_INFO(cur, Ieee8021QNetBufferListInfo);
        if (q.TagHeader.VlanId != 0 || q.TagHeader.UserPriority != 0) {
            USHORT tci = (USHORT)((q.TagHeader.UserPriority << 13) | q.TagHeader.VlanId);
            UNREFERENCED_PARAMETER(tci);
        }
        lso.Value = NET_BUFFER_LIST_INFO(cur, TcpLargeSendNetBufferListInfo);
        if (lso.Transmit.Type == NDIS_TCP_LARGE_SEND_OFFLOAD_V2_TYPE) {
            ULONG mss = lso.LsoV2Transmit.MSS;
            UNREFERENCED_PARAMETER(mss);
        }
        NET_BUFFER_LIST_STATUS(cur) = NDIS_STATUS_SUCCESS;
        for (nb = NET_BUFFER_LIST_FIRST_NB(cur); nb != NULL; nb = NET_BUFFER_NEXT_NB(nb)) {
            ULONG len = NET_BUFFER_DATA_LENGTH(nb);
            ULONG off = NET_BUFFER_DATA_OFFSET(nb);
            ULONG mdlOff = NET_BUFFER_CURRENT_MDL_OFFSET(nb);
            PMDL mdl = NET_BUFFER_CURRENT_MDL(nb);
            PMDL first = NET_BUFFER_FIRST_MDL(nb);
            UCHAR hdr[64];
            PUCHAR eth = (PUCHAR)NdisGetDataBuffer(nb, sizeof(hdr), hdr, 1, 0);
            UNREFERENCED_PARAMETER(off);
            UNREFERENCED_PARAMETER(mdlOff);
            UNREFERENCED_PARAMETER(first);
            UNREFERENCED_PARAMETER(eth);
            while (mdl != NULL && len > 0) {
                PVOID va = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority | MdlMappingNoExecute);
                ULONG ml = MmGetMdlByteCount(mdl);
                PVOID va2 = NULL;
                UINT ql = 0;
                NdisQueryMdl(mdl, &va2, &ql, NormalPagePriority);
                NdisQueryMdlOffset(mdl, &ml, &ql);
                UNREFERENCED_PARAMETER(va);
                UNREFERENCED_PARAMETER(MmGetMdlVirtualAddress(mdl));
                len -= min(len, ml);
                NdisGetNextMdl(mdl, &mdl);
                mdl = NDIS_MDL_LINKAGE(mdl) ? mdl : NULL;
            }
            if (NdisMAllocateNetBufferSGList(a->DmaHandle, nb, nb, NDIS_SG_LIST_WRITE_TO_DEVICE, NULL, 0)
                != NDIS_STATUS_SUCCESS) {
                NET_BUFFER_LIST_STATUS(cur) = NDIS_STATUS_RESOURCES;
            }
        }
    }
    NdisMSendNetBufferListsComplete(a->AdapterHandle, nbl, NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL);
}

static VOID Mp2SendDone(PADAPTER2 a, PNET_BUFFER nb)
{
    PSCATTER_GATHER_LIST sgl = (PSCATTER_GATHER_LIST)NET_BUFFER_MINIPORT_RESERVED(nb)[0];
    NdisMFreeNetBufferSGList(a->DmaHandle, sgl, nb);
}

static VOID Mp2Receive(PADAPTER2 a, PVOID data, ULONG length)
{
    PMDL mdl = NdisAllocateMdl(a->AdapterHandle, data, length);
    PNET_BUFFER_LIST nbl;
    NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO csum;
    NDIS_NET_BUFFER_LIST_8021Q_INFO q;
    if (mdl == NULL)
        return;
    nbl = NdisAllocateNetBufferAndNetBufferList(a->NblPool, 0, 0, mdl, 0, length);
    if (nbl == NULL) {
        NdisFreeMdl(mdl);
        return;
    }
    if (NdisRetreatNetBufferDataStart(NET_BUFFER_LIST_FIRST_NB(nbl), 4, 0, NULL) == NDIS_STATUS_SUCCESS)
        NdisAdvanceNetBufferDataStart(NET_BUFFER_LIST_FIRST_NB(nbl), 4, FALSE, NULL);
    csum.Value = NULL;
    csum.Receive.IpChecksumSucceeded = 1;
    csum.Receive.TcpChecksumSucceeded = 1;
    csum.Receive.UdpChecksumFailed = 0;
    NET_BUFFER_LIST_INFO(nbl, TcpIpChecksumNetBufferListInfo) = csum.Value;
    q.Value = NULL;
    q.TagHeader.VlanId = 5;
    q.TagHeader.UserPriority = 3;
    NET_BUFFER_LIST_INFO(nbl, Ieee8021QNetBufferListInfo) = q.Value;
    NET_BUFFER_LIST_SET_HASH_VALUE(nbl, 0x1234);
    NET_BUFFER_LIST_SET_HASH_TYPE(nbl, NDIS_HASH_TCP_IPV4);
    NET_BUFFER_LIST_SET_HASH_FUNCTION(nbl, NdisHashFunctionToeplitz);
    nbl->SourceHandle = a->AdapterHandle;
    NET_BUFFER_LIST_MINIPORT_RESERVED(nbl)[0] = a;
    NdisMIndicateReceiveNetBufferLists(a->AdapterHandle, nbl, NDIS_DEFAULT_PORT_NUMBER, 1,
                                       NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL |
                                       NDIS_RECEIVE_FLAGS_PERFECT_FILTERED);
}

static VOID Mp2IndicateLink(PADAPTER2 a, BOOLEAN up)
{
    NDIS_STATUS_INDICATION ind;
    NDIS_LINK_STATE ls;

    NdisZeroMemory(&ls, sizeof(ls));
    ls.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    ls.Header.Revision = NDIS_LINK_STATE_REVISION_1;
    ls.Header.Size = NDIS_SIZEOF_LINK_STATE_REVISION_1;
    ls.MediaConnectState = up ? MediaConnectStateConnected : MediaConnectStateDisconnected;
    ls.MediaDuplexState = MediaDuplexStateFull;
    ls.XmitLinkSpeed = ls.RcvLinkSpeed = up ? 1000000000ULL : NDIS_LINK_SPEED_UNKNOWN;
    ls.PauseFunctions = NdisPauseFunctionsUnsupported;
    ls.AutoNegotiationFlags = 0;
    a->LinkState = ls;

    NdisZeroMemory(&ind, sizeof(ind));
    ind.Header.Type = NDIS_OBJECT_TYPE_STATUS_INDICATION;
    ind.Header.Revision = NDIS_STATUS_INDICATION_REVISION_1;
    ind.Header.Size = NDIS_SIZEOF_STATUS_INDICATION_REVISION_1;
    ind.SourceHandle = a->AdapterHandle;
    ind.PortNumber = NDIS_DEFAULT_PORT_NUMBER;
    ind.StatusCode = NDIS_STATUS_LINK_STATE;
    ind.Flags = 0;
    ind.DestinationHandle = NULL;
    ind.RequestId = 0;
    ind.StatusBuffer = &ls;
    ind.StatusBufferSize = sizeof(ls);
    NdisMIndicateStatusEx(a->AdapterHandle, &ind);
}

static NDIS_STATUS Mp2Query(PADAPTER2 a, NDIS_OID oid, PVOID buf, ULONG len, PULONG written,
                            PULONG needed)
{
    ULONG ul = 0;
    ULONG64 u64 = 0;
    PVOID src = &ul;
    ULONG srcLen = sizeof(ul);

    switch (oid) {
    case OID_GEN_HARDWARE_STATUS: ul = NdisHardwareStatusReady; break;
    case OID_GEN_MEDIA_SUPPORTED:
    case OID_GEN_MEDIA_IN_USE: ul = NdisMedium802_3; break;
    case OID_GEN_PHYSICAL_MEDIUM: ul = NdisPhysicalMedium802_3; break;
    case OID_GEN_MAXIMUM_LOOKAHEAD:
    case OID_GEN_CURRENT_LOOKAHEAD:
    case OID_GEN_MAXIMUM_FRAME_SIZE: ul = 1500; break;
    case OID_GEN_MAXIMUM_TOTAL_SIZE:
    case OID_GEN_TRANSMIT_BLOCK_SIZE:
    case OID_GEN_RECEIVE_BLOCK_SIZE: ul = 1514; break;
    case OID_GEN_TRANSMIT_BUFFER_SPACE:
    case OID_GEN_RECEIVE_BUFFER_SPACE: ul = 1514 * 64; break;
    case OID_GEN_VENDOR_ID: ul = 0x00ffffff; break;
    case OID_GEN_VENDOR_DESCRIPTION: src = "drvcheck"; srcLen = 9; break;
    case OID_GEN_VENDOR_DRIVER_VERSION: ul = 0x00010000; break;
    case OID_GEN_DRIVER_VERSION: ul = (NDIS_MINIPORT_MAJOR_VERSION << 8) | NDIS_MINIPORT_MINOR_VERSION; break;
    case OID_GEN_MAC_OPTIONS: ul = NDIS_MAC_OPTION_NO_LOOPBACK; break;
    case OID_GEN_MEDIA_CONNECT_STATUS: ul = NdisMediaStateConnected; break;
    case OID_GEN_MAXIMUM_SEND_PACKETS: ul = 64; break;
    case OID_GEN_CURRENT_PACKET_FILTER: ul = a->PacketFilter; break;
    case OID_GEN_LINK_SPEED: ul = 10000000; break;
    case OID_GEN_XMIT_OK:
    case OID_GEN_RCV_OK:
    case OID_GEN_XMIT_ERROR:
    case OID_GEN_RCV_ERROR:
    case OID_GEN_RCV_NO_BUFFER:
    case OID_GEN_RCV_CRC_ERROR:
    case OID_GEN_DIRECTED_FRAMES_RCV:
    case OID_GEN_BYTES_RCV:
    case OID_GEN_BYTES_XMIT:
    case OID_GEN_MULTICAST_FRAMES_XMIT:
    case OID_GEN_BROADCAST_FRAMES_RCV:
        src = &u64; srcLen = sizeof(u64); break;
    case OID_GEN_STATISTICS: {
        static NDIS_STATISTICS_INFO st;
        st.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        st.Header.Revision = NDIS_STATISTICS_INFO_REVISION_1;
        st.Header.Size = NDIS_SIZEOF_STATISTICS_INFO_REVISION_1;
        st.SupportedStatistics = NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_RCV;
        st.ifHCInUcastPkts = 0;
        src = &st; srcLen = sizeof(st); break;
    }
    case OID_GEN_INTERRUPT_MODERATION: {
        static NDIS_INTERRUPT_MODERATION_PARAMETERS im;
        im.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
        im.Header.Revision = NDIS_INTERRUPT_MODERATION_PARAMETERS_REVISION_1;
        im.Header.Size = NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1;
        im.InterruptModeration = NdisInterruptModerationNotSupported;
        src = &im; srcLen = sizeof(im); break;
    }
    case OID_802_3_PERMANENT_ADDRESS: src = a->PermanentAddress; srcLen = 6; break;
    case OID_802_3_CURRENT_ADDRESS: src = a->CurrentAddress; srcLen = 6; break;
    case OID_802_3_MAXIMUM_LIST_SIZE: ul = 32; break;
    case OID_802_3_RCV_ERROR_ALIGNMENT:
    case OID_802_3_XMIT_ONE_COLLISION:
    case OID_802_3_XMIT_MORE_COLLISIONS:
    case OID_802_3_XMIT_DEFERRED:
    case OID_802_3_XMIT_MAX_COLLISIONS:
    case OID_802_3_RCV_OVERRUN:
    case OID_802_3_XMIT_UNDERRUN:
    case OID_802_3_XMIT_HEARTBEAT_FAILURE:
    case OID_802_3_XMIT_TIMES_CRS_LOST:
    case OID_802_3_XMIT_LATE_COLLISIONS:
        break;
    case OID_PNP_CAPABILITIES: {
        static NDIS_PNP_CAPABILITIES cap;
        cap.Flags = 0;
        cap.WakeUpCapabilities.MinMagicPacketWakeUp = NdisDeviceStateD3;
        cap.WakeUpCapabilities.MinPatternWakeUp = NdisDeviceStateD3;
        cap.WakeUpCapabilities.MinLinkChangeWakeUp = NdisDeviceStateUnspecified;
        src = &cap; srcLen = sizeof(cap); break;
    }
    case OID_PNP_QUERY_POWER: break;
    case OID_PNP_ENABLE_WAKE_UP: ul = NDIS_PNP_WAKE_UP_MAGIC_PACKET | NDIS_PNP_WAKE_UP_PATTERN_MATCH; break;
    case OID_GEN_RECEIVE_SCALE_CAPABILITIES: break;
    default:
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    if (srcLen > len) {
        *needed = srcLen;
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    NdisMoveMemory(buf, src, srcLen);
    *written = srcLen;
    return NDIS_STATUS_SUCCESS;
}

static NDIS_STATUS Mp2Set(PADAPTER2 a, NDIS_OID oid, PVOID buf, ULONG len, PULONG read)
{
    switch (oid) {
    case OID_GEN_CURRENT_PACKET_FILTER: {
        ULONG f;
        if (len < sizeof(ULONG))
            return NDIS_STATUS_INVALID_LENGTH;
        f = *(PULONG)buf;
        if (f & ~(NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_MULTICAST | NDIS_PACKET_TYPE_ALL_MULTICAST |
                  NDIS_PACKET_TYPE_BROADCAST | NDIS_PACKET_TYPE_PROMISCUOUS | NDIS_PACKET_TYPE_SOURCE_ROUTING |
                  NDIS_PACKET_TYPE_SMT | NDIS_PACKET_TYPE_ALL_LOCAL | NDIS_PACKET_TYPE_GROUP |
                  NDIS_PACKET_TYPE_ALL_FUNCTIONAL | NDIS_PACKET_TYPE_FUNCTIONAL | NDIS_PACKET_TYPE_MAC_FRAME |
                  NDIS_PACKET_TYPE_NO_LOCAL))
            return NDIS_STATUS_NOT_SUPPORTED;
        a->PacketFilter = f;
        *read = sizeof(ULONG);
        return NDIS_STATUS_SUCCESS;
    }
    case OID_802_3_MULTICAST_LIST:
        if (len % ETH_LENGTH_OF_ADDRESS)
            return NDIS_STATUS_INVALID_LENGTH;
        if (len / ETH_LENGTH_OF_ADDRESS > 32)
            return NDIS_STATUS_MULTICAST_FULL;
        *read = len;
        return NDIS_STATUS_SUCCESS;
    case OID_GEN_CURRENT_LOOKAHEAD:
    case OID_GEN_NETWORK_LAYER_ADDRESSES:
    case OID_GEN_MACHINE_NAME:
        *read = len;
        return NDIS_STATUS_SUCCESS;
    case OID_PNP_SET_POWER: {
        NDIS_DEVICE_POWER_STATE ps = *(PNDIS_DEVICE_POWER_STATE)buf;
        if (ps == NdisDeviceStateD0 || ps == NdisDeviceStateD3)
            return NDIS_STATUS_SUCCESS;
        return NDIS_STATUS_INVALID_DATA;
    }
    case OID_PNP_ADD_WAKE_UP_PATTERN:
    case OID_PNP_REMOVE_WAKE_UP_PATTERN: {
        PNDIS_PM_PACKET_PATTERN pat = (PNDIS_PM_PACKET_PATTERN)buf;
        if (pat->MaskSize == 0 || pat->PatternOffset < sizeof(*pat))
            return NDIS_STATUS_INVALID_DATA;
        return NDIS_STATUS_SUCCESS;
    }
    case OID_PM_ADD_WOL_PATTERN:
    case OID_PM_REMOVE_WOL_PATTERN:
    case OID_PM_PARAMETERS:
        return NDIS_STATUS_SUCCESS;
    case OID_OFFLOAD_ENCAPSULATION: {
        PNDIS_OFFLOAD_ENCAPSULATION e = (PNDIS_OFFLOAD_ENCAPSULATION)buf;
        if (len < NDIS_SIZEOF_OFFLOAD_ENCAPSULATION_REVISION_1)
            return NDIS_STATUS_INVALID_LENGTH;
        if (e->IPv4.Enabled == NDIS_OFFLOAD_SET_ON &&
            e->IPv4.EncapsulationType != NDIS_ENCAPSULATION_IEEE_802_3)
            return NDIS_STATUS_INVALID_PARAMETER;
        if (e->IPv6.Enabled == NDIS_OFFLOAD_SET_ON && e->IPv6.HeaderSize != 14)
            return NDIS_STATUS_INVALID_PARAMETER;
        *read = len;
        return NDIS_STATUS_SUCCESS;
    }
    case OID_TCP_OFFLOAD_PARAMETERS: {
        PNDIS_OFFLOAD_PARAMETERS p = (PNDIS_OFFLOAD_PARAMETERS)buf;
        if (len < NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_1)
            return NDIS_STATUS_INVALID_LENGTH;
        if (p->IPv4Checksum == NDIS_OFFLOAD_PARAMETERS_TX_RX_ENABLED ||
            p->TCPIPv4Checksum == NDIS_OFFLOAD_PARAMETERS_TX_ENABLED_RX_DISABLED ||
            p->UDPIPv4Checksum == NDIS_OFFLOAD_PARAMETERS_RX_ENABLED_TX_DISABLED ||
            p->TCPIPv6Checksum == NDIS_OFFLOAD_PARAMETERS_TX_RX_DISABLED ||
            p->UDPIPv6Checksum == NDIS_OFFLOAD_PARAMETERS_NO_CHANGE ||
            p->LsoV1 == NDIS_OFFLOAD_PARAMETERS_LSOV1_ENABLED ||
            p->LsoV2IPv4 == NDIS_OFFLOAD_PARAMETERS_LSOV2_ENABLED ||
            p->LsoV2IPv6 == NDIS_OFFLOAD_PARAMETERS_LSOV2_DISABLED ||
            p->IPsecV1 == NDIS_OFFLOAD_PARAMETERS_IPSECV1_DISABLED ||
            p->TcpConnectionIPv4 == NDIS_OFFLOAD_PARAMETERS_CONNECTION_OFFLOAD_DISABLED)
            NdisMIndicateStatusEx(a->AdapterHandle, NULL);
        *read = len;
        return NDIS_STATUS_SUCCESS;
    }
    case OID_TCP_OFFLOAD_CURRENT_CONFIG:
    case OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES:
    case OID_TCP_CONNECTION_OFFLOAD_PARAMETERS:
        return NDIS_STATUS_NOT_SUPPORTED;
    case OID_GEN_RECEIVE_SCALE_PARAMETERS: {
        PNDIS_RECEIVE_SCALE_PARAMETERS r = (PNDIS_RECEIVE_SCALE_PARAMETERS)buf;
        PUCHAR key;
        PPROCESSOR_NUMBER table;
        ULONG hashInfo;
        if (len < NDIS_SIZEOF_RECEIVE_SCALE_PARAMETERS_REVISION_1)
            return NDIS_STATUS_INVALID_LENGTH;
        if (r->Flags & NDIS_RSS_PARAM_FLAG_DISABLE_RSS)
            return NDIS_STATUS_SUCCESS;
        if (!(r->Flags & NDIS_RSS_PARAM_FLAG_HASH_INFO_UNCHANGED)) {
            hashInfo = r->HashInformation;
            if (NDIS_RSS_HASH_FUNC_FROM_HASH_INFO(hashInfo) != NdisHashFunctionToeplitz)
                return NDIS_STATUS_INVALID_PARAMETER;
            if (NDIS_RSS_HASH_TYPE_FROM_HASH_INFO(hashInfo) &
                ~(NDIS_HASH_IPV4 | NDIS_HASH_TCP_IPV4 | NDIS_HASH_IPV6 | NDIS_HASH_TCP_IPV6 |
                  NDIS_HASH_IPV6_EX | NDIS_HASH_TCP_IPV6_EX))
                return NDIS_STATUS_INVALID_PARAMETER;
        }
        if (!(r->Flags & NDIS_RSS_PARAM_FLAG_HASH_KEY_UNCHANGED) &&
            r->HashSecretKeySize <= NDIS_RSS_HASH_SECRET_KEY_MAX_SIZE_REVISION_1)
            key = (PUCHAR)r + r->HashSecretKeyOffset;
        if (!(r->Flags & NDIS_RSS_PARAM_FLAG_ITABLE_UNCHANGED)) {
            table = (PPROCESSOR_NUMBER)((PUCHAR)r + r->IndirectionTableOffset);
            UNREFERENCED_PARAMETER(table[0].Number);
        }
        UNREFERENCED_PARAMETER(key);
        UNREFERENCED_PARAMETER(r->BaseCpuNumber);
        UNREFERENCED_PARAMETER(r->NumberOfProcessorMasks);
        UNREFERENCED_PARAMETER(r->IndirectionTableSize);
        *read = len;
        return NDIS_STATUS_SUCCESS;
    }
    case OID_GEN_RECEIVE_SCALE_CAPABILITIES:
    case OID_GEN_RECEIVE_HASH:
        return NDIS_STATUS_NOT_SUPPORTED;
    case OID_GEN_INTERRUPT_MODERATION:
        return NDIS_STATUS_INVALID_DATA;
    case OID_GEN_LINK_PARAMETERS: {
        PNDIS_LINK_PARAMETERS lp = (PNDIS_LINK_PARAMETERS)buf;
        if (lp->MediaDuplexState == MediaDuplexStateHalf && lp->XmitLinkSpeed == 10000000)
            return NDIS_STATUS_SUCCESS;
        return NDIS_STATUS_SUCCESS;
    }
    case OID_RECEIVE_FILTER_SET_FILTER:
    case OID_RECEIVE_FILTER_CLEAR_FILTER:
    case OID_RECEIVE_FILTER_ALLOCATE_QUEUE:
    case OID_RECEIVE_FILTER_FREE_QUEUE:
    case OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE:
        return NDIS_STATUS_NOT_SUPPORTED;
    default:
        return NDIS_STATUS_INVALID_OID;
    }
}

static NDIS_STATUS Mp2Oid(PADAPTER2 a, PNDIS_OID_REQUEST req)
{
    NDIS_STATUS status;
    switch (req->RequestType) {
    case NdisRequestQueryInformation:
    case NdisRequestQueryStatistics:
        status = Mp2Query(a, req->DATA.QUERY_INFORMATION.Oid,
                          req->DATA.QUERY_INFORMATION.InformationBuffer,
                          req->DATA.QUERY_INFORMATION.InformationBufferLength,
                          (PULONG)&req->DATA.QUERY_INFORMATION.BytesWritten,
                          (PULONG)&req->DATA.QUERY_INFORMATION.BytesNeeded);
        break;
    case NdisRequestSetInformation:
        status = Mp2Set(a, req->DATA.SET_INFORMATION.Oid, req->DATA.SET_INFORMATION.InformationBuffer,
                        req->DATA.SET_INFORMATION.InformationBufferLength,
                        (PULONG)&req->DATA.SET_INFORMATION.BytesRead);
        break;
    default:
        status = NDIS_STATUS_NOT_SUPPORTED;
        break;
    }
    if (status == NDIS_STATUS_FAILURE || status == NDIS_STATUS_INVALID_DEVICE_REQUEST ||
        status == NDIS_STATUS_ADAPTER_REMOVED || status == NDIS_STATUS_REQUEST_ABORTED ||
        status == NDIS_STATUS_RESET_IN_PROGRESS || status == NDIS_STATUS_MEDIA_DISCONNECTED ||
        status == NDIS_STATUS_HARD_ERRORS || status == NDIS_STATUS_NOT_ACCEPTED ||
        status == NDIS_STATUS_LOW_POWER_STATE || status == NDIS_STATUS_PAUSED ||
        status == NDIS_STATUS_BUFFER_OVERFLOW || status == NDIS_STATUS_NOT_RECOGNIZED ||
        status == NDIS_STATUS_DEVICE_FAILED || status == NDIS_STATUS_INVALID_PACKET ||
        status == NDIS_STATUS_CLOSING || status == NDIS_STATUS_UPLOAD_ALL ||
        status == NDIS_STATUS_OPEN_FAILED || status == NDIS_STATUS_NO_CABLE)
        status = NDIS_STATUS_FAILURE;
    return status;
}

static VOID Mp2Halt(PADAPTER2 a)
{
    if (a->SharedVa != NULL)
        NdisMFreeSharedMemory(a->AdapterHandle, a->SharedLength, FALSE, a->SharedVa, a->SharedPa);
    if (a->CsrBase != NULL)
        NdisMUnmapIoSpace(a->AdapterHandle, a->CsrBase, 0x1000);
    if (a->DmaHandle != NULL)
        NdisMDeregisterScatterGatherDma(a->DmaHandle);
    if (a->NblPool != NULL)
        NdisFreeNetBufferListPool(a->NblPool);
}

/* One entry point so nothing is unused. */
NDIS_STATUS Mp2Exercise(PADAPTER2 a, NDIS_HANDLE h, PNET_BUFFER_LIST nbl, PNDIS_OID_REQUEST req,
                        PNDIS_RESOURCE_LIST res);
NDIS_STATUS Mp2Exercise(PADAPTER2 a, NDIS_HANDLE h, PNET_BUFFER_LIST nbl, PNDIS_OID_REQUEST req,
                        PNDIS_RESOURCE_LIST res)
{
    NDIS_STATUS s = Mp2Initialize(a, h);
    if (s == NDIS_STATUS_SUCCESS)
        s = Mp2Hardware(a, res);
    Mp2Io(a);
    Mp2Send(a, nbl);
    Mp2SendDone(a, NET_BUFFER_LIST_FIRST_NB(nbl));
    Mp2Receive(a, a->SharedVa, 64);
    Mp2IndicateLink(a, TRUE);
    if (s == NDIS_STATUS_SUCCESS)
        s = Mp2Oid(a, req);
    Mp2Halt(a);
    return s;
}

/* Interrupts (line and MSI-X), work items, timers, processors, NBL clones, fragments, contexts, NBL flags, PM, PnP. */
typedef struct _A3 { NDIS_HANDLE h, intr, dma, pool, bufpool, wi, timer; PVOID msgtab; NDIS_SPIN_LOCK lock; } A3, *PA3;
MINIPORT_ISR A3Isr;
MINIPORT_INTERRUPT_DPC A3Dpc;
MINIPORT_MESSAGE_INTERRUPT A3MsgIsr;
MINIPORT_MESSAGE_INTERRUPT_DPC A3MsgDpc;
MINIPORT_ENABLE_MESSAGE_INTERRUPT A3MsgEnable;
MINIPORT_DISABLE_MESSAGE_INTERRUPT A3MsgDisable;
MINIPORT_ENABLE_INTERRUPT A3Enable;
MINIPORT_DISABLE_INTERRUPT A3Disable;
MINIPORT_SYNCHRONIZE_INTERRUPT A3Sync;
MINIPORT_SYNCHRONIZE_MESSAGE_INTERRUPT A3MsgSync;
NDIS_IO_WORKITEM_FUNCTION A3Work;
NDIS_TIMER_FUNCTION A3Timer;
MINIPORT_IDLE_NOTIFICATION A3Idle;
MINIPORT_CANCEL_IDLE_NOTIFICATION A3CancelIdle;
BOOLEAN A3Isr(NDIS_HANDLE c, PBOOLEAN q, PULONG t) { UNREFERENCED_PARAMETER(c); *q = FALSE; *t = 1; return TRUE; }
VOID A3Dpc(NDIS_HANDLE c, PVOID d, PVOID r1, PVOID r2) { PNDIS_RECEIVE_THROTTLE_PARAMETERS p = (PNDIS_RECEIVE_THROTTLE_PARAMETERS)r1; UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(d); UNREFERENCED_PARAMETER(r2); if (p->MaxNblsToIndicate == NDIS_INDICATE_ALL_NBLS) p->MoreNblsPending = FALSE; }
BOOLEAN A3MsgIsr(NDIS_HANDLE c, ULONG m, PBOOLEAN q, PULONG t) { UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(m); *q = FALSE; *t = 0; return TRUE; }
VOID A3MsgDpc(NDIS_HANDLE c, ULONG m, PVOID d, PVOID r1, PVOID r2) { UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(m); UNREFERENCED_PARAMETER(d); UNREFERENCED_PARAMETER(r1); UNREFERENCED_PARAMETER(r2); }
VOID A3MsgEnable(NDIS_HANDLE c, ULONG m) { UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(m); }
VOID A3MsgDisable(NDIS_HANDLE c, ULONG m) { UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(m); }
VOID A3Enable(NDIS_HANDLE c) { UNREFERENCED_PARAMETER(c); }
VOID A3Disable(NDIS_HANDLE c) { UNREFERENCED_PARAMETER(c); }
BOOLEAN A3Sync(NDIS_HANDLE c) { UNREFERENCED_PARAMETER(c); return TRUE; }
BOOLEAN A3MsgSync(NDIS_HANDLE c) { UNREFERENCED_PARAMETER(c); return TRUE; }
VOID A3Work(PVOID c, NDIS_HANDLE w) { UNREFERENCED_PARAMETER(c); NdisFreeIoWorkItem(w); }
VOID A3Timer(PVOID s1, PVOID c, PVOID s2, PVOID s3) { UNREFERENCED_PARAMETER(s1); UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(s2); UNREFERENCED_PARAMETER(s3); }
NDIS_STATUS A3Idle(NDIS_HANDLE c, BOOLEAN f) { UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(f); return NDIS_STATUS_PENDING; }
VOID A3CancelIdle(NDIS_HANDLE c) { UNREFERENCED_PARAMETER(c); }

NDIS_STATUS A3Go(PA3 a, PNET_BUFFER_LIST nbl, PNDIS_OID_REQUEST req);
NDIS_STATUS A3Go(PA3 a, PNET_BUFFER_LIST nbl, PNDIS_OID_REQUEST req)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS ic;
    NDIS_TIMER_CHARACTERISTICS tc;
    NDIS_STATUS st;
    NDIS_INTERRUPT_TYPE it;
    PIO_INTERRUPT_MESSAGE_INFO mi;
    PNDIS_RSS_PROCESSOR_INFO rpi = NULL;
    SIZE_T rsz = 0;
    PROCESSOR_NUMBER pn;
    LARGE_INTEGER due;
    ULONG i, cpu;
    PNET_BUFFER_LIST clone, frag;
    PNET_BUFFER nb;
    ULONG copied = 0;
    PVOID ctx;
    PUCHAR buf;
    PMDL mdl;
    NDIS_MINIPORT_PNP_CHARACTERISTICS pnp;
    NDIS_PM_PARAMETERS pmp;
    NDIS_PM_WOL_PATTERN *wol;
    NDIS_RESTART_ATTRIBUTES *ra = NULL;
    PNDIS_RESTART_GENERAL_ATTRIBUTES rga;
    NDIS_PORT_AUTHENTICATION_PARAMETERS *pap = NULL;
    NDIS_DEVICE_OBJECT_ATTRIBUTES doa;
    NDIS_HARDWARE_STATUS hs = NdisHardwareStatusReady;
    NDIS_MEDIA_STATE ms = NdisMediaStateConnected;
    PDEVICE_OBJECT pdo, fdo, next;
    PCM_RESOURCE_LIST raw, xl;
    ULONG64 upms;
    NDIS_NET_BUFFER_LIST_FILTERING_INFO fi;
    ULONG hi;

    UNREFERENCED_PARAMETER(hs); UNREFERENCED_PARAMETER(ms); UNREFERENCED_PARAMETER(pap);
    NdisZeroMemory(&ic, sizeof(ic));
    ic.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    ic.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    ic.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    ic.InterruptHandler = A3Isr;
    ic.InterruptDpcHandler = A3Dpc;
    ic.DisableInterruptHandler = A3Disable;
    ic.EnableInterruptHandler = A3Enable;
    ic.MsiSupported = TRUE;
    ic.MsiSyncWithAllMessages = FALSE;
    ic.MessageInterruptHandler = A3MsgIsr;
    ic.MessageInterruptDpcHandler = A3MsgDpc;
    ic.DisableMessageInterruptHandler = A3MsgDisable;
    ic.EnableMessageInterruptHandler = A3MsgEnable;
    st = NdisMRegisterInterruptEx(a->h, a, &ic, &a->intr);
    it = ic.InterruptType;
    mi = ic.MessageInfoTable;
    if (it == NDIS_CONNECT_MESSAGE_BASED && mi != NULL) {
        for (i = 0; i < mi->MessageCount; i++) {
            KAFFINITY aff = mi->MessageInfo[i].TargetProcessorSet;
            ULONG data = mi->MessageInfo[i].MessageData;
            PHYSICAL_ADDRESS ma = mi->MessageInfo[i].MessageAddress;
            UNREFERENCED_PARAMETER(aff); UNREFERENCED_PARAMETER(data); UNREFERENCED_PARAMETER(ma);
        }
        NdisMConfigMSIXTableEntry(a->h, NULL);
    }
    NdisMSynchronizeWithInterruptEx(a->intr, 0, A3Sync, a);
    NdisMDeregisterInterruptEx(a->intr);
    NdisMQueueDpc(a->intr, 0, 1, NULL);

    a->wi = NdisAllocateIoWorkItem(a->h);
    NdisQueueIoWorkItem(a->wi, A3Work, a);
    NdisZeroMemory(&tc, sizeof(tc));
    tc.Header.Type = NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS;
    tc.Header.Revision = NDIS_TIMER_CHARACTERISTICS_REVISION_1;
    tc.Header.Size = NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1;
    tc.AllocationTag = 'mTmM';
    tc.TimerFunction = A3Timer;
    tc.FunctionContext = a;
    st = NdisAllocateTimerObject(a->h, &tc, &a->timer);
    due.QuadPart = -10000LL * 100;
    NdisSetTimerObject(a->timer, due, 100, NULL);
    NdisCancelTimerObject(a->timer);
    NdisFreeTimerObject(a->timer);

    cpu = NdisCurrentProcessorIndex();
    cpu = KeGetCurrentProcessorNumberEx(&pn);
    cpu = NdisSystemProcessorCount();
    cpu = KeGetProcessorIndexFromNumber(&pn);
    st = KeGetProcessorNumberFromIndex(cpu, &pn);
    st = NdisGetRssProcessorInformation(a->h, rpi, &rsz);
    st = NdisGetProcessorInformationEx(a->h, NULL, &rsz);
    UNREFERENCED_PARAMETER(st);

    NdisGetSystemUpTimeEx(&due);
    upms = 0;
    UNREFERENCED_PARAMETER(upms);
    NdisGetCurrentSystemTime(&due);
    NdisStallExecution(10);
    NdisMSleep(1000);
    NdisWriteErrorLogEntry(a->h, NDIS_ERROR_CODE_HARDWARE_FAILURE, 1, 0x42);
    NdisMGetDeviceProperty(a->h, &pdo, &fdo, &next, &raw, &xl);
    NdisMRemoveMiniport(a->h);
    NdisMResetComplete(a->h, NDIS_STATUS_SUCCESS, FALSE);
    NdisMOidRequestComplete(a->h, req, NDIS_STATUS_SUCCESS);
    NdisMPauseComplete(a->h);
    NdisMRestartComplete(a->h, NDIS_STATUS_SUCCESS);
    NdisMDirectOidRequestComplete(a->h, req, NDIS_STATUS_SUCCESS);
    if (ra != NULL && ra->Oid == OID_GEN_MINIPORT_RESTART_ATTRIBUTES) {
        rga = (PNDIS_RESTART_GENERAL_ATTRIBUTES)ra->Data;
        rga->MtuSize = 1500;
    }
    i = NdisMGetDmaAlignment(a->h);
    i = NdisGetSharedDataAlignment();
    i = NdisQueryNetBufferPhysicalCount(NET_BUFFER_LIST_FIRST_NB(nbl));

    a->pool = NdisGetPoolFromNetBufferList(nbl);
    clone = NdisAllocateCloneNetBufferList(nbl, a->pool, NULL, NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS);
    if (clone) NdisFreeCloneNetBufferList(clone, 0);
    frag = NdisAllocateFragmentNetBufferList(nbl, a->pool, NULL, 0, 1500, 14, 0, 0);
    if (frag) NdisFreeFragmentNetBufferList(frag, 14, 0);
    if (NdisAllocateNetBufferListContext(nbl, 32, 0, 'xtcM') == NDIS_STATUS_SUCCESS) {
        ctx = NET_BUFFER_LIST_CONTEXT_DATA_START(nbl);
        UNREFERENCED_PARAMETER(NET_BUFFER_LIST_CONTEXT_DATA_SIZE(nbl));
        UNREFERENCED_PARAMETER(ctx);
        NdisFreeNetBufferListContext(nbl, 32);
    }
    nb = NdisAllocateNetBuffer(a->bufpool, NULL, 0, 0);
    if (nb) NdisFreeNetBuffer(nb);
    nb = NdisAllocateNetBufferMdlAndData(a->bufpool);
    NdisCopyFromNetBufferToNetBuffer(nb, 0, 60, NET_BUFFER_LIST_FIRST_NB(nbl), 0, &copied);
    NdisAdjustNetBufferCurrentMdl(nb);
    if (NDIS_TEST_NBL_FLAG(nbl, NDIS_NBL_FLAGS_IS_TCP) || NdisTestNblFlag(nbl, NDIS_NBL_FLAGS_IS_IPV4)) {
        NdisSetNblFlag(nbl, NDIS_NBL_FLAGS_RECV_READ_ONLY);
        NdisClearNblFlag(nbl, NDIS_NBL_FLAGS_RECV_READ_ONLY);
        NDIS_SET_NBL_FLAG(nbl, NDIS_NBL_FLAGS_IS_UDP);
    }
    if (NET_BUFFER_LIST_RECEIVE_QUEUE_ID(nbl) == NDIS_DEFAULT_RECEIVE_QUEUE_ID) {
        NET_BUFFER_LIST_RECEIVE_FILTER_ID(nbl) = NDIS_DEFAULT_RECEIVE_FILTER_ID;
    }
    fi.Value = NET_BUFFER_LIST_INFO(nbl, NetBufferListFilteringInfo);
    fi.FilteringInfo.FilterId = 0;
    NET_BUFFER_LIST_INFO(nbl, NetBufferListFilteringInfo) = fi.Value;
    NET_BUFFER_LIST_INFO(nbl, NetBufferListCancelId) = NULL;
    NET_BUFFER_LIST_INFO(nbl, MediaSpecificInformation) = NULL;
    hi = NDIS_RSS_HASH_INFO_FROM_TYPE_AND_FUNC(NDIS_HASH_IPV4, NdisHashFunctionToeplitz);
    UNREFERENCED_PARAMETER(hi);
    NDIS_SET_NET_BUFFER_LIST_CANCEL_ID(nbl, (PVOID)(ULONG_PTR)NdisGeneratePartialCancelId());
    buf = NdisGetDataBuffer(nb, 14, NULL, 1, 0);
    mdl = NdisAllocateMdl(a->h, NULL, 0);
    NdisFreeMdl(mdl);
    NdisMSendNetBufferListsComplete(a->h, nbl, 0);
    UNREFERENCED_PARAMETER(buf);

    NdisZeroMemory(&pnp, sizeof(pnp));
    pnp.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_PNP_CHARACTERISTICS;
    pnp.Header.Revision = NDIS_MINIPORT_PNP_CHARACTERISTICS_REVISION_1;
    pnp.Header.Size = NDIS_SIZEOF_MINIPORT_PNP_CHARACTERISTICS_REVISION_1;
    pnp.MiniportAddDeviceHandler = NULL;
    pnp.MiniportRemoveDeviceHandler = NULL;
    pnp.MiniportFilterResourceRequirementsHandler = NULL;
    pnp.MiniportStartDeviceHandler = NULL;
    NdisZeroMemory(&pmp, sizeof(pmp));
    pmp.Header.Revision = NDIS_PM_PARAMETERS_REVISION_2;
    pmp.Header.Size = NDIS_SIZEOF_NDIS_PM_PARAMETERS_REVISION_2;
    pmp.EnabledWoLPacketPatterns = NDIS_PM_WOL_MAGIC_PACKET_ENABLED;
    pmp.EnabledProtocolOffloads = NDIS_PM_PROTOCOL_OFFLOAD_ARP_ENABLED;
    pmp.WakeUpFlags = NDIS_PM_WAKE_ON_LINK_CHANGE_ENABLED;
    pmp.MediaSpecificWakeUpEvents = 0;
    wol = (NDIS_PM_WOL_PATTERN *)req->DATA.SET_INFORMATION.InformationBuffer;
    if (wol->WoLPacketType == NdisPMWoLPacketBitmapPattern) {
        ULONG mo = wol->WoLPattern.WoLBitMapPattern.MaskOffset;
        ULONG po = wol->WoLPattern.WoLBitMapPattern.PatternOffset;
        UNREFERENCED_PARAMETER(mo); UNREFERENCED_PARAMETER(po);
        UNREFERENCED_PARAMETER(wol->PatternId);
    }
    NdisZeroMemory(&doa, sizeof(doa));
    doa.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    doa.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    doa.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    NdisMIdleNotificationComplete(a->h);
    NdisMIdleNotificationConfirm(a->h, NdisDeviceStateD3);
    NdisAcquireSpinLock(&a->lock);
    NdisDprAcquireSpinLock(&a->lock);
    NdisDprReleaseSpinLock(&a->lock);
    NdisReleaseSpinLock(&a->lock);
    NdisInterlockedIncrement((PLONG)&i);
    return NdisMSetMiniportAttributes(a->h, NULL);
}

/* Driver entry with every NDIS 6 handler, registration attributes, NB pools, events, RW locks, ports, VMQ OIDs, status codes, header-data split, NIC switch. */
typedef struct _A4 { NDIS_HANDLE h, drv, nbpool; NDIS_EVENT ev; PNDIS_RW_LOCK_EX rw; NDIS_RW_LOCK oldrw; PVOID portbase; NDIS_PORT_NUMBER port; } A4, *PA4;
MINIPORT_INITIALIZE A4Init;
MINIPORT_HALT A4Halt;
MINIPORT_UNLOAD A4Unload;
MINIPORT_PAUSE A4Pause;
MINIPORT_RESTART A4Restart;
MINIPORT_OID_REQUEST A4Oid;
MINIPORT_SEND_NET_BUFFER_LISTS A4Send;
MINIPORT_RETURN_NET_BUFFER_LISTS A4Return;
MINIPORT_CANCEL_SEND A4CancelSend;
MINIPORT_CHECK_FOR_HANG A4Hang;
MINIPORT_RESET A4Reset;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY A4Pnp;
MINIPORT_SHUTDOWN A4Shutdown;
MINIPORT_CANCEL_OID_REQUEST A4CancelOid;
MINIPORT_DIRECT_OID_REQUEST A4DirectOid;
MINIPORT_CANCEL_DIRECT_OID_REQUEST A4CancelDirectOid;
MINIPORT_SET_OPTIONS A4SetOptions;
DRIVER_INITIALIZE DriverEntry;
static A4 g4;

NDIS_STATUS A4Init(NDIS_HANDLE h, NDIS_HANDLE drvctx, PNDIS_MINIPORT_INIT_PARAMETERS ip)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES reg;
    NET_BUFFER_POOL_PARAMETERS nbp;
    PA4 a;
    PNDIS_RESOURCE_LIST res = ip->AllocatedResources;
    NDIS_STATUS st;
    LOCK_STATE_EX ls;
    LOCK_STATE ols;
    NDIS_STRING s1, s2;
    NDIS_PORT_CHARACTERISTICS pc;
    UNREFERENCED_PARAMETER(drvctx);
    UNREFERENCED_PARAMETER(res);
    UNREFERENCED_PARAMETER(ip->IfIndex);
    UNREFERENCED_PARAMETER(ip->NetLuid);
    UNREFERENCED_PARAMETER(ip->DefaultPortAuthStates);
    UNREFERENCED_PARAMETER(ip->PciDeviceCustomProperties);
    a = (PA4)NdisAllocateMemoryWithTagPriority(h, sizeof(*a), '4AmM', NormalPoolPriority);
    if (a == NULL) return NDIS_STATUS_RESOURCES;
    NdisZeroMemory(a, sizeof(*a));
    a->h = h;
    NdisZeroMemory(&reg, sizeof(reg));
    reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_2;
    reg.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_2;
    reg.MiniportAdapterContext = a;
    reg.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER |
                         NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND | NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK;
    reg.CheckForHangTimeInSeconds = 2;
    reg.InterfaceType = NdisInterfacePci;
    st = NdisMSetMiniportAttributes(h, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&reg);
    if (st != NDIS_STATUS_SUCCESS) goto fail;

    NdisZeroMemory(&nbp, sizeof(nbp));
    nbp.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    nbp.Header.Revision = NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    nbp.Header.Size = NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1;
    nbp.PoolTag = 'bNmM';
    nbp.DataSize = 0;
    a->nbpool = NdisAllocateNetBufferPool(h, &nbp);
    NdisFreeNetBufferPool(a->nbpool);

    NdisInitializeEvent(&a->ev);
    NdisSetEvent(&a->ev);
    NdisResetEvent(&a->ev);
    (void)NdisWaitEvent(&a->ev, 100);
    a->rw = NdisAllocateRWLock(h);
    NdisAcquireRWLockRead(a->rw, &ls, NDIS_RWL_AT_DISPATCH_LEVEL);
    NdisReleaseRWLock(a->rw, &ls);
    NdisAcquireRWLockWrite(a->rw, &ls, 0);
    NdisReleaseRWLock(a->rw, &ls);
    NdisFreeRWLock(a->rw);
    NdisInitializeReadWriteLock(&a->oldrw);
    NdisAcquireReadWriteLock(&a->oldrw, FALSE, &ols);
    NdisReleaseReadWriteLock(&a->oldrw, &ols);

    NdisInitUnicodeString(&s1, L"abc");
    RtlInitUnicodeString(&s2, L"ABC");
    if (NdisEqualString(&s1, &s2, TRUE) && RtlEqualUnicodeString(&s1, &s2, TRUE))
        s1.Length = 0;
    st = NdisMRegisterIoPortRange(&a->portbase, h, 0x300, 0x20);
    if (st == NDIS_STATUS_SUCCESS)
        NdisMDeregisterIoPortRange(h, 0x300, 0x20, a->portbase);

    NdisZeroMemory(&pc, sizeof(pc));
    pc.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    pc.Header.Revision = NDIS_PORT_CHARACTERISTICS_REVISION_1;
    pc.Header.Size = NDIS_SIZEOF_PORT_CHARACTERISTICS_REVISION_1;
    pc.Flags = NDIS_PORT_CHAR_USE_DEFAULT_AUTH_SETTINGS;
    pc.Type = NdisPortTypeUndefined;
    pc.MediaConnectState = MediaConnectStateConnected;
    pc.XmitLinkSpeed = NDIS_LINK_SPEED_UNKNOWN;
    pc.Direction = NET_IF_DIRECTION_SENDRECEIVE;
    pc.SendControlState = NdisPortControlStateUncontrolled;
    pc.RcvControlState = NdisPortControlStateUncontrolled;
    pc.SendAuthorizationState = NdisPortAuthorized;
    pc.RcvAuthorizationState = NdisPortAuthorized;
    st = NdisMAllocatePort(h, &pc);
    if (st == NDIS_STATUS_SUCCESS) {
        a->port = pc.PortNumber;
        NdisMFreePort(h, a->port);
    }
    return NDIS_STATUS_SUCCESS;
fail:
    NdisFreeMemory(a, 0, 0);
    return st;
}
VOID A4Halt(NDIS_HANDLE c, NDIS_HALT_ACTION act) { UNREFERENCED_PARAMETER(c); if (act == NdisHaltDeviceDisabled || act == NdisHaltDeviceSurpriseRemoved) return; }
VOID A4Unload(PDRIVER_OBJECT d) { UNREFERENCED_PARAMETER(d); NdisMDeregisterMiniportDriver(g4.drv); }
NDIS_STATUS A4Pause(NDIS_HANDLE c, PNDIS_MINIPORT_PAUSE_PARAMETERS p) { UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(p->PauseReason); return (p->Flags & NDIS_PAUSE_LOW_POWER) ? NDIS_STATUS_SUCCESS : NDIS_STATUS_PENDING; }
NDIS_STATUS A4Restart(NDIS_HANDLE c, PNDIS_MINIPORT_RESTART_PARAMETERS p) { PNDIS_RESTART_ATTRIBUTES ra = p->RestartAttributes; UNREFERENCED_PARAMETER(c); while (ra) { ra = ra->Next; } return NDIS_STATUS_SUCCESS; }
NDIS_STATUS A4Oid(NDIS_HANDLE c, PNDIS_OID_REQUEST r) { UNREFERENCED_PARAMETER(c); if (r->RequestType == NdisRequestMethod) { NDIS_OID o = r->DATA.METHOD_INFORMATION.Oid; UNREFERENCED_PARAMETER(o); r->DATA.METHOD_INFORMATION.BytesWritten = 0; } UNREFERENCED_PARAMETER(r->PortNumber); UNREFERENCED_PARAMETER(r->RequestId); return NDIS_STATUS_NOT_SUPPORTED; }
VOID A4Send(NDIS_HANDLE c, PNET_BUFFER_LIST n, NDIS_PORT_NUMBER p, ULONG f) { UNREFERENCED_PARAMETER(p); if (NDIS_TEST_SEND_AT_DISPATCH_LEVEL(f)) { } NdisMSendNetBufferListsComplete(((PA4)c)->h, n, NDIS_TEST_SEND_AT_DISPATCH_LEVEL(f) ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0); }
VOID A4Return(NDIS_HANDLE c, PNET_BUFFER_LIST n, ULONG f) { UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(n); if (NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(f)) { } }
VOID A4CancelSend(NDIS_HANDLE c, PVOID id) { UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(id); }
BOOLEAN A4Hang(NDIS_HANDLE c) { UNREFERENCED_PARAMETER(c); return FALSE; }
NDIS_STATUS A4Reset(NDIS_HANDLE c, PBOOLEAN addr) { UNREFERENCED_PARAMETER(c); *addr = FALSE; return NDIS_STATUS_SUCCESS; }
VOID A4Pnp(NDIS_HANDLE c, PNET_DEVICE_PNP_EVENT e) { UNREFERENCED_PARAMETER(c); if (e->DevicePnPEvent == NdisDevicePnPEventSurpriseRemoved || e->DevicePnPEvent == NdisDevicePnPEventPowerProfileChanged) { ULONG prof = e->InformationBufferLength >= sizeof(ULONG) ? *(PULONG)e->InformationBuffer : 0; if (prof == NdisPowerProfileAcOnLine) { } } }
VOID A4Shutdown(NDIS_HANDLE c, NDIS_SHUTDOWN_ACTION a) { UNREFERENCED_PARAMETER(c); if (a == NdisShutdownPowerOff || a == NdisShutdownBugCheck) { } }
VOID A4CancelOid(NDIS_HANDLE c, PVOID id) { UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(id); }
NDIS_STATUS A4DirectOid(NDIS_HANDLE c, PNDIS_OID_REQUEST r) { UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(r); return NDIS_STATUS_NOT_SUPPORTED; }
VOID A4CancelDirectOid(NDIS_HANDLE c, PVOID id) { UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(id); }
NDIS_STATUS A4SetOptions(NDIS_HANDLE d, NDIS_HANDLE c) { UNREFERENCED_PARAMETER(d); UNREFERENCED_PARAMETER(c); return NDIS_STATUS_SUCCESS; }

NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS ch;
    NDIS_STATUS st;
    UINT ver = NdisGetVersion();
    UNREFERENCED_PARAMETER(ver);
    NdisZeroMemory(&ch, sizeof(ch));
    ch.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    ch.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    ch.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    ch.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    ch.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    ch.MajorDriverVersion = 1;
    ch.MinorDriverVersion = 0;
    ch.Flags = NDIS_WDM_DRIVER;
    ch.SetOptionsHandler = A4SetOptions;
    ch.InitializeHandlerEx = A4Init;
    ch.HaltHandlerEx = A4Halt;
    ch.UnloadHandler = A4Unload;
    ch.PauseHandler = A4Pause;
    ch.RestartHandler = A4Restart;
    ch.OidRequestHandler = A4Oid;
    ch.SendNetBufferListsHandler = A4Send;
    ch.ReturnNetBufferListsHandler = A4Return;
    ch.CancelSendHandler = A4CancelSend;
    ch.CheckForHangHandlerEx = A4Hang;
    ch.ResetHandlerEx = A4Reset;
    ch.DevicePnPEventNotifyHandler = A4Pnp;
    ch.ShutdownHandlerEx = A4Shutdown;
    ch.CancelOidRequestHandler = A4CancelOid;
    ch.DirectOidRequestHandler = A4DirectOid;
    ch.CancelDirectOidRequestHandler = A4CancelDirectOid;
    st = NdisMRegisterMiniportDriver(d, r, &g4, &ch, &g4.drv);
    return st == NDIS_STATUS_SUCCESS ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}

ULONG A4Vmq(PNDIS_OID_REQUEST r);
ULONG A4Vmq(PNDIS_OID_REQUEST r)
{
    PVOID b = r->DATA.METHOD_INFORMATION.InformationBuffer;
    switch (r->DATA.METHOD_INFORMATION.Oid) {
    case OID_RECEIVE_FILTER_ALLOCATE_QUEUE: {
        PNDIS_RECEIVE_QUEUE_PARAMETERS q = (PNDIS_RECEIVE_QUEUE_PARAMETERS)b;
        q->QueueId = 1;
        return q->Flags | q->QueueType | q->NumSuggestedReceiveBuffers | q->MSIXTableEntry |
               q->LookaheadSize | (ULONG)q->ProcessorAffinity.Group | q->PortId | q->QueueGroupId;
    }
    case OID_RECEIVE_FILTER_SET_FILTER: {
        PNDIS_RECEIVE_FILTER_PARAMETERS f = (PNDIS_RECEIVE_FILTER_PARAMETERS)b;
        PNDIS_RECEIVE_FILTER_FIELD_PARAMETERS ff =
            (PNDIS_RECEIVE_FILTER_FIELD_PARAMETERS)((PUCHAR)f + f->FieldParametersArrayOffset);
        if (ff->FrameHeader == NdisFrameHeaderMac && ff->HeaderField.MacHeaderField == NdisMacHeaderFieldDestinationAddress &&
            ff->ReceiveFilterTest == NdisReceiveFilterTestEqual)
            return ff->FieldValue.FieldByteArrayValue[0];
        return f->FilterType == NdisReceiveFilterTypeVMQueue ? f->QueueId + f->FilterId + f->FieldParametersArrayNumElements : 0;
    }
    case OID_RECEIVE_FILTER_FREE_QUEUE: {
        PNDIS_RECEIVE_QUEUE_FREE_PARAMETERS fq = (PNDIS_RECEIVE_QUEUE_FREE_PARAMETERS)b;
        return fq->QueueId;
    }
    case OID_RECEIVE_FILTER_CLEAR_FILTER: {
        PNDIS_RECEIVE_FILTER_CLEAR_PARAMETERS cf = (PNDIS_RECEIVE_FILTER_CLEAR_PARAMETERS)b;
        return cf->FilterId + cf->QueueId;
    }
    case OID_NIC_SWITCH_CREATE_SWITCH:
    case OID_NIC_SWITCH_ENUM_SWITCHES:
        return 0;
    case OID_GEN_RSS_SET_INDIRECTION_TABLE_ENTRIES:
    case OID_PM_GET_PROTOCOL_OFFLOAD:
    case OID_PM_ADD_PROTOCOL_OFFLOAD:
    case OID_PM_REMOVE_PROTOCOL_OFFLOAD:
    case OID_PM_WOL_PATTERN_LIST:
    case OID_PM_PROTOCOL_OFFLOAD_LIST:
    case OID_GEN_HD_SPLIT_PARAMETERS:
    case OID_GEN_HD_SPLIT_CURRENT_CONFIG:
    case OID_TCP_RSC_STATISTICS:
    case OID_GEN_ISOLATION_PARAMETERS:
    case OID_QOS_PARAMETERS:
    case OID_GEN_RECEIVE_SCALE_PARAMETERS_V2:
        return 1;
    default:
        return 0;
    }
}

VOID A4Status(PA4 a, PNDIS_OFFLOAD off);
VOID A4Status(PA4 a, PNDIS_OFFLOAD off)
{
    NDIS_STATUS_INDICATION ind;
    NDIS_HD_SPLIT_ATTRIBUTES hds;
    NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES hw;
    NDIS_RECEIVE_SCALE_CAPABILITIES rss;
    NDIS_NIC_SWITCH_CAPABILITIES sw;
    off->Rsc.IPv4.Enabled = TRUE;
    off->Rsc.IPv6.Enabled = FALSE;
    off->EncapsulatedPacketTaskOffloadGre.TransmitChecksumOffloadSupported = NDIS_ENCAPSULATION_TYPE_GRE_MAC;
    off->IPsecV2.Encapsulation = NDIS_ENCAPSULATION_NOT_SUPPORTED;
    NdisZeroMemory(&ind, sizeof(ind));
    ind.Header.Type = NDIS_OBJECT_TYPE_STATUS_INDICATION;
    ind.Header.Revision = NDIS_STATUS_INDICATION_REVISION_1;
    ind.Header.Size = NDIS_SIZEOF_STATUS_INDICATION_REVISION_1;
    ind.SourceHandle = a->h;
    ind.StatusCode = NDIS_STATUS_TASK_OFFLOAD_CURRENT_CONFIG;
    ind.StatusBuffer = off;
    ind.StatusBufferSize = NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_3;
    NdisMIndicateStatusEx(a->h, &ind);
    ind.StatusCode = NDIS_STATUS_OFFLOAD_ENCASPULATION_CHANGE;
    ind.StatusCode = NDIS_STATUS_TASK_OFFLOAD_HARDWARE_CAPABILITIES;
    ind.StatusCode = NDIS_STATUS_MEDIA_CONNECT;
    ind.StatusCode = NDIS_STATUS_MEDIA_DISCONNECT;
    ind.StatusCode = NDIS_STATUS_RESET_START;
    ind.StatusCode = NDIS_STATUS_RESET_END;
    ind.StatusCode = NDIS_STATUS_PM_WAKE_REASON;
    ind.StatusCode = NDIS_STATUS_RECEIVE_QUEUE_STATE;
    ind.StatusCode = NDIS_STATUS_PORT_STATE;
    ind.StatusCode = NDIS_STATUS_OPER_STATUS;
    ind.StatusCode = NDIS_STATUS_PACKET_FILTER;
    ind.StatusCode = NDIS_STATUS_NETWORK_CHANGE;
    ind.StatusCode = NDIS_STATUS_MEDIA_SPECIFIC_INDICATION;
    ind.StatusCode = NDIS_STATUS_HD_SPLIT_CURRENT_CONFIG;
    ind.StatusCode = NDIS_STATUS_WAN_LINE_UP;
    NdisZeroMemory(&hds, sizeof(hds));
    hds.Header.Type = NDIS_OBJECT_TYPE_HD_SPLIT_ATTRIBUTES;
    hds.Header.Revision = NDIS_HD_SPLIT_ATTRIBUTES_REVISION_1;
    hds.Header.Size = NDIS_SIZEOF_HD_SPLIT_ATTRIBUTES_REVISION_1;
    hds.HardwareCapabilities = NDIS_HD_SPLIT_CAPS_SUPPORTS_HEADER_DATA_SPLIT;
    hds.CurrentCapabilities = hds.HardwareCapabilities;
    hds.HDSplitFlags = 0;
    hds.BackfillSize = 0;
    hds.MaxHeaderSize = 0;
    (void)NdisMSetMiniportAttributes(a->h, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&hds);
    NdisZeroMemory(&rss, sizeof(rss));
    NdisZeroMemory(&sw, sizeof(sw));
    sw.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    sw.Header.Revision = NDIS_NIC_SWITCH_CAPABILITIES_REVISION_1;
    sw.Header.Size = NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1;
    NdisZeroMemory(&hw, sizeof(hw));
    hw.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES;
    hw.Header.Revision = NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_2;
    hw.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_2;
    hw.HardwareNicSwitchCapabilities = &sw;
    hw.CurrentNicSwitchCapabilities = &sw;
    hw.HardwareReceiveFilterCapabilities = NULL;
    hw.CurrentReceiveFilterCapabilities = NULL;
    (void)NdisMSetMiniportAttributes(a->h, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&hw);
}

/* Device object and IRP dispatch, configuration keys, kernel locks and DPCs, pool, interlocked, NBL info (LSO, RSC, 802.1Q), flags and constants, statistics, shared memory, receive hash. */
typedef struct _A5 { NDIS_HANDLE h, dev; PDEVICE_OBJECT devobj; KSPIN_LOCK sl; KDPC dpc; LIST_ENTRY list; NDIS_SPIN_LOCK nsl; LONG refs; } A5, *PA5;
KDEFERRED_ROUTINE A5DpcRoutine;
DRIVER_DISPATCH A5Dispatch;
VOID A5DpcRoutine(PKDPC d, PVOID c, PVOID a1, PVOID a2) { UNREFERENCED_PARAMETER(d); UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(a1); UNREFERENCED_PARAMETER(a2); }
NTSTATUS A5Dispatch(PDEVICE_OBJECT d, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    PA5 a = (PA5)NdisGetDeviceReservedExtension(d);
    UNREFERENCED_PARAMETER(a);
    if (sp->MajorFunction == IRP_MJ_DEVICE_CONTROL) {
        ULONG code = sp->Parameters.DeviceIoControl.IoControlCode;
        ULONG inl = sp->Parameters.DeviceIoControl.InputBufferLength;
        PVOID sb = irp->AssociatedIrp.SystemBuffer;
        UNREFERENCED_PARAMETER(code); UNREFERENCED_PARAMETER(inl); UNREFERENCED_PARAMETER(sb);
    }
    irp->IoStatus.Status = STATUS_SUCCESS;
    irp->IoStatus.Information = 0;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}
ULONG A5Go(PA5 a, PNET_BUFFER_LIST nbl, NDIS_HANDLE cfg, PDRIVER_OBJECT drv);
ULONG A5Go(PA5 a, PNET_BUFFER_LIST nbl, NDIS_HANDLE cfg, PDRIVER_OBJECT drv)
{
    NDIS_DEVICE_OBJECT_ATTRIBUTES doa;
    PDRIVER_DISPATCH fns[IRP_MJ_MAXIMUM_FUNCTION + 1];
    NDIS_STRING name = NDIS_STRING_CONST("\\Device\\A5"), link = NDIS_STRING_CONST("\\DosDevices\\A5");
    NDIS_CONFIGURATION_PARAMETER wp;
    PNDIS_CONFIGURATION_PARAMETER rp;
    NDIS_STATUS st;
    NDIS_HANDLE sub = NULL;
    NDIS_STRING kn;
    KLOCK_QUEUE_HANDLE qh;
    KIRQL irql;
    PVOID p;
    ULONG r = 0;
    NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO lso;
    NDIS_RSC_NBL_INFO rsc;
    NDIS_NET_BUFFER_LIST_8021Q_INFO q;
    NDIS_SHARED_MEMORY_PARAMETERS smp;
    NDIS_RECEIVE_HASH_PARAMETERS rh;
    NDIS_STATISTICS_INFO si;
    PLIST_ENTRY le;

    NdisZeroMemory(fns, sizeof(fns));
    fns[IRP_MJ_CREATE] = A5Dispatch; fns[IRP_MJ_CLOSE] = A5Dispatch; fns[IRP_MJ_CLEANUP] = A5Dispatch;
    fns[IRP_MJ_DEVICE_CONTROL] = A5Dispatch;
    NdisZeroMemory(&doa, sizeof(doa));
    doa.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    doa.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    doa.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    doa.DeviceName = &name;
    doa.SymbolicName = &link;
    doa.MajorFunctions = fns;
    doa.ExtensionSize = sizeof(A5);
    doa.DefaultSDDLString = NULL;
    doa.DeviceClassGuid = NULL;
    st = NdisRegisterDeviceEx(a->h, &doa, &a->devobj, &a->dev);
    if (st == NDIS_STATUS_SUCCESS) NdisDeregisterDeviceEx(a->dev);
    UNREFERENCED_PARAMETER(drv);

    NdisInitUnicodeString(&kn, L"Params");
    NdisOpenConfigurationKeyByName(&st, cfg, &kn, &sub);
    NdisOpenConfigurationKeyByIndex(&st, cfg, 0, &kn, &sub);
    NdisReadConfiguration(&st, &rp, cfg, &kn, NdisParameterHexInteger);
    if (st == NDIS_STATUS_SUCCESS && rp->ParameterType == NdisParameterBinary)
        r += rp->ParameterData.BinaryData.Length + *(PUCHAR)rp->ParameterData.BinaryData.Buffer;
    if (st == NDIS_STATUS_SUCCESS && rp->ParameterType == NdisParameterMultiString)
        r += rp->ParameterData.StringData.Length;
    wp.ParameterType = NdisParameterInteger;
    wp.ParameterData.IntegerData = 5;
    NdisWriteConfiguration(&st, cfg, &kn, &wp);

    KeInitializeSpinLock(&a->sl);
    KeAcquireInStackQueuedSpinLock(&a->sl, &qh);
    KeReleaseInStackQueuedSpinLock(&qh);
    KeAcquireInStackQueuedSpinLockAtDpcLevel(&a->sl, &qh);
    KeReleaseInStackQueuedSpinLockFromDpcLevel(&qh);
    KeAcquireSpinLock(&a->sl, &irql);
    KeReleaseSpinLock(&a->sl, irql);
    KeRaiseIrql(DISPATCH_LEVEL, &irql);
    KeLowerIrql(irql);
    irql = KeGetCurrentIrql();
    KeInitializeDpc(&a->dpc, A5DpcRoutine, a);
    KeSetImportanceDpc(&a->dpc, MediumHighImportance);
    KeInsertQueueDpc(&a->dpc, NULL, NULL);
    KeMemoryBarrier();
    p = ExAllocatePoolWithTag(NonPagedPoolNx, 64, '5AmM');
    if (p) ExFreePoolWithTag(p, '5AmM');
    p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, '5AmM');
    if (p) ExFreePool(p);
    p = NdisAllocateMemoryWithTagPriority(a->h, 64, '5AmM', HighPoolPriority);
    if (p) NdisFreeMemoryWithTagPriority(a->h, p, '5AmM');
    InterlockedIncrement(&a->refs);
    InterlockedCompareExchangePointer(&p, NULL, NULL);
    NdisInterlockedIncrement(&a->refs);
    NdisInterlockedDecrement(&a->refs);
    NdisInterlockedAddUlong((PULONG)&r, 1, &a->nsl);
    InitializeListHead(&a->list);
    NdisInterlockedInsertTailList(&a->list, &a->list, &a->nsl);
    le = NdisInterlockedRemoveHeadList(&a->list, &a->nsl);
    UNREFERENCED_PARAMETER(le);
    DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_ERROR_LEVEL, "x %d\n", 1);
    KdPrint(("x\n"));
    NT_ASSERT(r < 100);

    lso.Value = NET_BUFFER_LIST_INFO(nbl, TcpLargeSendNetBufferListInfo);
    if (lso.Transmit.Type == NDIS_TCP_LARGE_SEND_OFFLOAD_V1_TYPE) {
        r += lso.LsoV1Transmit.MSS + lso.LsoV1Transmit.TcpHeaderOffset;
        lso.LsoV1TransmitComplete.TcpPayload = 100;
    } else {
        r += lso.LsoV2Transmit.IPVersion == NDIS_TCP_LARGE_SEND_OFFLOAD_IPv4;
        lso.LsoV2TransmitComplete.Reserved = 0;
        lso.LsoV2TransmitComplete.Type = NDIS_TCP_LARGE_SEND_OFFLOAD_V2_TYPE;
    }
    NET_BUFFER_LIST_INFO(nbl, TcpLargeSendNetBufferListInfo) = lso.Value;
    rsc.Value = NET_BUFFER_LIST_INFO(nbl, TcpRecvSegCoalesceInfo);
    rsc.Info.CoalescedSegCount = 2;
    rsc.Info.DupAckCount = 0;
    q.Value = NET_BUFFER_LIST_INFO(nbl, Ieee8021QNetBufferListInfo);
    r += q.TagHeader.CanonicalFormatId + q.WLanTagHeader.WMMInfo;
    p = NET_BUFFER_LIST_INFO(nbl, NetBufferListHashValue);
    p = NET_BUFFER_LIST_INFO(nbl, NetBufferListHashInfo);
    p = NET_BUFFER_LIST_INFO(nbl, ClassificationHandleNetBufferListInfo);
    p = NET_BUFFER_LIST_INFO(nbl, NetBufferListFrameType);
    p = NET_BUFFER_LIST_INFO(nbl, NetBufferListProtocolId);
    p = NET_BUFFER_LIST_INFO(nbl, IPsecOffloadV1NetBufferListInfo);
    p = NET_BUFFER_LIST_INFO(nbl, TcpSendOffloadsSupplementalNetBufferListInfo);
    r += MaxNetBufferListInfo;
    if (NET_BUFFER_LIST_INFO(nbl, NetBufferListFrameType) == (PVOID)(ULONG_PTR)RtlUshortByteSwap(NDIS_ETH_TYPE_IPV4))
        r++;
    r += NDIS_ETH_TYPE_ARP + NDIS_ETH_TYPE_IPV6 + NDIS_ETH_TYPE_802_1X + NDIS_ETH_TYPE_802_1Q + NDIS_ETH_TYPE_SLOW_PROTOCOL;
    r += NDIS_PROTOCOL_ID_TCP_IP + NDIS_PROTOCOL_ID_IPX + NDIS_PROTOCOL_ID_NBF;
    r += NDIS_MAX_PHYS_ADDRESS_LENGTH;

    r += NDIS_RECEIVE_FLAGS_RESOURCES | NDIS_RECEIVE_FLAGS_SINGLE_ETHER_TYPE | NDIS_RECEIVE_FLAGS_SINGLE_VLAN |
         NDIS_RECEIVE_FLAGS_SINGLE_QUEUE | NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID | NDIS_RECEIVE_FLAGS_MORE_NBLS |
         NDIS_RETURN_FLAGS_DISPATCH_LEVEL | NDIS_SEND_FLAGS_DISPATCH_LEVEL | NDIS_SEND_FLAGS_CHECK_FOR_LOOPBACK |
         NDIS_SEND_FLAGS_SINGLE_QUEUE | NDIS_RETURN_FLAGS_SINGLE_QUEUE | NDIS_SEND_COMPLETE_FLAGS_SINGLE_QUEUE;
    if (NDIS_TEST_RECEIVE_CANNOT_PEND(r) || NDIS_TEST_RECEIVE_AT_DISPATCH_LEVEL(r) || NDIS_TEST_RECEIVE_CAN_PEND(r))
        r++;
    r += NdisPhysicalMediumUnspecified + NdisPhysicalMediumNative802_11 + NdisPhysicalMediumWirelessWan +
         NdisPhysicalMediumWirelessLan + NdisPhysicalMediumBluetooth + NdisPhysicalMediumOther;
    r += NdisMediumWan + NdisMediumNative802_11 + NdisMediumIP + NdisMediumLoopback + NdisMediumWirelessWan;
    r += NdisDeviceStateD1 + NdisDeviceStateD2 + NdisDeviceStateMaximum;
    r += NDIS_OFFLOAD_PARAMETERS_RSC_DISABLED + NDIS_OFFLOAD_PARAMETERS_RSC_ENABLED + NDIS_OFFLOAD_PARAMETERS_SKIP_REGISTRY_UPDATE +
         NDIS_OFFLOAD_NOT_SUPPORTED + NDIS_OFFLOAD_SET_NO_CHANGE + NDIS_OFFLOAD_SET_OFF;
    r += NDIS_RSS_CAPS_USING_MSI_X + NDIS_RSS_CAPS_SUPPORTS_MSI_X + NDIS_RSS_PARAM_FLAG_BASE_CPU_UNCHANGED +
         NDIS_RSS_INDIRECTION_TABLE_MAX_SIZE_REVISION_1 + NDIS_RSS_HASH_SECRET_KEY_MAX_SIZE_REVISION_2 +
         NDIS_RECEIVE_SCALE_PARAMETERS_REVISION_2 + NDIS_RSS_CAPS_HASH_TYPE_UDP_IPV4 + NDIS_HASH_UDP_IPV4 + NDIS_HASH_FUNCTION_MASK + NDIS_HASH_TYPE_MASK;
    r += NDIS_STATISTICS_FLAGS_VALID_BYTES_RCV + NDIS_STATISTICS_FLAGS_VALID_RCV_DISCARDS + NDIS_STATISTICS_FLAGS_VALID_RCV_ERROR +
         NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_XMIT + NDIS_STATISTICS_FLAGS_VALID_XMIT_ERROR +
         NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_RCV + NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_XMIT;
    si.ifInDiscards = si.ifInErrors = si.ifHCInOctets = si.ifHCInUcastOctets = si.ifHCInMulticastPkts = 0;
    si.ifHCInBroadcastPkts = si.ifHCOutOctets = si.ifHCOutUcastPkts = si.ifHCOutMulticastPkts = 0;
    si.ifHCOutBroadcastPkts = si.ifOutErrors = si.ifOutDiscards = si.ifHCOutUcastOctets = 0;
    si.ifHCInMulticastOctets = si.ifHCInBroadcastOctets = si.ifHCOutMulticastOctets = si.ifHCOutBroadcastOctets = 0;
    r += NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_RESET + NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_REINITIALIZE +
         NdisInterruptModerationUnknown + NdisInterruptModerationEnabled + NdisInterruptModerationDisabled;
    NdisZeroMemory(&smp, sizeof(smp));
    smp.Header.Type = NDIS_OBJECT_TYPE_SHARED_MEMORY_PROVIDER_CHARACTERISTICS;
    smp.Flags = 0;
    smp.QueueId = NDIS_DEFAULT_RECEIVE_QUEUE_ID;
    smp.Usage = NdisSharedMemoryUsageReceive;
    smp.Length = PAGE_SIZE;
    NdisZeroMemory(&rh, sizeof(rh));
    rh.Header.Revision = NDIS_RECEIVE_HASH_PARAMETERS_REVISION_1;
    rh.Header.Size = NDIS_SIZEOF_RECEIVE_HASH_PARAMETERS_REVISION_1;
    rh.Flags = NDIS_RECEIVE_HASH_FLAG_ENABLE_HASH | NDIS_RECEIVE_HASH_FLAG_HASH_INFO_UNCHANGED | NDIS_RECEIVE_HASH_FLAG_HASH_KEY_UNCHANGED;
    rh.HashInformation = NDIS_HASH_IPV4 | NdisHashFunctionToeplitz;
    rh.HashSecretKeySize = 40;
    rh.HashSecretKeyOffset = sizeof(rh);
    NdisMoveMappedMemory(&r, &r, 0);
    NdisZeroMappedMemory(&r, 0);
    {
        NDIS_PHYSICAL_ADDRESS pa = NDIS_PHYSICAL_ADDRESS_CONST(0, 0);
        NdisSetPhysicalAddressHigh(pa, 1);
        NdisSetPhysicalAddressLow(pa, 0x1000);
        r += NdisGetPhysicalAddressLow(pa) + (ULONG)NdisGetPhysicalAddressHigh(pa);
    }
    NdisFillMemory(&r, sizeof(r), 0);
    NdisMoveMemory(&r, &r, sizeof(r));
    UNREFERENCED_PARAMETER(p);
    UNREFERENCED_PARAMETER(rsc);
    return r;
}

/* Firmware files, strings, lookaside lists, generic objects, processor groups, hypervisor info, selective suspend, PM wake reasons, WMI GUIDs, NDIS 6.x OIDs and status codes, SR-IOV and QoS. */
typedef struct _A6 { NDIS_HANDLE h; NPAGED_LOOKASIDE_LIST la; PNDIS_GENERIC_OBJECT go; } A6, *PA6;
MINIPORT_IDLE_NOTIFICATION A6Idle;
MINIPORT_CANCEL_IDLE_NOTIFICATION A6CancelIdle;
NDIS_STATUS A6Idle(NDIS_HANDLE c, BOOLEAN f) { UNREFERENCED_PARAMETER(c); UNREFERENCED_PARAMETER(f); return NDIS_STATUS_PENDING; }
VOID A6CancelIdle(NDIS_HANDLE c) { UNREFERENCED_PARAMETER(c); }
ULONG A6Go(PA6 a, NDIS_HANDLE drv, PNDIS_OID_REQUEST req);
ULONG A6Go(PA6 a, NDIS_HANDLE drv, PNDIS_OID_REQUEST req)
{
    NDIS_STATUS st;
    NDIS_HANDLE fh;
    UINT flen;
    PVOID fw = NULL;
    NDIS_STRING fname = NDIS_STRING_CONST("fw.bin");
    NDIS_PHYSICAL_ADDRESS hi = NDIS_PHYSICAL_ADDRESS_CONST(-1, -1);
    NDIS_STRING us;
    ANSI_STRING as;
    PVOID p;
    ULONG r = 0;
    NDIS_MINIPORT_SS_CHARACTERISTICS ss;
    NDIS_PM_CAPABILITIES pm;
    PNDIS_PM_WAKE_REASON wr = NULL;
    NDIS_GUID guid;
    NDIS_HYPERVISOR_INFO hv;
    PNDIS_SRIOV_CAPABILITIES sriov = NULL;
    PNDIS_QOS_CAPABILITIES qc = NULL;
    PNDIS_QOS_PARAMETERS qp = NULL;
    NDIS_STRING rn = NDIS_STRING_CONST("KeQueryActiveProcessorCountEx");

    NdisOpenFile(&st, &fh, &flen, &fname, hi);
    if (st == NDIS_STATUS_SUCCESS) {
        NdisMapFile(&st, &fw, fh);
        NdisUnmapFile(fh);
        NdisCloseFile(fh);
    }
    NdisInitializeString(&us, (PUCHAR)"abc");
    NdisFreeString(us);
    RtlInitAnsiString(&as, "abc");
    st = NdisAnsiStringToUnicodeString(&us, &as);
    st = NdisUnicodeStringToAnsiString(&as, &us);
    st = NdisUpcaseUnicodeString(&us, &us);
    NdisInitializeNPagedLookasideList(&a->la, NULL, NULL, 0, 128, '6AmM', 0);
    p = NdisAllocateFromNPagedLookasideList(&a->la);
    if (p) NdisFreeToNPagedLookasideList(&a->la, p);
    NdisDeleteNPagedLookasideList(&a->la);
    a->go = NdisAllocateGenericObject(NULL, '6AmM', 0);
    if (a->go) NdisFreeGenericObject(a->go);
    p = NdisGetRoutineAddress(&rn);
    r += NdisSystemActiveProcessorCount(NULL);
    r += NdisGroupMaxProcessorCount(ALL_PROCESSOR_GROUPS);
    r += NdisGroupActiveProcessorCount(0);
    r += (ULONG)NdisGroupActiveProcessorMask(0);
    r += NdisActiveGroupCount() + NdisMaxGroupCount();
    NdisZeroMemory(&hv, sizeof(hv));
    hv.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    hv.Header.Revision = NDIS_HYPERVISOR_INFO_REVISION_1;
    hv.Header.Size = NDIS_SIZEOF_HYPERVISOR_INFO_REVISION_1;
    st = NdisGetHypervisorInfo(&hv);
    r += hv.Flags & NDIS_HYPERVISOR_INFO_FLAG_HYPERVISOR_PRESENT;
    r += hv.PartitionType == NdisHypervisorPartitionTypeMsHvParent;

    NdisZeroMemory(&ss, sizeof(ss));
    ss.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_SS_CHARACTERISTICS;
    ss.Header.Revision = NDIS_MINIPORT_SS_CHARACTERISTICS_REVISION_1;
    ss.Header.Size = NDIS_SIZEOF_MINIPORT_SS_CHARACTERISTICS_REVISION_1;
    ss.IdleNotificationHandler = A6Idle;
    ss.CancelIdleNotificationHandler = A6CancelIdle;
    st = NdisSetOptionalHandlers(drv, (PNDIS_DRIVER_OPTIONAL_HANDLERS)&ss);
    NdisMIdleNotificationComplete(a->h);

    NdisZeroMemory(&pm, sizeof(pm));
    pm.Header.Revision = NDIS_PM_CAPABILITIES_REVISION_2;
    pm.Header.Size = NDIS_SIZEOF_NDIS_PM_CAPABILITIES_REVISION_2;
    pm.Flags = NDIS_PM_WAKE_PACKET_INDICATION_SUPPORTED | NDIS_PM_SELECTIVE_SUSPEND_SUPPORTED;
    if (wr) r += wr->WakeReason == NdisWakeReasonPacket ? wr->InfoBufferOffset + wr->InfoBufferSize : 0;
    r += NdisWakeReasonUnspecified + NdisWakeReasonMediaConnect + NdisWakeReasonMediaDisconnect;

    NdisZeroMemory(&guid, sizeof(guid));
    guid.Oid = OID_GEN_CURRENT_PACKET_FILTER;
    guid.Size = sizeof(ULONG);
    guid.Flags = fNDIS_GUID_TO_OID | fNDIS_GUID_ALLOW_READ | fNDIS_GUID_ALLOW_WRITE | fNDIS_GUID_ANSI_STRING |
                 fNDIS_GUID_ARRAY | fNDIS_GUID_METHOD | fNDIS_GUID_NDIS_RESERVED | fNDIS_GUID_TO_STATUS | fNDIS_GUID_UNICODE_STRING;
    r += (ULONG)(OID_GEN_SUPPORTED_GUIDS | OID_GEN_SUPPORTED_LIST | OID_GEN_MEDIA_CAPABILITIES | OID_GEN_PROTOCOL_OPTIONS |
         OID_GEN_VLAN_ID | OID_GEN_MAX_LINK_SPEED | OID_GEN_LINK_STATE | OID_GEN_ENUMERATE_PORTS | OID_GEN_PORT_STATE |
         OID_GEN_PORT_AUTHENTICATION_PARAMETERS | OID_GEN_MEDIA_CONNECT_STATUS_EX | OID_GEN_MEDIA_DUPLEX_STATE |
         OID_GEN_IP_OPER_STATUS | OID_GEN_RECEIVE_SCALE_CAPABILITIES | OID_GEN_RECEIVE_HASH | OID_GEN_OPERATIONAL_STATUS |
         OID_GEN_PHYSICAL_MEDIUM_EX | OID_GEN_RCV_DISCARDS | OID_GEN_XMIT_DISCARDS | OID_GEN_MINIPORT_RESTART_ATTRIBUTES |
         OID_GEN_DIRECTED_BYTES_XMIT | OID_GEN_DIRECTED_FRAMES_XMIT | OID_GEN_MULTICAST_BYTES_XMIT |
         OID_GEN_BROADCAST_BYTES_XMIT | OID_GEN_BROADCAST_FRAMES_XMIT | OID_GEN_DIRECTED_BYTES_RCV |
         OID_GEN_MULTICAST_BYTES_RCV | OID_GEN_MULTICAST_FRAMES_RCV | OID_GEN_BROADCAST_BYTES_RCV | OID_GEN_FRIENDLY_NAME |
         OID_GEN_INIT_TIME_MS | OID_GEN_RESET_COUNTS | OID_GEN_MEDIA_SENSE_COUNTS | OID_GEN_LINK_SPEED_EX |
         OID_GEN_INTERFACE_INFO | OID_GEN_ADMIN_STATUS | OID_GEN_ALIAS | OID_GEN_MEDIA_CONNECT_STATUS_EX |
         OID_802_3_ADD_MULTICAST_ADDRESS | OID_802_3_DELETE_MULTICAST_ADDRESS | OID_802_3_MAC_OPTIONS |
         OID_PNP_WAKE_UP_PATTERN_LIST | OID_PNP_WAKE_UP_OK | OID_PNP_WAKE_UP_ERROR | OID_PM_CURRENT_CAPABILITIES |
         OID_PM_HARDWARE_CAPABILITIES | OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES | OID_RECEIVE_FILTER_CURRENT_CAPABILITIES |
         OID_RECEIVE_FILTER_PARAMETERS | OID_RECEIVE_FILTER_QUEUE_PARAMETERS | OID_RECEIVE_FILTER_ENUM_QUEUES |
         OID_RECEIVE_FILTER_ENUM_FILTERS | OID_RECEIVE_FILTER_GLOBAL_PARAMETERS | OID_NIC_SWITCH_HARDWARE_CAPABILITIES |
         OID_NIC_SWITCH_CURRENT_CAPABILITIES | OID_NIC_SWITCH_CREATE_VPORT | OID_NIC_SWITCH_DELETE_VPORT |
         OID_NIC_SWITCH_VPORT_PARAMETERS | OID_NIC_SWITCH_ALLOCATE_VF | OID_NIC_SWITCH_FREE_VF | OID_SRIOV_HARDWARE_CAPABILITIES |
         OID_SRIOV_CURRENT_CAPABILITIES |
         OID_QOS_HARDWARE_CAPABILITIES | OID_QOS_CURRENT_CAPABILITIES | OID_QOS_OPERATIONAL_PARAMETERS |
         OID_QOS_REMOTE_PARAMETERS | OID_GEN_RECEIVE_SCALE_PARAMETERS | OID_TCP_OFFLOAD_CURRENT_CONFIG);
    r += (ULONG)(NDIS_STATUS_QOS_OPERATIONAL_PARAMETERS_CHANGE | NDIS_STATUS_QOS_REMOTE_PARAMETERS_CHANGE | NDIS_STATUS_LINK_SPEED_CHANGE |
         NDIS_STATUS_PM_WOL_PATTERN_REJECTED | NDIS_STATUS_PM_OFFLOAD_REJECTED | NDIS_STATUS_PM_CAPABILITIES_CHANGE);
    if (sriov) r += sriov->SriovCapabilities & NDIS_SRIOV_CAPS_SRIOV_SUPPORTED;
    if (qc) r += qc->MaxNumTrafficClasses + qc->MaxNumEtsCapableTrafficClasses + qc->MaxNumPfcEnabledTrafficClasses + qc->Flags;
    if (qp) r += qp->NumTrafficClasses + qp->PriorityAssignmentTable[0] + qp->TcBandwidthAssignmentTable[0] + qp->PfcEnable;
    st = NdisMEnableVirtualization(a->h, 4, FALSE, FALSE, TRUE);
    r += NdisMGetVirtualFunctionBusData(a->h, 1, &r, 0, 4);
    r += NdisMSetVirtualFunctionBusData(a->h, 1, &r, 0, 4);
    UNREFERENCED_PARAMETER(req);
    UNREFERENCED_PARAMETER(p);
    UNREFERENCED_PARAMETER(st);
    return r;
}

/* Init parameters (PCI custom properties), OID request fields, PnP events, restart attributes, PCI config header and capabilities, MmMapIoSpace, contiguous memory, MDL arithmetic. */
NDIS_DECLARE_MINIPORT_ADAPTER_CONTEXT(A7);
typedef struct _A7 { NDIS_HANDLE h; PUCHAR va; PMDL mdl; } A7, *PA7;
ULONG A7Go(PA7 a, PNDIS_MINIPORT_INIT_PARAMETERS ip, PNDIS_OID_REQUEST req, PNET_PNP_EVENT_NOTIFICATION pe, PNDIS_MINIPORT_RESTART_PARAMETERS rp);
ULONG A7Go(PA7 a, PNDIS_MINIPORT_INIT_PARAMETERS ip, PNDIS_OID_REQUEST req, PNET_PNP_EVENT_NOTIFICATION pe, PNDIS_MINIPORT_RESTART_PARAMETERS rp)
{
    ULONG r = 0;
    PNDIS_PCI_DEVICE_CUSTOM_PROPERTIES pp = ip->PciDeviceCustomProperties;
    PHYSICAL_ADDRESS pa, lo, hi, bd;
    LARGE_INTEGER f, t;
    UCHAR cfg[256];
    PPCI_CAPABILITIES_HEADER cap;
    PPCI_COMMON_HEADER ph = (PPCI_COMMON_HEADER)cfg;
    PVOID cm;
    if (pp) r += pp->DeviceType + pp->CurrentSpeedAndMode + pp->CurrentPayloadSize + pp->MaxPayloadSize + pp->MaxReadRequestSize +
                 pp->CurrentLinkSpeed + pp->CurrentLinkWidth + pp->MaxLinkSpeed + pp->MaxLinkWidth + pp->PciExpressVersion +
                 pp->InterruptType + pp->MaxInterruptMessages;
    r += ip->Flags + (ULONG)(ULONG_PTR)ip->IMDeviceInstanceContext + (ULONG)(ULONG_PTR)ip->MiniportAddDeviceContext;
    r += req->Header.Revision == NDIS_OID_REQUEST_REVISION_1 ? NDIS_SIZEOF_OID_REQUEST_REVISION_1 : 0;
    r += req->Timeout + req->Flags + req->SupportedRevision + (ULONG)(ULONG_PTR)req->RequestHandle;
    r += req->DATA.METHOD_INFORMATION.MethodId + req->DATA.METHOD_INFORMATION.InputBufferLength +
         req->DATA.METHOD_INFORMATION.OutputBufferLength + req->DATA.METHOD_INFORMATION.BytesRead +
         req->DATA.METHOD_INFORMATION.BytesNeeded;
    r += req->Flags & NDIS_OID_REQUEST_FLAGS_VPORT_ID_VALID;
    if (pe->NetPnPEvent.NetEvent == NetEventSetPower && pe->NetPnPEvent.BufferLength >= sizeof(NET_DEVICE_POWER_STATE))
        r += *(PNET_DEVICE_POWER_STATE)pe->NetPnPEvent.Buffer == NetDeviceStateD0;
    r += pe->PortNumber + pe->Flags;
    r += NetEventQueryPower + NetEventQueryRemoveDevice + NetEventCancelRemoveDevice + NetEventReconfigure +
         NetEventBindList + NetEventBindsComplete + NetEventPnPCapabilities + NetEventPause + NetEventRestart +
         NetEventPortActivation + NetEventPortDeactivation + NetEventIMReEnableDevice;
    if (rp->RestartAttributes && rp->RestartAttributes->Oid == OID_GEN_MINIPORT_RESTART_ATTRIBUTES) {
        PNDIS_RESTART_GENERAL_ATTRIBUTES g = (PNDIS_RESTART_GENERAL_ATTRIBUTES)rp->RestartAttributes->Data;
        r += g->MtuSize + (ULONG)g->MaxXmitLinkSpeed + g->LookaheadSize + g->MacOptions + g->SupportedPacketFilters +
             g->MaxMulticastListSize + (ULONG)g->MaxRcvLinkSpeed + g->AccessType + g->Flags + g->ConnectionType +
             g->SupportedOidListLength + g->SupportedStatistics + g->DataBackFillSize + g->ContextBackFillSize +
             g->MaxLookaheadSizeAccessed;
        g->RecvScaleCapabilities = NULL;
        g->SupportedOidList = NULL;
    }
    r += rp->Flags;
    KeQueryPerformanceCounter(&f);
    KeQuerySystemTimePrecise(&t);
    r += NdisMGetBusData(a->h, PCI_WHICHSPACE_CONFIG, 0, cfg, sizeof(cfg));
    if (ph->Status & PCI_STATUS_CAPABILITIES_LIST) {
        cap = (PPCI_CAPABILITIES_HEADER)&cfg[ph->u.type0.CapabilitiesPtr];
        if (cap->CapabilityID == PCI_CAPABILITY_ID_MSIX || cap->CapabilityID == PCI_CAPABILITY_ID_MSI ||
            cap->CapabilityID == PCI_CAPABILITY_ID_PCI_EXPRESS || cap->CapabilityID == PCI_CAPABILITY_ID_POWER_MANAGEMENT)
            r += cap->Next;
    }
    r += ph->u.type0.BaseAddresses[0] & PCI_ADDRESS_MEMORY_ADDRESS_MASK;
    r += ph->u.type0.SubVendorID + ph->u.type0.SubSystemID + ph->RevisionID + ph->BaseClass + ph->SubClass + ph->HeaderType;
    r += ph->u.type0.InterruptLine + ph->u.type0.InterruptPin;
    pa.QuadPart = 0xFE000000;
    a->va = (PUCHAR)MmMapIoSpace(pa, 0x1000, MmNonCached);
    if (a->va) MmUnmapIoSpace(a->va, 0x1000);
    a->va = (PUCHAR)MmMapIoSpaceEx(pa, 0x1000, PAGE_READWRITE | PAGE_NOCACHE);
    lo.QuadPart = 0; hi.QuadPart = -1; bd.QuadPart = 0;
    cm = MmAllocateContiguousMemorySpecifyCache(PAGE_SIZE, lo, hi, bd, MmCached);
    if (cm) {
        pa = MmGetPhysicalAddress(cm);
        MmFreeContiguousMemorySpecifyCache(cm, PAGE_SIZE, MmCached);
    }
    a->mdl = IoAllocateMdl(cfg, sizeof(cfg), FALSE, FALSE, NULL);
    if (a->mdl) {
        MmBuildMdlForNonPagedPool(a->mdl);
        r += (ULONG)MmGetMdlPfnArray(a->mdl)[0] + MmGetMdlByteOffset(a->mdl);
        r += (ULONG)ADDRESS_AND_SIZE_TO_SPAN_PAGES(cfg, sizeof(cfg)) + BYTE_OFFSET(cfg) + (ULONG)MmSizeOfMdl(cfg, sizeof(cfg));
        r += (a->mdl->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL)) != 0;
        IoFreeMdl(a->mdl);
    }
    r += ROUND_TO_PAGES(r) + PAGE_SHIFT + (ULONG)(ULONG_PTR)PAGE_ALIGN(cfg);
    UNREFERENCED_PARAMETER(f); UNREFERENCED_PARAMETER(t);
    return r;
}

/* Ethernet address macros, NET_LUID, NDIS mutexes, driver flags, port types, NBL status, and an NDIS-WDF miniport (WdfDriverCreate without dispatch override, WdfDeviceMiniportCreate). */
ULONG A8Go(NDIS_HANDLE h, PDRIVER_OBJECT drv, PUNICODE_STRING reg, PNET_BUFFER_LIST nbl);
ULONG A8Go(NDIS_HANDLE h, PDRIVER_OBJECT drv, PUNICODE_STRING reg, PNET_BUFFER_LIST nbl)
{
    ULONG r = 0;
    UCHAR m1[6] = {0}, m2[6] = {0};
    ULONG res = 0;
    NET_LUID luid;
    NDIS_MUTEX mx;
    WDF_DRIVER_CONFIG cfg;
    WDFDRIVER wd;
    WDFDEVICE dev;
    PDEVICE_OBJECT fdo = NULL, pdo = NULL, next = NULL;
    NTSTATUS ns;
    LARGE_INTEGER now;

    ETH_COMPARE_NETWORK_ADDRESSES_EQ(m1, m2, &res);
    ETH_COMPARE_NETWORK_ADDRESSES(m1, m2, &res);
    r += res + ETH_IS_MULTICAST(m1) + ETH_IS_BROADCAST(m2);
    r += NDIS_MAC_OPTION_SUPPORTS_MAC_ADDRESS_OVERWRITE + NDIS_MAC_OPTION_EOTX_INDICATION + NDIS_MAC_OPTION_FULL_DUPLEX + ETH_LENGTH_OF_ADDRESS + NDIS_IF_MAX_STRING_SIZE;
    NDIS_MAKE_NET_LUID(&luid, IF_TYPE_ETHERNET_CSMACD, 1);
    r += (ULONG)luid.Info.NetLuidIndex + luid.Info.IfType;
    NDIS_INIT_MUTEX(&mx);
    NDIS_WAIT_FOR_MUTEX(&mx);
    NDIS_RELEASE_MUTEX(&mx);
    NdisGetCurrentSystemTime(&now);
    r += NDIS_INTERMEDIATE_DRIVER + NDIS_WDM_DRIVER + NDIS_DRIVER_POWERMGMT_PROXY;
    r += NdisPortTypeUndefined + NdisPortTypeBridge + NdisPortTypeRasConnection + NdisPortType8021xSupplicant;
    r += NET_BUFFER_LIST_FLAGS(nbl) & NBL_FLAGS_MINIPORT_RESERVED;
    r += (ULONG)NET_BUFFER_LIST_FIRST_NB(nbl)->DataLength;
    NET_BUFFER_LIST_STATUS(nbl) = NDIS_STATUS_SEND_ABORTED;
    r += NDIS_STATUS_REQUEST_ABORTED != NDIS_STATUS_SEND_ABORTED;

    WDF_DRIVER_CONFIG_INIT(&cfg, WDF_NO_EVENT_CALLBACK);
    cfg.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    ns = WdfDriverCreate(drv, reg, WDF_NO_OBJECT_ATTRIBUTES, &cfg, &wd);
    NdisMGetDeviceProperty(h, &pdo, &fdo, &next, NULL, NULL);
    ns = WdfDeviceMiniportCreate(wd, WDF_NO_OBJECT_ATTRIBUTES, fdo, next, pdo, &dev);
    UNREFERENCED_PARAMETER(ns);
    return r;
}

/* NET_BUFFER_LIST / NET_BUFFER fields and accessors, NBL flags, filtering info (queue and VPort ids). */
ULONG A9Go(PNET_BUFFER_LIST nbl, NDIS_HANDLE pool);
ULONG A9Go(PNET_BUFFER_LIST nbl, NDIS_HANDLE pool)
{
    ULONG r = 0;
    PNET_BUFFER nb = NET_BUFFER_LIST_FIRST_NB(nbl);
    PNET_BUFFER_LIST_CONTEXT ctx = nbl->Context;
    NET_BUFFER_LIST_PROTOCOL_RESERVED(nbl)[0] = NULL;
    NET_BUFFER_PROTOCOL_RESERVED(nb)[0] = NULL;
    NET_BUFFER_LIST_CONTEXT_DATA_START(nbl);
    r += NET_BUFFER_CHECKSUM_BIAS(nb) + NET_BUFFER_LIST_FLAGS(nbl) + NET_BUFFER_LIST_NBL_FLAGS(nbl);
    r += NET_BUFFER_LIST_COALESCED_SEG_COUNT(nbl) + NET_BUFFER_LIST_DUP_ACK_COUNT(nbl);
    r += NET_BUFFER_LIST_GET_HASH_FUNCTION(nbl) + NET_BUFFER_LIST_RECEIVE_FILTER_VPORT_ID(nbl);
    r += NDIS_NBL_FLAGS_IS_IPV6 | NDIS_NBL_FLAGS_IS_LOOPBACK_PACKET | NDIS_NBL_FLAGS_SEND_READ_ONLY | NDIS_NBL_FLAGS_HD_SPLIT |
         NDIS_NBL_FLAGS_SPLIT_AT_UPPER_LAYER_PROTOCOL_HEADER | NDIS_NBL_FLAGS_SPLIT_AT_UPPER_LAYER_PROTOCOL_PAYLOAD |
         NDIS_NBL_FLAGS_RECV_READ_ONLY | NDIS_NBL_FLAGS_IS_TCP | NDIS_NBL_FLAGS_IS_UDP | NDIS_NBL_FLAGS_IS_IPV4;
    r += nbl->ChildRefCount + nbl->Flags + nbl->NblFlags + (ULONG)(ULONG_PTR)nbl->ParentNetBufferList + (ULONG)(ULONG_PTR)nbl->NdisPoolHandle;
    r += nb->DataOffset + nb->CurrentMdlOffset + (ULONG)(ULONG_PTR)nb->NdisPoolHandle + (ULONG)nb->DataPhysicalAddress.QuadPart;
    r += NDIS_NBL_FLAGS_IS_TCP;
    r += NBL_FLAGS_PROTOCOL_RESERVED | NBL_FLAGS_SCRATCH | NBL_FLAGS_NDIS_RESERVED;
    UNREFERENCED_PARAMETER(ctx);
    { NDIS_NET_BUFFER_LIST_FILTERING_INFO fi2; fi2.Value = NET_BUFFER_LIST_INFO(nbl, NetBufferListFilteringInfo); r += fi2.FilteringInfo.QueueVPortInfo.QueueId + fi2.FilteringInfo.QueueVPortInfo.VPortId; NET_BUFFER_LIST_RECEIVE_FILTER_VPORT_ID(nbl) = NDIS_DEFAULT_VPORT_ID; }
    UNREFERENCED_PARAMETER(pool);
    return r;
}

/* The NDIS_STATUS codes a miniport returns or indicates. */
const NDIS_STATUS A10Codes[] = {
    NDIS_STATUS_SUCCESS, NDIS_STATUS_PENDING, NDIS_STATUS_NOT_RECOGNIZED, NDIS_STATUS_NOT_COPIED, NDIS_STATUS_NOT_ACCEPTED,
    NDIS_STATUS_CALL_ACTIVE, NDIS_STATUS_INDICATION_REQUIRED, NDIS_STATUS_ONLINE, NDIS_STATUS_RESET_START, NDIS_STATUS_RESET_END,
    NDIS_STATUS_RING_STATUS, NDIS_STATUS_CLOSED, NDIS_STATUS_WAN_LINE_UP, NDIS_STATUS_WAN_LINE_DOWN, NDIS_STATUS_WAN_FRAGMENT,
    NDIS_STATUS_MEDIA_CONNECT, NDIS_STATUS_MEDIA_DISCONNECT, NDIS_STATUS_HARDWARE_LINE_UP, NDIS_STATUS_HARDWARE_LINE_DOWN,
    NDIS_STATUS_INTERFACE_UP, NDIS_STATUS_INTERFACE_DOWN, NDIS_STATUS_MEDIA_BUSY, NDIS_STATUS_MEDIA_SPECIFIC_INDICATION,
    NDIS_STATUS_LINK_SPEED_CHANGE, NDIS_STATUS_WAN_GET_STATS, NDIS_STATUS_WAN_CO_FRAGMENT, NDIS_STATUS_WAN_CO_LINKPARAMS,
    NDIS_STATUS_NOT_RESETTABLE, NDIS_STATUS_SOFT_ERRORS, NDIS_STATUS_HARD_ERRORS, NDIS_STATUS_BUFFER_OVERFLOW,
    NDIS_STATUS_FAILURE, NDIS_STATUS_RESOURCES, NDIS_STATUS_CLOSING, NDIS_STATUS_BAD_VERSION, NDIS_STATUS_BAD_CHARACTERISTICS,
    NDIS_STATUS_ADAPTER_NOT_FOUND, NDIS_STATUS_OPEN_FAILED, NDIS_STATUS_DEVICE_FAILED, NDIS_STATUS_MULTICAST_FULL,
    NDIS_STATUS_MULTICAST_EXISTS, NDIS_STATUS_MULTICAST_NOT_FOUND, NDIS_STATUS_REQUEST_ABORTED, NDIS_STATUS_RESET_IN_PROGRESS,
    NDIS_STATUS_INVALID_PACKET, NDIS_STATUS_INVALID_LENGTH, NDIS_STATUS_INVALID_DATA, NDIS_STATUS_BUFFER_TOO_SHORT,
    NDIS_STATUS_INVALID_OID, NDIS_STATUS_ADAPTER_REMOVED, NDIS_STATUS_UNSUPPORTED_MEDIA, NDIS_STATUS_GROUP_ADDRESS_IN_USE,
    NDIS_STATUS_FILE_NOT_FOUND, NDIS_STATUS_ERROR_READING_FILE, NDIS_STATUS_ALREADY_MAPPED, NDIS_STATUS_RESOURCE_CONFLICT,
    NDIS_STATUS_MEDIA_DISCONNECTED, NDIS_STATUS_INVALID_ADDRESS, NDIS_STATUS_INVALID_DEVICE_REQUEST, NDIS_STATUS_PAUSED,
    NDIS_STATUS_INTERFACE_NOT_FOUND, NDIS_STATUS_UNSUPPORTED_REVISION, NDIS_STATUS_INVALID_PORT, NDIS_STATUS_INVALID_PORT_STATE,
    NDIS_STATUS_LOW_POWER_STATE, NDIS_STATUS_REINIT_REQUIRED, NDIS_STATUS_NOT_SUPPORTED, NDIS_STATUS_OFFLOAD_POLICY,
    NDIS_STATUS_OFFLOAD_CONNECTION_REJECTED, NDIS_STATUS_UPLOAD_ALL, NDIS_STATUS_NO_QUEUES, NDIS_STATUS_SEND_ABORTED,
    NDIS_STATUS_CLOSING_INDICATING, NDIS_STATUS_CLOSING, NDIS_STATUS_NO_ROUTE_TO_DESTINATION, NDIS_STATUS_INVALID_PARAMETER,
    NDIS_STATUS_NOT_INDICATING, NDIS_STATUS_DEST_OUT_OF_ORDER, NDIS_STATUS_TOKEN_RING_OPEN_ERROR,
    NDIS_STATUS_PORT_STATE, NDIS_STATUS_OPER_STATUS, NDIS_STATUS_LINK_STATE, NDIS_STATUS_NETWORK_CHANGE,
    NDIS_STATUS_RECEIVE_QUEUE_STATE, NDIS_STATUS_PM_WAKE_REASON,
};
ULONG A10Count(void);
ULONG A10Count(void) { return (ULONG)(sizeof(A10Codes) / sizeof(A10Codes[0])); }
