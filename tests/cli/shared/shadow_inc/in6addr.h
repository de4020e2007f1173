/* in6addr.h - a project's own header of a name the WDK also has (the shared-header fixture): a
 * file given this folder with -I finds it where <ndis.h> includes <in6addr.h>, so the copy of
 * <ndis.h> made without the folder is not that file's. */
#pragma once
#include <ntdef.h>

typedef struct in6_addr {
    union { UCHAR Byte[16]; USHORT Word[8]; } u;
} IN6_ADDR, *PIN6_ADDR;
