/* wditypes.hpp - drvcheck clean-room WDK model: WDI data types (C view).
 * Enumerations as documented (values where the documentation gives them, else the matching
 * DOT11_* value or a distinct placeholder); the documented TLV parser shapes (TLV_CONTEXT, the
 * ElementCount/pElements array form).  The per-message parameter and container structures are the
 * TLV parser's: one member per TLV of the message or container as the WDI TLV reference lists it
 * (in its order and with its value types), a multi-instance or list TLV as an ElementCount/pElements
 * array, optional TLVs flagged <Member>_IsPresent in a leading Optional struct, a TLV of plain values
 * as a nested struct, a single-value TLV as that value.  Member names are the parser's (the reference
 * names the TLVs, not the members); contained TLVs nobody uses and whose layout needs further
 * containers are left out.  Structures no driver has needed members of stay memberless: complete, so
 * declarations, sizeof and pointers work. */
#pragma once
#include <dot11wdi.h>

#define WDI_ARRAY_OF(T) struct { UINT32 ElementCount; T *pElements; BOOLEAN MemoryInternallyAllocated; }
typedef struct _TLV_CONTEXT { ULONG_PTR AllocationContext; ULONG PeerVersion; } TLV_CONTEXT, *PTLV_CONTEXT;
typedef const TLV_CONTEXT *PCTLV_CONTEXT;
typedef UINT32 WDI_CHANNEL_NUMBER, WDI_BAND_ID;
#define WDI_BAND_ID_2400 1U
#define WDI_BAND_ID_5000 2U
#define WDI_BAND_ID_60000 3U
#define WDI_BAND_ID_900 4U
#define WDI_BAND_ID_CUSTOM_START 0x80000000U
#define WDI_BAND_ID_CUSTOM_END 0x81000000U
#define WDI_BAND_ID_ANY 0xFFFFFFFFU
typedef struct _WDI_CHANNEL_MAPPING_ENTRY { UINT32 ChannelNumber; UINT32 ChannelCenterFrequency; } WDI_CHANNEL_MAPPING_ENTRY, *PWDI_CHANNEL_MAPPING_ENTRY;
typedef struct _WDI_BAND_CHANNEL_MAPPING_ENTRY { WDI_BAND_ID BandId; WDI_CHANNEL_NUMBER ChannelNumber; UINT32 ChannelCenterFrequency; } WDI_BAND_CHANNEL_MAPPING_ENTRY, *PWDI_BAND_CHANNEL_MAPPING_ENTRY;
typedef struct _WDI_DATA_RATE_ENTRY { UINT16 DataRateFlag; UINT16 DataRateValue; } WDI_DATA_RATE_ENTRY, *PWDI_DATA_RATE_ENTRY;
typedef struct _WDI_ETHERTYPE_ENCAPSULATION_ENTRY { UINT16 EtherType; UINT16 EncapsulationType; } WDI_ETHERTYPE_ENCAPSULATION_ENTRY, *PWDI_ETHERTYPE_ENCAPSULATION_ENTRY;
typedef struct _WDI_TYPE_MIC { UINT8 Value[16]; } WDI_TYPE_MIC, *PWDI_TYPE_MIC;
typedef struct _WDI_TYPE_NONCE { UINT8 Nonce[32]; } WDI_TYPE_NONCE, *PWDI_TYPE_NONCE;
typedef struct _WDI_TYPE_PMK_NAME { UINT8 Name[16]; } WDI_TYPE_PMK_NAME, *PWDI_TYPE_PMK_NAME;
typedef WDI_ARRAY_OF(UINT8) WDI_SSID, *PWDI_SSID;
typedef WDI_ARRAY_OF(WDI_DATA_RATE_ENTRY) WDI_DATA_RATE_LIST, *PWDI_DATA_RATE_LIST;
typedef enum _WDI_AUTH_ALGORITHM {
    WDI_AUTH_ALGO_80211_OPEN = 1, WDI_AUTH_ALGO_80211_SHARED_KEY = 2, WDI_AUTH_ALGO_WPA = 3, WDI_AUTH_ALGO_WPA_PSK = 4,
    WDI_AUTH_ALGO_WPA_NONE = 5, WDI_AUTH_ALGO_RSNA = 6, WDI_AUTH_ALGO_RSNA_PSK = 7, WDI_AUTH_ALGO_WPA3_ENT_192 = 8,
    WDI_AUTH_ALGO_WPA3_SAE = 9, WDI_AUTH_ALGO_OWE = 10, WDI_AUTH_ALGO_WPA3_ENT = 11,
    WDI_AUTH_ALGO_IHV_START = 0x80000000, WDI_AUTH_ALGO_IHV_END = 0xffffffff
} WDI_AUTH_ALGORITHM;
typedef enum _WDI_CIPHER_ALGORITHM {
    WDI_CIPHER_ALGO_NONE = 0x00, WDI_CIPHER_ALGO_WEP40 = 0x01, WDI_CIPHER_ALGO_TKIP = 0x02, WDI_CIPHER_ALGO_CCMP = 0x04,
    WDI_CIPHER_ALGO_WEP104 = 0x05, WDI_CIPHER_ALGO_BIP = 0x06, WDI_CIPHER_ALGO_GCMP = 0x08, WDI_CIPHER_ALGO_GCMP_256 = 0x09,
    WDI_CIPHER_ALGO_CCMP_256 = 0x0a, WDI_CIPHER_ALGO_BIP_GMAC_128 = 0x0b, WDI_CIPHER_ALGO_BIP_GMAC_256 = 0x0c,
    WDI_CIPHER_ALGO_BIP_CMAC_256 = 0x0d, WDI_CIPHER_ALGO_WPA_USE_GROUP = 0x100, WDI_CIPHER_ALGO_RSN_USE_GROUP = 0x100,
    WDI_CIPHER_ALGO_WEP = 0x101, WDI_CIPHER_ALGO_IHV_START = 0x80000000, WDI_CIPHER_ALGO_IHV_END = 0xffffffff
} WDI_CIPHER_ALGORITHM;
typedef enum _WDI_PHY_TYPE {
    WDI_PHY_TYPE_UNKNOWN = 0, WDI_PHY_TYPE_ANY = WDI_PHY_TYPE_UNKNOWN, WDI_PHY_TYPE_FHSS = 1, WDI_PHY_TYPE_DSSS = 2,
    WDI_PHY_TYPE_IRBASEBAND = 3, WDI_PHY_TYPE_OFDM = 4, WDI_PHY_TYPE_HRDSSS = 5, WDI_PHY_TYPE_ERP = 6, WDI_PHY_TYPE_HT = 7,
    WDI_PHY_TYPE_VHT = 8, WDI_PHY_TYPE_DMG = 9, WDI_PHY_TYPE_HE = 10,
    WDI_PHY_TYPE_IHV_START = 0x80000000, WDI_PHY_TYPE_IHV_END = 0xffffffff
} WDI_PHY_TYPE;
typedef enum _WDI_ASSOC_STATUS {
    WDI_ASSOC_STATUS_SUCCESS = 0, WDI_ASSOC_STATUS_FAILURE = 1, WDI_ASSOC_STATUS_UNREACHABLE = 2, WDI_ASSOC_STATUS_RADIO_OFF = 3,
    WDI_ASSOC_STATUS_PHY_DISABLED = 4, WDI_ASSOC_STATUS_ABORTED = 5, WDI_ASSOC_STATUS_CANDIDATE_LIST_EXHAUSTED = 6,
    WDI_ASSOC_STATUS_DISASSOCIATED_BY_HOST = 7, WDI_ASSOC_STATUS_ROAMING_BETTER_AP_FOUND = 10,
    WDI_ASSOC_STATUS_ROAMING_ASSOCIATION_LOST = 11, WDI_ASSOC_STATUS_PEER_DEAUTHENTICATED = 13,
    WDI_ASSOC_STATUS_PEER_DISASSOCIATED = 14, WDI_ASSOC_STATUS_ROAMING_LOW_LINK_QUALITY = 15,
    WDI_ASSOC_STATUS_PROBE_TX_FAILURE = 30, WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE = 31,
    WDI_ASSOC_STATUS_AUTH_REQUEST_NO_ACK = 40, WDI_ASSOC_STATUS_NO_AUTH_RESPONSE = 41,
    WDI_ASSOC_STATUS_AUTH_RESPONSE_CAPABILITY_MISMATCH = 42, WDI_ASSOC_STATUS_BAD_AUTH_RESPONSE = 43,
    WDI_ASSOC_STATUS_AUTH_FAILED_BY_PEER = 44, WDI_ASSOC_STATUS_AUTH_EXCHANGE_FAILURE = 45,
    WDI_ASSOC_STATUS_ASSOC_REQUEST_NO_ACK = 50, WDI_ASSOC_STATUS_NO_ASSOC_RESPONSE = 51,
    WDI_ASSOC_STATUS_ASSOC_RESPONSE_CAPABILITY_MISMATCH = 52, WDI_ASSOC_STATUS_BAD_ASSOC_RESPONSE = 53,
    WDI_ASSOC_STATUS_ASSOC_FAILED_BY_PEER = 54, WDI_ASSOC_STATUS_ASSOC_EXCHANGE_FAILURE = 55,
    WDI_ASSOC_STATUS_DISASSOCIATE_BY_DEVICE_RESET = 60, WDI_ASSOC_STATUS_DISASSOCIATE_UNABLE_TO_MAINTAIN = 61,
    WDI_ASSOC_STATUS_DISASSOCIATE_NOT_VISIBLE = 62, WDI_ASSOC_STATUS_DISASSOCIATE_NEEDED_REASSOC = 63,
    WDI_ASSOC_STATUS_ASSOCIATION_DISALLOWED = 64 /* placeholder */
} WDI_ASSOC_STATUS;
typedef enum _WDI_CIPHER_KEY_TYPE { WDI_CIPHER_KEY_TYPE_PAIRWISE_KEY = 1, WDI_CIPHER_KEY_TYPE_GROUP_KEY = 2, WDI_CIPHER_KEY_TYPE_IGTK = 3, WDI_CIPHER_KEY_TYPE_BIGTK = 4 } WDI_CIPHER_KEY_TYPE;
typedef enum _WDI_CIPHER_KEY_DIRECTION { WDI_CIPHER_KEY_DIRECTION_INBOUND = 0, WDI_CIPHER_KEY_DIRECTION_OUTBOUND = 1, WDI_CIPHER_KEY_DIRECTION_BOTH = 2 } WDI_CIPHER_KEY_DIRECTION;
typedef enum _WDI_CONNECTION_QUALITY_HINT { WDI_CONNECTION_QUALITY_AUTO_POWER_SAVE = 0, WDI_CONNECTION_QUALITY_LOW_LATENCY = 1, WDI_CONNECTION_QUALITY_HIGH_THROUGHPUT = 2, WDI_CONNECTION_QUALITY_NO_POWER_SAVE = 3 } WDI_CONNECTION_QUALITY_HINT;
typedef enum _WDI_DATA_RATE_FLAGS { WDI_DATA_RATE_NON_STANDARD = 0x0001, WDI_DATA_RATE_RX_RATE = 0x0002, WDI_DATA_RATE_TX_RATE = 0x0004 } WDI_DATA_RATE_FLAGS;
typedef enum _WDI_DS_INFO { WDI_DS_CHANGED = 0, WDI_DS_UNCHANGED = 1, WDI_DS_UNKNOWN = 2, WDI_DS_MAX } WDI_DS_INFO;
typedef enum _WDI_ENCAPSULATION_TYPE { WDI_ENCAPSULATION_RFC_1042 = 0, WDI_ENCAPSULATION_802_1H = 1 } WDI_ENCAPSULATION_TYPE;
typedef enum _WDI_EXEMPTION_PACKET_TYPE { WDI_EXEMPT_PACKET_TYPE_UNICAST = 1, WDI_EXEMPT_PACKET_TYPE_MULTICAST = 2, WDI_EXEMPT_PACKET_TYPE_BOTH = 3 } WDI_EXEMPTION_PACKET_TYPE;
typedef enum _WDI_BLUETOOTH_COEXISTENCE_SUPPORT { WDI_BLUETOOTH_COEXISTENCE_UNKNOWN = 0, WDI_BLUETOOTH_COEXISTENCE_PERFORMANCE_MAINTAINED, WDI_BLUETOOTH_COEXISTENCE_WIFI_DEGRADED_TO_1x1, WDI_BLUETOOTH_COEXISTENCE_WIFI_THROUGHPUT_DEGRADED, WDI_BLUETOOTH_COEXISTENCE_MUTUALLY_EXCLUSIVE, WDI_BLUETOOTH_COEXISTENCE_MAX } WDI_BLUETOOTH_COEXISTENCE_SUPPORT;
typedef enum _WDI_CAN_SUSTAIN_AP_REASON { WDI_CAN_SUSTAIN_AP_REASON_IHV_START = 0xFF000000, WDI_CAN_SUSTAIN_AP_REASON_IHV_END = 0xFFFFFFFF } WDI_CAN_SUSTAIN_AP_REASON;
typedef enum _WDI_STOP_AP_REASON { WDI_STOP_AP_REASON_FREQUENCY_NOT_AVAILABLE = 1, WDI_STOP_AP_REASON_CHANNEL_NOT_AVAILABLE = 2, WDI_STOP_AP_REASON_AP_ACTIVE = 3, WDI_STOP_AP_REASON_IHV_START = 0xFF000000, WDI_STOP_AP_REASON_IHV_END = 0xFFFFFFFF } WDI_STOP_AP_REASON;
typedef enum _WDI_P2P_ACTION_FRAME_TYPE { WDI_P2P_ACTION_FRAME_GO_NEGOTIATION_REQUEST = 0, WDI_P2P_ACTION_FRAME_GO_NEGOTIATION_RESPONSE, WDI_P2P_ACTION_FRAME_GO_NEGOTIATION_CONFIRM, WDI_P2P_ACTION_FRAME_INVITATION_REQUEST, WDI_P2P_ACTION_FRAME_INVITATION_RESPONSE, WDI_P2P_ACTION_FRAME_PROVISION_DISCOVERY_REQUEST, WDI_P2P_ACTION_FRAME_PROVISION_DISCOVERY_RESPONSE, WDI_P2P_ACTION_FRAME_MAX_VALUE } WDI_P2P_ACTION_FRAME_TYPE;
typedef enum _WDI_P2P_CHANNEL_INDICATE_REASON { WDI_P2P_CHANNEL_INDICATE_REASON_UNKNOWN = 0, WDI_P2P_CHANNEL_INDICATE_REASON_NEW_CONNECTION, WDI_P2P_CHANNEL_INDICATE_REASON_ECSA_REQUESTED, WDI_P2P_CHANNEL_INDICATE_REASON_ECSA_GO_INITIATED, WDI_P2P_CHANNEL_INDICATE_REASON_MAX } WDI_P2P_CHANNEL_INDICATE_REASON;
typedef enum _WDI_P2P_DISCOVER_TYPE { WDI_P2P_DISCOVER_TYPE_SCAN_ONLY = 1, WDI_P2P_DISCOVER_TYPE_FIND_ONLY = 2, WDI_P2P_DISCOVER_TYPE_AUTO = 3, WDI_P2P_DISCOVER_TYPE_SCAN_SOCIAL_CHANNELS = 4, WDI_P2P_DISCOVER_TYPE_MAX_VALUE } WDI_P2P_DISCOVER_TYPE;
typedef enum _WDI_P2P_LISTEN_STATE { WDI_P2P_LISTEN_STATE_OFF = 0, WDI_P2P_LISTEN_STATE_PASSIVE_AVAILABILITY = 1, WDI_P2P_LISTEN_STATE_AUTOMATIC_AVAILABILITY = 2, WDI_P2P_LISTEN_STATE_HIGH_AVAILABILITY = 3, WDI_P2P_LISTEN_STATE_DUMMY_MAX_VALUE } WDI_P2P_LISTEN_STATE;
typedef enum _WDI_P2P_SCAN_TYPE { WDI_P2P_SCAN_TYPE_ACTIVE = 1, WDI_P2P_SCAN_TYPE_PASSIVE = 2, WDI_P2P_SCAN_TYPE_AUTO = 3, WDI_P2P_SCAN_TYPE_MAX_VALUE } WDI_P2P_SCAN_TYPE;
typedef enum _WDI_POWER_SAVE_LEVEL { WDI_POWER_SAVE_LEVEL_NO_POWER_SAVE = 0, WDI_POWER_SAVE_LEVEL_FAST_PSP = 8, WDI_POWER_SAVE_LEVEL_MAX_PSP = 16, WDI_POWER_SAVE_LEVEL_MAXIMUM_LEVEL = 24 } WDI_POWER_SAVE_LEVEL;
typedef enum _WDI_POWER_MODE_REASON_CODE { WDI_POWER_MODE_REASON_CODE_NO_CHANGE = 0, WDI_POWER_MODE_REASON_CODE_NONCOMPLIANT_AP = 1, WDI_POWER_MODE_REASON_CODE_NONCOMPLANT_AP = 1, WDI_POWER_MODE_REASON_CODE_LEGACY_P2P_DEVICE = 2, WDI_POWER_MODE_REASON_CODE_COMPLIANT_AP = 3, WDI_POWER_MODE_REASON_CODE_COMPLIANT_P2P_DEVICE = 4, WDI_POWER_MODE_REASON_CODE_OTHERS = 5 } WDI_POWER_MODE_REASON_CODE;
typedef enum _WDI_QOS_PROTOCOL { WDI_QOS_PROTOCOL_NONE = 0, WDI_QOS_PROTOCOL_WMM = 1, WDI_QOS_PROTOCOL_11E = 2, WDI_QOS_PROTOCOL_MAX } WDI_QOS_PROTOCOL;
typedef enum _WDI_SCAN_TRIGGER { WDI_SCAN_TRIGGER_MANUAL = 1, WDI_SCAN_TRIGGER_BACKGROUND = 2, WDI_SCAN_TRIGGER_ROAM = 3, WDI_SCAN_TRIGGER_CONNECT = 4, WDI_SCAN_TRIGGER_ANQP_QUERY = 5, WDI_SCAN_TRIGGER_FAST_ROAM = 6, WDI_SCAN_TRIGGER_FTM = 7 } WDI_SCAN_TRIGGER;
typedef enum _WDI_SCAN_TYPE { WDI_SCAN_TYPE_ACTIVE_ONLY = 1, WDI_SCAN_TYPE_PASSIVE_ONLY = 2, WDI_SCAN_TYPE_AUTO = 3, WDI_SCAN_TYPE_MAX_VALUE } WDI_SCAN_TYPE;
typedef enum _WDI_ROAM_TRIGGER { WDI_ROAM_TRIGGER_OTHER = 0, WDI_ROAM_TRIGGER_CRITICAL_BSS_TRANSITION_REQUEST = 1 } WDI_ROAM_TRIGGER;
typedef enum _WDI_ACTION_FRAME_CATEGORY { WDI_ACTION_FRAME_CATEGORY_PUBLIC = 4, WDI_ACTION_FRAME_CATEGORY_RADIO_MEASUREMENT = 5, WDI_ACTION_FRAME_CATEGORY_FAST_BSS_TRANSITION = 6, WDI_ACTION_FRAME_CATEGORY_WNM = 10 } WDI_ACTION_FRAME_CATEGORY;
typedef enum _WDI_PACKET_FILTER_TYPE {
    WDI_PACKET_FILTER_NONE = 0, WDI_PACKET_FILTER_DIRECTED = 0x1, WDI_PACKET_FILTER_MULTICAST = 0x2, WDI_PACKET_FILTER_ALL_MULTICAST = 0x4,
    WDI_PACKET_FILTER_BROADCAST = 0x8, WDI_PACKET_FILTER_PROMISCUOUS = 0x20, WDI_PACKET_FILTER_802_11_RAW_DATA = 0x10000,
    WDI_PACKET_FILTER_802_11_DIRECTED_MGMT = 0x20000, WDI_PACKET_FILTER_802_11_BROADCAST_MGMT = 0x40000,
    WDI_PACKET_FILTER_802_11_MULTICAST_MGMT = 0x80000, WDI_PACKET_FILTER_802_11_ALL_MULTICAST_MGMT = 0x100000,
    WDI_PACKET_FILTER_802_11_PROMISCUOUS_MGMT = 0x200000, WDI_PACKET_FILTER_802_11_RAW_MGMT = 0x400000,
    WDI_PACKET_FILTER_802_11_DIRECTED_CTRL = 0x800000, WDI_PACKET_FILTER_802_11_BROADCAST_CTRL = 0x1000000,
    WDI_PACKET_FILTER_802_11_PROMISCUOUS_CTRL = 0x2000000, WDI_PACKET_FILTER_ALL = 0x3FF002F
} WDI_PACKET_FILTER_TYPE;
typedef enum _WDI_WAKE_REASON_CODE {   /* placeholders, one per wake reason the WDI wake indication names */
    WDI_WAKE_REASON_CODE_UNKNOWN = 0, WDI_WAKE_REASON_CODE_PACKET = 1, WDI_WAKE_REASON_CODE_NLO_DISCOVERY = 2,
    WDI_WAKE_REASON_CODE_AP_ASSOCIATION_LOST = 3, WDI_WAKE_REASON_CODE_GTK_HANDSHAKE_ERROR = 4,
    WDI_WAKE_REASON_CODE_4WAY_HANDSHAKE_REQUEST = 5
} WDI_WAKE_REASON_CODE;
/* generated TLV parameter and container structures (members not documented) */
typedef struct _WDI_GET_AUTO_POWER_SAVE_PARAMETERS { UINT8 Opaque__; } WDI_GET_AUTO_POWER_SAVE_PARAMETERS, *PWDI_GET_AUTO_POWER_SAVE_PARAMETERS;
typedef struct _WDI_GET_NEXT_ACTION_FRAME_DIALOG_TOKEN_INPUTS { UINT8 Opaque__; } WDI_GET_NEXT_ACTION_FRAME_DIALOG_TOKEN_INPUTS, *PWDI_GET_NEXT_ACTION_FRAME_DIALOG_TOKEN_INPUTS;
typedef struct _WDI_GET_RECEIVE_COALESCING_MATCH_COUNT_INPUTS { UINT8 Opaque__; } WDI_GET_RECEIVE_COALESCING_MATCH_COUNT_INPUTS, *PWDI_GET_RECEIVE_COALESCING_MATCH_COUNT_INPUTS;
typedef struct _WDI_IHV_REQUEST_PARAMETERS { UINT8 Opaque__; } WDI_IHV_REQUEST_PARAMETERS, *PWDI_IHV_REQUEST_PARAMETERS;
typedef struct _WDI_INDICATION_SEND_REQUEST_ACTION_FRAME_COMPLETE_PARAMETERS { UINT8 Opaque__; } WDI_INDICATION_SEND_REQUEST_ACTION_FRAME_COMPLETE_PARAMETERS, *PWDI_INDICATION_SEND_REQUEST_ACTION_FRAME_COMPLETE_PARAMETERS;
typedef struct _WDI_INDICATION_SEND_RESPONSE_ACTION_FRAME_COMPLETE_PARAMETERS { UINT8 Opaque__; } WDI_INDICATION_SEND_RESPONSE_ACTION_FRAME_COMPLETE_PARAMETERS, *PWDI_INDICATION_SEND_RESPONSE_ACTION_FRAME_COMPLETE_PARAMETERS;
typedef struct _WDI_SET_FIRMWARE_CONFIGURATION_PARAMETERS { UINT8 Opaque__; } WDI_SET_FIRMWARE_CONFIGURATION_PARAMETERS, *PWDI_SET_FIRMWARE_CONFIGURATION_PARAMETERS;
typedef struct _WDI_SET_RECEIVE_COALESCING_PARAMETERS { UINT8 Opaque__; } WDI_SET_RECEIVE_COALESCING_PARAMETERS, *PWDI_SET_RECEIVE_COALESCING_PARAMETERS;
typedef struct _WDI_SET_RECEIVE_PACKET_FILTER_PARAMETERS { UINT8 Opaque__; } WDI_SET_RECEIVE_PACKET_FILTER_PARAMETERS, *PWDI_SET_RECEIVE_PACKET_FILTER_PARAMETERS;
typedef struct _WDI_TASK_CLOSE_PARAMETERS { UINT8 Opaque__; } WDI_TASK_CLOSE_PARAMETERS, *PWDI_TASK_CLOSE_PARAMETERS;
typedef struct _WDI_TASK_DISCONNECT_PARAMETERS { UINT8 Opaque__; } WDI_TASK_DISCONNECT_PARAMETERS, *PWDI_TASK_DISCONNECT_PARAMETERS;
typedef struct _WDI_TASK_OPEN_PARAMETERS { UINT8 Opaque__; } WDI_TASK_OPEN_PARAMETERS, *PWDI_TASK_OPEN_PARAMETERS;
typedef struct _WDI_TASK_STOP_AP_PARAMETERS { UINT8 Opaque__; } WDI_TASK_STOP_AP_PARAMETERS, *PWDI_TASK_STOP_AP_PARAMETERS;
/* generated TLV parameter and container structures whose members the WDI TLV reference documents:
 * one member per contained TLV, in the documented order; a multi-instance TLV or a list value is an
 * ElementCount/pElements array; optional TLVs are flagged <Member>_IsPresent in Optional; a TLV of
 * plain values is a nested struct of those values, as documented.  Member names follow the TLV
 * generator's naming of each TLV; contained TLVs that need further, unmodelled containers are left out. */
typedef struct _WDI_ALGO_PAIRS { UINT8 AuthAlgorithm; UINT8 CipherAlgorithm; } WDI_ALGO_PAIRS, *PWDI_ALGO_PAIRS;
typedef struct _WDI_AP_ATTRIBUTES_CONTAINER {                 /* WDI_TLV_AP_ATTRIBUTES */
    struct {                                                  /* WDI_TLV_AP_CAPABILITIES */
        UINT32 ScanSSIDListSize; UINT32 DesiredSSIDListSize; UINT32 PrivacyExemptionListSize; UINT32 AssociationTableSize;
        UINT32 KeyMappingTableSize; UINT32 DefaultKeyTableSize; UINT32 WEPKeyValueMaxLength; UINT8 RadarDetectionSupported;
    } APCapabilities;
    WDI_ARRAY_OF(WDI_ALGO_PAIRS) UnicastAlgorithms;           /* WDI_TLV_UNICAST_ALGORITHM_LIST */
    WDI_ARRAY_OF(WDI_ALGO_PAIRS) MulticastDataAlgorithms;     /* WDI_TLV_MULTICAST_DATA_ALGORITHM_LIST */
} WDI_AP_ATTRIBUTES_CONTAINER, *PWDI_AP_ATTRIBUTES_CONTAINER;
typedef struct _WDI_VIRTUALIZATION_ATTRIBUTES_CONTAINER {     /* WDI_TLV_VIRTUALIZATION_ATTRIBUTES */
    struct {                                                  /* WDI_TLV_VIRTUALIZATION_CAPABILITIES */
        UINT8 ExtSTACount; UINT8 WiFiDirectGroupCount; UINT8 APCount; UINT8 SimultaneousGoCount;
        UINT8 SimultaneousMultiChannelOperationLimit; UINT8 SimultaneousSTAWFDClientCount;
    } VirtualizationCapabilities;
} WDI_VIRTUALIZATION_ATTRIBUTES_CONTAINER, *PWDI_VIRTUALIZATION_ATTRIBUTES_CONTAINER;
typedef struct _WDI_BAND_CHANNEL_LIST_CONTAINER {             /* WDI_TLV_BAND_CHANNEL */
    WDI_BAND_ID BandId;                                       /* WDI_TLV_BANDID */
    WDI_ARRAY_OF(WDI_CHANNEL_NUMBER) ChannelList;             /* WDI_TLV_CHANNEL_INFO_LIST */
} WDI_BAND_CHANNEL_LIST_CONTAINER, *PWDI_BAND_CHANNEL_LIST_CONTAINER;
typedef struct { UINT32 ActiveChannelDwellTime; UINT32 PassiveChannelDwellTime; UINT32 MaximumScanTime; } WDI_SCAN_DWELL_TIME_VALUES__;  /* WDI_TLV_SCAN_DWELL_TIME */
typedef struct _WDI_SCAN_PARAMETERS {                         /* OID_WDI_TASK_SCAN task parameters */
    struct { BOOLEAN VendorIEs_IsPresent; BOOLEAN BandChannelList_IsPresent; } Optional;
    WDI_MAC_ADDRESS BSSID;                                    /* WDI_TLV_BSSID */
    WDI_ARRAY_OF(WDI_SSID) SSIDList;                          /* WDI_TLV_SSID, multiple */
    WDI_ARRAY_OF(UINT8) VendorIEs;                            /* WDI_TLV_VENDOR_SPECIFIC_IE, optional */
    struct { UINT8 ScanRepeatCount; WDI_SCAN_TYPE AllowedScanType; UINT8 LiveUpdatesNeeded; WDI_SCAN_TRIGGER ScanTrigger; } ScanModeParameters;  /* WDI_TLV_SCAN_MODE */
    WDI_SCAN_DWELL_TIME_VALUES__ DwellTime;
    WDI_ARRAY_OF(WDI_BAND_CHANNEL_LIST_CONTAINER) BandChannelList;  /* WDI_TLV_BAND_CHANNEL, multiple, optional */
} WDI_SCAN_PARAMETERS, *PWDI_SCAN_PARAMETERS;
typedef struct _WDI_P2P_DISCOVERY_CHANNEL_SETTINGS_CONTAINER {   /* WDI_TLV_P2P_DISCOVERY_CHANNEL_SETTINGS */
    WDI_ARRAY_OF(WDI_BAND_CHANNEL_LIST_CONTAINER) BandChannelList;  /* WDI_TLV_BAND_CHANNEL, multiple */
} WDI_P2P_DISCOVERY_CHANNEL_SETTINGS_CONTAINER, *PWDI_P2P_DISCOVERY_CHANNEL_SETTINGS_CONTAINER;
typedef struct _WDI_TASK_P2P_DISCOVER_PARAMETERS {            /* OID_WDI_TASK_P2P_DISCOVER task parameters */
    struct { BOOLEAN DiscoveryChannelSettings_IsPresent; BOOLEAN SSIDList_IsPresent; BOOLEAN VendorIEs_IsPresent; } Optional;
    struct {                                                  /* WDI_TLV_P2P_DISCOVER_MODE */
        WDI_P2P_DISCOVER_TYPE DiscoveryType; UINT8 ForcedDiscovery; WDI_P2P_SCAN_TYPE ScanType;
        UINT32 ServiceDiscoveryType; UINT8 ScanRepeatCount; UINT32 TimeBetweenScans;
    } DiscoverMode;
    WDI_SCAN_DWELL_TIME_VALUES__ DwellTime;
    WDI_ARRAY_OF(WDI_P2P_DISCOVERY_CHANNEL_SETTINGS_CONTAINER) DiscoveryChannelSettings;  /* multiple, optional */
    WDI_ARRAY_OF(WDI_SSID) SSIDList;                          /* WDI_TLV_SSID, multiple, optional */
    WDI_ARRAY_OF(UINT8) VendorIEs;                            /* WDI_TLV_VENDOR_SPECIFIC_IE, optional */
} WDI_TASK_P2P_DISCOVER_PARAMETERS, *PWDI_TASK_P2P_DISCOVER_PARAMETERS;
typedef struct _WDI_BSS_ENTRY_CONTAINER {                     /* WDI_TLV_BSS_ENTRY */
    struct { BOOLEAN ProbeResponseFrame_IsPresent; BOOLEAN BeaconFrame_IsPresent; BOOLEAN DeviceSpecificContext_IsPresent; BOOLEAN EntryAgeInfo_IsPresent; } Optional;
    WDI_MAC_ADDRESS BSSID;                                    /* WDI_TLV_BSSID */
    WDI_ARRAY_OF(UINT8) ProbeResponseFrame;                   /* WDI_TLV_PROBE_RESPONSE_FRAME, optional */
    WDI_ARRAY_OF(UINT8) BeaconFrame;                          /* WDI_TLV_BEACON_FRAME, optional */
    struct { INT32 RSSI; UINT32 LinkQuality; } SignalInfo;    /* WDI_TLV_BSS_ENTRY_SIGNAL_INFO */
    struct { WDI_CHANNEL_NUMBER ChannelNumber; WDI_BAND_ID BandId; } ChannelInfo;  /* WDI_TLV_BSS_ENTRY_CHANNEL_INFO */
    WDI_ARRAY_OF(UINT8) DeviceSpecificContext;                /* WDI_TLV_BSS_ENTRY_DEVICE_CONTEXT, optional */
    struct { UINT64 HostTimeStamp; UINT8 CachedInformation; } EntryAgeInfo;  /* WDI_TLV_BSS_ENTRY_AGE_INFO, optional */
} WDI_BSS_ENTRY_CONTAINER, *PWDI_BSS_ENTRY_CONTAINER;
typedef struct _WDI_INDICATION_BSS_ENTRY_LIST_PARAMETERS {    /* NDIS_STATUS_WDI_INDICATION_BSS_ENTRY_LIST payload */
    struct { BOOLEAN DeviceDescriptor_IsPresent; } Optional;
    WDI_ARRAY_OF(WDI_BSS_ENTRY_CONTAINER) DeviceDescriptor;   /* WDI_TLV_BSS_ENTRY, multiple, optional */
} WDI_INDICATION_BSS_ENTRY_LIST_PARAMETERS, *PWDI_INDICATION_BSS_ENTRY_LIST_PARAMETERS;
typedef struct { WDI_MAC_ADDRESS DeviceAddress; WDI_SSID GroupSSID; } WDI_P2P_GROUP_ID_VALUES__;   /* WDI_TLV_P2P_GROUP_ID */
typedef struct _WDI_P2P_CHANNEL_CONTAINER { UINT8 CountryOrRegionString[3]; UINT8 OperatingClass; WDI_CHANNEL_NUMBER ChannelNumber; } WDI_P2P_CHANNEL_CONTAINER, *PWDI_P2P_CHANNEL_CONTAINER;  /* WDI_TLV_P2P_CHANNEL_NUMBER */
typedef WDI_P2P_LISTEN_STATE WDI_P2P_LISTEN_STATE_CONTAINER, *PWDI_P2P_LISTEN_STATE_CONTAINER;  /* WDI_TLV_P2P_LISTEN_STATE: a single value */
typedef struct _WDI_TASK_P2P_SEND_REQUEST_ACTION_FRAME_PARAMETERS {  /* OID_WDI_TASK_P2P_SEND_REQUEST_ACTION_FRAME task parameters */
    struct { BOOLEAN GONegotiationRequestInfo_IsPresent; BOOLEAN InvitationRequestInfo_IsPresent; BOOLEAN ProvisionDiscoveryRequestInfo_IsPresent; BOOLEAN VendorIEs_IsPresent; } Optional;
    struct {                                                  /* WDI_TLV_P2P_SEND_ACTION_REQUEST_FRAME_PARAMETERS */
        WDI_P2P_ACTION_FRAME_TYPE RequestFrameType; WDI_MAC_ADDRESS PeerDeviceAddress; UINT8 DialogToken;
        UINT32 SendTimeout; UINT32 PostACKDwellTime;
    } RequestParams;
    struct {                                                  /* WDI_TLV_P2P_GO_NEGOTIATION_REQUEST_INFO, optional */
        struct { BOOLEAN RemoteListenChannel_IsPresent; } Optional;
        struct {                                              /* WDI_TLV_P2P_GO_NEGOTIATION_REQUEST_PARAMETERS */
            UINT8 GOIntent; UINT8 TieBreaker; UINT16 GOConfigTimeout; UINT16 ClientConfigTimeout;
            WDI_MAC_ADDRESS IntendedInterfaceAddress; UINT8 GroupCapability; UINT8 GroupCapabilityMask;
        } RequestParams;
        WDI_P2P_CHANNEL_CONTAINER RemoteListenChannel;
    } GONegotiationRequestInfo;
    struct {                                                  /* WDI_TLV_P2P_INVITATION_REQUEST_INFO, optional */
        struct { BOOLEAN GroupBSSID_IsPresent; BOOLEAN OperatingChannel_IsPresent; } Optional;
        struct { UINT16 GOConfigTimeout; UINT16 ClientConfigTimeout; UINT8 InvitationFlags; UINT8 IsLocalGO; } RequestParams;  /* ..._PARAMETERS */
        WDI_MAC_ADDRESS GroupBSSID;                           /* WDI_TLV_P2P_GROUP_BSSID, optional */
        WDI_P2P_CHANNEL_CONTAINER OperatingChannel;            /* WDI_TLV_P2P_CHANNEL_NUMBER, optional */
        WDI_P2P_GROUP_ID_VALUES__ GroupID;                    /* WDI_TLV_P2P_GROUP_ID */
    } InvitationRequestInfo;
    struct {                                                  /* WDI_TLV_P2P_PROVISION_DISCOVERY_REQUEST_INFO, optional */
        struct { BOOLEAN GroupID_IsPresent; BOOLEAN ServiceAttributes_IsPresent; BOOLEAN PersistentGroupID_IsPresent; BOOLEAN ServiceSessionInfo_IsPresent; } Optional;
        struct { UINT8 GroupCapability; UINT8 GroupCapabilityMask; } RequestParams;  /* ..._REQUEST_PARAMETERS */
        WDI_P2P_GROUP_ID_VALUES__ GroupID;                    /* WDI_TLV_P2P_GROUP_ID, optional */
    } ProvisionDiscoveryRequestInfo;
    WDI_BSS_ENTRY_CONTAINER DeviceDescriptor;                 /* WDI_TLV_BSS_ENTRY */
    WDI_ARRAY_OF(UINT8) VendorIEs;                            /* WDI_TLV_VENDOR_SPECIFIC_IE, optional */
} WDI_TASK_P2P_SEND_REQUEST_ACTION_FRAME_PARAMETERS, *PWDI_TASK_P2P_SEND_REQUEST_ACTION_FRAME_PARAMETERS;
typedef struct {                                              /* WDI_TLV_P2P_INCOMING_FRAME_INFORMATION */
    struct { BOOLEAN DeviceContext_IsPresent; } Optional;
    struct { WDI_P2P_ACTION_FRAME_TYPE ActionFrameType; WDI_MAC_ADDRESS PeerDeviceAddress; UINT8 DialogToken; } FrameParams;  /* WDI_TLV_P2P_INCOMING_FRAME_PARAMETERS */
    WDI_ARRAY_OF(UINT8) FrameIEs;                             /* WDI_TLV_P2P_ACTION_FRAME_IES */
    WDI_ARRAY_OF(UINT8) DeviceContext;                        /* WDI_TLV_ACTION_FRAME_DEVICE_CONTEXT, optional */
} WDI_P2P_INCOMING_FRAME_INFO_VALUES__;
typedef struct _WDI_INDICATION_P2P_ACTION_FRAME_RECEIVED_PARAMETERS {  /* NDIS_STATUS_WDI_INDICATION_P2P_ACTION_FRAME_RECEIVED payload */
    WDI_P2P_INCOMING_FRAME_INFO_VALUES__ FrameInfo;
} WDI_INDICATION_P2P_ACTION_FRAME_RECEIVED_PARAMETERS, *PWDI_INDICATION_P2P_ACTION_FRAME_RECEIVED_PARAMETERS;
typedef struct _WDI_TASK_P2P_SEND_RESPONSE_ACTION_FRAME_PARAMETERS {  /* OID_WDI_TASK_P2P_SEND_RESPONSE_ACTION_FRAME task parameters */
    struct {
        BOOLEAN GONegotiationResponseInfo_IsPresent; BOOLEAN GONegotiationConfirmationInfo_IsPresent;
        BOOLEAN InvitationResponseInfo_IsPresent; BOOLEAN ProvisionDiscoveryResponseInfo_IsPresent; BOOLEAN VendorIEs_IsPresent;
    } Optional;
    struct {                                                  /* WDI_TLV_P2P_ACTION_FRAME_RESPONSE_PARAMETERS */
        WDI_P2P_ACTION_FRAME_TYPE ResponseFrameType; WDI_MAC_ADDRESS PeerDeviceAddress; UINT8 DialogToken;
        UINT32 SendTimeout; UINT32 PostACKDwellTime;
    } ResponseParams;
    struct {                                                  /* WDI_TLV_P2P_GO_NEGOTIATION_RESPONSE_INFO, optional */
        struct { BOOLEAN GroupID_IsPresent; } Optional;
        struct {                                              /* WDI_TLV_P2P_GO_NEGOTIATION_RESPONSE_PARAMETERS */
            UINT8 StatusCode; UINT8 GOIntent; UINT8 TieBreaker; UINT16 GOConfigTimeout; UINT16 ClientConfigTimeout;
            WDI_MAC_ADDRESS IntendedInterfaceAddress; UINT8 GroupCapability; UINT8 GroupCapabilityMask;
        } ResponseParams;
        WDI_P2P_GROUP_ID_VALUES__ GroupID;                    /* WDI_TLV_P2P_GROUP_ID, optional */
    } GONegotiationResponseInfo;
    struct {                                                  /* WDI_TLV_P2P_GO_NEGOTIATION_CONFIRMATION_INFO, optional */
        struct { BOOLEAN GroupID_IsPresent; BOOLEAN RemoteListenChannel_IsPresent; } Optional;
        struct { UINT8 StatusCode; UINT8 GroupCapability; UINT8 GroupCapabilityMask; } ConfirmationParams;  /* ..._PARAMETERS */
        WDI_P2P_GROUP_ID_VALUES__ GroupID;                    /* WDI_TLV_P2P_GROUP_ID, optional */
        WDI_P2P_CHANNEL_CONTAINER RemoteListenChannel;         /* WDI_TLV_P2P_CHANNEL_NUMBER, optional */
    } GONegotiationConfirmationInfo;
    struct {                                                  /* WDI_TLV_P2P_INVITATION_RESPONSE_INFO, optional */
        struct { BOOLEAN GroupBSSID_IsPresent; BOOLEAN OperatingChannel_IsPresent; } Optional;
        struct { UINT8 StatusCode; UINT16 GOConfigTimeout; UINT16 ClientConfigTimeout; } ResponseParams;  /* ..._PARAMETERS */
        WDI_MAC_ADDRESS GroupBSSID;                           /* WDI_TLV_P2P_GROUP_BSSID, optional */
        WDI_P2P_CHANNEL_CONTAINER OperatingChannel;            /* WDI_TLV_P2P_CHANNEL_NUMBER, optional */
    } InvitationResponseInfo;
    WDI_P2P_INCOMING_FRAME_INFO_VALUES__ RequestFrameInfo;    /* WDI_TLV_P2P_INCOMING_FRAME_INFORMATION */
    WDI_ARRAY_OF(UINT8) VendorIEs;                            /* WDI_TLV_VENDOR_SPECIFIC_IE, optional */
} WDI_TASK_P2P_SEND_RESPONSE_ACTION_FRAME_PARAMETERS, *PWDI_TASK_P2P_SEND_RESPONSE_ACTION_FRAME_PARAMETERS;
typedef struct _WDI_TASK_SEND_REQUEST_ACTION_FRAME_PARAMETERS {  /* OID_WDI_TASK_SEND_REQUEST_ACTION_FRAME task parameters */
    struct {                                                  /* WDI_TLV_SEND_ACTION_FRAME_REQUEST_PARAMETERS */
        WDI_CHANNEL_NUMBER ChannelNumber; WDI_BAND_ID BandId; WDI_MAC_ADDRESS DestinationAddress; UINT32 SendTimeout; UINT32 PostACKDwellTime;
    } RequestParams;
    WDI_ARRAY_OF(UINT8) ActionFrameBody;                      /* WDI_TLV_ACTION_FRAME_BODY */
} WDI_TASK_SEND_REQUEST_ACTION_FRAME_PARAMETERS, *PWDI_TASK_SEND_REQUEST_ACTION_FRAME_PARAMETERS;
typedef struct _WDI_TASK_SEND_RESPONSE_ACTION_FRAME_PARAMETERS {  /* OID_WDI_TASK_SEND_RESPONSE_ACTION_FRAME task parameters */
    struct {                                                  /* WDI_TLV_SEND_ACTION_FRAME_RESPONSE_PARAMETERS */
        WDI_CHANNEL_NUMBER ChannelNumber; WDI_BAND_ID BandId; WDI_MAC_ADDRESS DestinationAddress; UINT32 SendTimeout; UINT32 PostACKDwellTime;
    } ResponseParams;
    WDI_ARRAY_OF(UINT8) ActionFrameBody;                      /* WDI_TLV_ACTION_FRAME_BODY */
} WDI_TASK_SEND_RESPONSE_ACTION_FRAME_PARAMETERS, *PWDI_TASK_SEND_RESPONSE_ACTION_FRAME_PARAMETERS;
typedef struct _WDI_P2P_ATTRIBUTES_CONTAINER {                /* WDI_TLV_P2P_ATTRIBUTES */
    struct {                                                  /* WDI_TLV_P2P_CAPABILITIES */
        UINT8 ConcurrentGOCount; UINT8 ConcurrentClientCount; UINT32 WPSVersionSupport;
        UINT8 ServiceDiscoverySupported; UINT8 ServiceNameDiscoverySupported; UINT8 ServiceInformationDiscoverySupported;
        UINT32 ServiceNameAdvertisementsMaxBytesSupported; UINT32 ServiceInformationAdvertisementsMaxBytesSupported;
        UINT8 BackgroundDiscoverySupported; UINT8 ClientDiscoverabilitySupported; UINT8 InfrastructureManagementSupported;
        UINT8 MaxSecondaryAdapterTypeListSize; UINT8 DeviceAddress[6]; UINT32 DiscoveryFilterListSize; UINT8 GOClientTableSize;
        UINT32 MaxVendorSpecificExtensionIESize; UINT8 PassiveAvailabilityListenStateSupported; UINT8 OperatingChannelUpdatesSupported;
        UINT8 GOon5GHzBandSupported;
    } P2PCapabilities;
    WDI_ARRAY_OF(WDI_MAC_ADDRESS) InterfaceAddressList;       /* WDI_TLV_P2P_INTERFACE_ADDRESS_LIST */
} WDI_P2P_ATTRIBUTES_CONTAINER, *PWDI_P2P_ATTRIBUTES_CONTAINER;
typedef struct _WDI_P2P_DEVICE_CAPABILITY_CONTAINER {         /* WDI_TLV_P2P_DEVICE_CAPABILITY */
    UINT8 DeviceCapabilityBitmap; UINT8 DeviceCapabilityMask; UINT32 WPSVersionsEnabled;
} WDI_P2P_DEVICE_CAPABILITY_CONTAINER, *PWDI_P2P_DEVICE_CAPABILITY_CONTAINER;
typedef struct _WDI_P2P_GROUP_OWNER_CAPABILITY_CONTAINER {    /* WDI_TLV_P2P_GROUP_OWNER_CAPABILITY */
    UINT8 GroupCapabilityBitmap; UINT8 GroupCapabilityMask; UINT32 MaximumGroupLimit;
} WDI_P2P_GROUP_OWNER_CAPABILITY_CONTAINER, *PWDI_P2P_GROUP_OWNER_CAPABILITY_CONTAINER;
/* WDI_TLV_P2P_SECONDARY_DEVICE_TYPE_LIST: a list value, so the container is the array itself */
typedef struct { UINT16 CategoryID; UINT8 OUI[4]; UINT16 SubcategoryID; } WDI_P2P_DEVICE_TYPE_VALUES__;
typedef WDI_ARRAY_OF(WDI_P2P_DEVICE_TYPE_VALUES__) WDI_P2P_SECONDARY_DEVICE_TYPE_CONTAINER, *PWDI_P2P_SECONDARY_DEVICE_TYPE_CONTAINER;
typedef struct _WDI_CONNECT_BSS_ENTRY_CONTAINER {             /* WDI_TLV_CONNECT_BSS_ENTRY */
    struct {
        BOOLEAN ProbeResponseFrame_IsPresent; BOOLEAN BeaconFrame_IsPresent; BOOLEAN DeviceSpecificContext_IsPresent; BOOLEAN PMKID_IsPresent;
        BOOLEAN AssociationRequestVendorIE_IsPresent; BOOLEAN FTInitialAssocParameters_IsPresent; BOOLEAN FTReAssocParameters_IsPresent;
    } Optional;
    WDI_MAC_ADDRESS BSSID;                                    /* WDI_TLV_BSSID */
    WDI_ARRAY_OF(UINT8) ProbeResponseFrame;                   /* WDI_TLV_PROBE_RESPONSE_FRAME, optional */
    WDI_ARRAY_OF(UINT8) BeaconFrame;                          /* WDI_TLV_BEACON_FRAME, optional */
    struct { INT32 RSSI; UINT32 LinkQuality; } SignalInfo;    /* WDI_TLV_BSS_ENTRY_SIGNAL_INFO */
    struct { WDI_CHANNEL_NUMBER ChannelNumber; WDI_BAND_ID BandId; } ChannelInfo;  /* WDI_TLV_BSS_ENTRY_CHANNEL_INFO */
    WDI_ARRAY_OF(UINT8) DeviceSpecificContext;                /* WDI_TLV_BSS_ENTRY_DEVICE_CONTEXT, optional */
    WDI_ARRAY_OF(UINT8) PMKID;                                /* WDI_TLV_PMKID, optional */
    WDI_ARRAY_OF(UINT8) AssociationRequestVendorIE;           /* WDI_TLV_EXTRA_ASSOCIATION_REQUEST_IES, optional */
    struct { WDI_ARRAY_OF(UINT8) MDE; } FTInitialAssocParameters;  /* WDI_TLV_FT_INITIAL_ASSOC_PARAMETERS, optional */
    struct {                                                  /* WDI_TLV_FT_REASSOC_PARAMETERS, optional */
        WDI_ARRAY_OF(UINT8) MDE;                              /* WDI_TLV_FT_MDE */
        struct { WDI_TYPE_PMK_NAME pmkname; } PMKR0Name;      /* WDI_TLV_FT_PMKR0NAME */
        WDI_ARRAY_OF(UINT8) FTE;                              /* WDI_TLV_FT_FTE */
    } FTReAssocParameters;
} WDI_CONNECT_BSS_ENTRY_CONTAINER, *PWDI_CONNECT_BSS_ENTRY_CONTAINER;
typedef struct {                                              /* WDI_TLV_CONNECT_PARAMETERS */
    struct {
        BOOLEAN AssociationRequestVendorIE_IsPresent; BOOLEAN ActivePhyTypeList_IsPresent;
        BOOLEAN DisallowedBSSIDs_IsPresent; BOOLEAN AllowedBSSIDs_IsPresent;
    } Optional;
    struct {                                              /* WDI_TLV_CONNECTION_SETTINGS */
        UINT8 RoamRequest; UINT8 HiddenNetwork; UINT8 ExcludeUnencrypted; UINT8 MFPEnabled; UINT8 HostFIPSModeEnabled;
        WDI_ASSOC_STATUS RoamNeededReason; WDI_ROAM_TRIGGER RoamTrigger; UINT8 BSSTransitionSupported;
    } ConnectionSettings;
    WDI_ARRAY_OF(WDI_SSID) SSIDList;                      /* WDI_TLV_SSID, multiple */
    WDI_ARRAY_OF(WDI_AUTH_ALGORITHM) AuthenticationAlgorithms;      /* WDI_TLV_AUTH_ALGO_LIST */
    WDI_ARRAY_OF(WDI_CIPHER_ALGORITHM) MulticastCipherAlgorithms;   /* WDI_TLV_MULTICAST_CIPHER_ALGO_LIST */
    WDI_ARRAY_OF(WDI_CIPHER_ALGORITHM) UnicastCipherAlgorithms;     /* WDI_TLV_UNICAST_CIPHER_ALGO_LIST */
    WDI_ARRAY_OF(UINT8) AssociationRequestVendorIE;       /* WDI_TLV_EXTRA_ASSOCIATION_REQUEST_IES, optional */
    WDI_ARRAY_OF(WDI_PHY_TYPE) ActivePhyTypeList;         /* WDI_TLV_PHY_TYPE_LIST, optional */
    WDI_ARRAY_OF(WDI_MAC_ADDRESS) DisallowedBSSIDs;       /* WDI_TLV_DISALLOWED_BSSIDS_LIST, optional */
    WDI_ARRAY_OF(WDI_MAC_ADDRESS) AllowedBSSIDs;          /* WDI_TLV_ALLOWED_BSSIDS_LIST, optional */
} WDI_CONNECT_PARAMETERS_VALUES__;
typedef struct _WDI_TASK_CONNECT_PARAMETERS {                 /* OID_WDI_TASK_CONNECT task parameters */
    WDI_CONNECT_PARAMETERS_VALUES__ ConnectParameters;
    WDI_ARRAY_OF(WDI_CONNECT_BSS_ENTRY_CONTAINER) PreferredBSSEntryList;  /* WDI_TLV_CONNECT_BSS_ENTRY, multiple */
} WDI_TASK_CONNECT_PARAMETERS, *PWDI_TASK_CONNECT_PARAMETERS;
typedef struct _WDI_TASK_ROAM_PARAMETERS {                    /* OID_WDI_TASK_ROAM task parameters */
    WDI_CONNECT_PARAMETERS_VALUES__ ConnectParameters;
    WDI_ARRAY_OF(WDI_CONNECT_BSS_ENTRY_CONTAINER) PreferredBSSEntryList;  /* WDI_TLV_CONNECT_BSS_ENTRY, multiple */
} WDI_TASK_ROAM_PARAMETERS, *PWDI_TASK_ROAM_PARAMETERS;
typedef struct _WDI_INTERFACE_ATTRIBUTES_CONTAINER {          /* WDI_TLV_INTERFACE_ATTRIBUTES */
    struct {                                                  /* WDI_TLV_INTERFACE_CAPABILITIES */
        UINT32 MTUSize; UINT32 MaxMultiCastListSize; UINT16 BackFillSize; WDI_MAC_ADDRESS Address; UINT32 MaxTxRate; UINT32 MaxRxRate;
        UINT8 HardwareRadioState; UINT8 SoftwareRadioState; UINT8 SupportPLR; UINT8 SupportFLR; UINT8 ActionFramesSupported;
        UINT8 NumRxStreams; UINT8 NumTxStreams; UINT8 NumChannels; UINT8 AntennaDiversity; UINT8 Support_eCSA;
        UINT8 MACAddressRandomization; WDI_MAC_ADDRESS MACAddressRandomizationMask;
        WDI_BLUETOOTH_COEXISTENCE_SUPPORT BluetoothCoexistenceSupport; UINT8 SupportsNonWdiOidRequests; UINT8 FastTransitionSupported;
        UINT8 MU_MIMOSupported; UINT8 CannotSupportMiracastSink; UINT8 BSSTransitionSupported; UINT8 IPDockingSupported;
    } InterfaceCapabilities;
    WDI_ARRAY_OF(CHAR) FirmwareVersion;                       /* WDI_TLV_FIRMWARE_VERSION: an ASCII string */
} WDI_INTERFACE_ATTRIBUTES_CONTAINER, *PWDI_INTERFACE_ATTRIBUTES_CONTAINER;
typedef struct _WDI_ASSOCIATION_RESULT_CONTAINER {            /* WDI_TLV_ASSOCIATION_RESULT */
    struct {
        BOOLEAN AssociationRequestFrame_IsPresent; BOOLEAN AssociationResponseFrame_IsPresent; BOOLEAN AuthenticationResponseFrame_IsPresent;
        BOOLEAN BeaconProbeResponse_IsPresent; BOOLEAN EthertypeEncapTable_IsPresent; BOOLEAN ActivePhyTypeList_IsPresent;
    } Optional;
    WDI_MAC_ADDRESS BSSID;                                    /* WDI_TLV_BSSID */
    struct {                                                  /* WDI_TLV_ASSOCIATION_RESULT_PARAMETERS */
        WDI_ASSOC_STATUS AssociationStatus; UINT32 StatusCode; UINT8 ReAssociation; WDI_AUTH_ALGORITHM AuthAlgorithm;
        WDI_CIPHER_ALGORITHM UnicastCipherAlgorithm; WDI_CIPHER_ALGORITHM MulticastDataCipherAlgorithm; WDI_CIPHER_ALGORITHM MulticastMgmtCipherAlgorithm;
        UINT8 FourAddressSupported; UINT8 PortAuthorized; UINT8 WMMQoSEnabled; WDI_DS_INFO DSInfo; UINT32 AssociationComebackTime;
        WDI_BAND_ID BandID; UINT32 IHVAssociationStatus;
    } AssociationResultParameters;
    WDI_ARRAY_OF(UINT8) AssociationRequestFrame;              /* WDI_TLV_ASSOCIATION_REQUEST_FRAME, optional */
    WDI_ARRAY_OF(UINT8) AssociationResponseFrame;             /* WDI_TLV_ASSOCIATION_RESPONSE_FRAME, optional */
    WDI_ARRAY_OF(UINT8) AuthenticationResponseFrame;          /* WDI_TLV_AUTHENTICATION_RESPONSE_FRAME, optional */
    WDI_ARRAY_OF(UINT8) BeaconProbeResponse;                  /* WDI_TLV_BEACON_PROBE_RESPONSE, optional */
    WDI_ARRAY_OF(WDI_ETHERTYPE_ENCAPSULATION_ENTRY) EthertypeEncapTable;  /* WDI_TLV_ETHERTYPE_ENCAP_TABLE, optional */
    WDI_ARRAY_OF(WDI_PHY_TYPE) ActivePhyTypeList;             /* WDI_TLV_PHY_TYPE_LIST, optional */
} WDI_ASSOCIATION_RESULT_CONTAINER, *PWDI_ASSOCIATION_RESULT_CONTAINER;
typedef struct _WDI_INDICATION_ASSOCIATION_RESULT_LIST {      /* NDIS_STATUS_WDI_INDICATION_ASSOCIATION_RESULT payload */
    WDI_ARRAY_OF(WDI_ASSOCIATION_RESULT_CONTAINER) AssociationResults;  /* WDI_TLV_ASSOCIATION_RESULT, multiple */
} WDI_INDICATION_ASSOCIATION_RESULT_LIST, *PWDI_INDICATION_ASSOCIATION_RESULT_LIST;
typedef struct {                                              /* WDI_TLV_INCOMING_ASSOCIATION_REQUEST_INFO */
    struct { BOOLEAN AssocRequestDeviceContext_IsPresent; } Optional;
    struct { WDI_MAC_ADDRESS PeerMacAddress; UINT8 IsReassociationRequest; } AssocRequestParams;  /* ..._PARAMETERS */
    WDI_ARRAY_OF(UINT8) AssocRequestFrame;                    /* WDI_TLV_ASSOCIATION_REQUEST_FRAME */
    WDI_ARRAY_OF(UINT8) AssocRequestDeviceContext;            /* WDI_TLV_ASSOCIATION_REQUEST_DEVICE_CONTEXT, optional */
} WDI_INCOMING_ASSOCIATION_REQUEST_INFO_VALUES__;
typedef struct _WDI_INDICATION_AP_ASSOCIATION_REQUEST_PARAMETERS {  /* NDIS_STATUS_WDI_INDICATION_AP_ASSOCIATION_REQUEST_RECEIVED payload */
    WDI_INCOMING_ASSOCIATION_REQUEST_INFO_VALUES__ IncomingRequestInfo;
} WDI_INDICATION_AP_ASSOCIATION_REQUEST_PARAMETERS, *PWDI_INDICATION_AP_ASSOCIATION_REQUEST_PARAMETERS;
typedef struct _WDI_TASK_SEND_AP_ASSOCIATION_RESPONSE_PARAMETERS {  /* OID_WDI_TASK_SEND_AP_ASSOCIATION_RESPONSE task parameters */
    struct { BOOLEAN VendorIEs_IsPresent; } Optional;
    struct { UINT8 AcceptRequest; UINT16 ReasonCode; } AssocResponseParameters;  /* WDI_TLV_ASSOCIATION_RESPONSE_PARAMETERS */
    WDI_ARRAY_OF(UINT8) VendorIEs;                            /* WDI_TLV_VENDOR_SPECIFIC_IE, optional */
    WDI_INCOMING_ASSOCIATION_REQUEST_INFO_VALUES__ IncomingRequestInfo;
} WDI_TASK_SEND_AP_ASSOCIATION_RESPONSE_PARAMETERS, *PWDI_TASK_SEND_AP_ASSOCIATION_RESPONSE_PARAMETERS;
typedef struct _WDI_SET_RADIO_STATE_PARAMETERS { UINT8 SoftwareRadioState; } WDI_SET_RADIO_STATE_PARAMETERS, *PWDI_SET_RADIO_STATE_PARAMETERS;  /* WDI_TLV_RADIO_STATE */
typedef struct _WDI_STATION_ATTRIBUTES_CONTAINER {            /* WDI_TLV_STATION_ATTRIBUTES */
    struct { BOOLEAN UnicastAlgorithms_IsPresent; BOOLEAN MulticastDataAlgorithms_IsPresent; BOOLEAN MulticastManagementAlgorithms_IsPresent; } Optional;
    struct {                                                  /* WDI_TLV_STATION_CAPABILITIES */
        UINT32 ScanSSIDListSize; UINT32 DesiredBSSIDListSize; UINT32 DesiredSSIDListSize; UINT32 PrivacyExemptionListSize;
        UINT32 KeyMappingTableSize; UINT32 DefaultKeyTableSize; UINT32 WEPKeyValueMaxLength; UINT32 MaxNumPerSTA;
        UINT8 SupportedQOSFlags; UINT8 HostFIPSModeImplemented; UINT8 MFPCapable; UINT8 AutoPowerSaveMode;
        UINT8 BSSListCachemanagement; UINT8 ConnectBSSSelectionOverride; UINT32 uMaxNetworkOffloadListSize;
        UINT8 HESSIDConnectionSupported; UINT8 HESSIDConnectionOffloadSupported; UINT8 DisconnectedStandbySupported;
        UINT8 FTMAsInitiatorSupport; UINT8 FTMNumberOfSupportedTargets; UINT8 FIPSModeSupported;
    } StationCapabilities;
    WDI_ARRAY_OF(WDI_ALGO_PAIRS) UnicastAlgorithms;           /* WDI_TLV_UNICAST_ALGORITHM_LIST, optional */
    WDI_ARRAY_OF(WDI_ALGO_PAIRS) MulticastDataAlgorithms;     /* WDI_TLV_MULTICAST_DATA_ALGORITHM_LIST, optional */
    WDI_ARRAY_OF(WDI_ALGO_PAIRS) MulticastManagementAlgorithms;  /* WDI_TLV_MULTICAST_MGMT_ALGORITHM_LIST, optional */
} WDI_STATION_ATTRIBUTES_CONTAINER, *PWDI_STATION_ATTRIBUTES_CONTAINER;
typedef struct _WDI_DATAPATH_ATTRIBUTES_CONTAINER {           /* WDI_TLV_DATAPATH_ATTRIBUTES */
    struct { BOOLEAN DataPathCapabilities_IsPresent; } Optional;
    struct {                                                  /* WDI_TLV_DATAPATH_CAPABILITIES */
        WDI_INTERCONNECT_TYPE InterconnectType; UINT8 MaxNumPeers; UINT8 TxTargetPriorityQueueing;
        UINT16 TxMaxScatterGatherElementsPerFrame; UINT8 TxExplicitSendCompleteFlagRequired; UINT16 TxMinEffectiveFrameSize;
        UINT16 TxFrameSizeGranularity; UINT8 RxTxForwarding; UINT32 RxMaxThroughput;
    } DataPathCapabilities;
} WDI_DATAPATH_ATTRIBUTES_CONTAINER, *PWDI_DATAPATH_ATTRIBUTES_CONTAINER;
typedef struct {                                              /* WDI_TLV_CIPHER_KEY_TYPE_INFO */
    WDI_CIPHER_ALGORITHM CipherAlgorithm; WDI_CIPHER_KEY_DIRECTION Direction; UINT8 Static; WDI_CIPHER_KEY_TYPE KeyType;
} WDI_CIPHER_KEY_TYPE_INFO_VALUES__;
typedef struct _WDI_SET_ADD_CIPHER_KEYS_CONTAINER {           /* WDI_TLV_SET_CIPHER_KEY_INFO */
    struct {
        BOOLEAN PeerMacAddress_IsPresent; BOOLEAN CipherKeyID_IsPresent; BOOLEAN ReceiveSequenceCount_IsPresent; BOOLEAN CCMPKey_IsPresent;
        BOOLEAN TKIPInfo_IsPresent; BOOLEAN BIPKey_IsPresent; BOOLEAN WEPKey_IsPresent;
    } Optional;
    WDI_MAC_ADDRESS PeerMacAddress;                           /* WDI_TLV_PEER_MAC_ADDRESS, optional */
    struct { UINT32 CipherKeyID; } CipherKeyID;               /* WDI_TLV_CIPHER_KEY_ID, optional */
    WDI_CIPHER_KEY_TYPE_INFO_VALUES__ CipherKeyTypeInfo;
    struct { UINT8 ReceiveSequenceCount[6]; } ReceiveSequenceCount;  /* WDI_TLV_CIPHER_KEY_RECEIVE_SEQUENCE_COUNT, optional */
    WDI_ARRAY_OF(UINT8) CCMPKey;                              /* WDI_TLV_CIPHER_KEY_CCMP_KEY, optional */
    struct { WDI_ARRAY_OF(UINT8) TKIPKey; WDI_ARRAY_OF(UINT8) TKIPMIC; } TKIPInfo;  /* WDI_TLV_CIPHER_KEY_TKIP_INFO, optional */
    WDI_ARRAY_OF(UINT8) BIPKey;                               /* WDI_TLV_CIPHER_KEY_BIP_KEY, optional */
    WDI_ARRAY_OF(UINT8) WEPKey;                               /* WDI_TLV_CIPHER_KEY_WEP_KEY, optional */
} WDI_SET_ADD_CIPHER_KEYS_CONTAINER, *PWDI_SET_ADD_CIPHER_KEYS_CONTAINER;
typedef struct _WDI_SET_ADD_CIPHER_KEYS_PARAMETERS {          /* OID_WDI_SET_ADD_CIPHER_KEYS parameters */
    WDI_ARRAY_OF(WDI_SET_ADD_CIPHER_KEYS_CONTAINER) SetCipherKey;  /* WDI_TLV_SET_CIPHER_KEY_INFO, multiple */
} WDI_SET_ADD_CIPHER_KEYS_PARAMETERS, *PWDI_SET_ADD_CIPHER_KEYS_PARAMETERS;
typedef struct _WDI_SET_DELETE_CIPHER_KEYS_CONTAINER {        /* WDI_TLV_DELETE_CIPHER_KEY_INFO */
    struct { BOOLEAN PeerMacAddress_IsPresent; BOOLEAN CipherKeyID_IsPresent; } Optional;
    WDI_MAC_ADDRESS PeerMacAddress;                           /* WDI_TLV_PEER_MAC_ADDRESS, optional */
    struct { UINT32 CipherKeyID; } CipherKeyID;               /* WDI_TLV_CIPHER_KEY_ID, optional */
    WDI_CIPHER_KEY_TYPE_INFO_VALUES__ CipherKeyTypeInfo;
} WDI_SET_DELETE_CIPHER_KEYS_CONTAINER, *PWDI_SET_DELETE_CIPHER_KEYS_CONTAINER;
typedef struct _WDI_SET_DELETE_CIPHER_KEYS_PARAMETERS {       /* OID_WDI_SET_DELETE_CIPHER_KEYS parameters */
    WDI_ARRAY_OF(WDI_SET_DELETE_CIPHER_KEYS_CONTAINER) CipherKeyInfo;  /* WDI_TLV_DELETE_CIPHER_KEY_INFO, multiple */
} WDI_SET_DELETE_CIPHER_KEYS_PARAMETERS, *PWDI_SET_DELETE_CIPHER_KEYS_PARAMETERS;
typedef struct _WDI_INDICATION_FT_ASSOC_PARAMS_NEEDED_PARAMETERS {  /* NDIS_STATUS_WDI_INDICATION_FT_ASSOC_PARAMS_NEEDED payload */
    WDI_MAC_ADDRESS BssId;                                    /* WDI_TLV_BSSID */
    WDI_ARRAY_OF(UINT8) AuthRequest;                          /* WDI_TLV_FT_AUTH_REQUEST */
    WDI_ARRAY_OF(UINT8) AuthResponse;                         /* WDI_TLV_FT_AUTH_RESPONSE */
} WDI_INDICATION_FT_ASSOC_PARAMS_NEEDED_PARAMETERS, *PWDI_INDICATION_FT_ASSOC_PARAMS_NEEDED_PARAMETERS;
typedef struct _WDI_INDICATION_DISASSOCIATION_PARAMETERS {    /* NDIS_STATUS_WDI_INDICATION_DISASSOCIATION payload */
    struct { BOOLEAN DeauthFrame_IsPresent; BOOLEAN DisassociationFrame_IsPresent; } Optional;
    struct { WDI_MAC_ADDRESS MacAddress; WDI_ASSOC_STATUS DisassociationWABIReason; } DisconnectIndicationParameters;  /* WDI_TLV_DISASSOCIATION_INDICATION_PARAMETERS */
    WDI_ARRAY_OF(UINT8) DeauthFrame;                          /* WDI_TLV_DISCONNECT_DEAUTH_FRAME, optional */
    WDI_ARRAY_OF(UINT8) DisassociationFrame;                  /* WDI_TLV_DISCONNECT_DISASSOCIATION_FRAME, optional */
} WDI_INDICATION_DISASSOCIATION_PARAMETERS, *PWDI_INDICATION_DISASSOCIATION_PARAMETERS;
typedef struct _WDI_SET_P2P_WPS_ENABLED_PARAMETERS { UINT8 WPSEnabled; } WDI_SET_P2P_WPS_ENABLED_PARAMETERS, *PWDI_SET_P2P_WPS_ENABLED_PARAMETERS;  /* WDI_TLV_P2P_WPS_ENABLED */
typedef struct _WDI_BAND_INFO_CONTAINER {                     /* WDI_TLV_BAND_INFO */
    struct { WDI_BAND_ID BandID; UINT8 BandState; } BandCapabilities;  /* WDI_TLV_BAND_CAPABILITIES */
    WDI_ARRAY_OF(WDI_PHY_TYPE) ValidPhyTypes;                 /* WDI_TLV_PHY_TYPE_LIST */
    WDI_ARRAY_OF(WDI_CHANNEL_MAPPING_ENTRY) ValidChannelTypes;  /* WDI_TLV_CHANNEL_LIST */
    WDI_ARRAY_OF(UINT32) ChannelWidthList;                    /* WDI_TLV_CHANNEL_WIDTH_LIST */
} WDI_BAND_INFO_CONTAINER, *PWDI_BAND_INFO_CONTAINER;
typedef struct _WDI_PHY_INFO_CONTAINER {                      /* WDI_TLV_PHY_INFO */
    struct {                                                  /* WDI_TLV_PHY_CAPABILITIES */
        WDI_PHY_TYPE PhyType; UINT8 SupportsCFPoll; UINT32 MPDUMaxLength; UINT32 TemperatureClass; UINT32 DiversitySupport;
    } PhyCapabilities;
    WDI_ARRAY_OF(UINT32) TxPowerLevelList;                    /* WDI_TLV_PHY_TX_POWER_LEVEL_LIST */
    WDI_ARRAY_OF(WDI_DATA_RATE_ENTRY) DataRateList;           /* WDI_TLV_PHY_DATA_RATE_LIST */
} WDI_PHY_INFO_CONTAINER, *PWDI_PHY_INFO_CONTAINER;
typedef struct _WDI_PM_CAPABILITIES_CONTAINER {               /* WDI_TLV_PM_CAPABILITIES */
    UINT32 Flags; UINT32 SupportedWoLPacketPatterns; UINT32 NumTotalWoLPatterns; UINT32 MaxWoLPatternSize;
    UINT32 MaxWoLPatternOffset; UINT32 MaxWoLPacketSaveBuffer; UINT32 SupportedProtocolOffloads;
    UINT32 NumArpOffloadIPv4Addresses; UINT32 NumNSOffloadIPv6Addresses;
    NDIS_DEVICE_POWER_STATE MinMagicPacketWakeUp; NDIS_DEVICE_POWER_STATE MinPatternWakeUp; NDIS_DEVICE_POWER_STATE MinLinkChangeWakeUp;
    UINT32 SupportedWakeUpEvents; UINT32 MediaSpecificWakeUpEvents;
} WDI_PM_CAPABILITIES_CONTAINER, *PWDI_PM_CAPABILITIES_CONTAINER;
typedef struct _WDI_RECEIVE_COALESCING_CAPABILITIES_CONTAINER {  /* WDI_TLV_RECEIVE_COALESCING_CAPABILITIES */
    UINT32 EnableFilterTypes; UINT32 EnabledQueueTypes; UINT32 NumQueues; UINT32 SupportedQueueProperties; UINT32 SupportedFilterTests;
    UINT32 SupportedHeaders; UINT32 SupportedMacHeaderFields; UINT32 MaxMacHeaderFilters; UINT32 MaxQueueGroups; UINT32 MaxQueuesPerQueueGroup;
    UINT32 MinLookaheadSplitSize; UINT32 MaxLookaheadSplitSize; UINT32 SupportedARPHeaderFields; UINT32 SupportedIPv4HeaderFields;
    UINT32 SupportedIPv6HeaderFields; UINT32 SupportedUdpHeaderFields; UINT32 MaxFieldTestsPerPacketCoalescingFilter;
    UINT32 MaxPacketCoalescingFilters;
} WDI_RECEIVE_COALESCING_CAPABILITIES_CONTAINER, *PWDI_RECEIVE_COALESCING_CAPABILITIES_CONTAINER;
typedef struct _WDI_GET_ADAPTER_CAPABILITIES_PARAMETERS {     /* OID_WDI_GET_ADAPTER_CAPABILITIES results */
    struct {
        BOOLEAN CommunicationAttributes_IsPresent; BOOLEAN APAttributes_IsPresent; BOOLEAN VirtualizationAttributes_IsPresent;
        BOOLEAN P2PAttributes_IsPresent; BOOLEAN DatapathAttributes_IsPresent; BOOLEAN BandInfo_IsPresent; BOOLEAN PhyInfo_IsPresent;
        BOOLEAN PmCapabilities_IsPresent; BOOLEAN ReceiveCoalescingCapabilities_IsPresent;
    } Optional;
    struct {                                                  /* WDI_TLV_COMMUNICATION_CONFIGURATION_ATTRIBUTES, optional */
        struct { BOOLEAN CommunicationCapabilities_IsPresent; } Optional;
        struct { UINT32 MaxCommandSize; } CommunicationCapabilities;
    } CommunicationAttributes;
    WDI_INTERFACE_ATTRIBUTES_CONTAINER InterfaceAttributes;   /* WDI_TLV_INTERFACE_ATTRIBUTES */
    WDI_STATION_ATTRIBUTES_CONTAINER StationAttributes;       /* WDI_TLV_STATION_ATTRIBUTES */
    WDI_AP_ATTRIBUTES_CONTAINER APAttributes;                 /* WDI_TLV_AP_ATTRIBUTES, optional */
    WDI_VIRTUALIZATION_ATTRIBUTES_CONTAINER VirtualizationAttributes;  /* WDI_TLV_VIRTUALIZATION_ATTRIBUTES, optional */
    WDI_P2P_ATTRIBUTES_CONTAINER P2PAttributes;               /* WDI_TLV_P2P_ATTRIBUTES, optional */
    WDI_DATAPATH_ATTRIBUTES_CONTAINER DatapathAttributes;     /* WDI_TLV_DATAPATH_ATTRIBUTES, optional */
    WDI_ARRAY_OF(WDI_BAND_INFO_CONTAINER) BandInfo;           /* WDI_TLV_BAND_INFO, multiple, optional */
    WDI_ARRAY_OF(WDI_PHY_INFO_CONTAINER) PhyInfo;             /* WDI_TLV_PHY_INFO, multiple, optional */
    WDI_PM_CAPABILITIES_CONTAINER PmCapabilities;             /* WDI_TLV_PM_CAPABILITIES, optional */
    WDI_RECEIVE_COALESCING_CAPABILITIES_CONTAINER ReceiveCoalescingCapabilities;  /* optional */
} WDI_GET_ADAPTER_CAPABILITIES_PARAMETERS, *PWDI_GET_ADAPTER_CAPABILITIES_PARAMETERS;
typedef struct _WDI_INDICATION_LINK_STATE_CHANGE_PARAMETERS { /* NDIS_STATUS_WDI_INDICATION_LINK_STATE_CHANGE payload */
    struct { WDI_MAC_ADDRESS PeerMACAddress; UINT32 TxLinkSpeed; UINT32 RxLinkSpeed; UINT8 LinkQuality; } LinkStateChangeParameters;
} WDI_INDICATION_LINK_STATE_CHANGE_PARAMETERS, *PWDI_INDICATION_LINK_STATE_CHANGE_PARAMETERS;
typedef struct _WDI_INDICATION_RADIO_STATUS_PARAMETERS {      /* NDIS_STATUS_WDI_INDICATION_RADIO_STATUS payload */
    struct { UINT8 SoftwareState; UINT8 HardwareState; } RadioState;  /* WDI_TLV_RADIO_STATE */
} WDI_INDICATION_RADIO_STATUS_PARAMETERS, *PWDI_INDICATION_RADIO_STATUS_PARAMETERS;
typedef struct _WDI_SSID_OFFLOAD_CONTAINER {                  /* WDI_TLV_SSID_OFFLOAD */
    WDI_SSID SsidToScan;                                      /* WDI_TLV_SSID */
    WDI_ARRAY_OF(WDI_ALGO_PAIRS) UnicastAlgorithms;           /* WDI_TLV_UNICAST_ALGORITHM_LIST */
    WDI_ARRAY_OF(WDI_BAND_CHANNEL_MAPPING_ENTRY) BandChannelHintList;  /* the channel hints */
} WDI_SSID_OFFLOAD_CONTAINER, *PWDI_SSID_OFFLOAD_CONTAINER;
typedef struct _WDI_NETWORK_LIST_OFFLOAD_INFO {               /* WDI_TLV_NETWORK_LIST_OFFLOAD_PARAMETERS */
    struct { BOOLEAN SsidOffload_IsPresent; } Optional;
    struct {                                                  /* WDI_TLV_NETWORK_LIST_OFFLOAD_CONFIG */
        UINT32 Reserved; UINT32 DelayStartInSeconds; UINT32 FastScanPeriodinSeconds; UINT32 FastScanIterations; UINT32 SlowScanPeriodinSeconds;
    } NetworkListOffloadConfig;
    WDI_ARRAY_OF(WDI_SSID_OFFLOAD_CONTAINER) SsidOffload;     /* WDI_TLV_SSID_OFFLOAD, multiple, optional */
} WDI_NETWORK_LIST_OFFLOAD_INFO, *PWDI_NETWORK_LIST_OFFLOAD_INFO;
typedef struct _WDI_NETWORK_LIST_OFFLOAD_PARAMETERS { WDI_NETWORK_LIST_OFFLOAD_INFO NetworkListOffload; } WDI_NETWORK_LIST_OFFLOAD_PARAMETERS, *PWDI_NETWORK_LIST_OFFLOAD_PARAMETERS;  /* OID_WDI_SET_NETWORK_LIST_OFFLOAD */
typedef struct _WDI_SET_DEFAULT_KEY_ID_PARAMETERS {           /* OID_WDI_SET_DEFAULT_KEY_ID parameters */
    struct { UINT32 KeyID; } DefaultKeyIdParameters;          /* WDI_TLV_DEFAULT_TX_KEY_ID_PARAMETERS */
} WDI_SET_DEFAULT_KEY_ID_PARAMETERS, *PWDI_SET_DEFAULT_KEY_ID_PARAMETERS;
typedef struct _WDI_PRIVACY_EXEMPTION_LIST_CONTAINER {        /* WDI_TLV_PRIVACY_EXEMPTION_ENTRY */
    UINT16 EtherType; WDI_EXEMPTION_ACTION_TYPE ExemptionActionType; WDI_EXEMPTION_PACKET_TYPE ExemptionPacketType;
} WDI_PRIVACY_EXEMPTION_LIST_CONTAINER, *PWDI_PRIVACY_EXEMPTION_LIST_CONTAINER;
typedef struct _WDI_SET_PRIVACY_EXEMPTION_LIST_PARAMETERS {   /* OID_WDI_SET_PRIVACY_EXEMPTION_LIST parameters */
    struct { BOOLEAN PrivacyExemptionEntry_IsPresent; } Optional;
    WDI_ARRAY_OF(WDI_PRIVACY_EXEMPTION_LIST_CONTAINER) PrivacyExemptionEntry;  /* WDI_TLV_PRIVACY_EXEMPTION_ENTRY, multiple, optional */
} WDI_SET_PRIVACY_EXEMPTION_LIST_PARAMETERS, *PWDI_SET_PRIVACY_EXEMPTION_LIST_PARAMETERS;
typedef struct _WDI_PACKET_PATTERN_CONTAINER {                /* WDI_TLV_WAKE_PACKET_BITMAP_PATTERN */
    UINT32 WakePacketPatternId;                               /* WDI_TLV_WAKE_PACKET_BITMAP_PATTERN_ID */
    WDI_ARRAY_OF(UINT8) PacketPattern;                        /* WDI_TLV_BITMAP_PATTERN */
    WDI_ARRAY_OF(UINT8) PacketPatternMask;                    /* WDI_TLV_BITMAP_PATTERN_MASK */
} WDI_PACKET_PATTERN_CONTAINER, *PWDI_PACKET_PATTERN_CONTAINER;
typedef struct _WDI_IPv4_TCP_SYNC_CONTAINER {                 /* WDI_TLV_WAKE_PACKET_IPv4_TCP_SYNC */
    UINT32 PatternId; UINT8 IPv4SourceAddress[4]; UINT8 IPv4DestAddress[4]; UINT16 TCPSourcePortNumber; UINT16 TCPDestPortNumber;
} WDI_IPv4_TCP_SYNC_CONTAINER, *PWDI_IPv4_TCP_SYNC_CONTAINER;
typedef struct _WDI_IPv6TCP_SYNC_CONTAINER {                  /* WDI_TLV_WAKE_PACKET_IPv6_TCP_SYNC */
    UINT32 PatternId; UINT8 IPv6SourceAddress[16]; UINT8 IPv6DestAddress[16]; UINT16 TCPSourcePortNumber; UINT16 TCPDestPortNumber;
} WDI_IPv6TCP_SYNC_CONTAINER, *PWDI_IPv6TCP_SYNC_CONTAINER;
typedef struct _WDI_SET_ADD_WOL_PATTERN_PARAMETERS {          /* OID_WDI_SET_ADD_WOL_PATTERN parameters (all optional) */
    struct {
        BOOLEAN WakePacketPattern_IsPresent; BOOLEAN WakePacketMagicPacketPatternId_IsPresent; BOOLEAN WakePacketIpv4TcpSync_IsPresent;
        BOOLEAN WakePacketIpv6TcpSync_IsPresent; BOOLEAN WakePacketEapolRequestIdPatternId_IsPresent;
    } Optional;
    WDI_ARRAY_OF(WDI_PACKET_PATTERN_CONTAINER) WakePacketPattern;  /* WDI_TLV_WAKE_PACKET_BITMAP_PATTERN, multiple */
    UINT32 WakePacketMagicPacketPatternId;                    /* WDI_TLV_WAKE_PACKET_MAGIC_PACKET */
    WDI_ARRAY_OF(WDI_IPv4_TCP_SYNC_CONTAINER) WakePacketIpv4TcpSync;  /* multiple */
    WDI_ARRAY_OF(WDI_IPv6TCP_SYNC_CONTAINER) WakePacketIpv6TcpSync;   /* multiple */
    UINT32 WakePacketEapolRequestIdPatternId;                 /* WDI_TLV_WAKE_PACKET_EAPOL_REQUEST_ID_MESSAGE */
} WDI_SET_ADD_WOL_PATTERN_PARAMETERS, *PWDI_SET_ADD_WOL_PATTERN_PARAMETERS;
typedef struct _WDI_SET_REMOVE_WOL_PATTERN_PARAMETERS { UINT32 PatternId; } WDI_SET_REMOVE_WOL_PATTERN_PARAMETERS, *PWDI_SET_REMOVE_WOL_PATTERN_PARAMETERS;  /* OID_WDI_SET_REMOVE_WOL_PATTERN */
typedef struct _WDI_TASK_ABORT_PARAMETERS {                   /* OID_WDI_ABORT_TASK parameters */
    struct { NDIS_OID OriginalTaskOID; UINT32 OriginalTransactionId; WDI_PORT_ID OriginalPortId; } CancelParameters;  /* WDI_TLV_CANCEL_PARAMETERS */
} WDI_TASK_ABORT_PARAMETERS, *PWDI_TASK_ABORT_PARAMETERS;
typedef struct _WDI_INDICATION_P2P_GROUP_OPERATING_CHANNEL_PARAMETERS {  /* NDIS_STATUS_WDI_INDICATION_P2P_GROUP_OPERATING_CHANNEL payload */
    WDI_P2P_CHANNEL_CONTAINER Channel;                        /* WDI_TLV_P2P_CHANNEL_NUMBER */
    WDI_P2P_CHANNEL_INDICATE_REASON IndicateReason;           /* WDI_TLV_P2P_CHANNEL_INDICATE_REASON */
} WDI_INDICATION_P2P_GROUP_OPERATING_CHANNEL_PARAMETERS, *PWDI_INDICATION_P2P_GROUP_OPERATING_CHANNEL_PARAMETERS;
typedef struct _WDI_INDICATION_ROAMING_NEEDED_PARAMETERS { WDI_ASSOC_STATUS RoamingReason; } WDI_INDICATION_ROAMING_NEEDED_PARAMETERS, *PWDI_INDICATION_ROAMING_NEEDED_PARAMETERS;  /* NDIS_STATUS_WDI_INDICATION_ROAMING_NEEDED */
typedef struct _WDI_SET_POWER_PARAMETERS { NDIS_DEVICE_POWER_STATE PowerState; } WDI_SET_POWER_PARAMETERS, *PWDI_SET_POWER_PARAMETERS;  /* OID_WDI_SET_POWER_STATE */
typedef struct _WDI_SET_ADD_PM_PROTOCOL_OFFLOAD_PARAMETERS_PARAMETERS {  /* OID_WDI_SET_ADD_PM_PROTOCOL_OFFLOAD parameters (all optional) */
    struct { BOOLEAN ipv4ARPOffload_IsPresent; BOOLEAN ipv6ARPOffload_IsPresent; BOOLEAN DOT11RSNREKeyOffload_IsPresent; } Optional;
    struct {                                                  /* WDI_TLV_PM_PROTOCOL_OFFLOAD_IPv4ARP */
        UINT32 ProtocolOffloadId; UINT8 RemoteIPV4Address[4]; UINT8 HostIPV4Address[4]; WDI_MAC_ADDRESS MacAddress;
    } ipv4ARPOffload;
    struct {                                                  /* WDI_TLV_PM_PROTOCOL_OFFLOAD_IPv6NS */
        UINT32 ProtocolOffloadId; UINT8 RemoteIPV6Address[16]; UINT8 SolicitdNodeIPv6Address[16];
        UINT8 TargetIPV6Address1[16]; UINT8 TargetIPV6Address2[16]; WDI_MAC_ADDRESS MacAddress;
    } ipv6ARPOffload;
    struct {                                                  /* WDI_TLV_PM_PROTOCOL_OFFLOAD_80211RSN_REKEY */
        struct { UINT32 ProtocolOffloadId; UINT64 ReplayCounter; UINT8 KCK_CONTENT[16]; UINT8 KEK_CONTENT[16]; } RsnKeyInfo;
    } DOT11RSNREKeyOffload;
} WDI_SET_ADD_PM_PROTOCOL_OFFLOAD_PARAMETERS_PARAMETERS, *PWDI_SET_ADD_PM_PROTOCOL_OFFLOAD_PARAMETERS_PARAMETERS;
typedef struct _WDI_SET_REMOVE_PM_PROTOCOL_OFFLOAD_PARAMETERS { UINT32 RemovePMOffload; } WDI_SET_REMOVE_PM_PROTOCOL_OFFLOAD_PARAMETERS, *PWDI_SET_REMOVE_PM_PROTOCOL_OFFLOAD_PARAMETERS;  /* the protocol offload ID */
typedef struct _WDI_SET_MULTICAST_LIST_PARAMETERS {           /* OID_WDI_SET_MULTICAST_LIST parameters */
    WDI_ARRAY_OF(WDI_MAC_ADDRESS) MulticastList;              /* WDI_TLV_MULTICAST_LIST */
} WDI_SET_MULTICAST_LIST_PARAMETERS, *PWDI_SET_MULTICAST_LIST_PARAMETERS;
typedef struct _WDI_INDICATION_NLO_DISCOVERY_PARAMETERS {     /* NDIS_STATUS_WDI_INDICATION_NLO_DISCOVERY payload */
    WDI_ARRAY_OF(WDI_BSS_ENTRY_CONTAINER) DeviceDescriptor;   /* WDI_TLV_BSS_ENTRY, multiple */
} WDI_INDICATION_NLO_DISCOVERY_PARAMETERS, *PWDI_INDICATION_NLO_DISCOVERY_PARAMETERS;
typedef struct _WDI_INDICATION_ACTION_FRAME_RECEIVED_PARAMETERS {  /* NDIS_STATUS_WDI_INDICATION_ACTION_FRAME_RECEIVED payload */
    WDI_MAC_ADDRESS SourceAddress;                            /* WDI_TLV_BSSID */
    struct { WDI_CHANNEL_NUMBER ChannelNumber; WDI_BAND_ID BandId; } ChannelInfo;  /* WDI_TLV_BSS_ENTRY_CHANNEL_INFO */
    WDI_ARRAY_OF(UINT8) ActionFrameBody;                      /* WDI_TLV_ACTION_FRAME_BODY */
} WDI_INDICATION_ACTION_FRAME_RECEIVED_PARAMETERS, *PWDI_INDICATION_ACTION_FRAME_RECEIVED_PARAMETERS;
typedef struct _WDI_INDICATION_WAKE_REASON_PARAMETERS {       /* NDIS_STATUS_WDI_INDICATION_WAKE_REASON payload */
    struct { BOOLEAN WakePacket_IsPresent; BOOLEAN WakePacketPatternId_IsPresent; } Optional;
    WDI_WAKE_REASON_CODE WakeEventCode;                       /* WDI_TLV_INDICATION_WAKE_REASON */
    WDI_ARRAY_OF(UINT8) WakePacket;                           /* WDI_TLV_INDICATION_WAKE_PACKET, optional */
    UINT32 WakePacketPatternId;                               /* WDI_TLV_INDICATION_WAKE_PACKET_PATTERN_ID, optional */
} WDI_INDICATION_WAKE_REASON_PARAMETERS, *PWDI_INDICATION_WAKE_REASON_PARAMETERS;
typedef struct _WDI_GET_AUTO_POWER_SAVE_RESULTS {             /* OID_WDI_GET_AUTO_POWER_SAVE results */
    struct {                                                  /* WDI_TLV_GET_AUTO_POWER_SAVE */
        UINT8 EnableAutoPSM; UINT8 Reserved1; UINT16 Reserved2; UINT16 BeaconInterval; UINT8 ListenInterval; UINT8 ListenIntervalInDx;
        WDI_POWER_SAVE_LEVEL PowerMode; WDI_POWER_SAVE_LEVEL PowerModeinDx; WDI_POWER_MODE_REASON_CODE Reason;
        UINT64 MillisecondsSinceStart; UINT64 MillisecondsInPowerSave; UINT64 ReceivedMulticastPackets; UINT64 SentMulticastPackets;
        UINT64 ReceivedUnicastPackets; UINT64 SentUnicastPacket;
    } AutoPowerSaveParameters;
} WDI_GET_AUTO_POWER_SAVE_RESULTS, *PWDI_GET_AUTO_POWER_SAVE_RESULTS;
typedef struct _WDI_INDICATION_TKIP_MIC_FAILURE_PARAMETERS {  /* NDIS_STATUS_WDI_INDICATION_TKIP_MIC_FAILURE payload */
    struct { UINT8 DefaultKeyFailure; UINT32 KeyIndex; WDI_MAC_ADDRESS PeerMacAddress; } FailureInfo;  /* WDI_TLV_TKIP_MIC_FAILURE_INFO */
} WDI_INDICATION_TKIP_MIC_FAILURE_PARAMETERS, *PWDI_INDICATION_TKIP_MIC_FAILURE_PARAMETERS;
typedef struct _WDI_SET_CONNECTION_QUALITY_PARAMETERS {       /* OID_WDI_SET_CONNECTION_QUALITY parameters */
    struct { BOOLEAN LowLatencyParameters_IsPresent; } Optional;
    WDI_CONNECTION_QUALITY_HINT Quality;                      /* WDI_TLV_CONNECTION_QUALITY_PARAMETERS */
    struct { UINT8 MaximumOffChannelOperationTime; UINT8 RoamingNeededLinkQualityThreshold; } LowLatencyParameters;  /* optional */
} WDI_SET_CONNECTION_QUALITY_PARAMETERS, *PWDI_SET_CONNECTION_QUALITY_PARAMETERS;
typedef struct _WDI_MAC_STATISTICS_CONTAINER {                /* WDI_TLV_MAC_STATISTICS */
    WDI_MAC_ADDRESS MACAddress; UINT64 TransmittedFrameCount; UINT64 ReceivedFrameCount; UINT64 WEPExcludedCount;
    UINT64 TKIPLocalMICFailures; UINT64 TKIPReplays; UINT64 TKIPICVErrorCount; UINT64 CCMPFormatErrors; UINT64 CCMPReplays;
    UINT64 CCMPDecryptErrors; UINT64 WEPUndecryptableCount; UINT64 WEPICVErrorCount; UINT64 DecryptSuccessCount; UINT64 DecryptFailureCount;
} WDI_MAC_STATISTICS_CONTAINER, *PWDI_MAC_STATISTICS_CONTAINER;
typedef struct _WDI_PHY_STATISTICS_CONTAINER {                /* WDI_TLV_PHY_STATISTICS */
    WDI_PHY_TYPE PhyType; UINT64 TransmittedFrameCount; UINT64 GroupTransmittedFrameCount; UINT64 FailedCount; UINT64 RetryCount;
    UINT64 MultipleRetryCount; UINT64 MaxTXLifetimeExceededCount; UINT64 TransmittedFragmentCount; UINT64 RTSSuccessCount;
    UINT64 RTSFailureCount; UINT64 ACKFailureCount; UINT64 ReceivedFrameCount; UINT64 GroupReceivedFrameCount;
    UINT64 PromiscuousReceivedFrameCount; UINT64 MaxRXLifetimeExceededCount; UINT64 FrameDuplicateCount; UINT64 ReceivedFragmentCount;
    UINT64 PromiscuousReceivedFragmentCount; UINT64 FCSErrorCount;
} WDI_PHY_STATISTICS_CONTAINER, *PWDI_PHY_STATISTICS_CONTAINER;
typedef struct _WDI_GET_STATISTICS_PARAMETERS {               /* OID_WDI_GET_STATISTICS results */
    WDI_ARRAY_OF(WDI_MAC_STATISTICS_CONTAINER) PeerMACStatistics;  /* WDI_TLV_MAC_STATISTICS, multiple */
    WDI_ARRAY_OF(WDI_PHY_STATISTICS_CONTAINER) PhyStatistics;      /* WDI_TLV_PHY_STATISTICS, multiple */
} WDI_GET_STATISTICS_PARAMETERS, *PWDI_GET_STATISTICS_PARAMETERS;
typedef NDIS_STATUS WDI_STATUS_CONTAINER, *PWDI_STATUS_CONTAINER;  /* WDI_TLV_STATUS: a single NDIS_STATUS */
typedef struct _WDI_INDICATION_CREATE_PORT_COMPLETE_PARAMETERS {  /* NDIS_STATUS_WDI_INDICATION_CREATE_PORT_COMPLETE payload */
    struct { WDI_MAC_ADDRESS MacAddress; WDI_PORT_ID PortNumber; } PortAttributes;  /* WDI_TLV_PORT_ATTRIBUTES */
} WDI_INDICATION_CREATE_PORT_COMPLETE_PARAMETERS, *PWDI_INDICATION_CREATE_PORT_COMPLETE_PARAMETERS;
typedef struct _WDI_SET_FAST_BSS_TRANSITION_PARAMETERS_COMMAND {  /* OID_WDI_SET_FAST_BSS_TRANSITION_PARAMETERS parameters */
    struct { BOOLEAN RSNIE_IsPresent; BOOLEAN MDE_IsPresent; BOOLEAN FTE_IsPresent; } Optional;
    WDI_STATUS_CONTAINER status;                              /* WDI_TLV_STATUS */
    WDI_ARRAY_OF(UINT8) RSNIE;                                /* WDI_TLV_FT_RSNIE, optional */
    WDI_ARRAY_OF(UINT8) MDE;                                  /* WDI_TLV_FT_MDE, optional */
    WDI_ARRAY_OF(UINT8) FTE;                                  /* WDI_TLV_FT_FTE, optional */
} WDI_SET_FAST_BSS_TRANSITION_PARAMETERS_COMMAND, *PWDI_SET_FAST_BSS_TRANSITION_PARAMETERS_COMMAND;
typedef struct _WDI_GET_NEXT_ACTION_FRAME_DIALOG_TOKEN_PARAMETERS { UINT8 NextDialogToken; } WDI_GET_NEXT_ACTION_FRAME_DIALOG_TOKEN_PARAMETERS, *PWDI_GET_NEXT_ACTION_FRAME_DIALOG_TOKEN_PARAMETERS;  /* WDI_TLV_NEXT_DIALOG_TOKEN */
typedef struct _WDI_GET_BSS_ENTRY_LIST_UPDATE_PARAMETERS { WDI_SSID SSID; } WDI_GET_BSS_ENTRY_LIST_UPDATE_PARAMETERS, *PWDI_GET_BSS_ENTRY_LIST_UPDATE_PARAMETERS;  /* WDI_TLV_SSID */
typedef struct {                                              /* WDI_TLV_P2P_SEND_ACTION_FRAME_RESULT */
    struct { WDI_MAC_ADDRESS PeerDeviceAddress; UINT8 DialogToken; } FrameParameters;  /* ..._RESULT_PARAMETERS */
    WDI_ARRAY_OF(UINT8) FrameIEs;                             /* WDI_TLV_P2P_ACTION_FRAME_IES */
} WDI_P2P_SEND_ACTION_FRAME_RESULT_VALUES__;
typedef struct _WDI_INDICATION_P2P_SEND_REQUEST_ACTION_FRAME_COMPLETE_PARAMETERS {
    struct { BOOLEAN SendActionFrameResult_IsPresent; } Optional;
    WDI_P2P_SEND_ACTION_FRAME_RESULT_VALUES__ SendActionFrameResult;  /* required on success only */
} WDI_INDICATION_P2P_SEND_REQUEST_ACTION_FRAME_COMPLETE_PARAMETERS, *PWDI_INDICATION_P2P_SEND_REQUEST_ACTION_FRAME_COMPLETE_PARAMETERS;
typedef struct _WDI_INDICATION_P2P_SEND_RESPONSE_ACTION_FRAME_COMPLETE_PARAMETERS {
    struct { BOOLEAN SendActionFrameResult_IsPresent; } Optional;
    WDI_P2P_SEND_ACTION_FRAME_RESULT_VALUES__ SendActionFrameResult;  /* required on success only */
} WDI_INDICATION_P2P_SEND_RESPONSE_ACTION_FRAME_COMPLETE_PARAMETERS, *PWDI_INDICATION_P2P_SEND_RESPONSE_ACTION_FRAME_COMPLETE_PARAMETERS;
/* messages without data: the parser's empty structures, whose only field is _Reserved */
typedef struct _WDI_INDICATION_DOT11_RESET_COMPLETE_PARAMETERS { UINT8 _Reserved; } WDI_INDICATION_DOT11_RESET_COMPLETE_PARAMETERS, *PWDI_INDICATION_DOT11_RESET_COMPLETE_PARAMETERS;
typedef struct _WDI_INDICATION_DELETE_PORT_COMPLETE_PARAMETERS { UINT8 _Reserved; } WDI_INDICATION_DELETE_PORT_COMPLETE_PARAMETERS, *PWDI_INDICATION_DELETE_PORT_COMPLETE_PARAMETERS;
typedef struct _WDI_INDICATION_CHANGE_OPERATION_MODE_COMPLETE_PARAMETERS { UINT8 _Reserved; } WDI_INDICATION_CHANGE_OPERATION_MODE_COMPLETE_PARAMETERS, *PWDI_INDICATION_CHANGE_OPERATION_MODE_COMPLETE_PARAMETERS;
typedef struct _WDI_INDICATION_SEND_AP_ASSOCIATION_RESPONSE_COMPLETE_PARAMETERS {  /* NDIS_STATUS_WDI_INDICATION_SEND_AP_ASSOCIATION_RESPONSE_COMPLETE */
    struct { BOOLEAN ActivePhyList_IsPresent; } Optional;     /* the documentation marks none optional; the parser flags the PHY list */
    struct {                                                  /* WDI_TLV_ASSOCIATION_RESPONSE_RESULT_PARAMETERS */
        WDI_MAC_ADDRESS PeerMACAddress; UINT8 IsReassociationRequest; UINT8 IsReAssociationResponse;
        WDI_AUTH_ALGORITHM AuthAlgorithm; WDI_CIPHER_ALGORITHM UnicastCipherAlgorithm; WDI_CIPHER_ALGORITHM MulticastCipherAlgorithm;
    } AssocResponseResult;
    WDI_ARRAY_OF(UINT8) AssocResponseFrame;                   /* WDI_TLV_ASSOCIATION_RESPONSE_FRAME */
    WDI_ARRAY_OF(UINT8) BeaconIEs;                            /* WDI_TLV_BEACON_IES */
    WDI_ARRAY_OF(WDI_PHY_TYPE) ActivePhyList;                 /* WDI_TLV_PHY_TYPE_LIST */
} WDI_INDICATION_SEND_AP_ASSOCIATION_RESPONSE_COMPLETE_PARAMETERS, *PWDI_INDICATION_SEND_AP_ASSOCIATION_RESPONSE_COMPLETE_PARAMETERS;
typedef struct _WDI_P2P_DEVICE_INFO_CONTAINER {               /* WDI_TLV_P2P_DEVICE_INFO */
    struct {                                                  /* WDI_TLV_P2P_DEVICE_INFO_PARAMETERS */
        UINT8 DeviceAddress[6]; UINT16 ConfigurationMethods;
        struct { UINT16 CategoryID; UINT8 OUI[4]; UINT16 SubcategoryID; } DeviceType;
    } DeviceInfoParameters;
    WDI_ARRAY_OF(UINT8) DeviceName;                           /* WDI_TLV_P2P_DEVICE_NAME */
} WDI_P2P_DEVICE_INFO_CONTAINER, *PWDI_P2P_DEVICE_INFO_CONTAINER;
typedef struct _WDI_SET_ADVERTISEMENT_INFORMATION_PARAMETERS {  /* OID_WDI_SET_ADVERTISEMENT_INFORMATION parameters (all optional) */
    struct {
        BOOLEAN AdditionalIEs_IsPresent; BOOLEAN DeviceInformation_IsPresent; BOOLEAN DeviceCapability_IsPresent;
        BOOLEAN GroupOwnerCapability_IsPresent; BOOLEAN SecondaryDeviceTypeList_IsPresent;
    } Optional;
    struct {                                                  /* WDI_TLV_ADDITIONAL_IES */
        WDI_ARRAY_OF(UINT8) AdditionalBeaconIEs; WDI_ARRAY_OF(UINT8) AdditionalProbeResponseIEs; WDI_ARRAY_OF(UINT8) AdditionalProbeRequestDefaultIEs;
    } AdditionalIEs;
    WDI_P2P_DEVICE_INFO_CONTAINER DeviceInformation;          /* WDI_TLV_P2P_DEVICE_INFO */
    WDI_P2P_DEVICE_CAPABILITY_CONTAINER DeviceCapability;     /* WDI_TLV_P2P_DEVICE_CAPABILITY */
    WDI_P2P_GROUP_OWNER_CAPABILITY_CONTAINER GroupOwnerCapability;  /* WDI_TLV_P2P_GROUP_OWNER_CAPABILITY */
    WDI_P2P_SECONDARY_DEVICE_TYPE_CONTAINER SecondaryDeviceTypeList;  /* WDI_TLV_P2P_SECONDARY_DEVICE_TYPE_LIST */
} WDI_SET_ADVERTISEMENT_INFORMATION_PARAMETERS, *PWDI_SET_ADVERTISEMENT_INFORMATION_PARAMETERS;
typedef struct _WDI_TASK_START_AP_PARAMETERS {                /* OID_WDI_TASK_START_AP task parameters */
    struct { BOOLEAN OperatingChannel_IsPresent; } Optional;
    WDI_SSID DesiredSSID;                                     /* WDI_TLV_SSID */
    WDI_ARRAY_OF(WDI_AUTH_ALGORITHM) AuthenticationAlgorithms;      /* WDI_TLV_AUTH_ALGO_LIST */
    WDI_ARRAY_OF(WDI_CIPHER_ALGORITHM) MulticastCipherAlgorithms;   /* WDI_TLV_MULTICAST_CIPHER_ALGO_LIST */
    WDI_ARRAY_OF(WDI_CIPHER_ALGORITHM) UnicastCipherAlgorithms;     /* WDI_TLV_UNICAST_CIPHER_ALGO_LIST */
    WDI_P2P_CHANNEL_CONTAINER OperatingChannel;               /* WDI_TLV_P2P_CHANNEL_NUMBER, optional */
} WDI_TASK_START_AP_PARAMETERS, *PWDI_TASK_START_AP_PARAMETERS;
typedef struct _WDI_SET_P2P_LISTEN_STATE_PARAMETERS {         /* OID_WDI_SET_P2P_LISTEN_STATE parameters */
    struct { BOOLEAN ListenChannel_IsPresent; } Optional;
    WDI_P2P_CHANNEL_CONTAINER ListenChannel;                  /* WDI_TLV_P2P_CHANNEL_NUMBER, optional */
    WDI_P2P_LISTEN_STATE_CONTAINER ListenState;               /* WDI_TLV_P2P_LISTEN_STATE */
} WDI_SET_P2P_LISTEN_STATE_PARAMETERS, *PWDI_SET_P2P_LISTEN_STATE_PARAMETERS;
typedef struct _WDI_TASK_CREATE_PORT_PARAMETERS {
    struct { UINT16 OpModeMask; UINT32 NdisPortNumber; } CreatePortParameters;  /* WDI_TLV_CREATE_PORT_PARAMETERS */
} WDI_TASK_CREATE_PORT_PARAMETERS, *PWDI_TASK_CREATE_PORT_PARAMETERS;
typedef struct _WDI_TASK_DELETE_PORT_PARAMETERS {
    struct { UINT16 PortNumber; } DeletePortParameters;       /* WDI_TLV_DELETE_PORT_PARAMETERS */
} WDI_TASK_DELETE_PORT_PARAMETERS, *PWDI_TASK_DELETE_PORT_PARAMETERS;
typedef struct _WDI_TASK_DOT11_RESET_PARAMETERS {
    struct { BOOLEAN ResetMACAddress_IsPresent; } Optional;
    struct { UINT8 SetDefaultMIB; } Dot11ResetParameters;     /* WDI_TLV_DOT11_RESET_PARAMETERS */
    WDI_MAC_ADDRESS ResetMACAddress;                          /* WDI_TLV_CONFIGURED_MAC_ADDRESS, optional */
} WDI_TASK_DOT11_RESET_PARAMETERS, *PWDI_TASK_DOT11_RESET_PARAMETERS;
typedef struct _WDI_TASK_CHANGE_OPERATION_MODE_PARAMETERS {
    UINT32 OperationMode;                                     /* WDI_TLV_OPERATION_MODE */
} WDI_TASK_CHANGE_OPERATION_MODE_PARAMETERS, *PWDI_TASK_CHANGE_OPERATION_MODE_PARAMETERS;
/* TLV type identifiers (documented values) */
#define WDI_TLV_PHY_TYPE_LIST 0x19
#define WDI_TLV_CONNECT_PARAMETERS 0x33
#define WDI_TLV_SSID 0x3B
#define WDI_TLV_AUTH_ALGO_LIST 0x3C
#define WDI_TLV_MULTICAST_CIPHER_ALGO_LIST 0x3D
#define WDI_TLV_UNICAST_CIPHER_ALGO_LIST 0x3E
#define WDI_TLV_CONNECTION_SETTINGS 0x3F
#define WDI_TLV_EXTRA_ASSOCIATION_REQUEST_IES 0x40
#define WDI_TLV_PEER_MAC_ADDRESS 0x4C
#define WDI_TLV_CIPHER_KEY_ID 0x4D
#define WDI_TLV_CIPHER_KEY_TYPE_INFO 0x4E
#define WDI_TLV_DELETE_CIPHER_KEY_INFO 0x53
#define WDI_TLV_IHV_DATA 0xBD
#define WDI_TLV_ALLOWED_BSSIDS_LIST 0xC2
#define WDI_TLV_DISALLOWED_BSSIDS_LIST 0xC3
