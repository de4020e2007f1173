/* Golden: a file that only parses after recovery - a missing project
 * header, a WPP trace header generated at build time, an unknown type in
 * the adapter structure, an unknown constant, an MSVC lvalue cast.  Every
 * interrupt API call must still be a CALL step. */
#include "missing_private.h"
#include "recover.tmh"
typedef struct _ADAPTER {
    PRIVATE_TIMER Timer;
    void *InterruptHandle;
    unsigned long long Cookie;
} ADAPTER, *PADAPTER;
int NdisMSynchronizeWithInterruptEx(void *h, unsigned msg, void *fn, void *ctx);
void NdisMDeregisterInterruptEx(void *h);
int SyncFn(void *ctx);

void Halt(PADAPTER a)
{
    DoTraceMessage(TRACE_INIT, "halting %p", a);
    NdisMSynchronizeWithInterruptEx(a->InterruptHandle, PRIVATE_MSG_ID, SyncFn, a);
    (void *)a->Cookie = 0;
    if (a->InterruptHandle) {
        NdisMDeregisterInterruptEx(a->InterruptHandle);
        a->InterruptHandle = 0;
    }
}
