/* reset.c - second file of the report tests' sample driver. */
typedef void *NDIS_HANDLE;
typedef int (*SYNC_ROUTINE)(void *Context);

void NdisMDeregisterInterruptEx(NDIS_HANDLE Handle);
int NdisMSynchronizeWithInterruptEx(NDIS_HANDLE Handle, unsigned Msg, SYNC_ROUTINE Fn, void *Ctx);

static int SyncClear(void *Context)
{
    return Context == 0;
}

void MpResetEx(NDIS_HANDLE Interrupt)
{
	NdisMDeregisterInterruptEx(Interrupt);
	NdisMSynchronizeWithInterruptEx(Interrupt, 1, SyncClear, 0);
}
