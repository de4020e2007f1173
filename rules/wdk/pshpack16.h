/* pshpack16.h - drvcheck clean-room WDK model: set structure packing to 16. */
#pragma pack(push, 16)
