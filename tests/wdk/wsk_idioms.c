/* wsk_idioms.c - a small Winsock Kernel (WSK) datagram client written for drvcheck's tests,
 * in the shape of kernel network drivers that are not NDIS miniports alone (tunnels, VPNs):
 * WSK registration, a datagram socket with a receive event, a send with packet-info control
 * data, the IP helper calls.  It must parse with zero errors and zero warnings against the
 * bundled WDK model (rules/wdk). */
#include <ntifs.h>
#include <wdm.h>
#include <ndis.h>
#include <wsk.h>
#include <netioapi.h>
#include <fltkernel.h>
#include <devioctl.h>

#define WI_TAG 'iksW'
#define WI_IOCTL_PING CTL_CODE(FILE_DEVICE_NETWORK, 0x801, METHOD_BUFFERED, FILE_READ_DATA)

typedef struct _WI_ENDPOINT {
    SOCKADDR_INET Addr;
    WSACMSGHDR Cmsg;
    union { IN_PKTINFO Src4; IN6_PKTINFO Src6; };
} WI_ENDPOINT;

static WSK_REGISTRATION WiRegistration;
static WSK_PROVIDER_NPI WiProvider;
static PWSK_SOCKET WiSocket;
static HANDLE WiNotifier;
static DECLSPEC_CACHEALIGN LONG WiReceived;
static LOOKASIDE_ALIGN LOOKASIDE_LIST_EX WiCache;
static const WSK_CLIENT_DISPATCH WiClientDispatch = { MAKE_WSK_VERSION(1, 0), 0, NULL };

static NTSTATUS WSKAPI WiReceiveFrom(PVOID SocketContext, ULONG Flags, PWSK_DATAGRAM_INDICATION Indication);
static const WSK_CLIENT_DATAGRAM_DISPATCH WiDatagramDispatch = { .WskReceiveFromEvent = WiReceiveFrom };
static IO_COMPLETION_ROUTINE WiComplete;
static PROCESSOR_CALLBACK_FUNCTION WiCpuArrival;

_Use_decl_annotations_
static NTSTATUS
WiComplete(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Irp);
    KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

static VOID
WiCpuArrival(PVOID CallbackContext, PKE_PROCESSOR_CHANGE_NOTIFY_CONTEXT ChangeContext, PNTSTATUS OperationStatus)
{
    UNREFERENCED_PARAMETER(CallbackContext);
    UNREFERENCED_PARAMETER(OperationStatus);
    if (ChangeContext->State == KeProcessorAddCompleteNotify)
        InterlockedIncrement(&WiReceived);
}

static PVOID
WiFindControl(PWSK_DATAGRAM_INDICATION Indication, INT Level, INT Type)
{
    SIZE_T Len = Indication->ControlInfoLength;
    WSACMSGHDR *Hdr = Indication->ControlInfo;
    while (Hdr && Len >= sizeof(*Hdr) && Hdr->cmsg_len <= Len) {
        if (Hdr->cmsg_level == Level && Hdr->cmsg_type == Type)
            return WSA_CMSG_DATA(Hdr);
        Len -= WSA_CMSGHDR_ALIGN(Hdr->cmsg_len);
        Hdr = (WSACMSGHDR *)((PUCHAR)Hdr + WSA_CMSGHDR_ALIGN(Hdr->cmsg_len));
    }
    return NULL;
}

static NTSTATUS WSKAPI
WiReceiveFrom(PVOID SocketContext, ULONG Flags, PWSK_DATAGRAM_INDICATION Indication)
{
    UNREFERENCED_PARAMETER(SocketContext);
    UNREFERENCED_PARAMETER(Flags);
    for (PWSK_DATAGRAM_INDICATION I = Indication; I; I = I->Next) {
        IN_PKTINFO *Info4 = I->RemoteAddress->sa_family == AF_INET ? WiFindControl(I, IPPROTO_IP, IP_PKTINFO) : NULL;
        IN6_PKTINFO *Info6 = I->RemoteAddress->sa_family == AF_INET6 ? WiFindControl(I, IPPROTO_IPV6, IPV6_PKTINFO) : NULL;
        if ((Info4 && Info4->ipi_addr.s_addr != INADDR_ANY) || (Info6 && Info6->ipi6_addr.u.Byte[0]))
            InterlockedIncrement(&WiReceived);
    }
    ((const WSK_PROVIDER_DATAGRAM_DISPATCH *)WiSocket->Dispatch)->WskRelease(WiSocket, Indication);
    return STATUS_SUCCESS;
}

static VOID NETIOAPI_API_
WiInterfaceChange(PVOID CallerContext, PMIB_IPINTERFACE_ROW Row, MIB_NOTIFICATION_TYPE NotificationType)
{
    UNREFERENCED_PARAMETER(CallerContext);
    if (NotificationType == MibParameterNotification && Row && Row->NlMtu != ~0U)
        InterlockedExchange(&WiReceived, 0);
}

static NTSTATUS
WiSend(PWSK_BUF Buffer, WI_ENDPOINT *Endpoint, PIRP Irp)
{
    const WSK_PROVIDER_DATAGRAM_DISPATCH *Dispatch = WiSocket->Dispatch;
    Endpoint->Cmsg.cmsg_len = WSA_CMSG_LEN(sizeof(Endpoint->Src4));
    Endpoint->Cmsg.cmsg_level = IPPROTO_IP;
    Endpoint->Cmsg.cmsg_type = IP_PKTINFO;
    return Dispatch->WskSendTo(WiSocket, Buffer, 0, (PSOCKADDR)&Endpoint->Addr,
                               (ULONG)WSA_CMSG_SPACE(sizeof(Endpoint->Src4)), &Endpoint->Cmsg, Irp);
}

static NTSTATUS
WiOpen(USHORT Port)
{
    WSK_CLIENT_NPI Client = { .ClientContext = NULL, .Dispatch = &WiClientDispatch };
    WSK_EVENT_CALLBACK_CONTROL Events = { &NPI_WSK_INTERFACE_ID, WSK_EVENT_RECEIVE_FROM };
    SOCKADDR_IN6 Any = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_ANY_INIT, .sin6_port = Port };
    KEVENT Done;
    ULONG True = TRUE;
    NTSTATUS Status = WskRegister(&Client, &WiRegistration);
    if (!NT_SUCCESS(Status))
        return Status;
    Status = WskCaptureProviderNPI(&WiRegistration, WSK_INFINITE_WAIT, &WiProvider);
    if (!NT_SUCCESS(Status))
        goto deregister;
    Status = WiProvider.Dispatch->WskControlClient(WiProvider.Client, WSK_SET_STATIC_EVENT_CALLBACKS,
                                                   sizeof(Events), &Events, 0, NULL, NULL, NULL);
    PIRP Irp = IoAllocateIrp(1, FALSE);
    if (!Irp) {
        Status = STATUS_INSUFFICIENT_RESOURCES;
        goto release;
    }
    KeInitializeEvent(&Done, SynchronizationEvent, FALSE);
    IoSetCompletionRoutine(Irp, WiComplete, &Done, TRUE, TRUE, TRUE);
    Status = WiProvider.Dispatch->WskSocket(WiProvider.Client, AF_INET6, SOCK_DGRAM, IPPROTO_UDP,
                                            WSK_FLAG_DATAGRAM_SOCKET, NULL, &WiDatagramDispatch, NULL, NULL, NULL, Irp);
    if (Status == STATUS_PENDING)
        KeWaitForSingleObject(&Done, Executive, KernelMode, FALSE, NULL);
    WiSocket = (PWSK_SOCKET)Irp->IoStatus.Information;
    if (NT_SUCCESS(Status)) {
        const WSK_PROVIDER_DATAGRAM_DISPATCH *Dispatch = WiSocket->Dispatch;
        Dispatch->WskControlSocket(WiSocket, WskSetOption, IPV6_PKTINFO, IPPROTO_IPV6, sizeof(True), &True, 0, NULL,
                                   NULL, NULL);
        Dispatch->WskBind(WiSocket, (PSOCKADDR)&Any, 0, NULL);
        Dispatch->Basic.WskCloseSocket(WiSocket, NULL);
    }
    IoFreeIrp(Irp);
    Status = NotifyIpInterfaceChange(AF_UNSPEC, WiInterfaceChange, NULL, FALSE, &WiNotifier);
release:
    WskReleaseProviderNPI(&WiRegistration);
deregister:
    WskDeregister(&WiRegistration);
    return Status;
}

static BOOLEAN
WiRouteUsable(const MIB_IPFORWARD_TABLE2 *Table, ULONG i)
{
    MIB_IF_ROW2 If = { .InterfaceLuid = Table->Table[i].InterfaceLuid };
    const IP_ADDRESS_PREFIX *Prefix = &Table->Table[i].DestinationPrefix;
    return Prefix->Prefix.si_family == AF_INET && NT_SUCCESS(GetIfEntry2(&If)) && If.OperStatus == IfOperStatusUp &&
           If.Type != IF_TYPE_PROP_VIRTUAL;
}

static BOOLEAN
WiHasAccess(PSECURITY_DESCRIPTOR Sd, KPROCESSOR_MODE Mode)
{
    SECURITY_SUBJECT_CONTEXT Subject;
    ACCESS_MASK Granted;
    NTSTATUS Status;
    SeCaptureSubjectContext(&Subject);
    BOOLEAN Ok = SeAccessCheck(Sd, &Subject, FALSE, FILE_READ_DATA, 0, NULL, IoGetFileObjectGenericMapping(), Mode,
                               &Granted, &Status);
    SeReleaseSubjectContext(&Subject);
    return Ok && NT_SUCCESS(Status);
}

C_ASSERT(FIELD_SIZE(MIB_IPINTERFACE_ROW, NlMtu) == sizeof(ULONG));
C_ASSERT(WSA_CMSG_SPACE(0) == sizeof(WSACMSGHDR));
C_ASSERT(WI_IOCTL_PING == 0x00126004);
C_ASSERT(CRYPTO_LIBRARY_INTERNAL_ERROR == 0x171);

NTSTATUS
WiEntry(PIRP Irp)
{
    MIB_IPFORWARD_TABLE2 *Table;
    XSTATE_SAVE Save;
    PVOID Handle = KeRegisterProcessorChangeCallback(WiCpuArrival, NULL, KE_PROCESSOR_CHANGE_ADD_EXISTING);
    NTSTATUS Status = ExInitializeLookasideListEx(&WiCache, NULL, NULL, NonPagedPoolNx, 0, 64, WI_TAG, 0);
    if (!NT_SUCCESS(Status))
        return Status;
    if ((RtlGetEnabledExtendedFeatures((ULONG64)-1) & XSTATE_MASK_AVX) &&
        NT_SUCCESS(KeSaveExtendedProcessorState(XSTATE_MASK_AVX, &Save)))
        KeRestoreExtendedProcessorState(&Save);
    if (IoIs32bitProcess(Irp) || !WiHasAccess(NULL, UserMode))
        return STATUS_ACCESS_DENIED;
    if (NT_SUCCESS(GetIpForwardTable2(AF_INET, &Table))) {
        for (ULONG i = 0; i < Table->NumEntries; ++i)
            if (WiRouteUsable(Table, i))
                break;
        FreeMibTable(Table);
    }
    if (Handle)
        KeDeregisterProcessorChangeCallback(Handle);
    ExDeleteLookasideListEx(&WiCache);
    Status = WiOpen(51820);
    if (NT_SUCCESS(Status)) {
        WSK_BUF Buffer = { NULL, 0, 0 };
        WI_ENDPOINT Endpoint;
        RtlZeroMemory(&Endpoint, sizeof(Endpoint));
        Endpoint.Addr.Ipv4.sin_family = AF_INET;
        Status = WiSend(&Buffer, &Endpoint, Irp);
    }
    return Status;
}
