/* The station library's interface (alpha). */
#ifndef ALPHA_STA_H
#define ALPHA_STA_H

VOID StaStop(NDIS_HANDLE InterruptHandle, PVOID Context);
VOID StaQuiesce(NDIS_HANDLE InterruptHandle, PVOID Context);

#endif
