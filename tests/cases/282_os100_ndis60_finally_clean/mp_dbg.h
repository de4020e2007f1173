/*
 * mp_dbg.h - Osprey OS-100 miniport: debug print and assertion macros.
 */

#ifndef _MP_DBG_H
#define _MP_DBG_H

#define MP_OFF          0
#define MP_ERROR        1
#define MP_WARN         2
#define MP_TRACE        3
#define MP_INFO         4
#define MP_LOUD         5

#if DBG

extern ULONG MPDebugLevel;

#define DBGPRINT(Level, Fmt)                                    \
{                                                               \
    if (Level <= MPDebugLevel)                                  \
    {                                                           \
        DbgPrint("OS100: ");                                    \
        DbgPrint Fmt;                                           \
    }                                                           \
}

#define DBGPRINT_RAW(Level, Fmt)                                \
{                                                               \
    if (Level <= MPDebugLevel)                                  \
    {                                                           \
        DbgPrint Fmt;                                           \
    }                                                           \
}

#define DBGPRINT_S(Status, Fmt)                                 \
{                                                               \
    ULONG dbglevel;                                             \
    if (Status == NDIS_STATUS_SUCCESS || Status == NDIS_STATUS_PENDING) \
        dbglevel = MP_TRACE;                                    \
    else                                                        \
        dbglevel = MP_ERROR;                                    \
    DBGPRINT(dbglevel, Fmt);                                    \
}

#define DBGPRINT_UNICODE(Level, UString)                        \
{                                                               \
    if (Level <= MPDebugLevel)                                  \
    {                                                           \
        NdisPrintString(UString);                               \
    }                                                           \
}

#undef ASSERT
#define ASSERT(x) if (!(x)) { DbgPrint("Assertion failed: %s:%d %s\n", __FILE__, __LINE__, #x); DbgBreakPoint(); }

#else   // !DBG

#define DBGPRINT(Level, Fmt)
#define DBGPRINT_RAW(Level, Fmt)
#define DBGPRINT_S(Status, Fmt)
#define DBGPRINT_UNICODE(Level, UString)

#undef ASSERT
#define ASSERT(x)

#endif  // DBG

#endif  // _MP_DBG_H
