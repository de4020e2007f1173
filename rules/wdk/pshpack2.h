/* pshpack2.h - drvcheck clean-room WDK model: set structure packing to 2. */
#pragma pack(push, 2)
