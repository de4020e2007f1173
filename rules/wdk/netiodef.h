/* netiodef.h - drvcheck clean-room WDK model: network I/O definitions.
 * Only a few Ethernet/IP constants: the
 * protocol header layouts of the WDK header are not modelled. */
#pragma once
#include <ntdef.h>
#include <ws2def.h>
#include <ws2ipdef.h>

#define ETH_LENGTH_OF_HEADER 14
#define ETH_LENGTH_OF_VLAN_HEADER 4
#define ETHERNET_TYPE_IPV4 0x0800
#define ETHERNET_TYPE_ARP 0x0806
#define ETHERNET_TYPE_IPV6 0x86dd
#define ETHERNET_TYPE_802_1Q 0x8100
#define IPV4_VERSION 4
#define IPV6_VERSION 0x60
