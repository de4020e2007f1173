/* tables.c - look-ups over the X-macro tables (ops.def, roles.def,
 * callbacks.def).  Linear scans: the tables have a few dozen rows. */
#include <stdio.h>
#include <string.h>

#include "drvcheck/ops.h"
#include "drvcheck/roles.h"

static const struct { const char *s; int kind; } ops[] = {
#define X(e, s, k) {s, k},
#include "drvcheck/ops.def"
#undef X
};

const char *op_spelling(OpKind op)
{
    return (unsigned)op < OP_COUNT ? ops[op].s : "?";
}

int op_is_unary(OpKind op)
{
    return (unsigned)op < OP_COUNT && ops[op].kind == 1;
}

static const struct { const char *type, *field; RolePhase phase; } roles[] = {
#define X(e, t, f, p) {t, f, p},
#include "drvcheck/roles.def"
#undef X
};

const char *role_typedef(RoleKind r)
{
    return (unsigned)r < ROLE_COUNT ? roles[r].type : "";
}

const char *role_field(RoleKind r)
{
    return (unsigned)r < ROLE_COUNT ? roles[r].field : "";
}

RolePhase role_phase(RoleKind r)
{
    return (unsigned)r < ROLE_COUNT ? roles[r].phase : PH_RUNTIME;
}

RoleKind role_by_typedef(const char *name)
{
    if (!name)
        return ROLE_NONE;
    for (int i = 0; i < ROLE_COUNT; i++)
        if (strcmp(roles[i].type, name) == 0)
            return (RoleKind)i;
    return ROLE_NONE;
}

RoleKind role_by_field(const char *field)
{
    if (!field || !*field)
        return ROLE_NONE;
    for (int i = 0; i < ROLE_COUNT; i++)
        if (strcmp(roles[i].field, field) == 0)
            return (RoleKind)i;
    return ROLE_NONE;
}

static const struct { const char *api; int arg; RoleKind role; } cbargs[] = {
#define X(a, n, r) {a, n, r},
#include "drvcheck/callbacks.def"
#undef X
};

RoleKind role_by_member(const char *tkey)
{
    const char *dot = tkey ? strrchr(tkey, '.') : NULL;
    if (!dot)
        return role_by_field(tkey);
    /* NDIS_FILTER_DRIVER_CHARACTERISTICS, NDIS_FILTER_PARTIAL_CHARACTERISTICS,
     * NDIS_PROTOCOL_DRIVER_CHARACTERISTICS, NDIS51_PROTOCOL_CHARACTERISTICS */
    size_t n = (size_t)(dot - tkey);
    char rec[256];
    snprintf(rec, sizeof rec, "%.*s", (int)(n < sizeof rec ? n : sizeof rec - 1), tkey);
    if (strstr(rec, "_FILTER_") || strstr(rec, "PROTOCOL_"))
        return ROLE_NONE;
    return role_by_field(dot + 1);
}

RoleKind role_by_api_arg(const char *api, int argno)
{
    if (!api)
        return ROLE_NONE;
    /* every argument of every call asks (prog_build): the first
     * character spares most strcmp calls */
    for (size_t i = 0; i < sizeof cbargs / sizeof cbargs[0]; i++)
        if (cbargs[i].arg == argno && cbargs[i].api[0] == api[0] && strcmp(cbargs[i].api, api) == 0)
            return cbargs[i].role;
    return ROLE_NONE;
}
