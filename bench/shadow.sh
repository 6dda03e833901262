#!/usr/bin/env bash
# What `minato shadow` adds to the primary path, measured with `minato load` (open model) against
# nginx on 127.0.0.1 serving a 1 KiB JSON body:
#   1. direct to the primary, and through `minato shadow` with a healthy candidate: added p50/p99
#      (targets: p50 <= 0.3 ms, p99 <= 1 ms);
#   2. through `minato shadow` while the candidate accepts connections and never answers (stalled
#      for the whole run): primary p99 against run 1 (target: within 1 ms), the proxy run with
#      -Xmx256m (a heap over 256 MiB would end it with exit 3) and its heap in use at most;
#   3. the same two runs through nginx's own `mirror` (proxy_pass to the primary, a mirror to the
#      candidate), printed beside.
# Every measured run follows an unmeasured warm-up at the same rate (--warmup, default 5 s). The
# proxy is a long-running JVM: before its runs it is first warmed for --jit seconds (default 20)
# by 8 closed-model connections, so its JIT compiles at a load it can absorb. Measured cold, a
# fresh JVM meets 2,000/s while its compiler takes most of a shared CPU, falls behind, and the
# run measures client timeouts instead of the proxy (see docs/shadow.md).
# Usage: bench/shadow.sh [--rate N] [--duration SECONDS] [--stall SECONDS] [--warmup SECONDS]
#                        [--jit SECONDS] [--short] [--no-nginx] [--healthy-only]
# (--no-nginx leaves out the nginx mirror runs, for quicker turns on the proxy alone;
# --healthy-only leaves out the stalled-candidate runs: direct and healthy only, about a minute.)
# (SHADOW_BENCH_KEEP=1 keeps the work directory with every report, for a closer look.)
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
rate=2000
duration=10
stall=30
warmup=5
jit=20
nginx_runs=true
stalled_runs=true
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    --stall) stall="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --jit) jit="$2"; shift ;;
    --short) duration=5; stall=10; warmup=3; jit=10 ;;
    --no-nginx) nginx_runs=false ;;
    --healthy-only) stalled_runs=false ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "shadow bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
# A JVM on a busy machine can take many seconds to listen: wait up to a minute.
await_port() {
  for _ in $(seq 600); do
    python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), timeout=0.2).close()" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "shadow bench: nothing listens on port $1" >&2
  exit 3
}

primary_port="$(free_port)"
candidate_port="$(free_port)"
stalled_port="$(free_port)"
mirror_healthy_port="$(free_port)"
mirror_stalled_port="$(free_port)"
proxy_port="$(free_port)"
status_port="$(free_port)"

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
    --json -o "$work/$name.json" >/dev/null
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
# one.)
start_shadow() {
  local candidate="$1" name="$2"
  MINATO_JAVA_OPTS="-Xmx256m -Xlog:gc:file=$work/$name-gc.log ${SHADOW_BENCH_JAVA_OPTS:-}" "$minato" shadow \
    --listen "127.0.0.1:$proxy_port" --primary "http://127.0.0.1:$primary_port" \
    --candidate "http://127.0.0.1:$candidate" --timeout 5s --threads 1 \
    --status "127.0.0.1:$status_port" > "$work/$name-report.txt" 2> "$work/$name-err.txt" &
  shadow_pid=$!
  pids+=("$shadow_pid")
  await_port "$proxy_port"
  "$minato" load run "http://127.0.0.1:$proxy_port/item.json" --concurrency 8 --duration "${jit}s" \
    --threads 1 >/dev/null || true
}
# The proxy's counts of client requests, copies mirrored and copies dropped so far, from its status
# endpoint (read before and after a measured run, never during it).
shadow_counts() {
  python3 -c "import json, urllib.request
d = json.load(urllib.request.urlopen('http://127.0.0.1:$status_port/'))
print(d['requests'], d['mirrored'], d['dropped'])"
}
# What the proxy did with the copies of the requests between two counts: the latency it adds is
# only worth reading beside how many requests it mirrored meanwhile.
copies_line() {
  python3 -c "r, m, d = $2 - $1, $4 - $3, $6 - $5
print(f'copies while measured (warm-up and run): {m} of {r} requests mirrored, {d} dropped ({100 * d / max(1, r):.1f} %)')"
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
  python3 - "$work/$name-gc.log" > "$work/$name-heap-line.txt" <<'PY'
import re, sys
unit = {"K": 1 / 1024, "M": 1, "G": 1024}
# "GC(7) Pause Young (Allocation Failure) 68M->3M(247M) 0.812ms": 68M in use when it began.
before = [float(n) * unit[u] for n, u in re.findall(r"Pause .*? (\d+)([KMG])->\d+[KMG]\(", open(sys.argv[1]).read())]
print(f"heap in use at most {int(max(before)) if before else '?'} MiB before {len(before)} collections "
      f"(capped by -Xmx256m)")
PY
}

added() { python3 -c "print(f'{$1 - $2:+.3f}')"; }

echo "== 1 KiB JSON from nginx on 127.0.0.1; ${rate}/s open model, ${duration}s runs (+${warmup} s warm-up each; the proxy JIT-warmed ${jit}s first); $(nproc) CPUs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
read -r d50 d99 _ _ < <(measure direct "http://127.0.0.1:$primary_port/item.json" "$duration")
printf '  direct to the primary                 p50 %7.3f ms   p99 %7.3f ms\n' "$d50" "$d99"

# The proxy's CPU per request over the warm-up and the run (each request is answered by the
# primary and, by default, sent to the candidate and to the primary once more).
cpu_per_request() {
  python3 -c "print(f'{($2 - $1) * 1000 / $(getconf CLK_TCK) / ($rate * ($warmup + $3)):.3f}')"
}
start_shadow "$candidate_port" healthy
read -r r0 m0 x0 < <(shadow_counts)
c0=$(shadow_cpu)
read -r s50 s99 _ _ < <(measure shadow "http://127.0.0.1:$proxy_port/item.json" "$duration")
c1=$(shadow_cpu)
read -r r1 m1 x1 < <(shadow_counts)
stop_shadow healthy
printf '  through minato shadow                 p50 %7.3f ms   p99 %7.3f ms   added p50 %s ms (target <= 0.3), p99 %s ms (target <= 1)\n' \
  "$s50" "$s99" "$(added "$s50" "$d50")" "$(added "$s99" "$d99")"
echo "    $(cat "$work/healthy-heap-line.txt"); proxy CPU $(cpu_per_request "$c0" "$c1" "$duration") ms per request"
echo "    $(copies_line "$r0" "$r1" "$m0" "$m1" "$x0" "$x1")"

if [ "$nginx_runs" = true ]; then
read -r n50 n99 _ _ < <(measure nginx "http://127.0.0.1:$mirror_healthy_port/item.json" "$duration")
printf '  through nginx mirror                  p50 %7.3f ms   p99 %7.3f ms   added p50 %s ms, p99 %s ms\n' \
  "$n50" "$n99" "$(added "$n50" "$d50")" "$(added "$n99" "$d99")"
fi
[ "$stalled_runs" = true ] || exit 0
echo
echo "-- the candidate stalled (accepts, never answers) for ${stall}s"
start_shadow "$stalled_port" stalled
read -r r0 m0 x0 < <(shadow_counts)
read -r t50 t99 treq terr < <(measure shadow-stalled "http://127.0.0.1:$proxy_port/item.json" "$stall")
read -r r1 m1 x1 < <(shadow_counts)
stop_shadow stalled
printf '  through minato shadow                 p50 %7.3f ms   p99 %7.3f ms   p99 vs healthy %s ms (target within 1)   %s requests, %s errors\n' \
  "$t50" "$t99" "$(added "$t99" "$s99")" "$treq" "$terr"
echo "    $(cat "$work/stalled-heap-line.txt")"
echo "    $(copies_line "$r0" "$r1" "$m0" "$m1" "$x0" "$x1")"
grep -E 'dropped|proxied requests|candidate failed|queue full: |all busy: ' "$work/stalled-report.txt" | sed 's/^/    /' || true

if [ "$nginx_runs" = true ]; then
  read -r m50 m99 mreq merr < <(measure nginx-stalled "http://127.0.0.1:$mirror_stalled_port/item.json" "$stall")
  printf '  through nginx mirror                  p50 %7.3f ms   p99 %7.3f ms   p99 vs healthy %s ms   %s requests, %s errors\n' \
    "$m50" "$m99" "$(added "$m99" "$n99")" "$mreq" "$merr"
fi
