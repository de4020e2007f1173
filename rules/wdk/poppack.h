/* poppack.h - drvcheck clean-room WDK model: restore structure packing. */
/* Changing the packing inside a header is the point of this file (MSVC warning 4103). */
#pragma clang diagnostic ignored "-Wpragma-pack"
#pragma pack(pop)
