#!/usr/bin/env bash
# Compares `minato load` with wrk against nginx on 127.0.0.1 serving a 1 KiB file:
#   1. maximum throughput, closed model, same connection count, threads and duration for both;
#   2. latency percentiles at a fixed rate below saturation (open model; wrk has no fixed rate,
#      so its figures are those of the closed run);
#   3. minato's resident memory sampled over a long open-model run, to show it stays flat.
# Installs wrk and nginx from Debian when missing. Prints both figures and the ratio minato/wrk
# (target >= 0.9). Usage: bench/load-vs-wrk.sh [--short] [--connections N] [--duration SECONDS]
#                         [--rss-seconds SECONDS] [--rate N]
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
connections=64
duration=10
rss_seconds=60
rate=""
while [ $# -gt 0 ]; do
  case "$1" in
    --short) duration=5; rss_seconds=20 ;;
    --connections) connections="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    --rss-seconds) rss_seconds="$2"; shift ;;
    --rate) rate="$2"; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "load-vs-wrk: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
threads="$(nproc)"

need=()
command -v wrk >/dev/null || need+=(wrk)
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
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
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

# minato through its launcher, which gives 'minato load' the JVM's full JIT (other commands run
# with C1 only); MINATO_JAVA_OPTS may add options for an experiment.
minato="$root/minato"
"$minato" --version >/dev/null

json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

echo "== nginx on 127.0.0.1:$port serving 1 KiB; $threads CPUs; $connections connections, ${duration}s"
echo
echo "-- 1. maximum throughput, closed model"
wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$url" > "$work/wrk.txt"
if grep -q 'Non-2xx' "$work/wrk.txt"; then
  echo "load-vs-wrk: nginx answered errors to wrk; see $work/error.log" >&2
  cat "$work/wrk.txt" >&2
  exit 3
fi
wrk_rps="$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt")"
wrk_p50="$(awk '$1=="50%" {print $2}' "$work/wrk.txt")"
wrk_p99="$(awk '$1=="99%" {print $2}' "$work/wrk.txt")"
"$minato" load run "$url" --concurrency "$connections" --duration "${duration}s" --json -o "$work/cold.json"
cold_rps="$(json "$work/cold.json" 'd["rate"]')"
# The JVM compiles its hot code during the first seconds; --warmup sends the same load for a
# while first, unmeasured, as wrk2 calibrates before it measures.
"$minato" load run "$url" --concurrency "$connections" --duration "${duration}s" --warmup 3s \
  --json -o "$work/closed.json"
minato_rps="$(json "$work/closed.json" 'd["rate"]')"
minato_p50="$(json "$work/closed.json" 'd["latencyMs"]["p50"]')"
minato_p99="$(json "$work/closed.json" 'd["latencyMs"]["p99"]')"
minato_errors="$(json "$work/closed.json" 'd["errors"]')"
ratio="$(python3 -c "print(f'{$minato_rps / $wrk_rps:.3f}')")"
cold_ratio="$(python3 -c "print(f'{$cold_rps / $wrk_rps:.3f}')")"
printf '  %-8s %12s req/s   p50 %-10s p99 %-10s\n' wrk "$wrk_rps" "$wrk_p50" "$wrk_p99"
printf '  %-8s %12s req/s   p50 %-10s p99 %-10s errors %s  (after a 3 s unmeasured warm-up)\n' \
  minato "$minato_rps" "${minato_p50}ms" "${minato_p99}ms" "$minato_errors"
printf '  %-8s %12s req/s   (cold start, JIT warm-up inside the %ss)\n' minato "$cold_rps" "$duration"
echo "  ratio minato/wrk throughput: $ratio (target >= 0.9); cold start: $cold_ratio"
echo

if [ -z "$rate" ]; then
  # A quarter of what wrk reached: well below saturation, so latency is the server's, not a queue.
  rate="$(python3 -c "print(max(100, int($wrk_rps / 4) // 100 * 100))")"
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
echo "  (wrk cannot hold a fixed rate; its closed-model latency above is p50 $wrk_p50, p99 $wrk_p99)"
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
