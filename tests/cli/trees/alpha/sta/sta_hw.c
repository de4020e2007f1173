/* alpha's station library: the chip side. */
#include <ndis.h>
#include "sta.h"

static BOOLEAN
StaQuiesceSync(PVOID SynchronizeContext)
{
    UNREFERENCED_PARAMETER(SynchronizeContext);
    return TRUE;
}

VOID
StaQuiesce(NDIS_HANDLE InterruptHandle, PVOID Context)
{
    NdisMSynchronizeWithInterruptEx(InterruptHandle, 0, StaQuiesceSync, Context);   // defect: NdisMDeregisterInterruptEx
}
