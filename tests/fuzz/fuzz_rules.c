/* fuzz_rules.c - libFuzzer target for the rule language.
 *
 * Feeds arbitrary bytes to rule_load_text (lexer, preprocessor, parser,
 * checker), then prints the diagnostics and dumps every rule it accepted, so
 * that the caret printer and dump.c see what the parser produced.  Built by
 * tests/cmake/fuzz.cmake with -fsanitize=fuzzer,address,undefined; any crash,
 * sanitizer report or leak is a bug. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drvcheck/rule.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    RuleSet set;
    rule_set_init(&set);
    DiagList d = { 0 };
    rule_load_text("fuzz.slic", text, &set, &d);
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        diag_print(&d, null);
        for (int i = 0; i < set.n; i++) {
            const Rule *r = set.rules[i];
            rule_dump(r, null);
            char buf[32];
            for (int v = 0; v < r->nvars; v++)
                fputs(rule_value_name(r, v, r->vars[v].init, buf, sizeof buf), null);
        }
        fclose(null);
    }
    diag_clear(&d);
    rule_set_free(&set);
    free(text);
    return 0;
}
