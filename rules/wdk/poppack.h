/* poppack.h - drvcheck clean-room WDK model: restore structure packing. */
#pragma pack(pop)
