/* netioapi.h - drvcheck clean-room WDK model: the IP helper types kernel
 * network drivers include it for (interface identifiers and types). */
#pragma once
#include <ntdef.h>
#include <minwindef.h>
#include <ifdef.h>
#include <ipifcons.h>
