/*
 * WPP tracing configuration of the case 114/115 driver.  The build runs the WPP preprocessor over
 * mp.c and produces mp.tmh, which mp.c includes after this header.
 */
#pragma once

#define WPP_CONTROL_GUIDS                                                   \
    WPP_DEFINE_CONTROL_GUID(                                                \
        NicTraceGuid, (6b1e7a52, 3f0c, 4d8e, 9a41, 5c2d7e90b3f1),           \
        WPP_DEFINE_BIT(TRACE_DRIVER)                                        \
        WPP_DEFINE_BIT(TRACE_INIT)                                          \
        WPP_DEFINE_BIT(TRACE_INTERRUPT)                                     \
        WPP_DEFINE_BIT(TRACE_OID)                                           \
        )

#define WPP_LEVEL_FLAGS_LOGGER(lvl, flags) WPP_LEVEL_LOGGER(flags)
#define WPP_LEVEL_FLAGS_ENABLED(lvl, flags) \
    (WPP_LEVEL_ENABLED(flags) && WPP_CONTROL(WPP_BIT_ ## flags).Level >= lvl)

//
// begin_wpp config
// FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);
// end_wpp
//
