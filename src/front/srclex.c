/* srclex.c - C tokens read straight from clang's buffer of a file.
 *
 * Lowering looks at tokens libclang 14 does not expose on the AST: the
 * operator of a binary or unary expression (no clang_getCursorBinaryOperatorKind
 * before LLVM 17), the ';' of a for header, the words of an expression as
 * written.  clang_tokenize answers that, but costs thousands of instructions
 * a call (a Lexer, a token array, a string per spelling) and lowering asks
 * for every operator: it was a third of the lowering time of a driver file.
 * This scanner reads the buffer clang already holds (clang_getFileContents,
 * no copy) and splits it the way the C lexer does for the tokens asked about:
 * punctuators by longest match, words, pp-numbers, literals; comments,
 * white space and line splices skipped. */
#include <string.h>

#include "front/front_int.h"

const char *src_buffer(Lower *L, CXFile f, size_t *size)
{
    if (!f)
        return NULL;
    if (L->text_file != f) {          /* a file lookup walks clang's source map */
        /* a few files, most recent first: an expression from a header
         * macro alternates between the main file and the header (xframeii
         * xmpnic.c: 2,815 lookups at 1.6k instructions each) */
        int i = 0;
        while (i < TEXT_CACHE && L->texts[i].file != f)
            i++;
        struct TextBuf hit;
        if (i < TEXT_CACHE) {
            hit = L->texts[i];
        } else {
            hit.file = f;
            hit.text = clang_getFileContents(L->tu, f, &hit.size);
            i = TEXT_CACHE - 1;
        }
        memmove(L->texts + 1, L->texts, sizeof *L->texts * (size_t)i);
        L->texts[0] = hit;
        L->text_file = f;
        L->text = hit.text;
        L->text_size = hit.size;
    }
    *size = L->text ? L->text_size : 0;
    return L->text;
}

/* Character classes by table, one load a byte: the scanner reads every
 * byte of the headers' #include and #define lines (includes.c, lvcast.c)
 * and of the lines around each operator, and a chain of comparisons per
 * byte of a word made src_next cost ~170 instructions a token.
 * CC_BLANK: \t \n \v \f \r and space; CC_WORD: letters, digits, _ $ and
 * every byte of a UTF-8 sequence. */
enum { CC_BLANK = 1, CC_WORD = 2 };
static const unsigned char cclass[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
    0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 2,
    0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

static int word_char(unsigned char c)
{
    return cclass[c] == CC_WORD;
}

/* The length of the punctuator at i: C's, and '##', by longest match. */
static unsigned punct_len(const char *t, size_t n, unsigned i)
{
    char c = t[i], d = i + 1 < n ? t[i + 1] : 0, e = i + 2 < n ? t[i + 2] : 0;
    switch (c) {
    case '.':
        return d == '.' && e == '.' ? 3 : 1;
    case '<':
    case '>':
        if (d == c)
            return e == '=' ? 3 : 2;            /* << <<= >> >>= */
        return d == '=' ? 2 : 1;
    case '-':
        return d == '>' || d == '-' || d == '=' ? 2 : 1;
    case '+':
    case '&':
    case '|':
        return d == c || d == '=' ? 2 : 1;      /* ++ += && &= || |= */
    case '#':
        return d == '#' ? 2 : 1;
    case '=':
    case '!':
    case '*':
    case '/':
    case '%':
    case '^':
        return d == '=' ? 2 : 1;
    default:
        return 1;
    }
}

/* Skip white space, comments and line splices from i; the next offset
 * (n at the end).  Comments are crossed by memchr. */
static unsigned skip_blank(const char *t, size_t n, unsigned i)
{
    while (i < n) {
        char c = t[i];
        if (cclass[(unsigned char)c] == CC_BLANK) {
            i++;
        } else if (c == '\\' && i + 1 < n && (t[i + 1] == '\n' || t[i + 1] == '\r')) {
            i++;
        } else if (c == '/' && i + 1 < n && t[i + 1] == '/') {
            const char *nl = memchr(t + i, '\n', n - i);
            i = nl ? (unsigned)(nl - t) : (unsigned)n;
        } else if (c == '/' && i + 1 < n && t[i + 1] == '*') {
            /* the first possible end lies past the opening star: slash-star-slash is still open */
            const char *e = NULL;
            for (unsigned j = i + 3; j < n && !e; j++) {
                const char *sl = memchr(t + j, '/', n - j);
                if (!sl)
                    break;
                j = (unsigned)(sl - t);
                if (t[j - 1] == '*')
                    e = sl;
            }
            i = e ? (unsigned)(e - t) + 1 : (unsigned)n;
        } else {
            break;
        }
    }
    return i;
}

static unsigned literal_end(const char *t, size_t n, unsigned i)
{
    char q = t[i++];
    while (i < n && t[i] != q && t[i] != '\n') {
        if (t[i] == '\\' && i + 1 < n)
            i++;
        i++;
    }
    return i < n && t[i] == q ? i + 1 : i;
}

int src_next(const char *t, size_t n, unsigned *pos, SrcTok *tok)
{
    unsigned i = skip_blank(t, n, *pos);
    if (i >= n)
        return 0;
    unsigned b = i;
    unsigned char c = (unsigned char)t[i];
    TokKind k;
    if (c == '"' || c == '\'') {
        i = literal_end(t, n, i);
        k = TOK_LITERAL;
    } else if ((c >= '0' && c <= '9') || (c == '.' && i + 1 < n && t[i + 1] >= '0' &&
                                          t[i + 1] <= '9')) {
        for (i++; i < n; i++) {           /* a pp-number: 0x1F, 1.5e-3, 10UL */
            char p = t[i - 1];
            if ((t[i] == '+' || t[i] == '-') && (p == 'e' || p == 'E' || p == 'p' || p == 'P'))
                continue;
            if (!word_char((unsigned char)t[i]) && t[i] != '.')
                break;
        }
        k = TOK_NUMBER;
    } else if (word_char(c)) {
        while (i < n && word_char((unsigned char)t[i]))
            i++;
        /* an encoding prefix: L"x", u8"x", U'x' */
        size_t w = i - b;
        if (i < n && (t[i] == '"' || t[i] == '\'') &&
            ((w == 1 && (c == 'L' || c == 'u' || c == 'U')) ||
             (w == 2 && t[b] == 'u' && t[b + 1] == '8'))) {
            i = literal_end(t, n, i);
            k = TOK_LITERAL;
        } else {
            k = TOK_WORD;
        }
    } else {
        i += punct_len(t, n, i);
        k = TOK_PUNCT;
    }
    tok->off = b;
    tok->len = i - b;
    tok->kind = k;
    *pos = i;
    return 1;
}

void src_copy(const char *t, const SrcTok *tok, char *buf, size_t size)
{
    size_t l = tok->len < size - 1 ? tok->len : size - 1;
    memcpy(buf, t + tok->off, l);
    buf[l] = 0;
}

enum { LINE_WINDOW = 512 };

/* The start of the line holding offset off, `back` lines further up; on a
 * line longer than LINE_WINDOW, LINE_WINDOW bytes before off. */
static unsigned line_start(const char *t, unsigned off, unsigned back)
{
    unsigned i = off;
    for (;;) {
        unsigned end = i;
        while (i > 0 && t[i - 1] != '\n' && end - i < LINE_WINDOW)
            i--;
        if (i > 0 && t[i - 1] != '\n')
            return i;                    /* a line of megabytes: a window of it */
        if (back-- == 0 || i == 0)
            return i;
        i--;
    }
}

int src_token_before(Lower *L, CXFile f, unsigned off, char *buf, size_t size, unsigned *at)
{
    size_t n;
    const char *t = src_buffer(L, f, &n);
    if (!t || off > n)
        return 0;
    /* from the start of its line, then of the lines above it: a line
     * that holds nothing else before off (an operator ending the line
     * above) */
    for (unsigned back = 0; back < 8; back++) {
        /* (a line of megabytes, a generated expression of a million
         * operators asked once per operator, is lexed from a window before
         * off: from its start the lowering was quadratic, an 8 MB line
         * never finished) */
        unsigned from = line_start(t, off, back), pos = from;
        SrcTok tok, last;
        int found = 0;
        while (src_next(t, off, &pos, &tok)) {
            last = tok;
            found = 1;
        }
        if (found) {
            src_copy(t, &last, buf, size);
            if (at)
                *at = last.off;
            return 1;
        }
        if (from == 0)
            break;
    }
    return 0;
}
