#!/usr/bin/env bash
# Compares `minato load` with wrk against nginx on 127.0.0.1 serving a 1 KiB file:
#   1. maximum throughput, closed model, at equal threads and connections (cells t1/c32, t2/c64),
#      cold (JVM start inside the run) and warm (after a 3 s unmeasured warm-up);
#   2. minato's latency percentiles at a fixed rate below saturation (open model; wrk has no
#      fixed rate, so nothing to compare);
#   3. minato's resident memory sampled over a long open-model run, to show it stays flat;
#   4. HTTP/2: maximum throughput over cleartext h2c (prior knowledge) against h2load, one thread,
#      4 connections with 8 streams each, cold and warm (with the cells, before 2 and 3).
# Installs wrk, h2load (nghttp2-client) and nginx from Debian when missing. Prints both figures and
# the ratio minato/peer (target >= 1.0). A cold run also shows its rate over the whole process
# life, JVM start included (requests / (end of run - launch)), beside the engine's own figure.
# Usage: bench/load-vs-wrk.sh [--short] [--cells-only] [--cell t1|t2|h2c]... [--duration SECONDS]
#                             [--rss-seconds SECONDS] [--rate N]
# --cell runs only the cells named (repeatable; implies --cells-only), each still with its peer in
# the same run: a way to repeat one cell under the bench lock without the whole run.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
duration=10
rss_seconds=60
rate=""
cells_only=0
cells=""
while [ $# -gt 0 ]; do
  case "$1" in
    --short) duration=5; rss_seconds=20 ;;
    --duration) duration="$2"; shift ;;
    --rss-seconds) rss_seconds="$2"; shift ;;
    --rate) rate="$2"; shift ;;
    --cells-only) cells_only=1 ;;
    --cell)
      case "$2" in t1 | t2 | h2c) ;; *) echo "load-vs-wrk: --cell takes t1, t2 or h2c, got '$2'" >&2; exit 2 ;; esac
      cells="$cells $2 "
      cells_only=1
      shift
      ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "load-vs-wrk: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v h2load >/dev/null || need+=(nghttp2-client)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "load-vs-wrk: needs ${need[*]}; run as root or install them with apt-get" >&2
    exit 3
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d)"
nginx_pid=""
cleanup() {
  if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# nginx with its own config, every path in the temp dir, so it runs without root and in parallel
# with anything else on the machine.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
port="$(free_port)"
h2port="$(free_port)"
mkdir -p "$work/www" "$work/tmp"
head -c 1024 /dev/zero | tr '\0' 'x' > "$work/www/1k.html"
# Started as root, nginx's worker drops to an unprivileged user that must be able to read these.
chmod 755 "$work" "$work/www"
chmod 644 "$work/www/1k.html"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/tmp/body;
  proxy_temp_path $work/tmp/proxy;
  fastcgi_temp_path $work/tmp/fastcgi;
  uwsgi_temp_path $work/tmp/uwsgi;
  scgi_temp_path $work/tmp/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  server {
    listen 127.0.0.1:$port;
    root $work/www;
  }
  # Cleartext HTTP/2 with prior knowledge (h2c), the same file (keepalive_requests holds for it).
  server {
    listen 127.0.0.1:$h2port http2;
    root $work/www;
  }
}
CONF
"$nginx_bin" -c "$work/nginx.conf" -e "$work/error.log" &
nginx_pid=$!
url="http://127.0.0.1:$port/1k.html"
for _ in $(seq 50); do
  python3 - "$port" <<'PY' 2>/dev/null && break
import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.2).close()
PY
  sleep 0.1
done

# minato through its launcher, as a user runs it (for 'minato load': the quick C1 compiler only, see
# the launcher's comment); MINATO_JAVA_OPTS may add options for an experiment, such as
# -XX:TieredStopAtLevel=4 for the full JIT.
minato="$root/minato"
"$minato" --version >/dev/null

json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
# A cold run's requests over the time from its launch (epoch ms) to the end of its measured run.
life_rate() {
  python3 - "$1" "$2" <<'PY'
import datetime, json, sys
d = json.load(open(sys.argv[1]))
start = datetime.datetime.fromisoformat(d["start"].replace("Z", "+00:00")).timestamp() * 1000
life = start - int(sys.argv[2]) + d["durationSeconds"] * 1000
print(f"{d['requests'] / life * 1000:.2f}")
PY
}

cpus="$(nproc)"
echo "== nginx on 127.0.0.1:$port (h2c on $h2port) serving 1 KiB; $cpus CPUs; ${duration}s per run; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "-- 1. maximum throughput, closed model, at equal threads and connections (wrk -t/-c, minato --threads/--concurrency)"
# Pinning: nginx's processes on CPU 0, the generator (wrk, or minato's whole JVM: event loops, JIT
# and GC threads alike) on CPUs 1..t, when the machine has t+1 CPUs. A cell whose generator needs
# every CPU (t2 on a 2-CPU machine) runs unpinned: pinning two generator threads onto one CPU
# would measure their contention, and moving nginx onto the generator's CPUs favours nobody; both
# tools then share all CPUs with nginx in the same way.
nginx_pids() { echo "$nginx_pid"; pgrep -P "$nginx_pid" || true; }
pin_nginx() { for p in $(nginx_pids); do taskset -a -pc "$1" "$p" >/dev/null; done; }
cell() {
  local t="$1" c="$2" gen=() label
  if [ "$cpus" -gt "$t" ]; then
    pin_nginx 0
    gen=(taskset -c "1-$t")
    label="nginx on CPU 0, generator on CPU 1-$t"
  else
    pin_nginx "0-$((cpus - 1))"
    label="unpinned: the generator needs all $cpus CPUs"
  fi
  "${gen[@]}" wrk -t"$t" -c"$c" -d"${duration}s" "$url" > "$work/wrk-t$t.txt"
  if grep -q 'Non-2xx' "$work/wrk-t$t.txt"; then
    echo "load-vs-wrk: nginx answered errors to wrk; see $work/error.log" >&2
    cat "$work/wrk-t$t.txt" >&2
    exit 3
  fi
  local wrk_rps cold cold_life warm launched
  wrk_rps="$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk-t$t.txt")"
  # Cold: the JVM starts and compiles its hot code inside the measured run, no warm-up.
  launched="$(date +%s%3N)"
  "${gen[@]}" "$minato" load run "$url" --threads "$t" --concurrency "$c" \
    --duration "${duration}s" --json -o "$work/cold-t$t.json"
  cold="$(json "$work/cold-t$t.json" 'd["rate"]')"
  cold_life="$(life_rate "$work/cold-t$t.json" "$launched")"
  # Warm: the same load for 3 s first, unmeasured, as wrk2 calibrates before it measures.
  "${gen[@]}" "$minato" load run "$url" --threads "$t" --concurrency "$c" \
    --duration "${duration}s" --warmup 3s --json -o "$work/warm-t$t.json"
  warm="$(json "$work/warm-t$t.json" 'd["rate"]')"
  printf '  t%s/c%-3s (%s)\n' "$t" "$c" "$label"
  printf '    wrk %10s req/s   minato cold %10s req/s  %sx   warm %10s req/s  %sx\n' \
    "$wrk_rps" "$cold" "$(ratio "$cold" "$wrk_rps")" "$warm" "$(ratio "$warm" "$wrk_rps")"
  printf '    (cold over the whole process life, JVM start included: %s req/s, %sx)\n' \
    "$cold_life" "$(ratio "$cold_life" "$wrk_rps")"
  [ "$t" = 1 ] && wrk_single="$wrk_rps"
  return 0
}
wrk_single=""
wanted() { [ -z "$cells" ] || [[ "$cells" == *" $1 "* ]]; }
if wanted t1; then cell 1 32; fi
if wanted t2; then cell 2 64; fi
pin_nginx "0-$((cpus - 1))"
echo "  (target >= 1.00x in every cell)"
echo

# HTTP/2 over cleartext (h2c, prior knowledge): h2load -t1 -c4 -m8 against minato --http2 with one
# thread and 32 users on at most 4 connections, so both keep 8 streams open on each connection.
h2_cell() {
  local gen=() label h2_rps cold warm cold_life launched h2url="http://127.0.0.1:$h2port/1k.html"
  if [ "$cpus" -gt 1 ]; then
    pin_nginx 0
    gen=(taskset -c 1)
    label="nginx on CPU 0, generator on CPU 1"
  else
    label="unpinned: one CPU"
  fi
  "${gen[@]}" h2load -t1 -c4 -m8 -D "$duration" "$h2url" > "$work/h2load.txt"
  if ! grep -qE '^requests: .* 0 failed, 0 errored' "$work/h2load.txt"; then
    echo "load-vs-wrk: h2load saw failures; see $work/error.log" >&2
    cat "$work/h2load.txt" >&2
    exit 3
  fi
  h2_rps="$(awk '/^finished in/ {gsub(",", "", $4); print $4}' "$work/h2load.txt")"
  launched="$(date +%s%3N)"
  "${gen[@]}" "$minato" load run "$h2url" --http2 --threads 1 --concurrency 32 \
    --max-connections 4 --duration "${duration}s" --json -o "$work/h2-cold.json"
  cold="$(json "$work/h2-cold.json" 'd["rate"]')"
  cold_life="$(life_rate "$work/h2-cold.json" "$launched")"
  "${gen[@]}" "$minato" load run "$h2url" --http2 --threads 1 --concurrency 32 \
    --max-connections 4 --duration "${duration}s" --warmup 3s --json -o "$work/h2-warm.json"
  warm="$(json "$work/h2-warm.json" 'd["rate"]')"
  for f in "$work/h2-cold.json" "$work/h2-warm.json"; do
    if [ "$(json "$f" 'd["errors"]')" != 0 ]; then
      echo "load-vs-wrk: minato --http2 saw errors: $(json "$f" 'd["failures"]')" >&2
      exit 3
    fi
  done
  printf '  h2c t1/c4/m8 (%s)\n' "$label"
  printf '    h2load %10s req/s   minato cold %10s req/s  %sx   warm %10s req/s  %sx\n' \
    "$h2_rps" "$cold" "$(ratio "$cold" "$h2_rps")" "$warm" "$(ratio "$warm" "$h2_rps")"
  printf '    (cold over the whole process life, JVM start included: %s req/s, %sx)\n' \
    "$cold_life" "$(ratio "$cold_life" "$h2_rps")"
}
echo "-- 4. HTTP/2 (h2c, prior knowledge): maximum throughput, closed model (h2load -t1 -c4 -m8;"
echo "      minato --http2 --threads 1 --concurrency 32 --max-connections 4)"
if wanted h2c; then h2_cell; fi
pin_nginx "0-$((cpus - 1))"
echo "  (target >= 1.00x; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
echo
if [ "$cells_only" = 1 ]; then
  exit 0
fi

if [ -z "$rate" ]; then
  # A quarter of what wrk reached: well below saturation, so latency is the server's, not a queue.
  rate="$(python3 -c "print(max(100, int($wrk_single / 4) // 100 * 100))")"
fi
echo "-- 2. latency at a fixed rate below saturation: open model, ${rate}/s for ${duration}s"
"$minato" load run "$url" --rate "${rate}/s" --duration "${duration}s" --warmup 3s --json \
  -o "$work/open.json"
python3 - "$work/open.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def row(name, v):
    print(f"  {name:<13}" + "  ".join(f"{k} {v[k]}ms" for k in ("p50", "p90", "p99", "p99.9", "max")))
print(f"  minato requests {d['requests']} at {d['rate']}/s, errors {d['errors']}, "
      f"schedule lag p99 {d['scheduleLagMs']['p99']}ms")
row("latency", d["latencyMs"])
row("service time", d["serviceTimeMs"])
PY
echo "  (wrk cannot hold a fixed rate: it has no open-model figure to compare)"
echo

echo "-- 3. minato memory over ${rss_seconds}s at ${rate}/s (RSS every 5 s)"
"$minato" load run "$url" --rate "${rate}/s" --duration "${rss_seconds}s" -o "$work/rss-report.txt" &
load_pid=$!
samples=()
elapsed=0
while kill -0 "$load_pid" 2>/dev/null; do
  sleep 5
  elapsed=$((elapsed + 5))
  rss="$(ps -o rss= -p "$load_pid" 2>/dev/null | tr -d ' ' || true)"
  [ -n "$rss" ] || break
  samples+=("$rss")
  printf '  t=%3ss  RSS %6.1f MiB\n' "$elapsed" "$(python3 -c "print($rss / 1024)")"
done
wait "$load_pid"
if [ ${#samples[@]} -ge 4 ]; then
  # The JVM grows its heap to a working size during the first part of a run; flat memory means
  # the second half does not keep growing.
  python3 - "${samples[@]}" <<'PY'
import sys
s = [int(x) for x in sys.argv[1:]]
half = len(s) // 2
first, second = s[:half], s[half:]
print(f"  RSS first half: peak {max(first)/1024:.1f} MiB; second half: {second[0]/1024:.1f} -> "
      f"{second[-1]/1024:.1f} MiB (peak {max(second)/1024:.1f} MiB, "
      f"{100*(second[-1]-second[0])/second[0]:+.1f}% over the second half)")
PY
fi
grep -E '^Requests|^Error set' "$work/rss-report.txt" | sed 's/^/  /'
