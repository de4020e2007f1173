/* wlan_idioms.c - Native 802.11 and WDI fragments written for drvcheck's tests: they must parse
 * with zero errors and zero warnings against the bundled WDK model (rules/wdk). */
#include <ndis.h>
#include <windot11.h>
#include <dot11wdi.h>
#include <wditypes.hpp>
#include <wlan\1.0\TLVGeneratorParser.hpp>
#include <wdf.h>
#include <wdfusb.h>
#include <usbdlib.h>
#include <packon.h>
typedef struct _WLAN_IE_HEADER { UCHAR ElementId; UCHAR Length; } WLAN_IE_HEADER;
#include <packoff.h>

C_ASSERT(sizeof(WLAN_IE_HEADER) == 2);
C_ASSERT(dot11_AC_param_max == 4);

typedef struct _WLAN_ADAPTER {
    NDIS_HANDLE AdapterHandle;
    DOT11_MAC_ADDRESS Bssid;
    DOT11_SSID Ssid;
    DOT11_AC_PARAM AcParams[dot11_AC_param_max];
    DOT11_PEER_STATISTICS PeerStats;
    TAL_TXRX_HANDLE TalHandle;
    WDI_PORT_ID PortId;
} WLAN_ADAPTER, *PWLAN_ADAPTER;

static ULONG WlanFillCapability(PDOT11_EXTSTA_CAPABILITY Cap)
{
    NdisZeroMemory(Cap, sizeof(*Cap));
    Cap->Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
    Cap->Header.Revision = DOT11_EXTSTA_CAPABILITY_REVISION_1;
    Cap->Header.Size = sizeof(DOT11_EXTSTA_CAPABILITY);
    Cap->uDefaultKeyTableSize = DOT11_MAX_NUM_DEFAULT_KEY;
    return Cap->Header.Size;
}

static VOID WlanIndicateAssociation(PWLAN_ADAPTER Adapter, PDOT11_ASSOCIATION_COMPLETION_PARAMETERS Params,
                                    BOOLEAN Success)
{
    NDIS_STATUS_INDICATION ind;
    Params->Header.Revision = DOT11_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_1;
    NdisMoveMemory(Params->MacAddr, Adapter->Bssid, sizeof(DOT11_MAC_ADDRESS));
    Params->uStatus = Success ? DOT11_ASSOC_STATUS_SUCCESS : DOT11_ASSOC_STATUS_UNREACHABLE;
    Params->AuthAlgo = DOT11_AUTH_ALGO_RSNA_PSK;
    Params->UnicastCipher = DOT11_CIPHER_ALGO_CCMP;
    Params->DSInfo = DOT11_DS_UNKNOWN;
    NdisZeroMemory(&ind, sizeof(ind));
    ind.StatusCode = NDIS_STATUS_DOT11_ASSOCIATION_COMPLETION;
    ind.StatusBuffer = Params;
    ind.StatusBufferSize = sizeof(*Params);
    NdisMIndicateStatusEx(Adapter->AdapterHandle, &ind);
}

static BOOLEAN WlanErpShortSlot(PDOT11_PHY_ATTRIBUTES Phy)
{
    return Phy->PhyType == dot11_phy_type_erp && Phy->ERPAttributes.bShortSlotTimeOptionImplemented &&
           Phy->ERPAttributes.bShortPreambleOptionImplemented == Phy->ERPAttributes.HRDSSSAttributes.bShortPreambleOptionImplemented;
}

static VOID WlanSetKey(PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE Key)
{
    PDOT11_KEY_ALGO_CCMP ccmp = (PDOT11_KEY_ALGO_CCMP)Key->ucKey;
    if (Key->AlgorithmId == DOT11_CIPHER_ALGO_CCMP && Key->Direction == DOT11_DIR_BOTH)
        ccmp->ulCCMPKeyLength = 16;
}

/* WDI: registration and a task handler using the TLV parser */
MINIPORT_WDI_ALLOCATE_ADAPTER WdiAllocateAdapter;
MINIPORT_WDI_FREE_ADAPTER WdiFreeAdapter;
MINIPORT_WDI_OPEN_ADAPTER WdiOpenAdapter;
MINIPORT_WDI_CLOSE_ADAPTER WdiCloseAdapter;
MINIPORT_WDI_TAL_TXRX_INITIALIZE WdiTalTxRxInitialize;
MINIPORT_WDI_TAL_TXRX_DEINITIALIZE WdiTalTxRxDeinitialize;

NDIS_STATUS WdiAllocateAdapter(NDIS_HANDLE NdisMiniportHandle, NDIS_HANDLE MiniportDriverContext,
                               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters,
                               PNDIS_WDI_INIT_PARAMETERS NdisWdiInitParameters,
                               PNDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes)
{
    UNREFERENCED_PARAMETER(NdisMiniportHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    UNREFERENCED_PARAMETER(RegistrationAttributes);
    return NdisWdiInitParameters->WdiVersion >= WDI_VERSION_1_0 ? NDIS_STATUS_SUCCESS : NDIS_STATUS_NOT_SUPPORTED;
}

VOID WdiFreeAdapter(NDIS_HANDLE MiniportAdapterContext) { UNREFERENCED_PARAMETER(MiniportAdapterContext); }

NDIS_STATUS WdiOpenAdapter(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS WdiCloseAdapter(NDIS_HANDLE MiniportAdapterContext)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS WdiTalTxRxInitialize(NDIS_HANDLE MiniportAdapterContext, NDIS_HANDLE NdisMiniportDataPathHandle,
                                 PNDIS_WDI_DATA_API NdisWdiDataPathApi, PTAL_TXRX_HANDLE pMiniportTalTxRxContext,
                                 PNDIS_MINIPORT_WDI_DATA_HANDLERS pMiniportDataHandlers,
                                 UINT32 *pMiniportWdiFrameMetadataExtraSpace)
{
    UNREFERENCED_PARAMETER(NdisMiniportDataPathHandle);
    UNREFERENCED_PARAMETER(NdisWdiDataPathApi);
    *pMiniportTalTxRxContext = MiniportAdapterContext;
    pMiniportDataHandlers->Header.Type = NDIS_OBJECT_TYPE_MINIPORT_WDI_DATA_HANDLERS;
    pMiniportDataHandlers->Header.Revision = NDIS_OBJECT_TYPE_MINIPORT_WDI_DATA_HANDLERS_REVISION_1;
    pMiniportDataHandlers->Header.Size = NDIS_SIZEOF_MINIPORT_WDI_DATA_HANDLERS_REVISION_1;
    *pMiniportWdiFrameMetadataExtraSpace = 0;
    return NDIS_STATUS_SUCCESS;
}

VOID WdiTalTxRxDeinitialize(TAL_TXRX_HANDLE MiniportTalTxRxContext) { UNREFERENCED_PARAMETER(MiniportTalTxRxContext); }

static NDIS_STATUS WdiHandleScan(PUINT8 Buffer, ULONG Length)
{
    TLV_CONTEXT ctx = { 0, 0 };
    WDI_SCAN_PARAMETERS scan;
    PWDI_MESSAGE_HEADER header = (PWDI_MESSAGE_HEADER)Buffer;
    NDIS_STATUS status;
    if (Length < sizeof(WDI_MESSAGE_HEADER) || header->PortId == WDI_PORT_ANY)
        return NDIS_STATUS_INVALID_LENGTH;
    status = ParseWdiTaskScan(Length - sizeof(WDI_MESSAGE_HEADER), Buffer + sizeof(WDI_MESSAGE_HEADER), &ctx, &scan);
    if (status == NDIS_STATUS_SUCCESS)
        CleanupParsedWdiTaskScan(&scan);
    return status;
}

NDIS_STATUS WlanRegister(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath,
                         PNDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars, PNDIS_HANDLE DriverHandle)
{
    NDIS_MINIPORT_DRIVER_WDI_CHARACTERISTICS wdi;
    NdisZeroMemory(&wdi, sizeof(wdi));
    wdi.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_WDI_CHARACTERISTICS;
    wdi.Header.Revision = NDIS_MINIPORT_DRIVER_WDI_CHARACTERISTICS_REVISION_1;
    wdi.Header.Size = NDIS_SIZEOF_MINIPORT_WDI_CHARACTERISTICS_REVISION_1;
    wdi.WdiVersion = WDI_VERSION_LATEST;
    wdi.AllocateAdapterHandler = WdiAllocateAdapter;
    wdi.FreeAdapterHandler = WdiFreeAdapter;
    wdi.OpenAdapterHandler = WdiOpenAdapter;
    wdi.CloseAdapterHandler = WdiCloseAdapter;
    wdi.TalTxRxInitializeHandler = WdiTalTxRxInitialize;
    wdi.TalTxRxDeinitializeHandler = WdiTalTxRxDeinitialize;
    (void)WlanFillCapability;
    (void)WlanIndicateAssociation;
    (void)WlanErpShortSlot;
    (void)WlanSetKey;
    (void)WdiHandleScan;
    return NdisMRegisterWdiMiniportDriver(DriverObject, RegistryPath, NULL, Chars, &wdi, DriverHandle);
}

/* A USB 802.11 adapter on KMDF: a vendor control transfer to a register, a work item context
 * set on its attributes, a completion routine reading the USB status, a timer from wdf.h alone. */
typedef struct _USB_WORKITEM_CONTEXT { NDIS_HANDLE Adapter; ULONG Events; } USB_WORKITEM_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(USB_WORKITEM_CONTEXT, UsbGetWorkItemContext)

static NTSTATUS
UsbWriteRegister(WDFUSBDEVICE Device, USHORT Register, ULONG Value)
{
    WDF_USB_CONTROL_SETUP_PACKET Setup;
    WDF_MEMORY_DESCRIPTOR Memory;
    ULONG Sent = 0;

    WDF_USB_CONTROL_SETUP_PACKET_INIT_VENDOR(&Setup, BmRequestHostToDevice, BmRequestToDevice, 0x05,
                                             Register, 0);
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&Memory, &Value, sizeof(Value));
    return WdfUsbTargetDeviceSendControlTransferSynchronously(Device, WDF_NO_HANDLE, NULL, &Setup,
                                                              &Memory, &Sent);
}

static VOID
UsbWriteComplete(WDFREQUEST Request, WDFIOTARGET Target, PWDF_USB_REQUEST_COMPLETION_PARAMS Params)
{
    UNREFERENCED_PARAMETER(Target);
    if (Params->UsbdStatus == USBD_STATUS_STALL_PID ||
        Params->Parameters.PipeWrite.Length == 0) {
        WdfRequestComplete(Request, STATUS_UNSUCCESSFUL);
    }
}

EVT_WDF_TIMER UsbWatchdog;
VOID
UsbWatchdog(WDFTIMER Timer)
{
    UsbGetWorkItemContext((WDFOBJECT)Timer)->Events = 0;
}

VOID
UsbSetWorkItemContext(PWDF_OBJECT_ATTRIBUTES Attributes)
{
    WDF_OBJECT_ATTRIBUTES_INIT(Attributes);
    WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(Attributes, USB_WORKITEM_CONTEXT);
    (void)UsbWriteRegister;
    (void)UsbWriteComplete;
}
