/*
 * Case 646_oid_debounce_scaled_stall_defect: a private OID sets the link debounce level, a ULONG
 * the driver accepts up to 8; the level is applied at once, settling the PHY for Level * 10
 * microseconds with NdisStallExecution: up to 80 us.  Expected: one possible defect (a warning:
 * the stall is known only as the range 0..80 the driver's test bounds).  Before, the level's lower
 * bound (0: it is unsigned) was not known, so Level * 10 was unknown and the stall went
 * unreported (blind round 11 stall_unsigned_bound_arith).
 */

#include <ndis.h>

#define NIC_TAG                 'bDiN'
#define OID_NIC_LINK_DEBOUNCE   0xFF010203
#define NIC_MAX_DEBOUNCE        8

typedef struct _NIC_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    ULONG                   DebounceLevel;
    volatile ULONG         *PhyCtrl;
} NIC_ADAPTER, *PNIC_ADAPTER;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_HALT MpHalt;
MINIPORT_OID_REQUEST MpOidRequest;

static NDIS_HANDLE NicDriverHandle;

static VOID NicApplyDebounce(PNIC_ADAPTER Adapter, ULONG Level)
{
    Adapter->DebounceLevel = Level;
    *Adapter->PhyCtrl = 0x8000 | Level;
    NdisStallExecution(Level * 10);            /* the PHY settles */
}

NDIS_STATUS MpOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
    PNIC_ADAPTER Adapter = (PNIC_ADAPTER)MiniportAdapterContext;
    ULONG Level;

    if (OidRequest->RequestType != NdisRequestSetInformation ||
        OidRequest->DATA.SET_INFORMATION.Oid != OID_NIC_LINK_DEBOUNCE) {
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    if (OidRequest->DATA.SET_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
        OidRequest->DATA.SET_INFORMATION.BytesNeeded = sizeof(ULONG);
        return NDIS_STATUS_INVALID_LENGTH;
    }
    Level = *(PULONG)OidRequest->DATA.SET_INFORMATION.InformationBuffer;
    if (Level > NIC_MAX_DEBOUNCE) {
        return NDIS_STATUS_INVALID_DATA;
    }
    NicApplyDebounce(Adapter, Level);
    OidRequest->DATA.SET_INFORMATION.BytesRead = sizeof(ULONG);
    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS MpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
                         PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegAttrs;
    PNIC_ADAPTER Adapter;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(InitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(NIC_ADAPTER),
                                                NIC_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(NIC_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;

    NdisZeroMemory(&RegAttrs, sizeof(RegAttrs));
    RegAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegAttrs.Header.Size = sizeof(RegAttrs);
    RegAttrs.MiniportAdapterContext = Adapter;
    RegAttrs.InterfaceType = NdisInterfacePci;
    NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegAttrs);
    return NDIS_STATUS_SUCCESS;
}

VOID MpHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(HaltAction);
    NdisFreeMemory(MiniportAdapterContext, 0, 0);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Size = sizeof(Chars);
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.InitializeHandlerEx = MpInitialize;
    Chars.HaltHandlerEx = MpHalt;
    Chars.OidRequestHandler = MpOidRequest;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &NicDriverHandle);
}
