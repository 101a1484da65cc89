#!/usr/bin/env bash
# Regenerates BENCHMARKS.md from one run: the divan benchmarks and the build measurements,
# three times over (once with --quick), then scripts/benchmarks.py writes the report.
#
#   scripts/benchmarks.sh           # full: 3 runs, divan's sample counts (about 8 min on 2 cores)
#   scripts/benchmarks.sh --quick   # 1 run, 5 samples a benchmark (about 6 min)
#   KEEP=1 scripts/benchmarks.sh    # keep the raw outputs (the script prints where)
#   BEFORE=<commit> scripts/benchmarks.sh   # the "before" of the before/after table
#                                   # (default 4c82981: the crate before serde, typed answers
#                                   # and the architecture work)
#
# Scratch crates and their target directories live in a temporary directory under /tmp,
# deleted at the end. Run it on a quiet machine: every figure is a ratio to a baseline
# measured in the same run, but noise still widens the min/max.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
mode=full
runs=3
divan_args=()
case "${1:-}" in
  --quick) mode=quick; runs=1; divan_args=(--sample-count 5) ;;
  "") ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac

# Not incremental: as a dependency from crates.io compiles (and as the worktree's target
# directory was built). The spec-edit rebuild sets it back on for itself.
export CARGO_INCREMENTAL=0
out=$(mktemp -d /tmp/domaincontext-bench.XXXXXX)
spec_file="$root/spec/commands/1-domains.yaml"
cp "$spec_file" "$out/spec-backup.yaml"
cleanup() {
  # The spec edit of the rebuild measure is always undone.
  cp "$out/spec-backup.yaml" "$spec_file"
  if [[ -n "${KEEP:-}" ]]; then echo "raw outputs kept in $out" >&2; else rm -rf "$out"; fi
}
trap cleanup EXIT
started=$(date +%s)
log() { echo "[$(( $(date +%s) - started ))s] $*" >&2; }

# The machine.
{
  echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "cores=$(nproc)"
  echo "memory_kib=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "rustc=$(rustc --version)"
  echo "mode=$mode"
  echo "runs=$runs"
} > "$out/machine.txt"

# Scratch crates: a user crate of the client (it also names reqwest, with the client's
# features, so that one --timings run shows both crates), and one of reqwest and serde.
reqwest_version=$(cargo metadata --manifest-path "$root/Cargo.toml" --format-version 1 --locked \
  | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="reqwest"))')
scratch() {
  local name=$1 deps=$2 body=$3
  mkdir -p "$out/$name/src"
  printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2024"\n\n[workspace]\n\n[dependencies]\n%s\n' \
    "$name" "$deps" > "$out/$name/Cargo.toml"
  printf '%s\n' "$body" > "$out/$name/src/main.rs"
  # The workspace's lock, so that both crates build the same versions; cargo prunes it.
  cp "$root/Cargo.lock" "$out/$name/Cargo.lock"
}
scratch user-client \
  "domaincontext = { path = \"$root\" }
reqwest = { version = \"=$reqwest_version\", default-features = false, features = [\"rustls-tls\"] }" \
  'fn main() { let _ = domaincontext::Client::builder(); let _ = reqwest::Client::new(); }'
scratch user-reqwest \
  "reqwest = { version = \"=$reqwest_version\", default-features = false, features = [\"rustls-tls\", \"json\"] }
serde = { version = \"1\", features = [\"derive\"] }
serde_json = \"1\"" \
  '#[derive(serde::Deserialize)] struct A { _a: Option<String> } fn main() { let _ = reqwest::Client::new(); let _: Option<A> = serde_json::from_str("{}").ok(); }'

# The crate as it was before this round's work, from git, built the same way once in run 1:
# the before/after table (the client crate's compile time, its generated lines, the build
# script's dependencies) compares the two in the same run.
before=${BEFORE:-4c82981}
mkdir -p "$out/before-tree"
git -C "$root" archive "$before" | tar -x -C "$out/before-tree"
scratch user-client-before \
  "domaincontext = { path = \"$out/before-tree\" }
reqwest = { version = \"=$reqwest_version\", default-features = false, features = [\"rustls-tls\"] }" \
  'fn main() { let _ = domaincontext::Client::builder(); let _ = reqwest::Client::new(); }'
cp "$out/before-tree/Cargo.lock" "$out/user-client-before/Cargo.lock"
echo "before=$(git -C "$root" rev-parse --short "$before")" >> "$out/machine.txt"
(cd "$out/before-tree" && cargo tree -p domaincontext-codegen --no-default-features -e normal \
  --prefix none --format '{p}' > "$out/codegen-deps-before.txt")

# Wall time of a command, in seconds, into $out/$2.
timed() {
  local file=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > "$out/$file.log" 2>&1 || { cat "$out/$file.log" >&2; return 1; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc > "$out/$file"
}

build_run() {
  local run=$1 target
  for crate in user-client user-reqwest; do
    target="$out/target-$crate"
    rm -rf "$target"
    log "run $run: clean debug build of $crate"
    (cd "$out/$crate" && CARGO_TARGET_DIR="$target" timed "build-$crate-$run" cargo build --timings)
  done
  cp "$out/target-user-client/cargo-timings/cargo-timing.html" "$out/timings-$run.html"
  if [[ $run == 1 ]]; then
    target="$out/target-user-client-before"
    log "run $run: clean debug build of the crate before ($before)"
    (cd "$out/user-client-before" && CARGO_TARGET_DIR="$target" timed "build-user-client-before-$run" cargo build --timings)
    cp "$target/cargo-timings/cargo-timing.html" "$out/timings-before.html"
    mkdir -p "$out/generated-before"
    cp "$target"/debug/build/domaincontext-*/out/*.rs "$out/generated-before/"
    rm -rf "$target"
    # The generated code, as compiled for a user (the registry is compiled only with `dynamic`).
    mkdir -p "$out/generated"
    cp "$out"/target-user-client/debug/build/domaincontext-*/out/*.rs "$out/generated/"
  fi
  log "run $run: rebuild after a one-line spec edit"
  # The clean builds above compile as a crates.io dependency does (not incremental); one
  # who edits the spec works on a local crate, which debug builds compile incrementally:
  # the incremental state is made first, then the edit is timed.
  (cd "$out/user-client" && CARGO_TARGET_DIR="$out/target-user-client" CARGO_INCREMENTAL=1 \
    timed "incremental-$run" cargo build)
  sed -i '0,/^    description: /s//    description: (edited) /' "$spec_file"
  (cd "$out/user-client" && CARGO_TARGET_DIR="$out/target-user-client" CARGO_INCREMENTAL=1 \
    timed "rebuild-$run" cargo build)
  cp "$out/spec-backup.yaml" "$spec_file"
  rm -rf "$out/target-user-client" "$out/target-user-reqwest"
}

log "building the benchmarks and the release CLI"
(cd "$root" && cargo bench --locked --no-run --bench encode --bench request --bench sandbox \
  --bench cli_start --bench generate > "$out/bench-build.log" 2>&1) || { cat "$out/bench-build.log" >&2; exit 1; }
(cd "$root" && cargo build --locked --release -p domaincontext-cli > "$out/cli-build.log" 2>&1) \
  || { cat "$out/cli-build.log" >&2; exit 1; }
(cd "$root" && cargo tree --locked -p domaincontext-codegen --no-default-features -e normal \
  --prefix none --format '{p}' > "$out/codegen-deps.txt")

for run in $(seq 1 "$runs"); do
  log "run $run: cargo bench"
  quick_env=()
  [[ $mode == quick ]] && quick_env=(DOMAINCONTEXT_BENCH_QUICK=1)
  (cd "$root" && env "${quick_env[@]}" cargo bench --locked --bench encode --bench request \
    --bench sandbox --bench cli_start -- "${divan_args[@]}" > "$out/bench-$run.txt" 2> "$out/bench-$run.err") \
    || { cat "$out/bench-$run.err" >&2; exit 1; }
  build_run "$run"
done
# The generator's own benchmark (`cargo bench --bench generate`: load, check, emit for 1, 10
# and 100 copies of the spec's commands) is not part of this report: it measures the tool,
# not what the client costs its users, and its 100-copy case takes minutes a sample.

echo "elapsed_s=$(( $(date +%s) - started ))" >> "$out/machine.txt"
python3 "$root/scripts/benchmarks.py" "$out" "$root/BENCHMARKS.md"
log "wrote $root/BENCHMARKS.md"
