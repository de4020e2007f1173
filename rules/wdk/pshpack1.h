/* pshpack1.h - drvcheck clean-room WDK model: set structure packing to 1. */
#pragma pack(push, 1)
