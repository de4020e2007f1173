/* test_abort.c - an abort (out of memory: every failed allocation calls
 * abort()) ends the process with one line on stderr and exit 2, not a bare
 * SIGABRT (cli/abort.c).  Not under AddressSanitizer, where the handler is
 * not installed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/cli.h"

static void abort_says_out_of_memory_and_exits_2(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        if (!cli_catch_abort())
            _exit(77);                       /* not installed (ASan) */
        void *p = malloc(16);                /* as the allocation sites do */
        free(p);
        abort();
    }
    close(fds[1]);
    char buf[512];
    size_t n = 0;
    ssize_t r;
    while (n + 1 < sizeof buf && (r = read(fds[0], buf + n, sizeof buf - 1 - n)) > 0)
        n += (size_t)r;
    buf[n] = 0;
    close(fds[0]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77)
        skip();
    assert_int_equal(WEXITSTATUS(status), 2);
    assert_string_equal(buf, cli_abort_message());
    assert_non_null(strstr(buf, "drvcheck: error: out of memory"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(abort_says_out_of_memory_and_exits_2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
