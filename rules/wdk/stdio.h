/* stdio.h - drvcheck clean-room WDK model: formatted output routines drivers call. */
#pragma once
#include <ntdef.h>
#include <stdarg.h>
int __cdecl sprintf(char *Buffer, const char *Format, ...);
int __cdecl _snprintf(char *Buffer, size_t BufferCount, const char *Format, ...);
int __cdecl snprintf(char *Buffer, size_t BufferCount, const char *Format, ...);
int __cdecl _vsnprintf(char *Buffer, size_t BufferCount, const char *Format, va_list ArgList);
int __cdecl vsnprintf(char *Buffer, size_t BufferCount, const char *Format, va_list ArgList);
int __cdecl swprintf(wchar_t *Buffer, size_t BufferCount, const wchar_t *Format, ...);
int __cdecl _snwprintf(wchar_t *Buffer, size_t BufferCount, const wchar_t *Format, ...);
int __cdecl _vsnwprintf(wchar_t *Buffer, size_t BufferCount, const wchar_t *Format, va_list ArgList);
int __cdecl printf(const char *Format, ...);
