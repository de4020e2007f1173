/* sarif.c - the SARIF 2.1.0 log (OASIS), for code scanning and IDEs.
 *
 * One run: tool.driver with the rules' metadata, one invocation whose
 * notifications carry the diagnostics and the Timeout/Spaceout/Not
 * runnable verdicts, originalUriBaseIds.SRCROOT for the scan root (result
 * uris are relative to it), and a result per defect with every trace step
 * in codeFlows, partialFingerprints["drvcheck/v1"], baselineState and
 * inSource suppressions.  Valid against tests/data/sarif-schema-2.1.0.json
 * (checked in ctest). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

static void add_str(cJSON *o, const char *k, const char *v)
{
    cJSON_AddItemToObject(o, k, rep_json_str(v ? v : ""));
}

static cJSON *message(const char *text)
{
    cJSON *m = rep_json_obj();
    add_str(m, "text", text && text[0] ? text : "-");
    return m;
}

/* Percent-encode every byte outside RFC 3986 unreserved characters and '/'. */
static char *uri_escape(const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(s);
    char *o = malloc(n * 3 + 1), *p = o;
    if (!o)
        abort();
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            *p++ = (char)c;
        } else {
            *p++ = '%';
            *p++ = hex[c >> 4];
            *p++ = hex[c & 15];
        }
    }
    *p = '\0';
    return o;
}

static cJSON *artifact(const char *file)
{
    cJSON *a = rep_json_obj();
    const char *f = file ? file : "";
    if (f[0] == '.' && f[1] == '/')
        f += 2;
    char *esc = uri_escape(f);
    if (f[0] == '/') {
        size_t n = strlen(esc);
        char *u = malloc(n + 8);
        if (!u)
            abort();
        memcpy(u, "file://", 7);
        memcpy(u + 7, esc, n + 1);
        add_str(a, "uri", u);
        free(u);
    } else {
        add_str(a, "uri", esc);
        add_str(a, "uriBaseId", "SRCROOT");
    }
    free(esc);
    return a;
}

/* Columns as SARIF counts them by default (run.columnKind
 * "utf16CodeUnits"): the report's are bytes of the line, as clang counts
 * them, which differ after a non-ASCII character (a Latin-1 or UTF-8
 * comment before the code on that line).  Source files are read once
 * (a few kept); a file or line that cannot be read keeps the byte column. */
enum { COL_FILES = 8 };
typedef struct Cols {
    const char *root;
    SrcFile f[COL_FILES];
    char *name[COL_FILES];
    int ok[COL_FILES];
    int n, next;
} Cols;

static const SrcFile *col_file(Cols *c, const char *file)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->name[i], file) == 0)
            return c->ok[i] ? &c->f[i] : NULL;
    int i = c->n < COL_FILES ? c->n++ : c->next++ % COL_FILES;
    if (c->name[i]) {
        free(c->name[i]);
        rep_src_free(&c->f[i]);
    }
    c->name[i] = rep_strdup(file);
    c->ok[i] = rep_src_load(&c->f[i], c->root, file) == 0;
    return c->ok[i] ? &c->f[i] : NULL;
}

static int u16_column(Cols *c, const char *file, int line, int col)
{
    const SrcFile *f = c && file && line > 0 && col > 1 ? col_file(c, file) : NULL;
    const char *t = f ? rep_src_line(f, line) : NULL;
    if (!t)
        return col;
    int units = 0;
    for (int i = 0; i < col - 1; i++) {
        unsigned char b = (unsigned char)t[i];
        if (!b)
            return col;                  /* the line is shorter: keep what clang said */
        if ((b & 0xC0) != 0x80)          /* a character starts: 2 units above the BMP */
            units += b >= 0xF0 ? 2 : 1;
    }
    return units + 1;
}

static void cols_free(Cols *c)
{
    for (int i = 0; i < c->n; i++) {
        free(c->name[i]);
        rep_src_free(&c->f[i]);
    }
}

static cJSON *physical(Cols *cols, const char *file, int line, int col)
{
    col = u16_column(cols, file, line, col);
    cJSON *p = rep_json_obj();
    cJSON_AddItemToObject(p, "artifactLocation", artifact(file));
    if (line > 0) {
        cJSON *reg = rep_json_obj();
        cJSON_AddNumberToObject(reg, "startLine", line);
        if (col > 0)
            cJSON_AddNumberToObject(reg, "startColumn", col);
        cJSON_AddItemToObject(p, "region", reg);
    }
    return p;
}

static cJSON *location(Cols *cols, const char *file, int line, int col, const char *function,
                       const char *msg)
{
    cJSON *l = rep_json_obj();
    cJSON_AddItemToObject(l, "physicalLocation", physical(cols, file, line, col));
    if (function && function[0]) {
        cJSON *ll = rep_json_arr(l, "logicalLocations");
        cJSON *fn = rep_json_obj();
        add_str(fn, "name", function);
        add_str(fn, "kind", "function");
        cJSON_AddItemToArray(ll, fn);
    }
    if (msg)
        cJSON_AddItemToObject(l, "message", message(msg));
    return l;
}

static const char *level_of(const char *severity)
{
    if (!severity || strcmp(severity, "error") == 0)
        return "error";
    if (strcmp(severity, "warning") == 0 || strcmp(severity, "note") == 0 ||
        strcmp(severity, "none") == 0)
        return severity;
    return "warning";
}

/* SARIF's well-known threadFlowLocation kinds where one fits. */
static const char *step_kind(TraceKind k)
{
    switch (k) {
    case TS_ENTRY: return "enter";
    case TS_CALL: return "call";
    case TS_RETURN: return "return";
    case TS_BRANCH: return "branch";
    case TS_STATE: return "state";
    case TS_EVENT: return "call";
    case TS_NOTE: return "step";
    case TS_VIOLATION: return "danger";    /* where the defect is: a call or a return */
    case TS_COUNT: break;
    }
    return "step";
}

/* The rules array: Report.rules, then any rule a defect names that is not there. */
typedef struct RuleTab {
    const char **ids;
    int n;
} RuleTab;

static int rule_index(const RuleTab *t, const char *id)
{
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->ids[i], id ? id : "") == 0)
            return i;
    return -1;
}

static cJSON *rule_desc(const char *id, const RuleInfo *ri)
{
    cJSON *o = rep_json_obj();
    add_str(o, "id", id);
    add_str(o, "name", id);
    const char *summary = ri && ri->summary && ri->summary[0] ? ri->summary : id;
    const char *full = ri && ri->description && ri->description[0] ? ri->description : summary;
    cJSON_AddItemToObject(o, "shortDescription", message(summary));
    cJSON_AddItemToObject(o, "fullDescription", message(full));
    char *help = NULL;
    if (ri && ri->file) {
        size_t n = strlen(full) + strlen(ri->file) + 32;
        help = malloc(n);
        if (!help)
            abort();
        snprintf(help, n, "%s\n\nRule file: %s", full, ri->file);
    }
    cJSON_AddItemToObject(o, "help", message(help ? help : full));
    free(help);
    cJSON *cfg = rep_json_obj();
    add_str(cfg, "level", "error");
    cJSON_AddItemToObject(o, "defaultConfiguration", cfg);
    return o;
}

static cJSON *sarif_result(const Defect *d, const RuleTab *t, Cols *cols)
{
    cJSON *res = rep_json_obj();
    add_str(res, "ruleId", d->rule);
    cJSON_AddNumberToObject(res, "ruleIndex", rule_index(t, d->rule));
    add_str(res, "level", level_of(d->severity));
    cJSON_AddItemToObject(res, "message", message(d->message));
    cJSON *locs = rep_json_arr(res, "locations");
    cJSON_AddItemToArray(locs, location(cols, d->file, d->line, d->col, d->function, NULL));
    if (d->ntrace > 0) {
        cJSON *cfs = rep_json_arr(res, "codeFlows");
        cJSON *cf = rep_json_obj();
        cJSON_AddItemToArray(cfs, cf);
        if (d->entry_point) {
            char buf[512];
            snprintf(buf, sizeof buf, "Path from the entry point %s", d->entry_point);
            cJSON_AddItemToObject(cf, "message", message(buf));
        }
        cJSON *tfs = rep_json_arr(cf, "threadFlows");
        cJSON *tf = rep_json_obj();
        cJSON_AddItemToArray(tfs, tf);
        cJSON *tls = rep_json_arr(tf, "locations");
        for (int i = 0; i < d->ntrace; i++) {
            const TraceStep *s = &d->trace[i];
            cJSON *tl = rep_json_obj();
            cJSON_AddItemToObject(tl, "location",
                                  location(cols, s->file, s->line, s->col, s->function,
                                           s->message ? s->message : trace_kind_name(s->kind)));
            cJSON *kinds = rep_json_arr(tl, "kinds");
            cJSON_AddItemToArray(kinds, rep_json_str(step_kind(s->kind)));
            if (s->state) {
                cJSON *st = rep_json_obj();
                cJSON_AddItemToObject(st, d->rule ? d->rule : "state", message(s->state));
                cJSON_AddItemToObject(tl, "state", st);
            }
            cJSON_AddNumberToObject(tl, "executionOrder", i + 1);
            if (s->kind == TS_VIOLATION || i == d->ntrace - 1)
                add_str(tl, "importance", "essential");
            cJSON_AddItemToArray(tls, tl);
        }
    }
    if (d->fingerprint) {
        cJSON *pf = rep_json_obj();
        add_str(pf, "drvcheck/v1", d->fingerprint);
        cJSON_AddItemToObject(res, "partialFingerprints", pf);
    }
    if (d->baseline != BASE_NONE)
        add_str(res, "baselineState", rep_baseline_name(d->baseline));
    if (d->suppression) {
        cJSON *sa = rep_json_arr(res, "suppressions");
        cJSON *sp = rep_json_obj();
        add_str(sp, "kind", "inSource");
        add_str(sp, "status", "accepted");
        add_str(sp, "justification", d->suppression);
        cJSON_AddItemToArray(sa, sp);
    }
    cJSON *props = rep_json_obj();
    add_str(props, "driver", d->driver);
    add_str(props, "entryPoint", d->entry_point);
    cJSON_AddItemToObject(res, "properties", props);
    return res;
}

static char *root_uri(const char *root)
{
    const char *r = root && root[0] ? root : "/";
    char *esc = uri_escape(r);
    size_t n = strlen(esc);
    char *u = malloc(n + 16);
    if (!u)
        abort();
    snprintf(u, n + 16, "file://%s%s%s", esc[0] == '/' ? "" : "/", esc,
             n && esc[n - 1] == '/' ? "" : "/");
    free(esc);
    return u;
}

static cJSON *sarif_log(const Report *r)
{
    Cols cols;
    memset(&cols, 0, sizeof cols);
    cols.root = r->scan_root;
    RuleTab t = {0};
    t.ids = malloc((size_t)(r->nrules + r->ndefects + 1) * sizeof *t.ids);
    if (!t.ids)
        abort();
    for (int i = 0; i < r->nrules; i++)
        t.ids[t.n++] = r->rules[i].id ? r->rules[i].id : "";
    for (int i = 0; i < r->ndefects; i++)
        if (rule_index(&t, r->defects[i].rule) < 0)
            t.ids[t.n++] = r->defects[i].rule ? r->defects[i].rule : "";

    cJSON *root = rep_json_obj();
    add_str(root, "$schema", SARIF_SCHEMA);
    add_str(root, "version", "2.1.0");
    cJSON *runs = rep_json_arr(root, "runs");
    cJSON *run = rep_json_obj();
    cJSON_AddItemToArray(runs, run);

    cJSON *tool = rep_json_obj(), *drv = rep_json_obj();
    cJSON_AddItemToObject(run, "tool", tool);
    cJSON_AddItemToObject(tool, "driver", drv);
    add_str(drv, "name", r->tool_name ? r->tool_name : DRVCHECK_NAME);
    add_str(drv, "version", r->tool_version ? r->tool_version : DRVCHECK_VERSION);
    add_str(drv, "informationUri", DRVCHECK_URI);
    cJSON *rules = rep_json_arr(drv, "rules");
    for (int i = 0; i < t.n; i++)
        cJSON_AddItemToArray(rules, rule_desc(t.ids[i], i < r->nrules ? &r->rules[i] : NULL));

    cJSON *invs = rep_json_arr(run, "invocations");
    cJSON *inv = rep_json_obj();
    cJSON_AddItemToArray(invs, inv);
    cJSON_AddBoolToObject(inv, "executionSuccessful", r->diags.nerr == 0);
    cJSON *notes = rep_json_arr(inv, "toolExecutionNotifications");
    for (int i = 0; i < r->diags.n; i++) {
        const Diag *g = &r->diags.v[i];
        cJSON *n = rep_json_obj();
        add_str(n, "level", diag_severity_name(g->sev));
        cJSON_AddItemToObject(n, "message", message(g->msg));
        if (g->file) {
            cJSON *ls = rep_json_arr(n, "locations");
            cJSON_AddItemToArray(ls, location(&cols, g->file, g->line, g->col, NULL, NULL));
        }
        cJSON_AddItemToArray(notes, n);
    }
    for (int i = 0; i < r->nverdicts; i++) {
        const VerdictRow *w = &r->verdicts[i];
        if (w->verdict != VERDICT_TIMEOUT && w->verdict != VERDICT_SPACEOUT &&
            w->verdict != VERDICT_NOT_RUNNABLE)
            continue;
        char buf[1024];
        snprintf(buf, sizeof buf, "%s: %s on %s%s%s", w->rule ? w->rule : "?",
                 verdict_name(w->verdict), w->driver ? w->driver : "?", w->detail ? ": " : "",
                 w->detail ? w->detail : "");
        cJSON *n = rep_json_obj();
        add_str(n, "level", rep_verdict_level(w->verdict));
        cJSON_AddItemToObject(n, "message", message(buf));
        int ri = rule_index(&t, w->rule);
        if (ri >= 0) {
            cJSON *ar = rep_json_obj();
            add_str(ar, "id", w->rule);
            cJSON_AddNumberToObject(ar, "index", ri);
            cJSON_AddItemToObject(n, "associatedRule", ar);
        }
        cJSON_AddItemToArray(notes, n);
    }

    cJSON *bases = rep_json_obj(), *src = rep_json_obj();
    char *u = root_uri(r->scan_root);
    add_str(src, "uri", u);
    free(u);
    cJSON_AddItemToObject(bases, "SRCROOT", src);
    cJSON_AddItemToObject(run, "originalUriBaseIds", bases);

    add_str(run, "columnKind", "utf16CodeUnits");
    cJSON *results = rep_json_arr(run, "results");
    for (int i = 0; i < r->ndefects; i++)
        cJSON_AddItemToArray(results, sarif_result(&r->defects[i], &t, &cols));

    cJSON *props = rep_json_obj();
    cJSON *va = rep_json_arr(props, "verdicts");
    for (int i = 0; i < r->nverdicts; i++) {
        cJSON *o = rep_json_obj();
        add_str(o, "driver", r->verdicts[i].driver);
        add_str(o, "rule", r->verdicts[i].rule);
        add_str(o, "verdict", verdict_name(r->verdicts[i].verdict));
        cJSON_AddItemToArray(va, o);
    }
    cJSON_AddItemToObject(run, "properties", props);
    free(t.ids);
    cols_free(&cols);
    return root;
}

int rep_sarif(const Report *r, FILE *out)
{
    cJSON *root = sarif_log(r);
    int rc = rep_print_json(root, out);
    cJSON_Delete(root);
    return rc;
}
