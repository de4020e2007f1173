/*
 * Case 345_crlf_bom_spaced_paths_defect: source-file shapes of real Windows trees.  The sources sit
 * in a folder with a space ("src dir"); the main file, "Rt Main.c", has a space in its name,
 * Latin-1 (not UTF-8) bytes in comments, one inside halt's condition, CRLF line endings and tab
 * indentation, as an old Visual Studio project leaves them; rtnic.h (UTF-8 with a byte-order
 * mark, CRLF) uses #pragma once, #pragma pack
 * and __pragma inside a do/while(0) macro; rt_counters_gen.c is generated and carries #line
 * directives that name its XML source.  Locations are the physical file, line and byte column.
 * RtHaltEx deregisters, then stops the chip (RtStopChip synchronizes: a defect in "Rt Main.c")
 * and reads the tally counters (RtReadTallyCounters synchronizes: a defect in rt_counters_gen.c,
 * at its physical line, not the #line one).  Expected: 2 defects.
 */

#include "rtnic.h"

NDIS_HANDLE RtDriverHandle;

MINIPORT_SYNCHRONIZE_INTERRUPT RtMaskSync;
MINIPORT_SYNCHRONIZE_INTERRUPT RtUnmaskSync;
MINIPORT_ISR RtIsr;
MINIPORT_INTERRUPT_DPC RtDpc;
MINIPORT_ENABLE_INTERRUPT RtEnableInterrupt;
MINIPORT_DISABLE_INTERRUPT RtDisableInterrupt;
MINIPORT_INITIALIZE RtInitializeEx;
MINIPORT_HALT RtHaltEx;
MINIPORT_PAUSE RtPause;
MINIPORT_RESTART RtRestart;
MINIPORT_OID_REQUEST RtOidRequest;
MINIPORT_CANCEL_OID_REQUEST RtCancelOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS RtSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS RtReturnNetBufferLists;
MINIPORT_CANCEL_SEND RtCancelSend;
MINIPORT_SHUTDOWN RtShutdown;
MINIPORT_UNLOAD RtUnload;
DRIVER_INITIALIZE DriverEntry;

BOOLEAN
RtMaskSync(PVOID SynchronizeContext)
{
	PRT_ADAPTER Adapter = (PRT_ADAPTER)SynchronizeContext;

	RT_WR16(Adapter, RT_CSR_IMR, 0);
	return TRUE;
}

BOOLEAN
RtUnmaskSync(PVOID SynchronizeContext)
{
	PRT_ADAPTER Adapter = (PRT_ADAPTER)SynchronizeContext;

	RT_WR16(Adapter, RT_CSR_IMR, RT_INT_ALL);
	return TRUE;
}

BOOLEAN
RtIsr(NDIS_HANDLE MiniportInterruptContext, PBOOLEAN QueueDefaultInterruptDpc, PULONG TargetProcessors)
{
	PRT_ADAPTER Adapter = (PRT_ADAPTER)MiniportInterruptContext;
	USHORT Isr;

	UNREFERENCED_PARAMETER(TargetProcessors);

	Isr = RT_RD16(Adapter, RT_CSR_ISR);
	if (Isr == 0 || Isr == 0xFFFF) {	// 0xFFFF: Karte entfernt (Gerät weg)
		*QueueDefaultInterruptDpc = FALSE;
		return FALSE;
	}
	RT_WR16(Adapter, RT_CSR_ISR, Isr);
	RT_WR16(Adapter, RT_CSR_IMR, 0);
	Adapter->PendingIsr |= Isr;
	*QueueDefaultInterruptDpc = TRUE;
	return TRUE;
}

VOID
RtDpc(NDIS_HANDLE MiniportInterruptContext, PVOID MiniportDpcContext, PVOID ReceiveThrottleParameters, PVOID NdisReserved2)
{
	PRT_ADAPTER Adapter = (PRT_ADAPTER)MiniportInterruptContext;

	UNREFERENCED_PARAMETER(MiniportDpcContext);
	UNREFERENCED_PARAMETER(ReceiveThrottleParameters);
	UNREFERENCED_PARAMETER(NdisReserved2);

	Adapter->PendingIsr = 0;
	if (Adapter->InterruptRegistered) {
		NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, RtUnmaskSync, Adapter);
	}
}

VOID
RtEnableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
	PRT_ADAPTER Adapter = (PRT_ADAPTER)MiniportInterruptContext;

	RT_WR16(Adapter, RT_CSR_IMR, RT_INT_ALL);
}

VOID
RtDisableInterrupt(NDIS_HANDLE MiniportInterruptContext)
{
	PRT_ADAPTER Adapter = (PRT_ADAPTER)MiniportInterruptContext;

	RT_WR16(Adapter, RT_CSR_IMR, 0);
}

static VOID
RtStopChip(PRT_ADAPTER Adapter)
{
	// mask first so the ISR does not see the reset's spurious status
	NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, RtMaskSync, Adapter); // defect: NdisMDeregisterInterruptEx
	*(volatile UCHAR *)(Adapter->Csr + RT_CSR_CMD) = RT_CMD_RESET;
}

static VOID
RtFreeAdapter(PRT_ADAPTER Adapter)
{
	if (Adapter->Tally != NULL) {
		NdisMFreeSharedMemory(Adapter->AdapterHandle, sizeof(RT_TALLY), TRUE, Adapter->Tally, Adapter->TallyPa);
	}
	if (Adapter->Csr != NULL) {
		NdisMUnmapIoSpace(Adapter->AdapterHandle, (PVOID)Adapter->Csr, RT_CSR_SIZE);
	}
	NdisFreeSpinLock(&Adapter->TxLock);
	NdisFreeMemory(Adapter, sizeof(RT_ADAPTER), 0);
}

NDIS_STATUS
RtInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext, PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
	PRT_ADAPTER Adapter;
	NDIS_STATUS Status = NDIS_STATUS_ADAPTER_NOT_FOUND;
	NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegAttrs;
	NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS IntrChars;
	PNDIS_RESOURCE_LIST Resources = MiniportInitParameters->AllocatedResources;
	ULONG i;

	UNREFERENCED_PARAMETER(MiniportDriverContext);

	Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(RT_ADAPTER), RT_POOL_TAG, NormalPoolPriority);
	if (Adapter == NULL) {
		return NDIS_STATUS_RESOURCES;
	}
	NdisZeroMemory(Adapter, sizeof(RT_ADAPTER));
	Adapter->AdapterHandle = MiniportAdapterHandle;
	NdisAllocateSpinLock(&Adapter->TxLock);

	NdisZeroMemory(&RegAttrs, sizeof(RegAttrs));
	RegAttrs.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
	RegAttrs.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
	RegAttrs.Header.Size = sizeof(RegAttrs);
	RegAttrs.MiniportAdapterContext = Adapter;
	RegAttrs.AttributeFlags = NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE | NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER;
	RegAttrs.InterfaceType = NdisInterfacePci;
	if (NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&RegAttrs) != NDIS_STATUS_SUCCESS) {
		goto Fail;
	}
	for (i = 0; Resources != NULL && i < Resources->Count; i++) {
		if (Resources->PartialDescriptors[i].Type == CmResourceTypeMemory) {
			Status = NdisMMapIoSpace((PVOID *)&Adapter->Csr, MiniportAdapterHandle,
			                         Resources->PartialDescriptors[i].u.Memory.Start, RT_CSR_SIZE);
			break;
		}
	}
	if (Status != NDIS_STATUS_SUCCESS) {
		goto Fail;
	}
	NdisMAllocateSharedMemory(MiniportAdapterHandle, sizeof(RT_TALLY), TRUE, (PVOID *)&Adapter->Tally, &Adapter->TallyPa);
	if (Adapter->Tally == NULL) {
		Status = NDIS_STATUS_RESOURCES;
		goto Fail;
	}

	NdisZeroMemory(&IntrChars, sizeof(IntrChars));
	IntrChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT;
	IntrChars.Header.Revision = NDIS_MINIPORT_INTERRUPT_REVISION_1;
	IntrChars.Header.Size = NDIS_SIZEOF_MINIPORT_INTERRUPT_CHARACTERISTICS_REVISION_1;
	IntrChars.InterruptHandler = RtIsr;
	IntrChars.InterruptDpcHandler = RtDpc;
	IntrChars.DisableInterruptHandler = RtDisableInterrupt;
	IntrChars.EnableInterruptHandler = RtEnableInterrupt;
	Status = NdisMRegisterInterruptEx(MiniportAdapterHandle, Adapter, &IntrChars, &Adapter->InterruptHandle);
	if (Status != NDIS_STATUS_SUCCESS) {
		goto Fail;
	}
	Adapter->InterruptRegistered = TRUE;
	NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, RtUnmaskSync, Adapter);
	return NDIS_STATUS_SUCCESS;

Fail:
	RtFreeAdapter(Adapter);
	return Status;
}

VOID
RtHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
	PRT_ADAPTER Adapter = (PRT_ADAPTER)MiniportAdapterContext;

	UNREFERENCED_PARAMETER(HaltAction);

	if (Adapter->InterruptRegistered &&	// nur wenn verbunden (Gerät noch da)
	    Adapter->InterruptHandle != NULL) {
		NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
		Adapter->InterruptRegistered = FALSE;
	}
	RtStopChip(Adapter);
	RtReadTallyCounters(Adapter);	// last snapshot for the event log
	RtFreeAdapter(Adapter);
}

NDIS_STATUS
RtPause(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters)
{
	UNREFERENCED_PARAMETER(MiniportAdapterContext);
	UNREFERENCED_PARAMETER(PauseParameters);
	return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
RtRestart(NDIS_HANDLE MiniportAdapterContext, PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters)
{
	UNREFERENCED_PARAMETER(MiniportAdapterContext);
	UNREFERENCED_PARAMETER(RestartParameters);
	return NDIS_STATUS_SUCCESS;
}

NDIS_STATUS
RtOidRequest(NDIS_HANDLE MiniportAdapterContext, PNDIS_OID_REQUEST OidRequest)
{
	PRT_ADAPTER Adapter = (PRT_ADAPTER)MiniportAdapterContext;

	if (OidRequest->RequestType == NdisRequestQueryStatistics &&
	    OidRequest->DATA.QUERY_INFORMATION.Oid == OID_GEN_RCV_ERROR &&
	    Adapter->InterruptRegistered) {	/* Zähler nur bei verbundenem Interrupt */
		RtReadTallyCounters(Adapter);
		if (OidRequest->DATA.QUERY_INFORMATION.InformationBufferLength < sizeof(ULONG)) {
			return NDIS_STATUS_BUFFER_TOO_SHORT;
		}
		*(PULONG)OidRequest->DATA.QUERY_INFORMATION.InformationBuffer = Adapter->Counters.RxErr;
		OidRequest->DATA.QUERY_INFORMATION.BytesWritten = sizeof(ULONG);
		return NDIS_STATUS_SUCCESS;
	}
	return NDIS_STATUS_NOT_SUPPORTED;
}

VOID
RtCancelOidRequest(NDIS_HANDLE MiniportAdapterContext, PVOID RequestId)
{
	UNREFERENCED_PARAMETER(MiniportAdapterContext);
	UNREFERENCED_PARAMETER(RequestId);
}

VOID
RtSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
	PRT_ADAPTER Adapter = (PRT_ADAPTER)MiniportAdapterContext;
	PNET_BUFFER_LIST Nbl;

	UNREFERENCED_PARAMETER(PortNumber);

	NdisAcquireSpinLock(&Adapter->TxLock);
	for (Nbl = NetBufferLists; Nbl != NULL; Nbl = NET_BUFFER_LIST_NEXT_NBL(Nbl)) {
		NET_BUFFER_LIST_STATUS(Nbl) = NDIS_STATUS_SUCCESS;
	}
	NdisReleaseSpinLock(&Adapter->TxLock);
	NdisMSendNetBufferListsComplete(Adapter->AdapterHandle, NetBufferLists,
	                                (SendFlags & NDIS_SEND_FLAGS_DISPATCH_LEVEL) ? NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL : 0);
}

VOID
RtReturnNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists, ULONG ReturnFlags)
{
	UNREFERENCED_PARAMETER(MiniportAdapterContext);
	UNREFERENCED_PARAMETER(NetBufferLists);
	UNREFERENCED_PARAMETER(ReturnFlags);
}

VOID
RtCancelSend(NDIS_HANDLE MiniportAdapterContext, PVOID CancelId)
{
	UNREFERENCED_PARAMETER(MiniportAdapterContext);
	UNREFERENCED_PARAMETER(CancelId);
}

VOID
RtShutdown(NDIS_HANDLE MiniportAdapterContext, NDIS_SHUTDOWN_ACTION ShutdownAction)
{
	PRT_ADAPTER Adapter = (PRT_ADAPTER)MiniportAdapterContext;

	UNREFERENCED_PARAMETER(ShutdownAction);
	RT_WR16(Adapter, RT_CSR_IMR, 0);
}

VOID
RtUnload(PDRIVER_OBJECT DriverObject)
{
	UNREFERENCED_PARAMETER(DriverObject);
	NdisMDeregisterMiniportDriver(RtDriverHandle);
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
	Chars.InitializeHandlerEx = RtInitializeEx;
	Chars.HaltHandlerEx = RtHaltEx;
	Chars.UnloadHandler = RtUnload;
	Chars.PauseHandler = RtPause;
	Chars.RestartHandler = RtRestart;
	Chars.OidRequestHandler = RtOidRequest;
	Chars.CancelOidRequestHandler = RtCancelOidRequest;
	Chars.SendNetBufferListsHandler = RtSendNetBufferLists;
	Chars.ReturnNetBufferListsHandler = RtReturnNetBufferLists;
	Chars.CancelSendHandler = RtCancelSend;
	Chars.ShutdownHandlerEx = RtShutdown;

	return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &RtDriverHandle);
}
