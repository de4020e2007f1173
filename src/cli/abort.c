/* abort.c - running out of memory ends the run with a message and exit 2,
 * not a bare SIGABRT (exit 134, nothing said).
 *
 * Every allocation that fails calls abort() (`if (!p) abort();`: there is
 * no way on without the memory), and so do libclang's own (std::bad_alloc,
 * LLVM's "out of memory") and a failed internal check.  A SIGABRT handler,
 * installed by main before anything runs, writes one line with write(2)
 * (async-signal-safe) and ends the process with _exit(2): exit 2 is "the
 * run could not do its job".  A report given with -o is renamed into
 * place only when whole, and the handler removes the temporary file of
 * one being written (rep_write_abandon), so none is left; a report written
 * to stdout may be cut.  Not under AddressSanitizer, whose own handler
 * reports an abort with its stack. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "drvcheck/report.h"

#if defined(__SANITIZE_ADDRESS__)
#define ABORT_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ABORT_OFF 1
#endif
#endif

static const char abort_msg[] =
    "drvcheck: error: out of memory (or an internal error); stopping, no complete report was "
    "written\n";

#ifndef ABORT_OFF
static void on_abort(int sig)
{
    (void)sig;
    rep_write_abandon();
    ssize_t r = write(2, abort_msg, sizeof abort_msg - 1);
    (void)r;
    _exit(2);
}
#endif

int cli_catch_abort(void)
{
#ifdef ABORT_OFF
    return 0;
#else
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_abort;
    sa.sa_flags = SA_ONSTACK;          /* a parse thread's alternate stack (guard.c), if any */
    sigemptyset(&sa.sa_mask);
    return sigaction(SIGABRT, &sa, NULL) == 0;
#endif
}

const char *cli_abort_message(void)
{
    return abort_msg;
}
