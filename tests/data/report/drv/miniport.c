/* miniport.c - a small driver-like source the report tests point their
 * hand-made defects at (tests/unit/report_sample.h).  Self-contained C:
 * it declares what it uses.  Line numbers matter: keep them. */
typedef int NDIS_STATUS;
typedef void *NDIS_HANDLE;
typedef int (*SYNC_ROUTINE)(void *Context);
typedef struct ADAPTER {
    NDIS_HANDLE InterruptHandle;
    int Flags;
} ADAPTER;

void NdisMDeregisterInterruptEx(NDIS_HANDLE Handle);
int NdisMSynchronizeWithInterruptEx(NDIS_HANDLE Handle, unsigned Msg, SYNC_ROUTINE Fn, void *Ctx);

static int SyncReset(void *Context)
{
    return Context != 0;
}

void MpReleaseInterrupt(ADAPTER *Adapter)
{
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
}

void MpHaltEx(ADAPTER *Adapter, int Action)
{
    (void)Action;
    MpReleaseInterrupt(Adapter);
    if (Adapter->Flags & 1) {
        NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, SyncReset, Adapter);
    }
}

void MpShutdownEx(ADAPTER *Adapter, int Action)
{
    (void)Action;
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    // drvcheck-suppress NdisMDeregisterInterruptEx: the interrupt is masked in hardware <here> & "now"
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, SyncReset, Adapter);
}
