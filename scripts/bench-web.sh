#!/usr/bin/env bash
# Measures `minutes serve` under load, in one run on this machine: with
# N (100,000) generated meetings on SQLite and then on PostgreSQL, 50
# concurrent clients for 60 s on each of the list page, the search page and
# the API (scripts/benchweb, with vegeta); then minutes PDFs per second
# with 50 clients, one client's PDF latency, and the server's peak memory.
# Each set is measured twice: clients asking again as soon as answered (the
# most the server answers; latency is then mostly waiting in line), and at
# a fixed rate (RATE requests a second, from up to 50 clients at once).
# Loopback only. PostgreSQL: MINUTES_BENCH_POSTGRES (default the test
# server); the schema minutes_bench is dropped and made anew.
#
#   bash scripts/bench-web.sh                 # the figures in the README
#   N=10000 DURATION=10s bash scripts/bench-web.sh   # a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
DURATION=${DURATION:-60s}
CLIENTS=${CLIENTS:-50}
RATE=${RATE:-100}   # an office's 50 people clicking about every half second
PORT=${PORT:-8090}
PG=${MINUTES_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}
base=http://127.0.0.1:$PORT

work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
go build -o "$work/minutes" ./cmd/minutes
go build -o "$work/benchweb" ./scripts/benchweb

# The generated meetings, in files of at most 20,000 (record.MaxInput is
# 64 MB a file), after the seed meeting, which is meeting 1.
files=(examples/01-soc-trang-quy-1-2021.yaml)
for ((first = 0; first < N; first += 20000)); do
  n=$((N - first < 20000 ? N - first : 20000))
  go run ./internal/testdb/gendata -n "$n" -first "$first" -from 2021-01-01 -days 365 > "$work/gen-$first.yaml"
  files+=("$work/gen-$first.yaml")
done

run() { # DSN LABEL
  local dsn=$1 label=$2
  echo "== $label: importing $N meetings"
  /usr/bin/time -f "import: %e s, peak %M KB" "$work/minutes" --db "$dsn" import -q "${files[@]}"
  "$work/minutes" --db "$dsn" serve --addr "127.0.0.1:$PORT" > "$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "$base/healthz" >/dev/null
  sets=("list=/meetings,/meetings?offset=50,/meetings?quarter=2021-Q2&status=draft"
    "search=/meetings?q=phu+my+ocop,/meetings?q=so+7777,/meetings?q=nguyen+van+quan+chinh+trang"
    "api=/api/meetings?search=phu+my+ocop&limit=50,/api/meetings/$((N / 2)),/api/meetings?quarter=2021-Q2&limit=50&sort=newest")
  echo "== $label: $CLIENTS clients asking again as soon as answered (the most it serves), $DURATION each"
  "$work/benchweb" -base "$base" -clients "$CLIENTS" -duration "$DURATION" "${sets[@]}"
  echo "== $label: $CLIENTS clients at $RATE requests/s together, $DURATION each"
  "$work/benchweb" -base "$base" -clients "$CLIENTS" -rate "$RATE" -duration "$DURATION" "${sets[@]}"
  echo "== $label: minutes PDFs ($CLIENTS clients, 20 s; then one client, 10 s)"
  "$work/benchweb" -base "$base" -clients "$CLIENTS" -duration 20s "pdf=/meetings/1.pdf"
  "$work/benchweb" -base "$base" -clients 1 -duration 10s "pdf-one-client=/meetings/1.pdf"
  echo "server peak memory: $(grep VmHWM /proc/$server/status | awk '{print $2, $3}')"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
}

run "$work/bench.db" SQLite
psql "$PG" -qc 'DROP SCHEMA IF EXISTS minutes_bench CASCADE' -c 'CREATE SCHEMA minutes_bench' -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public'
sep='?'; [[ $PG == *\?* ]] && sep='&'
run "$PG${sep}search_path=minutes_bench%2Cpublic" PostgreSQL
psql "$PG" -qc 'DROP SCHEMA minutes_bench CASCADE'
