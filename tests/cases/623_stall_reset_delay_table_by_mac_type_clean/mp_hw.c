/*
 * Case 623_stall_reset_delay_table_by_mac_type_clean: 622's twin: the newest MAC's reset delay is 50 us, every element at most 50.
 *
 * Expected: clean.
 */
#include "mp.h"

/* MAC reset settle time per MAC type, in microseconds */
static const ULONG MpMacResetDelayUs[4] = { 10, 20, 40, 50 };

static ULONG
MpMacTypeFromDeviceId(
    USHORT DeviceId
    )
{
    switch (DeviceId) {
    case 0x10EA: return 1;
    case 0x1502: return 2;
    case 0x15B7: return 3;
    default:     return 0;
    }
}

static VOID
MpMacReset(
    PMP_ADAPTER Adapter
    )
{
    MP_WRITE_CSR(Adapter, MP_CSR_CTRL, 0x10);
    NdisStallExecution(MpMacResetDelayUs[Adapter->MacType]);
    MP_WRITE_CSR(Adapter, MP_CSR_CTRL, 0x11);
}

NDIS_STATUS
MpHwInitialize(
    PMP_ADAPTER Adapter,
    NDIS_HANDLE ConfigHandle
    )
{
    USHORT DeviceId = 0;

    UNREFERENCED_PARAMETER(ConfigHandle);

    NdisMGetBusData(Adapter->AdapterHandle, PCI_WHICHSPACE_CONFIG, 2, &DeviceId, sizeof(DeviceId));
    Adapter->MacType = MpMacTypeFromDeviceId(DeviceId);

    MpMacReset(Adapter);
    MP_WRITE_CSR(Adapter, MP_CSR_CTRL, 1);
    return NDIS_STATUS_SUCCESS;
}

VOID
MpHwShutdown(
    PMP_ADAPTER Adapter
    )
{
    MP_WRITE_CSR(Adapter, MP_CSR_IMR, 0);
    MP_WRITE_CSR(Adapter, MP_CSR_CTRL, 0);
}
