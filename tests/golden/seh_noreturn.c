/* Golden: __try/__except, __try/__finally with return and __leave,
 * noreturn calls, calls from macros (expansion locations). */
typedef struct _ADAPTER { void *InterruptHandle; } ADAPTER, *PADAPTER;
void KeBugCheckEx(unsigned long c, unsigned long a, unsigned long b, unsigned long d, unsigned long e);
__declspec(noreturn) void Fatal(int code);
int Probe(void *p);
void Release(void *h);
#define RELEASE(a) do { if ((a)->InterruptHandle) Release((a)->InterruptHandle); } while (0)

int Guarded(PADAPTER a)
{
    int ok = 0;
    __try {
        ok = Probe(a);
    } __except (1) {
        ok = -1;
    }
    __try {
        if (!ok)
            return Probe(0);
        if (ok < 0)
            __leave;
        Probe(a->InterruptHandle);
    } __finally {
        RELEASE(a);
    }
    if (ok == 7)
        KeBugCheckEx(1, 2, 3, 4, 5);
    if (ok == 8)
        Fatal(8);
    return ok;
}
