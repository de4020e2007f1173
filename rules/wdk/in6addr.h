/* in6addr.h - drvcheck clean-room WDK model: IP address structures (see ws2def.h). */
#pragma once
#include <ws2def.h>
