/*
 * mp_int.c - Osprey OS-100: interrupt registration, ISR, DPC and synchronize routines.
 */

#include "mp.h"

NDIS_STATUS
MpRegisterInterrupt(PMP_ADAPTER Adapter)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS MPIntChar;
    NDIS_STATUS Status;

    NdisZeroMemory(&MPIntChar, sizeof(MPIntChar));
    MPIntChar.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
    MPIntChar.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
    MPIntChar.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
    MPIntChar.InterruptHandler = MPIsr;
    MPIntChar.InterruptDpcHandler = (MINIPORT_INTERRUPT_DPC_HANDLER)MPHandleInterrupt;
    MPIntChar.DisableInterruptHandler = MPDisableInterrupt;
    MPIntChar.EnableInterruptHandler = MPEnableInterrupt;

    Status = NdisMRegisterInterruptEx(Adapter->AdapterHandle, Adapter, &MPIntChar, &Adapter->NdisInterruptHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        DBGPRINT(MP_ERROR, ("NdisMRegisterInterruptEx failed: 0x%08x\n", Status));
        Adapter->NdisInterruptHandle = NULL;
        return Status;
    }
    MP_SET_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE);
    return NDIS_STATUS_SUCCESS;
}

VOID
MpDeregisterInterrupt(PMP_ADAPTER Adapter)
{
    if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE)) {
        NdisMDeregisterInterruptEx(Adapter->NdisInterruptHandle);
        MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_INTERRUPT_IN_USE);
        Adapter->NdisInterruptHandle = NULL;
    }
}

BOOLEAN
MPIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueMiniportHandleInterrupt, PULONG TargetProcessors)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    BOOLEAN InterruptRecognized = FALSE;
    USHORT IntStatus;

    UNREFERENCED_PARAMETER(TargetProcessors);

    do {
        //
        // A surprise-removed or powered-down device reads all ones.
        //
        if (MP_TEST_FLAG(Adapter, fMP_ADAPTER_REMOVE_IN_PROGRESS | fMP_ADAPTER_LOW_POWER)) {
            *QueueMiniportHandleInterrupt = FALSE;
            break;
        }
        IntStatus = NICReadInterruptStatus(Adapter);
        if (IntStatus == 0 || IntStatus == SCB_ALL_INTERRUPT_BITS) {
            *QueueMiniportHandleInterrupt = FALSE;
            break;
        }
        InterruptRecognized = TRUE;
        NICDisableInterrupt(Adapter);
        NICAckInterrupt(Adapter, IntStatus);
        Adapter->IntStatus |= IntStatus;
        Adapter->InterruptCount++;
        *QueueMiniportHandleInterrupt = TRUE;
    } while (FALSE);

    return InterruptRecognized;
}

//
// NDIS 6.0 DPC prototype.
//
VOID
MPHandleInterrupt(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PULONG NdisReserved1, PULONG NdisReserved2)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)MiniportInterruptContext;
    USHORT IntStatus;

    UNREFERENCED_PARAMETER(MiniportDpcContext);
    UNREFERENCED_PARAMETER(NdisReserved1);
    UNREFERENCED_PARAMETER(NdisReserved2);

    IntStatus = (USHORT)InterlockedExchange((LONG volatile *)&Adapter->IntStatus, 0);

    NdisDprAcquireSpinLock(&Adapter->RcvLock);
    if (IntStatus & (SCB_FR_MASK | SCB_RNR_MASK)) {
        MpHandleRecvInterrupt(Adapter);
    }
    NdisDprReleaseSpinLock(&Adapter->RcvLock);

    NdisDprAcquireSpinLock(&Adapter->SendLock);
    if (IntStatus & (SCB_CX_MASK | SCB_CNA_MASK)) {
        MpHandleSendInterrupt(Adapter);
    }
    NdisDprReleaseSpinLock(&Adapter->SendLock);

    if (IntStatus & SCB_MDI_MASK) {
        BOOLEAN LinkUp = NICReadLinkStatus(Adapter);

        if (LinkUp != (Adapter->MediaState == MediaConnectStateConnected)) {
            Adapter->MediaState = LinkUp ? MediaConnectStateConnected : MediaConnectStateDisconnected;
            if (LinkUp) {
                MP_CLEAR_FLAG(Adapter, fMP_ADAPTER_NO_CABLE);
            } else {
                MP_SET_FLAG(Adapter, fMP_ADAPTER_NO_CABLE);
            }
            MpIndicateLinkStatus(Adapter);
        }
    }

    //
    // The ISR masked the chip; unmask it directly (the DPC runs only while the interrupt is
    // connected, and NDIS serializes it with the ISR through the mask bit).
    //
    if (!MP_TEST_FLAG(Adapter, fMP_ADAPTER_HALT_IN_PROGRESS)) {
        NICEnableInterrupt(Adapter);
    }
}

VOID
MPEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    NICEnableInterrupt((PMP_ADAPTER)MiniportInterruptContext);
}

VOID
MPDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
    NICDisableInterrupt((PMP_ADAPTER)MiniportInterruptContext);
}

BOOLEAN
MpDisableInterruptSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    NICDisableInterrupt(Adapter);
    Adapter->IntStatus = 0;
    return TRUE;
}

BOOLEAN
MpEnableInterruptSync(PVOID SynchronizeContext)
{
    NICEnableInterrupt((PMP_ADAPTER)SynchronizeContext);
    return TRUE;
}

BOOLEAN
MpSetPacketFilterSync(PVOID SynchronizeContext)
{
    PMP_ADAPTER Adapter = (PMP_ADAPTER)SynchronizeContext;

    if (NICSetPacketFilter(Adapter, Adapter->PacketFilter) != NDIS_STATUS_SUCCESS) {
        return FALSE;
    }
    return (NICSetMulticastList(Adapter) == NDIS_STATUS_SUCCESS) ? TRUE : FALSE;
}

BOOLEAN
MpReadLinkStatusSync(PVOID SynchronizeContext)
{
    PMP_LINK_CONTEXT Context = (PMP_LINK_CONTEXT)SynchronizeContext;

    NIC_READ_STATUS(Context->Adapter, &Context->ScbStatus);
    Context->LinkUp = NICReadLinkStatus(Context->Adapter);
    return TRUE;
}
