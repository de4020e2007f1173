/* stdlib.h - drvcheck clean-room WDK model: the kernel C runtime utility routines. */
#pragma once
#include <ntdef.h>
int __cdecl abs(int X);
long __cdecl labs(long X);
int __cdecl atoi(const char *String);
long __cdecl atol(const char *String);
long __cdecl strtol(const char *String, char **EndPtr, int Radix);
unsigned long __cdecl strtoul(const char *String, char **EndPtr, int Radix);
void __cdecl qsort(void *Base, size_t NumOfElements, size_t SizeOfElements, int (__cdecl *CompareFunction)(const void *, const void *));
int __cdecl rand(void);
void __cdecl srand(unsigned int Seed);
unsigned short __cdecl _byteswap_ushort(unsigned short Number);
unsigned long __cdecl _byteswap_ulong(unsigned long Number);
unsigned __int64 __cdecl _byteswap_uint64(unsigned __int64 Number);
#define _countof(a) (sizeof(a) / sizeof((a)[0]))
