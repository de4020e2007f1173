/* utf16.h - sources saved as UTF-16 (with a byte-order mark), as UTF-8.
 *
 * Shared by the front end (the text clang parses) and the reporters (the
 * lines suppressions, fingerprints and the HTML viewer read), so both see
 * the same lines and columns. */
#ifndef DRVCHECK_UTF16_H
#define DRVCHECK_UTF16_H

#include <stddef.h>

/* A text of n bytes with a UTF-16 (LE or BE) byte-order mark as UTF-8,
 * without the mark (malloc'd, NUL-terminated, its length in *outlen when
 * not NULL); NULL when the text has no such mark. */
char *utf16_to_utf8(const char *in, size_t n, size_t *outlen);

#endif
