/* drivers.c - splitting the scanned units into driver projects.
 *
 * A unit that defines DriverEntry or calls NdisMRegisterMiniportDriver
 * starts a driver at its folder; units in one folder share a driver.  Every
 * other unit joins the driver started at its nearest ancestor folder;
 * failing that, the driver whose calls it resolves (names the driver calls
 * but does not define: a Common/ folder beside the driver's own), also
 * through units that joined so; failing that, the driver other units of
 * its folder joined; failing that, when the tree holds one driver, that
 * driver; else the unit's folder is a driver of its own (one holding
 * callbacks but no DriverEntry).  So
 * scanning a tree of drivers gives the union of scanning each alone.
 * Drivers are sorted by name: the result does not depend on file order. */
#include <stdlib.h>
#include <string.h>

#include "drvcheck/engine.h"
#include "drvcheck/roles.h"

/* 2: the unit starts a driver (DriverEntry, NdisMRegisterMiniportDriver);
 * 1: it holds callbacks (a role declaration or a characteristics store);
 * 0: neither. */
static int anchor_strength(const Unit *u)
{
    int weak = u->nroles > 0;
    for (int i = 0; i < u->nfuncs; i++) {
        const Func *f = &u->funcs[i];
        if (strcmp(f->name, "DriverEntry") == 0 && !f->is_static)
            return 2;
        weak |= f->role != NULL && role_by_typedef(f->role) != ROLE_NONE;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (st->kind == ST_CALL && st->callee &&
                    strcmp(st->callee, "NdisMRegisterMiniportDriver") == 0)
                    return 2;
                if (st->kind == ST_ASSIGN && st->rhs && st->rhs->kind == EX_FUNC && st->lhs &&
                    st->lhs->tkey && role_by_member(st->lhs->tkey) != ROLE_NONE)
                    weak = 1;
            }
    }
    return weak;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    size_t n = (size_t)(slash - path);
    char *d = malloc(n + 1);
    memcpy(d, path, n);
    d[n] = 0;
    return d;
}

/* Do two paths lie in the same folder? */
static int same_folder(const char *a, const char *b)
{
    const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
    size_t na = sa ? (size_t)(sa - a) : 0, nb = sb ? (size_t)(sb - b) : 0;
    return na == nb && strncmp(a, b, na) == 0;
}

static int is_ancestor(const char *dir, const char *path)
{
    size_t n = strlen(dir);
    return strncmp(dir, path, n) == 0 && (path[n] == '/' || path[n] == 0);
}

typedef struct Group {
    char *dir;
    int anchored;
    Unit **units;
    int n, cap;
} Group;

static void group_add(Group *g, Unit *u)
{
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 8;
        g->units = realloc(g->units, sizeof *g->units * (size_t)g->cap);
        if (!g->units)
            abort();
    }
    g->units[g->n++] = u;
}

static int find_group(Group *g, int ng, const char *dir)
{
    for (int i = 0; i < ng; i++)
        if (strcmp(g[i].dir, dir) == 0)
            return i;
    return -1;
}

static int group_defines(const Group *g, const char *name)
{
    for (int i = 0; i < g->n; i++)
        for (int f = 0; f < g->units[i]->nfuncs; f++)
            if (strcmp(g->units[i]->funcs[f].name, name) == 0)
                return 1;
    return 0;
}

/* How many calls from group g name a function defined in u and not in g
 * itself (a driver's calls of its own functions say nothing about u). */
static int calls_into(const Group *g, const Unit *u)
{
    int n = 0;
    for (int i = 0; i < g->n; i++) {
        const Unit *c = g->units[i];
        for (int f = 0; f < c->nfuncs; f++)
            for (int b = 0; b < c->funcs[f].nblocks; b++)
                for (int k = 0; k < c->funcs[f].blocks[b].nsteps; k++) {
                    const Step *st = &c->funcs[f].blocks[b].steps[k];
                    if (st->kind != ST_CALL || !st->callee)
                        continue;
                    for (int d = 0; d < u->nfuncs; d++)
                        if (!u->funcs[d].is_static && strcmp(u->funcs[d].name, st->callee) == 0 &&
                            !group_defines(g, st->callee))
                            n++;
                }
    }
    return n;
}

static int cmp_driver(const void *x, const void *y)
{
    const Driver *a = x, *b = y;
    return strcmp(a->name, b->name);
}

static int cmp_unit(const void *x, const void *y)
{
    const Unit *a = *(Unit *const *)x, *b = *(Unit *const *)y;
    return strcmp(a->path, b->path);
}

static char *driver_name(const char *dir, const char *root)
{
    size_t n = root ? strlen(root) : 0;
    if (root && strncmp(dir, root, n) == 0 && (dir[n] == '/' || dir[n] == 0)) {
        const char *rel = dir[n] == '/' ? dir + n + 1 : dir + n;
        if (*rel)
            return strdup(rel);
    }
    const char *slash = strrchr(dir, '/');
    return strdup(slash && slash[1] ? slash + 1 : dir);
}

static int own_folder_group(Group *g, int *ng, const char *path, int anchored)
{
    char *d = dir_of(path);
    int k = find_group(g, *ng, d);
    if (k < 0) {
        k = (*ng)++;
        g[k].dir = d;
        g[k].anchored = anchored;
    } else {
        free(d);
    }
    return k;
}

int eng_split_drivers(Unit **units, int nunits, const char *root, Driver **out)
{
    Group *g = calloc((size_t)(nunits ? nunits : 1), sizeof *g);
    int ng = 0;
    int *strength = calloc((size_t)(nunits ? nunits : 1), sizeof *strength);
    int *placed = calloc((size_t)(nunits ? nunits : 1), sizeof *placed);
    for (int i = 0; i < nunits; i++) {
        strength[i] = anchor_strength(units[i]);
        if (strength[i] == 2) {
            group_add(&g[own_folder_group(g, &ng, units[i]->path, 1)], units[i]);
            placed[i] = 1;
        }
    }
    int nstrong = ng;
    /* 1. below a driver's folder */
    for (int i = 0; i < nunits; i++) {
        if (placed[i])
            continue;
        int best = -1;
        size_t bestlen = 0;
        for (int k = 0; k < nstrong; k++)
            if (is_ancestor(g[k].dir, units[i]->path) && strlen(g[k].dir) >= bestlen) {
                best = k;
                bestlen = strlen(g[k].dir);
            }
        if (best >= 0) {
            group_add(&g[best], units[i]);
            placed[i] = 1;
        }
    }
    /* 2. called by the driver that cannot resolve those names itself: to a
     * fixed point, since a library folder's files call each other (athwifi's
     * extsta/st_adhoc.c is called from extsta/st_main.c, which the driver
     * calls), then every other file of a folder some of whose files joined
     * a driver; with one driver in the tree, the other folders are its own */
    for (int changed = 1; changed;) {
        changed = 0;
        for (int i = 0; i < nunits; i++) {
            if (placed[i])
                continue;
            int best = -1, most = 0;
            for (int k = 0; k < nstrong; k++) {
                int c = calls_into(&g[k], units[i]);
                if (c > most) {
                    most = c;
                    best = k;
                }
            }
            if (best >= 0) {
                group_add(&g[best], units[i]);
                placed[i] = changed = 1;
            }
        }
    }
    for (int i = 0; i < nunits; i++) {
        if (placed[i])
            continue;
        int best = -1, most = 0;
        for (int k = 0; k < nstrong; k++) {
            int c = 0;
            for (int m = 0; m < g[k].n; m++)
                c += same_folder(g[k].units[m]->path, units[i]->path);
            if (c > most) {
                most = c;
                best = k;
            }
        }
        if (best < 0 && nstrong == 1)
            best = 0;
        if (best >= 0) {
            group_add(&g[best], units[i]);
            placed[i] = 1;
        }
    }
    /* 3. the rest: a driver per folder */
    for (int i = 0; i < nunits; i++)
        if (!placed[i])
            group_add(&g[own_folder_group(g, &ng, units[i]->path, strength[i] > 0)], units[i]);
    Driver *drv = calloc((size_t)(ng ? ng : 1), sizeof *drv);
    for (int k = 0; k < ng; k++) {
        if (g[k].n > 1)
            qsort(g[k].units, (size_t)g[k].n, sizeof *g[k].units, cmp_unit);
        drv[k].name = driver_name(g[k].dir, root);
        drv[k].units = g[k].units;
        drv[k].nunits = g[k].n;
        free(g[k].dir);
    }
    if (ng > 1)
        qsort(drv, (size_t)ng, sizeof *drv, cmp_driver);
    free(g);
    free(placed);
    free(strength);
    *out = drv;
    return ng;
}

void eng_free_drivers(Driver *d, int n)
{
    for (int i = 0; i < n; i++) {
        free(d[i].name);
        free(d[i].units);
    }
    free(d);
}
