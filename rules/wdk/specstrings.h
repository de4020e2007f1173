/* specstrings.h - drvcheck clean-room WDK model: the annotation header user code includes. */
#pragma once
#include <sal.h>
