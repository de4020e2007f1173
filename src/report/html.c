/* html.c - one self-contained HTML page: summary and a trace viewer.
 *
 * No network and no external files: CSS and script are inline, and a
 * Content-Security-Policy forbids loading anything.  Each defect (anchor
 * #dN, N its index in JSON results[]) shows its trace as a step list and
 * drawn over the numbered source lines around each step (files read from
 * scan_root + path; a clear note where one cannot be read).  Steps are
 * walkable with buttons and keys (n/j/ArrowRight, p/k/ArrowLeft); the
 * selected step carries class "sel" and aria-current="step"; a location
 * hash #dNsM selects step M of defect N.  Every string is UTF-8 sanitised
 * and HTML-escaped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"

#define CONTEXT 3            /* source lines shown around each step */

static void esc(FILE *f, const char *s)
{
    if (!s)
        return;
    char *u = rep_utf8(s);
    for (const char *p = u; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*p, f);
        }
    }
    free(u);
}

static const char css[] =
    "*{box-sizing:border-box}\n"
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d2330;"
    "background:#f4f5f7}\n"
    "header{background:#1d2330;color:#fff;padding:12px 24px}\n"
    "header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#c5cad3}\n"
    "main{padding:16px 24px;max-width:1400px}\n"
    "h2{font-size:17px;margin:20px 0 8px}\n"
    "table{border-collapse:collapse}\n"
    ".grid th,.grid td{border:1px solid #d5d8de;padding:4px 10px;text-align:left;"
    "background:#fff}\n"
    ".grid th{background:#e9ebef}\n"
    ".v-defect{color:#b3261e;font-weight:600}.v-pass{color:#1e7b34;font-weight:600}\n"
    ".v-timeout,.v-spaceout,.v-notrun{color:#8a5a00;font-weight:600}\n"
    ".diags li{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}\n"
    ".defect{background:#fff;border:1px solid #d5d8de;border-radius:6px;margin:16px 0;"
    "padding:12px 16px}\n"
    ".defect h3{margin:0 0 4px;font-size:16px}\n"
    ".defect.suppressed{opacity:.75}\n"
    ".badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;"
    "margin-right:6px;vertical-align:2px}\n"
    ".b-new{background:#b3261e;color:#fff}.b-unchanged{background:#8a5a00;color:#fff}\n"
    ".b-suppressed{background:#5f6b7a;color:#fff}\n"
    ".b-error{background:#fdecea;color:#b3261e}.b-warning{background:#fff4e0;color:#8a5a00}\n"
    ".where{margin:0 0 8px;color:#4a5362}.where code{font-size:12px}\n"
    ".nav{margin:6px 0 10px}.nav button{font:inherit;padding:2px 10px;margin-right:4px;"
    "cursor:pointer}\n"
    ".pos{margin-left:8px;color:#4a5362}\n"
    ".body{display:flex;gap:16px;align-items:flex-start;flex-wrap:wrap}\n"
    ".steps{flex:0 0 380px;margin:0;padding-left:28px}\n"
    ".step{padding:3px 6px;border-radius:4px;margin:1px 0}\n"
    ".step a{color:inherit;text-decoration:none;display:block}\n"
    ".step.sel{background:#ffe08a}\n"
    ".kind{font-size:11px;text-transform:uppercase;color:#5f6b7a;margin-right:4px}\n"
    ".k-violation .kind{color:#b3261e;font-weight:700}\n"
    ".state{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;"
    "background:#eef0f4;padding:0 4px;border-radius:3px}\n"
    ".loc{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:#4a5362}\n"
    ".src{flex:1 1 560px;min-width:0}\n"
    ".file{border:1px solid #d5d8de;border-radius:4px;margin-bottom:10px;overflow:auto}\n"
    ".fname{background:#e9ebef;padding:3px 8px;font-family:ui-monospace,Menlo,Consolas,"
    "monospace;font-size:12px}\n"
    ".code{width:100%;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}\n"
    ".code td{padding:0 8px;white-space:pre;tab-size:4;vertical-align:top}\n"
    ".code .ln{text-align:right;color:#8a93a3;user-select:none;width:1%;"
    "border-right:1px solid #e1e3e8}\n"
    ".line.hl{background:#fff6d6}.line.sel{background:#ffe08a}\n"
    ".gap td{color:#8a93a3}\n"
    ".ann td{white-space:normal;padding:1px 8px 3px}\n"
    ".bubble{display:inline-block;background:#eef3ff;border:1px solid #b7c6ea;"
    "border-radius:4px;padding:0 6px;font-family:system-ui,sans-serif;font-size:12px}\n"
    ".ann.sel .bubble{background:#ffe08a;border-color:#d8a400}\n"
    ".k-violation .bubble{border-color:#b3261e}\n"
    ".nosrc{color:#8a5a00;background:#fff6d6;padding:6px 8px;border-radius:4px}\n"
    ".none{color:#1e7b34}\n"
    "kbd{border:1px solid #c5cad3;border-radius:3px;padding:0 4px;font-size:12px}\n";

static const char script[] =
    "(function(){\n"
    "var cur={},active=0;\n"
    "function q(s){return document.querySelectorAll(s);}\n"
    "function nsteps(d){var a=document.getElementById('d'+d);"
    "return a?+a.getAttribute('data-steps'):0;}\n"
    "function mark(d,s,on){\n"
    " var els=[document.getElementById('d'+d+'s'+s),document.getElementById('d'+d+'a'+s)];\n"
    " var rows=q('#d'+d+' .line[data-s~=\"'+s+'\"]');\n"
    " for(var i=0;i<rows.length;i++)els.push(rows[i]);\n"
    " for(var j=0;j<els.length;j++){var e=els[j];if(!e)continue;\n"
    "  e.classList.toggle('sel',on);\n"
    "  if(e.tagName==='LI'){if(on)e.setAttribute('aria-current','step');"
    "else e.removeAttribute('aria-current');}}\n"
    "}\n"
    "function sel(d,s,scroll){\n"
    " var n=nsteps(d);if(!n)return;\n"
    " if(s<0)s=0;if(s>=n)s=n-1;\n"
    " if(cur[d]!==undefined)mark(d,cur[d],false);\n"
    " cur[d]=s;mark(d,s,true);active=d;\n"
    " var p=document.getElementById('d'+d+'pos');if(p)p.textContent='step '+(s+1)+' of '+n;\n"
    " if(scroll){var t=document.getElementById('d'+d+'a'+s)||document.getElementById('d'+d+'s'+s);\n"
    "  if(t&&t.scrollIntoView)t.scrollIntoView({block:'center'});}\n"
    "}\n"
    "function go(d,s){sel(d,s,true);\n"
    " try{history.replaceState(null,'','#d'+d+'s'+cur[d]);}catch(e){}}\n"
    "function fromHash(){var m=/^#d(\\d+)(?:s(\\d+))?$/.exec(location.hash);\n"
    " if(m)sel(+m[1],m[2]===undefined?0:+m[2],true);}\n"
    "var arts=q('.defect');\n"
    "for(var i=0;i<arts.length;i++){var d=+arts[i].getAttribute('data-d');"
    "sel(d,nsteps(d)-1,false);}\n"
    "if(arts.length)active=+arts[0].getAttribute('data-d');\n"
    "document.addEventListener('click',function(ev){\n"
    " var b=ev.target.closest?ev.target.closest('[data-act]'):null;if(!b)return;\n"
    " var d=+b.getAttribute('data-d'),a=b.getAttribute('data-act'),s=cur[d]||0;\n"
    " if(a==='first')s=0;else if(a==='prev')s--;else if(a==='next')s++;"
    "else if(a==='last')s=nsteps(d)-1;\n"
    " go(d,s);});\n"
    "document.addEventListener('keydown',function(ev){\n"
    " if(ev.altKey||ev.ctrlKey||ev.metaKey)return;\n"
    " var k=ev.key,s=cur[active]||0;\n"
    " if(k==='ArrowRight'||k==='n'||k==='j')go(active,s+1);\n"
    " else if(k==='ArrowLeft'||k==='p'||k==='k')go(active,s-1);\n"
    " else return;ev.preventDefault();});\n"
    "window.addEventListener('hashchange',fromHash);\n"
    "fromHash();\n"
    "})();\n";

/* ---- summary */

static const char *verdict_class(Verdict v)
{
    switch (v) {
    case VERDICT_DEFECT: return "v-defect";
    case VERDICT_PASS: return "v-pass";
    case VERDICT_TIMEOUT: return "v-timeout";
    case VERDICT_SPACEOUT: return "v-spaceout";
    case VERDICT_NOT_RUNNABLE: return "v-notrun";
    default: return "v-na";
    }
}

static void summary(const Report *r, FILE *f)
{
    int nsup = report_count_suppressed(r), nnew = report_count_new(r);
    fputs("<section id=\"summary\"><h2>Summary</h2>\n<table class=\"grid counts\"><tr>"
          "<th>Drivers</th><th>Files</th><th>Functions</th><th>Defects</th><th>New</th>"
          "<th>Unchanged</th><th>Suppressed</th></tr>\n", f);
    fprintf(f, "<tr><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td>"
               "<td>%d</td></tr></table>\n",
            r->ndrivers, r->nfiles, r->nfunctions, r->ndefects, nnew, r->ndefects - nnew - nsup,
            nsup);
    fputs("<h2>Verdicts</h2>\n", f);
    if (r->nverdicts == 0) {
        fputs("<p>No rule was run.</p>\n", f);
    } else {
        fputs("<table class=\"grid verdicts\"><tr><th>Driver</th><th>Rule</th><th>Verdict</th>"
              "<th>Detail</th></tr>\n", f);
        for (int i = 0; i < r->nverdicts; i++) {
            const VerdictRow *w = &r->verdicts[i];
            fputs("<tr><td>", f);
            esc(f, w->driver);
            fputs("</td><td>", f);
            esc(f, w->rule);
            fprintf(f, "</td><td class=\"%s\">%s</td><td>", verdict_class(w->verdict),
                    verdict_name(w->verdict));
            esc(f, w->detail);
            fputs("</td></tr>\n", f);
        }
        fputs("</table>\n", f);
    }
    fputs("</section>\n", f);
}

static void diagnostics(const Report *r, FILE *f)
{
    if (r->diags.n == 0 && r->nincomplete == 0 && r->nassumed == 0)
        return;
    fputs("<section id=\"diagnostics\"><h2>Diagnostics</h2>\n<ul class=\"diags\">\n", f);
    for (int i = 0; i < r->diags.n; i++) {
        const Diag *g = &r->diags.v[i];
        fputs("<li>", f);
        if (g->file) {
            esc(f, g->file);
            if (g->line > 0)
                fprintf(f, ":%d:%d", g->line, g->col > 0 ? g->col : 1);
            fputs(": ", f);
        }
        fprintf(f, "%s: ", diag_severity_name(g->sev));
        esc(f, g->msg);
        fputs("</li>\n", f);
    }
    fputs("</ul>\n", f);
    if (r->nincomplete) {
        fputs("<p>Parsed with errors, analysed as far as parsed:</p><ul class=\"diags\">", f);
        for (int i = 0; i < r->nincomplete; i++) {
            fputs("<li>", f);
            esc(f, r->incomplete_files[i]);
            fputs("</li>", f);
        }
        fputs("</ul>\n", f);
    }
    if (r->nassumed) {
        fputs("<p>Unknown names assumed:</p><ul class=\"diags\">", f);
        for (int i = 0; i < r->nassumed; i++) {
            fputs("<li>", f);
            esc(f, r->assumed[i]);
            fputs("</li>", f);
        }
        fputs("</ul>\n", f);
    }
    fputs("</section>\n", f);
}

static void entry_points(const Report *r, FILE *f)
{
    if (r->nentries == 0)
        return;
    fprintf(f, "<details id=\"entry-points\"><summary>Entry points (%d)</summary>\n"
               "<table class=\"grid\"><tr><th>Driver</th><th>Function</th><th>Role</th>"
               "<th>Found by</th><th>Where</th></tr>\n", r->nentries);
    for (int i = 0; i < r->nentries; i++) {
        const EntryPointRow *e = &r->entries[i];
        fputs("<tr><td>", f);
        esc(f, e->driver);
        fputs("</td><td>", f);
        esc(f, e->function);
        fputs("</td><td>", f);
        esc(f, e->role);
        fputs("</td><td>", f);
        esc(f, e->found_by);
        fputs("</td><td>", f);
        if (e->file) {
            esc(f, e->file);
            fprintf(f, ":%d", e->line);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table></details>\n", f);
}

/* ---- one defect */

static int same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static void step_text(FILE *f, const TraceStep *s)
{
    if (s->message && s->message[0])
        esc(f, s->message);
    else
        fputs(trace_kind_name(s->kind), f);
}

/* The trace over the numbered lines of `file`: windows of CONTEXT lines
 * around each step in that file, gaps marked. */
static void source_view(const Report *r, const Defect *d, int di, const char *file, FILE *f)
{
    SrcFile src;
    fputs("<div class=\"file\"><div class=\"fname\">", f);
    esc(f, file);
    fputs("</div>\n", f);
    if (rep_src_load(&src, r->scan_root, file) < 0) {
        fputs("<p class=\"nosrc\">Source not available: cannot read <code>", f);
        esc(f, src.path);
        fputs("</code>: ", f);
        esc(f, strerror(src.err));
        fputs(". The steps are listed on the left.</p></div>\n", f);
        rep_src_free(&src);
        return;
    }
    int n = src.nlines;
    char *show = calloc((size_t)n + 2, 1);
    if (!show)
        abort();
    for (int i = 0; i < d->ntrace; i++) {
        const TraceStep *s = &d->trace[i];
        if (!same(s->file, file) || s->line < 1 || s->line > n)
            continue;
        for (int l = s->line - CONTEXT; l <= s->line + CONTEXT; l++)
            if (l >= 1 && l <= n)
                show[l] = 1;
    }
    fputs("<table class=\"code\">\n", f);
    int last = 0;
    for (int l = 1; l <= n; l++) {
        if (!show[l])
            continue;
        if (l > last + 1)
            fputs("<tr class=\"gap\"><td class=\"ln\">&#8942;</td><td></td></tr>\n", f);
        last = l;
        int nsteps = 0;
        for (int i = 0; i < d->ntrace; i++)
            nsteps += same(d->trace[i].file, file) && d->trace[i].line == l;
        fprintf(f, "<tr class=\"line%s\"", nsteps ? " hl" : "");
        if (nsteps) {
            fputs(" data-s=\"", f);
            int k = 0;
            for (int i = 0; i < d->ntrace; i++)
                if (same(d->trace[i].file, file) && d->trace[i].line == l)
                    fprintf(f, "%s%d", k++ ? " " : "", i);
            fputc('"', f);
        }
        fprintf(f, "><td class=\"ln\">%d</td><td class=\"tx\">", l);
        esc(f, rep_src_line(&src, l));
        fputs("</td></tr>\n", f);
        for (int i = 0; i < d->ntrace; i++) {
            const TraceStep *s = &d->trace[i];
            if (!same(s->file, file) || s->line != l)
                continue;
            fprintf(f, "<tr class=\"ann k-%s\" id=\"d%da%d\"><td class=\"ln\"></td><td>"
                       "<span class=\"bubble\"><b>%d</b> ",
                    trace_kind_name(s->kind), di, i, i + 1);
            step_text(f, s);
            if (s->state) {
                fputs(" <span class=\"state\">", f);
                esc(f, s->state);
                fputs("</span>", f);
            }
            fputs("</span></td></tr>\n", f);
        }
    }
    fputs("</table></div>\n", f);
    free(show);
    rep_src_free(&src);
}

static void defect(const Report *r, const Defect *d, int di, FILE *f)
{
    const char *cls = d->suppression ? "suppressed"
                      : d->baseline == BASE_UNCHANGED ? "unchanged" : "new";
    fprintf(f, "<article class=\"defect %s\" id=\"d%d\" data-d=\"%d\" data-steps=\"%d\">\n",
            cls, di, di, d->ntrace);
    fprintf(f, "<h3><span class=\"badge b-%s\">%s</span>", cls, cls);
    /* a warning is a possible defect: no exact path shows it */
    if (d->severity && strcmp(d->severity, "warning") == 0)
        fputs("<span class=\"badge b-warning\">warning: possible defect</span>", f);
    else
        fputs("<span class=\"badge b-error\">error</span>", f);
    fputs("[", f);
    esc(f, d->rule);
    fputs("] ", f);
    esc(f, d->message);
    fputs("</h3>\n<p class=\"where\"><span class=\"loc\">", f);
    esc(f, d->file);
    fprintf(f, ":%d:%d</span>", d->line, d->col);
    if (d->function) {
        fputs(" in <code>", f);
        esc(f, d->function);
        fputs("</code>", f);
    }
    if (d->driver) {
        fputs(" &middot; driver ", f);
        esc(f, d->driver);
    }
    if (d->entry_point) {
        fputs(" &middot; entry point <code>", f);
        esc(f, d->entry_point);
        fputs("</code>", f);
    }
    if (d->suppression) {
        fputs(" &middot; suppressed: ", f);
        esc(f, d->suppression);
    }
    if (d->fingerprint) {
        fputs(" &middot; fingerprint <code>", f);
        esc(f, d->fingerprint);
        fputs("</code>", f);
    }
    fputs("</p>\n", f);
    if (d->ntrace == 0) {
        fputs("<p>No trace.</p></article>\n", f);
        return;
    }
    fprintf(f, "<div class=\"nav\">"
               "<button type=\"button\" data-act=\"first\" data-d=\"%d\" title=\"first step\">"
               "&laquo; First</button>"
               "<button type=\"button\" data-act=\"prev\" data-d=\"%d\" title=\"previous step (p)\">"
               "&#9664; Prev</button>"
               "<button type=\"button\" data-act=\"next\" data-d=\"%d\" title=\"next step (n)\">"
               "Next &#9654;</button>"
               "<button type=\"button\" data-act=\"last\" data-d=\"%d\" title=\"the defect\">"
               "Last &raquo;</button>"
               "<span class=\"pos\" id=\"d%dpos\">step %d of %d</span></div>\n",
            di, di, di, di, di, d->ntrace, d->ntrace);
    fputs("<div class=\"body\">\n<ol class=\"steps\">\n", f);
    for (int i = 0; i < d->ntrace; i++) {
        const TraceStep *s = &d->trace[i];
        fprintf(f, "<li id=\"d%ds%d\" class=\"step k-%s\"><a href=\"#d%ds%d\">"
                   "<span class=\"kind\">%s</span>",
                di, i, trace_kind_name(s->kind), di, i, trace_kind_name(s->kind));
        step_text(f, s);
        if (s->state) {
            fputs(" <span class=\"state\">", f);
            esc(f, s->state);
            fputs("</span>", f);
        }
        fputs("<br><span class=\"loc\">", f);
        esc(f, s->file);
        fprintf(f, ":%d", s->line);
        if (s->function) {
            fputs(" ", f);
            esc(f, s->function);
        }
        fputs("</span></a></li>\n", f);
    }
    fputs("</ol>\n<div class=\"src\">\n", f);
    for (int i = 0; i < d->ntrace; i++) {
        int seen = 0;
        for (int j = 0; j < i && !seen; j++)
            seen = same(d->trace[j].file, d->trace[i].file);
        if (!seen && d->trace[i].file)
            source_view(r, d, di, d->trace[i].file, f);
    }
    fputs("</div></div></article>\n", f);
}

int rep_html(const Report *r, FILE *f)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>drvcheck report</title>\n<style>\n", f);
    fputs(css, f);
    fputs("</style></head>\n<body>\n<header><h1>drvcheck report</h1><p>", f);
    esc(f, r->tool_name ? r->tool_name : DRVCHECK_NAME);
    fputs(" ", f);
    esc(f, r->tool_version ? r->tool_version : DRVCHECK_VERSION);
    if (r->scan_root) {
        fputs(" &middot; scan root <code>", f);
        esc(f, r->scan_root);
        fputs("</code>", f);
    }
    fputs("</p></header>\n<main>\n", f);
    summary(r, f);
    diagnostics(r, f);
    entry_points(r, f);
    fputs("<section id=\"defects\"><h2>Defects</h2>\n", f);
    if (r->ndefects == 0)
        fputs("<p class=\"none\">No defects.</p>\n", f);
    else
        fputs("<p>Walk a trace with the buttons or the keys <kbd>n</kbd>/<kbd>&#8594;</kbd> "
              "and <kbd>p</kbd>/<kbd>&#8592;</kbd>; the address <code>#d0s2</code> selects "
              "step 3 of the first defect.</p>\n", f);
    for (int i = 0; i < r->ndefects; i++)
        defect(r, &r->defects[i], i, f);
    fputs("</section>\n</main>\n<script>\n", f);
    fputs(script, f);
    fputs("</script>\n</body></html>\n", f);
    fflush(f);
    return ferror(f) ? -1 : 0;
}
