/* Golden: declarations, initialiser lists (per member, designated and
 * positional, function designators), role declarations, access-path keys. */
typedef struct _ADAPTER { void *InterruptHandle; int Flags; struct { int State; } Power; } ADAPTER, *PADAPTER;
typedef int MINIPORT_INITIALIZE(void *Handle, void *Context);
typedef void MINIPORT_HALT(void *Context, int Action);
typedef struct _CHARS { int Version; MINIPORT_INITIALIZE *Init; MINIPORT_HALT *Halt; } CHARS;
int RegisterMiniport(CHARS *c);

MINIPORT_INITIALIZE MpInit;
MINIPORT_HALT MpHalt;
static int g_count;

int MpInit(void *Handle, void *Context)
{
    PADAPTER a = (PADAPTER)Context;
    ADAPTER copy;
    int *p = &g_count;
    (void)Handle;
    a->Power.State = 1;
    copy.Flags = (*a).Flags;
    *p += a->Flags;
    return 0;
}

void MpHalt(void *Context, int Action)
{
    (void)Context;
    (void)Action;
}

int DriverEntry(void)
{
    CHARS c = { .Version = 6, .Init = MpInit, .Halt = &MpHalt };
    int unused;
    return RegisterMiniport(&c);
}
