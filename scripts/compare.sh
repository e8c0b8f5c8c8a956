#!/usr/bin/env bash
# Compares whole processes of the work tree's binary and of earlier
# commits, alternated in one loop so that a shared machine's drift falls on
# all of them alike.
#   scripts/compare.sh export REF…          the seed meeting's export from SQLite, 60 rounds
#   scripts/compare.sh import-postgres REF…  10,000 generated meetings into a fresh PostgreSQL
#                                            database each time (MINUTES_BENCH_PG, default
#                                            postgres://postgres@127.0.0.1:5432), 3 rounds
#   scripts/compare.sh import-sqlite REF…    the same into a fresh SQLite file, 3 rounds
#   scripts/compare.sh restore-postgres REF… the backup of those 10,000 (export --all) restored
#                                            into a fresh PostgreSQL database, 3 rounds
# ROUNDS overrides the number of rounds. Prints, per binary, the median and
# the spread (export) or each run's time and peak memory (imports).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:?export, import-postgres, import-sqlite or restore-postgres}
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bins=()
for ref in "$@"; do
  mkdir "$work/src-$ref"
  git archive "$ref" | tar -x -C "$work/src-$ref"
  (cd "$work/src-$ref" && go build -o "$work/minutes-$ref" ./cmd/minutes)
  bins+=("$work/minutes-$ref")
done
go build -o "$work/minutes-worktree" ./cmd/minutes
bins+=("$work/minutes-worktree")

case $what in
export)
  python3 - "$work" "${bins[@]}" <<'PY'
import os, statistics, subprocess, sys, time
work, bins = sys.argv[1], sys.argv[2:]
env = {}
for b in bins:
    e = dict(os.environ, MINUTES_DB=f"{b}.db")
    subprocess.run([b, "add", "-q", "-f", "examples/01-soc-trang-quy-1-2021.yaml"], env=e, check=True, stdout=subprocess.DEVNULL)
    env[b] = e
def run(b):
    t = time.perf_counter()
    subprocess.run([b, "export", "1", "-o", f"{work}/out.pdf", "--force", "-q"], env=env[b], check=True)
    return time.perf_counter() - t
for b in bins:
    run(b); run(b)
times = {b: [] for b in bins}
for _ in range(int(os.environ.get("ROUNDS", "60"))):
    for b in bins:
        times[b].append(run(b))
for b in bins:
    v = sorted(times[b])
    print(f"{os.path.basename(b):22} median {statistics.median(v)*1000:6.1f} ms"
          f"  p10 {v[len(v)//10]*1000:6.1f}  p90 {v[len(v)*9//10]*1000:6.1f}")
PY
  ;;
import-postgres|import-sqlite|restore-postgres)
  [ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
  go build -o "$work/gendata" ./internal/testdb/gendata
  "$work/gendata" -n 10000 > "$work/gen.yaml"
  input="$work/gen.yaml"
  if [ "$what" = restore-postgres ]; then
    MINUTES_DB="$work/src.db" "$work/minutes-worktree" import -q "$work/gen.yaml"
    MINUTES_DB="$work/src.db" "$work/minutes-worktree" export --all -o "$work/backup.yaml" -q
    input="$work/backup.yaml"
  fi
  pg=${MINUTES_BENCH_PG:-postgres://postgres@127.0.0.1:5432}
  for _ in $(seq "${ROUNDS:-3}"); do
    for b in "${bins[@]}"; do
      if [ "$what" != import-sqlite ]; then
        psql "$pg/postgres" -q -c "DROP DATABASE IF EXISTS minutes_compare" -c "CREATE DATABASE minutes_compare" 2>/dev/null
        psql "$pg/minutes_compare" -q -c "CREATE EXTENSION pg_trgm"
        db="$pg/minutes_compare?sslmode=disable"
      else
        rm -f "$work/cmp.db"*
        db="$work/cmp.db"
      fi
      MINUTES_DB="$db" "$b" list -q >/dev/null # the schema, outside the timing
      MINUTES_DB="$db" /usr/bin/time -f "%e s  %M KB" -o "$work/t" "$b" import -q "$input"
      printf '%-22s %s\n' "${b##*/}" "$(cat "$work/t")"
    done
  done
  [ "$what" = import-sqlite ] || psql "$pg/postgres" -q -c "DROP DATABASE IF EXISTS minutes_compare"
  ;;
*)
  echo "compare.sh: export, import-postgres, import-sqlite or restore-postgres" >&2
  exit 2
  ;;
esac
