#!/usr/bin/env bash
# Measures how fast 'minato replay' reads access logs: it writes LINES lines of nginx combined and
# of LTSV (1% of them malformed, a tenth POSTs that are skipped), runs 'minato replay LOG --dry-run'
# (read, map to requests, count; nothing sent) and prints the lines/s replay reports (JVM start not
# included), the lines per CPU second of its reading thread (what reading costs, whatever share of
# a busy machine the run was given) and the wall time. Target (issue #13): at least 200,000
# lines/s.
# As a reference it times GNU awk splitting the same nginx file into method and URI, the least a
# log reader must do (awk's figure is a floor for "reading", not a replay tool).
# Usage: bench/shadow-replay.sh [lines]   (default 1000000). Can be called from bench/shadow.sh.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
lines="${1:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target=200000
echo "$(nproc) CPUs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

"$root/minato" --version >/dev/null # builds when needed

awk -v n="$lines" 'BEGIN {
  srand(13);
  for (i = 1; i <= n; i++) {
    if (i % 100 == 0) { print "garbage line " i; continue }
    method = (i % 10 == 0) ? "POST" : "GET";
    printf "10.0.%d.%d - - [30/Nov/2026:20:%02d:%02d +0000] \"%s /users/%d/orders?page=%d HTTP/1.1\" 200 %d \"-\" \"Mozilla/5.0 (X11; Linux x86_64) bench/%d\"\n",
      i % 256, i % 200, (i / 60000) % 60, (i / 1000) % 60, method, i, i % 7, 500 + i % 4000, i % 9
  }
}' >"$work/access.log"
awk -v n="$lines" 'BEGIN {
  for (i = 1; i <= n; i++) {
    if (i % 100 == 0) { print "garbage line " i; continue }
    method = (i % 10 == 0) ? "POST" : "GET";
    printf "time:[30/Nov/2026:20:%02d:%02d +0000]\thost:10.0.%d.%d\tmethod:%s\turi:/users/%d/orders?page=%d\tstatus:200\tsize:%d\tua:Mozilla/5.0 bench/%d\treqtime:0.0%d\n",
      (i / 60000) % 60, (i / 1000) % 60, i % 256, i % 200, method, i, i % 7, 500 + i % 4000, i % 9, i % 10
  }
}' >"$work/access.ltsv"

run() { # format file
  local start end out
  start=$(date +%s%N)
  out=$("$root/minato" replay "$2" --format "$1" --dry-run)
  end=$(date +%s%N)
  local rate
  rate=$(echo "$out" | sed -n 's/.*: \([0-9]*\) lines\/s$/\1/p' | head -1)
  cpu_rate=$(echo "$out" | sed -n 's/^reading thread: .*: \([0-9]*\) lines per CPU second$/\1/p' | head -1)
  printf '%-6s %9d lines  replay reads %9s lines/s (%s per CPU second of the reader)  (wall %.2f s with JVM start)  target %d: %s\n' \
    "$1" "$lines" "$rate" "$cpu_rate" "$(awk -v ns=$((end - start)) 'BEGIN { print ns / 1e9 }')" "$target" \
    "$(awk -v r="$rate" -v t="$target" 'BEGIN { printf "%.2fx %s", r / t, (r >= t ? "met" : "MISSED") }')"
  echo "$rate" >"$work/rate-$1"
}

run nginx "$work/access.log"
run ltsv "$work/access.ltsv"

start=$(date +%s%N)
awk '{ split($0, q, "\""); split(q[2], r, " "); n[r[1]]++ } END { }' "$work/access.log"
end=$(date +%s%N)
awk_rate=$(awk -v n="$lines" -v ns=$((end - start)) 'BEGIN { printf "%d", n / (ns / 1e9) }')
ours=$(cat "$work/rate-nginx")
printf 'peer   awk field split of the nginx file: %9d lines/s; replay/awk ratio %s\n' "$awk_rate" \
  "$(awk -v a="$ours" -v b="$awk_rate" 'BEGIN { printf "%.2fx", a / b }')"
