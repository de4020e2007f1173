/* ops.h - the operator enum generated from ops.def, and its spellings. */
#ifndef DRVCHECK_OPS_H
#define DRVCHECK_OPS_H

typedef enum {
#define X(e, s, k) e,
#include "ops.def"
#undef X
    OP_COUNT
} OpKind;

const char *op_spelling(OpKind op);
int op_is_unary(OpKind op);

#endif
