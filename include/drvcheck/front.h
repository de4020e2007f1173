/* front.h - the libclang front end: parse one source file with the bundled
 * WDK model (or a real WDK), recover from what is missing, and lower every
 * function definition to a CFG (cfg.h).
 *
 * One FrontCtx per worker thread (it owns a CXIndex); front_parse may be
 * called from several threads at once on different contexts.  The Unit
 * returned owns its arena; nothing of libclang outlives the call. */
#ifndef DRVCHECK_FRONT_H
#define DRVCHECK_FRONT_H

#include "cfg.h"

/* System headers parsed once for many files of a scan (front/shared.c):
 * one per scan, shared by every worker's FrontCtx. */
typedef struct SharedHeaders SharedHeaders;
SharedHeaders *shared_new(void);
void shared_free(SharedHeaders *sh);   /* and the copies' files */

typedef struct FrontOptions {
    const char *model_dir;     /* bundled WDK model headers (rules/wdk) */
    const char *wdk_include;   /* real WDK include dir instead of the model, or NULL */
    const char **extra_args;   /* -I/-D/-U from the command line, applied to every file */
    int nextra;
    int recover;               /* retry with stand-ins for unknown types and headers */
    SharedHeaders *shared;     /* a scan's shared headers, or NULL */
    double parse_limit_s;      /* a file whose parsing and lowering runs longer stops the
                                  process: an error, exit 2 (front_parse); 0: no limit */
} FrontOptions;

/* One file to parse and the compiler arguments that belong to it (from a
 * compile database or a directory scan), already sanitised: no argument
 * here loads code or writes files. */
typedef struct SourceFile {
    const char *path;          /* absolute or relative to the working dir */
    const char *display;       /* path shown in reports (relative to the scan root) */
    const char **args;
    int nargs;
} SourceFile;

typedef struct FrontCtx FrontCtx;

FrontCtx *front_new(const FrontOptions *o);
Unit *front_parse(FrontCtx *fc, const SourceFile *sf);   /* never NULL */
/* Before parsing a scan's files: count sf toward the shared header it
 * starts with (FrontOptions.shared), so that a header shared by enough
 * files is shared from the first one on. */
void front_plan(FrontCtx *fc, const SourceFile *sf);
/* Do these compiler arguments define or undefine NAME (-DNAME[=..], -UNAME,
 * /D, and -D NAME as two arguments)? */
int front_args_define(const char *const *v, int n, const char *name);
void front_free(FrontCtx *fc);

#endif
