/* ctrldep.c - control structure of one CFG: which branches decide whether
 * a block runs (control dependence), and which blocks head loops.
 *
 * Block b is control dependent on branch block x when one edge out of x
 * always leads to b (b post-dominates that successor) and the other need
 * not (b does not post-dominate x).  Computed from the post-dominator tree
 * (Cooper, Harvey and Kennedy's iterative algorithm on the reverse graph,
 * in reverse postorder of it, with explicit stacks: functions of tens of
 * thousands of blocks nest deeply), then by walking from each successor of
 * each branch up the tree to the branch's immediate post-dominator
 * (Ferrante, Ottenstein and Warren).  Blocks that reach no exit (an
 * endless loop) have no post-dominator: cd_build then says "unknown" and
 * the caller must assume every branch matters. */
#include <stdatomic.h>
#include <stdlib.h>

#include "engine/internal.h"

struct CtrlDep {
    int nblocks;
    int *start, *deps;       /* deps[start[b] .. start[b+1]): branches b depends on */
};

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

static int nsucc(const Block *b, int *s)
{
    int n = 0;
    if (b->term == T_GOTO)
        s[n++] = b->succ[0];
    else if (b->term == T_BRANCH) {
        s[n++] = b->succ[0];
        if (b->succ[1] != b->succ[0])
            s[n++] = b->succ[1];
    }
    return n;
}

/* The ints post_dominators works in, for n blocks: nine arrays of N =
 * n + 1 nodes and one of at most 2n edges (a block has two successors or
 * one exit edge).  One zeroed allocation for them and cd_build's counts:
 * calloc and free were half of cd_build's instructions (rtlnwifi, 715
 * functions: 5.5M). */
static size_t pd_words(int n)
{
    return 9 * ((size_t)n + 1) + 1 + 2 * (size_t)n + 1;
}

/* Post-dominators: node ids 0..n-1 are blocks, n is the virtual exit
 * every return and noreturn block leads to.  ipdom[v] = -1: no path to
 * the exit.  work: pd_words(n) zeroed ints; ipdom is its first N. */
static int *post_dominators(const Func *f, int *work)
{
    int n = f->nblocks, N = n + 1;
    int *ipdom = work, *npred = ipdom + N, *pstart = npred + N, *fill = pstart + N + 1;
    int *order = fill + N, *po = order + N, *stack = po + N, *next = stack + N, *seen = next + N;
    int *preds = seen + N;
    /* predecessors in the reverse graph = successors in the CFG; the
     * reverse graph's successors are the CFG's predecessors */
    int s[2];
    for (int b = 0; b < n; b++) {
        int k = nsucc(&f->blocks[b], s);
        for (int i = 0; i < k; i++)
            if (s[i] >= 0 && s[i] < n)
                npred[s[i]]++;
        if (f->blocks[b].term == T_RETURN || f->blocks[b].term == T_NORETURN)
            npred[n]++;
    }
    for (int v = 0; v < N; v++)
        pstart[v + 1] = pstart[v] + npred[v];
    for (int b = 0; b < n; b++) {
        int k = nsucc(&f->blocks[b], s);
        for (int i = 0; i < k; i++)
            if (s[i] >= 0 && s[i] < n)
                preds[pstart[s[i]] + fill[s[i]]++] = b;
        if (f->blocks[b].term == T_RETURN || f->blocks[b].term == T_NORETURN)
            preds[pstart[n] + fill[n]++] = b;
    }
    /* postorder of the reverse graph from the exit (its edges: v -> preds of v) */
    int sp = 0, no = 0;
    stack[sp++] = n;
    seen[n] = 1;
    while (sp) {
        int v = stack[sp - 1];
        if (next[v] < npred[v]) {
            int w = preds[pstart[v] + next[v]++];
            if (!seen[w]) {
                seen[w] = 1;
                stack[sp++] = w;
            }
        } else {
            po[v] = no;
            order[no++] = v;
            sp--;
        }
    }
    for (int v = 0; v < N; v++)
        ipdom[v] = -1;
    ipdom[n] = n;
    /* the reverse graph's predecessors of v are v's CFG successors */
    for (int changed = 1; changed;) {
        changed = 0;
        for (int i = no - 2; i >= 0; i--) {        /* reverse postorder, exit first */
            int v = order[i], nd = -1;
            int k = v < n ? nsucc(&f->blocks[v], s) : 0;
            if (v < n && (f->blocks[v].term == T_RETURN || f->blocks[v].term == T_NORETURN))
                s[k++] = n;
            for (int j = 0; j < k; j++) {
                int w = s[j];
                if (w < 0 || w > n || ipdom[w] < 0)
                    continue;
                if (nd < 0) {
                    nd = w;
                    continue;
                }
                int a = w, c = nd;
                while (a != c) {
                    while (po[a] < po[c])
                        a = ipdom[a];
                    while (po[c] < po[a])
                        c = ipdom[c];
                }
                nd = a;
            }
            if (nd >= 0 && ipdom[v] != nd) {
                ipdom[v] = nd;
                changed = 1;
            }
        }
    }
    return ipdom;
}

/* Every block y that branch x's edges lead to before x's immediate
 * post-dominator depends on x: count them (cd NULL) or list them in cd
 * (once each: a block reached from both edges before the join). */
static void walk(const Func *f, const int *ipdom, int *cnt, CtrlDep *cd)
{
    int n = f->nblocks;
    for (int x = 0; x < n; x++) {
        const Block *bx = &f->blocks[x];
        if (bx->term != T_BRANCH)
            continue;
        int s[2], k = nsucc(bx, s);
        for (int i = 0; i < k; i++)
            for (int y = s[i]; y >= 0 && y < n && y != ipdom[x]; y = ipdom[y]) {
                if (!cd) {
                    cnt[y]++;
                    continue;
                }
                int dup = 0;
                for (int j = cd->start[y]; j < cd->start[y] + cnt[y]; j++)
                    dup |= cd->deps[j] == x;
                if (!dup)
                    cd->deps[cd->start[y] + cnt[y]++] = x;
            }
    }
}

CtrlDep *cd_build(const Func *f)
{
    int n = f->nblocks;
    int *work = xcalloc(pd_words(n) + (size_t)n + 1, sizeof *work);
    int *ipdom = post_dominators(f, work);
    for (int b = 0; b < n; b++)
        if (ipdom[b] < 0) {           /* reaches no exit: unknown */
            free(work);
            return NULL;
        }
    /* count, then fill: walk from each successor of each branch up to the
     * branch's immediate post-dominator */
    int *cnt = work + pd_words(n);
    walk(f, ipdom, cnt, NULL);
    CtrlDep *cd = xcalloc(1, sizeof *cd + sizeof *cd->start * ((size_t)n + 1));
    cd->nblocks = n;
    cd->start = (int *)(cd + 1);      /* freed with cd */
    for (int b = 0; b < n; b++)
        cd->start[b + 1] = cd->start[b] + cnt[b];
    cd->deps = xcalloc((size_t)cd->start[n], sizeof *cd->deps);
    for (int b = 0; b < n; b++)
        cnt[b] = 0;
    walk(f, ipdom, cnt, cd);
    /* compact away the room left by duplicates */
    int w = 0;
    for (int b = 0; b < n; b++) {
        int from = cd->start[b], m = cnt[b];
        cd->start[b] = w;
        for (int j = 0; j < m; j++)
            cd->deps[w++] = cd->deps[from + j];
    }
    cd->start[n] = w;
    free(work);
    return cd;
}

int cd_of(const CtrlDep *cd, int block, const int **deps)
{
    *deps = cd->deps + cd->start[block];
    return cd->start[block + 1] - cd->start[block];
}

void cd_free(CtrlDep *cd)
{
    if (cd) {
        free(cd->deps);
        free(cd);
    }
}

/* Built, and some block reaches no exit. */
static CtrlDep no_exit;

/* Control dependence is the function's, not the rule's: every rule run on
 * a driver shares one copy (NetKVM built 712 of them for 3 rules, 6M
 * instructions).  Runs on other threads may build the same one at once:
 * the first to publish wins, the others free theirs. */
const CtrlDep *cd_shared(CtrlDep *_Atomic *slot, const Func *f)
{
    CtrlDep *cd = atomic_load_explicit(slot, memory_order_acquire);
    if (!cd) {
        CtrlDep *mine = cd_build(f), *none = NULL;
        if (!mine)
            mine = &no_exit;
        if (atomic_compare_exchange_strong_explicit(slot, &none, mine, memory_order_acq_rel,
                                                    memory_order_acquire))
            cd = mine;
        else {
            if (mine != &no_exit)
                cd_free(mine);
            cd = none;
        }
    }
    return cd == &no_exit ? NULL : cd;
}

void cd_shared_free(CtrlDep *_Atomic *slot)
{
    CtrlDep *cd = atomic_load_explicit(slot, memory_order_relaxed);
    if (cd != &no_exit)
        cd_free(cd);
    atomic_store_explicit(slot, NULL, memory_order_relaxed);
}

/* Loop heads: blocks entered by a back edge of a depth-first walk from the
 * entry (explicit stack).  Returns a calloc'ed flag per block. */
unsigned char *cd_loop_heads(const Func *f)
{
    int n = f->nblocks;
    unsigned char *head = xcalloc((size_t)n + 1, 1), *state = xcalloc((size_t)n + 1, 1);
    int *stack = xcalloc((size_t)n + 1, sizeof *stack), *next = xcalloc((size_t)n + 1, sizeof *next);
    int sp = 0;
    if (n > 0) {
        stack[sp++] = 0;
        state[0] = 1;                          /* 1: on the stack, 2: done */
    }
    while (sp) {
        int v = stack[sp - 1], s[2], k = nsucc(&f->blocks[v], s);
        if (next[v] < k) {
            int w = s[next[v]++];
            if (w < 0 || w >= n)
                continue;
            if (state[w] == 1) {
                head[w] |= 1;
                head[v] |= 2;                  /* v closes the loop: a latch */
            }
            else if (state[w] == 0) {
                state[w] = 1;
                stack[sp++] = w;
            }
        } else {
            state[v] = 2;
            sp--;
        }
    }
    free(state);
    free(stack);
    free(next);
    return head;
}
