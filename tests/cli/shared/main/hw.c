/*
 * Shared-header fixture: beta's miniport split into files that start in different ways.
 * <ndis.h> first, after a test build's <windows.h> under an #ifdef of a name nothing defines:
 * shares the header.
 */

#ifdef DRV_UNIT_TEST
#include <windows.h>
#endif
#include <ndis.h>
#include "drv.h"


NDIS_STATUS
MpMapRegisters(PMP_ADAPTER Adapter, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PNDIS_RESOURCE_LIST Resources = InitParameters->AllocatedResources;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor;
    ULONG i;

    if (Resources == NULL) {
        return NDIS_STATUS_ADAPTER_NOT_FOUND;
    }
    for (i = 0; i < Resources->Count; i++) {
        Descriptor = &Resources->PartialDescriptors[i];
        if (Descriptor->Type == CmResourceTypeMemory && Descriptor->u.Memory.Length >= MP_REG_WINDOW_SIZE) {
            return NdisMMapIoSpace((PVOID *)&Adapter->Registers, Adapter->AdapterHandle,
                                   Descriptor->u.Memory.Start, MP_REG_WINDOW_SIZE);
        }
    }
    return NDIS_STATUS_ADAPTER_NOT_FOUND;
}

NDIS_STATUS
MpHwReset(PMP_ADAPTER Adapter)
{
    ULONG Spins;

    MP_WRITE_REG(Adapter, MP_REG_INT_MASK, 0);
    MP_WRITE_REG(Adapter, MP_REG_CONTROL, MP_CONTROL_RESET);
    for (Spins = 0; Spins < 100; Spins++) {
        NdisStallExecution(10);
        if ((MP_READ_REG(Adapter, MP_REG_CONTROL) & MP_CONTROL_RESET) == 0) {
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_HARD_ERRORS;
}

VOID
MpFreeAdapter(PMP_ADAPTER Adapter)
{
    if (Adapter->Registers != NULL) {
        NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Registers, MP_REG_WINDOW_SIZE);
        Adapter->Registers = NULL;
    }
    NdisFreeSpinLock(&Adapter->SendLock);
    NdisFreeSpinLock(&Adapter->RecvLock);
    NdisFreeMemory(Adapter, sizeof(MP_ADAPTER), 0);
}
