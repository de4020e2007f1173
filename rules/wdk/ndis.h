/* ndis.h - drvcheck clean-room WDK model: the NDIS 6.x kernel interface for miniport,
 * intermediate and protocol drivers (types, status values, characteristics, role typedefs,
 * routines and helper macros). Main entry: includes the kernel headers it builds on.
 * Written by the drvcheck project from Microsoft's public NDIS documentation; not WDK text.
 * Prototypes carry no annotations: the checker only needs names, types and arity. */
#pragma once

/* ---- build environment: which NDIS version the driver targets ---- */
#if !defined(NDIS_MINIPORT_DRIVER) && !defined(NDIS_PROTOCOL_DRIVER) && !defined(NDIS_FILTER_DRIVER) && !defined(NDIS_WRAPPER)
#define NDIS_MINIPORT_DRIVER 1
#endif
#ifndef NDIS_WDM
#define NDIS_WDM 1
#endif
#if !defined(NDIS60_MINIPORT) && !defined(NDIS61_MINIPORT) && !defined(NDIS620_MINIPORT) && \
    !defined(NDIS630_MINIPORT) && !defined(NDIS640_MINIPORT) && !defined(NDIS650_MINIPORT) && \
    !defined(NDIS651_MINIPORT) && !defined(NDIS660_MINIPORT) && !defined(NDIS670_MINIPORT) && \
    !defined(NDIS680_MINIPORT) && !defined(NDIS681_MINIPORT) && !defined(NDIS682_MINIPORT) && \
    !defined(NDIS683_MINIPORT) && !defined(NDIS684_MINIPORT) && !defined(NDIS685_MINIPORT) && \
    !defined(NDIS686_MINIPORT) && !defined(NDIS51_MINIPORT) && !defined(NDIS50_MINIPORT) && \
    !defined(NDIS40_MINIPORT)
#if defined(NDIS686) || defined(NDIS685) || defined(NDIS684) || defined(NDIS683) || defined(NDIS682) || \
    defined(NDIS681) || defined(NDIS680) || defined(NDIS670) || defined(NDIS660) || defined(NDIS651) || \
    defined(NDIS650) || defined(NDIS640) || defined(NDIS630) || defined(NDIS620) || defined(NDIS61) || defined(NDIS60)
#define DRVCHECK_NDIS_FROM_PROTOCOL 1
#elif defined(NDIS51) || defined(NDIS50) || defined(NDIS40)
/* an NDIS 5.x protocol driver: the 5.x level below */
#else
/* no version named at all: a miniport, as the default version says (a filter driver scanned
 * without its build defines needs -DNDIS6xx=1 or -DNDIS_FILTER_DRIVER for ndis/filter.h) */
#define NDIS680_MINIPORT 1
#if !defined(NDIS_FILTER_DRIVER) && !defined(NDIS_PROTOCOL_DRIVER)
#define DRVCHECK_NDIS_MINIPORT_ONLY 1
#endif
#endif
#elif !defined(NDIS686) && !defined(NDIS685) && !defined(NDIS684) && !defined(NDIS683) && !defined(NDIS682) && \
    !defined(NDIS681) && !defined(NDIS680) && !defined(NDIS670) && !defined(NDIS660) && !defined(NDIS651) && \
    !defined(NDIS650) && !defined(NDIS640) && !defined(NDIS630) && !defined(NDIS620) && !defined(NDIS61) && \
    !defined(NDIS60) && !defined(NDIS51) && !defined(NDIS50) && !defined(NDIS40) && \
    !defined(NDIS_FILTER_DRIVER) && !defined(NDIS_PROTOCOL_DRIVER)
/* the driver names a miniport version and no protocol (filter) one: a miniport, which does not
 * need the filter driver interface (ndis/filter.h) */
#define DRVCHECK_NDIS_MINIPORT_ONLY 1
#endif
#if defined(NDIS686_MINIPORT) || defined(NDIS686)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 86
#define DRVCHECK_NDIS_LEVEL 686
#elif defined(NDIS685_MINIPORT) || defined(NDIS685)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 85
#define DRVCHECK_NDIS_LEVEL 685
#elif defined(NDIS684_MINIPORT) || defined(NDIS684)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 84
#define DRVCHECK_NDIS_LEVEL 684
#elif defined(NDIS683_MINIPORT) || defined(NDIS683)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 83
#define DRVCHECK_NDIS_LEVEL 683
#elif defined(NDIS682_MINIPORT) || defined(NDIS682)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 82
#define DRVCHECK_NDIS_LEVEL 682
#elif defined(NDIS681_MINIPORT) || defined(NDIS681)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 81
#define DRVCHECK_NDIS_LEVEL 681
#elif defined(NDIS680_MINIPORT) || defined(NDIS680)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 80
#define DRVCHECK_NDIS_LEVEL 680
#elif defined(NDIS670_MINIPORT) || defined(NDIS670)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 70
#define DRVCHECK_NDIS_LEVEL 670
#elif defined(NDIS660_MINIPORT) || defined(NDIS660)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 60
#define DRVCHECK_NDIS_LEVEL 660
#elif defined(NDIS651_MINIPORT) || defined(NDIS651)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 51
#define DRVCHECK_NDIS_LEVEL 651
#elif defined(NDIS650_MINIPORT) || defined(NDIS650)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 50
#define DRVCHECK_NDIS_LEVEL 650
#elif defined(NDIS640_MINIPORT) || defined(NDIS640)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 40
#define DRVCHECK_NDIS_LEVEL 640
#elif defined(NDIS630_MINIPORT) || defined(NDIS630)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 30
#define DRVCHECK_NDIS_LEVEL 630
#elif defined(NDIS620_MINIPORT) || defined(NDIS620)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 20
#define DRVCHECK_NDIS_LEVEL 620
#elif defined(NDIS61_MINIPORT) || defined(NDIS61)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 1
#define DRVCHECK_NDIS_LEVEL 610
#elif defined(NDIS60_MINIPORT) || defined(NDIS60)
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION 0
#define DRVCHECK_NDIS_LEVEL 600
#elif defined(NDIS51_MINIPORT) || defined(NDIS51)
#define NDIS_MINIPORT_MAJOR_VERSION 5
#define NDIS_MINIPORT_MINOR_VERSION 1
#define DRVCHECK_NDIS_LEVEL 510
#elif defined(NDIS50_MINIPORT) || defined(NDIS50)
#define NDIS_MINIPORT_MAJOR_VERSION 5
#define NDIS_MINIPORT_MINOR_VERSION 0
#define DRVCHECK_NDIS_LEVEL 500
#else
#define NDIS_MINIPORT_MAJOR_VERSION 4
#define NDIS_MINIPORT_MINOR_VERSION 0
#define DRVCHECK_NDIS_LEVEL 400
#endif
#define NDIS_SUPPORT_NDIS6 (DRVCHECK_NDIS_LEVEL >= 600)
#define NDIS_SUPPORT_NDIS61 (DRVCHECK_NDIS_LEVEL >= 610)
#define NDIS_SUPPORT_NDIS620 (DRVCHECK_NDIS_LEVEL >= 620)
#define NDIS_SUPPORT_NDIS630 (DRVCHECK_NDIS_LEVEL >= 630)
#define NDIS_SUPPORT_NDIS640 (DRVCHECK_NDIS_LEVEL >= 640)
#define NDIS_SUPPORT_NDIS650 (DRVCHECK_NDIS_LEVEL >= 650)
#define NDIS_SUPPORT_NDIS651 (DRVCHECK_NDIS_LEVEL >= 651)
#define NDIS_SUPPORT_NDIS660 (DRVCHECK_NDIS_LEVEL >= 660)
#define NDIS_SUPPORT_NDIS670 (DRVCHECK_NDIS_LEVEL >= 670)
#define NDIS_SUPPORT_NDIS680 (DRVCHECK_NDIS_LEVEL >= 680)
#define NDIS_SUPPORT_NDIS681 (DRVCHECK_NDIS_LEVEL >= 681)
#define NDIS_SUPPORT_NDIS682 (DRVCHECK_NDIS_LEVEL >= 682)
#define NDIS_SUPPORT_NDIS683 (DRVCHECK_NDIS_LEVEL >= 683)
#define NDIS_SUPPORT_NDIS684 (DRVCHECK_NDIS_LEVEL >= 684)
#define NDIS_SUPPORT_NDIS685 (DRVCHECK_NDIS_LEVEL >= 685)
#define NDIS_SUPPORT_NDIS686 (DRVCHECK_NDIS_LEVEL >= 686)
#define NDIS_SUPPORT_60_COMPATIBLE_API 1
/* NDIS 5.x (legacy) drivers: the NDIS_PACKET/NDIS_REQUEST interface of ndis/legacy.h */
#if defined(NDIS51_MINIPORT) || defined(NDIS50_MINIPORT) || defined(NDIS40_MINIPORT)
#define NDIS_LEGACY_MINIPORT 1
#else
#define NDIS_LEGACY_MINIPORT 0
#endif
#if defined(NDIS51) || defined(NDIS50) || defined(NDIS40)
#define NDIS_LEGACY_PROTOCOL 1
#else
#define NDIS_LEGACY_PROTOCOL 0
#endif
#define NDIS_LEGACY_DRIVER (NDIS_LEGACY_MINIPORT || NDIS_LEGACY_PROTOCOL)
#define NDIS_SUPPORT_WDI 1
#define NDIS_RUNTIME_VERSION_60 ((6 << 16) | 0)
#define NDIS_RUNTIME_VERSION_61 ((6 << 16) | 1)
#define NDIS_RUNTIME_VERSION_620 ((6 << 16) | 20)
#define NDIS_RUNTIME_VERSION_630 ((6 << 16) | 30)
#define NDIS_RUNTIME_VERSION_640 ((6 << 16) | 40)
#define NDIS_RUNTIME_VERSION_650 ((6 << 16) | 50)
#define NDIS_RUNTIME_VERSION_660 ((6 << 16) | 60)
#define NDIS_RUNTIME_VERSION_670 ((6 << 16) | 70)
#define NDIS_RUNTIME_VERSION_680 ((6 << 16) | 80)
#define NDIS_RUNTIME_VERSION_681 ((6 << 16) | 81)
#define NDIS_RUNTIME_VERSION_682 ((6 << 16) | 82)
#define NDIS_RUNTIME_VERSION_683 ((6 << 16) | 83)
#define NDIS_RUNTIME_VERSION_684 ((6 << 16) | 84)
#define NDIS_RUNTIME_VERSION_685 ((6 << 16) | 85)
#define NDIS_RUNTIME_VERSION_686 ((6 << 16) | 86)
#define NDIS_RUNTIME_VERSION_687 ((6 << 16) | 87)
#define NDIS_RUNTIME_VERSION_688 ((6 << 16) | 88)
#define NDIS_RUNTIME_VERSION_689 ((6 << 16) | 89)
#define NDIS_MINIPORT_MINIMUM_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINIMUM_MINOR_VERSION 0
#define NDIS_PROTOCOL_MAJOR_VERSION NDIS_MINIPORT_MAJOR_VERSION
#define NDIS_PROTOCOL_MINOR_VERSION NDIS_MINIPORT_MINOR_VERSION
#define NDIS_FILTER_MAJOR_VERSION 6
#define NDIS_FILTER_MINOR_VERSION NDIS_MINIPORT_MINOR_VERSION

#include <ntddk.h>
#include <ntddndis.h>
#include <netpnp.h>
/* the socket address types (SOCKADDR, IN_ADDR, IN6_ADDR): drivers that include only
 * <ndis.h> use them (the IPv6 and dual-stack forms need ws2ipdef.h) */
#include <ws2def.h>
#include <in6addr.h>

/* ---- base NDIS types ---- */
typedef PVOID NDIS_HANDLE, *PNDIS_HANDLE;
typedef UNICODE_STRING NDIS_STRING, *PNDIS_STRING;
typedef PWSTR NDIS_STRING_BUFFER;
typedef ANSI_STRING NDIS_ANSI_STRING, *PNDIS_ANSI_STRING;
typedef PHYSICAL_ADDRESS NDIS_PHYSICAL_ADDRESS, *PNDIS_PHYSICAL_ADDRESS;
typedef ULONG NDIS_ERROR_CODE, *PNDIS_ERROR_CODE;
typedef MDL NDIS_BUFFER, *PNDIS_BUFFER;
typedef CM_PARTIAL_RESOURCE_LIST NDIS_RESOURCE_LIST, *PNDIS_RESOURCE_LIST;
typedef struct _NDIS_SPIN_LOCK { KSPIN_LOCK SpinLock; KIRQL OldIrql; } NDIS_SPIN_LOCK, *PNDIS_SPIN_LOCK;
typedef struct _NDIS_EVENT { KEVENT Event; } NDIS_EVENT, *PNDIS_EVENT;
typedef struct _NDIS_RW_LOCK { PVOID Reserved[32]; } NDIS_RW_LOCK, *PNDIS_RW_LOCK;
typedef struct _LOCK_STATE { USHORT LockState; KIRQL OldIrql; } LOCK_STATE, *PLOCK_STATE;
typedef struct _NDIS_RW_LOCK_EX NDIS_RW_LOCK_EX, *PNDIS_RW_LOCK_EX;
typedef struct _LOCK_STATE_EX { KIRQL OldIrql; UCHAR LockState; UCHAR Flags; } LOCK_STATE_EX, *PLOCK_STATE_EX;
#define NDIS_RWL_AT_DISPATCH_LEVEL 1
typedef struct _BINARY_DATA { USHORT Length; PVOID Buffer; } BINARY_DATA;
typedef ULONG NDIS_PROCESSOR_TYPE;
typedef ULONG NDIS_ENVIRONMENT_TYPE;
typedef int NDIS_INTERRUPT_MODE;
typedef ULONG NDIS_TIMER_FLAGS;
typedef PVOID NDIS_PD_COUNTER_HANDLE;
#define NDIS_PHYSICAL_ADDRESS_CONST(Low, High) { { (ULONG)(Low), (LONG)(High) } }
#define NdisGetPhysicalAddressHigh(PhysicalAddress) ((PhysicalAddress).HighPart)
#define NdisSetPhysicalAddressHigh(PhysicalAddress, Value) ((PhysicalAddress).HighPart) = (Value)
#define NdisGetPhysicalAddressLow(PhysicalAddress) ((PhysicalAddress).LowPart)
#define NdisSetPhysicalAddressLow(PhysicalAddress, Value) ((PhysicalAddress).LowPart) = (Value)
#define NDIS_STRING_CONST(x) { sizeof(L##x) - 2, sizeof(L##x), L##x }
#define NDIS_DECLARE_MINIPORT_DRIVER_CONTEXT(t)
#define NDIS_DECLARE_MINIPORT_ADAPTER_CONTEXT(t)
#define NDIS_DECLARE_MINIPORT_INTERRUPT_CONTEXT(t)
#define NDIS_DECLARE_MINIPORT_DPC_CONTEXT(t)
#define NDIS_DECLARE_FILTER_DRIVER_CONTEXT(t)
#define NDIS_DECLARE_FILTER_MODULE_CONTEXT(t)
#define NDIS_DECLARE_PROTOCOL_DRIVER_CONTEXT(t)
#define NDIS_DECLARE_PROTOCOL_BIND_CONTEXT(t)
#define NDIS_DECLARE_PROTOCOL_OPEN_CONTEXT(t)
#define NDIS_DECLARE_CO_PROTOCOL_CONTEXT(t)
#define NDIS_DECLARE_MINIPORT_ADD_DEVICE_CONTEXT(t)
#define NDIS_DECLARE_TIMER_CONTEXT(t)
#define NDIS_DECLARE_WORK_ITEM_CONTEXT(t)
#define NDIS_MAX_LOOKAHEAD_SIZE_ACCESSED_UNDEFINED 0
#define NDIS_ANY_NUMBER_OF_NBLS ((ULONG)-1)
#define INVALID_PROCESSOR_INDEX 0xffffffff
#define MAXIMUM_IP_OPER_STATUS_ADDRESS_FAMILIES_SUPPORTED 32
#define NDIS_MEMORY_CONTIGUOUS 0x00000001
#define NDIS_MEMORY_NONCACHED 0x00000002
#define NDIS_WMI_DEFAULT_METHOD_ID 1

/* ---- NDIS_STATUS values ---- */
#define NDIS_STATUS_SUCCESS ((NDIS_STATUS)STATUS_SUCCESS)
#define NDIS_STATUS_PENDING ((NDIS_STATUS)STATUS_PENDING)
#define NDIS_STATUS_NOT_RECOGNIZED ((NDIS_STATUS)0x00010001L)
#define NDIS_STATUS_NOT_COPIED ((NDIS_STATUS)0x00010002L)
#define NDIS_STATUS_NOT_ACCEPTED ((NDIS_STATUS)0x00010003L)
#define NDIS_STATUS_CALL_ACTIVE ((NDIS_STATUS)0x00010007L)
#define NDIS_STATUS_INDICATION_REQUIRED ((NDIS_STATUS)STATUS_NDIS_INDICATION_REQUIRED)
#define NDIS_STATUS_ONLINE ((NDIS_STATUS)0x40010003L)
#define NDIS_STATUS_RESET_START ((NDIS_STATUS)0x40010004L)
#define NDIS_STATUS_RESET_END ((NDIS_STATUS)0x40010005L)
#define NDIS_STATUS_RING_STATUS ((NDIS_STATUS)0x40010006L)
#define NDIS_STATUS_CLOSED ((NDIS_STATUS)0x40010007L)
#define NDIS_STATUS_WAN_LINE_UP ((NDIS_STATUS)0x40010008L)
#define NDIS_STATUS_WAN_LINE_DOWN ((NDIS_STATUS)0x40010009L)
#define NDIS_STATUS_WAN_FRAGMENT ((NDIS_STATUS)0x4001000AL)
#define NDIS_STATUS_MEDIA_CONNECT ((NDIS_STATUS)0x4001000BL)
#define NDIS_STATUS_MEDIA_DISCONNECT ((NDIS_STATUS)0x4001000CL)
#define NDIS_STATUS_HARDWARE_LINE_UP ((NDIS_STATUS)0x4001000DL)
#define NDIS_STATUS_HARDWARE_LINE_DOWN ((NDIS_STATUS)0x4001000EL)
#define NDIS_STATUS_INTERFACE_UP ((NDIS_STATUS)0x4001000FL)
#define NDIS_STATUS_INTERFACE_DOWN ((NDIS_STATUS)0x40010010L)
#define NDIS_STATUS_MEDIA_BUSY ((NDIS_STATUS)0x40010011L)
#define NDIS_STATUS_MEDIA_SPECIFIC_INDICATION ((NDIS_STATUS)0x40010012L)
#define NDIS_STATUS_WW_INDICATION NDIS_STATUS_MEDIA_SPECIFIC_INDICATION
#define NDIS_STATUS_LINK_SPEED_CHANGE ((NDIS_STATUS)0x40010013L)
#define NDIS_STATUS_WAN_GET_STATS ((NDIS_STATUS)0x40010014L)
#define NDIS_STATUS_WAN_CO_FRAGMENT ((NDIS_STATUS)0x40010015L)
#define NDIS_STATUS_WAN_CO_LINKPARAMS ((NDIS_STATUS)0x40010016L)
#define NDIS_STATUS_LINK_STATE ((NDIS_STATUS)0x40010017L)
#define NDIS_STATUS_NETWORK_CHANGE ((NDIS_STATUS)0x40010018L)
#define NDIS_STATUS_MEDIA_SPECIFIC_INDICATION_EX ((NDIS_STATUS)0x40010019L)
#define NDIS_STATUS_PORT_STATE ((NDIS_STATUS)0x40010022L)
#define NDIS_STATUS_OPER_STATUS ((NDIS_STATUS)0x40010023L)
#define NDIS_STATUS_PACKET_FILTER ((NDIS_STATUS)0x40010024L)
#define NDIS_STATUS_IP_OPER_STATE ((NDIS_STATUS)0x40010025L)
#define NDIS_STATUS_OFFLOAD_PAUSE ((NDIS_STATUS)0x40020001L)
#define NDIS_STATUS_UPLOAD_ALL ((NDIS_STATUS)0x40020002L)
#define NDIS_STATUS_OFFLOAD_RESUME ((NDIS_STATUS)0x40020003L)
#define NDIS_STATUS_OFFLOAD_PARTIAL_SUCCESS ((NDIS_STATUS)0x40020004L)
#define NDIS_STATUS_SEND_ABORTED ((NDIS_STATUS)0x40020005L)
#define NDIS_STATUS_TASK_OFFLOAD_CURRENT_CONFIG ((NDIS_STATUS)0x40020006L)
#define NDIS_STATUS_TASK_OFFLOAD_HARDWARE_CAPABILITIES ((NDIS_STATUS)0x40020007L)
#define NDIS_STATUS_OFFLOAD_ENCASPULATION_CHANGE ((NDIS_STATUS)0x40020008L)
#define NDIS_STATUS_TCP_CONNECTION_OFFLOAD_HARDWARE_CAPABILITIES ((NDIS_STATUS)0x4002000BL)
#define NDIS_STATUS_HD_SPLIT_CURRENT_CONFIG ((NDIS_STATUS)0x4002000CL)
#define NDIS_STATUS_RECEIVE_QUEUE_STATE ((NDIS_STATUS)0x4002000DL)
#define NDIS_STATUS_NIC_SWITCH_CURRENT_CAPABILITIES ((NDIS_STATUS)0x4002000EL)
#define NDIS_STATUS_NIC_SWITCH_HARDWARE_CAPABILITIES ((NDIS_STATUS)0x4002000FL)
#define NDIS_STATUS_SRIOV_HARDWARE_CAPABILITIES ((NDIS_STATUS)0x40020010L)
#define NDIS_STATUS_SRIOV_CURRENT_CAPABILITIES ((NDIS_STATUS)0x40020011L)
#define NDIS_STATUS_QOS_OPERATIONAL_PARAMETERS_CHANGE ((NDIS_STATUS)0x40020012L)
#define NDIS_STATUS_QOS_REMOTE_PARAMETERS_CHANGE ((NDIS_STATUS)0x40020013L)
#define NDIS_STATUS_RECEIVE_FILTER_CURRENT_CAPABILITIES ((NDIS_STATUS)0x40020014L)
#define NDIS_STATUS_RECEIVE_FILTER_HARDWARE_CAPABILITIES ((NDIS_STATUS)0x40020015L)
#define NDIS_STATUS_PM_HARDWARE_CAPABILITIES ((NDIS_STATUS)0x40030001L)
#define NDIS_STATUS_PM_CURRENT_CAPABILITIES ((NDIS_STATUS)0x40030002L)
#define NDIS_STATUS_PM_WOL_PATTERN_REJECTED ((NDIS_STATUS)0x40030003L)
#define NDIS_STATUS_PM_OFFLOAD_REJECTED ((NDIS_STATUS)0x40030004L)
#define NDIS_STATUS_PM_CAPABILITIES_CHANGE ((NDIS_STATUS)0x40030005L)
#define NDIS_STATUS_PM_WAKE_REASON ((NDIS_STATUS)0x40030006L)
#define NDIS_STATUS_DOT11_SCAN_CONFIRM ((NDIS_STATUS)0x40030000L)
#define NDIS_STATUS_NOT_RESETTABLE ((NDIS_STATUS)0x80010001L)
#define NDIS_STATUS_SOFT_ERRORS ((NDIS_STATUS)0x80010003L)
#define NDIS_STATUS_HARD_ERRORS ((NDIS_STATUS)0x80010004L)
#define NDIS_STATUS_BUFFER_OVERFLOW ((NDIS_STATUS)STATUS_BUFFER_OVERFLOW)
#define NDIS_STATUS_FAILURE ((NDIS_STATUS)STATUS_UNSUCCESSFUL)
#define NDIS_STATUS_INVALID_STATE ((NDIS_STATUS)STATUS_INVALID_DEVICE_STATE)
#define NDIS_STATUS_RESOURCES ((NDIS_STATUS)STATUS_INSUFFICIENT_RESOURCES)
#define NDIS_STATUS_CLOSING ((NDIS_STATUS)STATUS_NDIS_CLOSING)
#define NDIS_STATUS_BAD_VERSION ((NDIS_STATUS)STATUS_NDIS_BAD_VERSION)
#define NDIS_STATUS_BAD_CHARACTERISTICS ((NDIS_STATUS)STATUS_NDIS_BAD_CHARACTERISTICS)
#define NDIS_STATUS_ADAPTER_NOT_FOUND ((NDIS_STATUS)STATUS_NDIS_ADAPTER_NOT_FOUND)
#define NDIS_STATUS_OPEN_FAILED ((NDIS_STATUS)STATUS_NDIS_OPEN_FAILED)
#define NDIS_STATUS_DEVICE_FAILED ((NDIS_STATUS)STATUS_NDIS_DEVICE_FAILED)
#define NDIS_STATUS_MULTICAST_FULL ((NDIS_STATUS)STATUS_NDIS_MULTICAST_FULL)
#define NDIS_STATUS_MULTICAST_EXISTS ((NDIS_STATUS)STATUS_NDIS_MULTICAST_EXISTS)
#define NDIS_STATUS_MULTICAST_NOT_FOUND ((NDIS_STATUS)STATUS_NDIS_MULTICAST_NOT_FOUND)
#define NDIS_STATUS_REQUEST_ABORTED ((NDIS_STATUS)STATUS_NDIS_REQUEST_ABORTED)
#define NDIS_STATUS_RESET_IN_PROGRESS ((NDIS_STATUS)STATUS_NDIS_RESET_IN_PROGRESS)
#define NDIS_STATUS_NOT_SUPPORTED ((NDIS_STATUS)STATUS_NOT_SUPPORTED)
#define NDIS_STATUS_INVALID_PACKET ((NDIS_STATUS)STATUS_NDIS_INVALID_PACKET)
#define NDIS_STATUS_ADAPTER_NOT_READY ((NDIS_STATUS)STATUS_NDIS_ADAPTER_NOT_READY)
#define NDIS_STATUS_INVALID_LENGTH ((NDIS_STATUS)STATUS_NDIS_INVALID_LENGTH)
#define NDIS_STATUS_INVALID_DATA ((NDIS_STATUS)STATUS_NDIS_INVALID_DATA)
#define NDIS_STATUS_BUFFER_TOO_SHORT ((NDIS_STATUS)STATUS_NDIS_BUFFER_TOO_SHORT)
#define NDIS_STATUS_INVALID_OID ((NDIS_STATUS)STATUS_NDIS_INVALID_OID)
#define NDIS_STATUS_ADAPTER_REMOVED ((NDIS_STATUS)STATUS_NDIS_ADAPTER_REMOVED)
#define NDIS_STATUS_UNSUPPORTED_MEDIA ((NDIS_STATUS)STATUS_NDIS_UNSUPPORTED_MEDIA)
#define NDIS_STATUS_GROUP_ADDRESS_IN_USE ((NDIS_STATUS)STATUS_NDIS_GROUP_ADDRESS_IN_USE)
#define NDIS_STATUS_FILE_NOT_FOUND ((NDIS_STATUS)STATUS_NDIS_FILE_NOT_FOUND)
#define NDIS_STATUS_ERROR_READING_FILE ((NDIS_STATUS)STATUS_NDIS_ERROR_READING_FILE)
#define NDIS_STATUS_ALREADY_MAPPED ((NDIS_STATUS)STATUS_NDIS_ALREADY_MAPPED)
#define NDIS_STATUS_RESOURCE_CONFLICT ((NDIS_STATUS)STATUS_NDIS_RESOURCE_CONFLICT)
#define NDIS_STATUS_MEDIA_DISCONNECTED ((NDIS_STATUS)STATUS_NDIS_MEDIA_DISCONNECTED)
#define NDIS_STATUS_NO_CABLE NDIS_STATUS_MEDIA_DISCONNECTED
#define NDIS_STATUS_INVALID_ADDRESS ((NDIS_STATUS)STATUS_NDIS_INVALID_ADDRESS)
#define NDIS_STATUS_INVALID_DEVICE_REQUEST ((NDIS_STATUS)STATUS_INVALID_DEVICE_REQUEST)
#define NDIS_STATUS_PAUSED ((NDIS_STATUS)STATUS_NDIS_PAUSED)
#define NDIS_STATUS_INTERFACE_NOT_FOUND ((NDIS_STATUS)STATUS_NDIS_INTERFACE_NOT_FOUND)
#define NDIS_STATUS_UNSUPPORTED_REVISION ((NDIS_STATUS)STATUS_NDIS_UNSUPPORTED_REVISION)
#define NDIS_STATUS_INVALID_PORT ((NDIS_STATUS)STATUS_NDIS_INVALID_PORT)
#define NDIS_STATUS_INVALID_PORT_STATE ((NDIS_STATUS)STATUS_NDIS_INVALID_PORT_STATE)
#define NDIS_STATUS_LOW_POWER_STATE ((NDIS_STATUS)STATUS_NDIS_LOW_POWER_STATE)
#define NDIS_STATUS_REINIT_REQUIRED ((NDIS_STATUS)STATUS_NDIS_REINIT_REQUIRED)
#define NDIS_STATUS_NO_QUEUES ((NDIS_STATUS)STATUS_NDIS_NO_QUEUES)
#define NDIS_STATUS_INVALID_PARAMETER ((NDIS_STATUS)STATUS_INVALID_PARAMETER)
#define NDIS_STATUS_NETWORK_UNREACHABLE ((NDIS_STATUS)STATUS_NETWORK_UNREACHABLE)
#define NDIS_STATUS_HOST_UNREACHABLE ((NDIS_STATUS)STATUS_HOST_UNREACHABLE)
#define NDIS_STATUS_OFFLOAD_POLICY ((NDIS_STATUS)STATUS_NDIS_OFFLOAD_POLICY)
#define NDIS_STATUS_OFFLOAD_CONNECTION_REJECTED ((NDIS_STATUS)STATUS_NDIS_OFFLOAD_CONNECTION_REJECTED)
#define NDIS_STATUS_OFFLOAD_PATH_REJECTED ((NDIS_STATUS)STATUS_NDIS_OFFLOAD_PATH_REJECTED)
#define NDIS_STATUS_DOT11_AUTO_CONFIG_ENABLED ((NDIS_STATUS)STATUS_NDIS_DOT11_AUTO_CONFIG_ENABLED)
#define NDIS_STATUS_DOT11_MEDIA_IN_USE ((NDIS_STATUS)STATUS_NDIS_DOT11_MEDIA_IN_USE)
#define NDIS_STATUS_DOT11_POWER_STATE_INVALID ((NDIS_STATUS)STATUS_NDIS_DOT11_POWER_STATE_INVALID)
#define NDIS_STATUS_PM_WOL_PATTERN_LIST_FULL ((NDIS_STATUS)STATUS_NDIS_PM_WOL_PATTERN_LIST_FULL)
#define NDIS_STATUS_PM_PROTOCOL_OFFLOAD_LIST_FULL ((NDIS_STATUS)STATUS_NDIS_PM_PROTOCOL_OFFLOAD_LIST_FULL)
#define NDIS_STATUS_TOKEN_RING_OPEN_ERROR ((NDIS_STATUS)0xC0011000L)
#define NDIS_STATUS_INVALID_SAP ((NDIS_STATUS)0xC0010020L)
#define NDIS_STATUS_SAP_IN_USE ((NDIS_STATUS)0xC0010021L)
#define NDIS_STATUS_VC_NOT_ACTIVATED ((NDIS_STATUS)0xC0010023L)
#define NDIS_STATUS_DEST_OUT_OF_ORDER ((NDIS_STATUS)0xC0010024L)
#define NDIS_STATUS_VC_NOT_AVAILABLE ((NDIS_STATUS)0xC0010025L)
#define NDIS_STATUS_CELLRATE_NOT_AVAILABLE ((NDIS_STATUS)0xC0010026L)
#define NDIS_STATUS_INCOMPATABLE_QOS ((NDIS_STATUS)0xC0010027L)
#define NDIS_STATUS_AAL_PARAMS_UNSUPPORTED ((NDIS_STATUS)0xC0010028L)
#define NDIS_STATUS_NO_ROUTE_TO_DESTINATION ((NDIS_STATUS)0xC0010029L)
#define NDIS_STATUS_NOT_INDICATING ((NDIS_STATUS)0xC0010013L)
#define NDIS_STATUS_ADAPTER_NOT_OPEN ((NDIS_STATUS)0xC0010012L)
#define NDIS_STATUS_OPEN_LIST_FULL ((NDIS_STATUS)0xC0010010L)
#define NDIS_STATUS_CLOSING_INDICATING ((NDIS_STATUS)0xC001000EL)
#define NDIS_SUCCESS(Status) ((NDIS_STATUS)(Status) >= 0)

/* ---- event log codes ---- */
#define NDIS_ERROR_CODE_RESOURCE_CONFLICT 0xC0001388L
#define NDIS_ERROR_CODE_OUT_OF_RESOURCES 0xC0001389L
#define NDIS_ERROR_CODE_HARDWARE_FAILURE 0xC000138AL
#define NDIS_ERROR_CODE_ADAPTER_NOT_FOUND 0xC000138BL
#define NDIS_ERROR_CODE_INTERRUPT_CONNECT 0xC000138CL
#define NDIS_ERROR_CODE_DRIVER_FAILURE 0xC000138DL
#define NDIS_ERROR_CODE_BAD_VERSION 0xC000138EL
#define NDIS_ERROR_CODE_TIMEOUT 0x8000138FL
#define NDIS_ERROR_CODE_NETWORK_ADDRESS 0xC0001390L
#define NDIS_ERROR_CODE_UNSUPPORTED_CONFIGURATION 0xC0001391L
#define NDIS_ERROR_CODE_INVALID_VALUE_FROM_ADAPTER 0xC0001392L
#define NDIS_ERROR_CODE_MISSING_CONFIGURATION_PARAMETER 0xC0001393L
#define NDIS_ERROR_CODE_BAD_IO_BASE_ADDRESS 0xC0001394L
#define NDIS_ERROR_CODE_RECEIVE_SPACE_SMALL 0x40001395L
#define NDIS_ERROR_CODE_ADAPTER_DISABLED 0x80001396L
#define NDIS_ERROR_CODE_MEMORY_CONFLICT NDIS_ERROR_CODE_RESOURCE_CONFLICT

/* ---- Ethernet helpers ---- */
#define ETH_LENGTH_OF_ADDRESS 6
#define ETH_IS_BROADCAST(Address) ((((PUCHAR)(Address))[0] == ((UCHAR)0xff)) && (((PUCHAR)(Address))[1] == ((UCHAR)0xff)) && (((PUCHAR)(Address))[2] == ((UCHAR)0xff)) && (((PUCHAR)(Address))[3] == ((UCHAR)0xff)) && (((PUCHAR)(Address))[4] == ((UCHAR)0xff)) && (((PUCHAR)(Address))[5] == ((UCHAR)0xff)))
#define ETH_IS_MULTICAST(Address) (BOOLEAN)(((PUCHAR)(Address))[0] & ((UCHAR)0x01))
#define ETH_COMPARE_NETWORK_ADDRESSES(_A, _B, _Result) (*(_Result) = (ULONG)memcmp((_A), (_B), ETH_LENGTH_OF_ADDRESS))
#define ETH_COMPARE_NETWORK_ADDRESSES_EQ(_A, _B, _Result) (*(_Result) = (ULONG)(memcmp((_A), (_B), ETH_LENGTH_OF_ADDRESS) != 0))
#define ETH_COPY_NETWORK_ADDRESS(_D, _S) memcpy((_D), (_S), ETH_LENGTH_OF_ADDRESS)
typedef KMUTEX NDIS_MUTEX, *PNDIS_MUTEX;

/* ---- memory helpers ---- */
#define NdisMoveMemory(Destination, Source, Length) RtlCopyMemory(Destination, Source, Length)
#define NdisZeroMemory(Destination, Length) RtlZeroMemory(Destination, Length)
#define NdisEqualMemory(Source1, Source2, Length) RtlEqualMemory(Source1, Source2, Length)
#define NdisFillMemory(Destination, Length, Fill) RtlFillMemory(Destination, Length, Fill)
#define NdisMoveMappedMemory(Destination, Source, Length) RtlCopyMemory(Destination, Source, Length)
#define NdisZeroMappedMemory(Destination, Length) RtlZeroMemory(Destination, Length)
#define NdisMoveToMappedMemory(Destination, Source, Length) NdisMoveMappedMemory(Destination, Source, Length)
#define NdisMoveFromMappedMemory(Destination, Source, Length) NdisMoveMappedMemory(Destination, Source, Length)
#define NdisRetrieveUlong(DestinationAddress, SourceAddress) RtlRetrieveUlong(DestinationAddress, SourceAddress)
#define NdisStoreUlong(DestinationAddress, Value) RtlStoreUlong(DestinationAddress, Value)
#define RtlRetrieveUlong(D, S) (*(PULONG)(D) = *(ULONG UNALIGNED *)(S))
#define RtlStoreUlong(A, V) (*(ULONG UNALIGNED *)(A) = (V))
#define RtlRetrieveUshort(D, S) (*(PUSHORT)(D) = *(USHORT UNALIGNED *)(S))
#define RtlStoreUshort(A, V) (*(USHORT UNALIGNED *)(A) = (V))
#define NdisEqualString(String1, String2, CaseInsensitive) RtlEqualUnicodeString(String1, String2, CaseInsensitive)
#define NdisEqualUnicodeString(String1, String2, CaseInsensitive) RtlEqualUnicodeString(String1, String2, CaseInsensitive)
#define NdisInitUnicodeString(Destination, Source) RtlInitUnicodeString(Destination, Source)
#define NdisInitAnsiString(Destination, Source) RtlInitString(Destination, Source)
#define NdisAnsiStringToUnicodeString(Destination, Source) RtlAnsiStringToUnicodeString(Destination, Source, FALSE)
#define NdisUnicodeStringToAnsiString(Destination, Source) RtlUnicodeStringToAnsiString(Destination, Source, FALSE)
#define NdisUpcaseUnicodeString(Destination, Source) RtlUpcaseUnicodeString(Destination, Source, FALSE)
#define NdisInitializeListHead(ListHead) InitializeListHead(ListHead)
#define NdisInitializeSListHead(SListHead) ExInitializeSListHead(SListHead)
#define NdisQueryDepthSList(SListHead) ExQueryDepthSList(SListHead)
#define NdisInterlockedPushEntrySList(SListHead, SListEntry, Lock) InterlockedPushEntrySList(SListHead, SListEntry)
#define NdisInterlockedPopEntrySList(SListHead, Lock) InterlockedPopEntrySList(SListHead)
#define NdisInterlockedFlushSList(SListHead) InterlockedFlushSList(SListHead)
#define NdisInterlockedIncrement(Addend) InterlockedIncrement(Addend)
#define NdisInterlockedDecrement(Addend) InterlockedDecrement(Addend)
#define NdisInterlockedAddLargeStatistic(Addend, Increment) InterlockedExchangeAdd64((LONG64 volatile *)(Addend), Increment)
/* The NDIS_SPIN_LOCK forms of the ExInterlocked routines (the WDK's macros
 * hand them &Lock->SpinLock) as the documented functions: the call names
 * the NDIS_SPIN_LOCK it takes, so the NdisSpinLock rule sees one taken
 * while the driver holds it (a deadlock). */
ULONG NdisInterlockedAddUlong(PULONG Addend, ULONG Increment, PNDIS_SPIN_LOCK SpinLock);
VOID NdisInterlockedAddLargeInteger(PLARGE_INTEGER Addend, ULONG Increment, PNDIS_SPIN_LOCK SpinLock);
PLIST_ENTRY NdisInterlockedInsertHeadList(PLIST_ENTRY ListHead, PLIST_ENTRY ListEntry, PNDIS_SPIN_LOCK SpinLock);
PLIST_ENTRY NdisInterlockedInsertTailList(PLIST_ENTRY ListHead, PLIST_ENTRY ListEntry, PNDIS_SPIN_LOCK SpinLock);
PLIST_ENTRY NdisInterlockedRemoveHeadList(PLIST_ENTRY ListHead, PNDIS_SPIN_LOCK SpinLock);
PSINGLE_LIST_ENTRY NdisInterlockedPushEntryList(PSINGLE_LIST_ENTRY ListHead, PSINGLE_LIST_ENTRY ListEntry, PNDIS_SPIN_LOCK Lock);
PSINGLE_LIST_ENTRY NdisInterlockedPopEntryList(PSINGLE_LIST_ENTRY ListHead, PNDIS_SPIN_LOCK Lock);
#define NDIS_INIT_MUTEX(_M) KeInitializeMutex(_M, 0xFFFF)
#define NDIS_WAIT_FOR_MUTEX(_M) KeWaitForSingleObject((PVOID)(_M), Executive, KernelMode, FALSE, (PLARGE_INTEGER)NULL)
#define NDIS_RELEASE_MUTEX(_M) KeReleaseMutex(_M, FALSE)
#define NDIS_CURRENT_IRQL() KeGetCurrentIrql()
#define NDIS_RAISE_IRQL_TO_DISPATCH(_pIrql_) KeRaiseIrql(DISPATCH_LEVEL, _pIrql_)
#define NDIS_LOWER_IRQL(_OldIrql_, _CurIrql_) KeLowerIrql(_OldIrql_)
#define NdisGetCurrentSystemTime(pSystemTime) KeQuerySystemTime(pSystemTime)
#define NdisQueryMdl(_Mdl, _VirtualAddress, _Length, _Priority) do { \
    if (ARGUMENT_PRESENT(_VirtualAddress)) *(PVOID *)(_VirtualAddress) = MmGetSystemAddressForMdlSafe(_Mdl, _Priority); \
    *(_Length) = MmGetMdlByteCount(_Mdl); } while (0)
#define NdisQueryMdlOffset(_Mdl, _Offset, _Length) do { *(_Offset) = MmGetMdlByteOffset(_Mdl); *(_Length) = MmGetMdlByteCount(_Mdl); } while (0)
#define NdisGetNextMdl(_CurrentMdl, _NextMdl) do { *(_NextMdl) = (_CurrentMdl)->Next; } while (0)
#define NDIS_MDL_LINKAGE(_Mdl) ((_Mdl)->Next)
#define NdisAdjustMdlLength(_Mdl, _Length) ((_Mdl)->ByteCount = (_Length))
#define NdisBufferLength(_Buffer) MmGetMdlByteCount(_Buffer)
#define NdisBufferVirtualAddress(_Buffer) MmGetSystemAddressForMdlSafe(_Buffer, NormalPagePriority)
#define NdisBufferVirtualAddressSafe(_Buffer, _Priority) MmGetSystemAddressForMdlSafe(_Buffer, _Priority)
#define NdisGetMdlPhysicalArraySize(_Mdl, _ArraySize) (*(_ArraySize) = ADDRESS_AND_SIZE_TO_SPAN_PAGES(MmGetMdlVirtualAddress(_Mdl), MmGetMdlByteCount(_Mdl)))
#define NDIS_BUFFER_LINKAGE(_Buffer) ((_Buffer)->Next)
#define ARGUMENT_PRESENT(ArgumentPointer) ((CHAR *)((ULONG_PTR)(ArgumentPointer)) != (CHAR *)(NULL))
#define NDIS_MAKE_NET_LUID(PNLUID, IFTYPE, NLUIDIDX) do { (PNLUID)->Info.IfType = IFTYPE; (PNLUID)->Info.NetLuidIndex = NLUIDIDX; (PNLUID)->Info.Reserved = 0; } while (0)

/* ---- register and port access ---- */
#define NdisRawReadPortUchar(Port, Data) *(Data) = READ_PORT_UCHAR((PUCHAR)(ULONG_PTR)(Port))
#define NdisRawReadPortUshort(Port, Data) *(Data) = READ_PORT_USHORT((PUSHORT)(ULONG_PTR)(Port))
#define NdisRawReadPortUlong(Port, Data) *(Data) = READ_PORT_ULONG((PULONG)(ULONG_PTR)(Port))
#define NdisRawReadPortBufferUchar(Port, Buffer, Length) READ_PORT_BUFFER_UCHAR((PUCHAR)(ULONG_PTR)(Port), (PUCHAR)(Buffer), (Length))
#define NdisRawReadPortBufferUshort(Port, Buffer, Length) READ_PORT_BUFFER_USHORT((PUSHORT)(ULONG_PTR)(Port), (PUSHORT)(Buffer), (Length))
#define NdisRawReadPortBufferUlong(Port, Buffer, Length) READ_PORT_BUFFER_ULONG((PULONG)(ULONG_PTR)(Port), (PULONG)(Buffer), (Length))
#define NdisRawWritePortUchar(Port, Data) WRITE_PORT_UCHAR((PUCHAR)(ULONG_PTR)(Port), (UCHAR)(Data))
#define NdisRawWritePortUshort(Port, Data) WRITE_PORT_USHORT((PUSHORT)(ULONG_PTR)(Port), (USHORT)(Data))
#define NdisRawWritePortUlong(Port, Data) WRITE_PORT_ULONG((PULONG)(ULONG_PTR)(Port), (ULONG)(Data))
#define NdisRawWritePortBufferUchar(Port, Buffer, Length) WRITE_PORT_BUFFER_UCHAR((PUCHAR)(ULONG_PTR)(Port), (PUCHAR)(Buffer), (Length))
#define NdisRawWritePortBufferUshort(Port, Buffer, Length) WRITE_PORT_BUFFER_USHORT((PUSHORT)(ULONG_PTR)(Port), (PUSHORT)(Buffer), (Length))
#define NdisRawWritePortBufferUlong(Port, Buffer, Length) WRITE_PORT_BUFFER_ULONG((PULONG)(ULONG_PTR)(Port), (PULONG)(Buffer), (Length))
#define NdisReadRegisterUchar(Register, Data) *(Data) = READ_REGISTER_UCHAR((PUCHAR)(Register))
#define NdisReadRegisterUshort(Register, Data) *(Data) = READ_REGISTER_USHORT((PUSHORT)(Register))
#define NdisReadRegisterUlong(Register, Data) *(Data) = READ_REGISTER_ULONG((PULONG)(Register))
#define NdisWriteRegisterUchar(Register, Data) WRITE_REGISTER_UCHAR((PUCHAR)(Register), (Data))
#define NdisWriteRegisterUshort(Register, Data) WRITE_REGISTER_USHORT((PUSHORT)(Register), (Data))
#define NdisWriteRegisterUlong(Register, Data) WRITE_REGISTER_ULONG((PULONG)(Register), (Data))
#define NdisUpdateSharedMemory(_H, _L, _V, _P) ((void)(_H), (void)(_L), (void)(_V), (void)(_P))
#define NdisFlushBuffer(Buffer, WriteToDevice) ((void)(Buffer), (void)(WriteToDevice))
#define NdisGetCacheFillSize() KeGetDcacheFillSize()

/* ---- enumerations ---- */
typedef enum _NDIS_INTERFACE_TYPE {
    NdisInterfaceInternal = Internal, NdisInterfaceIsa = Isa, NdisInterfaceEisa = Eisa,
    NdisInterfaceMca = MicroChannel, NdisInterfaceTurboChannel = TurboChannel, NdisInterfacePci = PCIBus,
    NdisInterfacePcMcia = PCMCIABus, NdisInterfaceCBus = CBus, NdisInterfaceMPIBus = MPIBus,
    NdisInterfaceMPSABus = MPSABus, NdisInterfaceProcessorInternal = ProcessorInternal,
    NdisInterfaceInternalPowerBus = InternalPowerBus, NdisInterfacePNPISABus = PNPISABus,
    NdisInterfacePNPBus = PNPBus, NdisInterfaceUSB, NdisInterfaceIrda, NdisInterface1394,
    NdisMaximumInterfaceType
} NDIS_INTERFACE_TYPE, *PNDIS_INTERFACE_TYPE;
typedef enum _NDIS_PARAMETER_TYPE { NdisParameterInteger, NdisParameterHexInteger, NdisParameterString, NdisParameterMultiString, NdisParameterBinary } NDIS_PARAMETER_TYPE, *PNDIS_PARAMETER_TYPE;
typedef enum _NDIS_HALT_ACTION {
    NdisHaltDeviceDisabled, NdisHaltDeviceInstanceDeInitialized, NdisHaltDevicePoweredDown,
    NdisHaltDeviceSurpriseRemoved, NdisHaltDeviceFailed, NdisHaltDeviceInitializationFailed,
    NdisHaltDeviceStopped
} NDIS_HALT_ACTION, *PNDIS_HALT_ACTION;
typedef enum _NDIS_SHUTDOWN_ACTION { NdisShutdownPowerOff, NdisShutdownBugCheck } NDIS_SHUTDOWN_ACTION, *PNDIS_SHUTDOWN_ACTION;
typedef enum _NDIS_DEVICE_PNP_EVENT {
    NdisDevicePnPEventQueryRemoved, NdisDevicePnPEventRemoved, NdisDevicePnPEventSurpriseRemoved,
    NdisDevicePnPEventQueryStopped, NdisDevicePnPEventStopped, NdisDevicePnPEventPowerProfileChanged,
    NdisDevicePnPEventFilterListChanged, NdisDevicePnPEventMaximum
} NDIS_DEVICE_PNP_EVENT, *PNDIS_DEVICE_PNP_EVENT;
typedef enum _NDIS_POWER_PROFILE { NdisPowerProfileBattery, NdisPowerProfileAcOnLine } NDIS_POWER_PROFILE, *PNDIS_POWER_PROFILE;
typedef enum _NDIS_INTERRUPT_TYPE { NDIS_CONNECT_LINE_BASED = 1, NDIS_CONNECT_MESSAGE_BASED } NDIS_INTERRUPT_TYPE, *PNDIS_INTERRUPT_TYPE;
typedef enum _NDIS_MSIX_TABLE_CONFIG { NdisMSIXTableConfigSetTableEntry, NdisMSIXTableConfigMaskTableEntry, NdisMSIXTableConfigUnmaskTableEntry, NdisMSIXTableConfigMax } NDIS_MSIX_TABLE_OPERATION;
typedef enum _NDIS_NET_BUFFER_LIST_INFO {
    TcpIpChecksumNetBufferListInfo, TcpOffloadBytesTransferred = TcpIpChecksumNetBufferListInfo,
    IPsecOffloadV1NetBufferListInfo, IPsecOffloadV2NetBufferListInfo = IPsecOffloadV1NetBufferListInfo,
    TcpLargeSendNetBufferListInfo, TcpReceiveNoPush = TcpLargeSendNetBufferListInfo,
    ClassificationHandleNetBufferListInfo, Ieee8021QNetBufferListInfo, NetBufferListCancelId,
    MediaSpecificInformation, NetBufferListFrameType, NetBufferListProtocolId = NetBufferListFrameType,
    NetBufferListHashValue, NetBufferListHashInfo, WfpNetBufferListInfo,
    IPsecOffloadV2TunnelNetBufferListInfo, IPsecOffloadV2HeaderNetBufferListInfo,
    NetBufferListCorrelationId, NetBufferListFilteringInfo, MediaSpecificInformationEx,
    NblOriginalInterfaceIfIndex, NblReAuthWfpFlowContext = NblOriginalInterfaceIfIndex,
    TcpReceiveBytesTransferred, NrtNameResolutionId, TcpSendOffloadsSupplementalNetBufferListInfo,
    UdpSegmentationOffloadInfo = TcpSendOffloadsSupplementalNetBufferListInfo, NetBufferListInfoReserved3,
    SwitchForwardingReserved = NetBufferListInfoReserved3, SwitchForwardingDetail, VirtualSubnetInfo,
    IMReserved, NetBufferListInfoReserved4, GftOffloadInformation, GftFlowEntryId, NetBufferListInfoReserved5,
    UdpRecvSegCoalesceOffloadInfo, MaxNetBufferListInfo
} NDIS_NET_BUFFER_LIST_INFO, *PNDIS_NET_BUFFER_LIST_INFO;

/* ---- configuration ---- */
typedef struct _NDIS_CONFIGURATION_PARAMETER {
    NDIS_PARAMETER_TYPE ParameterType;
    union { ULONG IntegerData; NDIS_STRING StringData; BINARY_DATA BinaryData; } ParameterData;
} NDIS_CONFIGURATION_PARAMETER, *PNDIS_CONFIGURATION_PARAMETER;
typedef struct _NDIS_CONFIGURATION_OBJECT {
    NDIS_OBJECT_HEADER Header;
    NDIS_HANDLE NdisHandle;
    ULONG Flags;
} NDIS_CONFIGURATION_OBJECT, *PNDIS_CONFIGURATION_OBJECT;
#define NDIS_CONFIGURATION_OBJECT_REVISION_1 1
#define NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_CONFIGURATION_OBJECT, Flags)
#define NDIS_CONFIG_FLAG_FILTER_INSTANCE_CONFIGURATION 0x00000001

/* ---- NET_BUFFER and NET_BUFFER_LIST ---- */
typedef struct _NET_BUFFER NET_BUFFER, *PNET_BUFFER;
typedef struct _NET_BUFFER_LIST_CONTEXT NET_BUFFER_LIST_CONTEXT, *PNET_BUFFER_LIST_CONTEXT;
typedef struct _NET_BUFFER_LIST NET_BUFFER_LIST, *PNET_BUFFER_LIST;
typedef union _NET_BUFFER_DATA_LENGTH { ULONG DataLength; SIZE_T stDataLength; } NET_BUFFER_DATA_LENGTH, *PNET_BUFFER_DATA_LENGTH;
typedef struct _NET_BUFFER_DATA {
    PNET_BUFFER Next;
    PMDL CurrentMdl;
    ULONG CurrentMdlOffset;
    union { ULONG DataLength; SIZE_T stDataLength; };
    PMDL MdlChain;
    ULONG DataOffset;
} NET_BUFFER_DATA, *PNET_BUFFER_DATA;
typedef union _NET_BUFFER_HEADER {
    NET_BUFFER_DATA NetBufferData;
    SLIST_HEADER Link;
} NET_BUFFER_HEADER, *PNET_BUFFER_HEADER;
struct _NET_BUFFER {
    union {
        struct {
            PNET_BUFFER Next;
            PMDL CurrentMdl;
            ULONG CurrentMdlOffset;
            union { ULONG DataLength; SIZE_T stDataLength; };
            PMDL MdlChain;
            ULONG DataOffset;
        };
        SLIST_HEADER Link;
        NET_BUFFER_HEADER NetBufferHeader;
    };
    USHORT ChecksumBias;
    USHORT Reserved;
    NDIS_HANDLE NdisPoolHandle;
    DECLSPEC_ALIGN(8) PVOID NdisReserved[2];
    DECLSPEC_ALIGN(8) PVOID ProtocolReserved[6];
    DECLSPEC_ALIGN(8) PVOID MiniportReserved[4];
    NDIS_PHYSICAL_ADDRESS DataPhysicalAddress;
    union { PVOID SharedMemoryInfo; PSCATTER_GATHER_LIST ScatterGatherList; };
};
typedef struct _NET_BUFFER_SHARED_MEMORY {
    struct _NET_BUFFER_SHARED_MEMORY *NextSharedMemorySegment;
    ULONG SharedMemoryFlags;
    NDIS_HANDLE SharedMemoryHandle;
    ULONG SharedMemoryOffset;
    ULONG SharedMemoryLength;
} NET_BUFFER_SHARED_MEMORY, *PNET_BUFFER_SHARED_MEMORY;
#define NET_BUFFER_SHARED_MEM_NEXT_SEGMENT(_SHI) ((_SHI)->NextSharedMemorySegment)
#define NET_BUFFER_SHARED_MEM_FLAGS(_SHI) ((_SHI)->SharedMemoryFlags)
#define NET_BUFFER_SHARED_MEM_HANDLE(_SHI) ((_SHI)->SharedMemoryHandle)
#define NET_BUFFER_SHARED_MEM_OFFSET(_SHI) ((_SHI)->SharedMemoryOffset)
#define NET_BUFFER_SHARED_MEM_LENGTH(_SHI) ((_SHI)->SharedMemoryLength)
struct _NET_BUFFER_LIST_CONTEXT {
    PNET_BUFFER_LIST_CONTEXT Next;
    USHORT Size;
    USHORT Offset;
    DECLSPEC_ALIGN(16) UCHAR ContextData[];
};
typedef struct _NET_BUFFER_LIST_DATA { PNET_BUFFER_LIST Next; PNET_BUFFER FirstNetBuffer; } NET_BUFFER_LIST_DATA, *PNET_BUFFER_LIST_DATA;
typedef union _NET_BUFFER_LIST_HEADER { NET_BUFFER_LIST_DATA NetBufferListData; SLIST_HEADER Link; } NET_BUFFER_LIST_HEADER, *PNET_BUFFER_LIST_HEADER;
struct _NET_BUFFER_LIST {
    union {
        struct { PNET_BUFFER_LIST Next; PNET_BUFFER FirstNetBuffer; };
        SLIST_HEADER Link;
        NET_BUFFER_LIST_HEADER NetBufferListHeader;
    };
    PNET_BUFFER_LIST_CONTEXT Context;
    PNET_BUFFER_LIST ParentNetBufferList;
    NDIS_HANDLE NdisPoolHandle;
    DECLSPEC_ALIGN(8) PVOID NdisReserved[2];
    DECLSPEC_ALIGN(8) PVOID ProtocolReserved[4];
    DECLSPEC_ALIGN(8) PVOID MiniportReserved[2];
    PVOID Scratch;
    NDIS_HANDLE SourceHandle;
    ULONG NblFlags;
    LONG ChildRefCount;
    ULONG Flags;
    union { NDIS_STATUS Status; ULONG NdisReserved2; };
    PVOID NetBufferListInfo[MaxNetBufferListInfo];
};
#define NET_BUFFER_NEXT_NB(_NB) ((_NB)->Next)
#define NET_BUFFER_FIRST_MDL(_NB) ((_NB)->MdlChain)
#define NET_BUFFER_DATA_LENGTH(_NB) ((_NB)->DataLength)
#define NET_BUFFER_DATA_OFFSET(_NB) ((_NB)->DataOffset)
#define NET_BUFFER_CURRENT_MDL(_NB) ((_NB)->CurrentMdl)
#define NET_BUFFER_CURRENT_MDL_OFFSET(_NB) ((_NB)->CurrentMdlOffset)
#define NET_BUFFER_PROTOCOL_RESERVED(_NB) ((_NB)->ProtocolReserved)
#define NET_BUFFER_MINIPORT_RESERVED(_NB) ((_NB)->MiniportReserved)
#define NET_BUFFER_CHECKSUM_BIAS(_NB) ((_NB)->ChecksumBias)
#define NET_BUFFER_DATA_PHYSICAL_ADDRESS(_NB) ((_NB)->DataPhysicalAddress)
#define NET_BUFFER_SHARED_MEMORY_INFO(_NB) ((_NB)->SharedMemoryInfo)
#define NET_BUFFER_FIRST_SHARED_MEM_INFO(_NB) (*(PNET_BUFFER_SHARED_MEMORY *)&(_NB)->SharedMemoryInfo)
#define NET_BUFFER_SCATTER_GATHER_LIST(_NB) ((_NB)->ScatterGatherList)
#define NET_BUFFER_LIST_NEXT_NBL(_NBL) ((_NBL)->Next)
#define NET_BUFFER_LIST_FIRST_NB(_NBL) ((_NBL)->FirstNetBuffer)
#define NET_BUFFER_LIST_FLAGS(_NBL) ((_NBL)->Flags)
#define NET_BUFFER_LIST_NBL_FLAGS(_NBL) ((_NBL)->NblFlags)
#define NdisSetNblFlag(_NBL, _F) ((_NBL)->NblFlags |= (_F))
#define NdisClearNblFlag(_NBL, _F) ((_NBL)->NblFlags &= ~(_F))
#define NdisTestNblFlag(_NBL, _F) (((_NBL)->NblFlags & (_F)) != 0)
#define NdisTestNblFlags(_NBL, _F) (((_NBL)->NblFlags & (_F)) == (_F))
#define NDIS_SET_NBL_FLAG(_NBL, _F) NdisSetNblFlag(_NBL, _F)
#define NDIS_CLEAR_NBL_FLAG(_NBL, _F) NdisClearNblFlag(_NBL, _F)
#define NDIS_TEST_NBL_FLAG(_NBL, _F) NdisTestNblFlag(_NBL, _F)
#define NET_BUFFER_LIST_PROTOCOL_RESERVED(_NBL) ((_NBL)->ProtocolReserved)
#define NET_BUFFER_LIST_MINIPORT_RESERVED(_NBL) ((_NBL)->MiniportReserved)
#define NET_BUFFER_LIST_CONTEXT_DATA_START(_NBL) ((PUCHAR)(((_NBL)->Context) + 1) + (_NBL)->Context->Offset)
#define NET_BUFFER_LIST_CONTEXT_DATA_SIZE(_NBL) (((_NBL)->Context)->Size)
#define NET_BUFFER_LIST_STATUS(_NBL) ((_NBL)->Status)
#define NET_BUFFER_LIST_INFO(_NBL, _Id) ((_NBL)->NetBufferListInfo[(_Id)])
#define NET_BUFFER_LIST_SET_HASH_TYPE(_NBL, _HashType) (NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashInfo) = UlongToPtr(((PtrToUlong(NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashInfo)) & (~NDIS_HASH_TYPE_MASK)) | ((_HashType) & (NDIS_HASH_TYPE_MASK)))))
#define NET_BUFFER_LIST_SET_HASH_FUNCTION(_NBL, _HashFunction) (NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashInfo) = UlongToPtr(((PtrToUlong(NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashInfo)) & (~NDIS_HASH_FUNCTION_MASK)) | ((_HashFunction) & (NDIS_HASH_FUNCTION_MASK)))))
#define NET_BUFFER_LIST_SET_HASH_VALUE(_NBL, _HashValue) (NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashValue) = UlongToPtr(_HashValue))
#define NET_BUFFER_LIST_GET_HASH_TYPE(_NBL) (PtrToUlong(NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashInfo)) & (NDIS_HASH_TYPE_MASK))
#define NET_BUFFER_LIST_GET_HASH_FUNCTION(_NBL) (PtrToUlong(NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashInfo)) & (NDIS_HASH_FUNCTION_MASK))
#define NET_BUFFER_LIST_GET_HASH_VALUE(_NBL) (PtrToUlong(NET_BUFFER_LIST_INFO(_NBL, NetBufferListHashValue)))
#define NET_BUFFER_LIST_RECEIVE_QUEUE_ID(_NBL) (((PNDIS_NET_BUFFER_LIST_FILTERING_INFO)&NET_BUFFER_LIST_INFO(_NBL, NetBufferListFilteringInfo))->FilteringInfo.QueueVPortInfo.QueueId)
#define NET_BUFFER_LIST_RECEIVE_FILTER_ID(_NBL) (((PNDIS_NET_BUFFER_LIST_FILTERING_INFO)&NET_BUFFER_LIST_INFO(_NBL, NetBufferListFilteringInfo))->FilteringInfo.FilterId)
#define NET_BUFFER_LIST_RECEIVE_FILTER_VPORT_ID(_NBL) (((PNDIS_NET_BUFFER_LIST_FILTERING_INFO)&NET_BUFFER_LIST_INFO(_NBL, NetBufferListFilteringInfo))->FilteringInfo.QueueVPortInfo.VPortId)
#define NET_BUFFER_LIST_RECEIVE_QUEUE_ID_DEFAULT NDIS_DEFAULT_RECEIVE_QUEUE_ID
#define NET_BUFFER_LIST_COALESCED_SEG_COUNT(_NBL) (((PNDIS_RSC_NBL_INFO)&NET_BUFFER_LIST_INFO(_NBL, TcpRecvSegCoalesceInfo))->Info.CoalescedSegCount)
#define NET_BUFFER_LIST_DUP_ACK_COUNT(_NBL) (((PNDIS_RSC_NBL_INFO)&NET_BUFFER_LIST_INFO(_NBL, TcpRecvSegCoalesceInfo))->Info.DupAckCount)
#define NET_BUFFER_LIST_FRAME_TYPE(_NBL) (NET_BUFFER_LIST_INFO(_NBL, NetBufferListFrameType))
#define NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(_NBL) (NET_BUFFER_LIST_INFO(_NBL, NetBufferListCancelId))
#define NDIS_SET_NET_BUFFER_LIST_CANCEL_ID(_NBL, _CancelId) (NET_BUFFER_LIST_INFO(_NBL, NetBufferListCancelId) = (_CancelId))
#define NDIS_GET_NET_BUFFER_LIST_VLAN_ID(_NBL) (((NDIS_NET_BUFFER_LIST_8021Q_INFO *)&NET_BUFFER_LIST_INFO(_NBL, Ieee8021QNetBufferListInfo))->TagHeader.VlanId)
#define NDIS_SET_NET_BUFFER_LIST_VLAN_ID(_NBL, _VlanId) (((NDIS_NET_BUFFER_LIST_8021Q_INFO *)&NET_BUFFER_LIST_INFO(_NBL, Ieee8021QNetBufferListInfo))->TagHeader.VlanId = (_VlanId))
#define NDIS_GET_NET_BUFFER_LIST_USER_PRIORITY(_NBL) (((NDIS_NET_BUFFER_LIST_8021Q_INFO *)&NET_BUFFER_LIST_INFO(_NBL, Ieee8021QNetBufferListInfo))->TagHeader.UserPriority)
#define NDIS_SET_NET_BUFFER_LIST_USER_PRIORITY(_NBL, _P) (((NDIS_NET_BUFFER_LIST_8021Q_INFO *)&NET_BUFFER_LIST_INFO(_NBL, Ieee8021QNetBufferListInfo))->TagHeader.UserPriority = (_P))
#define TcpRecvSegCoalesceInfo MediaSpecificInformation
#define NDIS_NBL_FLAGS_SEND_READ_ONLY 0x00000001
#define NDIS_NBL_FLAGS_RECV_READ_ONLY 0x00000002
#define NDIS_NBL_FLAGS_HD_SPLIT 0x00000100
/* EtherType values (host order) */
#define NDIS_ETH_TYPE_IPV4 0x0800
#define NDIS_ETH_TYPE_ARP 0x0806
#define NDIS_ETH_TYPE_IPV6 0x86DD
#define NDIS_ETH_TYPE_802_1X 0x888E
#define NDIS_ETH_TYPE_802_1Q 0x8100
#define NDIS_ETH_TYPE_SLOW_PROTOCOL 0x8809
#define NDIS_NBL_FLAGS_SPLIT_AT_UPPER_LAYER_PROTOCOL_HEADER 0x00000200
#define NDIS_NBL_FLAGS_SPLIT_AT_UPPER_LAYER_PROTOCOL_PAYLOAD 0x00000400
#define NDIS_NBL_FLAGS_IS_IPV4 0x00000200
#define NDIS_NBL_FLAGS_IS_IPV6 0x00000400
#define NDIS_NBL_FLAGS_IS_TCP 0x00000800
#define NDIS_NBL_FLAGS_IS_UDP 0x00001000
#define NDIS_NBL_FLAGS_IS_LOOPBACK_PACKET 0x00008000
#define NDIS_NBL_FLAGS_CAPTURE_TIMESTAMP_ON_TRANSMIT 0x00010000
#define NBL_FLAGS_PROTOCOL_RESERVED 0xFFF00000
#define NBL_FLAGS_MINIPORT_RESERVED 0x0000F000
#define NBL_FLAGS_SCRATCH 0x000F0000
#define NBL_FLAGS_NDIS_RESERVED 0x00000FFF
#define NBL_PROT_RSVD_FLAGS NBL_FLAGS_PROTOCOL_RESERVED
#define NBL_TEST_FLAG(_NBL, _F) (((_NBL)->Flags & (_F)) != 0)
#define NBL_SET_FLAG(_NBL, _F) ((_NBL)->Flags |= (_F))
#define NBL_CLEAR_FLAG(_NBL, _F) ((_NBL)->Flags &= ~(_F))
#define NBL_SET_PROT_RSVD_FLAG(_NBL, _F) ((_NBL)->Flags |= ((_F) & NBL_FLAGS_PROTOCOL_RESERVED))
#define NBL_CLEAR_PROT_RSVD_FLAG(_NBL, _F) ((_NBL)->Flags &= ~((_F) & NBL_FLAGS_PROTOCOL_RESERVED))
#define NBL_TEST_PROT_RSVD_FLAG(_NBL, _F) ((_NBL)->Flags & ((_F) & NBL_FLAGS_PROTOCOL_RESERVED))
#define NDIS_SEND_FLAGS_DISPATCH_LEVEL 0x00000001
#define NDIS_SEND_FLAGS_CHECK_FOR_LOOPBACK 0x00000002
#define NDIS_SEND_FLAGS_SINGLE_QUEUE 0x00000004
#define NDIS_SEND_FLAGS_SWITCH_DESTINATION_GROUP 0x00000010
#define NDIS_SEND_FLAGS_SWITCH_SINGLE_SOURCE 0x00000020
#define NDIS_TEST_SEND_FLAG(_Flags, _Fl) (((_Flags) & (_Fl)) == (_Fl))
#define NDIS_SET_SEND_FLAG(_Flags, _Fl) ((_Flags) |= (_Fl))
#define NDIS_TEST_SEND_AT_DISPATCH_LEVEL(_Flags) NDIS_TEST_SEND_FLAG((_Flags), NDIS_SEND_FLAGS_DISPATCH_LEVEL)
#define NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL 0x00000001
#define NDIS_SEND_COMPLETE_FLAGS_SINGLE_QUEUE 0x00000002
#define NDIS_SEND_COMPLETE_FLAGS_SWITCH_SINGLE_SOURCE 0x00000004
#define NDIS_TEST_SEND_COMPLETE_FLAG(_Flags, _Fl) (((_Flags) & (_Fl)) == (_Fl))
#define NDIS_SET_SEND_COMPLETE_FLAG(_Flags, _Fl) ((_Flags) |= (_Fl))
#define NDIS_TEST_SEND_COMPLETE_AT_DISPATCH_LEVEL(_Flags) NDIS_TEST_SEND_COMPLETE_FLAG((_Flags), NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL)
#define NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL 0x00000001
#define NDIS_RECEIVE_FLAGS_RESOURCES 0x00000002
#define NDIS_RECEIVE_FLAGS_SINGLE_ETHER_TYPE 0x00000100
#define NDIS_RECEIVE_FLAGS_SINGLE_VLAN 0x00000200
#define NDIS_RECEIVE_FLAGS_PERFECT_FILTERED 0x00000400
#define NDIS_RECEIVE_FLAGS_SINGLE_QUEUE 0x00000800
#define NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID 0x00001000
#define NDIS_RECEIVE_FLAGS_MORE_NBLS 0x00002000
#define NDIS_RECEIVE_FLAGS_SWITCH_SINGLE_SOURCE 0x00004000
#define NDIS_RECEIVE_FLAGS_SWITCH_DESTINATION_GROUP 0x00008000
#define NDIS_TEST_RECEIVE_FLAG(_Flags, _Fl) (((_Flags) & (_Fl)) == (_Fl))
#define NDIS_SET_RECEIVE_FLAG(_Flags, _Fl) ((_Flags) |= (_Fl))
#define NDIS_TEST_RECEIVE_AT_DISPATCH_LEVEL(_Flags) NDIS_TEST_RECEIVE_FLAG((_Flags), NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL)
#define NDIS_TEST_RECEIVE_CANNOT_PEND(_Flags) NDIS_TEST_RECEIVE_FLAG((_Flags), NDIS_RECEIVE_FLAGS_RESOURCES)
#define NDIS_TEST_RECEIVE_CAN_PEND(_Flags) (((_Flags) & NDIS_RECEIVE_FLAGS_RESOURCES) == 0)
#define NDIS_RETURN_FLAGS_DISPATCH_LEVEL 0x00000001
#define NDIS_RETURN_FLAGS_SINGLE_QUEUE 0x00000002
#define NDIS_RETURN_FLAGS_SWITCH_SINGLE_SOURCE 0x00000004
#define NDIS_TEST_RETURN_FLAG(_Flags, _Fl) (((_Flags) & (_Fl)) == (_Fl))
#define NDIS_SET_RETURN_FLAG(_Flags, _Fl) ((_Flags) |= (_Fl))
#define NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(_Flags) NDIS_TEST_RETURN_FLAG((_Flags), NDIS_RETURN_FLAGS_DISPATCH_LEVEL)
#define NDIS_CLONE_FLAGS_RESERVED 0x00000001
#define NDIS_CLONE_FLAGS_USE_ORIGINAL_MDLS 0x00000002
#define NET_BUFFER_LIST_POOL_FLAG_VERIFY 0x00000001

typedef struct _NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO {
    union {
        struct { ULONG IsIPv4 : 1; ULONG IsIPv6 : 1; ULONG TcpChecksum : 1; ULONG UdpChecksum : 1; ULONG IpHeaderChecksum : 1; ULONG Reserved : 11; ULONG TcpHeaderOffset : 10; } Transmit;
        struct { ULONG TcpChecksumFailed : 1; ULONG UdpChecksumFailed : 1; ULONG IpChecksumFailed : 1; ULONG TcpChecksumSucceeded : 1; ULONG UdpChecksumSucceeded : 1; ULONG IpChecksumSucceeded : 1; ULONG Loopback : 1; ULONG TcpChecksumValueInvalid : 1; ULONG IpChecksumValueInvalid : 1; } Receive;
        PVOID Value;
    };
} NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO, *PNDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO;
typedef struct _NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO {
    union {
        struct { ULONG Unused : 30; ULONG Type : 1; ULONG Reserved2 : 1; } Transmit;
        struct { ULONG MSS : 20; ULONG TcpHeaderOffset : 10; ULONG Type : 1; ULONG Reserved2 : 1; } LsoV1Transmit;
        struct { ULONG TcpPayload : 30; ULONG Type : 1; ULONG Reserved2 : 1; } LsoV1TransmitComplete;
        struct { ULONG MSS : 20; ULONG TcpHeaderOffset : 10; ULONG Type : 1; ULONG Reserved2 : 1; ULONG IPVersion : 2; ULONG Reserved3 : 30; } LsoV2Transmit;
        struct { ULONG Reserved : 30; ULONG Type : 1; ULONG Reserved2 : 1; } LsoV2TransmitComplete;
        PVOID Value;
    };
} NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO, *PNDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO;
#define NDIS_TCP_LARGE_SEND_OFFLOAD_V1_TYPE 0
#define NDIS_TCP_LARGE_SEND_OFFLOAD_V2_TYPE 1
#define NDIS_TCP_LARGE_SEND_OFFLOAD_IPv4 0
#define NDIS_TCP_LARGE_SEND_OFFLOAD_IPv6 1
typedef struct _NDIS_UDP_SEGMENTATION_OFFLOAD_NET_BUFFER_LIST_INFO {
    union { struct { ULONG MSS : 20; ULONG UdpHeaderOffset : 10; ULONG Reserved : 1; ULONG IPVersion : 1; } Transmit; PVOID Value; };
} NDIS_UDP_SEGMENTATION_OFFLOAD_NET_BUFFER_LIST_INFO, *PNDIS_UDP_SEGMENTATION_OFFLOAD_NET_BUFFER_LIST_INFO;
typedef struct _NDIS_NET_BUFFER_LIST_8021Q_INFO {
    union {
        struct { UINT32 UserPriority : 3; UINT32 CanonicalFormatId : 1; UINT32 VlanId : 12; UINT32 Reserved : 16; } TagHeader;
        struct { UINT32 UserPriority : 3; UINT32 CanonicalFormatId : 1; UINT32 VlanId : 12; UINT32 WMMInfo : 4; UINT32 Reserved : 12; } WLanTagHeader;
        PVOID Value;
    };
} NDIS_NET_BUFFER_LIST_8021Q_INFO, *PNDIS_NET_BUFFER_LIST_8021Q_INFO;
/* NDIS 5.x per-packet information, still declared for NDIS 6 drivers
 * that keep the old layouts in their own NBL reserved areas */
typedef struct _NDIS_TCP_IP_CHECKSUM_PACKET_INFO {
    union {
        struct { ULONG NdisPacketChecksumV4 : 1; ULONG NdisPacketChecksumV6 : 1; ULONG NdisPacketTcpChecksum : 1;
                 ULONG NdisPacketUdpChecksum : 1; ULONG NdisPacketIpChecksum : 1; } Transmit;
        struct { ULONG NdisPacketTcpChecksumFailed : 1; ULONG NdisPacketUdpChecksumFailed : 1;
                 ULONG NdisPacketIpChecksumFailed : 1; ULONG NdisPacketTcpChecksumSucceeded : 1;
                 ULONG NdisPacketUdpChecksumSucceeded : 1; ULONG NdisPacketIpChecksumSucceeded : 1;
                 ULONG NdisPacketLoopback : 1; } Receive;
        ULONG Value;
    };
} NDIS_TCP_IP_CHECKSUM_PACKET_INFO, *PNDIS_TCP_IP_CHECKSUM_PACKET_INFO;
typedef struct _NDIS_PACKET_8021Q_INFO {
    union {
        struct { UINT32 UserPriority : 3; UINT32 CanonicalFormatId : 1; UINT32 VlanId : 12; UINT32 Reserved : 16; } TagHeader;
        PVOID Value;
    };
} NDIS_PACKET_8021Q_INFO, *PNDIS_PACKET_8021Q_INFO;
typedef struct _NDIS_NET_BUFFER_LIST_FILTERING_INFO {
    union { struct { USHORT FilterId; union { USHORT QueueId; USHORT VPortId; } QueueVPortInfo; } FilteringInfo; PVOID Value; };
} NDIS_NET_BUFFER_LIST_FILTERING_INFO, *PNDIS_NET_BUFFER_LIST_FILTERING_INFO;
typedef union _NDIS_RSC_NBL_INFO {
    struct { USHORT CoalescedSegCount; USHORT DupAckCount; } Info;
    PVOID Value;
} NDIS_RSC_NBL_INFO, *PNDIS_RSC_NBL_INFO;
typedef struct _NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO {
    union { struct { NDIS_HANDLE OffloadHandle; } Transmit; struct { ULONG SaDeleteReq : 1; ULONG CryptoDone : 1; ULONG NextCryptoDone : 1; ULONG Pad : 13; USHORT CryptoStatus; } Receive; };
} NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO, *PNDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO;
typedef struct _NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO {
    union { struct { PVOID OffloadHandle; } Transmit; struct { ULONG SaDeleteReq : 1; ULONG CryptoDone : 1; ULONG NextCryptoDone : 1; ULONG Reserved : 13; ULONG CryptoStatus : 16; } Receive; };
} NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO, *PNDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO;

typedef struct _NET_BUFFER_LIST_POOL_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    UCHAR ProtocolId;
    BOOLEAN fAllocateNetBuffer;
    USHORT ContextSize;
    ULONG PoolTag;
    ULONG DataSize;
    ULONG Flags;
} NET_BUFFER_LIST_POOL_PARAMETERS, *PNET_BUFFER_LIST_POOL_PARAMETERS;
#define NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 1
#define NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2 2
#define NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_LIST_POOL_PARAMETERS, DataSize)
#define NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_LIST_POOL_PARAMETERS, Flags)
typedef struct _NET_BUFFER_POOL_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG PoolTag;
    ULONG DataSize;
    ULONG Flags;
} NET_BUFFER_POOL_PARAMETERS, *PNET_BUFFER_POOL_PARAMETERS;
#define NET_BUFFER_POOL_PARAMETERS_REVISION_1 1
#define NET_BUFFER_POOL_PARAMETERS_REVISION_2 2
#define NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_POOL_PARAMETERS, DataSize)
#define NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_POOL_PARAMETERS, Flags)
typedef PMDL (NET_BUFFER_ALLOCATE_MDL)(PULONG BufferSize);
typedef NET_BUFFER_ALLOCATE_MDL *NET_BUFFER_ALLOCATE_MDL_HANDLER;
typedef VOID (NET_BUFFER_FREE_MDL)(PMDL Mdl);
typedef NET_BUFFER_FREE_MDL *NET_BUFFER_FREE_MDL_HANDLER;

/* ---- OID requests and status indications ---- */
typedef struct _NDIS_OID_REQUEST {
    NDIS_OBJECT_HEADER Header;
    NDIS_REQUEST_TYPE RequestType;
    NDIS_PORT_NUMBER PortNumber;
    UINT Timeout;
    PVOID RequestId;
    NDIS_HANDLE RequestHandle;
    union _NDIS_OID_REQUEST_DATA {
        struct _QUERY { NDIS_OID Oid; PVOID InformationBuffer; UINT InformationBufferLength; UINT BytesWritten; UINT BytesNeeded; } QUERY_INFORMATION;
        struct _SET { NDIS_OID Oid; PVOID InformationBuffer; UINT InformationBufferLength; UINT BytesRead; UINT BytesNeeded; } SET_INFORMATION;
        struct _METHOD { NDIS_OID Oid; PVOID InformationBuffer; ULONG InputBufferLength; ULONG OutputBufferLength; ULONG MethodId; UINT BytesWritten; UINT BytesRead; UINT BytesNeeded; } METHOD_INFORMATION;
    } DATA;
    UCHAR NdisReserved[16 * sizeof(PVOID)];
    UCHAR MiniportReserved[2 * sizeof(PVOID)];
    UCHAR SourceReserved[2 * sizeof(PVOID)];
    UCHAR SupportedRevision;
    UCHAR Reserved1;
    USHORT Reserved2;
    NDIS_NIC_SWITCH_ID SwitchId;
    NDIS_NIC_SWITCH_VPORT_ID VPortId;
    ULONG Flags;
} NDIS_OID_REQUEST, *PNDIS_OID_REQUEST;
#define NDIS_OID_REQUEST_REVISION_1 1
#define NDIS_OID_REQUEST_REVISION_2 2
#define NDIS_SIZEOF_OID_REQUEST_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_OID_REQUEST, Reserved2)
#define NDIS_SIZEOF_OID_REQUEST_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_OID_REQUEST, Flags)
#define NDIS_OID_REQUEST_FLAGS_VPORT_ID_VALID 0x0001
#define NDIS_OID_REQUEST_NDIS_RESERVED_SIZE 16
#define NDIS_OID_REQUEST_TIMEOUT_INFINITE 0
typedef struct _NDIS_STATUS_INDICATION {
    NDIS_OBJECT_HEADER Header;
    NDIS_HANDLE SourceHandle;
    NDIS_PORT_NUMBER PortNumber;
    NDIS_STATUS StatusCode;
    ULONG Flags;
    NDIS_HANDLE DestinationHandle;
    PVOID RequestId;
    PVOID StatusBuffer;
    ULONG StatusBufferSize;
    GUID Guid;
    PVOID NdisReserved[4];
} NDIS_STATUS_INDICATION, *PNDIS_STATUS_INDICATION;
#define NDIS_STATUS_INDICATION_REVISION_1 1
#define NDIS_SIZEOF_STATUS_INDICATION_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_STATUS_INDICATION, NdisReserved)
#define NDIS_STATUS_INDICATION_FLAGS_MEDIA_CONNECT_TO_CONNECT 0x1000
#define NDIS_STATUS_INDICATION_FLAGS_NDIS_RESERVED 0xFFF
typedef struct _NDIS_RESTART_ATTRIBUTES {
    struct _NDIS_RESTART_ATTRIBUTES *Next;
    NDIS_OID Oid;
    ULONG DataLength;
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) UCHAR Data[1];
} NDIS_RESTART_ATTRIBUTES, *PNDIS_RESTART_ATTRIBUTES;
typedef struct _NDIS_RESTART_GENERAL_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    ULONG MtuSize;
    ULONG64 MaxXmitLinkSpeed;
    ULONG64 MaxRcvLinkSpeed;
    ULONG LookaheadSize;
    ULONG MacOptions;
    ULONG SupportedPacketFilters;
    ULONG MaxMulticastListSize;
    PNDIS_RECEIVE_SCALE_CAPABILITIES RecvScaleCapabilities;
    NET_IF_ACCESS_TYPE AccessType;
    ULONG Flags;
    NET_IF_CONNECTION_TYPE ConnectionType;
    ULONG SupportedStatistics;
    ULONG DataBackFillSize;
    ULONG ContextBackFillSize;
    PNDIS_OID SupportedOidList;
    ULONG SupportedOidListLength;
    ULONG MaxLookaheadSizeAccessed;
} NDIS_RESTART_GENERAL_ATTRIBUTES, *PNDIS_RESTART_GENERAL_ATTRIBUTES;
#define NDIS_RESTART_GENERAL_ATTRIBUTES_REVISION_1 1
#define NDIS_RESTART_GENERAL_ATTRIBUTES_REVISION_2 2
#define NDIS_SIZEOF_RESTART_GENERAL_ATTRIBUTES_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_RESTART_GENERAL_ATTRIBUTES, SupportedOidListLength)
#define NDIS_SIZEOF_RESTART_GENERAL_ATTRIBUTES_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_RESTART_GENERAL_ATTRIBUTES, MaxLookaheadSizeAccessed)
typedef struct _NDIS_PCI_DEVICE_CUSTOM_PROPERTIES {
    NDIS_OBJECT_HEADER Header;
    UINT32 DeviceType;
    UINT32 CurrentSpeedAndMode;
    UINT32 CurrentPayloadSize;
    UINT32 MaxPayloadSize;
    UINT32 MaxReadRequestSize;
    UINT32 CurrentLinkSpeed;
    UINT32 CurrentLinkWidth;
    UINT32 MaxLinkSpeed;
    UINT32 MaxLinkWidth;
    UINT32 PciExpressVersion;
    UINT32 InterruptType;
    UINT32 MaxInterruptMessages;
} NDIS_PCI_DEVICE_CUSTOM_PROPERTIES, *PNDIS_PCI_DEVICE_CUSTOM_PROPERTIES;
typedef struct _NDIS_MINIPORT_INIT_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    PNDIS_RESOURCE_LIST AllocatedResources;
    NDIS_HANDLE IMDeviceInstanceContext;
    NDIS_HANDLE MiniportAddDeviceContext;
    NET_IFINDEX IfIndex;
    NET_LUID NetLuid;
    PNDIS_PORT_AUTHENTICATION_PARAMETERS DefaultPortAuthStates;
    PNDIS_PCI_DEVICE_CUSTOM_PROPERTIES PciDeviceCustomProperties;
} NDIS_MINIPORT_INIT_PARAMETERS, *PNDIS_MINIPORT_INIT_PARAMETERS;
#define NDIS_MINIPORT_INIT_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_MINIPORT_INIT_PARAMETER_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_INIT_PARAMETERS, PciDeviceCustomProperties)
typedef struct _NDIS_MINIPORT_RESTART_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    PNDIS_RESTART_ATTRIBUTES RestartAttributes;
    ULONG Flags;
} NDIS_MINIPORT_RESTART_PARAMETERS, *PNDIS_MINIPORT_RESTART_PARAMETERS;
#define NDIS_MINIPORT_RESTART_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_MINIPORT_RESTART_PARAMETERS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_RESTART_PARAMETERS, Flags)
typedef struct _NDIS_MINIPORT_PAUSE_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG PauseReason;
} NDIS_MINIPORT_PAUSE_PARAMETERS, *PNDIS_MINIPORT_PAUSE_PARAMETERS;
#define NDIS_MINIPORT_PAUSE_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_MINIPORT_PAUSE_PARAMETERS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_PAUSE_PARAMETERS, PauseReason)
#define NDIS_PAUSE_NDIS_INTERNAL 0x00000001
#define NDIS_PAUSE_LOW_POWER 0x00000002
#define NDIS_PAUSE_BIND_PROTOCOL 0x00000004
#define NDIS_PAUSE_UNBIND_PROTOCOL 0x00000008
#define NDIS_PAUSE_ATTACH_FILTER 0x00000010
#define NDIS_PAUSE_DETACH_FILTER 0x00000020
#define NDIS_PAUSE_FILTER_RESTART_STACK 0x00000040
#define NDIS_PAUSE_MINIPORT_DEVICE_REMOVE 0x00000080
typedef struct _NET_DEVICE_PNP_EVENT {
    NDIS_OBJECT_HEADER Header;
    NDIS_PORT_NUMBER PortNumber;
    NDIS_DEVICE_PNP_EVENT DevicePnPEvent;
    PVOID InformationBuffer;
    ULONG InformationBufferLength;
    UCHAR NdisReserved[2 * sizeof(PVOID)];
} NET_DEVICE_PNP_EVENT, *PNET_DEVICE_PNP_EVENT;
#define NET_DEVICE_PNP_EVENT_REVISION_1 1
#define NDIS_SIZEOF_NET_DEVICE_PNP_EVENT_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NET_DEVICE_PNP_EVENT, NdisReserved)
typedef struct _NET_PNP_EVENT_NOTIFICATION {
    NDIS_OBJECT_HEADER Header;
    NDIS_PORT_NUMBER PortNumber;
    NET_PNP_EVENT NetPnPEvent;
    ULONG Flags;
} NET_PNP_EVENT_NOTIFICATION, *PNET_PNP_EVENT_NOTIFICATION;
#define NET_PNP_EVENT_NOTIFICATION_REVISION_1 1
#define NET_PNP_EVENT_NOTIFICATION_REVISION_2 2
#define NDIS_SIZEOF_NET_PNP_EVENT_NOTIFICATION_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NET_PNP_EVENT_NOTIFICATION, NetPnPEvent)
#define NDIS_SIZEOF_NET_PNP_EVENT_NOTIFICATION_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NET_PNP_EVENT_NOTIFICATION, Flags)
typedef struct _NDIS_RECEIVE_THROTTLE_PARAMETERS { ULONG MaxNblsToIndicate; ULONG MoreNblsPending : 1; } NDIS_RECEIVE_THROTTLE_PARAMETERS, *PNDIS_RECEIVE_THROTTLE_PARAMETERS;
#define NDIS_INDICATE_ALL_NBLS (~0ul)

/* ---- miniport role typedefs (the names drivers declare their callbacks with) ---- */
typedef NDIS_STATUS (MINIPORT_SET_OPTIONS)(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext);
typedef MINIPORT_SET_OPTIONS (*SET_OPTIONS_HANDLER);
typedef MINIPORT_SET_OPTIONS (*MINIPORT_SET_OPTIONS_HANDLER);
typedef MINIPORT_SET_OPTIONS SET_OPTIONS;
typedef NDIS_STATUS (MINIPORT_INITIALIZE)(NDIS_HANDLE NdisMiniportHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters);
typedef MINIPORT_INITIALIZE (*MINIPORT_INITIALIZE_HANDLER);
typedef VOID (MINIPORT_HALT)(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction);
typedef MINIPORT_HALT (*MINIPORT_HALT_HANDLER);
typedef VOID (MINIPORT_UNLOAD)(PDRIVER_OBJECT DriverObject);
typedef MINIPORT_UNLOAD (*MINIPORT_UNLOAD_HANDLER);
typedef NDIS_STATUS (MINIPORT_PAUSE)(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters);
typedef MINIPORT_PAUSE (*MINIPORT_PAUSE_HANDLER);
typedef NDIS_STATUS (MINIPORT_RESTART)(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters);
typedef MINIPORT_RESTART (*MINIPORT_RESTART_HANDLER);
typedef NDIS_STATUS (MINIPORT_OID_REQUEST)(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest);
typedef MINIPORT_OID_REQUEST (*MINIPORT_OID_REQUEST_HANDLER);
typedef VOID (MINIPORT_CANCEL_OID_REQUEST)(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId);
typedef MINIPORT_CANCEL_OID_REQUEST (*MINIPORT_CANCEL_OID_REQUEST_HANDLER);
typedef NDIS_STATUS (MINIPORT_DIRECT_OID_REQUEST)(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest);
typedef MINIPORT_DIRECT_OID_REQUEST (*MINIPORT_DIRECT_OID_REQUEST_HANDLER);
typedef VOID (MINIPORT_CANCEL_DIRECT_OID_REQUEST)(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId);
typedef MINIPORT_CANCEL_DIRECT_OID_REQUEST (*MINIPORT_CANCEL_DIRECT_OID_REQUEST_HANDLER);
typedef NDIS_STATUS (MINIPORT_SYNCHRONOUS_OID_REQUEST)(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest);
typedef MINIPORT_SYNCHRONOUS_OID_REQUEST (*MINIPORT_SYNCHRONOUS_OID_REQUEST_HANDLER);
typedef VOID (MINIPORT_SEND_NET_BUFFER_LISTS)(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferList, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags);
typedef MINIPORT_SEND_NET_BUFFER_LISTS (*MINIPORT_SEND_NET_BUFFER_LISTS_HANDLER);
typedef VOID (MINIPORT_RETURN_NET_BUFFER_LISTS)(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags);
typedef MINIPORT_RETURN_NET_BUFFER_LISTS (*MINIPORT_RETURN_NET_BUFFER_LISTS_HANDLER);
typedef VOID (MINIPORT_CANCEL_SEND)(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId);
typedef MINIPORT_CANCEL_SEND (*MINIPORT_CANCEL_SEND_HANDLER);
typedef BOOLEAN (MINIPORT_CHECK_FOR_HANG)(NDIS_HANDLE MiniportAdapterContext);
typedef MINIPORT_CHECK_FOR_HANG (*MINIPORT_CHECK_FOR_HANG_HANDLER);
typedef NDIS_STATUS (MINIPORT_RESET)(NDIS_HANDLE MiniportAdapterContext, PBOOLEAN AddressingReset);
typedef MINIPORT_RESET (*MINIPORT_RESET_HANDLER);
typedef VOID (MINIPORT_DEVICE_PNP_EVENT_NOTIFY)(NDIS_HANDLE MiniportAdapterContext, PNET_DEVICE_PNP_EVENT NetDevicePnPEvent);
typedef MINIPORT_DEVICE_PNP_EVENT_NOTIFY (*MINIPORT_DEVICE_PNP_EVENT_NOTIFY_HANDLER);
typedef VOID (MINIPORT_SHUTDOWN)(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction);
typedef MINIPORT_SHUTDOWN (*MINIPORT_SHUTDOWN_HANDLER);
typedef BOOLEAN (MINIPORT_ISR)(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors);
typedef MINIPORT_ISR (*MINIPORT_ISR_HANDLER);
typedef VOID (MINIPORT_INTERRUPT_DPC)(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2);
typedef MINIPORT_INTERRUPT_DPC (*MINIPORT_INTERRUPT_DPC_HANDLER);
typedef VOID (MINIPORT_ENABLE_INTERRUPT)(NDIS_HANDLE MiniportInterruptContext);
typedef MINIPORT_ENABLE_INTERRUPT (*MINIPORT_ENABLE_INTERRUPT_HANDLER);
typedef VOID (MINIPORT_DISABLE_INTERRUPT)(NDIS_HANDLE MiniportInterruptContext);
typedef MINIPORT_DISABLE_INTERRUPT (*MINIPORT_DISABLE_INTERRUPT_HANDLER);
typedef BOOLEAN (MINIPORT_MESSAGE_INTERRUPT)(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors);
typedef MINIPORT_MESSAGE_INTERRUPT (*MINIPORT_MSI_ISR_HANDLER);
typedef MINIPORT_MESSAGE_INTERRUPT (*MINIPORT_MESSAGE_INTERRUPT_HANDLER);
typedef VOID (MINIPORT_MESSAGE_INTERRUPT_DPC)(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2);
typedef MINIPORT_MESSAGE_INTERRUPT_DPC (*MINIPORT_MSI_INTERRUPT_DPC_HANDLER);
typedef MINIPORT_MESSAGE_INTERRUPT_DPC (*MINIPORT_MESSAGE_INTERRUPT_DPC_HANDLER);
typedef VOID (MINIPORT_ENABLE_MESSAGE_INTERRUPT)(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId);
typedef MINIPORT_ENABLE_MESSAGE_INTERRUPT (*MINIPORT_ENABLE_MSI_INTERRUPT_HANDLER);
typedef MINIPORT_ENABLE_MESSAGE_INTERRUPT (*MINIPORT_ENABLE_MESSAGE_INTERRUPT_HANDLER);
typedef VOID (MINIPORT_DISABLE_MESSAGE_INTERRUPT)(NDIS_HANDLE MiniportInterruptContext, ULONG MessageId);
typedef MINIPORT_DISABLE_MESSAGE_INTERRUPT (*MINIPORT_DISABLE_MSI_INTERRUPT_HANDLER);
typedef MINIPORT_DISABLE_MESSAGE_INTERRUPT (*MINIPORT_DISABLE_MESSAGE_INTERRUPT_HANDLER);
typedef BOOLEAN (MINIPORT_SYNCHRONIZE_INTERRUPT)(NDIS_HANDLE SynchronizeContext);
typedef MINIPORT_SYNCHRONIZE_INTERRUPT (*MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER);
typedef MINIPORT_SYNCHRONIZE_INTERRUPT (MINIPORT_SYNCHRONIZE_MESSAGE_INTERRUPT);
typedef MINIPORT_SYNCHRONIZE_MESSAGE_INTERRUPT (*MINIPORT_SYNCHRONIZE_MESSAGE_INTERRUPT_HANDLER);
typedef VOID (MINIPORT_PROCESS_SG_LIST)(PDEVICE_OBJECT pDO, PVOID Reserved, PSCATTER_GATHER_LIST pSGL, PVOID Context);
typedef MINIPORT_PROCESS_SG_LIST (*MINIPORT_PROCESS_SG_LIST_HANDLER);
typedef VOID (MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE)(NDIS_HANDLE MiniportAdapterContext, PVOID VirtualAddress, PNDIS_PHYSICAL_ADDRESS PhysicalAddress, ULONG Length, PVOID Context);
typedef MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE (*MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE_HANDLER);
typedef NDIS_STATUS (MINIPORT_IDLE_NOTIFICATION)(NDIS_HANDLE MiniportAdapterContext, BOOLEAN ForceIdle);
typedef MINIPORT_IDLE_NOTIFICATION (*MINIPORT_IDLE_NOTIFICATION_HANDLER);
typedef VOID (MINIPORT_CANCEL_IDLE_NOTIFICATION)(NDIS_HANDLE MiniportAdapterContext);
typedef MINIPORT_CANCEL_IDLE_NOTIFICATION (*MINIPORT_CANCEL_IDLE_NOTIFICATION_HANDLER);
typedef NDIS_STATUS (MINIPORT_ADD_DEVICE)(NDIS_HANDLE NdisMiniportHandle, NDIS_HANDLE MiniportDriverContext);
typedef MINIPORT_ADD_DEVICE (*MINIPORT_ADD_DEVICE_HANDLER);
typedef VOID (MINIPORT_REMOVE_DEVICE)(NDIS_HANDLE MiniportAddDeviceContext);
typedef MINIPORT_REMOVE_DEVICE (*MINIPORT_REMOVE_DEVICE_HANDLER);
typedef NDIS_STATUS (MINIPORT_PNP_IRP)(NDIS_HANDLE MiniportAddDeviceContext, PIRP Irp);
typedef MINIPORT_PNP_IRP (*MINIPORT_PNP_IRP_HANDLER);
typedef MINIPORT_PNP_IRP (MINIPORT_START_DEVICE);
typedef MINIPORT_PNP_IRP (*MINIPORT_START_DEVICE_HANDLER);
typedef MINIPORT_PNP_IRP (MINIPORT_FILTER_RESOURCE_REQUIREMENTS);
typedef MINIPORT_PNP_IRP (*MINIPORT_FILTER_RESOURCE_REQUIREMENTS_HANDLER);
typedef VOID (NDIS_TIMER_FUNCTION)(PVOID SystemSpecific1, PVOID FunctionContext, PVOID SystemSpecific2, PVOID SystemSpecific3);
typedef NDIS_TIMER_FUNCTION (*PNDIS_TIMER_FUNCTION);
typedef VOID (NDIS_IO_WORKITEM_FUNCTION)(PVOID WorkItemContext, NDIS_HANDLE NdisIoWorkItemHandle);
typedef NDIS_IO_WORKITEM_FUNCTION (*NDIS_IO_WORKITEM_ROUTINE);
struct _NDIS_WORK_ITEM;
typedef VOID (NDIS_PROC)(struct _NDIS_WORK_ITEM *WorkItem, PVOID Context);
typedef NDIS_PROC *NDIS_PROC_HANDLER;
typedef struct _NDIS_WORK_ITEM { PVOID Context; NDIS_PROC_HANDLER Routine; UCHAR WrapperReserved[8 * sizeof(PVOID)]; } NDIS_WORK_ITEM, *PNDIS_WORK_ITEM;

/* ---- characteristics ---- */
typedef struct _NDIS_MINIPORT_DRIVER_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    UCHAR MajorNdisVersion;
    UCHAR MinorNdisVersion;
    UCHAR MajorDriverVersion;
    UCHAR MinorDriverVersion;
    ULONG Flags;
    SET_OPTIONS_HANDLER SetOptionsHandler;
    MINIPORT_INITIALIZE_HANDLER InitializeHandlerEx;
    MINIPORT_HALT_HANDLER HaltHandlerEx;
    MINIPORT_UNLOAD_HANDLER UnloadHandler;
    MINIPORT_PAUSE_HANDLER PauseHandler;
    MINIPORT_RESTART_HANDLER RestartHandler;
    MINIPORT_OID_REQUEST_HANDLER OidRequestHandler;
    MINIPORT_SEND_NET_BUFFER_LISTS_HANDLER SendNetBufferListsHandler;
    MINIPORT_RETURN_NET_BUFFER_LISTS_HANDLER ReturnNetBufferListsHandler;
    MINIPORT_CANCEL_SEND_HANDLER CancelSendHandler;
    MINIPORT_CHECK_FOR_HANG_HANDLER CheckForHangHandlerEx;
    MINIPORT_RESET_HANDLER ResetHandlerEx;
    MINIPORT_DEVICE_PNP_EVENT_NOTIFY_HANDLER DevicePnPEventNotifyHandler;
    MINIPORT_SHUTDOWN_HANDLER ShutdownHandlerEx;
    MINIPORT_CANCEL_OID_REQUEST_HANDLER CancelOidRequestHandler;
    MINIPORT_DIRECT_OID_REQUEST_HANDLER DirectOidRequestHandler;
    MINIPORT_CANCEL_DIRECT_OID_REQUEST_HANDLER CancelDirectOidRequestHandler;
    MINIPORT_SYNCHRONOUS_OID_REQUEST_HANDLER SynchronousOidRequestHandler;
} NDIS_MINIPORT_DRIVER_CHARACTERISTICS, *PNDIS_MINIPORT_DRIVER_CHARACTERISTICS;
#define NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1 1
#define NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2 2
#define NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_3 3
#define NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, CancelOidRequestHandler)
#define NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, CancelDirectOidRequestHandler)
#define NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_3 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, SynchronousOidRequestHandler)
#define NDIS_INTERMEDIATE_DRIVER 0x00000001
#define NDIS_WDM_DRIVER 0x00000002
#define NDIS_DRIVER_POWERMGMT_PROXY 0x00000004
typedef struct _NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    MINIPORT_ISR_HANDLER InterruptHandler;
    MINIPORT_INTERRUPT_DPC_HANDLER InterruptDpcHandler;
    MINIPORT_DISABLE_INTERRUPT_HANDLER DisableInterruptHandler;
    MINIPORT_ENABLE_INTERRUPT_HANDLER EnableInterruptHandler;
    BOOLEAN MsiSupported;
    BOOLEAN MsiSyncWithAllMessages;
    MINIPORT_MSI_ISR_HANDLER MessageInterruptHandler;
    MINIPORT_MSI_INTERRUPT_DPC_HANDLER MessageInterruptDpcHandler;
    MINIPORT_DISABLE_MSI_INTERRUPT_HANDLER DisableMessageInterruptHandler;
    MINIPORT_ENABLE_MSI_INTERRUPT_HANDLER EnableMessageInterruptHandler;
    NDIS_INTERRUPT_TYPE InterruptType;
    PIO_INTERRUPT_MESSAGE_INFO MessageInfoTable;
} NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS, *PNDIS_MINIPORT_INTERRUPT_CHARACTERISTICS;
#define NDIS_MINIPORT_INTERRUPT_REVISION_1 1
#define NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS, MessageInfoTable)
typedef struct _NDIS_MINIPORT_PNP_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    MINIPORT_ADD_DEVICE_HANDLER MiniportAddDeviceHandler;
    MINIPORT_REMOVE_DEVICE_HANDLER MiniportRemoveDeviceHandler;
    MINIPORT_FILTER_RESOURCE_REQUIREMENTS_HANDLER MiniportFilterResourceRequirementsHandler;
    MINIPORT_START_DEVICE_HANDLER MiniportStartDeviceHandler;
    ULONG Flags;
} NDIS_MINIPORT_PNP_CHARACTERISTICS, *PNDIS_MINIPORT_PNP_CHARACTERISTICS;
#define NDIS_MINIPORT_PNP_CHARACTERISTICS_REVISION_1 1
#define NDIS_SIZEOF_MINIPORT_PNP_CHARACTERISTICS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_PNP_CHARACTERISTICS, Flags)
typedef struct _NDIS_MINIPORT_SS_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    MINIPORT_IDLE_NOTIFICATION_HANDLER IdleNotificationHandler;
    MINIPORT_CANCEL_IDLE_NOTIFICATION_HANDLER CancelIdleNotificationHandler;
} NDIS_MINIPORT_SS_CHARACTERISTICS, *PNDIS_MINIPORT_SS_CHARACTERISTICS;
#define NDIS_MINIPORT_SS_CHARACTERISTICS_REVISION_1 1
#define NDIS_SIZEOF_MINIPORT_SS_CHARACTERISTICS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_SS_CHARACTERISTICS, CancelIdleNotificationHandler)
#define NDIS_OBJECT_TYPE_MINIPORT_SS_CHARACTERISTICS 0xC5
typedef struct _NDIS_DRIVER_OPTIONAL_HANDLERS { NDIS_OBJECT_HEADER Header; } NDIS_DRIVER_OPTIONAL_HANDLERS, *PNDIS_DRIVER_OPTIONAL_HANDLERS;
typedef struct _NDIS_TIMER_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    ULONG AllocationTag;
    PNDIS_TIMER_FUNCTION TimerFunction;
    PVOID FunctionContext;
} NDIS_TIMER_CHARACTERISTICS, *PNDIS_TIMER_CHARACTERISTICS;
#define NDIS_TIMER_CHARACTERISTICS_REVISION_1 1
#define NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_TIMER_CHARACTERISTICS, FunctionContext)
typedef struct _NDIS_SG_DMA_DESCRIPTION {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG MaximumPhysicalMapping;
    MINIPORT_PROCESS_SG_LIST_HANDLER ProcessSGListHandler;
    MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE_HANDLER SharedMemAllocateCompleteHandler;
    ULONG ScatterGatherListSize;
} NDIS_SG_DMA_DESCRIPTION, *PNDIS_SG_DMA_DESCRIPTION;
#define NDIS_SG_DMA_DESCRIPTION_REVISION_1 1
#define NDIS_SG_DMA_DESCRIPTION_REVISION_2 2
#define NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_SG_DMA_DESCRIPTION, SharedMemAllocateCompleteHandler)
#define NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_SG_DMA_DESCRIPTION, ScatterGatherListSize)
#define NDIS_SG_DMA_64_BIT_ADDRESS 0x00000001
#define NDIS_SG_DMA_V3_HAL_API 0x00000002
#define NDIS_SG_LIST_WRITE_TO_DEVICE 0x000000001
typedef struct _NDIS_MSIX_CONFIG_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    NDIS_MSIX_TABLE_OPERATION ConfigOperation;
    ULONG TableEntry;
    ULONG MessageNumber;
} NDIS_MSIX_CONFIG_PARAMETERS, *PNDIS_MSIX_CONFIG_PARAMETERS;
#define NDIS_MSIX_CONFIG_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_MSIX_CONFIG_PARAMETERS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_MSIX_CONFIG_PARAMETERS, MessageNumber)

/* ---- adapter attributes ---- */
typedef struct _NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    NDIS_HANDLE MiniportAdapterContext;
    ULONG AttributeFlags;
    UINT CheckForHangTimeInSeconds;
    NDIS_INTERFACE_TYPE InterfaceType;
} NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
#define NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1 1
#define NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_2 2
#define NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, InterfaceType)
#define NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, InterfaceType)
#define NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE 0x00000001
#define NDIS_MINIPORT_ATTRIBUTES_NDIS_WDM 0x00000002
#define NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK 0x00000004
#define NDIS_MINIPORT_ATTRIBUTES_NOT_CO_NDIS 0x00000008
#define NDIS_MINIPORT_ATTRIBUTES_DO_NOT_BIND_TO_ALL_CO 0x00000010
#define NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND 0x00000020
#define NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER 0x00000040
#define NDIS_MINIPORT_ATTRIBUTES_CONTROLS_DEFAULT_PORT 0x00000080
#define NDIS_MINIPORT_ATTRIBUTES_NO_PAUSE_ON_SUSPEND 0x00000100
#define NDIS_MINIPORT_ATTRIBUTES_NO_OID_INTERCEPT_ON_NONDEFAULT_PORTS 0x00000200
#define NDIS_MINIPORT_ATTRIBUTES_REGISTER_BUGCHECK_CALLBACK 0x00000400
typedef struct _NDIS_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    NDIS_HANDLE MiniportAddDeviceContext;
    ULONG Flags;
} NDIS_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES, *PNDIS_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES;
#define NDIS_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES_REVISION_1 1
#define NDIS_SIZEOF_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES, Flags)
typedef struct _NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_MEDIUM MediaType;
    NDIS_PHYSICAL_MEDIUM PhysicalMediumType;
    ULONG MtuSize;
    ULONG64 MaxXmitLinkSpeed;
    ULONG64 XmitLinkSpeed;
    ULONG64 MaxRcvLinkSpeed;
    ULONG64 RcvLinkSpeed;
    NDIS_MEDIA_CONNECT_STATE MediaConnectState;
    NDIS_MEDIA_DUPLEX_STATE MediaDuplexState;
    ULONG LookaheadSize;
    PNDIS_PNP_CAPABILITIES PowerManagementCapabilities;
    ULONG MacOptions;
    ULONG SupportedPacketFilters;
    ULONG MaxMulticastListSize;
    USHORT MacAddressLength;
    UCHAR PermanentMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    UCHAR CurrentMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    PNDIS_RECEIVE_SCALE_CAPABILITIES RecvScaleCapabilities;
    NET_IF_ACCESS_TYPE AccessType;
    NET_IF_DIRECTION_TYPE DirectionType;
    NET_IF_CONNECTION_TYPE ConnectionType;
    NET_IFTYPE IfType;
    BOOLEAN IfConnectorPresent;
    ULONG SupportedStatistics;
    ULONG SupportedPauseFunctions;
    ULONG DataBackFillSize;
    ULONG ContextBackFillSize;
    PNDIS_OID SupportedOidList;
    ULONG SupportedOidListLength;
    ULONG AutoNegotiationFlags;
    PNDIS_PM_CAPABILITIES PowerManagementCapabilitiesEx;
} NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
#define NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1 1
#define NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2 2
#define NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, AutoNegotiationFlags)
#define NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, PowerManagementCapabilitiesEx)
typedef struct _NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    PNDIS_OFFLOAD DefaultOffloadConfiguration;
    PNDIS_OFFLOAD HardwareOffloadCapabilities;
    PNDIS_TCP_CONNECTION_OFFLOAD DefaultTcpConnectionOffloadConfiguration;
    PNDIS_TCP_CONNECTION_OFFLOAD TcpConnectionOffloadHardwareCapabilities;
} NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES;
#define NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES_REVISION_1 1
#define NDIS_SIZEOF_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES, TcpConnectionOffloadHardwareCapabilities)
#define NDIS_HD_SPLIT_PARAMETERS_REVISION_1 1
#define NDIS_HD_SPLIT_ATTRIBUTES_REVISION_1 1
#define NDIS_OBJECT_HD_SPLIT_ATTRIBUTES_REVISION_1 1
#define NDIS_HD_SPLIT_CAPS_SUPPORTS_HEADER_DATA_SPLIT 0x00000001
#define NDIS_HD_SPLIT_CAPS_SUPPORTS_IPV4_OPTIONS 0x00000002
#define NDIS_HD_SPLIT_CAPS_SUPPORTS_IPV6_EXTENSION_HEADERS 0x00000004
#define NDIS_HD_SPLIT_CAPS_SUPPORTS_TCP_OPTIONS 0x00000008
#define NDIS_HD_SPLIT_COMBINE_ALL_HEADERS 0x00000001
typedef struct _NDIS_HD_SPLIT_PARAMETERS { NDIS_OBJECT_HEADER Header; ULONG HDSplitCombineFlags; } NDIS_HD_SPLIT_PARAMETERS, *PNDIS_HD_SPLIT_PARAMETERS;
#define NDIS_SIZEOF_HD_SPLIT_PARAMETERS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_HD_SPLIT_PARAMETERS, HDSplitCombineFlags)
typedef struct _NDIS_HD_SPLIT_ATTRIBUTES { NDIS_OBJECT_HEADER Header; ULONG HardwareCapabilities; ULONG CurrentCapabilities; ULONG HDSplitFlags; ULONG BackfillSize; ULONG MaxHeaderSize; } NDIS_HD_SPLIT_ATTRIBUTES, *PNDIS_HD_SPLIT_ATTRIBUTES;
#define NDIS_SIZEOF_HD_SPLIT_ATTRIBUTES_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_HD_SPLIT_ATTRIBUTES, MaxHeaderSize)
typedef struct _NDIS_NIC_SWITCH_CAPABILITIES { NDIS_OBJECT_HEADER Header; ULONG Flags; ULONG NdisReserved1; ULONG NumTotalMacAddresses; ULONG NumMacAddressesPerPort; ULONG NumVlansPerPort; ULONG NdisReserved2; ULONG NdisReserved3; ULONG NicSwitchCapabilities; ULONG MaxNumSwitches; ULONG MaxNumVPorts; ULONG NdisReserved4; ULONG MaxNumVFs; ULONG MaxNumQueuePairs; ULONG NdisReserved5; ULONG NdisReserved6; ULONG NdisReserved7; ULONG MaxNumQueuePairsPerNonDefaultVPort; ULONG NdisReserved8; ULONG NdisReserved9; ULONG NdisReserved10; ULONG NdisReserved11; ULONG NdisReserved12; ULONG MaxNumMacAddresses; ULONG NdisReserved13; ULONG NdisReserved14; ULONG NdisReserved15; ULONG NdisReserved16; ULONG NdisReserved17; ULONG MaxNumRssCapableNonDefaultPFVPorts; ULONG NumberOfIndirectionTableEntriesForDefaultVPort; ULONG NumberOfIndirectionTableEntriesPerNonDefaultPFVPort; ULONG MaxNumQueuePairsForDefaultVPort; } NDIS_NIC_SWITCH_CAPABILITIES, *PNDIS_NIC_SWITCH_CAPABILITIES;
#define NDIS_NIC_SWITCH_CAPABILITIES_REVISION_1 1
#define NDIS_NIC_SWITCH_CAPABILITIES_REVISION_2 2
#define NDIS_NIC_SWITCH_CAPABILITIES_REVISION_3 3
#define NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_CAPABILITIES, NdisReserved3)
#define NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_CAPABILITIES, NdisReserved17)
#define NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_3 RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_CAPABILITIES, MaxNumQueuePairsForDefaultVPort)
typedef struct _NDIS_SRIOV_CAPABILITIES { NDIS_OBJECT_HEADER Header; ULONG Flags; ULONG SriovCapabilities; } NDIS_SRIOV_CAPABILITIES, *PNDIS_SRIOV_CAPABILITIES;
#define NDIS_SRIOV_CAPS_SRIOV_SUPPORTED 0x00000001
#define NDIS_SRIOV_CAPS_PF_MINIPORT 0x00000002
#define NDIS_SRIOV_CAPS_VF_MINIPORT 0x00000004
typedef struct _NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    PNDIS_HD_SPLIT_ATTRIBUTES HDSplitAttributes;
    PNDIS_RECEIVE_FILTER_CAPABILITIES HardwareReceiveFilterCapabilities;
    PNDIS_RECEIVE_FILTER_CAPABILITIES CurrentReceiveFilterCapabilities;
    PNDIS_NIC_SWITCH_CAPABILITIES HardwareNicSwitchCapabilities;
    PNDIS_NIC_SWITCH_CAPABILITIES CurrentNicSwitchCapabilities;
    PNDIS_SRIOV_CAPABILITIES HardwareSriovCapabilities;
    PNDIS_SRIOV_CAPABILITIES CurrentSriovCapabilities;
    PNDIS_QOS_CAPABILITIES HardwareQosCapabilities;
    PNDIS_QOS_CAPABILITIES CurrentQosCapabilities;
    PVOID HardwareGftOffloadCapabilities;
    PVOID CurrentGftOffloadCapabilities;
} NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES;
#define NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_1 1
#define NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_2 2
#define NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3 3
#define NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_4 4
#define NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES, CurrentNicSwitchCapabilities)
#define NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES, CurrentSriovCapabilities)
#define NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES, CurrentQosCapabilities)
#define NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_4 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES, CurrentGftOffloadCapabilities)
typedef struct _NDIS_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    ULONG OpModeCapability;
    ULONG NumOfTXBuffers;
    ULONG NumOfRXBuffers;
    BOOLEAN MultiDomainCapabilityImplemented;
    ULONG NumSupportedPhys;
    struct _DOT11_PHY_ATTRIBUTES *SupportedPhyAttributes;
    struct _DOT11_EXTSTA_ATTRIBUTES *ExtSTAAttributes;
    struct _DOT11_VWIFI_ATTRIBUTES *VWiFiAttributes;
    struct _DOT11_EXTAP_ATTRIBUTES *ExtAPAttributes;
    struct _DOT11_WFD_ATTRIBUTES *WFDAttributes;
} NDIS_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES;
#define NDIS_MINIPORT_ADAPTER_802_11_ATTRIBUTES_REVISION_1 1
#define NDIS_MINIPORT_ADAPTER_802_11_ATTRIBUTES_REVISION_2 2
#define NDIS_MINIPORT_ADAPTER_802_11_ATTRIBUTES_REVISION_3 3
#define NDIS_SIZEOF_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES, ExtSTAAttributes)
#define NDIS_SIZEOF_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES, ExtAPAttributes)
#define NDIS_SIZEOF_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES_REVISION_3 RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES, WFDAttributes)
typedef struct _NDIS_MINIPORT_ADAPTER_NDK_ATTRIBUTES { NDIS_OBJECT_HEADER Header; BOOLEAN Enabled; PVOID Capabilities; } NDIS_MINIPORT_ADAPTER_NDK_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_NDK_ATTRIBUTES;
typedef struct _NDIS_MINIPORT_ADAPTER_PACKET_DIRECT_ATTRIBUTES { NDIS_OBJECT_HEADER Header; PVOID Capabilities; } NDIS_MINIPORT_ADAPTER_PACKET_DIRECT_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_PACKET_DIRECT_ATTRIBUTES;
typedef union _NDIS_MINIPORT_ADAPTER_ATTRIBUTES {
    NDIS_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES AddDeviceRegistrationAttributes;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES GeneralAttributes;
    NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES OffloadAttributes;
    NDIS_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES Native_802_11_Attributes;
    NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES HardwareAssistAttributes;
    NDIS_MINIPORT_ADAPTER_NDK_ATTRIBUTES NDKAttributes;
    NDIS_MINIPORT_ADAPTER_PACKET_DIRECT_ATTRIBUTES PacketDirectAttributes;
} NDIS_MINIPORT_ADAPTER_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_ATTRIBUTES;
typedef struct _NDIS_DEVICE_OBJECT_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    PNDIS_STRING DeviceName;
    PNDIS_STRING SymbolicName;
    PDRIVER_DISPATCH *MajorFunctions;
    ULONG ExtensionSize;
    PCUNICODE_STRING DefaultSDDLString;
    LPCGUID DeviceClassGuid;
} NDIS_DEVICE_OBJECT_ATTRIBUTES, *PNDIS_DEVICE_OBJECT_ATTRIBUTES;
#define NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1 1
#define NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_DEVICE_OBJECT_ATTRIBUTES, DeviceClassGuid)
typedef struct _NDIS_GENERIC_OBJECT { NDIS_OBJECT_HEADER Header; PVOID Caller; PVOID CallersCaller; PDRIVER_OBJECT DriverObject; } NDIS_GENERIC_OBJECT, *PNDIS_GENERIC_OBJECT;
typedef struct _NDIS_MINIPORT_TIMER { KTIMER Timer; KDPC Dpc; PNDIS_TIMER_FUNCTION MiniportTimerFunction; PVOID MiniportTimerContext; NDIS_HANDLE Miniport; struct _NDIS_MINIPORT_TIMER *NextTimer; } NDIS_MINIPORT_TIMER, *PNDIS_MINIPORT_TIMER;
typedef struct _NDIS_TIMER { KTIMER Timer; KDPC Dpc; } NDIS_TIMER, *PNDIS_TIMER;
typedef enum _NDIS_SHARED_MEMORY_USAGE {
    NdisSharedMemoryUsageUndefined, NdisSharedMemoryUsageXmit, NdisSharedMemoryUsageXmitHeader,
    NdisSharedMemoryUsageXmitData, NdisSharedMemoryUsageReceive, NdisSharedMemoryUsageReceiveLookahead,
    NdisSharedMemoryUsageReceivePostLookahead, NdisSharedMemoryUsageReceiveHeader,
    NdisSharedMemoryUsageReceiveData, NdisSharedMemoryUsageOther, NdisSharedMemoryUsageMax
} NDIS_SHARED_MEMORY_USAGE, *PNDIS_SHARED_MEMORY_USAGE;
typedef ULONG NODE_REQUIREMENT;
#define MM_ANY_NODE_OK 0x80000000
typedef struct _NDIS_SHARED_MEMORY_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_RECEIVE_QUEUE_ID QueueId;
    NDIS_HANDLE SharedMemoryHandle;
    NODE_REQUIREMENT PreferredNode;
    NDIS_SHARED_MEMORY_USAGE Usage;
    ULONG Length;
    PVOID VirtualAddress;
    ULONG SGListBufferLength;
    PSCATTER_GATHER_LIST SGListBuffer;
} NDIS_SHARED_MEMORY_PARAMETERS, *PNDIS_SHARED_MEMORY_PARAMETERS;
#define NDIS_SHARED_MEMORY_PARAMETERS_REVISION_1 1
#define NDIS_SHARED_MEMORY_PARAMETERS_REVISION_2 2
#define NDIS_SIZEOF_SHARED_MEMORY_PARAMETERS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_SHARED_MEMORY_PARAMETERS, SGListBuffer)
#define NDIS_SIZEOF_SHARED_MEMORY_PARAMETERS_REVISION_2 NDIS_SIZEOF_SHARED_MEMORY_PARAMETERS_REVISION_1
#define NDIS_SHARED_MEM_PARAMETERS_CONTIGOUS 0x00000001

/* ---- protocol (and intermediate) drivers ---- */
typedef struct _NDIS_BIND_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    PNDIS_STRING ProtocolSection;
    PNDIS_STRING AdapterName;
    PDEVICE_OBJECT PhysicalDeviceObject;
    NDIS_MEDIUM MediaType;
    ULONG MtuSize;
    ULONG64 MaxXmitLinkSpeed;
    ULONG64 XmitLinkSpeed;
    ULONG64 MaxRcvLinkSpeed;
    ULONG64 RcvLinkSpeed;
    NDIS_MEDIA_CONNECT_STATE MediaConnectState;
    NDIS_MEDIA_DUPLEX_STATE MediaDuplexState;
    ULONG LookaheadSize;
    PNDIS_PNP_CAPABILITIES PowerManagementCapabilities;
    ULONG SupportedPacketFilters;
    ULONG MaxMulticastListSize;
    USHORT MacAddressLength;
    UCHAR CurrentMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    NDIS_PHYSICAL_MEDIUM PhysicalMediumType;
    PNDIS_RECEIVE_SCALE_CAPABILITIES RcvScaleCapabilities;
    NET_LUID BoundIfNetluid;
    NET_IFINDEX BoundIfIndex;
    NET_LUID LowestIfNetluid;
    NET_IFINDEX LowestIfIndex;
    NET_IF_ACCESS_TYPE AccessType;
    NET_IF_DIRECTION_TYPE DirectionType;
    NET_IF_CONNECTION_TYPE ConnectionType;
    NET_IFTYPE IfType;
    BOOLEAN IfConnectorPresent;
    PNDIS_PORT ActivePorts;
    ULONG DataBackFillSize;
    ULONG ContextBackFillSize;
    ULONG MacOptions;
    NET_IF_COMPARTMENT_ID CompartmentId;
    PNDIS_OFFLOAD DefaultOffloadConfiguration;
    PNDIS_TCP_CONNECTION_OFFLOAD TcpConnectionOffloadCapabilities;
    PNDIS_STRING BoundAdapterName;
    PNDIS_HD_SPLIT_ATTRIBUTES HDSplitCurrentConfig;
    PNDIS_RECEIVE_FILTER_CAPABILITIES ReceiveFilterCapabilities;
    PNDIS_PM_CAPABILITIES PowerManagementCapabilitiesEx;
    PNDIS_NIC_SWITCH_CAPABILITIES NicSwitchCapabilities;
    BOOLEAN NDKEnabled;
    PVOID NDKCapabilities;
    PNDIS_SRIOV_CAPABILITIES SriovCapabilities;
    PVOID NicSwitchArray;
} NDIS_BIND_PARAMETERS, *PNDIS_BIND_PARAMETERS;
#define NDIS_BIND_PARAMETERS_REVISION_1 1
#define NDIS_BIND_PARAMETERS_REVISION_2 2
#define NDIS_BIND_PARAMETERS_REVISION_3 3
#define NDIS_BIND_PARAMETERS_REVISION_4 4
typedef struct _NDIS_OPEN_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    PNDIS_STRING AdapterName;
    PNDIS_MEDIUM MediumArray;
    UINT MediumArraySize;
    PUINT SelectedMediumIndex;
    PUSHORT FrameTypeArray;
    UINT FrameTypeArraySize;
} NDIS_OPEN_PARAMETERS, *PNDIS_OPEN_PARAMETERS;
#define NDIS_OPEN_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_OPEN_PARAMETERS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_OPEN_PARAMETERS, FrameTypeArraySize)
typedef NDIS_STATUS (PROTOCOL_BIND_ADAPTER_EX)(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext, PNDIS_BIND_PARAMETERS BindParameters);
typedef PROTOCOL_BIND_ADAPTER_EX (*BIND_HANDLER_EX);
typedef NDIS_STATUS (PROTOCOL_UNBIND_ADAPTER_EX)(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext);
typedef PROTOCOL_UNBIND_ADAPTER_EX (*UNBIND_HANDLER_EX);
typedef VOID (PROTOCOL_OPEN_ADAPTER_COMPLETE_EX)(NDIS_HANDLE ProtocolBindingContext, NDIS_STATUS Status);
typedef PROTOCOL_OPEN_ADAPTER_COMPLETE_EX (*OPEN_ADAPTER_COMPLETE_HANDLER_EX);
typedef VOID (PROTOCOL_CLOSE_ADAPTER_COMPLETE_EX)(NDIS_HANDLE ProtocolBindingContext);
typedef PROTOCOL_CLOSE_ADAPTER_COMPLETE_EX (*CLOSE_ADAPTER_COMPLETE_HANDLER_EX);
typedef NDIS_STATUS (PROTOCOL_NET_PNP_EVENT)(NDIS_HANDLE ProtocolBindingContext, PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification);
typedef PROTOCOL_NET_PNP_EVENT (*NET_PNP_EVENT_HANDLER);
typedef VOID (PROTOCOL_UNINSTALL)(VOID);
typedef PROTOCOL_UNINSTALL (*UNINSTALL_PROTOCOL_HANDLER);
typedef VOID (PROTOCOL_OID_REQUEST_COMPLETE)(NDIS_HANDLE ProtocolBindingContext, PNDIS_OID_REQUEST OidRequest, NDIS_STATUS Status);
typedef PROTOCOL_OID_REQUEST_COMPLETE (*OID_REQUEST_COMPLETE_HANDLER);
typedef PROTOCOL_OID_REQUEST_COMPLETE PROTOCOL_DIRECT_OID_REQUEST_COMPLETE;
typedef PROTOCOL_DIRECT_OID_REQUEST_COMPLETE (*DIRECT_OID_REQUEST_COMPLETE_HANDLER);
typedef VOID (PROTOCOL_STATUS_EX)(NDIS_HANDLE ProtocolBindingContext, PNDIS_STATUS_INDICATION StatusIndication);
typedef PROTOCOL_STATUS_EX (*STATUS_HANDLER_EX);
typedef VOID (PROTOCOL_RECEIVE_NET_BUFFER_LISTS)(NDIS_HANDLE ProtocolBindingContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG NumberOfNetBufferLists, ULONG ReceiveFlags);
typedef PROTOCOL_RECEIVE_NET_BUFFER_LISTS (*RECEIVE_NET_BUFFER_LISTS_HANDLER);
typedef VOID (PROTOCOL_SEND_NET_BUFFER_LISTS_COMPLETE)(NDIS_HANDLE ProtocolBindingContext, PNET_BUFFER_LIST NetBufferList, ULONG SendCompleteFlags);
typedef PROTOCOL_SEND_NET_BUFFER_LISTS_COMPLETE (*SEND_NET_BUFFER_LISTS_COMPLETE_HANDLER);
typedef NDIS_STATUS (PROTOCOL_SET_OPTIONS)(NDIS_HANDLE NdisDriverHandle, NDIS_HANDLE DriverContext);
typedef struct _NDIS_PROTOCOL_DRIVER_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    UCHAR MajorNdisVersion;
    UCHAR MinorNdisVersion;
    UCHAR MajorDriverVersion;
    UCHAR MinorDriverVersion;
    ULONG Flags;
    NDIS_STRING Name;
    SET_OPTIONS_HANDLER SetOptionsHandler;
    BIND_HANDLER_EX BindAdapterHandlerEx;
    UNBIND_HANDLER_EX UnbindAdapterHandlerEx;
    OPEN_ADAPTER_COMPLETE_HANDLER_EX OpenAdapterCompleteHandlerEx;
    CLOSE_ADAPTER_COMPLETE_HANDLER_EX CloseAdapterCompleteHandlerEx;
    NET_PNP_EVENT_HANDLER NetPnPEventHandler;
    UNINSTALL_PROTOCOL_HANDLER UninstallHandler;
    OID_REQUEST_COMPLETE_HANDLER OidRequestCompleteHandler;
    STATUS_HANDLER_EX StatusHandlerEx;
    RECEIVE_NET_BUFFER_LISTS_HANDLER ReceiveNetBufferListsHandler;
    SEND_NET_BUFFER_LISTS_COMPLETE_HANDLER SendNetBufferListsCompleteHandler;
    DIRECT_OID_REQUEST_COMPLETE_HANDLER DirectOidRequestCompleteHandler;
} NDIS_PROTOCOL_DRIVER_CHARACTERISTICS, *PNDIS_PROTOCOL_DRIVER_CHARACTERISTICS;
#define NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1 1
#define NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2 2
#define NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_PROTOCOL_DRIVER_CHARACTERISTICS, SendNetBufferListsCompleteHandler)
#define NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_PROTOCOL_DRIVER_CHARACTERISTICS, DirectOidRequestCompleteHandler)
typedef USHORT NET_FRAME_TYPE, *PNET_FRAME_TYPE;
typedef struct _NDIS_PROTOCOL_RESTART_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    PUCHAR FilterModuleNameBuffer;
    ULONG FilterModuleNameBufferLength;
    PNDIS_RESTART_ATTRIBUTES RestartAttributes;
    NET_IFINDEX BoundIfIndex;
    NET_LUID BoundIfNetluid;
    ULONG Flags;
} NDIS_PROTOCOL_RESTART_PARAMETERS, *PNDIS_PROTOCOL_RESTART_PARAMETERS;
#define NDIS_PROTOCOL_RESTART_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_PROTOCOL_RESTART_PARAMETERS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_PROTOCOL_RESTART_PARAMETERS, Flags)
typedef struct _NDIS_PROTOCOL_PAUSE_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG PauseReason;
} NDIS_PROTOCOL_PAUSE_PARAMETERS, *PNDIS_PROTOCOL_PAUSE_PARAMETERS;
#define NDIS_PROTOCOL_PAUSE_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_PROTOCOL_PAUSE_PARAMETERS_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_PROTOCOL_PAUSE_PARAMETERS, PauseReason)

/* ---- NDIS routines ---- */
/* memory */
NDIS_STATUS NdisAllocateMemoryWithTag(PVOID *VirtualAddress, UINT Length, ULONG Tag);
NDIS_STATUS NdisAllocateMemory(PVOID *VirtualAddress, UINT Length, UINT MemoryFlags, NDIS_PHYSICAL_ADDRESS HighestAcceptableAddress);
PVOID NdisAllocateMemoryWithTagPriority(NDIS_HANDLE NdisHandle, UINT Length, ULONG Tag, EX_POOL_PRIORITY Priority);
VOID NdisFreeMemory(PVOID VirtualAddress, UINT Length, UINT MemoryFlags);
VOID NdisFreeMemoryWithTag(PVOID VirtualAddress, ULONG Tag);
VOID NdisFreeMemoryWithTagPriority(NDIS_HANDLE NdisHandle, PVOID VirtualAddress, ULONG Tag);
VOID NdisMAllocateSharedMemory(NDIS_HANDLE MiniportAdapterHandle, ULONG Length, BOOLEAN Cached, PVOID *VirtualAddress, PNDIS_PHYSICAL_ADDRESS PhysicalAddress);
VOID NdisMFreeSharedMemory(NDIS_HANDLE MiniportAdapterHandle, ULONG Length, BOOLEAN Cached, PVOID VirtualAddress, NDIS_PHYSICAL_ADDRESS PhysicalAddress);
NDIS_STATUS NdisMAllocateSharedMemoryAsyncEx(NDIS_HANDLE MiniportDmaHandle, ULONG Length, BOOLEAN Cached, PVOID Context);
NDIS_STATUS NdisAllocateSharedMemory(NDIS_HANDLE NdisHandle, PNDIS_SHARED_MEMORY_PARAMETERS SharedMemoryParameters, PNDIS_HANDLE pAllocationHandle);
VOID NdisFreeSharedMemory(NDIS_HANDLE NdisHandle, NDIS_HANDLE AllocationHandle);
ULONG NdisMGetDmaAlignment(NDIS_HANDLE MiniportAdapterHandle);
ULONG NdisGetSharedDataAlignment(void);
PMDL NdisAllocateMdl(NDIS_HANDLE NdisHandle, PVOID VirtualAddress, UINT Length);
VOID NdisFreeMdl(PMDL Mdl);
PNDIS_GENERIC_OBJECT NdisAllocateGenericObject(PDRIVER_OBJECT DriverObject, ULONG Tag, USHORT Size);
VOID NdisFreeGenericObject(PNDIS_GENERIC_OBJECT NdisObject);
VOID NdisInitializeNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside, PALLOCATE_FUNCTION Allocate, PFREE_FUNCTION Free, ULONG Flags, ULONG Size, ULONG Tag, USHORT Depth);
VOID NdisDeleteNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside);
PVOID NdisAllocateFromNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside);
VOID NdisFreeToNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside, PVOID Entry);
/* registration and attributes */
NDIS_STATUS NdisMRegisterMiniportDriver(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_DRIVER_CHARACTERISTICS MiniportDriverCharacteristics, PNDIS_HANDLE NdisMiniportDriverHandle);
VOID NdisMDeregisterMiniportDriver(NDIS_HANDLE NdisMiniportDriverHandle);
NDIS_STATUS NdisMSetMiniportAttributes(NDIS_HANDLE NdisMiniportHandle, PNDIS_MINIPORT_ADAPTER_ATTRIBUTES MiniportAttributes);
NDIS_STATUS NdisSetOptionalHandlers(NDIS_HANDLE NdisHandle, PNDIS_DRIVER_OPTIONAL_HANDLERS OptionalHandlers);
NDIS_STATUS NdisMRemoveMiniport(NDIS_HANDLE MiniportAdapterHandle);
VOID NdisMResetComplete(NDIS_HANDLE MiniportAdapterHandle, NDIS_STATUS Status, BOOLEAN AddressingReset);
VOID NdisMPauseComplete(NDIS_HANDLE MiniportAdapterHandle);
VOID NdisMRestartComplete(NDIS_HANDLE MiniportAdapterHandle, NDIS_STATUS Status);
VOID NdisMOidRequestComplete(NDIS_HANDLE MiniportAdapterHandle, PNDIS_OID_REQUEST OidRequest, NDIS_STATUS Status);
VOID NdisMDirectOidRequestComplete(NDIS_HANDLE MiniportAdapterHandle, PNDIS_OID_REQUEST OidRequest, NDIS_STATUS Status);
VOID NdisMIndicateStatusEx(NDIS_HANDLE MiniportAdapterHandle, PNDIS_STATUS_INDICATION StatusIndication);
VOID NdisMSendNetBufferListsComplete(NDIS_HANDLE MiniportAdapterHandle, PNET_BUFFER_LIST NetBufferLists, ULONG SendCompleteFlags);
VOID NdisMIndicateReceiveNetBufferLists(NDIS_HANDLE MiniportAdapterHandle, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG NumberOfNetBufferLists, ULONG ReceiveFlags);
NDIS_STATUS NdisMNetPnPEvent(NDIS_HANDLE MiniportAdapterHandle, PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification);
VOID NdisMIdleNotificationComplete(NDIS_HANDLE MiniportAdapterHandle);
VOID NdisMIdleNotificationConfirm(NDIS_HANDLE MiniportAdapterHandle, NDIS_DEVICE_POWER_STATE IdlePowerState);
VOID NdisMIdleNotificationCompleteEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_STATUS Status);
NDIS_STATUS NdisMAllocatePort(NDIS_HANDLE NdisMiniportHandle, PNDIS_PORT_CHARACTERISTICS PortCharacteristics);
NDIS_STATUS NdisMFreePort(NDIS_HANDLE NdisMiniportHandle, NDIS_PORT_NUMBER PortNumber);
VOID NdisMGetDeviceProperty(NDIS_HANDLE MiniportAdapterHandle, PDEVICE_OBJECT *PhysicalDeviceObject, PDEVICE_OBJECT *FunctionalDeviceObject, PDEVICE_OBJECT *NextDeviceObject, PCM_RESOURCE_LIST *AllocatedResources, PCM_RESOURCE_LIST *AllocatedResourcesTranslated);
NDIS_STATUS NdisMEnableVirtualization(NDIS_HANDLE NdisMiniportHandle, USHORT NumVFs, BOOLEAN EnableVFMigration, BOOLEAN EnableMigrationInterrupt, BOOLEAN EnableVirtualization);
ULONG NdisMGetVirtualFunctionBusData(NDIS_HANDLE NdisMiniportHandle, NDIS_SRIOV_FUNCTION_ID VFId, PVOID Buffer, ULONG Offset, ULONG Length);
ULONG NdisMSetVirtualFunctionBusData(NDIS_HANDLE NdisMiniportHandle, NDIS_SRIOV_FUNCTION_ID VFId, PVOID Buffer, ULONG Offset, ULONG Length);
/* interrupts and DPCs */
NDIS_STATUS NdisMRegisterInterruptEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportInterruptContext, PNDIS_MINIPORT_INTERRUPT_CHARACTERISTICS MiniportInterruptCharacteristics, PNDIS_HANDLE NdisInterruptHandle);
VOID NdisMDeregisterInterruptEx(NDIS_HANDLE NdisInterruptHandle);
BOOLEAN NdisMSynchronizeWithInterruptEx(NDIS_HANDLE NdisInterruptHandle, ULONG MessageId, MINIPORT_SYNCHRONIZE_INTERRUPT_HANDLER SynchronizeFunction, PVOID SynchronizeContext);
KAFFINITY NdisMQueueDpc(NDIS_HANDLE NdisInterruptHandle, ULONG MessageId, KAFFINITY TargetProcessors, PVOID MiniportDpcContext);
NDIS_STATUS NdisMQueueDpcEx(NDIS_HANDLE NdisInterruptHandle, ULONG MessageId, PGROUP_AFFINITY TargetProcessors, PVOID MiniportDpcContext);
NDIS_STATUS NdisMConfigMSIXTableEntry(NDIS_HANDLE NdisMiniportHandle, PNDIS_MSIX_CONFIG_PARAMETERS MSIXConfigParameters);
/* DMA */
NDIS_STATUS NdisMRegisterScatterGatherDma(NDIS_HANDLE MiniportAdapterHandle, PNDIS_SG_DMA_DESCRIPTION DmaDescription, PNDIS_HANDLE NdisMiniportDmaHandle);
VOID NdisMDeregisterScatterGatherDma(NDIS_HANDLE NdisMiniportDmaHandle);
NDIS_STATUS NdisMAllocateNetBufferSGList(NDIS_HANDLE NdisMiniportDmaHandle, PNET_BUFFER NetBuffer, PVOID Context, ULONG Flags, PVOID ScatterGatherListBuffer, ULONG ScatterGatherListBufferSize);
VOID NdisMFreeNetBufferSGList(NDIS_HANDLE NdisMiniportDmaHandle, PSCATTER_GATHER_LIST pSGL, PNET_BUFFER NetBuffer);
NDIS_STATUS NdisMInitializeScatterGatherDma(NDIS_HANDLE MiniportAdapterHandle, BOOLEAN Dma64BitAddresses, ULONG MaximumPhysicalMapping);
/* I/O space and bus data */
NDIS_STATUS NdisMRegisterIoPortRange(PVOID *PortOffset, NDIS_HANDLE MiniportAdapterHandle, UINT InitialPort, UINT NumberOfPorts);
VOID NdisMDeregisterIoPortRange(NDIS_HANDLE MiniportAdapterHandle, UINT InitialPort, UINT NumberOfPorts, PVOID PortOffset);
NDIS_STATUS NdisMMapIoSpace(PVOID *VirtualAddress, NDIS_HANDLE MiniportAdapterHandle, NDIS_PHYSICAL_ADDRESS PhysicalAddress, UINT Length);
VOID NdisMUnmapIoSpace(NDIS_HANDLE MiniportAdapterHandle, PVOID VirtualAddress, UINT Length);
ULONG NdisMGetBusData(NDIS_HANDLE NdisMiniportHandle, ULONG WhichSpace, ULONG Offset, PVOID Buffer, ULONG Length);
ULONG NdisMSetBusData(NDIS_HANDLE NdisMiniportHandle, ULONG WhichSpace, ULONG Offset, PVOID Buffer, ULONG Length);
ULONG NdisReadPciSlotInformation(NDIS_HANDLE NdisAdapterHandle, ULONG SlotNumber, ULONG Offset, PVOID Buffer, ULONG Length);
ULONG NdisWritePciSlotInformation(NDIS_HANDLE NdisAdapterHandle, ULONG SlotNumber, ULONG Offset, PVOID Buffer, ULONG Length);
VOID NdisMQueryAdapterResources(PNDIS_STATUS Status, NDIS_HANDLE WrapperConfigurationContext, PNDIS_RESOURCE_LIST ResourceList, PUINT BufferSize);
/* configuration */
NDIS_STATUS NdisOpenConfigurationEx(PNDIS_CONFIGURATION_OBJECT ConfigObject, PNDIS_HANDLE ConfigurationHandle);
VOID NdisOpenConfiguration(PNDIS_STATUS Status, PNDIS_HANDLE ConfigurationHandle, NDIS_HANDLE WrapperConfigurationContext);
VOID NdisCloseConfiguration(NDIS_HANDLE ConfigurationHandle);
VOID NdisReadConfiguration(PNDIS_STATUS Status, PNDIS_CONFIGURATION_PARAMETER *ParameterValue, NDIS_HANDLE ConfigurationHandle, PNDIS_STRING Keyword, NDIS_PARAMETER_TYPE ParameterType);
VOID NdisWriteConfiguration(PNDIS_STATUS Status, NDIS_HANDLE ConfigurationHandle, PNDIS_STRING Keyword, PNDIS_CONFIGURATION_PARAMETER ParameterValue);
VOID NdisReadNetworkAddress(PNDIS_STATUS Status, PVOID *NetworkAddress, PUINT NetworkAddressLength, NDIS_HANDLE ConfigurationHandle);
VOID NdisOpenConfigurationKeyByName(PNDIS_STATUS Status, NDIS_HANDLE ConfigurationHandle, PNDIS_STRING SubKeyName, PNDIS_HANDLE SubKeyHandle);
VOID NdisOpenConfigurationKeyByIndex(PNDIS_STATUS Status, NDIS_HANDLE ConfigurationHandle, ULONG Index, PNDIS_STRING KeyName, PNDIS_HANDLE KeyHandle);
VOID NdisOpenProtocolConfiguration(PNDIS_STATUS Status, PNDIS_HANDLE ConfigurationHandle, PNDIS_STRING ProtocolSection);
VOID NdisInitializeString(PNDIS_STRING Destination, PUCHAR Source);
#define NdisFreeString(_S) NdisFreeMemory((_S).Buffer, (_S).MaximumLength, 0)
#define NdisPrintString(_S) DbgPrint("%ls", (_S).Buffer)
/* locks and events */
VOID NdisAllocateSpinLock(PNDIS_SPIN_LOCK SpinLock);
VOID NdisFreeSpinLock(PNDIS_SPIN_LOCK SpinLock);
VOID NdisAcquireSpinLock(PNDIS_SPIN_LOCK SpinLock);
VOID NdisReleaseSpinLock(PNDIS_SPIN_LOCK SpinLock);
VOID NdisDprAcquireSpinLock(PNDIS_SPIN_LOCK SpinLock);
VOID NdisDprReleaseSpinLock(PNDIS_SPIN_LOCK SpinLock);
PNDIS_RW_LOCK_EX NdisAllocateRWLock(NDIS_HANDLE NdisHandle);
VOID NdisFreeRWLock(PNDIS_RW_LOCK_EX Lock);
VOID NdisAcquireRWLockRead(PNDIS_RW_LOCK_EX Lock, PLOCK_STATE_EX LockState, UCHAR Flags);
VOID NdisAcquireRWLockWrite(PNDIS_RW_LOCK_EX Lock, PLOCK_STATE_EX LockState, UCHAR Flags);
VOID NdisReleaseRWLock(PNDIS_RW_LOCK_EX Lock, PLOCK_STATE_EX LockState);
VOID NdisInitializeReadWriteLock(PNDIS_RW_LOCK Lock);
VOID NdisAcquireReadWriteLock(PNDIS_RW_LOCK Lock, BOOLEAN fWrite, PLOCK_STATE LockState);
VOID NdisReleaseReadWriteLock(PNDIS_RW_LOCK Lock, PLOCK_STATE LockState);
VOID NdisDprAcquireReadWriteLock(PNDIS_RW_LOCK Lock, BOOLEAN fWrite, PLOCK_STATE LockState);
VOID NdisDprReleaseReadWriteLock(PNDIS_RW_LOCK Lock, PLOCK_STATE LockState);
VOID NdisInitializeEvent(PNDIS_EVENT Event);
VOID NdisSetEvent(PNDIS_EVENT Event);
VOID NdisResetEvent(PNDIS_EVENT Event);
BOOLEAN NdisWaitEvent(PNDIS_EVENT Event, UINT MsToWait);
/* timers, work items, time */
NDIS_STATUS NdisAllocateTimerObject(NDIS_HANDLE NdisHandle, PNDIS_TIMER_CHARACTERISTICS TimerCharacteristics, PNDIS_HANDLE pTimerObject);
BOOLEAN NdisSetTimerObject(NDIS_HANDLE TimerObject, LARGE_INTEGER DueTime, LONG MillisecondsPeriod, PVOID FunctionContext);
BOOLEAN NdisSetCoalescableTimerObject(NDIS_HANDLE TimerObject, LARGE_INTEGER DueTime, LONG MillisecondsPeriod, PVOID FunctionContext, ULONG Tolerance);
BOOLEAN NdisCancelTimerObject(NDIS_HANDLE TimerObject);
VOID NdisFreeTimerObject(NDIS_HANDLE TimerObject);
VOID NdisMInitializeTimer(PNDIS_MINIPORT_TIMER Timer, NDIS_HANDLE MiniportAdapterHandle, PNDIS_TIMER_FUNCTION TimerFunction, PVOID FunctionContext);
VOID NdisMSetTimer(PNDIS_MINIPORT_TIMER Timer, UINT MillisecondsToDelay);
VOID NdisMSetPeriodicTimer(PNDIS_MINIPORT_TIMER Timer, UINT MillisecondPeriod);
VOID NdisMCancelTimer(PNDIS_MINIPORT_TIMER Timer, PBOOLEAN TimerCancelled);
VOID NdisInitializeTimer(PNDIS_TIMER Timer, PNDIS_TIMER_FUNCTION TimerFunction, PVOID FunctionContext);
VOID NdisSetTimer(PNDIS_TIMER Timer, UINT MillisecondsToDelay);
VOID NdisCancelTimer(PNDIS_TIMER Timer, PBOOLEAN TimerCancelled);
NDIS_HANDLE NdisAllocateIoWorkItem(NDIS_HANDLE NdisObjectHandle);
VOID NdisQueueIoWorkItem(NDIS_HANDLE NdisIoWorkItemHandle, NDIS_IO_WORKITEM_ROUTINE Routine, PVOID WorkItemContext);
VOID NdisFreeIoWorkItem(NDIS_HANDLE NdisIoWorkItemHandle);
#define NdisInitializeWorkItem(_WI_, _R_, _C_) ((_WI_)->Context = (_C_), (_WI_)->Routine = (_R_))
NDIS_STATUS NdisScheduleWorkItem(PNDIS_WORK_ITEM WorkItem);
VOID NdisStallExecution(UINT MicrosecondsToStall);
VOID NdisMSleep(ULONG MicrosecondsToSleep);
VOID NdisGetSystemUpTime(PULONG pSystemUpTime);
VOID NdisGetSystemUpTimeEx(PLARGE_INTEGER pSystemUpTime);
VOID NdisGetCurrentProcessorCpuUsage(PULONG pCpuUsage);
VOID NdisGetCurrentProcessorCounts(PULONG pIdleCount, PULONG pKernelAndUser, PULONG pIndex);
/* processors */
CCHAR NdisSystemProcessorCount(void);
ULONG NdisGroupMaxProcessorCount(USHORT Group);
ULONG NdisGroupActiveProcessorCount(USHORT Group);
KAFFINITY NdisGroupActiveProcessorMask(USHORT Group);
USHORT NdisMaxGroupCount(void);
USHORT NdisActiveGroupCount(void);
ULONG NdisSystemActiveProcessorCount(PKAFFINITY ActiveProcessors);
PROCESSOR_NUMBER NdisCurrentGroupAndProcessor(void);
ULONG NdisCurrentProcessorIndex(void);
ULONG NdisProcessorNumberToIndex(PROCESSOR_NUMBER ProcNum);
NDIS_STATUS NdisProcessorIndexToNumber(ULONG ProcIndex, PPROCESSOR_NUMBER ProcNum);
NDIS_STATUS NdisGetRssProcessorInformation(NDIS_HANDLE NdisHandle, PNDIS_RSS_PROCESSOR_INFO RssProcessorInfo, PSIZE_T Size);
typedef enum _NDIS_PROCESSOR_VENDOR { NdisProcessorVendorUnknown, NdisProcessorVendorGenuinIntel,
    NdisProcessorVendorGenuineIntel = NdisProcessorVendorGenuinIntel, NdisProcessorVendorAuthenticAMD } NDIS_PROCESSOR_VENDOR, *PNDIS_PROCESSOR_VENDOR;
typedef struct _NDIS_PROCESSOR_INFO { ULONG CpuNumber; ULONG PhysicalPackageId; ULONG CoreId; ULONG HyperThreadID; } NDIS_PROCESSOR_INFO, *PNDIS_PROCESSOR_INFO;
#define NDIS_SYSTEM_PROCESSOR_INFO_REVISION_1 1
typedef struct _NDIS_SYSTEM_PROCESSOR_INFO {
    NDIS_OBJECT_HEADER Header; ULONG Flags; NDIS_PROCESSOR_VENDOR ProcessorVendor; ULONG NumPhysicalPackages;
    ULONG NumCores; ULONG NumCoresPerPhysicalPackage; ULONG MaxHyperThreadingCpusPerCore; ULONG RssBaseCpu;
    ULONG RssCpuCount; PUCHAR RssProcessors; NDIS_PROCESSOR_INFO CpuInfo[64];
} NDIS_SYSTEM_PROCESSOR_INFO, *PNDIS_SYSTEM_PROCESSOR_INFO;
#define NDIS_SIZEOF_SYSTEM_PROCESSOR_INFO_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_SYSTEM_PROCESSOR_INFO, CpuInfo)
NDIS_STATUS NdisGetProcessorInformation(PNDIS_SYSTEM_PROCESSOR_INFO SystemProcessorInfo);
#define NDIS_CURRENT_PROCESSOR_NUMBER KeGetCurrentProcessorNumber()
/* NDIS's own per-adapter block: opaque to miniports */
typedef struct _NDIS_MINIPORT_BLOCK NDIS_MINIPORT_BLOCK, *PNDIS_MINIPORT_BLOCK;
NDIS_STATUS NdisGetProcessorInformationEx(NDIS_HANDLE NdisHandle, PVOID SystemProcessorInfo, PSIZE_T Size);
/* NET_BUFFER_LIST and NET_BUFFER pools */
NDIS_HANDLE NdisAllocateNetBufferListPool(NDIS_HANDLE NdisHandle, PNET_BUFFER_LIST_POOL_PARAMETERS Parameters);
VOID NdisFreeNetBufferListPool(NDIS_HANDLE PoolHandle);
NDIS_HANDLE NdisAllocateNetBufferPool(NDIS_HANDLE NdisHandle, PNET_BUFFER_POOL_PARAMETERS Parameters);
VOID NdisFreeNetBufferPool(NDIS_HANDLE PoolHandle);
PNET_BUFFER_LIST NdisAllocateNetBufferList(NDIS_HANDLE PoolHandle, USHORT ContextSize, USHORT ContextBackFill);
VOID NdisFreeNetBufferList(PNET_BUFFER_LIST NetBufferList);
PNET_BUFFER NdisAllocateNetBuffer(NDIS_HANDLE PoolHandle, PMDL MdlChain, ULONG DataOffset, SIZE_T DataLength);
PNET_BUFFER NdisAllocateNetBufferMdlAndData(NDIS_HANDLE PoolHandle);
VOID NdisFreeNetBuffer(PNET_BUFFER NetBuffer);
PNET_BUFFER_LIST NdisAllocateNetBufferAndNetBufferList(NDIS_HANDLE PoolHandle, USHORT ContextSize, USHORT ContextBackFill, PMDL MdlChain, ULONG DataOffset, SIZE_T DataLength);
NDIS_STATUS NdisAllocateNetBufferListContext(PNET_BUFFER_LIST NetBufferList, USHORT ContextSize, USHORT ContextBackFill, ULONG PoolTag);
VOID NdisFreeNetBufferListContext(PNET_BUFFER_LIST NetBufferList, USHORT ContextSize);
NDIS_STATUS NdisRetreatNetBufferDataStart(PNET_BUFFER NetBuffer, ULONG DataOffsetDelta, ULONG DataBackFill, NET_BUFFER_ALLOCATE_MDL_HANDLER AllocateMdlHandler);
VOID NdisAdvanceNetBufferDataStart(PNET_BUFFER NetBuffer, ULONG DataOffsetDelta, BOOLEAN FreeMdl, NET_BUFFER_FREE_MDL_HANDLER FreeMdlHandler);
NDIS_STATUS NdisRetreatNetBufferListDataStart(PNET_BUFFER_LIST NetBufferList, ULONG DataOffsetDelta, ULONG DataBackFill, NET_BUFFER_ALLOCATE_MDL_HANDLER AllocateMdlHandler, NET_BUFFER_FREE_MDL_HANDLER FreeMdlHandler);
VOID NdisAdvanceNetBufferListDataStart(PNET_BUFFER_LIST NetBufferList, ULONG DataOffsetDelta, BOOLEAN FreeMdl, NET_BUFFER_FREE_MDL_HANDLER FreeMdlMandler);
PVOID NdisGetDataBuffer(PNET_BUFFER NetBuffer, ULONG BytesNeeded, PVOID Storage, UINT AlignMultiple, UINT AlignOffset);
VOID NdisAdjustNetBufferCurrentMdl(PNET_BUFFER NetBuffer);
NDIS_STATUS NdisCopyFromNetBufferToNetBuffer(PNET_BUFFER Destination, ULONG DestinationOffset, ULONG BytesToCopy, PNET_BUFFER Source, ULONG SourceOffset, PULONG BytesCopied);
PNET_BUFFER_LIST NdisAllocateCloneNetBufferList(PNET_BUFFER_LIST OriginalNetBufferList, NDIS_HANDLE NetBufferListPoolHandle, NDIS_HANDLE NetBufferPoolHandle, ULONG AllocateCloneFlags);
VOID NdisFreeCloneNetBufferList(PNET_BUFFER_LIST CloneNetBufferList, ULONG FreeCloneFlags);
PNET_BUFFER_LIST NdisAllocateFragmentNetBufferList(PNET_BUFFER_LIST OriginalNetBufferList, NDIS_HANDLE NetBufferListPool, NDIS_HANDLE NetBufferPool, ULONG StartOffset, ULONG MaximumLength, ULONG DataOffsetDelta, ULONG DataBackFill, ULONG AllocateFragmentFlags);
VOID NdisFreeFragmentNetBufferList(PNET_BUFFER_LIST FragmentNetBufferList, ULONG DataOffsetDelta, ULONG FreeFragmentFlags);
PNET_BUFFER_LIST NdisAllocateReassembledNetBufferList(PNET_BUFFER_LIST FragmentNetBufferList, NDIS_HANDLE NetBufferAndNetBufferListPoolHandle, ULONG StartOffset, ULONG DataOffsetDelta, ULONG DataBackFill, ULONG AllocateReassembleFlags);
VOID NdisFreeReassembledNetBufferList(PNET_BUFFER_LIST ReassembledNetBufferList, ULONG DataOffsetDelta, ULONG FreeReassembleFlags);
NDIS_HANDLE NdisGetPoolFromNetBufferList(PNET_BUFFER_LIST NetBufferList);
NDIS_HANDLE NdisGetPoolFromNetBuffer(PNET_BUFFER NetBuffer);
ULONG NdisQueryNetBufferPhysicalCount(PNET_BUFFER NetBuffer);
NDIS_STATUS NdisCopySendNetBufferListInfo(PNET_BUFFER_LIST DestNetBufferList, PNET_BUFFER_LIST SrcNetBufferList);
NDIS_STATUS NdisCopyReceiveNetBufferListInfo(PNET_BUFFER_LIST DestNetBufferList, PNET_BUFFER_LIST SrcNetBufferList);
UCHAR NdisGeneratePartialCancelId(void);
/* devices, logging, misc */
NDIS_STATUS NdisRegisterDeviceEx(NDIS_HANDLE NdisHandle, PNDIS_DEVICE_OBJECT_ATTRIBUTES DeviceObjectAttributes, PDEVICE_OBJECT *pDeviceObject, PNDIS_HANDLE NdisDeviceHandle);
VOID NdisDeregisterDeviceEx(NDIS_HANDLE NdisDeviceHandle);
PVOID NdisGetDeviceReservedExtension(PDEVICE_OBJECT DeviceObject);
VOID __cdecl NdisWriteErrorLogEntry(NDIS_HANDLE NdisAdapterHandle, NDIS_ERROR_CODE ErrorCode, ULONG NumberOfErrorValues, ...);
VOID NdisWriteEventLogEntry(PVOID LogHandle, NDIS_STATUS EventCode, ULONG UniqueEventValue, USHORT NumStrings, PVOID StringsList, ULONG DataSize, PVOID Data);
UINT NdisGetVersion(void);
PVOID NdisGetRoutineAddress(PNDIS_STRING NdisRoutineName);
NDIS_STATUS NdisGetHypervisorInfo(PNDIS_HYPERVISOR_INFO HypervisorInfo);
VOID NdisOpenFile(PNDIS_STATUS Status, PNDIS_HANDLE FileHandle, PUINT FileLength, PNDIS_STRING FileName, NDIS_PHYSICAL_ADDRESS HighestAcceptableAddress);
VOID NdisCloseFile(NDIS_HANDLE FileHandle);
VOID NdisMapFile(PNDIS_STATUS Status, PVOID *MappedBuffer, NDIS_HANDLE FileHandle);
VOID NdisUnmapFile(NDIS_HANDLE FileHandle);
NDIS_STATUS NdisQueryBindInstanceName(PNDIS_STRING pAdapterInstanceName, NDIS_HANDLE BindingContext);
NDIS_STATUS NdisQueryAdapterInstanceName(PNDIS_STRING pAdapterInstanceName, NDIS_HANDLE NdisBindingHandle);
/* protocol and intermediate drivers */
NDIS_STATUS NdisRegisterProtocolDriver(NDIS_HANDLE ProtocolDriverContext, PNDIS_PROTOCOL_DRIVER_CHARACTERISTICS ProtocolCharacteristics, PNDIS_HANDLE NdisProtocolHandle);
VOID NdisDeregisterProtocolDriver(NDIS_HANDLE NdisProtocolHandle);
NDIS_STATUS NdisOpenAdapterEx(NDIS_HANDLE NdisProtocolHandle, NDIS_HANDLE ProtocolBindingContext, PNDIS_OPEN_PARAMETERS OpenParameters, NDIS_HANDLE BindContext, PNDIS_HANDLE NdisBindingHandle);
NDIS_STATUS NdisCloseAdapterEx(NDIS_HANDLE NdisBindingHandle);
VOID NdisCompleteBindAdapterEx(NDIS_HANDLE BindAdapterContext, NDIS_STATUS Status);
VOID NdisCompleteUnbindAdapterEx(NDIS_HANDLE UnbindContext);
NDIS_STATUS NdisUnbindAdapter(NDIS_HANDLE NdisBindingHandle);
VOID NdisReEnumerateProtocolBindings(NDIS_HANDLE NdisProtocolHandle);
VOID NdisSendNetBufferLists(NDIS_HANDLE NdisBindingHandle, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags);
VOID NdisReturnNetBufferLists(NDIS_HANDLE NdisBindingHandle, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags);
VOID NdisCancelSendNetBufferLists(NDIS_HANDLE NdisBindingHandle, PVOID CancelId);
NDIS_STATUS NdisOidRequest(NDIS_HANDLE NdisBindingHandle, PNDIS_OID_REQUEST OidRequest);
VOID NdisCancelOidRequest(NDIS_HANDLE NdisBindingHandle, PVOID RequestId);
NDIS_STATUS NdisDirectOidRequest(NDIS_HANDLE NdisBindingHandle, PNDIS_OID_REQUEST OidRequest);
NDIS_STATUS NdisAllocateCloneOidRequest(NDIS_HANDLE SourceHandle, PNDIS_OID_REQUEST OidRequest, UINT PoolTag, PNDIS_OID_REQUEST *CloneOidRequest);
VOID NdisFreeCloneOidRequest(NDIS_HANDLE SourceHandle, PNDIS_OID_REQUEST Request);
VOID NdisCompleteNetPnPEvent(NDIS_HANDLE NdisBindingHandle, PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification, NDIS_STATUS Status);
NDIS_STATUS NdisIMInitializeDeviceInstanceEx(NDIS_HANDLE DriverHandle, PNDIS_STRING DriverInstance, NDIS_HANDLE DeviceContext);
NDIS_STATUS NdisIMCancelInitializeDeviceInstance(NDIS_HANDLE DriverHandle, PNDIS_STRING DeviceInstance);
NDIS_STATUS NdisIMDeInitializeDeviceInstance(NDIS_HANDLE NdisMiniportHandle);
VOID NdisIMAssociateMiniport(NDIS_HANDLE DriverHandle, NDIS_HANDLE ProtocolHandle);
NDIS_HANDLE NdisIMGetBindingContext(NDIS_HANDLE NdisBindingHandle);
NDIS_STATUS NdisIfRegisterProvider(PVOID ProviderInfo, NDIS_HANDLE IfProviderContext, PNDIS_HANDLE pNdisIfProviderHandle);
VOID NdisIfDeregisterProvider(NDIS_HANDLE NdisProviderHandle);
NDIS_STATUS NdisIfAllocateNetLuidIndex(NET_IFTYPE ifType, PUINT32 pNetLuidIndex);
NDIS_STATUS NdisIfFreeNetLuidIndex(NET_IFTYPE ifType, UINT32 NetLuidIndex);
NDIS_STATUS NdisIfRegisterInterface(NDIS_HANDLE NdisProviderHandle, NET_LUID NetLuid, NDIS_HANDLE ProviderIfContext, PVOID pIfInfo, PNET_IFINDEX pfIndex);
VOID NdisIfDeregisterInterface(NET_IFINDEX ifIndex);
NDIS_STATUS NdisIfAddIfStackEntry(NET_IFINDEX HigherLayerIfIndex, NET_IFINDEX LowerLayerIfIndex);
VOID NdisIfDeleteIfStackEntry(NET_IFINDEX HigherLayerIfIndex, NET_IFINDEX LowerLayerIfIndex);

/* ---- NDIS 6 lightweight filter drivers (not parsed for a driver that builds as a miniport only) ---- */
#if NDIS_SUPPORT_NDIS6 && !defined(DRVCHECK_NDIS_MINIPORT_ONLY)
#include <ndis/filter.h>
#endif

/* ---- the NDIS 5.x interface, for the drivers that build as NDIS 5.x (legacy) ---- */
#if NDIS_LEGACY_DRIVER
#include <ndis/legacy.h>
#endif
