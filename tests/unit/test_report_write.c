/* test_report_write.c - rep_write: atomic files, clear failures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "drvcheck/report.h"
#include "report_tmp.h"

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static void small_report(Report *r)
{
    report_init(r);
    r->scan_root = strdup("/src");
    tmp_defect(r, "R", "a.c", 3, 1, "F", 1);
    rep_fingerprint(r);
}

static void writes_whole_file_and_leaves_no_temporary(void **state)
{
    (void)state;
    char dir[2048], path[4096];
    snprintf(dir, sizeof dir, "%s/atomic", tmp_dir("write"));
    mkdir(dir, 0777);
    snprintf(path, sizeof path, "%s/out.json", dir);
    unlink(path);
    tmp_write(dir, "out.json", "old contents");
    Report r;
    DiagList dg = {0};
    small_report(&r);
    const char *fmts[] = {"json", "sarif", "text", "html"};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(rep_write(&r, fmts[i], NULL, path, &dg), 0);
        assert_int_equal(count_entries(dir), 1);
    }
    assert_int_equal(rep_write(&r, "json", NULL, path, &dg), 0);
    assert_int_equal(dg.n, 0);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    cJSON *j = cJSON_Parse(buf);
    assert_non_null(j);
    cJSON_Delete(j);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    mode_t mask = umask(0);
    umask(mask);
    assert_int_equal(st.st_mode & 0777, 0666 & ~mask);
    report_free(&r);
}

static void missing_directory_is_an_error_and_leaves_nothing(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/no/such/dir/out.sarif", tmp_dir("write"));
    Report r;
    DiagList dg = {0};
    small_report(&r);
    assert_int_equal(rep_write(&r, "sarif", NULL, path, &dg), -1);
    assert_int_equal(dg.nerr, 1);
    assert_string_equal(dg.v[0].file, path);
    assert_non_null(strstr(dg.v[0].msg, "does not exist"));
    assert_int_equal(access(path, F_OK), -1);
    diag_clear(&dg);
    report_free(&r);
}

static void unknown_format_is_an_error(void **state)
{
    (void)state;
    Report r;
    DiagList dg = {0};
    small_report(&r);
    assert_int_equal(rep_write(&r, "xml", NULL, "-", &dg), -1);
    assert_int_equal(dg.nerr, 1);
    assert_non_null(strstr(dg.v[0].msg, "unknown report format 'xml'"));
    diag_clear(&dg);
    report_free(&r);
}

static void dash_writes_to_stdout(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/stdout.txt", tmp_dir("write"));
    fflush(stdout);
    int saved = dup(1);
    FILE *f = freopen(path, "w", stdout);
    assert_non_null(f);
    Report r;
    DiagList dg = {0};
    small_report(&r);
    int rc = rep_write(&r, "text", NULL, "-", &dg);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    assert_int_equal(rc, 0);
    FILE *in = fopen(path, "rb");
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, in);
    buf[n] = '\0';
    fclose(in);
    assert_non_null(strstr(buf, "a.c:3:1: error: [R] m\n"));
    report_free(&r);
}

/* A symbolic link to a report: the target is replaced, the link stays, and
 * no temporary file is left beside the link or the target. */
static void symlink_to_a_file_writes_its_target_and_keeps_the_link(void **state)
{
    (void)state;
    char dir[2048], sub[3072], link[4096], target[4096];
    snprintf(dir, sizeof dir, "%s/link", tmp_dir("write"));
    mkdir(dir, 0777);
    snprintf(sub, sizeof sub, "%s/real", dir);
    mkdir(sub, 0777);
    snprintf(target, sizeof target, "%s/r.json", sub);
    snprintf(link, sizeof link, "%s/r.json", dir);
    tmp_write(sub, "r.json", "old contents");
    unlink(link);
    assert_int_equal(symlink("real/r.json", link), 0);
    Report r;
    DiagList dg = {0};
    small_report(&r);
    assert_int_equal(rep_write(&r, "json", NULL, link, &dg), 0);
    assert_int_equal(dg.n, 0);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(lstat(target, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(count_entries(dir), 2);      /* the link and real/ */
    assert_int_equal(count_entries(sub), 1);
    FILE *f = fopen(target, "rb");
    assert_non_null(f);
    char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    cJSON *j = cJSON_Parse(buf);
    assert_non_null(j);
    cJSON_Delete(j);
    report_free(&r);
}

/* A FIFO is written into (a reader is waiting), never replaced by a file. */
static void fifo_is_written_in_place(void **state)
{
    (void)state;
    char dir[2048], path[4096];
    snprintf(dir, sizeof dir, "%s/fifo", tmp_dir("write"));
    mkdir(dir, 0777);
    snprintf(path, sizeof path, "%s/pipe", dir);
    unlink(path);
    assert_int_equal(mkfifo(path, 0600), 0);
    int rd = open(path, O_RDONLY | O_NONBLOCK);   /* the reader, open first */
    assert_true(rd >= 0);
    Report r;
    DiagList dg = {0};
    small_report(&r);
    assert_int_equal(rep_write(&r, "text", NULL, path, &dg), 0);
    assert_int_equal(dg.n, 0);
    char buf[4096];
    ssize_t n = read(rd, buf, sizeof buf - 1);
    close(rd);
    assert_true(n > 0);
    buf[n] = '\0';
    assert_non_null(strstr(buf, "a.c:3:1: error: [R] m\n"));
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(count_entries(dir), 1);
    unlink(path);
    report_free(&r);
}

/* /dev/null, through a symbolic link and directly, stays the device.  The
 * link is tried first: a writer that replaces what it is given replaces
 * only the link, and then the real /dev/null is not tried (run as root, it
 * would replace the device of the whole machine). */
static void dev_null_stays_a_device(void **state)
{
    (void)state;
    struct stat st;
    if (lstat("/dev/null", &st) != 0 || !S_ISCHR(st.st_mode))
        skip();                           /* broken before this test ran */
    char link[4096];
    snprintf(link, sizeof link, "%s/null", tmp_dir("write"));
    unlink(link);
    assert_int_equal(symlink("/dev/null", link), 0);
    Report r;
    DiagList dg = {0};
    small_report(&r);
    assert_int_equal(rep_write(&r, "json", NULL, link, &dg), 0);
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat(link, &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_int_equal(rep_write(&r, "sarif", NULL, "/dev/null", &dg), 0);
    assert_int_equal(dg.n, 0);
    assert_int_equal(lstat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    unlink(link);
    report_free(&r);
}

/* A directory or a dangling link is an error and stays as it was. */
static void directory_and_dangling_link_are_errors(void **state)
{
    (void)state;
    char dir[2048], link[4096];
    snprintf(dir, sizeof dir, "%s/notfile", tmp_dir("write"));
    mkdir(dir, 0777);
    snprintf(link, sizeof link, "%s/dangling", dir);
    unlink(link);
    assert_int_equal(symlink("missing/r.json", link), 0);
    Report r;
    DiagList dg = {0};
    small_report(&r);
    assert_int_equal(rep_write(&r, "json", NULL, dir, &dg), -1);
    assert_int_equal(rep_write(&r, "json", NULL, link, &dg), -1);
    assert_int_equal(dg.nerr, 2);
    assert_non_null(strstr(dg.v[0].msg, "is a directory"));
    assert_non_null(strstr(dg.v[1].msg, "symbolic link to a missing file"));
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(count_entries(dir), 1);
    unlink(link);
    diag_clear(&dg);
    report_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writes_whole_file_and_leaves_no_temporary),
        cmocka_unit_test(missing_directory_is_an_error_and_leaves_nothing),
        cmocka_unit_test(unknown_format_is_an_error),
        cmocka_unit_test(dash_writes_to_stdout),
        cmocka_unit_test(symlink_to_a_file_writes_its_target_and_keeps_the_link),
        cmocka_unit_test(fifo_is_written_in_place),
        cmocka_unit_test(dev_null_stays_a_device),
        cmocka_unit_test(directory_and_dangling_link_are_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
