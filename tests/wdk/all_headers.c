/* all_headers.c - includes every header of the bundled WDK model (rules/wdk); must parse
 * with zero errors and warnings (tests/cmake/wdk_model.cmake checks the list is complete). */
#include <acpiioct.h>
#include <basetsd.h>
#include <bugcodes.h>
#include <devguid.h>
#include <driverspecs.h>
#include <evntrace.h>
#include <ifdef.h>
#include <in6addr.h>
#include <inaddr.h>
#include <initguid.h>
#include <intsafe.h>
#include <minwindef.h>
#include <ndis.h>
#include <ndis/filter.h>
/* ndis.h includes it only for NDIS 5.x builds; it must also parse next to the NDIS 6 API */
#include <ndis/legacy.h>
#include <netpnp.h>
#include <ntddk.h>
#include <ntddndis.h>
#include <ntdef.h>
#include <ntifs.h>
#include <ntintsafe.h>
#include <ntstatus.h>
#include <ntstrsafe.h>
#include <ntverp.h>
#include <sal.h>
#include <specstrings.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <traceloggingprovider.h>
#include <wdm.h>
#include <wdmguid.h>
#include <windef.h>
#include <windot11.h>
#include <wlantypes.h>
#include <wmistr.h>
#include <ws2def.h>
#include <ws2ipdef.h>
#include <nldef.h>
#include <netioddk.h>
#include <netiodef.h>
#include <wsk.h>
#include <devioctl.h>
#include <fltkernel.h>
#include <intrin.h>
#include <ipifcons.h>
#include <limits.h>
#include <netioapi.h>
#include <wdmsec.h>
#include <ntddsd.h>
#include <usbdi.h>
#include <usbdlib.h>
#include <wdf.h>
#include <wdfcore.h>
#include <wdfdevice.h>
#include <wdfminiport.h>
#include <wdfrequest.h>
#include <wdfsync.h>
#include <wdftimer.h>
#include <wdfusb.h>
#include <wdfworkitem.h>
#include <dot11wdi.h>
#include <wditypes.hpp>
#include <wlan\1.0\TLVGeneratorParser.hpp>
#include <pshpack1.h>
typedef struct _ALL_HEADERS_PACKED { UCHAR a; ULONG b; } ALL_HEADERS_PACKED;
#include <poppack.h>
#include <pshpack2.h>
#include <poppack.h>
#include <pshpack4.h>
#include <poppack.h>
#include <pshpack8.h>
#include <poppack.h>
#include <pshpack16.h>
#include <poppack.h>
#include <packon.h>
typedef struct _ALL_HEADERS_PACKON { UCHAR a; ULONG b; } ALL_HEADERS_PACKON;
#include <packoff.h>

C_ASSERT(sizeof(ALL_HEADERS_PACKED) == 5);
C_ASSERT(sizeof(ALL_HEADERS_PACKON) == 5);
C_ASSERT(sizeof(ULONG) == 4 && sizeof(ULONG_PTR) == sizeof(PVOID) && sizeof(LONG64) == 8);
C_ASSERT(NDIS_STATUS_SUCCESS == 0 && NDIS_STATUS_PENDING == 0x103);
C_ASSERT(sizeof(IN_ADDR) == 4 && sizeof(IN6_ADDR) == 16 && sizeof(SOCKADDR_IN) == 16 && sizeof(SOCKADDR_IN6) == 28);
C_ASSERT(sizeof(SOCKADDR_INET) == 28 && sizeof(WSACMSGHDR) == 16 && WSA_CMSG_SPACE(0) == sizeof(WSACMSGHDR));
C_ASSERT(CTL_CODE(FILE_DEVICE_NETWORK, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS) == 0x00122000);
C_ASSERT(sizeof(uint8_t) == 1 && sizeof(int16_t) == 2 && sizeof(uint32_t) == 4 && sizeof(int64_t) == 8);
C_ASSERT(sizeof(uintptr_t) == sizeof(PVOID) && UINT32_MAX == 0xffffffffu && INT64_MIN < 0);
C_ASSERT(sizeof(bool) == 1 && true == 1 && false == 0 && UINT64_C(1) << 63 != 0);

/* KMDF context accessors, written with and without a ';' after them (the
 * macro defines an inline accessor, as the WDK's does) */
typedef struct _ALL_HEADERS_CTX { ULONG Count; } ALL_HEADERS_CTX;
typedef struct _ALL_HEADERS_CTX2 { ULONG Count; } ALL_HEADERS_CTX2;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(ALL_HEADERS_CTX, AllHeadersGetCtx)
WDF_DECLARE_CONTEXT_TYPE(ALL_HEADERS_CTX2);
ULONG AllHeadersCount(WDFOBJECT o);
ULONG AllHeadersCount(WDFOBJECT o)
{
    return AllHeadersGetCtx(o)->Count + WdfObjectGet_ALL_HEADERS_CTX2(o)->Count;
}
