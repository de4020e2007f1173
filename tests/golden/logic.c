/* Golden: && || ! ?: short-circuit edges, calls on the edge where they run,
 * comma, assignments in conditions, compile-time constant conditions. */
typedef struct _ADAPTER { void *InterruptHandle; int Flags; } ADAPTER, *PADAPTER;
int Check(int x);
void Sync(void *h);
enum { MODE_OFF, MODE_ON };
#define DEBUG_BUILD 0
#define TRUE 1

void Logic(PADAPTER a, int x)
{
    int s;
    if (a->InterruptHandle && (Check(x) || !Check(-x)))
        Sync(a->InterruptHandle);
    x = x > 0 ? Check(1) : 0;
    if ((s = Check(2)) != 0 && (x++, s > 1))
        Sync(0);
    if (DEBUG_BUILD || MODE_OFF)
        Sync((void *)1);
    if (sizeof(int) == 4 && MODE_ON)
        x = !x;
    while (TRUE) {
        if (Check(3))
            break;
    }
}
