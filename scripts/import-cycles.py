#!/usr/bin/env python3
"""Import cycles between the files of each crate source folder given (ARCHITECTURE.md:
no file imports a file that imports it back, directly or around a loop).

An edge a -> b is a `crate::b...` or `super::b...` path in a's code (comments and a
trailing `#[cfg(test)] mod tests` are left out); a module's use of its own children is
the module tree, not an edge; `crate::Name` re-exported at the root names no file.
Prints each crate's cycles; exits 1 when there is one.

    scripts/import-cycles.py api cli/src codegen/src sandbox/src testkit/src
"""
import os, re, sys, collections
def modules(src):
    mods = {}
    for root, _, files in os.walk(src):
        for f in files:
            if not f.endswith('.rs'): continue
            p = os.path.join(root, f)
            rel = os.path.relpath(p, src)[:-3]
            parts = rel.split(os.sep)
            if parts[-1] in ('mod', 'lib', 'main'): parts = parts[:-1]
            mods['::'.join(parts)] = p
    return mods
def resolve(mods, path):
    # longest module prefix of path
    parts = path.split('::')
    for n in range(len(parts), 0, -1):
        m = '::'.join(parts[:n])
        if m in mods: return m
    return None
def graph(src):
    mods = modules(src)
    g = collections.defaultdict(set)
    for m, p in mods.items():
        text = open(p).read()
        text = re.sub(r'#\[cfg\(test\)\]\s*mod tests \{.*', '', text, flags=re.S)
        text = re.sub(r'//[^\n]*', '', text)
        for use in re.findall(r'use\s+crate::\{([^;]*)\};', text, flags=re.S):
            for item in re.split(r',\s*(?![^{]*\})', use):
                item = item.strip()
                if not item: continue
                head = re.split(r'::\{|\s', item)[0]
                t = resolve(mods, head.replace('::{',''))
                if t and t != m and not m.startswith(t + '::') and t != '': g[m].add(t)
        for path in re.findall(r'crate::((?:[a-z_0-9]+::)*[a-z_0-9]+)', text):
            t = resolve(mods, path)
            if t and t != m and t != '' and not t.startswith(m + '::') : g[m].add(t)
        parent = m.rsplit('::', 1)[0] if '::' in m else ''
        for path in re.findall(r'super::((?:[a-z_0-9]+::)*[a-z_0-9]+)', text):
            full = (parent + '::' + path) if parent else path
            t = resolve(mods, full)
            if t and t != m and not t.startswith(m + '::'): g[m].add(t)
    # a parent importing its own child is the module tree, not a cycle edge
    for m in list(g):
        g[m] = {t for t in g[m] if not t.startswith(m + '::')}
    return g
def sccs(g):
    index, low, st, on, out, i = {}, {}, [], set(), [], [0]
    nodes = set(g) | {t for v in g.values() for t in v}
    sys.setrecursionlimit(10000)
    def visit(v):
        index[v] = low[v] = i[0]; i[0] += 1; st.append(v); on.add(v)
        for w in g.get(v, ()):
            if w not in index: visit(w); low[v] = min(low[v], low[w])
            elif w in on: low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = st.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1: out.append(sorted(comp))
    for v in sorted(nodes):
        if v not in index: visit(v)
    return out
found = False
for src in sys.argv[1:]:
    g = graph(src)
    c = sccs(g)
    print(src, 'cycles:', c if c else 'none')
    for comp in c:
        found = True
        for a in comp:
            print('   ', a, '->', sorted(t for t in g[a] if t in comp))
sys.exit(1 if found else 0)
