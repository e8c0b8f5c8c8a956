#!/usr/bin/env bash
# Whole-process figures for `minutes report quarterly` with 100, 1,000 and
# 5,000 meetings in one quarter (SQLite), and for `minutes import` of them:
# wall time and peak memory (GNU time). Targets (issue 4): 1,000 meetings
# under 2 s and 200 MB, growing linearly.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/minutes" ./cmd/minutes
go build -o "$work/gendata" ./internal/testdb/gendata
printf '%-9s %-22s %-22s %s\n' meetings "import (s, peak KB)" "report (s, peak KB)" pages
for n in ${SIZES:-100 1000 5000}; do
  "$work/gendata" -n "$n" -from 2021-01-01 -days 90 > "$work/q1-$n.yaml"
  export MINUTES_DB="$work/r$n.db"
  imp=$(/usr/bin/time -f "%e %M" "$work/minutes" import -q "$work/q1-$n.yaml" 2>&1 >/dev/null | tail -n 1)
  # A report over several bodies is issued in the office's name.
  "$work/minutes" config set organization "Văn phòng Tỉnh ủy Sóc Trăng" >/dev/null 2>&1
  "$work/minutes" config set parent_organization "Đảng bộ tỉnh Sóc Trăng" >/dev/null 2>&1
  best=""
  for _ in 1 2 3; do
    r=$(/usr/bin/time -f "%e %M" "$work/minutes" report quarterly --quarter 2021-Q1 --date 2021-04-05 \
        -o "$work/r$n.pdf" --force -q 2>&1 | tail -n 1)
    best=${best:-$r}
    if awk -v a="$r" -v b="$best" 'BEGIN{split(a,x," ");split(b,y," ");exit !(x[1]<y[1])}'; then best=$r; fi
  done
  pages=$(pdfinfo "$work/r$n.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
  printf '%-9s %-22s %-22s %s\n' "$n" "$imp" "$best" "${pages:-?}"
done
