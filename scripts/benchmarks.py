#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the raw outputs of scripts/benchmarks.sh.

Usage: benchmarks.py OUT_DIR BENCHMARKS.md

Every figure comes from OUT_DIR: divan's trees (bench-N.txt), the wall times of the
scratch builds (build-*-N, rebuild-N), cargo's --timings pages (timings-N.html), the
generated sources of the build (generated/*.rs) and the machine (machine.txt). Prose that
is not a figure comes from scripts/benchmarks-notes.md.
"""

import json
import re
import statistics
import sys
from pathlib import Path

UNITS = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}
TREE = "│├╰─ "


def parse_divan(text):
    """{(bench, group..., name): median seconds} from divan's tree output."""
    out = {}
    path = []
    for line in text.splitlines():
        # [tree prefix] name fastest │ slowest │ median │ mean │ samples │ iters
        stripped = line.lstrip(TREE)
        depth = (len(line) - len(stripped)) // 3
        m = re.match(r"^(\S+)\s+(.*)$", stripped)
        if not m:
            continue
        name, rest = m.group(1), m.group(2)
        # A throughput line under a benchmark: a number, then its unit, and no name.
        if re.match(r"^[\d.]+$", name) and re.match(r"^[KMG]?(item|B)/s\b", rest):
            continue
        if depth == 0:
            path = [name]
            continue
        path = path[: depth] + [name]
        cols = [c.strip() for c in rest.split("│")]
        if len(cols) < 3:
            continue
        median = parse_time(cols[2])
        if median is not None:
            out[tuple(path)] = median
    return out


def parse_time(cell):
    m = re.match(r"^([\d.]+)\s*(ns|µs|us|ms|s)$", cell)
    return float(m.group(1)) * UNITS[m.group(2)] if m else None


def unit_data(html):
    start = html.index("const UNIT_DATA = ") + len("const UNIT_DATA = ")
    data, _ = json.JSONDecoder().raw_decode(html[start:])
    return data


def fmt_time(s):
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.3g} ms"
    if s >= 1e-6:
        return f"{s * 1e6:.3g} µs"
    return f"{s * 1e9:.3g} ns"


def fmt_rate(per_s):
    return f"{per_s:,.0f} /s"


def spread(values, digits=2):
    """`median (min–max)` of ratios across runs."""
    if not values:
        return "n/a"
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:.{digits}f}×"
    return f"{med:.{digits}f}× ({min(values):.{digits}f}–{max(values):.{digits}f})"


def verdict(values, limit, at_most=True):
    if not values:
        return "not measured"
    med = statistics.median(values)
    ok = med <= limit if at_most else med >= limit
    every = all((v <= limit) if at_most else (v >= limit) for v in values)
    if ok:
        return "met" + (" in every run" if every and len(values) > 1 else "")
    miss = (med / limit - 1) if at_most else (1 - med / limit)
    return f"missed by {miss * 100:.0f} %"


# --- generated code: lines per kind of item --------------------------------------------

DYNAMIC_FILES = {"registry.rs"}  # `mod registry` is under `cfg(feature = "dynamic")` in api/lib.rs


def brace_delta(line):
    """Net `{` minus `}` outside string and char literals and comments."""
    depth = 0
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c == "/" and line[i : i + 2] == "//":
            break
        if c == '"':
            i += 1
            while i < n and line[i] != '"':
                i += 2 if line[i] == "\\" else 1
        elif c == "'" and i + 2 < n and (line[i + 2] == "'" or line[i + 1] == "\\"):
            i = line.find("'", i + 2 + (line[i + 1] == "\\"))
            if i < 0:
                break
        elif c in "{(":
            depth += 1
        elif c in "})":
            depth -= 1
        i += 1
    return depth


def kind_of(line):
    s = line.strip()
    s = re.sub(r"^pub(\([^)]*\))? ", "", s)
    m = re.match(r"^impl(<.*?>)?\s+(.*?)\s+for\s", s)
    if m:
        trait = re.sub(r"<.*", "", m.group(2)).split("::")[-1]
        return f"impl {trait}"
    if s.startswith("impl"):
        return "inherent impl"
    m = re.match(r"^(struct|enum|fn|const|static|type|mod|use|trait)\b", s)
    if m:
        return m.group(1)
    m = re.match(r"^([\w:]+)!", s)
    if m:
        return m.group(1).split("::")[-1] + "!"
    return "other"


def split_items(text):
    """Top-level items as (kind, lines, dynamic-only lines)."""
    items = []
    depth = 0
    pending = []  # attribute and doc lines before an item
    current = None  # [kind, lines, dyn_lines, gated]
    gate_depth = None  # depth at which a `cfg(feature = "dynamic")` member is open
    gate_armed = False
    for line in text.splitlines():
        s = line.strip()
        if current is None:
            if not s or s.startswith("//"):
                continue
            if s.startswith("#[") or s.startswith("///") or s.startswith("#!["):
                pending.append(line)
                continue
            gated = any('feature = "dynamic"' in p for p in pending if "cfg" in p)
            current = [kind_of(line), len(pending) + 1, 0, gated]
            pending = []
        else:
            current[1] += 1
        # Members under `#[cfg(feature = "dynamic")]` inside an item.
        if depth > 0 and "cfg" in s and 'feature = "dynamic"' in s and s.startswith("#["):
            gate_armed, gate_depth = True, depth
        if gate_depth is not None:
            current[2] += 1
        start_depth = depth
        depth += brace_delta(line)
        if gate_depth is not None and not s.startswith("#[") and not s.startswith("///"):
            if depth == gate_depth and (s.endswith(("}", ",", ";", "},")) or start_depth == depth):
                gate_depth, gate_armed = None, False
        if depth == 0 and (s.endswith("}") or s.endswith(";") or s.endswith(");")):
            kind, total, dyn, gated = current
            items.append((kind, total, total if gated else dyn))
            current = None
    return items


def generated_report(gen_dir):
    files = sorted(Path(gen_dir).glob("*.rs"))
    per_file = []
    kinds = {}
    for f in files:
        text = f.read_text()
        total = text.count("\n")
        dyn_file = f.name in DYNAMIC_FILES
        items = split_items(text)
        dyn = total if dyn_file else sum(d for _, _, d in items)
        per_file.append((f.name, total, total - dyn))
        counted = 0
        for kind, lines, d in items:
            counted += lines
            k = kinds.setdefault((f.name, kind), [0, 0, 0])
            k[0] += 1
            k[1] += lines
            k[2] += 0 if dyn_file else lines - d
        # Lines outside any item: the file's header comment, blank lines.
        rest = kinds.setdefault((f.name, "(outside items)"), [0, 0, 0])
        rest[1] += total - counted
        rest[2] += 0 if dyn_file else total - counted
    return per_file, kinds


# --- the report -----------------------------------------------------------------------


def main(out_dir, target):
    out = Path(out_dir)
    machine = dict(
        line.split("=", 1) for line in (out / "machine.txt").read_text().splitlines() if "=" in line
    )
    runs = int(machine["runs"])
    benches = [parse_divan((out / f"bench-{r}.txt").read_text()) for r in range(1, runs + 1)]

    def med(run, *path):
        return benches[run].get(path)

    def ratios(num, den, invert=False):
        vals = []
        for r in range(runs):
            a, b = med(r, *num), med(r, *den)
            if a and b:
                vals.append(b / a if invert else a / b)
        return vals

    def median_of(path):
        vals = [med(r, *path) for r in range(runs) if med(r, *path)]
        return statistics.median(vals) if vals else None

    def wall(name):
        vals = []
        for r in range(1, runs + 1):
            p = out / f"{name}-{r}"
            if p.exists():
                vals.append(float(p.read_text().strip()))
        return vals

    timings = [unit_data((out / f"timings-{r}.html").read_text()) for r in range(1, runs + 1)]

    def unit(data, name, mode="todo", target=""):
        for u in data:
            if u["name"] == name and u["mode"] == mode and u["target"].strip() == target:
                return u["duration"]
        return None

    dc_units = [unit(t, "domaincontext") for t in timings]
    rq_units = [unit(t, "reqwest") for t in timings]
    build_ratio = [a / b for a, b in zip(dc_units, rq_units) if a and b]
    client_builds = wall("build-user-client")
    reqwest_builds = wall("build-user-reqwest")
    user_ratio = [a / b for a, b in zip(client_builds, reqwest_builds)]
    rebuilds = wall("rebuild")

    L = []
    w = L.append
    w("# Benchmarks")
    w("")
    w("<!-- Generated by scripts/benchmarks.sh; do not edit by hand: run the script. -->")
    w("")
    w("What the client costs its users, each figure against a baseline measured in the same run:")
    w("build time, encoding, per-request overhead, CLI start-up and the sandbox. Regenerate with")
    w("`scripts/benchmarks.sh` (full: three runs) or `scripts/benchmarks.sh --quick` (one run, short")
    w("divan sample counts). Ratios are medians of the runs, with the min–max across runs in brackets.")
    w("")
    mem_gib = int(machine["memory_kib"]) / (1 << 20)
    w(
        f"Machine: {machine['cpu'] or 'CPU model not reported'}, {machine['cores']} cores, "
        f"{mem_gib:.0f} GiB, {machine['os']}, {machine['rustc']}. Mode: {machine['mode']}, "
        f"{runs} run{'s' if runs > 1 else ''}; the whole script took "
        + (f"{int(machine['elapsed_s']) // 60} min." if 'elapsed_s' in machine else "(not recorded: the run stopped before its end).")
    )
    w("")
    w("## Targets (issue 16)")
    w("")
    w("| target | measured | baseline (same run) | ratio | goal | verdict |")
    w("|---|---|---|---|---|---|")

    def row(what, measured, baseline, vals, goal, limit, at_most=True, digits=2):
        w(f"| {what} | {measured} | {baseline} | {spread(vals, digits)} | {goal} | {verdict(vals, limit, at_most)} |")

    def t_or(v, f=fmt_time):
        return f(v) if v else "n/a"

    med_dc = statistics.median([u for u in dc_units if u]) if any(dc_units) else None
    med_rq = statistics.median([u for u in rq_units if u]) if any(rq_units) else None
    row(
        "clean debug build of the `domaincontext` crate (default features)",
        t_or(med_dc, lambda s: f"{s:.1f} s"),
        f"`reqwest` in the same `--timings`: {t_or(med_rq, lambda s: f'{s:.1f} s')}",
        build_ratio, "≤ 1×", 1.0,
    )
    if rebuilds:
        rb = statistics.median(rebuilds)
        rb_vals = [r / 1.5 for r in rebuilds]
        w(
            f"| rebuild after a one-line spec edit, debug | {rb:.2f} s ({min(rebuilds):.2f}–{max(rebuilds):.2f}) | | "
            f"| < 1.5 s | {verdict(rb_vals, 1.0)} |"
        )
    row(
        "a user crate's clean debug build, all dependencies",
        t_or(statistics.median(client_builds) if client_builds else None, lambda s: f"{s:.1f} s"),
        "a crate of reqwest (rustls, json) + serde (derive) + serde_json: "
        + t_or(statistics.median(reqwest_builds) if reqwest_builds else None, lambda s: f"{s:.1f} s"),
        user_ratio, "≤ 1.25×", 1.25,
    )
    enc = ("encode", "domains_register_10k")
    row(
        "10,000-item domainsRegister validated from text and encoded",
        t_or(median_of(enc + ("validate_and_encode",))),
        "`serde_urlencoded`, same pairs: " + t_or(median_of(enc + ("baseline_serde_urlencoded",))),
        ratios(enc + ("validate_and_encode",), enc + ("baseline_serde_urlencoded",)), "≤ 1.25×", 1.25,
    )
    row(
        "the same request already typed: checked and encoded",
        t_or(median_of(enc + ("encode_typed",))),
        "the same",
        ratios(enc + ("encode_typed",), enc + ("baseline_serde_urlencoded",)), "< 0.8×", 0.8,
    )
    js = ("encode", "domains_register_10k_json")
    row(
        "the same from the CLI's JSON text, parsed and encoded",
        t_or(median_of(js + ("parse_json_and_encode",))),
        "`serde_json::from_str` into `Vec<HashMap<String, String>>` + `serde_urlencoded`: "
        + t_or(median_of(js + ("baseline_serde_json_urlencoded",))),
        ratios(js + ("parse_json_and_encode",), js + ("baseline_serde_json_urlencoded",)), "≤ 1.5×", 1.5,
    )
    pr = ("request", "per_request")
    batch = 100

    def rate(path):
        t = median_of(path)
        return fmt_rate(batch / t) if t else "n/a"

    row(
        "requests a second, generated client (`call_raw`), loopback, limiter off",
        rate(pr + ("generated_call_raw",)),
        "raw reqwest, same prebuilt form: " + rate(pr + ("baseline_raw_reqwest",)),
        ratios(pr + ("generated_call_raw",), pr + ("baseline_raw_reqwest",), invert=True),
        "≥ 0.97×", 0.97, at_most=False,
    )
    ta = ("request", "typed_answer")
    row(
        "the same with the answer decoded into `DomainInfo`",
        rate(ta + ("generated_typed",)),
        "raw reqwest + `serde_json::from_slice::<DomainInfo>`: " + rate(ta + ("baseline_reqwest_from_slice",)),
        ratios(ta + ("generated_typed",), ta + ("baseline_reqwest_from_slice",), invert=True),
        "≥ 0.9×", 0.9, at_most=False,
    )
    for cmd, label in (("help", "`domaincontext --help`"), ("commands", "`domaincontext commands`")):
        vals = [med(r, "cli_start", cmd) for r in range(runs) if med(r, "cli_start", cmd)]
        base = median_of(("cli_start", "baseline_true"))
        if vals:
            m = statistics.median(vals)
            w(
                f"| {label}, wall, median of {'5' if machine['mode'] == 'quick' else '30'} (release build) | {fmt_time(m)} ({fmt_time(min(vals))}–{fmt_time(max(vals))}) "
                f"| spawning `true`: {t_or(base)} | | < 10 ms | {verdict([v / 0.010 for v in vals], 1.0)} |"
            )
        else:
            w(f"| {label} | not measured (no release binary) | | | < 10 ms | not measured |")
    sc = ("sandbox", "concurrent_64")
    conc = 64 * 20
    t_sb, t_hy = median_of(sc + ("sandbox_domain_get_info",)), median_of(sc + ("baseline_hyper_hello",))
    row(
        "sandbox, domainGetInfo, 64 concurrent connections",
        fmt_rate(conc / t_sb) if t_sb else "n/a",
        "hyper hello-world: " + (fmt_rate(conc / t_hy) if t_hy else "n/a"),
        ratios(sc + ("sandbox_domain_get_info",), sc + ("baseline_hyper_hello",), invert=True),
        "≥ 0.5×", 0.5, at_most=False,
    )
    w("")

    # Build details.
    w("## Build")
    w("")
    w("Each run builds two scratch crates in `/tmp`, each in an empty target directory, in debug:")
    w("one depending on `domaincontext` (and naming `reqwest` with the client's features, so one")
    w("`cargo build --timings` shows both crates), and one depending on reqwest (rustls, json), serde")
    w("(derive) and serde_json, both not incremental (as dependencies from crates.io compile). Then")
    w("the first crate is built once incrementally (as a local crate is in debug), a description line")
    w("of `spec/commands/1-domains.yaml` is edited and the rebuild timed (the edit is undone after):")
    w("the build script runs again, then the crate is recompiled.")
    w("")
    w("| run | `domaincontext` crate | `reqwest` crate | build script run | user crate, all deps | reqwest + serde crate | rebuild after the spec edit |")
    w("|---|---|---|---|---|---|---|")
    for r in range(runs):
        bs = unit(timings[r], "domaincontext", mode="run-custom-build", target="build script (run)") or next(
            (u["duration"] for u in timings[r] if u["name"] == "domaincontext" and u["mode"] == "run-custom-build"), None
        )
        cells = [
            dc_units[r], rq_units[r], bs,
            client_builds[r] if r < len(client_builds) else None,
            reqwest_builds[r] if r < len(reqwest_builds) else None,
            rebuilds[r] if r < len(rebuilds) else None,
        ]
        w(f"| {r + 1} | " + " | ".join(f"{c:.2f} s" if c else "n/a" for c in cells) + " |")
    w("")
    units = sorted(timings[0], key=lambda u: -u["duration"])[:12]
    w("The longest units of run 1's clean build of the user crate (2 cores: units overlap):")
    w("")
    w(", ".join(f"`{u['name']}`{(' ' + u['target'].strip()) if u['target'].strip() else ''} {u['duration']:.1f} s" for u in units) + ".")
    w("")
    deps = []
    for line in (out / "codegen-deps.txt").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] not in [d[0] for d in deps]:
            deps.append((parts[0], parts[1]))
    total = 0.0
    listed = []
    for name, version in deps:
        d = sum(u["duration"] for u in timings[0] if u["name"] == name and u["mode"] == "todo")
        total += d
        listed.append(f"`{name}` {version} {d:.1f} s")
    w(
        f"The build script's dependency, `domaincontext-codegen` with its default features off, and what"
        f" it pulls in ({len(deps)} crates, {total:.1f} s of compile time in run 1, some of it shared with"
        f" the client's own dependencies): " + ", ".join(listed) + "."
    )
    w("")

    # Before and after, same run.
    if (out / "timings-before.html").exists():
        before = unit_data((out / "timings-before.html").read_text())
        gen_before = sum(f.read_text().count("\n") for f in (out / "generated-before").glob("*.rs"))
        pf, _ = generated_report(out / "generated")
        after_all = sum(t for _, t, _ in pf)
        after_default = sum(d for _, _, d in pf)

        def deps_of(name):
            found = []
            for line in (out / name).read_text().splitlines():
                parts = line.split()
                if len(parts) >= 2 and parts[0] not in found:
                    found.append(parts[0])
            return found

        def compile_of(data, names):
            return sum(u["duration"] for u in data if u["name"] in names and u["mode"] == "todo")

        dep_before, dep_after = deps_of("codegen-deps-before.txt"), deps_of("codegen-deps.txt")
        dc_before, dc_after = unit(before, "domaincontext"), dc_units[0]
        rq_before = unit(before, "reqwest")
        w("## Before and after")
        w("")
        w(
            f"The crate before this round's work (commit `{machine.get('before', '?')}`) and now, built the same"
            " way in run 1 of this run (a scratch crate in an empty target directory, debug, not incremental)."
        )
        w("")
        w("| | before | now |")
        w("|---|---|---|")
        cell = lambda v: f"{v:.1f} s" if v else "n/a"
        w(f"| `domaincontext` crate, clean debug build, default features | {cell(dc_before)} | {cell(dc_after)} |")
        w(f"| `reqwest` in the same build, for scale | {cell(rq_before)} | {cell(rq_units[0])} |")
        w(f"| generated lines, default features | {gen_before:,} | {after_default:,} |")
        w(f"| generated lines, with `dynamic` | {gen_before:,} (no such feature: all compiled) | {after_all:,} |")
        w(
            f"| build script's dependency tree (`domaincontext-codegen`, default features off) | {len(dep_before)} crates |"
            f" {len(dep_after)} crates |"
        )
        w(
            f"| `domaincontext-codegen` compile time in that build | {cell(compile_of(before, ['domaincontext-codegen']))} |"
            f" {cell(compile_of(timings[0], ['domaincontext-codegen']))} |"
        )
        w(
            f"| the whole build-script tree's compile time | {cell(compile_of(before, dep_before))} |"
            f" {cell(compile_of(timings[0], dep_after))} |"
        )
        w("")

    # Generated code.
    per_file, kinds = generated_report(out / "generated")
    all_lines = sum(t for _, t, _ in per_file)
    default_lines = sum(d for _, _, d in per_file)
    w("## Generated code")
    w("")
    w(
        f"Counted in the `OUT_DIR` of run 1's build: {all_lines:,} lines compiled with the `dynamic`"
        f" feature (the CLI and the sandbox), {default_lines:,} with the default features (a library user)."
    )
    w("")
    w("| file | lines (`dynamic`) | lines (default) |")
    w("|---|---|---|")
    for name, total_lines, d in per_file:
        w(f"| {name} | {total_lines:,} | {d:,} |")
    w("")
    w("Where the lines go, by kind of top-level item (attributes and docs counted with their item):")
    w("")
    w("| file | item | count | lines (`dynamic`) | lines (default) |")
    w("|---|---|---|---|---|")
    for (file, kind), (count, lines, dflt) in sorted(kinds.items(), key=lambda kv: -kv[1][1]):
        if lines:
            w(f"| {file} | {kind} | {count:,} | {lines:,} | {dflt:,} |")
    w("")

    # Every benchmark.
    w("## Every benchmark")
    w("")
    w("Divan's median of each benchmark in each run (`cargo bench --bench encode --bench request --bench sandbox --bench cli_start`).")
    w("")
    w("| benchmark | " + " | ".join(f"run {r + 1}" for r in range(runs)) + " |")
    w("|---|" + "---|" * runs)
    keys = []
    for b in benches:
        for k in b:
            if k not in keys:
                keys.append(k)
    for k in keys:
        w(f"| `{' › '.join(k)}` | " + " | ".join(t_or(b.get(k)) for b in benches) + " |")
    w("")
    bulk_lines = [
        line for r in range(1, runs + 1)
        for line in (out / f"bench-{r}.txt").read_text().splitlines() if line.startswith("bulk 100,000")
    ]
    if bulk_lines:
        w("The sandbox benchmark's 100,000-item bulk run: " + "; ".join(bulk_lines) + ".")
        w("")
    gen = out / "generate.txt"
    if gen.exists():
        g = parse_divan(gen.read_text())
        w("## Generation")
        w("")
        w("`cargo bench --bench generate`, once: load, check, emit and format the spec, and synthetic")
        w("specs 10 and 100 times its size (every command repeated under a new name).")
        w("")
        w("| benchmark | median |")
        w("|---|---|")
        for k, v in g.items():
            w(f"| `{' › '.join(k)}` | {fmt_time(v)} |")
        w("")
    notes = Path(__file__).with_name("benchmarks-notes.md")
    if notes.exists():
        w(notes.read_text().rstrip())
        w("")
    Path(target).write_text("\n".join(L))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: benchmarks.py OUT_DIR BENCHMARKS.md")
    main(sys.argv[1], sys.argv[2])
