/* fuzz_prefix.c - libFuzzer entry for what a file does before its first system header
 * (src/front/prefix.c): any bytes, read as a source text the way a scan reads a stranger's file,
 * walked include by include, read as a header's closure, and the two compared.  Must never
 * crash, hang or leak. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "front/front_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    Prefix pf;
    memset(&pf, 0, sizeof pf);
    PfxFile f;
    pfx_begin(&f, text, NULL, 0);
    char name[512];
    int angled, uncond;
    for (int n = 0; n < 100000 && pfx_next_include(&f, &pf, name, sizeof name, &angled, &uncond) > 0;
         n++)
        ;
    Closure c;
    memset(&c, 0, sizeof c);
    pfx_closure_text(&c, text);
    char why[300];
    char *carry = NULL;
    pfx_conflict(&pf, &c, &carry, why, sizeof why);
    free(carry);
    pfx_closure_free(&c);
    pfx_free(&pf);
    free(text);
    return 0;
}
