#!/usr/bin/python3
"""front_corpus.py - measure the front end on driver trees.

usage: front_corpus.py [--instructions] DRVCHECK MODEL_DIR TREE...
(MODEL_DIR: the rules/wdk folder; drvcheck gets its parent as DRVCHECK_RULES_DIR)
--instructions: also count the instructions both execute (valgrind's
callgrind; about 50 times slower), a ratio that does not move with the
machine's load.

Per tree (every .c below it but those another one #includes, -I every
folder below it that holds a .h, and the defines of a WDK `sources` file
in the file's folder, as a directory scan does; clang gets the same):
  - files whose `drvcheck cfg` reports no error (after recovery) / files;
  - call sites of NdisMRegisterInterruptEx / NdisMDeregisterInterruptEx /
    NdisMSynchronizeWithInterruptEx in the text (comments and #define lines
    excluded) and how many appear as CALL steps in the printed CFGs;
  - time of `drvcheck cfg` over the files against `clang -fsyntax-only` with
    the same flags, measured in the same run, and their ratio: wall-clock,
    and CPU time (user+sys of the child processes, steadier on a busy
    machine).  clang finds the tree's headers whatever the case of the
    #include, as drvcheck does (a VFS overlay), and finds empty the headers
    no folder holds that drvcheck parsed as empty stand-ins (without them
    clang stops at the first missing one, a fatal error), so both parse the
    same code.
Never commit the trees measured: they are other people's code."""
import atexit
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

APIS = ["NdisMRegisterInterruptEx", "NdisMDeregisterInterruptEx",
        "NdisMSynchronizeWithInterruptEx"]
DEFINES = ["-D_KERNEL_MODE=1", "-D_AMD64_=1", "-D_WIN64=1", "-DNDIS_MINIPORT_DRIVER=1",
           "-DNDIS_WDM=1", "-DDBG=0"]


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    out, in_define = [], False
    for line in text.split("\n"):
        if re.match(r"\s*#\s*define\b", line) or in_define:
            in_define = line.rstrip().endswith("\\")
            continue
        out.append(line)
    return "\n".join(out)


def grep_calls(path):
    with open(path, errors="replace") as f:
        text = strip_comments(f.read())
    return [len(re.findall(r"\b%s\s*\(" % a, text)) for a in APIS]


def fragments(cfiles, incs):
    """The .c files another one #includes (wireguard-nt's selftest files):
    a directory scan leaves them to their includer (src/cli/fragments.c),
    so they are measured as part of it, not on their own."""
    lower = {os.path.normpath(c).lower(): c for c in cfiles}
    out = set()
    for c in cfiles:
        with open(c, errors="replace") as f:
            text = strip_comments(f.read())
        for m in re.finditer(r'^\s*#\s*include\s*([<"])([^">\n]+\.[cC])[">]', text, re.M):
            dirs = ([] if m.group(1) == "<" else [os.path.dirname(c)]) + incs
            for d in dirs:
                hit = lower.get(os.path.normpath(os.path.join(d, m.group(2))).lower())
                if hit and hit != c:
                    out.add(hit)
                    break
    return out


def case_overlay(tree):
    """A clang VFS overlay that finds the tree's headers whatever the case of
    the #include (Windows file systems ignore case; drvcheck does too), so the
    clang reference parses what drvcheck parses.  Returns its path."""
    roots = []
    for d, _, names in sorted(os.walk(os.path.abspath(tree))):
        hs = [n for n in sorted(names) if n.lower().endswith((".h", ".hpp", ".tmh"))]
        if hs:
            roots.append({"type": "directory", "name": d,
                          "contents": [{"type": "file", "name": n,
                                        "external-contents": os.path.join(d, n)} for n in hs]})
    fd, path = tempfile.mkstemp(suffix=".yaml")
    with os.fdopen(fd, "w") as f:
        json.dump({"version": 0, "case-sensitive": "false", "roots": roots}, f)
    atexit.register(os.unlink, path)
    return path


def instructions(cmd, env=None):
    """Instructions cmd executes, with the processes it starts (clang runs one
    compiler process per file when given several), by valgrind's callgrind (0
    if unavailable)."""
    out = tempfile.mkdtemp(prefix="drvcheck-cg-")
    total = 0
    try:
        subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                        "--callgrind-out-file=" + os.path.join(out, "cg.%p")] + cmd,
                       capture_output=True, env=env)
        for name in os.listdir(out):
            with open(os.path.join(out, name)) as f:
                for line in f:
                    if line.startswith("summary:") or line.startswith("totals:"):
                        total += int(line.split()[1])
                        break
    except (OSError, ValueError, IndexError):
        pass
    finally:
        shutil.rmtree(out, True)
    return total


def clang_args(model, overlay, defs, iargs, standins):
    return (["clang", "-fsyntax-only", "-w", "-ferror-limit=0",
             "--target=x86_64-pc-windows-msvc", "-fms-extensions",
             "-fms-compatibility", "-isystem", model, "-ivfsoverlay", overlay]
            + DEFINES + list(defs) + iargs + ["-idirafter", standins])


def scan_split(cmd, env):
    """Instructions of a drvcheck scan (callgrind): (all but the engine's, the
    parse jobs' alone), inclusive; (0, 0) if unavailable."""
    fd, out = tempfile.mkstemp(suffix=".cg")
    os.close(fd)
    try:
        subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + cmd,
                       capture_output=True, env=env)
        txt = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                             capture_output=True, text=True).stdout

        def total(pattern):
            return sum(int(m.group(1).replace(",", ""))
                       for m in re.finditer(r"^ *([0-9,]+) .*%s \[" % pattern, txt, re.M))
        m = re.search(r"^ *([0-9,]+) .*PROGRAM TOTALS", txt, re.M)
        everything = int(m.group(1).replace(",", "")) if m else 0
        engine = total(r"src/engine/harness\.c:(eng_check|eng_prepare)")
        return everything - engine, total(r"src/front/parse\.c:parse_job")
    except (OSError, ValueError):
        return 0, 0
    finally:
        os.unlink(out)


def whole_tree(drvcheck, tree, model, overlay, groups, iargs, standins, count):
    """A scan parses the whole tree in one process (and shares the headers files
    start with, src/front/shared.c): `drvcheck scan -j 1` (its CPU time but the
    engine's, from --stats) against clang -fsyntax-only over the same files, one
    process per set of defines."""
    env = dict(os.environ, DRVCHECK_RULES_DIR=os.path.dirname(model))
    c0 = cpu()
    for defs, files in sorted(groups.items()):
        subprocess.run(clang_args(model, overlay, defs, iargs, standins) + files,
                       capture_output=True)
    c_clang = cpu() - c0
    scan = [drvcheck, "scan", "-j", "1", "--stats", "--no-progress", tree]
    c0 = cpu()
    p = subprocess.run(scan, capture_output=True, text=True, errors="replace", env=env)
    c_scan = cpu() - c0
    m = re.search(r"CPU time: parse\+lower ([0-9.]+) ms, engine ([0-9.]+) ms", p.stderr)
    c_front = float(m.group(1)) / 1000 if m else 0.0
    c_engine = float(m.group(2)) / 1000 if m else 0.0
    # everything but the engine: process start, rules, parsing, lowering, the report
    c_drv = c_scan - c_engine
    print("%-16s whole tree: drvcheck scan -j 1 but its engine, CPU %.2fs (parse+lower %.2fs) / "
          "clang -fsyntax-only (%d process(es)) %.2fs = %.2f"
          % ("", c_drv, c_front, len(groups), c_clang, c_drv / max(c_clang, 1e-9)))
    if count:
        i_clang = sum(instructions(clang_args(model, overlay, defs, iargs, standins) + files)
                      for defs, files in sorted(groups.items()))
        i_drv, i_jobs = scan_split(scan, env)
        print("%-16s whole tree instructions: drvcheck scan but its engine %.0fM (parse jobs %.0fM)"
              " / clang -fsyntax-only %.0fM = %.2f"
              % ("", i_drv / 1e6, i_jobs / 1e6, i_clang / 1e6, i_drv / max(i_clang, 1)))


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main():
    args = sys.argv[1:]
    count = bool(args) and args[0] == "--instructions"
    if count:
        args = args[1:]
    drvcheck, model, trees = args[0], os.path.abspath(args[1]), args[2:]
    env = dict(os.environ, DRVCHECK_RULES_DIR=os.path.dirname(model), DRVCHECK_FRONT_STATS="1")
    for tree in trees:
        cfiles, incs = [], []
        for d, _, names in sorted(os.walk(tree)):
            if any(n.lower().endswith(".h") for n in names):
                incs.append(d)
            cfiles += [os.path.join(d, n) for n in sorted(names) if n.endswith(".c")]
        frag = fragments(cfiles, incs)
        cfiles = [c for c in cfiles if c not in frag]
        iargs = [a for d in incs for a in ("-I", d)]
        overlay = case_overlay(tree)
        standins = tempfile.mkdtemp(prefix="drvcheck-standins-")
        atexit.register(shutil.rmtree, standins, True)
        clean, want, got, t_drv, t_clang = 0, [0] * 3, [0] * 3, 0.0, 0.0
        rounds, t_parse, t_lower, c_drv, c_clang = 0, 0.0, 0.0, 0.0, 0.0
        i_drv, i_clang = 0, 0
        groups = {}          # the file's defines -> its files, for the whole-tree run
        for c in cfiles:
            for i, n in enumerate(grep_calls(c)):
                want[i] += n
            t0, c0 = time.perf_counter(), cpu()
            p = subprocess.run([drvcheck, "cfg", c] + iargs, capture_output=True, text=True,
                               errors="replace", env=env)
            t_drv += time.perf_counter() - t0
            c_drv += cpu() - c0
            if " error: " not in p.stderr:
                clean += 1
            m = re.search(r"front: .*: (\d+) round\(s\) parse ([0-9.]+)s, lower ([0-9.]+)s", p.stderr)
            if m:
                rounds += int(m.group(1))
                t_parse += float(m.group(2))
                t_lower += float(m.group(3))
            for i, a in enumerate(APIS):
                got[i] += len(re.findall(r"call %s\(" % a, p.stdout))
            # the build defines drvcheck took from the folder's WDK `sources`
            d = re.search(r"^front: defines: (.*)$", p.stderr, re.M)
            # the headers no folder holds, which drvcheck parsed as empty: clang
            # gets them empty too, or it stops at the first (a fatal error) and
            # parses less than drvcheck does
            for name in re.findall(r"^front: stand-in: (.*)$", p.stderr, re.M):
                path = os.path.join(standins, name.replace("\\", "/"))
                if os.path.realpath(path).startswith(standins + os.sep):
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    open(path, "a").close()
            defs = tuple(d.group(1).split() if d else [])
            groups.setdefault(defs, []).append(c)
            clang = clang_args(model, overlay, defs, iargs, standins) + [c]
            t0, c0 = time.perf_counter(), cpu()
            subprocess.run(clang, capture_output=True)
            t_clang += time.perf_counter() - t0
            c_clang += cpu() - c0
            if count:
                i_drv += instructions([drvcheck, "cfg", c] + iargs, env)
                i_clang += instructions(clang)
        n = len(cfiles)
        print("%-16s files %3d  zero-error %3d/%-3d (%3.0f%%)  Reg/Dereg/Sync calls %s / grep %s"
              % (os.path.basename(tree.rstrip("/")), n, clean, n, 100.0 * clean / max(n, 1),
                 "/".join(map(str, got)), "/".join(map(str, want))))
        print("%-16s drvcheck cfg %.2fs / clang -fsyntax-only %.2fs = %.2f (CPU %.2fs / %.2fs = %.2f);"
              "  parse rounds %d (%.2f per file) %.2fs, lowering %.3fs = %.3f of clang's time"
              % ("", t_drv, t_clang, t_drv / max(t_clang, 1e-9), c_drv, c_clang,
                 c_drv / max(c_clang, 1e-9), rounds, rounds / max(n, 1),
                 t_parse, t_lower, t_lower / max(t_clang, 1e-9)))
        if count:
            print("%-16s instructions: drvcheck cfg %.0fM / clang -fsyntax-only %.0fM = %.2f"
                  % ("", i_drv / 1e6, i_clang / 1e6, i_drv / max(i_clang, 1)))
        whole_tree(drvcheck, tree, model, overlay, groups, iargs, standins, count)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
