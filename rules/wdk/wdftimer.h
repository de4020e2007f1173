/* wdftimer.h - drvcheck clean-room WDK model: KMDF timer objects. */
#pragma once
#include <wdf.h>
typedef VOID (EVT_WDF_TIMER)(WDFTIMER Timer);
typedef EVT_WDF_TIMER *PFN_WDF_TIMER;
typedef struct _WDF_TIMER_CONFIG {
    ULONG Size;
    PFN_WDF_TIMER EvtTimerFunc;
    ULONG Period;
    BOOLEAN AutomaticSerialization;
    ULONG TolerableDelay;
    BOOLEAN UseHighResolutionTimer;
} WDF_TIMER_CONFIG, *PWDF_TIMER_CONFIG;
VOID WDF_TIMER_CONFIG_INIT(PWDF_TIMER_CONFIG Config, PFN_WDF_TIMER EvtTimerFunc);
VOID WDF_TIMER_CONFIG_INIT_PERIODIC(PWDF_TIMER_CONFIG Config, PFN_WDF_TIMER EvtTimerFunc, LONG Period);
NTSTATUS WdfTimerCreate(PWDF_TIMER_CONFIG Config, PWDF_OBJECT_ATTRIBUTES Attributes, WDFTIMER *Timer);
BOOLEAN WdfTimerStart(WDFTIMER Timer, LONGLONG DueTime);
BOOLEAN WdfTimerStop(WDFTIMER Timer, BOOLEAN Wait);
WDFOBJECT WdfTimerGetParentObject(WDFTIMER Timer);
#define WDF_REL_TIMEOUT_IN_MS(ms) ((LONGLONG)(ms) * -10000)
#define WDF_REL_TIMEOUT_IN_US(us) ((LONGLONG)(us) * -10)
#define WDF_REL_TIMEOUT_IN_SEC(s) ((LONGLONG)(s) * -10000000)
#define WDF_ABS_TIMEOUT_IN_MS(ms) ((LONGLONG)(ms) * 10000)
