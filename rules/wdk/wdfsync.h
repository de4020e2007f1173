/* wdfsync.h - drvcheck clean-room WDK model: KMDF locks, declared in wdf.h (which the real wdf.h
 * includes this header from). */
#pragma once
#include <wdf.h>
