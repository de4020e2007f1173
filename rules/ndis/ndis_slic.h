/* ndis_slic.h - constants and status macros for NDIS rules.
 *
 * Rules include it with #include "ndis_slic.h".  Status values are the
 * documented NTSTATUS / NDIS_STATUS codes written as 32-bit SIGNED numbers:
 * the C code's NDIS_STATUS and NTSTATUS are signed 32-bit integers and the
 * engine compares 64-bit values, so 0xC0000001 is written -1073741823. */

#define TRUE    1
#define FALSE   0
#define NULL    0

/* IRQLs (the same on x86, x64 and ARM64) */
#define PASSIVE_LEVEL   0
#define APC_LEVEL       1
#define DISPATCH_LEVEL  2

/* NTSTATUS */
#define STATUS_SUCCESS                  0
#define STATUS_TIMEOUT                  258            /* 0x00000102 */
#define STATUS_PENDING                  259            /* 0x00000103 */
#define STATUS_UNSUCCESSFUL             (-1073741823)  /* 0xC0000001 */
#define STATUS_INVALID_PARAMETER        (-1073741811)  /* 0xC000000D */
#define STATUS_INVALID_DEVICE_REQUEST   (-1073741808)  /* 0xC0000010 */
#define STATUS_BUFFER_TOO_SMALL         (-1073741789)  /* 0xC0000023 */
#define STATUS_INSUFFICIENT_RESOURCES   (-1073741670)  /* 0xC000009A */
#define STATUS_DEVICE_NOT_READY         (-1073741661)  /* 0xC00000A3 */
#define STATUS_NOT_SUPPORTED            (-1073741637)  /* 0xC00000BB */
#define STATUS_CANCELLED                (-1073741536)  /* 0xC0000120 */

/* NDIS_STATUS */
#define NDIS_STATUS_SUCCESS             0
#define NDIS_STATUS_PENDING             259            /* 0x00000103 */
#define NDIS_STATUS_NOT_ACCEPTED        65539          /* 0x00010003 */
#define NDIS_STATUS_FAILURE             (-1073741823)  /* 0xC0000001 */
#define NDIS_STATUS_INVALID_PARAMETER   (-1073741811)  /* 0xC000000D */
#define NDIS_STATUS_RESOURCES           (-1073741670)  /* 0xC000009A */
#define NDIS_STATUS_NOT_SUPPORTED       (-1073741637)  /* 0xC00000BB */
#define NDIS_STATUS_CLOSING             (-1073676286)  /* 0xC0010002 */
#define NDIS_STATUS_ADAPTER_NOT_FOUND   (-1073676282)  /* 0xC0010006 */
#define NDIS_STATUS_DEVICE_FAILED       (-1073676280)  /* 0xC0010008 */
#define NDIS_STATUS_REQUEST_ABORTED     (-1073676276)  /* 0xC001000C */
#define NDIS_STATUS_RESET_IN_PROGRESS   (-1073676275)  /* 0xC001000D */
#define NDIS_STATUS_INVALID_LENGTH      (-1073676268)  /* 0xC0010014 */
#define NDIS_STATUS_BUFFER_TOO_SHORT    (-1073676266)  /* 0xC0010016 */
#define NDIS_STATUS_INVALID_OID         (-1073676265)  /* 0xC0010017 */
#define NDIS_STATUS_PAUSED              (-1071448022)  /* 0xC023002A */
#define NDIS_STATUS_LOW_POWER_STATE     (-1071448017)  /* 0xC023002F */

/* Status tests.  NDIS_FAILURE is the complement of NT_SUCCESS (an error or
 * warning code); PENDING is neither a success nor a failure for NDIS_SUCCESS. */
#define NT_SUCCESS(s)       ((s) >= 0)
#define NDIS_SUCCESS(s)     ((s) == NDIS_STATUS_SUCCESS)
#define NDIS_PENDING(s)     ((s) == NDIS_STATUS_PENDING)
#define NDIS_FAILURE(s)     ((s) < 0)
