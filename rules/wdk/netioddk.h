/* netioddk.h - drvcheck clean-room WDK model: the Network Module Registrar
 * (NPI identifiers, module ids, client/provider characteristics, Nmr*). */
#pragma once
#include <wdm.h>

typedef GUID NPIID;
typedef const NPIID *PNPIID;
typedef enum { MIT_GUID = 1, MIT_IF_LUID } NPI_MODULEID_TYPE;
typedef struct _NPI_MODULEID {
    USHORT Length;
    NPI_MODULEID_TYPE Type;
    union { GUID Guid; LUID IfLuid; };
} NPI_MODULEID, *PNPI_MODULEID;
typedef const NPI_MODULEID *PCNPI_MODULEID;
typedef struct _NPI_REGISTRATION_INSTANCE {
    USHORT Version;
    USHORT Size;
    PNPIID NpiId;
    PNPI_MODULEID ModuleId;
    ULONG Number;
    const VOID *NpiSpecificCharacteristics;
} NPI_REGISTRATION_INSTANCE, *PNPI_REGISTRATION_INSTANCE;
typedef struct _NPI_CLIENT_CHARACTERISTICS NPI_CLIENT_CHARACTERISTICS, *PNPI_CLIENT_CHARACTERISTICS;
typedef struct _NPI_PROVIDER_CHARACTERISTICS NPI_PROVIDER_CHARACTERISTICS, *PNPI_PROVIDER_CHARACTERISTICS;

typedef NTSTATUS (NTAPI NPI_CLIENT_ATTACH_PROVIDER_FN)(HANDLE NmrBindingHandle, PVOID ClientContext, PNPI_REGISTRATION_INSTANCE ProviderRegistrationInstance);
typedef NPI_CLIENT_ATTACH_PROVIDER_FN *PNPI_CLIENT_ATTACH_PROVIDER_FN;
typedef NTSTATUS (NTAPI NPI_CLIENT_DETACH_PROVIDER_FN)(PVOID ClientBindingContext);
typedef NPI_CLIENT_DETACH_PROVIDER_FN *PNPI_CLIENT_DETACH_PROVIDER_FN;
typedef VOID (NTAPI NPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN)(PVOID ClientBindingContext);
typedef NPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN *PNPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN;
typedef NTSTATUS (NTAPI NPI_PROVIDER_ATTACH_CLIENT_FN)(HANDLE NmrBindingHandle, PVOID ProviderContext, PNPI_REGISTRATION_INSTANCE ClientRegistrationInstance, PVOID ClientBindingContext, const VOID *ClientDispatch, PVOID *ProviderBindingContext, const VOID **ProviderDispatch);
typedef NPI_PROVIDER_ATTACH_CLIENT_FN *PNPI_PROVIDER_ATTACH_CLIENT_FN;
typedef NTSTATUS (NTAPI NPI_PROVIDER_DETACH_CLIENT_FN)(PVOID ProviderBindingContext);
typedef NPI_PROVIDER_DETACH_CLIENT_FN *PNPI_PROVIDER_DETACH_CLIENT_FN;
typedef VOID (NTAPI NPI_PROVIDER_CLEANUP_BINDING_CONTEXT_FN)(PVOID ProviderBindingContext);
typedef NPI_PROVIDER_CLEANUP_BINDING_CONTEXT_FN *PNPI_PROVIDER_CLEANUP_BINDING_CONTEXT_FN;

struct _NPI_CLIENT_CHARACTERISTICS {
    USHORT Version;
    USHORT Length;
    PNPI_CLIENT_ATTACH_PROVIDER_FN ClientAttachProvider;
    PNPI_CLIENT_DETACH_PROVIDER_FN ClientDetachProvider;
    PNPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN ClientCleanupBindingContext;
    NPI_REGISTRATION_INSTANCE ClientRegistrationInstance;
};
struct _NPI_PROVIDER_CHARACTERISTICS {
    USHORT Version;
    USHORT Length;
    PNPI_PROVIDER_ATTACH_CLIENT_FN ProviderAttachClient;
    PNPI_PROVIDER_DETACH_CLIENT_FN ProviderDetachClient;
    PNPI_PROVIDER_CLEANUP_BINDING_CONTEXT_FN ProviderCleanupBindingContext;
    NPI_REGISTRATION_INSTANCE ProviderRegistrationInstance;
};

NTSTATUS NmrRegisterClient(const NPI_CLIENT_CHARACTERISTICS *ClientCharacteristics, PVOID ClientContext, HANDLE *NmrClientHandle);
NTSTATUS NmrDeregisterClient(HANDLE NmrClientHandle);
NTSTATUS NmrWaitForClientDeregisterComplete(HANDLE NmrClientHandle);
NTSTATUS NmrClientAttachProvider(HANDLE NmrBindingHandle, PVOID ClientBindingContext, const VOID *ClientDispatch, PVOID *ProviderBindingContext, const VOID **ProviderDispatch);
VOID NmrClientDetachProviderComplete(HANDLE NmrBindingHandle);
NTSTATUS NmrRegisterProvider(const NPI_PROVIDER_CHARACTERISTICS *ProviderCharacteristics, PVOID ProviderContext, HANDLE *NmrProviderHandle);
NTSTATUS NmrDeregisterProvider(HANDLE NmrProviderHandle);
NTSTATUS NmrWaitForProviderDeregisterComplete(HANDLE NmrProviderHandle);
VOID NmrProviderDetachClientComplete(HANDLE NmrBindingHandle);

/* the module ids of the Microsoft network-layer and transport modules */
extern const NPI_MODULEID NPI_MS_TCP_MODULEID;
extern const NPI_MODULEID NPI_MS_UDP_MODULEID;
extern const NPI_MODULEID NPI_MS_RAW_MODULEID;
extern const NPI_MODULEID NPI_MS_IPV4_MODULEID;
extern const NPI_MODULEID NPI_MS_IPV6_MODULEID;
extern const NPI_MODULEID NPI_MS_NDIS_MODULEID;
