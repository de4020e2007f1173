/* files.h - opening a file drvcheck reads (a source, a header, a project or
 * rule file, a baseline), only when it is one.
 *
 * drvcheck reads strangers' trees: a name there may be a device or a pipe
 * (`#include "/dev/zero"`, a FIFO named like a project file, a symbolic
 * link to either).  Reading /dev/zero never ends, opening a pipe waits for
 * a writer; both are refused as "not a file". */
#ifndef DRVCHECK_FILES_H
#define DRVCHECK_FILES_H

#include <stdio.h>

/* fopen(path, mode) for reading when path (after symbolic links) is a
 * regular file; NULL otherwise, errno EINVAL when it exists but is not one. */
FILE *open_regular(const char *path, const char *mode);

#endif
