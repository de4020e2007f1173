/* roles.h - the role table of roles.def as an enum, with look-ups. */
#ifndef DRVCHECK_ROLES_H
#define DRVCHECK_ROLES_H

typedef enum {
    PH_DRIVER_ENTRY, PH_SET_OPTIONS, PH_INITIALIZE, PH_RUNTIME, PH_SYNC, PH_HALT, PH_UNLOAD
} RolePhase;

typedef enum {
#define X(e, t, f, p) e,
#include "roles.def"
#undef X
    ROLE_COUNT,
    ROLE_NONE = -1
} RoleKind;

const char *role_typedef(RoleKind r);          /* "MINIPORT_HALT" */
const char *role_field(RoleKind r);            /* "HaltHandlerEx" or "" */
RolePhase role_phase(RoleKind r);
RoleKind role_by_typedef(const char *name);    /* ROLE_NONE if unknown */
RoleKind role_by_field(const char *field);     /* ROLE_NONE if unknown */
/* Role of the function stored in member "REC.Field" (a type-based key), or
 * in "Field": none when REC is a filter's or protocol's characteristics
 * (their RestartHandler is no MINIPORT_RESTART). */
RoleKind role_by_member(const char *tkey);
/* Role of a function passed as argument `argno` (1-based) of `api`. */
RoleKind role_by_api_arg(const char *api, int argno);

#endif
