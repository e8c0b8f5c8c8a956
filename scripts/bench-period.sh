#!/usr/bin/env bash
# Whole-process figures for the documents of issue 13, from SQLite:
#   - `minutes report --period 2021` (a year's report over four bodies, the
#     year before beside it) with 1,000 / 2,000 / 4,000 meetings in the year,
#     as PDF and as Word: wall time and peak memory (GNU time, best of 3), so
#     that linear growth shows;
#   - the notice of conclusions of the seed meeting beside its minutes
#     (`minutes export 1 --document notice` against `minutes export 1`).
# Targets: the year's report linear in time and memory; the notice as fast
# as the minutes. SIZES overrides the meeting counts.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/minutes" ./cmd/minutes
go build -o "$work/gendata" ./internal/testdb/gendata

best() { # best of 3 runs of "$@": "seconds peakKB"
  local b=""
  for _ in 1 2 3; do
    r=$(/usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -n 1)
    b=${b:-$r}
    if awk -v a="$r" -v b="$b" 'BEGIN{split(a,x," ");split(b,y," ");exit !(x[1]<y[1])}'; then b=$r; fi
  done
  echo "$b"
}

printf '%-9s %-20s %-20s %-20s %s\n' meetings "import 2 years (s, KB)" "year PDF (s, KB)" "year .docx (s, KB)" pages
for n in ${SIZES:-1000 2000 4000}; do
  # The year and the year before, n meetings each (other numbers: -first).
  "$work/gendata" -n "$n" -from 2021-01-01 -days 365 > "$work/y-$n.yaml"
  "$work/gendata" -n "$n" -from 2020-01-01 -days 365 -first "$n" > "$work/p-$n.yaml"
  export MINUTES_DB="$work/y$n.db"
  imp=$(/usr/bin/time -f "%e %M" "$work/minutes" import -q "$work/y-$n.yaml" "$work/p-$n.yaml" 2>&1 >/dev/null | tail -n 1)
  "$work/minutes" config set organization "Văn phòng Tỉnh ủy Sóc Trăng" -q >/dev/null
  "$work/minutes" config set signer_name "Lê Văn Hùng" -q >/dev/null
  "$work/minutes" config set recipients "Thường trực Tỉnh ủy; Lưu Văn phòng Tỉnh ủy" -q >/dev/null
  pdf=$(best "$work/minutes" report --period 2021 --date 2022-01-05 --number 03-BC/VPTU -o "$work/y$n.pdf" --force -q)
  doc=$(best "$work/minutes" report --period 2021 --date 2022-01-05 --number 03-BC/VPTU -o "$work/y$n.docx" --force -q)
  pages=$(pdfinfo "$work/y$n.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
  printf '%-9s %-20s %-20s %-20s %s\n' "$n" "$imp" "$pdf" "$doc" "${pages:-?}"
done

export MINUTES_DB="$work/seed.db"
"$work/minutes" import -q examples/ >/dev/null
m=$(best "$work/minutes" export 1 -o "$work/bb.pdf" --force -q)
t=$(best "$work/minutes" export 1 --document notice -o "$work/tb.pdf" --force -q)
printf '\n%-32s %s\n%-32s %s\n' "minutes export 1 (s, peak KB)" "$m" "export 1 --document notice" "$t"
