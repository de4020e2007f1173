/* pshpack8.h - drvcheck clean-room WDK model: set structure packing to 8. */
#pragma pack(push, 8)
