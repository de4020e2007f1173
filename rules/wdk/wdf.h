/* wdf.h - drvcheck clean-room WDK model: the part of KMDF that NDIS/WDI miniports use
 * (object handles, driver creation, miniport devices, I/O targets, requests, timers, work items). */
#pragma once
#include <wdm.h>
#define WDF_DECLARE_HANDLE_(h) typedef struct h##__ *h
typedef PVOID WDFCONTEXT;
typedef struct WDFOBJECT__ *WDFOBJECT;
typedef struct WDFDRIVER__ *WDFDRIVER;
typedef struct WDFDEVICE__ *WDFDEVICE;
typedef struct WDFREQUEST__ *WDFREQUEST;
typedef struct WDFMEMORY__ *WDFMEMORY;
typedef struct WDFIOTARGET__ *WDFIOTARGET;
typedef struct WDFQUEUE__ *WDFQUEUE;
typedef struct WDFTIMER__ *WDFTIMER;
typedef struct WDFWORKITEM__ *WDFWORKITEM;
typedef struct WDFDPC__ *WDFDPC;
typedef struct WDFSPINLOCK__ *WDFSPINLOCK;
typedef struct WDFWAITLOCK__ *WDFWAITLOCK;
typedef struct WDFCOLLECTION__ *WDFCOLLECTION;
typedef struct WDFKEY__ *WDFKEY;
typedef struct WDFSTRING__ *WDFSTRING;
typedef struct WDFUSBDEVICE__ *WDFUSBDEVICE;
typedef struct WDFUSBINTERFACE__ *WDFUSBINTERFACE;
typedef struct WDFUSBPIPE__ *WDFUSBPIPE;
typedef struct WDFDEVICE_INIT *PWDFDEVICE_INIT;
typedef enum _WDF_TRI_STATE { WdfFalse = FALSE, WdfTrue = TRUE, WdfUseDefault = 2 } WDF_TRI_STATE, *PWDF_TRI_STATE;
typedef enum _WDF_EXECUTION_LEVEL { WdfExecutionLevelInvalid = 0, WdfExecutionLevelInheritFromParent, WdfExecutionLevelPassive, WdfExecutionLevelDispatch } WDF_EXECUTION_LEVEL;
typedef enum _WDF_SYNCHRONIZATION_SCOPE { WdfSynchronizationScopeInvalid = 0, WdfSynchronizationScopeInheritFromParent, WdfSynchronizationScopeDevice, WdfSynchronizationScopeQueue, WdfSynchronizationScopeNone } WDF_SYNCHRONIZATION_SCOPE;
typedef enum _WDF_IO_TARGET_STATE { WdfIoTargetStateUndefined = 0, WdfIoTargetStarted, WdfIoTargetStopped, WdfIoTargetClosedForQueryRemove, WdfIoTargetClosed, WdfIoTargetDeleted } WDF_IO_TARGET_STATE, *PWDF_IO_TARGET_STATE;
typedef enum _WDF_IO_TARGET_SENT_IO_ACTION { WdfIoTargetSentIoUndefined = 0, WdfIoTargetCancelSentIo, WdfIoTargetWaitForSentIoToComplete, WdfIoTargetLeaveSentIoPending } WDF_IO_TARGET_SENT_IO_ACTION;
typedef VOID (EVT_WDF_OBJECT_CONTEXT_CLEANUP)(WDFOBJECT Object);
typedef EVT_WDF_OBJECT_CONTEXT_CLEANUP *PFN_WDF_OBJECT_CONTEXT_CLEANUP;
typedef VOID (EVT_WDF_OBJECT_CONTEXT_DESTROY)(WDFOBJECT Object);
typedef EVT_WDF_OBJECT_CONTEXT_DESTROY *PFN_WDF_OBJECT_CONTEXT_DESTROY;
typedef struct _WDF_OBJECT_CONTEXT_TYPE_INFO { ULONG Size; PCHAR ContextName; size_t ContextSize; const struct _WDF_OBJECT_CONTEXT_TYPE_INFO *UniqueType; PVOID EvtDriverGetUniqueContextType; } WDF_OBJECT_CONTEXT_TYPE_INFO, *PWDF_OBJECT_CONTEXT_TYPE_INFO;
typedef const WDF_OBJECT_CONTEXT_TYPE_INFO *PCWDF_OBJECT_CONTEXT_TYPE_INFO;
typedef struct _WDF_OBJECT_ATTRIBUTES {
    ULONG Size;
    PFN_WDF_OBJECT_CONTEXT_CLEANUP EvtCleanupCallback;
    PFN_WDF_OBJECT_CONTEXT_DESTROY EvtDestroyCallback;
    WDF_EXECUTION_LEVEL ExecutionLevel;
    WDF_SYNCHRONIZATION_SCOPE SynchronizationScope;
    WDFOBJECT ParentObject;
    size_t ContextSizeOverride;
    PCWDF_OBJECT_CONTEXT_TYPE_INFO ContextTypeInfo;
} WDF_OBJECT_ATTRIBUTES, *PWDF_OBJECT_ATTRIBUTES;
VOID WDF_OBJECT_ATTRIBUTES_INIT(PWDF_OBJECT_ATTRIBUTES Attributes);
#define WDF_NO_OBJECT_ATTRIBUTES NULL
#define WDF_NO_EVENT_CALLBACK NULL
#define WDF_NO_HANDLE NULL
#define WDF_NO_CONTEXT NULL
#define WDF_NO_SEND_OPTIONS NULL
/* The accessor is an inline function definition: drivers write the macro
 * with or without a ';' after it (an empty declaration either way). */
#define WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(_contexttype, _castingfunction) \
    extern const WDF_OBJECT_CONTEXT_TYPE_INFO _WDF_##_contexttype##_TYPE_INFO; \
    static __inline _contexttype *_castingfunction(WDFOBJECT Handle) \
    { return (_contexttype *)WdfObjectGetTypedContextWorker(Handle, &_WDF_##_contexttype##_TYPE_INFO); }
#define WDF_DECLARE_CONTEXT_TYPE(_contexttype) \
    WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(_contexttype, WdfObjectGet_##_contexttype)
#define WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(_attributes, _contexttype) WDF_OBJECT_ATTRIBUTES_INIT(_attributes)
typedef NTSTATUS (EVT_WDF_DRIVER_DEVICE_ADD)(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit);
typedef EVT_WDF_DRIVER_DEVICE_ADD *PFN_WDF_DRIVER_DEVICE_ADD;
typedef VOID (EVT_WDF_DRIVER_UNLOAD)(WDFDRIVER Driver);
typedef EVT_WDF_DRIVER_UNLOAD *PFN_WDF_DRIVER_UNLOAD;
typedef enum _WDF_DRIVER_INIT_FLAGS { WdfDriverInitNonPnpDriver = 0x00000001, WdfDriverInitNoDispatchOverride = 0x00000002, WdfVerifyOn = 0x00000004, WdfVerifierOn = 0x00000008, WdfDriverInitCompanion = 0x00000010 } WDF_DRIVER_INIT_FLAGS;
typedef struct _WDF_DRIVER_CONFIG { ULONG Size; PFN_WDF_DRIVER_DEVICE_ADD EvtDriverDeviceAdd; PFN_WDF_DRIVER_UNLOAD EvtDriverUnload; ULONG DriverInitFlags; ULONG DriverPoolTag; } WDF_DRIVER_CONFIG, *PWDF_DRIVER_CONFIG;
VOID WDF_DRIVER_CONFIG_INIT(PWDF_DRIVER_CONFIG Config, PFN_WDF_DRIVER_DEVICE_ADD EvtDriverDeviceAdd);
NTSTATUS WdfDriverCreate(PDRIVER_OBJECT DriverObject, PCUNICODE_STRING RegistryPath, PWDF_OBJECT_ATTRIBUTES DriverAttributes, PWDF_DRIVER_CONFIG DriverConfig, WDFDRIVER *Driver);
WDFDRIVER WdfGetDriver(void);
PDRIVER_OBJECT WdfDriverWdmGetDriverObject(WDFDRIVER Driver);
VOID WdfObjectDelete(WDFOBJECT Object);
VOID WdfObjectReference(WDFOBJECT Handle);
VOID WdfObjectDereference(WDFOBJECT Handle);
PVOID WdfObjectGetTypedContextWorker(WDFOBJECT Handle, PCWDF_OBJECT_CONTEXT_TYPE_INFO TypeInfo);
PDEVICE_OBJECT WdfDeviceWdmGetDeviceObject(WDFDEVICE Device);
PDEVICE_OBJECT WdfDeviceWdmGetAttachedDevice(WDFDEVICE Device);
PDEVICE_OBJECT WdfDeviceWdmGetPhysicalDevice(WDFDEVICE Device);
WDFIOTARGET WdfDeviceGetIoTarget(WDFDEVICE Device);
NTSTATUS WdfIoTargetStart(WDFIOTARGET IoTarget);
VOID WdfIoTargetStop(WDFIOTARGET IoTarget, WDF_IO_TARGET_SENT_IO_ACTION Action);
WDF_IO_TARGET_STATE WdfIoTargetGetState(WDFIOTARGET IoTarget);
WDFDEVICE WdfIoTargetGetDevice(WDFIOTARGET IoTarget);
PDEVICE_OBJECT WdfIoTargetWdmGetTargetDeviceObject(WDFIOTARGET IoTarget);
NTSTATUS WdfRequestCreate(PWDF_OBJECT_ATTRIBUTES RequestAttributes, WDFIOTARGET IoTarget, WDFREQUEST *Request);
BOOLEAN WdfRequestSend(WDFREQUEST Request, WDFIOTARGET Target, PVOID Options);
BOOLEAN WdfRequestCancelSentRequest(WDFREQUEST Request);
NTSTATUS WdfRequestGetStatus(WDFREQUEST Request);
VOID WdfRequestComplete(WDFREQUEST Request, NTSTATUS Status);
PIRP WdfRequestWdmGetIrp(WDFREQUEST Request);
NTSTATUS WdfMemoryCreate(PWDF_OBJECT_ATTRIBUTES Attributes, POOL_TYPE PoolType, ULONG PoolTag, size_t BufferSize, WDFMEMORY *Memory, PVOID *Buffer);
PVOID WdfMemoryGetBuffer(WDFMEMORY Memory, size_t *BufferSize);
NTSTATUS WdfSpinLockCreate(PWDF_OBJECT_ATTRIBUTES SpinLockAttributes, WDFSPINLOCK *SpinLock);
VOID WdfSpinLockAcquire(WDFSPINLOCK SpinLock);
VOID WdfSpinLockRelease(WDFSPINLOCK SpinLock);
NTSTATUS WdfWaitLockCreate(PWDF_OBJECT_ATTRIBUTES LockAttributes, WDFWAITLOCK *Lock);
NTSTATUS WdfWaitLockAcquire(WDFWAITLOCK Lock, PLONGLONG Timeout);
VOID WdfWaitLockRelease(WDFWAITLOCK Lock);
typedef VOID (EVT_WDF_WORKITEM)(WDFWORKITEM WorkItem);
typedef EVT_WDF_WORKITEM *PFN_WDF_WORKITEM;
typedef struct _WDF_WORKITEM_CONFIG {
    ULONG Size;
    PFN_WDF_WORKITEM EvtWorkItemFunc;
    BOOLEAN AutomaticSerialization;
} WDF_WORKITEM_CONFIG, *PWDF_WORKITEM_CONFIG;
VOID WDF_WORKITEM_CONFIG_INIT(PWDF_WORKITEM_CONFIG Config, PFN_WDF_WORKITEM EvtWorkItemFunc);
NTSTATUS WdfWorkItemCreate(PWDF_WORKITEM_CONFIG Config, PWDF_OBJECT_ATTRIBUTES Attributes, WDFWORKITEM *WorkItem);
VOID WdfWorkItemEnqueue(WDFWORKITEM WorkItem);
VOID WdfWorkItemFlush(WDFWORKITEM WorkItem);
WDFOBJECT WdfWorkItemGetParentObject(WDFWORKITEM WorkItem);
/* Memory descriptors and send options (wdfmemory.h / wdfrequest.h in the WDK). */
typedef enum _WDF_MEMORY_DESCRIPTOR_TYPE { WdfMemoryDescriptorTypeInvalid = 0, WdfMemoryDescriptorTypeBuffer, WdfMemoryDescriptorTypeMdl, WdfMemoryDescriptorTypeHandle } WDF_MEMORY_DESCRIPTOR_TYPE;
typedef struct _WDFMEMORY_OFFSET { size_t BufferOffset; size_t BufferLength; } WDFMEMORY_OFFSET, *PWDFMEMORY_OFFSET;
typedef struct _WDF_MEMORY_DESCRIPTOR {
    WDF_MEMORY_DESCRIPTOR_TYPE Type;
    union {
        struct { PVOID Buffer; ULONG Length; } BufferType;
        struct { PMDL Mdl; ULONG BufferLength; } MdlType;
        struct { WDFMEMORY Memory; PWDFMEMORY_OFFSET Offsets; } HandleType;
    } u;
} WDF_MEMORY_DESCRIPTOR, *PWDF_MEMORY_DESCRIPTOR;
VOID WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(PWDF_MEMORY_DESCRIPTOR Descriptor, PVOID Buffer, ULONG BufferLength);
typedef struct _WDF_REQUEST_SEND_OPTIONS { ULONG Size; ULONG Flags; LONGLONG Timeout; } WDF_REQUEST_SEND_OPTIONS, *PWDF_REQUEST_SEND_OPTIONS;
#define WDF_REQUEST_SEND_OPTION_TIMEOUT 0x00000001
VOID WDF_REQUEST_SEND_OPTIONS_INIT(PWDF_REQUEST_SEND_OPTIONS Options, ULONG Flags);
VOID WDF_REQUEST_SEND_OPTIONS_SET_TIMEOUT(PWDF_REQUEST_SEND_OPTIONS Options, LONGLONG Timeout);
/* Request completion routines (wdfrequest.h in the WDK). */
typedef enum _WDF_REQUEST_TYPE { WdfRequestTypeCreate = 0x0, WdfRequestTypeRead = 0x3, WdfRequestTypeWrite = 0x4, WdfRequestTypeDeviceControl = 0xE, WdfRequestTypeDeviceControlInternal = 0xF, WdfRequestTypeOther = 0x1B, WdfRequestTypeUsb = 0x40 } WDF_REQUEST_TYPE;
typedef struct _WDF_REQUEST_COMPLETION_PARAMS {
    ULONG Size;
    WDF_REQUEST_TYPE Type;
    IO_STATUS_BLOCK IoStatus;
    union {
        struct { WDFMEMORY Buffer; size_t Length; size_t Offset; } Write;
        struct { WDFMEMORY Buffer; size_t Length; size_t Offset; } Read;
        struct { PVOID Completion; } Usb;
        struct { PVOID Argument1; PVOID Argument2; PVOID Argument3; PVOID Argument4; } Others;
    } Parameters;
} WDF_REQUEST_COMPLETION_PARAMS, *PWDF_REQUEST_COMPLETION_PARAMS;
typedef VOID (EVT_WDF_REQUEST_COMPLETION_ROUTINE)(WDFREQUEST Request, WDFIOTARGET Target, PWDF_REQUEST_COMPLETION_PARAMS Params, WDFCONTEXT Context);
typedef EVT_WDF_REQUEST_COMPLETION_ROUTINE *PFN_WDF_REQUEST_COMPLETION_ROUTINE;
VOID WdfRequestSetCompletionRoutine(WDFREQUEST Request, PFN_WDF_REQUEST_COMPLETION_ROUTINE CompletionRoutine, WDFCONTEXT CompletionContext);
typedef struct _WDF_REQUEST_REUSE_PARAMS { ULONG Size; ULONG Flags; NTSTATUS Status; PIRP NewIrp; } WDF_REQUEST_REUSE_PARAMS, *PWDF_REQUEST_REUSE_PARAMS;
VOID WDF_REQUEST_REUSE_PARAMS_INIT(PWDF_REQUEST_REUSE_PARAMS Params, ULONG Flags, NTSTATUS Status);
NTSTATUS WdfRequestReuse(WDFREQUEST Request, PWDF_REQUEST_REUSE_PARAMS ReuseParams);
#define WDF_REQUEST_REUSE_NO_FLAGS 0x00000000
