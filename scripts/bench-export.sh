#!/usr/bin/env bash
# Measures one `minutes export` of the seed meeting as a whole process, from
# a SQLite database, against LibreOffice converting an HTML page of the same
# minutes to PDF, in one run on this machine. Prints times, the ratio and
# peak memory. Needs hyperfine, GNU time, soffice (libreoffice-writer-nogui)
# and pdftotext; installs what is missing from apt.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null || need+=(poppler-utils)
if ((${#need[@]})); then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/minutes" ./cmd/minutes
export MINUTES_DB="$work/bench.db"
"$work/minutes" add -q -f examples/01-soc-trang-quy-1-2021.yaml >/dev/null
"$work/minutes" export 1 -o "$work/minutes.pdf" -q

# The same minutes as an HTML page: the text of our PDF, paragraph by paragraph.
pdftotext "$work/minutes.pdf" - | python3 -c '
import html, sys
paras = [p.strip().replace("\n", " ") for p in sys.stdin.read().split("\n\n") if p.strip()]
print("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Biên bản</title>"
      "<style>body{font-family:\"Liberation Serif\",\"Times New Roman\";font-size:14pt;text-align:justify}</style></head><body>")
for p in paras: print("<p>" + html.escape(p) + "</p>")
print("</body></html>")' > "$work/minutes.html"

export HOME="$work/home"   # a fresh LibreOffice profile, made once by the warm-up
hyperfine --warmup 2 --runs 20 --export-json "$work/h.json" \
  -n minutes "'$work/minutes' export 1 -o '$work/out.pdf' --force -q" \
  -n libreoffice "soffice --headless --convert-to pdf --outdir '$work/lo' '$work/minutes.html' >/dev/null 2>&1"

python3 - "$work/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
for stat in ("mean", "median"):
    m, lo = r["minutes"][stat], r["libreoffice"][stat]
    print(f"{stat:6}  minutes export: {m*1000:.1f} ms  libreoffice: {lo*1000:.0f} ms  ratio: {lo/m:.0f}x")
PY
# The same two commands alternated: 20 rounds of five exports and one
# conversion, so that a shared machine's drift between hyperfine's two
# blocks falls on both alike. Each round's ratio is its LibreOffice time
# over the median of its five exports; the median of the rounds is printed.
python3 - "$work" <<'PY'
import os, statistics, subprocess, sys, time
work = sys.argv[1]
mine = [f"{work}/minutes", "export", "1", "-o", f"{work}/out.pdf", "--force", "-q"]
lo = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", f"{work}/lo", f"{work}/minutes.html"]
def run(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t
ms, los, ratios = [], [], []
for _ in range(20):
    m = [run(mine) for _ in range(5)]
    l = run(lo)
    ms += m; los.append(l); ratios.append(l / statistics.median(m))
print(f"alternated  minutes export: {statistics.median(ms)*1000:.1f} ms  libreoffice: {statistics.median(los)*1000:.0f} ms"
      f"  ratio: {statistics.median(ratios):.0f}x (rounds {min(ratios):.0f}x to {max(ratios):.0f}x)")
PY
for i in 1 2 3; do
  /usr/bin/time -f "minutes export peak RSS: %M KB" "$work/minutes" export 1 -o "$work/out.pdf" --force -q
done
/usr/bin/time -f "libreoffice peak RSS: %M KB" soffice --headless --convert-to pdf --outdir "$work/lo" "$work/minutes.html" >/dev/null
