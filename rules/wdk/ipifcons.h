/* ipifcons.h - drvcheck clean-room WDK model: interface types (the IANA
 * ifType numbers, as IF_TYPE_*) and operational states. */
#pragma once
#define IF_TYPE_OTHER 1
#define IF_TYPE_ETHERNET_CSMACD 6
#define IF_TYPE_ISO88025_TOKENRING 9
#define IF_TYPE_PPP 23
#define IF_TYPE_SOFTWARE_LOOPBACK 24
#define IF_TYPE_ATM 37
#define IF_TYPE_PROP_VIRTUAL 53
#define IF_TYPE_IEEE80211 71
#define IF_TYPE_TUNNEL 131
#define IF_TYPE_IEEE1394 144
#define IF_TYPE_IEEE80216_WMAN 237
#define IF_TYPE_WWANPP 243
#define IF_TYPE_WWANPP2 244
#define MAX_IF_TYPE 281
