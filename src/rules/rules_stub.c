/* TEMPORARY skeleton: replaced by the rule language. */
#include <string.h>
#include "drvcheck/rule.h"
int rule_load(const char *path, RuleSet *set, DiagList *d) { (void)path; (void)set; (void)d; return 0; }
int rule_load_text(const char *file, const char *text, RuleSet *set, DiagList *d) { (void)file; (void)text; (void)set; (void)d; return 0; }
void rule_set_init(RuleSet *set) { memset(set, 0, sizeof *set); set->arena = arena_new(); }
void rule_set_free(RuleSet *set) { arena_free(set->arena); memset(set, 0, sizeof *set); }
const Rule *rule_find(const RuleSet *set, const char *name) { (void)set; (void)name; return NULL; }
const char *rule_value_name(const Rule *r, int var, long long v, char *buf, int bufsz) { (void)r; (void)var; snprintf(buf, (size_t)bufsz, "%lld", v); return buf; }
void rule_dump(const Rule *r, FILE *out) { (void)r; (void)out; }
