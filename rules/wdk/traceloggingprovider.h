/* traceloggingprovider.h - drvcheck clean-room WDK model: TraceLogging as no-ops. */
#pragma once
#include <wdm.h>
typedef const struct _TlgProvider_t *TraceLoggingHProvider;
#define TRACELOGGING_DECLARE_PROVIDER(hProvider) extern const TraceLoggingHProvider hProvider
#define TRACELOGGING_DEFINE_PROVIDER(hProvider, name, guid, ...) const TraceLoggingHProvider hProvider = NULL
#define TraceLoggingRegister(hProvider) ((NTSTATUS)0)
#define TraceLoggingRegisterEx(hProvider, cb, ctx) ((NTSTATUS)0)
#define TraceLoggingUnregister(hProvider) ((void)0)
#define TraceLoggingProviderEnabled(hProvider, level, keyword) FALSE
#define TraceLoggingWrite(hProvider, eventName, ...) ((void)0)
#define TraceLoggingWriteActivity(hProvider, eventName, pActivityId, pRelatedActivityId, ...) ((void)0)
#define TraceLoggingValue(value, ...) value
#define TraceLoggingString(value, ...) value
#define TraceLoggingWideString(value, ...) value
#define TraceLoggingUInt32(value, ...) value
#define TraceLoggingInt32(value, ...) value
#define TraceLoggingUInt64(value, ...) value
#define TraceLoggingHexUInt32(value, ...) value
#define TraceLoggingPointer(value, ...) value
#define TraceLoggingBoolean(value, ...) value
#define TraceLoggingGuid(value, ...) value
#define TraceLoggingNTStatus(value, ...) value
#define TraceLoggingLevel(level) level
#define TraceLoggingKeyword(keyword) keyword
#define TraceLoggingOpcode(opcode) opcode
#define TraceLoggingDescription(d) d
