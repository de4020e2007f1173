/* level.h - the NDIS level a DRV_LEVEL 2 build of the shared-header fixture asks for. */
#pragma once
#define NDIS620_MINIPORT 1
