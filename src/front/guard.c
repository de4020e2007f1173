/* guard.c - a parse that crashes inside libclang stops the scan with an
 * error, not a signal.
 *
 * clang recurses along an expression: a statement of two million `+ 0`
 * terms (one 8 MB line) overflows even the parse thread's 512 MB stack, in
 * libclang (clang -fsyntax-only dies the same way).  libclang's own crash
 * recovery cannot run on an overflowed stack.  So a parse thread gets an
 * alternate signal stack, and a SIGSEGV or SIGBUS while it parses names the
 * file and ends the scan with exit 2 and no report, as a parse past
 * --parse-timeout does.  A crash anywhere else is left to the default
 * action.  Not under AddressSanitizer, whose own handler reports the crash. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "front/front_int.h"

#if defined(__SANITIZE_ADDRESS__)
#define GUARD_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GUARD_OFF 1
#endif
#endif

#ifndef GUARD_OFF
enum { ALT_STACK = 64 << 10 };

static __thread const char *parsing;    /* the file this thread parses, or NULL */
static __thread void *alt;              /* its alternate signal stack */
static pthread_once_t installed = PTHREAD_ONCE_INIT;

static void say(const char *s)
{
    ssize_t r = write(2, s, strlen(s));
    (void)r;
}

static void on_fault(int sig)
{
    if (!parsing) {                      /* not in a parse: the default action */
        signal(sig, SIG_DFL);
        return;                          /* the fault happens again, and ends the process */
    }
    say(parsing);
    say(":1:1: error: parsing this file crashed (an expression or nesting too deep for the C parser?); "
        "stopping, no report written\n");
    _exit(2);
}

static void install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fault;
    sa.sa_flags = SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}

void guard_enter(const char *file)
{
    if (!alt && (alt = malloc(ALT_STACK)) != NULL) {
        stack_t ss = {.ss_sp = alt, .ss_size = ALT_STACK, .ss_flags = 0};
        if (sigaltstack(&ss, NULL) != 0) {
            free(alt);
            alt = NULL;
        }
    }
    pthread_once(&installed, install);
    parsing = file;
}

void guard_leave(void)
{
    parsing = NULL;
    if (alt) {
        stack_t ss = {.ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE};
        sigaltstack(&ss, NULL);
        free(alt);
        alt = NULL;
    }
}
#else
void guard_enter(const char *file)
{
    (void)file;
}

void guard_leave(void)
{
}
#endif
