/* minwindef.h - drvcheck clean-room WDK model: basic Win32 types. */
#pragma once
#include <ntdef.h>
typedef unsigned long DWORD, *PDWORD, *LPDWORD;
typedef int BOOL, *PBOOL, *LPBOOL;
typedef unsigned char BYTE, *PBYTE, *LPBYTE;
typedef unsigned short WORD, *PWORD, *LPWORD;
typedef int *LPINT;
typedef long *LPLONG;
typedef void *LPVOID;
typedef const void *LPCVOID;
typedef unsigned int *LPUINT;
typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM;
typedef LONG_PTR LRESULT;
typedef HANDLE HINSTANCE, HMODULE, HKEY, *PHKEY, HWND, HGLOBAL, HLOCAL;
typedef WORD ATOM;
#define MAKEINTRESOURCE(i) ((LPSTR)((ULONG_PTR)((WORD)(i))))
#ifndef MAX_PATH
#define MAX_PATH 260
#endif
#define FAR
#define NEAR
#define far
#define near
#define PASCAL __stdcall
#define WINAPIV __cdecl
/* generic-text types (winnt.h): wide under UNICODE */
#ifdef UNICODE
typedef WCHAR TCHAR, *PTCHAR;
typedef LPWSTR LPTSTR, PTSTR;
typedef LPCWSTR LPCTSTR, PCTSTR;
#else
typedef char TCHAR, *PTCHAR;
typedef LPSTR LPTSTR, PTSTR;
typedef LPCSTR LPCTSTR, PCTSTR;
#endif
