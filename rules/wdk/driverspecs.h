/* driverspecs.h - drvcheck clean-room WDK model: driver (__drv_*) annotations as empty macros. */
#pragma once
#include <sal.h>

#define __drv_functionClass(x)
#define __drv_maxIRQL(x)
#define __drv_minIRQL(x)
#define __drv_requiresIRQL(x)
#define __drv_raisesIRQL(x)
#define __drv_setsIRQL(x)
#define __drv_savesIRQL
#define __drv_savesIRQLGlobal(kind, param)
#define __drv_restoresIRQL
#define __drv_restoresIRQLGlobal(kind, param)
#define __drv_sameIRQL
#define __drv_useCancelIRQL
#define __drv_isCancelIRQL
#define __drv_maxFunctionIRQL(x)
#define __drv_minFunctionIRQL(x)
#define __drv_dispatchType(x)
#define __drv_dispatchType_other
#define __drv_completionType(x)
#define __drv_allocatesMem(x)
#define __drv_freesMem(x)
#define __drv_aliasesMem
#define __drv_preferredFunction(f, why)
#define __drv_reportError(why)
#define __drv_when(cond, ...)
#define __drv_at(expr, ...)
#define __drv_in(...)
#define __drv_out(...)
#define __drv_in_deref(...)
#define __drv_out_deref(...)
#define __drv_arg(expr, ...)
#define __drv_fun(...)
#define __drv_ret(...)
#define __drv_valueIs(x)
#define __drv_strictType(t, mode)
#define __drv_strictTypeMatch(mode)
#define __drv_notPointer
#define __drv_isObjectPointer
#define __drv_constant
#define __drv_nonConstant
#define __drv_acquiresResource(kind)
#define __drv_releasesResource(kind)
#define __drv_mustHold(kind)
#define __drv_neverHold(kind)
#define __drv_mustHoldCriticalRegion
#define __drv_acquiresCriticalRegion
#define __drv_releasesCriticalRegion
#define __drv_acquiresCancelSpinLock
#define __drv_releasesCancelSpinLock
#define __drv_mustHoldCancelSpinLock
#define __drv_neverHoldCancelSpinLock
#define __drv_acquiresExclusiveResource(kind)
#define __drv_releasesExclusiveResource(kind)
#define __drv_acquiresExclusiveResourceGlobal(kind, param)
#define __drv_releasesExclusiveResourceGlobal(kind, param)
#define __drv_innerAcquiresGlobal(kind, param)
#define __drv_innerReleasesGlobal(kind, param)
#define __drv_innerMustHoldGlobal(kind, param)
#define __drv_innerNeverHoldGlobal(kind, param)
#define __drv_acquiresResourceGlobal(kind, param)
#define __drv_releasesResourceGlobal(kind, param)
#define __drv_mustHoldGlobal(kind, param)
#define __drv_neverHoldGlobal(kind, param)
#define __drv_clearDoInit(x)
#define __drv_floatSaved
#define __drv_floatRestored
#define __drv_floatUsed
#define __drv_formatString(kind)
#define __drv_interlocked
#define __drv_inTry
#define __drv_notInTry
#define __drv_deref(...)
#define __drv_KMDF_fun(...)
#define __drv_Mode_impl(x)
#define __drv_WDMDriver
#define __drv_reportError(why)
#define __drv_typeConst
#define __drv_typeCond
#define __drv_typeBitset
#define __drv_typeExpr
#define __drv_defined(x) 0
#define __prefast_operator_new_null
#define __prefast_operator_new_throws
#define _Kernel_float_used_
#define __internal_kernel_driver
#define __kernel_code
#define __kernel_driver
#define __user_driver
#define __user_code
#define _Kernel_requires_resource_held_(...)
