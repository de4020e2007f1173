/* ntddk.h - drvcheck clean-room WDK model: kernel driver header (adds to wdm.h). */
#pragma once
#define _NTDDK_
#include <wdm.h>

typedef struct _KEY_VALUE_ENTRY { PUNICODE_STRING ValueName; ULONG DataLength; ULONG DataOffset; ULONG Type; } KEY_VALUE_ENTRY, *PKEY_VALUE_ENTRY;
NTSTATUS IoReportDetectedDevice(PDRIVER_OBJECT DriverObject, INTERFACE_TYPE LegacyBusType, ULONG BusNumber, ULONG SlotNumber, PCM_RESOURCE_LIST ResourceList, PIO_RESOURCE_REQUIREMENTS_LIST ResourceRequirements, BOOLEAN ResourceAssigned, PDEVICE_OBJECT *DeviceObject);
NTSTATUS IoReportResourceForDetection(PDRIVER_OBJECT DriverObject, PCM_RESOURCE_LIST DriverList, ULONG DriverListSize, PDEVICE_OBJECT DeviceObject, PCM_RESOURCE_LIST DeviceList, ULONG DeviceListSize, PBOOLEAN ConflictDetected);
PDEVICE_OBJECT IoGetAttachedDevice(PDEVICE_OBJECT DeviceObject);
PEPROCESS IoThreadToProcess(PETHREAD Thread);
NTSTATUS PsSetCreateProcessNotifyRoutine(PVOID NotifyRoutine, BOOLEAN Remove);
NTSTATUS PsSetCreateThreadNotifyRoutine(PVOID NotifyRoutine);
NTSTATUS PsRemoveCreateThreadNotifyRoutine(PVOID NotifyRoutine);
NTSTATUS PsSetLoadImageNotifyRoutine(PVOID NotifyRoutine);
HANDLE PsGetProcessId(PEPROCESS Process);
HANDLE PsGetThreadId(PETHREAD Thread);
ULONG KeGetRecommendedSharedDataAlignment(void);
VOID KeQuerySystemTimePrecise(PLARGE_INTEGER CurrentTime);
PVOID MmMapVideoDisplay(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes, MEMORY_CACHING_TYPE CacheType);
ULONG HalGetInterruptVector(INTERFACE_TYPE InterfaceType, ULONG BusNumber, ULONG BusInterruptLevel, ULONG BusInterruptVector, PKIRQL Irql, PKAFFINITY Affinity);
PVOID HalAllocateCommonBuffer(PDMA_ADAPTER AdapterObject, ULONG Length, PPHYSICAL_ADDRESS LogicalAddress, BOOLEAN CacheEnabled);
ULONG KeQueryActiveProcessorCountCompat(PKAFFINITY ActiveProcessors);
typedef struct _PHYSICAL_MEMORY_RANGE { PHYSICAL_ADDRESS BaseAddress; LARGE_INTEGER NumberOfBytes; } PHYSICAL_MEMORY_RANGE, *PPHYSICAL_MEMORY_RANGE;
PPHYSICAL_MEMORY_RANGE MmGetPhysicalMemoryRanges(void);
NTSTATUS ZwQueryInformationProcess(HANDLE ProcessHandle, ULONG ProcessInformationClass, PVOID ProcessInformation, ULONG ProcessInformationLength, PULONG ReturnLength);
extern volatile LARGE_INTEGER KeTickCount;
