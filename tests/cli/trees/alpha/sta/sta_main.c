/* alpha's station library: stopping the station. */
#include <ndis.h>
#include "sta.h"
#include "hw.h"

VOID
StaStop(NDIS_HANDLE InterruptHandle, PVOID Context)
{
    ULONG Try;

    for (Try = 0; Try < STA_QUIESCE_RETRIES; Try++) {
        StaQuiesce(InterruptHandle, Context);
    }
}
