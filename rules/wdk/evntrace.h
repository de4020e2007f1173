/* evntrace.h - drvcheck clean-room WDK model: event tracing definitions (see wdm.h for ETW). */
#pragma once
#include <wdm.h>
#define EVENT_TRACE_TYPE_INFO 0x00
#define EVENT_TRACE_TYPE_START 0x01
#define EVENT_TRACE_TYPE_END 0x02
