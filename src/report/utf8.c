/* utf8.c - make arbitrary bytes valid UTF-8.
 *
 * Each byte that does not start a well-formed UTF-8 sequence (overlong
 * forms, surrogates and code points above U+10FFFF included) becomes
 * U+FFFD, so JSON, SARIF and HTML output is valid UTF-8 whatever the file
 * names and sources hold.  Cost: one pass, output at most 3x the input. */
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"

char *rep_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (!p)
        abort();
    memcpy(p, s, n + 1);
    return p;
}

/* Length of the well-formed sequence at s, or 0 when s[0] starts none. */
static int seqlen(const unsigned char *s)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xE0)
            lo = 0xA0;                  /* no overlong forms */
        if (c == 0xED)
            hi = 0x9F;                  /* no surrogates */
        if (s[1] < lo || s[1] > hi)
            return 0;
        return (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;                  /* <= U+10FFFF */
        if (s[1] < lo || s[1] > hi)
            return 0;
        if ((s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        return 4;
    }
    return 0;
}

int rep_utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = seqlen(p);
        if (!n)
            return 0;
        p += n;
    }
    return 1;
}

char *rep_utf8(const char *s)
{
    if (!s)
        return NULL;
    if (rep_utf8_valid(s))
        return rep_strdup(s);
    const unsigned char *p = (const unsigned char *)s;
    char *out = malloc(strlen(s) * 3 + 1);
    if (!out)
        abort();
    char *o = out;
    while (*p) {
        int n = seqlen(p);
        if (n) {
            memcpy(o, p, (size_t)n);
            o += n;
            p += n;
        } else {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            p++;
        }
    }
    *o = '\0';
    return out;
}

cJSON *rep_json_str(const char *s)
{
    if (!s)
        return cJSON_CreateNull();
    char *u = rep_utf8(s);
    cJSON *j = cJSON_CreateString(u);
    free(u);
    if (!j)
        abort();
    return j;
}
