/* json.c - the JSON report (docs/json-report.md, schema version 1.0).
 *
 * Built as a cJSON tree in the one order all formats share, printed
 * formatted.  Every string goes through rep_utf8, so the output is valid
 * UTF-8 JSON whatever bytes the scanned tree holds.  Adding fields is a
 * minor version; renaming or removing one is a major version. */
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"

#define JSON_REPORT_VERSION "1.0"

static void add_str(cJSON *o, const char *k, const char *v)
{
    cJSON_AddItemToObject(o, k, rep_json_str(v));
}

static void add_int(cJSON *o, const char *k, double v)
{
    cJSON_AddItemToObject(o, k, cJSON_CreateNumber(v));
}

cJSON *rep_json_obj(void)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        abort();
    return o;
}

cJSON *rep_json_arr(cJSON *parent, const char *k)
{
    cJSON *a = cJSON_CreateArray();
    if (!a)
        abort();
    cJSON_AddItemToObject(parent, k, a);
    return a;
}

static cJSON *json_defect(const Defect *d)
{
    cJSON *o = rep_json_obj();
    add_str(o, "rule", d->rule);
    add_str(o, "message", d->message);
    add_str(o, "severity", d->severity ? d->severity : "error");
    cJSON *l = rep_json_obj();
    add_str(l, "file", d->file);
    add_int(l, "line", d->line);
    add_int(l, "column", d->col);
    add_str(l, "function", d->function);
    cJSON_AddItemToObject(o, "location", l);
    add_str(o, "driver", d->driver);
    add_str(o, "entry_point", d->entry_point);
    cJSON *tr = rep_json_arr(o, "trace");
    for (int i = 0; i < d->ntrace; i++) {
        const TraceStep *s = &d->trace[i];
        cJSON *so = rep_json_obj();
        add_str(so, "file", s->file);
        add_int(so, "line", s->line);
        add_int(so, "column", s->col);
        add_str(so, "function", s->function);
        add_str(so, "kind", trace_kind_name(s->kind));
        add_str(so, "message", s->message);
        add_str(so, "state", s->state);
        cJSON_AddItemToArray(tr, so);
    }
    add_str(o, "fingerprint", d->fingerprint);
    add_str(o, "baseline_state", rep_baseline_name(d->baseline));
    if (d->suppression) {
        cJSON *sp = rep_json_obj();
        add_str(sp, "reason", d->suppression);
        cJSON_AddItemToObject(o, "suppression", sp);
    } else {
        cJSON_AddItemToObject(o, "suppression", cJSON_CreateNull());
    }
    return o;
}

static cJSON *json_report(const Report *r)
{
    cJSON *root = rep_json_obj();
    add_str(root, "version", JSON_REPORT_VERSION);
    cJSON *tool = rep_json_obj();
    add_str(tool, "name", r->tool_name ? r->tool_name : DRVCHECK_NAME);
    add_str(tool, "version", r->tool_version ? r->tool_version : DRVCHECK_VERSION);
    cJSON_AddItemToObject(root, "tool", tool);
    add_str(root, "scan_root", r->scan_root);

    cJSON *sum = rep_json_obj();
    add_int(sum, "drivers", r->ndrivers);
    add_int(sum, "files", r->nfiles);
    add_int(sum, "functions", r->nfunctions);
    add_int(sum, "defects", r->ndefects);
    add_int(sum, "new", report_count_new(r));
    add_int(sum, "suppressed", report_count_suppressed(r));
    add_int(sum, "elapsed_ms", (double)r->elapsed_ms);
    cJSON_AddItemToObject(root, "summary", sum);

    cJSON *va = rep_json_arr(root, "verdicts");
    for (int i = 0; i < r->nverdicts; i++) {
        const VerdictRow *w = &r->verdicts[i];
        cJSON *o = rep_json_obj();
        add_str(o, "driver", w->driver);
        add_str(o, "rule", w->rule);
        add_str(o, "verdict", verdict_name(w->verdict));
        add_str(o, "detail", w->detail);
        cJSON_AddItemToArray(va, o);
    }
    cJSON *ea = rep_json_arr(root, "entry_points");
    for (int i = 0; i < r->nentries; i++) {
        const EntryPointRow *e = &r->entries[i];
        cJSON *o = rep_json_obj();
        add_str(o, "driver", e->driver);
        add_str(o, "function", e->function);
        add_str(o, "role", e->role);
        add_str(o, "found_by", e->found_by);
        add_str(o, "file", e->file);
        add_int(o, "line", e->line);
        cJSON_AddItemToArray(ea, o);
    }
    cJSON *ra = rep_json_arr(root, "results");
    for (int i = 0; i < r->ndefects; i++)
        cJSON_AddItemToArray(ra, json_defect(&r->defects[i]));
    cJSON *da = rep_json_arr(root, "diagnostics");
    for (int i = 0; i < r->diags.n; i++) {
        const Diag *g = &r->diags.v[i];
        cJSON *o = rep_json_obj();
        add_str(o, "file", g->file);
        add_int(o, "line", g->line);
        add_int(o, "column", g->col);
        add_str(o, "severity", diag_severity_name(g->sev));
        add_str(o, "message", g->msg);
        cJSON_AddItemToArray(da, o);
    }
    cJSON *ia = rep_json_arr(root, "incomplete_files");
    for (int i = 0; i < r->nincomplete; i++)
        cJSON_AddItemToArray(ia, rep_json_str(r->incomplete_files[i]));
    cJSON *aa = rep_json_arr(root, "assumed");
    for (int i = 0; i < r->nassumed; i++)
        cJSON_AddItemToArray(aa, rep_json_str(r->assumed[i]));
    return root;
}

int rep_print_json(cJSON *root, FILE *out)
{
    char *s = cJSON_Print(root);
    if (!s)
        abort();
    fputs(s, out);
    fputc('\n', out);
    free(s);
    fflush(out);
    return ferror(out) ? -1 : 0;
}

int rep_json(const Report *r, FILE *out)
{
    cJSON *root = json_report(r);
    int rc = rep_print_json(root, out);
    cJSON_Delete(root);
    return rc;
}
