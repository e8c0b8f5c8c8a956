#!/usr/bin/env bash
# Whole-process figures for Word documents beside their PDFs, in one run:
# `minutes export` of the seed meeting as .docx and as .pdf (best of 10
# runs each, alternated), and `minutes report quarterly` of 1,000 meetings
# as .docx and .pdf (best of 3): wall time and peak memory (GNU time).
# Targets (issue 14): a minutes .docx in well under the time of its PDF; a
# 1,000-meeting quarterly .docx in under a second.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/minutes" ./cmd/minutes
go build -o "$work/gendata" ./internal/testdb/gendata
export MINUTES_DB="$work/seed.db"
"$work/minutes" add -q -f examples/01-soc-trang-quy-1-2021.yaml >/dev/null

# best runs the command N times and prints the fastest "seconds peakKB".
best() {
  local n=$1; shift
  local b=""
  for _ in $(seq "$n"); do
    r=$(/usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -n 1)
    if [ -z "$b" ] || awk -v a="$r" -v b="$b" 'BEGIN{split(a,x," ");split(b,y," ");exit !(x[1]<y[1])}'; then b=$r; fi
  done
  echo "$b"
}
# mean runs the command N times, alternating with nothing else, and prints
# the mean wall time in milliseconds.
mean() {
  local n=$1; shift
  local t0 t1
  t0=$(date +%s%N)
  for _ in $(seq "$n"); do "$@" >/dev/null 2>&1; done
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / n / 1000000 ))
}
printf '%-34s %-16s %s\n' document ".docx" ".pdf"
for round in 1 2; do
  d=$(mean 20 "$work/minutes" export 1 -o "$work/a.docx" --force -q)
  p=$(mean 20 "$work/minutes" export 1 -o "$work/a.pdf" --force -q)
  printf '%-34s %-16s %s\n' "minutes export, seed (ms, round $round)" "$d" "$p"
done
d=$(best 5 "$work/minutes" export 1 -o "$work/a.docx" --force -q)
p=$(best 5 "$work/minutes" export 1 -o "$work/a.pdf" --force -q)
printf '%-34s %-16s %s\n' "minutes export, seed (s, peak KB)" "$d" "$p"

"$work/gendata" -n 1000 -from 2021-01-01 -days 90 > "$work/q1.yaml"
export MINUTES_DB="$work/q1.db"
"$work/minutes" import -q "$work/q1.yaml" >/dev/null
"$work/minutes" config set organization "Văn phòng Tỉnh ủy Sóc Trăng" -q
d=$(best 3 "$work/minutes" report quarterly --quarter 2021-Q1 --date 2021-04-05 -o "$work/q.docx" --force -q)
p=$(best 3 "$work/minutes" report quarterly --quarter 2021-Q1 --date 2021-04-05 -o "$work/q.pdf" --force -q)
printf '%-34s %-16s %s\n' "quarterly report, 1,000 meetings" "$d" "$p"
