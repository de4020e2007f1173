/* acpiioct.h - drvcheck clean-room WDK model: the ACPI method evaluation
 * interface (IOCTL_ACPI_EVAL_METHOD and its input and output buffers), as
 * Microsoft documents it; what a driver on a system-on-chip reads its
 * device settings (_DSM, _DSD) with. */
#pragma once
#include <ntdef.h>
#include <devioctl.h>

#ifndef FILE_DEVICE_ACPI
#define FILE_DEVICE_ACPI 0x00000032
#endif

#define IOCTL_ACPI_ASYNC_EVAL_METHOD    CTL_CODE(FILE_DEVICE_ACPI, 0, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_ACPI_EVAL_METHOD          CTL_CODE(FILE_DEVICE_ACPI, 0, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_ACPI_ACQUIRE_GLOBAL_LOCK  CTL_CODE(FILE_DEVICE_ACPI, 4, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_ACPI_RELEASE_GLOBAL_LOCK  CTL_CODE(FILE_DEVICE_ACPI, 5, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_ACPI_EVAL_METHOD_EX       CTL_CODE(FILE_DEVICE_ACPI, 6, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_ACPI_ASYNC_EVAL_METHOD_EX CTL_CODE(FILE_DEVICE_ACPI, 7, METHOD_BUFFERED, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_ACPI_ENUM_CHILDREN        CTL_CODE(FILE_DEVICE_ACPI, 8, METHOD_BUFFERED, FILE_READ_ACCESS)
#define IOCTL_ACPI_QUERY_DIRECT_ACCESS  CTL_CODE(FILE_DEVICE_ACPI, 9, METHOD_BUFFERED, FILE_READ_ACCESS)

#define ACPI_EVAL_INPUT_BUFFER_SIGNATURE                 'BieA'
#define ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER_SIGNATURE  'IieA'
#define ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING_SIGNATURE   'SieA'
#define ACPI_EVAL_INPUT_BUFFER_COMPLEX_SIGNATURE         'CieA'
#define ACPI_EVAL_OUTPUT_BUFFER_SIGNATURE                'BoeA'
#define ACPI_EVAL_INPUT_BUFFER_SIGNATURE_V2              'BieA'
#define ACPI_EVAL_INPUT_BUFFER_COMPLEX_SIGNATURE_V2      'CieA'
#define ACPI_ENUM_CHILDREN_INPUT_BUFFER_SIGNATURE        'FieA'
#define ACPI_ENUM_CHILDREN_OUTPUT_BUFFER_SIGNATURE       'GieA'

#define ACPI_METHOD_ARGUMENT_INTEGER     0x0
#define ACPI_METHOD_ARGUMENT_STRING      0x1
#define ACPI_METHOD_ARGUMENT_BUFFER      0x2
#define ACPI_METHOD_ARGUMENT_PACKAGE     0x3
#define ACPI_METHOD_ARGUMENT_PACKAGE_EX  0x4

typedef struct _ACPI_EVAL_INPUT_BUFFER {
    ULONG Signature;
    union {
        UCHAR MethodName[4];
        ULONG MethodNameAsUlong;
    };
} ACPI_EVAL_INPUT_BUFFER, *PACPI_EVAL_INPUT_BUFFER;

typedef struct _ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER {
    ULONG Signature;
    union {
        UCHAR MethodName[4];
        ULONG MethodNameAsUlong;
    };
    ULONG IntegerArgument;
} ACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER, *PACPI_EVAL_INPUT_BUFFER_SIMPLE_INTEGER;

typedef struct _ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING {
    ULONG Signature;
    union {
        UCHAR MethodName[4];
        ULONG MethodNameAsUlong;
    };
    ULONG StringLength;
    UCHAR String[ANYSIZE_ARRAY];
} ACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING, *PACPI_EVAL_INPUT_BUFFER_SIMPLE_STRING;

typedef struct _ACPI_METHOD_ARGUMENT {
    USHORT Type;
    USHORT DataLength;
    union {
        ULONG Argument;
        UCHAR Data[ANYSIZE_ARRAY];
    };
} ACPI_METHOD_ARGUMENT, *PACPI_METHOD_ARGUMENT;

typedef ACPI_METHOD_ARGUMENT ACPI_METHOD_ARGUMENT_V1, *PACPI_METHOD_ARGUMENT_V1;

typedef struct _ACPI_EVAL_INPUT_BUFFER_COMPLEX {
    ULONG Signature;
    union {
        UCHAR MethodName[4];
        ULONG MethodNameAsUlong;
    };
    ULONG Size;
    ULONG ArgumentCount;
    ACPI_METHOD_ARGUMENT Argument[ANYSIZE_ARRAY];
} ACPI_EVAL_INPUT_BUFFER_COMPLEX, *PACPI_EVAL_INPUT_BUFFER_COMPLEX;

typedef struct _ACPI_EVAL_OUTPUT_BUFFER {
    ULONG Signature;
    ULONG Length;
    ULONG Count;
    ACPI_METHOD_ARGUMENT Argument[ANYSIZE_ARRAY];
} ACPI_EVAL_OUTPUT_BUFFER, *PACPI_EVAL_OUTPUT_BUFFER;

typedef ACPI_EVAL_INPUT_BUFFER ACPI_EVAL_INPUT_BUFFER_V1, *PACPI_EVAL_INPUT_BUFFER_V1;
typedef ACPI_EVAL_INPUT_BUFFER_COMPLEX ACPI_EVAL_INPUT_BUFFER_COMPLEX_V1, *PACPI_EVAL_INPUT_BUFFER_COMPLEX_V1;
typedef ACPI_EVAL_OUTPUT_BUFFER ACPI_EVAL_OUTPUT_BUFFER_V1, *PACPI_EVAL_OUTPUT_BUFFER_V1;

/* the size of an argument holding DataLength bytes, and the argument after one */
#define ACPI_METHOD_ARGUMENT_LENGTH(DataLength) \
    (FIELD_OFFSET(ACPI_METHOD_ARGUMENT, Data) + max(sizeof(ULONG), (DataLength)))
#define ACPI_METHOD_ARGUMENT_LENGTH_FROM_ARGUMENT(Argument) \
    ACPI_METHOD_ARGUMENT_LENGTH(((PACPI_METHOD_ARGUMENT)(Argument))->DataLength)
#define ACPI_METHOD_NEXT_ARGUMENT(Argument) \
    (PACPI_METHOD_ARGUMENT)((PUCHAR)(Argument) + ACPI_METHOD_ARGUMENT_LENGTH_FROM_ARGUMENT(Argument))

#define ACPI_METHOD_SET_ARGUMENT_INTEGER(MethodArgument, IntData) \
    do { (MethodArgument)->Type = ACPI_METHOD_ARGUMENT_INTEGER; \
         (MethodArgument)->DataLength = sizeof(ULONG); \
         (MethodArgument)->Argument = (IntData); } while (0)
#define ACPI_METHOD_SET_ARGUMENT_STRING(MethodArgument, StrData) \
    do { (MethodArgument)->Type = ACPI_METHOD_ARGUMENT_STRING; \
         (MethodArgument)->DataLength = (USHORT)(strlen((const char *)(StrData)) + sizeof(UCHAR)); \
         RtlCopyMemory(&(MethodArgument)->Data[0], (StrData), (MethodArgument)->DataLength); } while (0)
#define ACPI_METHOD_SET_ARGUMENT_BUFFER(MethodArgument, BuffData, BuffLength) \
    do { (MethodArgument)->Type = ACPI_METHOD_ARGUMENT_BUFFER; \
         (MethodArgument)->DataLength = (USHORT)(BuffLength); \
         RtlCopyMemory(&(MethodArgument)->Data[0], (BuffData), (MethodArgument)->DataLength); } while (0)
