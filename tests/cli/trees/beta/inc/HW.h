/* beta's register helpers. */
#ifndef BETA_HW_H
#define BETA_HW_H

#define MP_QUIESCE(_A) \
    NdisMSynchronizeWithInterruptEx((_A)->InterruptHandle, 0, MpDisableInterruptSync, (_A))

#endif
