/* source.c - read a scanned source file as numbered lines.
 *
 * Fingerprints, suppressions and the HTML viewer read the files a report
 * names: relative paths are joined to the scan root.  The whole file is
 * read once and split in place (CR LF and LF endings); bytes are kept as
 * they are, writers sanitise them.  A file saved as UTF-16 (with its
 * byte-order mark) is read as UTF-8, as the front end reads it (utf16.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"
#include "drvcheck/files.h"
#include "drvcheck/utf16.h"

char *rep_source_path(const char *root, const char *file)
{
    if (!file)
        return rep_strdup("");
    if (file[0] == '/' || !root || !root[0])
        return rep_strdup(file);
    size_t nr = strlen(root), nf = strlen(file);
    while (nr > 1 && root[nr - 1] == '/')
        nr--;
    if (nf > 2 && file[0] == '.' && file[1] == '/') {
        file += 2;
        nf -= 2;
    }
    char *p = malloc(nr + 1 + nf + 1);
    if (!p)
        abort();
    memcpy(p, root, nr);
    p[nr] = '/';
    memcpy(p + nr + 1, file, nf + 1);
    return p;
}

int rep_src_load(SrcFile *f, const char *root, const char *file)
{
    memset(f, 0, sizeof *f);
    f->path = rep_source_path(root, file);
    FILE *in = open_regular(f->path, "rb");
    if (!in) {
        f->err = errno ? errno : ENOENT;
        return -1;
    }
    size_t cap = 8192, n = 0;
    f->buf = malloc(cap);
    if (!f->buf)
        abort();
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap *= 2;
            char *nb = realloc(f->buf, cap);
            if (!nb)
                abort();
            f->buf = nb;
        }
        size_t got = fread(f->buf + n, 1, cap - n - 1, in);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(in)) {
        f->err = errno ? errno : EIO;
        fclose(in);
        return -1;
    }
    fclose(in);
    f->buf[n] = '\0';
    /* a file saved as UTF-16 reads as the front end parsed it: UTF-8 */
    size_t n8;
    char *u8 = utf16_to_utf8(f->buf, n, &n8);
    if (u8) {
        free(f->buf);
        f->buf = u8;
        n = n8;
    }
    int lcap = 64;
    f->lines = malloc((size_t)lcap * sizeof *f->lines);
    if (!f->lines)
        abort();
    char *p = f->buf, *end = f->buf + n;
    while (p < end) {
        if (f->nlines == lcap) {
            lcap *= 2;
            char **nl = realloc(f->lines, (size_t)lcap * sizeof *nl);
            if (!nl)
                abort();
            f->lines = nl;
        }
        f->lines[f->nlines++] = p;
        char *nlc = memchr(p, '\n', (size_t)(end - p));
        char *eol = nlc ? nlc : end;
        if (eol > p && eol[-1] == '\r')
            eol[-1] = '\0';
        *eol = '\0';
        p = eol + 1;
    }
    /* a NUL byte inside a line just ends it early: good enough for display */
    return 0;
}

const char *rep_src_line(const SrcFile *f, int line)
{
    if (!f->lines || line < 1 || line > f->nlines)
        return NULL;
    return f->lines[line - 1];
}

void rep_src_free(SrcFile *f)
{
    free(f->path);
    free(f->buf);
    free(f->lines);
    memset(f, 0, sizeof *f);
}
