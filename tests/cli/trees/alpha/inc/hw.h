/* alpha's register helpers: beta's HW.h must not be taken for it, nor it for beta's. */
#ifndef ALPHA_HW_H
#define ALPHA_HW_H

#define STA_QUIESCE_RETRIES     3

#endif
