/* files.c - opening a file drvcheck reads, only when it is one (files.h).
 *
 * Opened without waiting (O_NONBLOCK: on a pipe with no writer, open
 * returns at once instead of waiting), then judged by what the descriptor
 * is, so a name that changes between a check and the open cannot slip
 * through. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drvcheck/files.h"

FILE *open_regular(const char *path, const char *mode)
{
    if (!path)
        return NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        errno = EINVAL;
        return NULL;
    }
    FILE *f = fdopen(fd, mode);
    if (!f)
        close(fd);
    return f;
}
