/* packon.h - drvcheck clean-room WDK model: set structure packing to 1 (as pshpack1.h). */
#pragma clang diagnostic ignored "-Wpragma-pack"
#pragma pack(push, 1)
