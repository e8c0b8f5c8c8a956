#!/usr/bin/env bash
# Measures the inputs of issue 15 that took gigabytes or minutes, as whole
# processes, with the binary of a reference (default: the commit before the
# input limits) and the binary of the work tree side by side in one run:
# time, peak memory (GNU time's maximum resident set) and what was printed.
#   scripts/bench-input.sh [REF]
# Needs GNU time; installs it from apt when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:-3f1834e}
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/old"
git archive "$ref" | tar -x -C "$work/old"
(cd "$work/old" && go build -o "$work/minutes-old" ./cmd/minutes)
go build -o "$work/minutes-new" ./cmd/minutes

# The inputs: a million documents that are not meetings (6 MB), a record
# with a million unknown keys (20 MB; refused by its size now) and one with
# 400,000 (8 MB; each looked up), a record with a million chairs
# (16 MB), and a file of 90,000 meetings (over the 64 MB read whole before).
python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
base = ("organization: Thành ủy Sóc Trăng\ntitle: Hội nghị giao ban\ndate: 25/3/2021\n"
        "attendance:\n  present: 80\n")
open(w + "/broken.yaml", "w").write("---\n1\n" * 1_000_000)
with open(w + "/keys.yaml", "w") as f:
    f.write(base + "chair: A\n")
    for i in range(1_000_000):
        f.write("khoa_%07d_sai: 1\n" % i)
with open(w + "/keys400k.yaml", "w") as f: # within the parts a document may have
    f.write(base + "chair: A\n")
    for i in range(400_000):
        f.write("khoa_%07d_sai: 1\n" % i)
with open(w + "/chairs.yaml", "w") as f:
    f.write(base + "chairs:\n" + "  - name: Người\n" * 1_000_000)
one = (base + "chair: Nguyễn Văn Quận\nsummary: " + "Nhìn chung tình hình kinh tế tiếp tục tăng trưởng. " * 14 + "\n"
       "conclusions:\n  - content: Tập trung lãnh đạo công tác bầu cử\n    due: 23/5/2021\n")
with open(w + "/many.yaml", "w") as f:
    for i in range(90_000):
        f.write("---\n" + one.replace("Hội nghị giao ban", "Hội nghị giao ban số %d" % i))
PY
ls -l "$work"/*.yaml | awk '{printf "%-12s %6.1f MB\n", $NF, $5/1048576}' | sed "s|$work/||"

# run NAME BINARY ARGS…: one process, its figures on one line.
run() {
  local name=$1 bin=$2; shift 2
  rm -f "$work/db.db"
  local code=0
  MINUTES_DB="$work/db.db" /usr/bin/time -f '%e %M' -o "$work/time" "$bin" "$@" >/dev/null 2>"$work/err" || code=$?
  read -r secs kb < <(tail -n 1 "$work/time")
  printf '%-28s %-4s exit %d  %7.2f s  %7.0f MB  %9d bytes of messages  %s\n' "$name" "${bin##*-}" "$code" "$secs" "$((kb / 1024))" \
    "$(wc -c <"$work/err")" "$(tail -n 1 "$work/err" | cut -c 1-70)"
}
for bin in "$work/minutes-old" "$work/minutes-new"; do
  run "import 1,000,000 broken" "$bin" import "$work/broken.yaml"
  run "add 1,000,000 unknown keys" "$bin" add -f "$work/keys.yaml"
  run "add 400,000 unknown keys" "$bin" add -f "$work/keys400k.yaml"
  run "add 1,000,000 chairs" "$bin" add -f "$work/chairs.yaml"
  run "import 90,000 meetings" "$bin" import -q "$work/many.yaml"
done
