/* nldef.h - drvcheck clean-room WDK model: network-layer enumerations the
 * IP helper rows (netioapi.h) use. */
#pragma once
#include <ntdef.h>

typedef enum { IpPrefixOriginOther = 0, IpPrefixOriginManual, IpPrefixOriginWellKnown, IpPrefixOriginDhcp,
               IpPrefixOriginRouterAdvertisement, IpPrefixOriginUnchanged = 1 << 4 } NL_PREFIX_ORIGIN;
typedef enum { NlsoOther = 0, NlsoManual, NlsoWellKnown, NlsoDhcp, NlsoLinkLayerAddress, NlsoRandom,
               IpSuffixOriginOther = 0, IpSuffixOriginManual, IpSuffixOriginWellKnown, IpSuffixOriginDhcp,
               IpSuffixOriginLinkLayerAddress, IpSuffixOriginRandom, IpSuffixOriginUnchanged = 1 << 4 } NL_SUFFIX_ORIGIN;
typedef enum { NldsInvalid, NldsTentative, NldsDuplicate, NldsDeprecated, NldsPreferred,
               IpDadStateInvalid = 0, IpDadStateTentative, IpDadStateDuplicate, IpDadStateDeprecated,
               IpDadStatePreferred } NL_DAD_STATE;
typedef enum {
    RouteProtocolOther = 1, RouteProtocolLocal = 2, RouteProtocolNetMgmt = 3, RouteProtocolIcmp = 4,
    RouteProtocolEgp = 5, RouteProtocolGgp = 6, RouteProtocolHello = 7, RouteProtocolRip = 8,
    RouteProtocolIsIs = 9, RouteProtocolEsIs = 10, RouteProtocolCisco = 11, RouteProtocolBbn = 12,
    RouteProtocolOspf = 13, RouteProtocolBgp = 14, RouteProtocolIdpr = 15, RouteProtocolEigrp = 16,
    RouteProtocolDvmrp = 17, RouteProtocolRpl = 18, RouteProtocolDhcp = 19,
    MIB_IPPROTO_OTHER = 1, MIB_IPPROTO_LOCAL = 2, MIB_IPPROTO_NETMGMT = 3,
    MIB_IPPROTO_NT_AUTOSTATIC = 10002, MIB_IPPROTO_NT_STATIC = 10006, MIB_IPPROTO_NT_STATIC_NON_DOD = 10007
} NL_ROUTE_PROTOCOL, *PNL_ROUTE_PROTOCOL;
typedef enum { NlroManual, NlroWellKnown, NlroDHCP, NlroRouterAdvertisement, Nlro6to4 } NL_ROUTE_ORIGIN, *PNL_ROUTE_ORIGIN;
typedef enum { NlnsUnreachable, NlnsIncomplete, NlnsProbe, NlnsDelay, NlnsStale, NlnsReachable,
               NlnsPermanent, NlnsMaximum } NL_NEIGHBOR_STATE, *PNL_NEIGHBOR_STATE;
typedef enum { RouterDiscoveryDisabled = 0, RouterDiscoveryEnabled = 1, RouterDiscoveryDhcp = 2,
               RouterDiscoveryUnchanged = -1 } NL_ROUTER_DISCOVERY_BEHAVIOR;
typedef enum { LinkLocalAlwaysOff = 0, LinkLocalDelayed, LinkLocalAlwaysOn,
               LinkLocalUnchanged = -1 } NL_LINK_LOCAL_ADDRESS_BEHAVIOR;
typedef struct _NL_INTERFACE_OFFLOAD_ROD {
    BOOLEAN NlChecksumSupported : 1;
    BOOLEAN NlOptionsSupported : 1;
    BOOLEAN TlDatagramChecksumSupported : 1;
    BOOLEAN TlStreamChecksumSupported : 1;
    BOOLEAN TlStreamOptionsSupported : 1;
    BOOLEAN FastPathCompatible : 1;
    BOOLEAN TlLargeSendOffloadSupported : 1;
    BOOLEAN TlGiantSendOffloadSupported : 1;
} NL_INTERFACE_OFFLOAD_ROD, *PNL_INTERFACE_OFFLOAD_ROD;
typedef enum { NetworkCategoryPublic, NetworkCategoryPrivate, NetworkCategoryDomainAuthenticated,
               NetworkCategoryUnchanged = -1, NetworkCategoryUnknown = -1 } NL_NETWORK_CATEGORY, *PNL_NETWORK_CATEGORY;
#define NL_MAX_METRIC_COMPONENT ((((ULONG)1) << 31) - 1)
