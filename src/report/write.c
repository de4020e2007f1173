/* write.c - write a report in a format, atomically.
 *
 * A report file is complete or absent: the text goes to a temporary file
 * made with mkstemp in the target's directory, is flushed and fsync'd,
 * then renamed over the target.  On any failure the temporary file is
 * removed and a diagnostic says why; a missing directory is reported as
 * such.  "-" or NULL is standard output.  The temporary file being
 * written is known to rep_write_abandon, which an abort's handler calls
 * (cli/abort.c): one report is written at a time, by the main thread. */
#include <errno.h>
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
    static const ReportOptions none = {0, 0};
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

int rep_write(const Report *r, const char *format, const ReportOptions *o, const char *path,
              DiagList *d)
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
            diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot write the report to standard output: %s",
                     strerror(errno));
            return -1;
        }
        return 0;
    }
    char *dir = dir_of(path);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot write the report: directory '%s' %s", dir,
                 stat(dir, &st) != 0 ? "does not exist" : "is not a directory");
        free(dir);
        return -1;
    }
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
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
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot write the report: %s", strerror(errno));
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
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot write the report: %s", strerror(e));
        free(tmp);
        return -1;
    }
    int rc = emit(r, format, o, out);
    int e = errno;
    if (rc == 0 && fflush(out) != 0) {
        rc = -1;
        e = errno;
    }
    if (rc == 0 && fsync(fileno(out)) != 0) {
        rc = -1;
        e = errno;
    }
    if (fclose(out) != 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        rc = -1;
        e = errno;
    }
    writing = NULL;
    if (rc != 0) {
        unlink(tmp);
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot write the report: %s",
                 e ? strerror(e) : "write error");
    }
    free(tmp);
    return rc == 0 ? 0 : -1;
}
