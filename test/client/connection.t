#!/usr/bin/env bash
# Where hexctl connects: -d (conninfo or URL), else DATABASE_URL (also SQLAlchemy's
# postgresql+psycopg2:// form), else libpq's PG* variables; exit 3 when it cannot, with no
# password in what it prints; exit 1 with a hint when hexdb is not installed.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
new_db hx_conn
port=${PGPORT:-5432}
pw=$PGPASSWORD
add_user conn@hexdb.test "conn" >/dev/null
# "user show" of a user that exists only in hx_conn proves which database was reached.
shows_user() { [ "$status" -eq 0 ] && [[ $out == *conn@hexdb.test* ]]; }

hx -d "dbname=hx_conn host=$PGHOST port=$port" user show conn@hexdb.test
shows_user; ok $? "-d with a key=value conninfo"

hx -d "postgresql://$PGUSER@$PGHOST:$port/hx_conn" user show conn@hexdb.test
shows_user; ok $? "-d with a URL"

PGDATABASE=postgres hx user show conn@hexdb.test
is "$status" 1 "libpq defaults reach PGDATABASE (postgres: no hexdb there, exit 1)"
hx user show conn@hexdb.test
shows_user; ok $? "libpq defaults: PGDATABASE=hx_conn"

DATABASE_URL="postgresql://$PGUSER:$pw@$PGHOST:$port/hx_conn" PGPASSWORD= PGDATABASE=postgres \
  hx user show conn@hexdb.test
shows_user; ok $? "DATABASE_URL, password inside it"

DATABASE_URL="postgresql+psycopg2://$PGUSER:$pw@$PGHOST:$port/hx_conn" PGPASSWORD= PGDATABASE=postgres \
  hx user show conn@hexdb.test
shows_user; ok $? "DATABASE_URL in SQLAlchemy's postgresql+psycopg2:// form"

DATABASE_URL="postgresql://$PGUSER@$PGHOST:1/nowhere" hx -d "dbname=hx_conn" user show conn@hexdb.test
shows_user; ok $? "-d wins over DATABASE_URL"

secret="Sup3r-Secret-Pw"
hx -d "postgresql://$PGUSER:$secret@127.0.0.1:1/hx_conn" uuid
is "$status" 3 "server not reachable: exit 3"
[[ $err == *"cannot connect"* ]]; ok $? "  with a clear message"
[[ $err != *"$secret"* ]]; ok $? "  and without the URL's password"

DATABASE_URL="postgresql://$PGUSER:$secret@$PGHOST:$port/hx_conn" PGPASSWORD= hx uuid
is "$status" 3 "wrong password: exit 3"
[[ $err != *"$secret"* ]]; ok $? "  the wrong password is not printed"

hx -d "host=127.0.0.1 port=1 dbname=x password=$secret" uuid
[ "$status" -eq 3 ] && [[ $err != *"$secret"* ]]
ok $? "conninfo password=...: exit 3, password not printed"

PGPORT=1 PGHOST=127.0.0.1 hx uuid
is "$status" 3 "libpq defaults pointing nowhere: exit 3"

psql -qX -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS hx_noext" -c "CREATE DATABASE hx_noext" >/dev/null
hx -d "dbname=hx_noext" uuid
[ "$status" -eq 1 ] && [[ $err == *SQLSTATE* ]] && [[ $err == *"CREATE EXTENSION hexdb"* ]]
ok $? "database without hexdb: exit 1, SQLSTATE and a hint"

done_testing
