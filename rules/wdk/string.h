/* string.h - drvcheck clean-room WDK model: the kernel C runtime string routines. */
#pragma once
#include <ntdef.h>
void *__cdecl memcpy(void *Dst, const void *Src, size_t Size);
void *__cdecl memmove(void *Dst, const void *Src, size_t Size);
void *__cdecl memset(void *Dst, int Val, size_t Size);
int __cdecl memcmp(const void *Buf1, const void *Buf2, size_t Size);
void *__cdecl memchr(const void *Buf, int Val, size_t MaxCount);
size_t __cdecl strlen(const char *Str);
size_t __cdecl strnlen(const char *Str, size_t MaxCount);
int __cdecl strcmp(const char *Str1, const char *Str2);
int __cdecl strncmp(const char *Str1, const char *Str2, size_t MaxCount);
int __cdecl _stricmp(const char *Str1, const char *Str2);
int __cdecl _strnicmp(const char *Str1, const char *Str2, size_t MaxCount);
char *__cdecl strcpy(char *Dest, const char *Source);
char *__cdecl strncpy(char *Dest, const char *Source, size_t Count);
char *__cdecl strcat(char *Dest, const char *Source);
char *__cdecl strncat(char *Dest, const char *Source, size_t Count);
char *__cdecl strchr(const char *Str, int Val);
char *__cdecl strrchr(const char *Str, int Ch);
char *__cdecl strstr(const char *Str, const char *SubStr);
size_t __cdecl wcslen(const wchar_t *Str);
size_t __cdecl wcsnlen(const wchar_t *Source, size_t MaxCount);
int __cdecl wcscmp(const wchar_t *String1, const wchar_t *String2);
int __cdecl wcsncmp(const wchar_t *String1, const wchar_t *String2, size_t MaxCount);
int __cdecl _wcsicmp(const wchar_t *String1, const wchar_t *String2);
int __cdecl _wcsnicmp(const wchar_t *String1, const wchar_t *String2, size_t MaxCount);
wchar_t *__cdecl wcscpy(wchar_t *Dest, const wchar_t *Source);
wchar_t *__cdecl wcsncpy(wchar_t *Dest, const wchar_t *Source, size_t Count);
wchar_t *__cdecl wcscat(wchar_t *Dest, const wchar_t *Source);
wchar_t *__cdecl wcschr(const wchar_t *Str, wchar_t Ch);
wchar_t *__cdecl wcsstr(const wchar_t *Str, const wchar_t *SubStr);
