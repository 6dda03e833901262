#!/usr/bin/env bash
# What `minato shadow` adds to the primary path, measured with `minato load` (open model) against
# nginx on 127.0.0.1 serving a 1 KiB JSON body:
#   1. direct to the primary, through `minato shadow` with a healthy candidate and through nginx's
#      own `mirror` (proxy_pass to the primary, a mirror to the candidate), interleaved: --rounds
#      rounds, each measuring the three paths one after the other (the order reversed every other
#      round), so the host's drift falls on all three alike. Printed per round, then the median
#      of the rounds' added p50/p99 and the pooled figures (all rounds' samples of a path in one
#      histogram, added exactly from the runs' HdrHistogram logs) (targets: p50 <= 0.3 ms added,
#      p99 <= 1 ms added);
#   1b. then --together rounds (default 3) in which direct and `minato shadow` are measured at the
#      same time, by two generators started together, each at the rate: a stall of the host lands
#      on both, where the interleaved rounds put it on whichever path ran then. The primary then
#      serves both clients (twice the rate, plus the copies), so these rounds measure the proxy on
#      a busier machine than the interleaved ones; printed per round, median and pooled the same way
#      (the proxy's CPU, copies and pauses lines cover the interleaved rounds only);
#   2. through `minato shadow` while the candidate accepts connections and never answers (stalled
#      for the whole run): primary p99 against the healthy pooled p99 (target: within 1 ms), the
#      proxy run with -Xmx256m (a heap over 256 MiB would end it with exit 3) and its heap in use at
#      most; the same through nginx's `mirror`, printed beside.
# Beside each proxy run: the copies it mirrored and dropped, its CPU per request, and its JVM's
# collections and stops while measured (pauses, time stopped, longest time to reach a safepoint),
# read from its GC and safepoint log.
# Every measured run follows an unmeasured warm-up at the same rate (--warmup, default 3 s; the
# generator is a new JVM each run). The proxy is a long-running JVM, started once for all rounds:
# before them it is warmed for --jit seconds (default 20) by 8 closed-model connections, so its JIT
# compiles at a load it can absorb (--jit-open SECONDS then adds an open-model run at the rate,
# unmeasured, so the branches the open model takes are compiled too; default 0). Measured cold, a fresh JVM meets 2,000/s while its compiler
# takes most of a shared CPU, falls behind, and the run measures client timeouts instead of the
# proxy (see docs/shadow-performance.md).
# Usage: bench/shadow.sh [--rate N] [--duration SECONDS] [--rounds N] [--stall SECONDS]
#                        [--warmup SECONDS] [--jit SECONDS] [--jit-open SECONDS] [--short] [--no-nginx]
#                        [--together N] [--healthy-only]
# (--no-nginx leaves out the nginx mirror runs, for quicker turns on the proxy alone;
# --healthy-only leaves out the stalled-candidate runs; 5 rounds take about 3.5 minutes; each
# --together round about 15 s more, --together 0 leaves them out.)
# (SHADOW_BENCH_KEEP=1 keeps the work directory with every report, for a closer look.)
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
rate=2000
duration=10
stall=30
warmup=3
rounds=5
jit=20
jit_open=0
together=3
nginx_runs=true
stalled_runs=true
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate="${2:-}"; shift $(($# > 1)) ;;
    --duration) duration="${2:-}"; shift $(($# > 1)) ;;
    --stall) stall="${2:-}"; shift $(($# > 1)) ;;
    --warmup) warmup="${2:-}"; shift $(($# > 1)) ;;
    --jit) jit="${2:-}"; shift $(($# > 1)) ;;
    --jit-open) jit_open="${2:-}"; shift $(($# > 1)) ;;
    --rounds) rounds="${2:-}"; shift $(($# > 1)) ;;
    --together) together="${2:-}"; shift $(($# > 1)) ;;
    --short) duration=5; stall=10; warmup=2; jit=10; rounds=2; together=1 ;;
    --no-nginx) nginx_runs=false ;;
    --healthy-only) stalled_runs=false ;;
    -h|--help) sed -n '2,35p' "$0"; exit 0 ;;
    *) echo "shadow bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
# Every numeric option is a whole number (rate, duration and rounds at least 1), checked before
# anything starts, so a typo is exit 2 and not a half-run bench.
for option in "rate=$rate" "duration=$duration" "rounds=$rounds" "stall=$stall" "warmup=$warmup" "jit=$jit" \
  "jit-open=$jit_open" "together=$together"; do
  name="${option%%=*}" value="${option#*=}"
  case "$name:$value" in
    rate:0 | duration:0 | rounds:0 | *:*[!0-9]* | *:)
      echo "shadow bench: --$name takes a whole number of $( [ "$name" = rate ] && echo 'requests per second' || { case "$name" in rounds | together) echo rounds ;; *) echo seconds ;; esac; })$(case "$name" in rate | duration | rounds) echo ' from 1' ;; esac), got '$value'" >&2
      exit 2
      ;;
  esac
done
command -v python3 >/dev/null || { echo "shadow bench: needs python3" >&2; exit 3; }
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$nginx_bin" ] || { echo "shadow bench: needs nginx (apt-get install nginx)" >&2; exit 3; }

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  [ -n "${SHADOW_BENCH_KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT INT TERM

# A JVM on a busy machine can take many seconds to listen: wait up to a minute.
await_port() {
  for _ in $(seq 600); do
    python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), timeout=0.2).close()" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "shadow bench: nothing listens on port $1" >&2
  exit 3
}

. "$root/bench/lib/ports.sh"
read -r primary_port candidate_port stalled_port mirror_healthy_port mirror_stalled_port proxy_port status_port \
  < <(free_ports 7)

# The service: nginx answering a 1 KiB JSON document. The candidate is a second server block of
# the same nginx, so both copies answer alike.
mkdir -p "$work/www" "$work/tmp"
python3 -c "
import json
doc = {'id': 42, 'items': ['x' * 20] * 40}
text = json.dumps(doc)
text = text[:-1] + ', \"pad\": \"' + 'p' * (1024 - len(text) - 11) + '\"}'
assert len(text) == 1024, len(text)
open('$work/www/item.json', 'w').write(text)"
chmod 755 "$work" "$work/www"
chmod 644 "$work/www/item.json"
mirror_block() {
  # nginx's mirror: the client is answered by the primary; each request is also sent to $2.
  cat <<BLOCK
  server {
    listen 127.0.0.1:$1;
    location / {
      mirror /mirror;
      proxy_pass http://primary;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
    location = /mirror {
      internal;
      proxy_pass http://127.0.0.1:$2\$request_uri;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_read_timeout 60s;
    }
  }
BLOCK
}
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $work/tmp/body;
  proxy_temp_path $work/tmp/proxy;
  fastcgi_temp_path $work/tmp/fastcgi;
  uwsgi_temp_path $work/tmp/uwsgi;
  scgi_temp_path $work/tmp/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  types { application/json json; }
  upstream primary { server 127.0.0.1:$primary_port; keepalive 64; }
  server { listen 127.0.0.1:$primary_port; root $work/www; }
  server { listen 127.0.0.1:$candidate_port; root $work/www; }
$(mirror_block "$mirror_healthy_port" "$candidate_port")
$(mirror_block "$mirror_stalled_port" "$stalled_port")
}
CONF
"$nginx_bin" -c "$work/nginx.conf" -e "$work/error.log" &
pids+=($!)

# The stalled candidate: accepts every connection, reads, never answers.
python3 - "$stalled_port" <<'PY' &
import socket, sys, threading
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", int(sys.argv[1])))
server.listen(4096)
held = []
def drain(c):
    try:
        while c.recv(65536):
            pass
    except OSError:
        pass
while True:
    c, _ = server.accept()
    held.append(c)
    threading.Thread(target=drain, args=(c,), daemon=True).start()
PY
pids+=($!)
for p in "$primary_port" "$candidate_port" "$stalled_port" "$mirror_healthy_port" "$mirror_stalled_port"; do
  await_port "$p"
done

minato="$root/minato"
"$minato" --version >/dev/null

# One measured run: the open model at the rate, after the unmeasured warm-up. Prints p50, p99,
# requests and errors.
measure() {
  local name="$1" url="$2" seconds="$3"
  "$minato" load run "$url" --rate "${rate}/s" --duration "${seconds}s" --warmup "${warmup}s" --threads 1 \
    --json -o "$work/$name.json" --hlog "$work/$name.hlog" >/dev/null
  python3 - "$work/$name.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
if d["errors"]:
    print(f"shadow bench: {d['errors']} errors in {sys.argv[1]}", file=sys.stderr)
print(d["latencyMs"]["p50"], d["latencyMs"]["p99"], d["requests"], d["errors"])
PY
}

# minato shadow in the background with its heap capped at 256 MiB; a heap that needed more would
# end the run with exit 3. Its heap in use is read from its own GC log: the heap is fullest just
# before each collection, and the log gives that figure for every one of them. (It was sampled
# with jcmd every second before: each sample started a JVM, about 0.25 s of CPU taken from the
# 2 cores the proxy, nginx and the generator share, during the proxy's runs only, not the direct
# one.) The same log has its safepoints (every stop of the JVM: each collection's pauses, and
# the time it took every thread to stop), stamped with the wall clock, so the collections and
# stops while measured can be printed beside the latency they cause.
start_shadow() {
  local candidate="$1" name="$2"
  MINATO_JAVA_OPTS="-Xmx256m -Xlog:gc,safepoint:file=$work/$name-gc.log:uptime,timemillis ${SHADOW_BENCH_JAVA_OPTS:-}" "$minato" shadow \
    --listen "127.0.0.1:$proxy_port" --primary "http://127.0.0.1:$primary_port" \
    --candidate "http://127.0.0.1:$candidate" --timeout 5s --threads 1 \
    --status "127.0.0.1:$status_port" > "$work/$name-report.txt" 2> "$work/$name-err.txt" &
  shadow_pid=$!
  pids+=("$shadow_pid")
  await_port "$proxy_port"
  "$minato" load run "http://127.0.0.1:$proxy_port/item.json" --concurrency 8 --duration "${jit}s" \
    --threads 1 >/dev/null || true
  if [ "$jit_open" != 0 ]; then
    "$minato" load run "http://127.0.0.1:$proxy_port/item.json" --rate "${rate}/s" --duration "${jit_open}s" \
      --threads 1 >/dev/null || true
  fi
}
# The proxy's counts of client requests, copies mirrored and copies dropped so far, from its status
# endpoint (read before and after a measured run, never during it).
shadow_counts() {
  python3 -c "import json, urllib.request
d = json.load(urllib.request.urlopen('http://127.0.0.1:$status_port/'))
print(d['requests'], d['mirrored'], d['dropped'], d['droppedBusy'])"
}
# What the proxy did with the copies of the requests between two counts: the latency it adds is
# only worth reading beside how many requests it mirrored meanwhile.
copies_line() {
  python3 -c "r, m, d, b = $2 - $1, $4 - $3, $6 - $5, ${8:-0} - ${7:-0}
print(f'copies while measured (warm-up and run): {m} of {r} requests mirrored, {d} dropped ({100 * d / max(1, r):.1f} %; {b} of them for the copy connections all busy, the rest queue full)')"
}
# The proxy's CPU time so far (user + system), in clock ticks.
shadow_cpu() { awk '{ print $14 + $15 }' "/proc/$shadow_pid/stat"; }
stop_shadow() {
  local name="$1" status=0
  # A background job of a script ignores SIGINT (POSIX), and so does a JVM started with it
  # ignored: SIGTERM runs the same shutdown hook as Ctrl-C, the report first, then exit 143.
  kill -TERM "$shadow_pid"
  wait "$shadow_pid" || status=$?
  if [ "$status" != 0 ] && [ "$status" != 143 ] || ! grep -q 'proxied requests' "$work/$name-report.txt"; then
    echo "shadow bench: minato shadow failed ($status):" >&2
    cat "$work/$name-err.txt" >&2
    exit 3
  fi
  python3 - "$work/$name-gc.log" "$work/$name-windows" "$work/$name-pause-line.txt" > "$work/$name-heap-line.txt" <<'PY'
import os, re, statistics, sys
log = open(sys.argv[1]).read()
unit = {"K": 1 / 1024, "M": 1, "G": 1024}
# The heap in use when each collection began, in every collector's words: serial's "GC(7) Pause
# Young (Allocation Failure) 68M->3M(247M) 0.812ms", ZGC's "GC(7) Garbage Collection (Allocation
# Rate) 64M(25%)->20M(8%)", Shenandoah's "GC(7) Concurrent cleanup 70M->20M(96M) 0.05ms".
before = [float(n) * unit[u] for n, u in re.findall(r" (\d+)([KMG])(?:\(\d+%\))?->\d+[KMG]", log)]
collections = len(set(re.findall(r"GC\((\d+)\)", log)))
print(f"heap in use at most {int(max(before)) if before else '?'} MiB, {collections} collections "
      f"(capped by -Xmx256m)")
# While measured (the windows, wall-clock milliseconds): collections started, the collectors' stops
# of the JVM, and every safepoint's stop and time to reach it (the last thread to stop keeps all
# the others, the clients' loop too, waiting).
windows = [tuple(map(int, line.split())) for line in open(sys.argv[2])] if os.path.exists(sys.argv[2]) else []
def measured(ms):
    return any(a <= ms <= b for a, b in windows)
started, pauses, stops, reach = set(), [], [], []
for ms, rest in re.findall(r"\]\[(\d+)ms\] (.*)", log):
    if not measured(int(ms)):
        continue
    gc = re.match(r"GC\((\d+)\)", rest)
    if gc:
        started.add(gc.group(1))
    sp = re.match(r'Safepoint "(\w+)".*Reaching safepoint: (\d+) ns.*Total: (\d+) ns', rest)
    if sp:
        stops.append(int(sp.group(3)) / 1e6)
        reach.append(int(sp.group(2)) / 1e6)
        if re.search(r"Collect|^Z|Shenandoah|G1|ParallelGC", sp.group(1)):
            pauses.append(int(sp.group(3)) / 1e6)
seconds = sum(b - a for a, b in windows) / 1000
with open(sys.argv[3], "w") as out:
    if seconds and stops:
        out.write(
            f"while measured (warm-ups and runs, {seconds:.0f} s): {len(started)} collections ({60 * len(started) / seconds:.1f} a minute), "
            f"their pauses {len(pauses)}, median {statistics.median(pauses) if pauses else 0:.2f} ms, "
            f"longest {max(pauses or [0]):.2f} ms; the JVM stopped {sum(stops):.1f} ms in {len(stops)} safepoints "
            f"({100 * sum(stops) / 1000 / seconds:.2f} % of the time), longest stop {max(stops):.2f} ms, "
            f"longest time to reach one {max(reach):.2f} ms\n")
    else:
        out.write("while measured: no safepoint logged\n")
PY
}

added() { python3 -c "print(f'{$1 - $2:+.3f}')"; }

echo "== 1 KiB JSON from nginx on 127.0.0.1; ${rate}/s open model; ${rounds} rounds of ${duration}s runs (+${warmup} s warm-up each) of direct, minato shadow$([ "$nginx_runs" = true ] && echo " and nginx mirror"), the order reversed every other round; the proxy kept running, JIT-warmed ${jit}s once first$([ "$jit_open" != 0 ] && echo " and ${jit_open}s open-model at the rate"); $(nproc) CPUs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# The proxy's CPU per request over the warm-ups and runs (each request is answered by the primary
# and, by default, sent to the candidate and to the primary once more).
cpu_per_request() {
  python3 -c "print(f'{$1 * 1000 / $(getconf CLK_TCK) / ($rate * ($warmup + $duration) * $rounds):.3f}')"
}
start_shadow "$candidate_port" healthy
cpu_ticks=0
copies=(0 0 0 0)
measure_shadow() {
  local r0 m0 x0 b0 r1 m1 x1 b1 c0 c1
  read -r r0 m0 x0 b0 < <(shadow_counts)
  c0=$(shadow_cpu)
  local t0 t1
  t0=$(date +%s%3N)
  measure "$1" "http://127.0.0.1:$proxy_port/item.json" "$duration"
  t1=$(date +%s%3N)
  echo "$t0 $t1" >> "$work/healthy-windows"
  c1=$(shadow_cpu)
  read -r r1 m1 x1 b1 < <(shadow_counts)
  cpu_ticks=$((cpu_ticks + c1 - c0))
  copies=($((copies[0] + r1 - r0)) $((copies[1] + m1 - m0)) $((copies[2] + x1 - x0)) $((copies[3] + b1 - b0)))
}
# Every round measures each path once at the same rate, warm-up and duration, one after the
# other, so a drift of the host's own tail (which moved direct's p99 from 0.6 to 5.5 ms between
# runs a minute apart) falls on all of them alike; the order is reversed every other round, so no
# path always runs first or last. Each round is printed; then the median of the rounds' added
# figures and the pooled one: every round's samples of a path in one histogram (the HdrHistogram
# logs added exactly, as `minato load merge` adds shards), against direct's pooled the same way.
paths=(direct shadow)
[ "$nginx_runs" = true ] && paths+=(nginx)
for round in $(seq "$rounds"); do
  order=("${paths[@]}")
  if [ $((round % 2)) = 0 ]; then
    order=()
    for ((i = ${#paths[@]} - 1; i >= 0; i--)); do order+=("${paths[i]}"); done
  fi
  for path in "${order[@]}"; do
    case "$path" in
      direct) measure "direct-$round" "http://127.0.0.1:$primary_port/item.json" "$duration" > "$work/direct-$round.line" ;;
      shadow) measure_shadow "shadow-$round" > "$work/shadow-$round.line" ;;
      nginx) measure "nginx-$round" "http://127.0.0.1:$mirror_healthy_port/item.json" "$duration" > "$work/nginx-$round.line" ;;
    esac
  done
  read -r d50 d99 _ _ < "$work/direct-$round.line"
  read -r s50 s99 _ _ < "$work/shadow-$round.line"
  line="$(printf '  round %d (%s)  direct p50 %.3f p99 %.3f ms | minato shadow p50 %.3f p99 %.3f ms, added %s / %s' \
    "$round" "$(IFS=,; echo "${order[*]}")" "$d50" "$d99" "$s50" "$s99" "$(added "$s50" "$d50")" "$(added "$s99" "$d99")")"
  if [ "$nginx_runs" = true ]; then
    read -r n50 n99 _ _ < "$work/nginx-$round.line"
    line+="$(printf ' | nginx mirror p50 %.3f p99 %.3f ms, added %s / %s' "$n50" "$n99" "$(added "$n50" "$d50")" "$(added "$n99" "$d99")")"
  fi
  echo "$line"
done

# The median over rounds of each path's added p50 and p99 against the base path's (direct) in the
# same round, and the pooled figures. Arguments: the rounds, the base path, the other paths.
summary() {
  python3 - "$work" "$@" <<'PY'
import base64, math, statistics, struct, sys, zlib

work, rounds, base, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]

def counts_of(encoded):
    """The counts of one HdrHistogram (V2, compressed, Base64) by bucket index."""
    raw = base64.b64decode(encoded)
    _, length = struct.unpack(">ii", raw[:8])
    payload = zlib.decompress(raw[8 : 8 + length])
    _, size, offset, digits, lowest, _, _ = struct.unpack(">iiiiqqd", payload[:40])
    assert offset == 0, "a normalizing index offset is never written by minato load"
    data, i, index, counts = payload[40 : 40 + size], 0, 0, {}
    while i < len(data):
        value, shift = 0, 0
        while True:  # LEB128, at most nine bytes, the ninth holding eight bits
            b = data[i]
            i += 1
            if shift == 56:
                value |= b << 56
                break
            value |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
        value = (value >> 1) ^ -(value & 1)  # ZigZag; a negative value is a run of empty buckets
        if value < 0:
            index -= value
        else:
            if value:
                counts[index] = value
            index += 1
    return (digits, lowest), counts

def highest_in(index, digits, lowest):
    """The highest value bucket `index` stands for, as HdrHistogram reports a percentile."""
    unit = int(math.floor(math.log2(lowest)))
    half_magnitude = int(math.ceil(math.log2(2 * 10**digits))) - 1
    half = 1 << half_magnitude
    bucket = (index >> half_magnitude) - 1
    sub = (index & (half - 1)) + half
    if bucket < 0:
        sub -= half
        bucket = 0
    return (sub << (bucket + unit)) + (1 << (bucket + unit)) - 1

def pooled(path):
    total, shape = {}, None
    for r in range(1, rounds + 1):
        for line in open(f"{work}/{path}-{r}.hlog"):
            if line.startswith("Tag=latency,"):
                shape, counts = counts_of(line.rstrip().split(",")[4])
                for k, v in counts.items():
                    total[k] = total.get(k, 0) + v
    n = sum(total.values())
    def at(percentile):  # HdrHistogram's getValueAtPercentile, in ms
        want = max(1, math.ceil(math.nextafter(percentile, -math.inf) / 100 * n))
        seen = 0
        for k in sorted(total):
            seen += total[k]
            if seen >= want:
                return highest_in(k, *shape) / 1000
    return n, at(50), at(99)

def figures(path, r):
    p50, p99, _, _ = open(f"{work}/{path}-{r}.line").read().split()
    return float(p50), float(p99)

direct = pooled(base)
names = {"shadow": "minato shadow", "nginx": "nginx mirror", "together-shadow": "minato shadow"}
print(f"  pooled, {rounds} rounds: direct p50 {direct[1]:.3f} p99 {direct[2]:.3f} ms over {direct[0]:,} requests")
for path in paths:
    added50 = [figures(path, r)[0] - figures(base, r)[0] for r in range(1, rounds + 1)]
    added99 = [figures(path, r)[1] - figures(base, r)[1] for r in range(1, rounds + 1)]
    n, p50, p99 = pooled(path)
    target = " (targets: p50 <= 0.3, p99 <= 1)" if path.endswith("shadow") else ""
    print(f"  {names[path]:<14} median of rounds: added p50 {statistics.median(added50):+.3f} ms, "
          f"p99 {statistics.median(added99):+.3f} ms (rounds {min(added99):+.3f} to {max(added99):+.3f}); "
          f"pooled: p50 {p50:.3f} p99 {p99:.3f} ms over {n:,} requests, "
          f"added p50 {p50 - direct[1]:+.3f} ms, p99 {p99 - direct[2]:+.3f} ms{target}")
    print(f"{path} {p99}", file=open(f"{work}/{path}-pooled-p99", "w"))
PY
}
summary "$rounds" "${paths[@]}"

# Direct and through the proxy at the same time: two generators started together, each at the
# rate, so a stall of the host (or of nginx, which serves both) lands on both paths at once. Each
# generator is its own JVM started with the other; the measured windows' start times, read from
# their logs, are printed beside, so a pair that did not overlap shows.
if [ "$together" != 0 ]; then
  echo
  echo "-- direct and minato shadow measured at the same time, ${together} rounds (two generators at ${rate}/s each; the primary serves both)"
  for round in $(seq "$together"); do
    measure "together-direct-$round" "http://127.0.0.1:$primary_port/item.json" "$duration" > "$work/together-direct-$round.line" &
    direct_job=$!
    measure "together-shadow-$round" "http://127.0.0.1:$proxy_port/item.json" "$duration" > "$work/together-shadow-$round.line" &
    shadow_job=$!
    wait "$direct_job"
    wait "$shadow_job"
    read -r d50 d99 _ _ < "$work/together-direct-$round.line"
    read -r s50 s99 _ _ < "$work/together-shadow-$round.line"
    apart=$(python3 -c "import re, sys
starts = [float(re.search(r'StartTime: ([0-9.]+)', open(f).read()).group(1)) for f in sys.argv[1:]]
print(round(1000 * abs(starts[0] - starts[1])))" "$work/together-direct-$round.hlog" "$work/together-shadow-$round.hlog")
    printf '  together %d  direct p50 %.3f p99 %.3f ms | minato shadow p50 %.3f p99 %.3f ms, added %s / %s (windows start %s ms apart)\n' \
      "$round" "$d50" "$d99" "$s50" "$s99" "$(added "$s50" "$d50")" "$(added "$s99" "$d99")" "$apart"
  done
  summary "$together" together-direct together-shadow
fi
stop_shadow healthy
# The proxy's figures: its heap and collections over its whole life (warm-up and every round);
# CPU per request, the pause line and the copies over the interleaved rounds' windows only.
[ "$together" != 0 ] && echo && echo "  the proxy, over the interleaved rounds (heap and collections: all its runs):"
echo "    minato shadow: $(cat "$work/healthy-heap-line.txt"); proxy CPU $(cpu_per_request "$cpu_ticks") ms per request"
echo "    minato shadow $(cat "$work/healthy-pause-line.txt")"
echo "    $(copies_line 0 "${copies[0]}" 0 "${copies[1]}" 0 "${copies[2]}" 0 "${copies[3]}")"
read -r _ s99 < "$work/shadow-pooled-p99"
[ "$nginx_runs" = true ] && read -r _ n99 < "$work/nginx-pooled-p99"

[ "$stalled_runs" = true ] || exit 0
echo
echo "-- the candidate stalled (accepts, never answers) for ${stall}s"
start_shadow "$stalled_port" stalled
read -r r0 m0 x0 b0 < <(shadow_counts)
stalled_from=$(date +%s%3N)
read -r t50 t99 treq terr < <(measure shadow-stalled "http://127.0.0.1:$proxy_port/item.json" "$stall")
echo "$stalled_from $(date +%s%3N)" > "$work/stalled-windows"
read -r r1 m1 x1 b1 < <(shadow_counts)
stop_shadow stalled
printf '  through minato shadow                 p50 %7.3f ms   p99 %7.3f ms   p99 vs healthy %s ms (target within 1)   %s requests, %s errors\n' \
  "$t50" "$t99" "$(added "$t99" "$s99")" "$treq" "$terr"
echo "    $(cat "$work/stalled-heap-line.txt")"
echo "    $(cat "$work/stalled-pause-line.txt")"
echo "    $(copies_line "$r0" "$r1" "$m0" "$m1" "$x0" "$x1" "$b0" "$b1")"
grep -E 'dropped|proxied requests|candidate failed|queue full: |all busy: ' "$work/stalled-report.txt" | sed 's/^/    /' || true

if [ "$nginx_runs" = true ]; then
  read -r m50 m99 mreq merr < <(measure nginx-stalled "http://127.0.0.1:$mirror_stalled_port/item.json" "$stall")
  printf '  through nginx mirror                  p50 %7.3f ms   p99 %7.3f ms   p99 vs healthy %s ms   %s requests, %s errors\n' \
    "$m50" "$m99" "$(added "$m99" "$n99")" "$mreq" "$merr"
fi
