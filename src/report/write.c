/* write.c - write a report in a format, atomically.
 *
 * A report file is complete or absent: the text goes to a temporary file
 * made with mkstemp in the target's directory, is flushed and fsync'd,
 * then renamed over the target.  On any failure the temporary file is
 * removed and a diagnostic says why; a missing directory is reported as
 * such.  "-" or NULL is standard output.  The temporary file being
 * written is known to rep_write_abandon, which an abort's handler calls
 * (cli/abort.c): one report is written at a time, by the main thread.
 *
 * The path is written to, never replaced: one that names, through any
 * symbolic links, an existing device or pipe (/dev/null, /dev/stdout, a
 * FIFO) is opened and written in place (no temporary file, no rename, no
 * create); a symbolic link to a regular file has its target replaced,
 * with the temporary file beside the target, so the link stays. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/internal.h"

static const char *volatile writing;   /* the temporary file rep_write fills, or NULL */

void rep_write_abandon(void)
{
    const char *t = writing;
    if (t)
        unlink(t);
}

static int emit(const Report *r, const char *format, const ReportOptions *o, FILE *out)
{
    static const ReportOptions none = {0};
    if (strcmp(format, "text") == 0)
        return rep_text(r, o ? o : &none, out);
    if (strcmp(format, "json") == 0)
        return rep_json(r, out);
    if (strcmp(format, "sarif") == 0)
        return rep_sarif(r, out);
    if (strcmp(format, "html") == 0)
        return rep_html(r, out);
    return -2;
}

static int known_format(const char *format)
{
    return strcmp(format, "text") == 0 || strcmp(format, "json") == 0 ||
           strcmp(format, "sarif") == 0 || strcmp(format, "html") == 0;
}

/* The directory part of path ("." when none), malloc'd. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return rep_strdup(".");
    if (slash == path)
        return rep_strdup("/");
    size_t n = (size_t)(slash - path);
    char *d = malloc(n + 1);
    if (!d)
        abort();
    memcpy(d, path, n);
    d[n] = '\0';
    return d;
}

/* Emit into an open stream and close it; 0, or -1 with *e set (0 when
 * the writer gave no errno).  sync: fsync before closing. */
static int emit_close(const Report *r, const char *format, const ReportOptions *o, FILE *out,
                      int sync, int *e)
{
    errno = 0;
    int rc = emit(r, format, o, out);
    *e = errno;
    if (rc == 0 && fflush(out) != 0) {
        rc = -1;
        *e = errno;
    }
    if (rc == 0 && sync && fsync(fileno(out)) != 0) {
        rc = -1;
        *e = errno;
    }
    if (fclose(out) != 0 && rc == 0) {
        rc = -1;
        *e = errno;
    }
    return rc == 0 ? 0 : -1;
}

/* A device or a pipe: written where it is, as a shell's `>` would. */
static int write_in_place(const Report *r, const char *format, const ReportOptions *o,
                          const char *path, const char *what, DiagList *d)
{
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    int e = errno;
    if (!out) {
        if (fd >= 0)
            close(fd);
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot write the %s: %s", what, strerror(e));
        return -1;
    }
    if (emit_close(r, format, o, out, 0, &e) < 0) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot write the %s: %s", what,
                 e ? strerror(e) : "write error");
        return -1;
    }
    return 0;
}

/* A regular file (new or not): a temporary file beside `target`, renamed
 * over it.  `shown` names the path as the user gave it. */
static int write_atomic(const Report *r, const char *format, const ReportOptions *o,
                        const char *target, const char *shown, const char *what, DiagList *d)
{
    char *dir = dir_of(target);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag_add(d, DIAG_ERROR, shown, 0, 0, "cannot write the %s: directory '%s' %s", what, dir,
                 stat(dir, &st) != 0 ? "does not exist" : "is not a directory");
        free(dir);
        return -1;
    }
    const char *base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
    size_t n = strlen(dir) + strlen(base) + 32;
    char *tmp = malloc(n);
    if (!tmp)
        abort();
    snprintf(tmp, n, "%s/.%s.XXXXXX", dir, base);
    free(dir);
    int fd = mkstemp(tmp);
    if (fd >= 0)
        writing = tmp;
    if (fd < 0) {
        diag_add(d, DIAG_ERROR, shown, 0, 0, "cannot write the %s: %s", what, strerror(errno));
        free(tmp);
        return -1;
    }
    /* mkstemp makes 0600; give the file the mode a plain fopen would */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    FILE *out = fdopen(fd, "w");
    if (!out) {
        int e = errno;
        close(fd);
        writing = NULL;
        unlink(tmp);
        diag_add(d, DIAG_ERROR, shown, 0, 0, "cannot write the %s: %s", what, strerror(e));
        free(tmp);
        return -1;
    }
    int e = 0;
    int rc = emit_close(r, format, o, out, 1, &e);
    if (rc == 0 && rename(tmp, target) != 0) {
        rc = -1;
        e = errno;
    }
    writing = NULL;
    if (rc != 0) {
        unlink(tmp);
        diag_add(d, DIAG_ERROR, shown, 0, 0, "cannot write the %s: %s", what,
                 e ? strerror(e) : "write error");
    }
    free(tmp);
    return rc;
}

/* Write r as `format` to path; `what` names the file in diagnostics. */
static int write_to(const Report *r, const char *format, const ReportOptions *o,
                    const char *path, const char *what, DiagList *d)
{
    if (!format)
        format = "text";
    if (!known_format(format)) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0,
                 "unknown report format '%s' (use text, json, sarif or html)", format);
        return -1;
    }
    if (!path || strcmp(path, "-") == 0) {
        if (emit(r, format, o, stdout) < 0) {
            diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot write the %s to standard output: %s",
                     what, strerror(errno));
            return -1;
        }
        return 0;
    }
    struct stat lst, st;
    if (lstat(path, &lst) != 0)
        return write_atomic(r, format, o, path, path, what, d);   /* a new file */
    if (stat(path, &st) != 0) {
        diag_add(d, DIAG_ERROR, path, 0, 0,
                 "cannot write the %s: a symbolic link to a missing file (%s)", what,
                 strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot write the %s: is a directory", what);
        return -1;
    }
    if (!S_ISREG(st.st_mode))
        return write_in_place(r, format, o, path, what, d);
    if (!S_ISLNK(lst.st_mode))
        return write_atomic(r, format, o, path, path, what, d);
    char *target = realpath(path, NULL);
    if (!target) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot write the %s: %s", what, strerror(errno));
        return -1;
    }
    int rc = write_atomic(r, format, o, target, path, what, d);
    free(target);
    return rc;
}

int rep_write(const Report *r, const char *format, const ReportOptions *o, const char *path,
              DiagList *d)
{
    return write_to(r, format, o, path, "report", d);
}

int rep_write_baseline(const Report *r, const char *path, DiagList *d)
{
    return write_to(r, "json", NULL, path, "baseline", d);
}
