/* pshpack4.h - drvcheck clean-room WDK model: set structure packing to 4. */
#pragma pack(push, 4)
