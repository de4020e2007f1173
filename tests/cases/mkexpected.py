#!/usr/bin/python3
"""mkexpected.py CASEDIR...: rewrite each case's expected.txt from its `// defect: Rule[, Rule] [(via MACRO)]`
markers and print every expectation with its source line and a caret, for review.
Run it after editing a case (lines move); columns: the API call (or the macro named after
"via"), the `return` keyword, or a line-leading `}`."""
import os, re, sys
API = {
    'NdisMDeregisterInterruptEx': ['NdisMSynchronizeWithInterruptEx'],
    'Init_RegisterInterrupt': ['return', '}'],
    'NdisSpinLock': ['NdisAcquireSpinLock', 'NdisDprAcquireSpinLock', 'NdisReleaseSpinLock',
                     'NdisDprReleaseSpinLock', 'return', '}'],
    'NdisStallExecution_Delay': ['NdisStallExecution'],
}
def col_of(code, tok):
    if tok == '}':
        i = code.find('}')
        return i + 1 if i >= 0 and code[:i].strip() == '' else 0
    m = re.search(r'\b' + re.escape(tok) + r'\b', code)
    return m.start() + 1 if m else 0
def scan(case):
    out = []
    for root, _, files in os.walk(case):
        for f in files:
            if not f.endswith(('.c', '.h')):
                continue
            p = os.path.join(root, f)
            rel = os.path.relpath(p, case)
            for n, line in enumerate(open(p, encoding='utf-8'), 1):
                m = re.search(r'//\s*defect:\s*([A-Za-z_, ]+?)\s*(\(via ([A-Za-z_0-9]+)\))?\s*$', line)
                if not m:
                    continue
                code = line[:m.start()]
                for rule in [r.strip() for r in m.group(1).split(',')]:
                    assert rule in API, (p, n, rule)
                    toks = [m.group(3)] if m.group(3) else API[rule]
                    c = 0
                    for t in toks:
                        c = col_of(code, t)
                        if c:
                            break
                    assert c, ('no token', p, n, line)
                    out.append((f'{rel}:{n}:{c}: [{rule}]', line.rstrip('\n'), c))
    out.sort(key=lambda x: x[0])
    with open(os.path.join(case, 'expected.txt'), 'w') as fh:
        for e, _, _ in out:
            fh.write(e + '\n')
    for e, line, c in out:
        print(e)
        print('    ' + line)
        print('    ' + ' ' * (c - 1) + '^')
    if not out:
        print(os.path.basename(case) + ': clean')
for c in sys.argv[1:]:
    scan(c.rstrip('/'))
