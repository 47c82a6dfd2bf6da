#!/usr/bin/env bash
# hexctl uuid [--v4|--v7] [-n N]: one UUID a line, streamed (a count larger than memory allows
# to hold still works).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
new_db hx_uuid

hx uuid
[ "$status" -eq 0 ] && [[ $out =~ $uuid_re ]]; ok $? "one UUID by default"
is "${out:14:1}" 7 "  version 7 by default"
hx uuid --v4 -n 3
is "$(grep -cE "$uuid_re" <<<"$out")" 3 "--v4 -n 3: three lines"
is "$(cut -c15 <<<"$out" | sort -u)" 4 "  version 4"
hx uuid --v7 -n 1000
is "$(sort -u <<<"$out" | wc -l)" 1000 "--v7 -n 1000: 1000 distinct"
[ "$(sort <<<"$out")" = "$out" ]; ok $? "  in increasing order"
hx uuid -n 0
[ "$status" -eq 0 ] && [ -z "$out" ]; ok $? "-n 0: nothing"
hx uuid -n 2 --format csv
[ "$(head -1 <<<"$out")" = uuid ] && [ "$(wc -l <<<"$out")" = 3 ]; ok $? "--format csv: header and rows"
hx --format json uuid -n 2
is "$(sql "SELECT jsonb_array_length(:'v1'::jsonb)" "$out")" 2 "--format json: an array of 2"

# 3 million UUIDs as one PGresult would need far more than 200 MB; streamed, they do not.
n=$( (ulimit -v 200000; "$HEXCTL" uuid -n 3000000 | wc -l) 2>&1)
is "$n" 3000000 "-n 3000000 within 200 MB of address space: streamed"
# And a consumer that stops early stops hexctl.
is "$("$HEXCTL" uuid -n 100000000 | head -2 | wc -l)" 2 "| head stops a huge stream"

done_testing
