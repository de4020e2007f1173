/* utf16.c - sources saved as UTF-16.
 *
 * Visual Studio saves a file as "Unicode - Codepage 1200" (UTF-16 LE with a
 * byte-order mark) and cl.exe compiles it; clang reads only UTF-8.  Such a
 * text, recognised by its mark, is turned into UTF-8 (without the mark) and
 * handed to clang in its place (src/front/includes.c), so lines stay lines
 * and columns count UTF-8 bytes, as in every other file; the reporters read
 * the same text (src/report/source.c).  An unpaired surrogate becomes
 * U+FFFD. */
#include <stdlib.h>

#include "drvcheck/utf16.h"

static size_t put(char *o, unsigned long c)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xC0 | (c >> 6));
        o[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | (c >> 12));
        o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (c >> 18));
    o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

char *utf16_to_utf8(const char *in, size_t n, size_t *outlen)
{
    const unsigned char *u = (const unsigned char *)in;
    if (n < 2 || !((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return NULL;
    int le = u[0] == 0xFF;
    char *out = malloc((n / 2) * 3 + 1);     /* a unit gives at most 3 bytes, a pair 4 */
    if (!out)
        abort();
    size_t o = 0;
    for (size_t i = 2; i + 1 < n; i += 2) {
        unsigned long c = le ? (unsigned long)(u[i] | u[i + 1] << 8)
                             : (unsigned long)(u[i] << 8 | u[i + 1]);
        if (c >= 0xD800 && c < 0xDC00 && i + 3 < n) {
            unsigned long d = le ? (unsigned long)(u[i + 2] | u[i + 3] << 8)
                                 : (unsigned long)(u[i + 2] << 8 | u[i + 3]);
            if (d >= 0xDC00 && d < 0xE000) {
                c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
                i += 2;
            } else {
                c = 0xFFFD;
            }
        } else if (c >= 0xD800 && c < 0xE000) {
            c = 0xFFFD;
        }
        o += put(out + o, c);
    }
    out[o] = 0;
    if (outlen)
        *outlen = o;
    return out;
}
