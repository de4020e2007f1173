/*
 * Case 602_eeprom_dowhile_shift_stall_defect:
 * MpInitializeEx sends the read opcode to a serial EEPROM: MpEeShiftOut clocks
 * it out bit by bit in a do-while loop over a mask, holding each clock edge
 * 60 us with NdisStallExecution (a defect), and the loop's own test,
 * `while (Mask)`, decides on the mask the loop head's join widened; then
 * MpPhyReset waits 200 us (a defect).  Both stalls are reached on every
 * initialisation: defects with exact paths, errors, not possible defects (the
 * second was a warning: a loop's do-while test counted as a decision on a
 * merged value, as a test inside the body would).
 * Expected: the stall in the loop and the one in MpPhyReset.
 */
#include <ndis.h>

#define EE_CTRL      0x0E
#define EE_DI        0x04
#define EE_SK        0x01
#define PHY_RESET_US 200
#define EE_CLOCK_US  60

typedef struct _MP_ADAPTER {
    NDIS_HANDLE AdapterHandle;
    PUCHAR      Csr;
    USHORT      EeWord0;
} MP_ADAPTER, *PMP_ADAPTER;

NDIS_HANDLE MpDriverHandle;

MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_UNLOAD MpUnload;
DRIVER_INITIALIZE DriverEntry;

static VOID
MpEeShiftOut(PMP_ADAPTER Adapter, USHORT Data, USHORT Count)
{
    USHORT Mask = (USHORT)(1 << (Count - 1));
    USHORT Reg;

    NdisReadRegisterUshort((PUSHORT)(Adapter->Csr + EE_CTRL), &Reg);

    do {
        Reg &= ~EE_DI;
        if (Data & Mask) {
            Reg |= EE_DI;
        }
        NdisWriteRegisterUshort((PUSHORT)(Adapter->Csr + EE_CTRL), Reg | EE_SK);
        NdisStallExecution(EE_CLOCK_US);
        NdisWriteRegisterUshort((PUSHORT)(Adapter->Csr + EE_CTRL), Reg);
        Mask >>= 1;
    } while (Mask);
}

static VOID
MpPhyReset(PMP_ADAPTER Adapter)
{
    NdisWriteRegisterUshort((PUSHORT)(Adapter->Csr + 0x10), 0x8000);
    NdisStallExecution(PHY_RESET_US);
}

NDIS_STATUS
MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE DriverContext, PNDIS_MINIPORT_INIT_PARAMETERS InitParameters)
{
    PMP_ADAPTER Adapter;
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES Reg;

    UNREFERENCED_PARAMETER(DriverContext);
    UNREFERENCED_PARAMETER(InitParameters);

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(MP_ADAPTER), 'eeMP', NormalPoolPriority);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(Adapter, sizeof(MP_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;

    NdisZeroMemory(&Reg, sizeof(Reg));
    Reg.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
    Reg.Header.Revision = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1;
    Reg.Header.Size = sizeof(Reg);
    Reg.MiniportAdapterContext = Adapter;
    Reg.InterfaceType = NdisInterfacePci;
    if (NdisMSetMiniportAttributes(MiniportAdapterHandle, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&Reg) != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(Adapter, 0, 0);
        return NDIS_STATUS_FAILURE;
    }

    MpEeShiftOut(Adapter, 0x6, 3);
    MpPhyReset(Adapter);
    return NDIS_STATUS_SUCCESS;
}

VOID
MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(HaltAction);
    NdisFreeMemory(MiniportAdapterContext, 0, 0);
}

VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(MpDriverHandle);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = sizeof(Chars);
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.InitializeHandlerEx = MpInitializeEx;
    Chars.HaltHandlerEx = MpHaltEx;
    Chars.UnloadHandler = MpUnload;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &MpDriverHandle);
}
