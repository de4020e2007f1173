/* pshpack1.h - drvcheck clean-room WDK model: set structure packing to 1. */
/* Changing the packing inside a header is the point of this file (MSVC warning 4103). */
#pragma clang diagnostic ignored "-Wpragma-pack"
#pragma pack(push, 1)
