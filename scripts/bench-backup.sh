#!/usr/bin/env bash
# Measures backup (export --all) and restore (import of the backup) as whole
# processes on SQLite, for several numbers of meetings side by side in one
# run, with the binary of a reference (default: main before issue 15's
# streaming backup, which held every meeting in memory) and the binary of
# the work tree: time, peak memory (GNU time's maximum resident set) and
# the size of the backup. Memory should stay flat as the count grows.
#   scripts/bench-backup.sh [REF] [COUNTS…]      (default: 259f75e 1000 10000)
# REF none measures the work tree's binary alone (100,000 meetings would
# take the reference tens of gigabytes).
# Needs GNU time; installs it from apt when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:-259f75e}
shift || true
counts=("${@:-1000 10000}")
read -r -a counts <<<"${counts[*]}"
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bins=("$work/minutes-new")
if [ "$ref" != none ]; then
  mkdir "$work/old"
  git archive "$ref" | tar -x -C "$work/old"
  (cd "$work/old" && go build -o "$work/minutes-old" ./cmd/minutes)
  bins=("$work/minutes-old" "$work/minutes-new")
fi
go build -o "$work/minutes-new" ./cmd/minutes

# run NAME DB ARGS…: one process of the binary $bin, its figures on one line.
run() {
  local name=$1 db=$2; shift 2
  local code=0
  MINUTES_DB="$db" /usr/bin/time -f '%e %M' -o "$work/time" "$bin" "$@" >/dev/null 2>"$work/err" || code=$?
  read -r secs kb < <(tail -n 1 "$work/time")
  printf '%-26s %-4s exit %d  %7.2f s  %6d MB  %s\n' "$name" "${bin##*-}" "$code" "$secs" "$((kb / 1024))" \
    "$(tail -n 1 "$work/err" | cut -c 1-60)"
}
for n in "${counts[@]}"; do
  go run ./internal/testdb/gendata -n "$n" -days 365 >"$work/gen.yaml"
  for bin in "${bins[@]}"; do
    rm -f "$work"/src.db* "$work"/dst.db* "$work/backup.yaml"
    MINUTES_DB="$work/src.db" "$bin" import -q "$work/gen.yaml"
    # A tenth of them finalized, so that backups carry some history.
    for id in $(seq 1 10 "$n" | head -n 200); do MINUTES_DB="$work/src.db" "$bin" finalize "$id" --yes --no-number -q; done
    run "backup $n meetings" "$work/src.db" export --all -o "$work/backup.yaml"
    printf '%-26s %-4s        %7.1f MB of backup\n' "" "${bin##*-}" "$(echo "$(stat -c %s "$work/backup.yaml") / 1048576" | bc -l)"
    run "restore $n meetings" "$work/dst.db" import -q "$work/backup.yaml"
  done
done
