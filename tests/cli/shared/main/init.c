/*
 * Shared-header fixture: beta's miniport split into files that start in different ways.
 * Defines a macro <ndis.h> reads (NDIS620_MINIPORT) before it: shares a copy of <ndis.h> made
 * with that #define before it.
 */

#define NDIS620_MINIPORT 1
#include <ndis.h>
#include "drv.h"

NDIS_HANDLE MpDriverHandle;

NDIS_STATUS
MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PMP_ADAPTER Adapter;
    NDIS_STATUS Status;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS InterruptChars;

    UNREFERENCED_PARAMETER(MiniportDriverContext);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER),
                                                MP_POOL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    NdisAllocateSpinLock(&Adapter->SendLock);
    NdisAllocateSpinLock(&Adapter->RecvLock);

    NdisZeroMemory(&RegistrationAttributes, sizeof(RegistrationAttributes));
    RegistrationAttributes.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    RegistrationAttributes.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    RegistrationAttributes.Header.Size = sizeof(RegistrationAttributes);
    RegistrationAttributes.MiniportAdapterContext = Adapter;
    RegistrationAttributes.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE |
                                            NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
    RegistrationAttributes.CheckForHangTimeInSeconds = 2;
    RegistrationAttributes.InterfaceType = NdisInterfacePci;
    Status = NdisMSetMiniportAttributes(MiniportAdapterHandle,
                                        (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegistrationAttributes);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    Status = MpMapRegisters(Adapter, MiniportInitParameters);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }

    NdisZeroMemory(&InterruptChars, sizeof(InterruptChars));
    InterruptChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    InterruptChars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    InterruptChars.Header.Size = sizeof(NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS);
    InterruptChars.InterruptHandler = MpIsr;
    InterruptChars.InterruptDpcHandler = MpDpc;
    InterruptChars.DisableInterruptHandler = MpDisableInterrupt;
    InterruptChars.EnableInterruptHandler = MpEnableInterrupt;
    Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &InterruptChars,
                                      &Adapter->InterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    Adapter->InterruptRegistered = TRUE;

    Status = MpHwReset(Adapter);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Fail;
    }
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, MpEnableInterruptSync, Adapter);
    return NDIS_STATUS_SUCCESS;

Fail:
    if (Adapter->InterruptRegistered) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptRegistered = FALSE;
    }
    MpFreeAdapter(Adapter);
    return Status;
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);

    if (Adapter->InterruptRegistered) {
        NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
        Adapter->InterruptRegistered = FALSE;
    }
    MP_QUIESCE(Adapter);   // defect: NdisMDeregisterInterruptEx (via MP_QUIESCE)
    MpFreeAdapter(Adapter);
}

NDIS_STATUS
MpPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PauseParameters);

    return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
MpRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(RestartParameters);

    return NDIS_STATUS_SUCCESS;
}
