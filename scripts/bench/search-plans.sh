#!/bin/sh
# EXPLAIN ANALYZE of each search case as lib/messages/search.ts runs it, in the largest shared
# mailbox of a seeded benchmark database: the planner's estimate of the matches; under 2,000 the
# probe (the scope's matches through the GIN index, up to 2,000: the result count and the choice
# of plan), else the capped count in date order; then the page (51 rows, newest first) under the
# plan chosen ("words": those matches sorted; "date": the listing index in order).
#   scripts/bench/search-plans.sh postgres://postgres@127.0.0.1:5432/mailroom_bench_1m [--free]
# --free: the page and a capped count with the planner left to its own choices (the former way).
set -eu
DB="$1"
MODE="${2:-}"
BIG=$(psql "$DB" -Atc "select a.id || ' ' || a.org_id from accounts a where a.kind = 'shared'
  order by (select count(*) from messages m where m.account_id = a.id) desc limit 1")
ACC=${BIG% *}
ORG=${BIG#* }
SENDER=$(psql "$DB" -Atc "select from_address from messages where account_id = '$ACC'
  group by 1 order by count(*), 1 limit 1 offset 5")
INBOX=$(psql "$DB" -Atc "select id from folders where account_id = '$ACC' and kind = 'inbox'")
WORDS="set local enable_indexscan = off; set local enable_seqscan = off; set local enable_bitmapscan = on;"
DATE="set local enable_bitmapscan = off; set local enable_seqscan = off; set local enable_indexscan = on;"
for scope in mailbox folder; do
  WHERE="org_id = '$ORG' and account_id = '$ACC'"
  [ "$scope" = folder ] && WHERE="$WHERE and folder_id = '$INBOX'"
  for q in "reception:*" "facture:*" "merci:*" "zzqxnothing:*" "$SENDER:*" "facture:* & merci:*"; do
    MATCH="search_vector @@ to_tsquery('simple', '$q')"
    PAGE="select id, subject, received_at from messages where $WHERE and $MATCH
      order by received_at desc, id desc limit 51"
    if [ "$MODE" = --free ]; then
      echo "=== $scope: $q (planner's choice)"
      psql "$DB" -Atc "explain (analyze, costs off) $PAGE" | grep -E "Scan|Execution"
      psql "$DB" -Atc "explain (analyze, costs off) select count(*) from (select 1 from messages
        where $WHERE and $MATCH order by received_at desc, id desc limit 251) c" | grep -E "Scan|Execution"
      continue
    fi
    PROBE="select count(*) from (select 1 from messages where $WHERE and $MATCH limit 2000) s"
    COUNT="select count(*) from (select 1 from messages where $WHERE and $MATCH
      order by received_at desc, id desc limit 251) c"
    EST=$(psql "$DB" -Atc "explain $PROBE" | sed -n 's/^ *->  Limit .*rows=\([0-9]*\).*/\1/p')
    if [ "$EST" -ge 2000 ]; then
      echo "=== $scope: $q — estimate $EST, plan date, count in date order"
      psql "$DB" -At -c "begin; $DATE" -c "explain (analyze, costs off) $COUNT" \
        -c "explain (analyze, costs off) $PAGE" -c "commit" | grep -E "Scan|Execution"
      continue
    fi
    N=$(psql "$DB" -Atc "begin; $WORDS $PROBE; commit;" | grep -E '^[0-9]+$')
    PLAN=words
    SET="$WORDS"
    [ "$N" -ge 2000 ] && PLAN=date && SET="$DATE"
    echo "=== $scope: $q — estimate $EST, probe $N, plan $PLAN"
    psql "$DB" -At -c "begin; $WORDS" -c "explain (analyze, costs off) $PROBE" -c "$SET" \
      -c "explain (analyze, costs off) $PAGE" -c "commit" | grep -E "Scan|Execution"
  done
done
