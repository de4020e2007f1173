/*
 * Shared-header fixture: beta's miniport split into files that start in different ways.
 * inc/level.h defines a macro <ndis.h> reads (NDIS620_MINIPORT), but it is included under an
 * #if the scan cannot decide: the #define may not happen, so it is not made into a copy, and
 * the file is parsed alone.
 */

#if DRV_LEVEL > 1
#include "level.h"
#endif
#include <ndis.h>
#include "drv.h"

VOID
MpNoteLevel(PMP_ADAPTER Adapter)
{
    UNREFERENCED_PARAMETER(Adapter);
}
