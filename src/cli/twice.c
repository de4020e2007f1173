/* twice.c - functions one driver defines in two files.
 *
 * Two files of one driver that both define a non-static MpQuiesce do not
 * link: the build compiles one of them (a stale copy beside the one a
 * project lists, a file of another configuration).  The engine resolves a
 * call from a third file to the first definition in the driver's order
 * (program.c prog_lookup), which may be the one the build leaves out, so
 * the scan says so where the second one stands.  A definition in a header
 * that two files include is one definition, not two. */
#include "cli/twice.h"

#include <stdlib.h>
#include <string.h>

#include "cli/paths.h"

typedef struct Def {
    const Func *f;
    int order;               /* its place in the driver: units, then functions */
} Def;

static int by_name(const void *a, const void *b)
{
    const Def *x = a, *y = b;
    int c = strcmp(x->f->name, y->f->name);
    return c ? c : x->order - y->order;
}

void cli_twice(const Driver *drivers, int ndrivers, const char *root, DiagList *d)
{
    for (int i = 0; i < ndrivers; i++) {
        const Driver *dr = &drivers[i];
        int n = 0;
        for (int u = 0; u < dr->nunits; u++)
            n += dr->units[u]->nfuncs;
        Def *v = malloc(sizeof *v * (size_t)(n + 1));
        if (!v)
            abort();
        n = 0;
        int order = 0;
        for (int u = 0; u < dr->nunits; u++)
            for (int k = 0; k < dr->units[u]->nfuncs; k++, order++) {
                const Func *f = &dr->units[u]->funcs[k];
                if (!f->is_static && f->name && f->file)
                    v[n++] = (Def){f, order};
            }
        qsort(v, (size_t)n, sizeof *v, by_name);
        for (int a = 1; a < n; a++) {
            int b = a - 1;
            while (b > 0 && strcmp(v[b - 1].f->name, v[a].f->name) == 0)
                b--;                       /* the first of the name */
            const Func *first = v[b].f, *f = v[a].f;
            if (strcmp(first->name, f->name) != 0)
                continue;
            int seen = 0;                  /* one definition, or one warned already */
            for (int c = b; c < a && !seen; c++)
                seen = strcmp(v[c].f->file, f->file) == 0 && v[c].f->loc.line == f->loc.line;
            if (seen)
                continue;
            char *other = root ? paths_relative(first->file, root) : strdup(first->file);
            if (!other)
                abort();
            diag_add(d, DIAG_WARNING, f->file, f->loc.line, f->loc.col,
                     "'%s' is also defined at %s:%d: a driver's build links one of them; calls "
                     "from other files are analysed with the one in %s",
                     f->name, other, first->loc.line, other);
            free(other);
        }
        free(v);
    }
}
