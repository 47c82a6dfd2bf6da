#!/usr/bin/env bash
# docs/python.md, run as written with Debian's python3-sqlalchemy, python3-psycopg2 and alembic:
# the database owner installs hexdb from an Alembic migration; autogenerate then proposes an
# empty migration; the application role calls every function through SQLAlchemy, gets each
# refusal with its SQLSTATE (and SPEC.md's constraint name), receives LISTEN's JSON after
# commit; a dump with the studio's table and a column it added to hexdb.users restores whole
# with pg_restore -j 4.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/test/lib/tap.sh"
py=/usr/bin/python3   # Debian's, with Debian's packages (not a pyenv shim)
db=hexdb_python copy=hexdb_python_copy
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PGOPTIONS="-c hexdb.password_cost=4"

psql -qX -d postgres >/dev/null 2>&1 <<SQL
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db; DROP DATABASE IF EXISTS $copy;
DROP ROLE IF EXISTS studio_owner; DROP ROLE IF EXISTS app;
CREATE ROLE studio_owner LOGIN PASSWORD 'owner-pw';
CREATE ROLE app LOGIN PASSWORD 'app-pw';
CREATE DATABASE $db OWNER studio_owner;
CREATE DATABASE $copy OWNER studio_owner;
SQL
url() {  # url ROLE PASSWORD DB: a SQLAlchemy URL to the test cluster
  echo "postgresql+psycopg2://$1:$2@/$3?host=${PGHOST:-localhost}&port=${PGPORT:-5432}"
}

is "$($py "$here/extract_snippets.py" "$root/docs/python.md" "$work")" "6" "docs/python.md holds the six snippets"

# An Alembic project whose env.py uses the documented filter and whose first migration is the
# documented install migration.
mkdir -p "$work/alembic/versions"
cat >"$work/alembic.ini" <<INI
[alembic]
script_location = $work/alembic
prepend_sys_path = $work
sqlalchemy.url = $(url studio_owner owner-pw $db | sed 's/%/%%/g')
INI
cat >"$work/alembic/env.py" <<'PY'
from alembic import context
from sqlalchemy import engine_from_config, pool
import hexdb_models
from alembic_env_filter import include_name, include_object

config = context.config
engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=hexdb_models.metadata,
                      include_schemas=True, include_object=include_object, include_name=include_name)
    with context.begin_transaction():
        context.run_migrations()
PY
cat >"$work/alembic/script.py.mako" <<'MAKO'
"""${message}"""
revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = None
depends_on = None
from alembic import op
import sqlalchemy as sa


def upgrade():
    ${upgrades if upgrades else "pass"}


def downgrade():
    ${downgrades if downgrades else "pass"}
MAKO
{ printf 'revision = "0001"\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n'; cat "$work/migration_install.py"; } \
  >"$work/alembic/versions/0001_install.py"
(cd "$work" && alembic -c alembic.ini upgrade head) >"$work/upgrade.log" 2>&1
ok $? "alembic upgrade head: the owner installs hexdb, runs setup(), grants the app, adds its table"
[ $? -eq 0 ] || tail -5 "$work/upgrade.log" | sed 's/^/# /'
(cd "$work" && alembic -c alembic.ini revision --autogenerate -m check) >"$work/autogen.log" 2>&1
ok $? "alembic revision --autogenerate runs"
generated=$(ls "$work"/alembic/versions/*check*.py 2>/dev/null)
ops=$(sed -n '/^def upgrade/,/^def downgrade/p' "$generated" 2>/dev/null | grep -cE 'op\.')
is "$ops" "0" "autogenerate proposes an empty migration (hexdb's objects left to hexdb)"
[ "$ops" = 0 ] || grep -E 'op\.' "$generated" | head -10 | sed 's/^/# /'

# The application, through SQLAlchemy.
$py "$here/snippets_test.py" "$work" "$(url app app-pw $db)" >"$work/app.tap" 2>&1
status=$?
while read -r line; do
  case $line in
    "ok - "*) ok 0 "${line#ok - }" ;;
    "not ok - "*) ok 1 "${line#not ok - }" ;;
    *) echo "$line" ;;
  esac
done < <(grep -E '^(ok|not ok|#)' "$work/app.tap" | sed -E "s/^(not )?ok [0-9]+ - /\1ok - app: /")
[ $status -eq 0 ] || [ "$(grep -c '^not ok' "$work/app.tap")" -gt 0 ] || { ok 1 "snippets_test.py ran to the end"; tail -5 "$work/app.tap" | sed 's/^/# /'; }

# A column the studio adds to hexdb.users, then a dump restored with parallel workers.
psql -qX -d $db -c "SET ROLE studio_owner" -c "ALTER TABLE hexdb.users ADD COLUMN avatar_url text" \
  -c "UPDATE hexdb.users SET avatar_url = 'https://cdn.example.com/' || nickname" >/dev/null
pg_dump -Fc -d $db -f "$work/studio.dump" && pg_restore -j 4 -d $copy "$work/studio.dump" 2>"$work/restore.err"
ok $? "pg_restore -j 4 restores the studio's dump"
head -5 "$work/restore.err" | sed 's/^/# /'
for query in "SELECT string_agg(email || ' ' || avatar_url, ',' ORDER BY email) FROM hexdb.users" \
             "SELECT string_agg(user_id || ' ' || bio, ',' ORDER BY user_id) FROM player_profiles" \
             "SELECT string_agg(year || '-' || month || ' ' || score, ',' ORDER BY year, month, score) FROM hexdb.monthly_scores"; do
  want=$(psql -qXAt -d $db -c "$query")
  is "$(psql -qXAt -d $copy -c "$query")" "$want" "restored whole: ${query:7:40}..."
done
ok $([ -n "$(psql -qXAt -d $copy -c "SELECT bio FROM player_profiles")" ]; echo $?) "the studio's table has rows to compare"

psql -qX -d postgres -c "DROP DATABASE $db" -c "DROP DATABASE $copy" >/dev/null
psql -qX -d postgres -c "DROP OWNED BY app" -c "DROP ROLE app, studio_owner" >/dev/null 2>&1
done_testing
