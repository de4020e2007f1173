/* packoff.h - drvcheck clean-room WDK model: restore structure packing (as poppack.h). */
#pragma clang diagnostic ignored "-Wpragma-pack"
#pragma pack(pop)
