#!/usr/bin/env bash
# Builds hexdb 1.0 exactly as released (commit 7ee86af) into DIR (default tmp_check/hexdb-1.0),
# once: DIR/hexdb--1.0.sql (its install script, MODULE_PATHNAME -> $libdir/hexdb-1.0) and
# DIR/hexdb-1.0.so (its library), so that 1.0 and the current version can be installed side by
# side. Needs the git history (CI clones the whole repository).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
release=7ee86af
out=${1:-$root/tmp_check/hexdb-1.0}
[ -f "$out/hexdb-1.0.so" ] && [ -f "$out/hexdb--1.0.sql" ] && exit 0
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
git -C "$root" archive "$release" | tar -x -C "$src"
nice make -s -C "$src" -j2 hexdb.so extension/hexdb--1.0.sql >&2
mkdir -p "$out"
cp "$src/hexdb.so" "$out/hexdb-1.0.so"
sed "s|MODULE_PATHNAME|\$libdir/hexdb-1.0|g" "$src/extension/hexdb--1.0.sql" >"$out/hexdb--1.0.sql"
