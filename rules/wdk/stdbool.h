/* stdbool.h - drvcheck clean-room model: the C standard's boolean type and its two values. */
#pragma once
#ifndef __cplusplus
#define bool _Bool
#define true 1
#define false 0
#endif
#define __bool_true_false_are_defined 1
