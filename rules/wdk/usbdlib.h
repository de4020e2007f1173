/* usbdlib.h - drvcheck clean-room WDK model: USB driver library helpers; the types are usbdi.h's. */
#pragma once
#include <usbdi.h>
