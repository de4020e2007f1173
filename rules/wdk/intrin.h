/* intrin.h - drvcheck clean-room model of the compiler intrinsics header: the
 * Microsoft x64 intrinsics drivers call, declared (clang knows several as
 * builtins; the declarations match them).  No SSE/AVX vector types. */
#pragma once

void __cpuid(int CPUInfo[4], int InfoType);
void __cpuidex(int CPUInfo[4], int InfoType, int ECXValue);
unsigned __int64 _xgetbv(unsigned int xcr);
unsigned __int64 __rdtsc(void);
unsigned char _BitScanForward(unsigned long *Index, unsigned long Mask);
unsigned char _BitScanReverse(unsigned long *Index, unsigned long Mask);
unsigned char _BitScanForward64(unsigned long *Index, unsigned __int64 Mask);
unsigned char _BitScanReverse64(unsigned long *Index, unsigned __int64 Mask);
unsigned int _rotl(unsigned int value, int shift);
unsigned int _rotr(unsigned int value, int shift);
unsigned __int64 _rotl64(unsigned __int64 value, int shift);
unsigned __int64 _rotr64(unsigned __int64 value, int shift);
unsigned short _byteswap_ushort(unsigned short value);
unsigned long _byteswap_ulong(unsigned long value);
unsigned __int64 _byteswap_uint64(unsigned __int64 value);
void _mm_pause(void);
void __debugbreak(void);
unsigned __int64 __readmsr(unsigned long reg);
void __writemsr(unsigned long reg, unsigned __int64 value);
void __movsb(unsigned char *Destination, const unsigned char *Source, unsigned __int64 Count);
void __stosb(unsigned char *Destination, unsigned char Data, unsigned __int64 Count);
unsigned __int64 __readcr8(void);
unsigned int __popcnt(unsigned int value);
unsigned __int64 __popcnt64(unsigned __int64 value);
unsigned __int64 _umul128(unsigned __int64 a, unsigned __int64 b, unsigned __int64 *hi);
__int64 _mul128(__int64 a, __int64 b, __int64 *hi);
unsigned __int64 __shiftleft128(unsigned __int64 lo, unsigned __int64 hi, unsigned char s);
unsigned __int64 __shiftright128(unsigned __int64 lo, unsigned __int64 hi, unsigned char s);
void _disable(void);
void _enable(void);
void __nop(void);
void __halt(void);
