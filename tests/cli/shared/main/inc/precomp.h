/* precomp.h - what most files include first: the WDK, then the driver's own header. */
#pragma once
#ifndef PRECOMP_H
#define PRECOMP_H

#pragma warning(disable:4201)   // nameless struct/union
#include <ndis.h>
#include "drv.h"

#endif
