#!/usr/bin/env bash
# Prints the API section of a CHANGELOG.md entry: the changes from the spec OLD_SPEC_DIR
# (the last release's `spec/`) to NEW_SPEC_DIR (default: this tree's `spec/`), exactly as
# `domaincontext-codegen diff --format markdown` prints them, with every heading one level
# down so that the section sits under the release's `## [x.y.z]` heading.
#
#   git worktree add /tmp/last v0.1.0
#   scripts/changelog-api.sh /tmp/last/spec     # paste under `## [Unreleased]`
#
# Exit status: the tool's (1 a spec has problems, 2 bad usage).
set -euo pipefail
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 OLD_SPEC_DIR [NEW_SPEC_DIR]" >&2
    exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
# `--all-features`: whatever cargo feature the codegen package puts its tool behind is on.
cargo run --quiet --locked --manifest-path "$root/Cargo.toml" -p domaincontext-codegen \
    --all-features -- diff "$1" "${2:-$root/spec}" --format markdown |
    sed 's/^#/##/'
