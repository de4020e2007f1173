/*
 * Case 635_eeprom_poll_slow_backoff_defect: initialize waits for the EEPROM auto-load to finish:
 * up to 100 polls of a status register, stalling `Wait` microseconds between them; after eight
 * fast polls (5 us) the loop slows down to 100 us (`if (Poll == 7) Wait = EE_SLOW_POLL_US;`).
 * A device that never sets the bit makes poll 9 stall 100 us.  Expected: 1 defect at the stall
 * (a warning: the loop's rounds are joined; before, the head's widening took Wait to "any value
 * up to 2^31" and the stall went unreported, blind round 10's loop_lost_update).
 */

#include <ndis.h>

#define EE_TAG              'eEpM'
#define EE_REG_STATUS       0x10
#define EE_STATUS_DONE      0x00000001
#define EE_FAST_POLL_US     5
#define EE_SLOW_POLL_US     100
#define EE_POLLS            100

typedef struct _EE_ADAPTER {
    NDIS_HANDLE             MiniportHandle;
    volatile ULONG         *Csr;
    BOOLEAN                 EepromValid;
} EE_ADAPTER, *PEE_ADAPTER;

static NDIS_HANDLE EeDriverHandle;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE EeInitializeEx;
MINIPORT_HALT EeHaltEx;
MINIPORT_UNLOAD EeUnload;

/* the EEPROM loads itself after reset; the MAC address is valid once DONE is set */
static BOOLEAN
EeWaitAutoLoad(PEE_ADAPTER Adapter)
{
    ULONG Poll;
    ULONG Wait = EE_FAST_POLL_US;

    for (Poll = 0; Poll < EE_POLLS; Poll++) {
        if (Adapter->Csr[EE_REG_STATUS >> 2] & EE_STATUS_DONE) {
            return TRUE;
        }
        NdisStallExecution(Wait); // defect: NdisStallExecution_Delay
        if (Poll == 7) {
            Wait = EE_SLOW_POLL_US;     /* a slow part: poll less often */
        }
    }
    return FALSE;
}

NDIS_STATUS
EeInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
               PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;
    PEE_ADAPTER Adapter;
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(EE_ADAPTER), EE_TAG,
                                                NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(EE_ADAPTER));
    Adapter->MiniportHandle = MiniportAdapterHandle;

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.MiniportAdapterContext = Adapter;
    Reg.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Adapter, 0, 0);
        return Status;
    }

    Adapter->EepromValid = EeWaitAutoLoad(Adapter);
    if (!Adapter->EepromValid) {
        NdisFreeMemory(Adapter, 0, 0);
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    return NDIS_STATUS_SUCCESS;
}

VOID
EeHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(HaltAction);
    NdisFreeMemory(MiniportAdapterContext, 0, 0);
}

VOID
EeUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(EeDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.InitializeHandlerEx = EeInitializeEx;
    Chars.HaltHandlerEx = EeHaltEx;
    Chars.UnloadHandler = EeUnload;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &EeDriverHandle);
}
