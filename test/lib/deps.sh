#!/usr/bin/env bash
# Installs, with apt-get, whatever hexdb needs to build, test, demo and benchmark on Debian
# bookworm. Safe to run again: it installs only what is missing. Run as root.
set -euo pipefail

packages=(
  make g++                                                # PGXS (no bitcode: clang and LLVM
                                                          # come with postgresql-server-dev-15)
  postgresql-15 postgresql-server-dev-15 postgresql-contrib postgresql-15-pgtap
  libtap-parser-sourcehandler-pgtap-perl                  # pg_prove
  libpq-dev libcrypt-dev libssl-dev                       # libssl: the OpenSSL UUID random source
  libgtest-dev nlohmann-json3-dev                         # unit tests (nlohmann: the JSON cross-check)
  libcli11-dev libfmt-dev                                 # hexctl
  libmariadb-dev                                          # hexctl import mysql://... (live source)
  mariadb-server mariadb-client                           # its test's MariaDB (test/client/import_live.t)
  redis-server                                            # leaderboard benchmark anchor
  pgloader                                                # import benchmark anchor (bench/import)
  python3                                                 # the import's large-export generator
  python3-sqlalchemy python3-psycopg2 alembic             # docs/python.md, run by test/python/
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # The packaged clusters and services are not wanted: tests make throw-away ones.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
