/* wdfworkitem.h - drvcheck clean-room WDK model: KMDF work items, declared in wdf.h (which the real wdf.h
 * includes this header from). */
#pragma once
#include <wdf.h>
