/* Golden: if/else, loops, break/continue, switch with fallthrough and
 * default, goto cleanup, return values. */
typedef struct _ADAPTER { void *InterruptHandle; int Flags; int Count; } ADAPTER, *PADAPTER;
int Register(PADAPTER a, void **h);
void Deregister(void *h);
int Poll(int i);

int Init(PADAPTER a, int n)
{
    int status = Register(a, &a->InterruptHandle);
    int i;
    if (status != 0)
        goto fail;
    for (i = 0; i < n; i++) {
        if (Poll(i) == 2)
            continue;
        if (i > 8)
            break;
        a->Count++;
    }
    while (a->Flags & 4) {
        a->Flags -= 1;
    }
    do {
        if (!Poll(-1))
            break;
        a->Count = 0;
    } while (0);
    return 0;
fail:
    if (a->InterruptHandle) {
        Deregister(a->InterruptHandle);
        a->InterruptHandle = 0;
    }
    return status;
}

int Dispatch(int code)
{
    int r = 0;
    switch (code) {
    case 1:
        r = Poll(1);
    case 2:
        r += 2;
        break;
    case 3 ... 5:
        return Poll(code);
    default:
        r = -1;
    }
    return r;
}
