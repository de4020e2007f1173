/* test_front_helpers.h - lower C snippets written under TEST_BINARY_DIR and
 * query the resulting CFGs (for test_front*.c and test_lower*.c). */
#ifndef TEST_FRONT_HELPERS_H
#define TEST_FRONT_HELPERS_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "drvcheck/front.h"

static FrontCtx *tf_ctx;

static inline void tf_mkdirs(const char *path)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            mkdir(buf, 0755);
            *p = '/';
        }
    }
    mkdir(buf, 0755);
}

/* Write text to TEST_BINARY_DIR/front_snippets/<rel>; return the path (static). */
static inline const char *tf_write(const char *rel, const char *text)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/front_snippets/%s", TEST_BINARY_DIR, rel);
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    *strrchr(dir, '/') = 0;
    tf_mkdirs(dir);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
        abort();
    }
    fputs(text, f);
    fclose(f);
    return path;
}

static inline Unit *tf_parse_args(const char *name, const char *code, const char **args, int nargs)
{
    char rel[256];
    snprintf(rel, sizeof rel, "%s.c", name);
    const char *path = tf_write(rel, code);
    SourceFile sf = { path, path, args, nargs };
    return front_parse(tf_ctx, &sf);
}

static inline Unit *tf_parse(const char *name, const char *code)
{
    return tf_parse_args(name, code, NULL, 0);
}

static inline int tf_setup(void **state)
{
    (void)state;
    static FrontOptions o;
    o.model_dir = TEST_SOURCE_DIR "/rules/wdk";
    o.recover = 1;
    tf_ctx = front_new(&o);
    return 0;
}

static inline int tf_teardown(void **state)
{
    (void)state;
    front_free(tf_ctx);
    return 0;
}

/* The block holding a call to callee (its nth occurrence), or -1. */
static inline int tf_call_block(const Func *f, const char *callee, int nth, const Step **out)
{
    for (int i = 0; i < f->nblocks; i++)
        for (int j = 0; j < f->blocks[i].nsteps; j++) {
            const Step *s = &f->blocks[i].steps[j];
            if (s->kind == ST_CALL && s->callee && strcmp(s->callee, callee) == 0 && nth-- == 0) {
                if (out)
                    *out = s;
                return i;
            }
        }
    return -1;
}

static inline int tf_count_calls(const Func *f, const char *callee)
{
    int n = 0;
    while (tf_call_block(f, callee, n, NULL) >= 0)
        n++;
    return n;
}

static inline int tf_count_branches(const Func *f, BranchKind k)
{
    int n = 0;
    for (int i = 0; i < f->nblocks; i++)
        n += f->blocks[i].term == T_BRANCH && f->blocks[i].branch_kind == k;
    return n;
}

static inline int tf_count_term(const Func *f, TermKind t)
{
    int n = 0;
    for (int i = 0; i < f->nblocks; i++)
        n += f->blocks[i].term == t;
    return n;
}

/* Is block `to` reachable from block `from` (a path of at least one edge
 * when from == to)? */
static inline int tf_reaches(const Func *f, int from, int to)
{
    if (from < 0 || to < 0)
        return 0;
    int *seen = calloc((size_t)f->nblocks, sizeof *seen);
    int *work = malloc((size_t)f->nblocks * sizeof *work);
    int n = 0, found = 0;
    for (int k = 0; k < 2; k++) {
        int s = f->blocks[from].succ[k];
        if (s >= 0 && !seen[s]) {
            seen[s] = 1;
            work[n++] = s;
        }
    }
    while (n && !found) {
        int b = work[--n];
        if (b == to)
            found = 1;
        for (int k = 0; k < 2; k++) {
            int s = f->blocks[b].succ[k];
            if (s >= 0 && !seen[s]) {
                seen[s] = 1;
                work[n++] = s;
            }
        }
    }
    free(seen);
    free(work);
    return found;
}

#endif
