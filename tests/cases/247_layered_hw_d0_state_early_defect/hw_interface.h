/*
 * hw_interface.h - what the miniport layer sees of the hardware layer.  The HW block is
 * opaque here: only hw_*.c know its layout (hw_main.h).
 */
#ifndef _HW_INTERFACE_H
#define _HW_INTERFACE_H

typedef struct _HW HW, *PHW;
typedef struct _ADAPTER ADAPTER, *PADAPTER;

NDIS_STATUS HwAllocate(PADAPTER Adapter, NDIS_HANDLE MiniportAdapterHandle, PHW *pHw);
VOID HwFree(PHW Hw);
NDIS_STATUS HwInitialize(PHW Hw, PNDIS_RESOURCE_LIST AllocatedResources);
VOID HwStop(PHW Hw, NDIS_HALT_ACTION HaltAction);
VOID HwHalt(PHW Hw);
VOID HwGetPermanentAddress(PHW Hw, PUCHAR Address);
// D0 only: the caller keeps track of the power state
NDIS_STATUS HwSetPacketFilter(PHW Hw, ULONG PacketFilter);
NDIS_STATUS HwSetPowerState(PHW Hw, NDIS_DEVICE_POWER_STATE PowerState, ULONG PacketFilter);
BOOLEAN HwIsLinkUp(PHW Hw);
BOOLEAN HwCheckForHang(PHW Hw);
NDIS_STATUS HwReset(PHW Hw);
ULONG64 HwGetReceiveCount(PHW Hw);

//
// Called by the hardware layer (hw_isr.c) into the miniport layer
//
VOID MpIndicateLinkState(PADAPTER Adapter, BOOLEAN LinkUp);

#endif // _HW_INTERFACE_H
