# Source this: with_cluster CMD... builds hexdb, installs it into ./tmp_install (never the
# system), and runs CMD inside a private throw-away cluster (pg_virtualenv -t) that finds the
# extension there through Debian's extension_destdir. PGHOST, PGPORT, PGUSER, PGPASSWORD are set
# for CMD. Extra server settings: HEXDB_PGOPTS=(-o name=value ...) before calling.
with_cluster() {
  local root dest pglib
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  dest=$root/tmp_install
  (cd "$root" && make -s -j"$(nproc)" && make -s install DESTDIR="$dest") >&2 || return 1
  pglib=$(pg_config --pkglibdir)
  pg_virtualenv -t -o "extension_destdir=$dest" -o "dynamic_library_path=$dest$pglib:$pglib" \
    -o shared_preload_libraries=hexdb "${HEXDB_PGOPTS[@]}" "$@"
}
