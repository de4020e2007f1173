/* ksbuild.h: build switches forced into every translation unit (-include ksbuild.h) */
#pragma once
#define KS_RESET_ATTEMPTS       3
#define KS_WATCHDOG_MS          2000
#define KS_HAVE_WATCHDOG        1
