#!/bin/sh
# EXPLAIN ANALYZE of the search page (51 rows, newest first) and the capped result count, for each
# search case, in the largest shared mailbox of a seeded benchmark database:
#   scripts/bench/search-plans.sh postgres://postgres@127.0.0.1:5432/mailroom_bench_100k
set -eu
DB="$1"
BIG=$(psql "$DB" -Atc "select a.id || ' ' || a.org_id from accounts a where a.kind = 'shared'
  order by (select count(*) from messages m where m.account_id = a.id) desc limit 1")
ACC=${BIG% *}
ORG=${BIG#* }
SENDER=$(psql "$DB" -Atc "select from_address from messages where account_id = '$ACC'
  group by 1 order by count(*), 1 limit 1 offset 5")
WHERE="org_id = '$ORG' and account_id = '$ACC'"
for q in "reception:*" "facture:*" "merci:*" "zzqxnothing:*" "$SENDER:*" "facture:* & merci:*"; do
  echo "=== $q"
  MATCH="search_vector @@ to_tsquery('simple', '$q')"
  psql "$DB" -Atc "explain (analyze, costs off) select id, subject, received_at from messages
    where $WHERE and $MATCH order by received_at desc, id desc limit 51" | grep -E "Scan|Execution"
  psql "$DB" -Atc "explain (analyze, costs off) select count(*) from (select 1 from messages
    where $WHERE and $MATCH order by received_at desc, id desc limit 251) c" | grep -E "Scan|Execution"
done
