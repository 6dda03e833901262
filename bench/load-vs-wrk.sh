#!/usr/bin/env bash
# Compares `minato load` with wrk against nginx on 127.0.0.1 serving a 1 KiB file:
#   1. maximum throughput, closed model, at equal threads and connections (cells t1/c32, t2/c64),
#      cold (JVM start inside the run) and warm (after a 3 s unmeasured warm-up);
#   2. minato's latency percentiles at a fixed rate below saturation (open model; wrk has no
#      fixed rate, so nothing to compare);
#   3. minato's resident memory sampled over a long open-model run, to show it stays flat;
#   4. HTTP/2: maximum throughput against h2load, one thread, 4 connections with 8 streams each,
#      cold and warm, over cleartext h2c (prior knowledge; cell h2c) and over TLS with ALPN h2
#      (cell h2tls; a self-signed certificate that neither tool verifies) (with the cells, before
#      2 and 3). Cell t1tls, run only when named: HTTP/1.1 over TLS, wrk -t1 -c32 against minato
#      --threads 1 --concurrency 32 on the same https port. Cell t2u, run only when named: t2/c64
#      with nginx and the generator unpinned (every cell above pins nginx to CPU 0).
# Each cell runs --rounds rounds (default 3) of peer, minato cold and minato warm, the order rotated
# from round to round so that no tool always runs first; every trial is printed, then per cell the
# median of each figure, the ratio of the medians minato/peer (target >= 1.0) and the range of the
# per-round ratios. Per trial it also prints what bounds it: the nginx worker's CPU over the
# measured run, and the generator's CPU over it and per request. A cold run also shows its rate
# over the whole process life, JVM start included. Installs wrk, h2load (nghttp2-client), nginx
# and openssl from Debian when missing. --cells-only takes about 37 s per cell and round (7.5 min for the
# default three rounds of four cells); --rounds 1 is a single shot as before.
# Usage: bench/load-vs-wrk.sh [--short] [--cells-only] [--cell t1|t2|t2u|h2c|h2tls|t1tls]... [--rounds N]
#                             [--duration SECONDS] [--rss-seconds SECONDS] [--rate N] [--keep DIR]
# --keep DIR copies every trial's report (minato's JSON with its per-second series), the CPU
# samples (epoch ms, nginx worker ticks, generator pid and ticks, nginx worker's times scheduled,
# host steal ticks) and trials.tsv into DIR.
# --cell runs only the cells named (repeatable; implies --cells-only), each still with its peer in
# the same rounds: a way to split a run into parts short enough for the bench lock.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
duration=10
rss_seconds=60
rate=""
rounds=3
keep=""
cells_only=0
cells=""
while [ $# -gt 0 ]; do
  case "$1" in
    --short) duration=5; rss_seconds=20 ;;
    --duration) duration="$2"; shift ;;
    --rss-seconds) rss_seconds="$2"; shift ;;
    --rate) rate="$2"; shift ;;
    --keep) keep="$2"; shift ;;
    --cells-only) cells_only=1 ;;
    --rounds)
      case "${2:-}" in [1-9] | [1-9][0-9]) ;; *) echo "load-vs-wrk: --rounds takes a number from 1 to 99, got '${2:-}'" >&2; exit 2 ;; esac
      rounds="$2"
      shift
      ;;
    --cell)
      case "$2" in t1 | t2 | t2u | h2c | h2tls | t1tls) ;; *) echo "load-vs-wrk: --cell takes t1, t2, t2u, h2c, h2tls or t1tls, got '$2'" >&2; exit 2 ;; esac
      cells="$cells $2 "
      cells_only=1
      shift
      ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "load-vs-wrk: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v h2load >/dev/null || need+=(nghttp2-client)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v python3 >/dev/null || need+=(python3)
command -v openssl >/dev/null || need+=(openssl)
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
sampler_pid=""
cleanup() {
  if [ -n "$sampler_pid" ]; then kill "$sampler_pid" 2>/dev/null || true; fi
  if [ -n "$keep" ]; then
    mkdir -p "$keep" && cp "$work"/*.json "$work"/*.txt "$work/samples" "$work/trials.tsv" "$keep"/ 2>/dev/null || true
  fi
  if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# nginx with its own config, every path in the temp dir, so it runs without root and in parallel
# with anything else on the machine.
. "$root/bench/lib/ports.sh"
read -r port h2port tlsport < <(free_ports 3)
mkdir -p "$work/www" "$work/tmp"
# A self-signed certificate for the TLS cell. Neither generator verifies it (h2load never does;
# minato gets --insecure), so both do the same trust work: none beyond the handshake itself.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=IP:127.0.0.1,DNS:localhost \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
head -c 1024 /dev/zero | tr '\0' 'x' > "$work/www/1k.html"
# Started as root, nginx's worker drops to an unprivileged user that must be able to read these
# (the key is read by the master, before it drops).
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
  # HTTP/2 over TLS, chosen by ALPN h2 (nginx 1.22's syntax; 1.25 and later also take "http2 on;"),
  # HTTP/1.1 to clients that do not ask for h2. TLS 1.3 as well (nginx 1.22 offers only up to 1.2
  # by default), and the server picks the cipher for everyone: left to the clients, h2load, wrk and
  # BoringSSL take AES-128-GCM and the JDK AES-256-GCM, four more AES rounds per block.
  server {
    listen 127.0.0.1:$tlsport ssl http2;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers on;
    ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384;
    ssl_certificate $work/cert.pem;
    ssl_certificate_key $work/key.pem;
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
cpus="$(nproc)"
echo "== nginx on 127.0.0.1:$port (h2c on $h2port, h2 over TLS on $tlsport) serving 1 KiB; $cpus CPUs; ${duration}s per run;" \
  "$rounds round(s) per cell; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# Each trial's figures come from one helper: the sampler reads the nginx worker's and the
# generator's CPU ticks from /proc every 100 ms (so a figure can be taken over minato's measured
# window, which its JSON report dates, not over its JVM start or warm-up), and the other commands
# turn samples, reports and trials into the printed lines.
cat > "$work/trials.py" <<'PY'
import datetime, json, os, statistics, sys, time

def ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime, all threads
    except (OSError, ValueError, IndexError):
        return -1

def first_line(path):
    try:
        with open(path) as f:
            return f.readline().split()
    except OSError:
        return []

def sampler(worker, pidfile, out):
    # One line per sample: epoch ms, the nginx worker's ticks, the generator's pid and ticks, then
    # for --keep: how often the nginx worker has been scheduled (fewer times per request when its
    # requests come batched) and the host's steal ticks (time a hypervisor took from this machine).
    with open(out, "a", buffering=1) as o:
        while True:
            try:
                gen = int(open(pidfile).read().strip() or 0)
            except (OSError, ValueError):
                gen = 0
            slices = (first_line(f"/proc/{worker}/schedstat") + ["-1"] * 3)[2]
            cpu = first_line("/proc/stat")
            steal = cpu[8] if len(cpu) > 8 else "-1"
            o.write(f"{time.time() * 1000:.0f} {ticks(worker)} {gen} {ticks(gen) if gen else -1} "
                    f"{slices} {steal}\n")
            time.sleep(0.1)

def at(samples, t, column, pid=None):
    # The column's value at epoch ms t, interpolated between the samples around it.
    pts = [(s[0], s[column]) for s in samples if s[column] >= 0 and (pid is None or s[2] == pid)]
    if not pts:
        return None
    if t <= pts[0][0]:
        return pts[0][1]
    for (t0, v0), (t1, v1) in zip(pts, pts[1:]):
        if t0 <= t <= t1:
            return v0 + (v1 - v0) * (t - t0) / max(1, t1 - t0)
    return pts[-1][1]

def trial(args):
    # cell round kind report launch_ms exit_ms process_cpu_ms pid samples trials.tsv
    cell, rnd, kind, report, launch, exit_ms, cpu_ms, pid, samples_file, tsv = args
    launch, exit_ms, cpu_ms, pid = int(launch), int(exit_ms), int(cpu_ms), int(pid)
    hz = os.sysconf("SC_CLK_TCK")
    samples = [tuple(map(int, line.split())) for line in open(samples_file) if len(line.split()) >= 4]
    per_second = ""
    life = ""
    if kind in ("cold", "warm"):
        d = json.load(open(report))
        start = datetime.datetime.fromisoformat(d["start"].replace("Z", "+00:00")).timestamp() * 1000
        a, b = start, start + d["durationSeconds"] * 1000
        requests, rate = d["requests"], d["rate"]
        g0, g1 = at(samples, a, 3, pid), at(samples, b, 3, pid)
        gen_window = None if g0 is None or g1 is None else (g1 - g0) / hz
        per_second = ",".join(f"{t['rate'] / 1000:.1f}" for t in d["timeSeries"] if t["millis"] >= 500)
        if kind == "cold":
            life = f"{requests / (b - launch) * 1000:.2f}"
    else:
        text = open(report).read()
        if kind == "wrk":
            requests = int(next(l for l in text.splitlines() if " requests in " in l).split()[0])
            rate = float(next(l for l in text.splitlines() if l.startswith("Requests/sec:")).split()[1])
        else:
            requests = int(next(l for l in text.splitlines() if l.startswith("requests:")).split()[1])
            rate = float(next(l for l in text.splitlines() if l.startswith("finished in"))
                         .split()[3].replace(",", ""))
        a, b = launch, exit_ms
        gen_window = cpu_ms / 1000  # the peer's whole process is its measured run
    n0, n1 = at(samples, a, 1), at(samples, b, 1)
    seconds = (b - a) / 1000
    nginx = "" if n0 is None else f"{(n1 - n0) / hz / seconds * 100:.0f}"
    # nginx's own CPU per request: at its ceiling, the rate is one CPU over this, so a generator
    # whose requests cost nginx less (they arrive batched, say) gets more from the same server.
    nginx_us = "" if n0 is None else f"{(n1 - n0) / hz * 1e6 / requests:.1f}"
    gen_share = "" if gen_window is None else f"{gen_window / seconds * 100:.0f}"
    gen_us = "" if gen_window is None else f"{gen_window * 1e6 / requests:.1f}"
    process_us = f"{cpu_ms * 1000 / requests:.1f}"
    row = [cell, rnd, kind, f"{rate:.2f}", str(requests), nginx, gen_share, gen_us, process_us, life,
           per_second, nginx_us]
    with open(tsv, "a") as o:
        o.write("\t".join(row) + "\n")
    name = {"wrk": "wrk", "h2load": "h2load", "cold": "minato cold", "warm": "minato warm"}[kind]
    line = f"    {name:<12}{rate:>8,.0f} req/s  nginx {nginx or '?':>3}% of a CPU, {nginx_us or '?':>4} us/req"
    line += f"  generator {gen_share or '?':>3}% of a CPU, {gen_us or '?':>4} us/req"
    if kind in ("cold", "warm"):
        line += f" (whole process {process_us})"
    print(line)
    if kind == "cold":
        print(f"    {'':<12}JVM start included: {float(life):>10,.0f} req/s over the process life")
    if per_second:
        print(f"    {'':<12}per second (k req/s): {per_second.replace(',', ' ')}")

def fmt(x):
    return f"{x:.2f}x"

def summary(args):
    tsv, peer, cell, out = args
    rows = [l.rstrip("\n").split("\t") for l in open(tsv)]
    rows = [r for r in rows if r[0] == cell]
    rounds = sorted({int(r[1]) for r in rows})
    by = {(int(r[1]), r[2]): r for r in rows}
    def med(kind, col):
        vals = [float(by[(n, kind)][col]) for n in rounds if by[(n, kind)][col]]
        return statistics.median(vals) if vals else None
    p, c, w = med(peer, 3), med("cold", 3), med("warm", 3)
    life = med("cold", 9)
    def spread(kind, base, col=3):
        rs = [float(by[(n, kind)][col]) / float(by[(n, base)][3]) for n in rounds]
        return f"{min(rs):.2f}..{max(rs):.2f}"
    n = len(rounds)
    print(f"  {cell}: medians of {n} round(s): {peer} {p:,.0f}, minato cold {c:,.0f}, warm {w:,.0f} req/s")
    print(f"    cold {fmt(c / p)} (rounds {spread('cold', peer)})   warm {fmt(w / p)} (rounds "
          f"{spread('warm', peer)})   JVM start included {fmt(life / p)} (rounds {spread('cold', peer, 9)})")
    print(f"    warm / cold {w / c:.2f} (rounds {spread('warm', 'cold')})")
    share = {k: med(k, 5) for k in (peer, "cold", "warm")}
    us = {k: med(k, 7) for k in (peer, "cold", "warm")}
    nus = {k: med(k, 11) for k in (peer, "cold", "warm")}
    print(f"    medians, nginx: {peer} {share[peer]:.0f}% of a CPU, {nus[peer]:.1f} us/req; cold "
          f"{share['cold']:.0f}%, {nus['cold']:.1f}; warm {share['warm']:.0f}%, {nus['warm']:.1f}")
    print(f"    medians, generator us/req: {peer} {us[peer]:.1f}; cold {us['cold']:.1f} (whole process "
          f"{med('cold', 8):.1f}); warm {us['warm']:.1f} (whole process {med('warm', 8):.1f})")
    # The host's own speed drifts (both processes' CPU per request rise and fall together, second
    # by second), so the generator's cost over nginx's in the same seconds is the steadier figure;
    # it is a diagnostic, not the target. Since minato's loops poll before they sleep
    # (docs/load-performance.md, sixth round), its CPU includes the time it waited for nginx,
    # yielded to any thread that wanted it: an upper bound of its cost per request, no longer a
    # like-for-like comparison.
    rel = {k: statistics.median(float(by[(n, k)][7]) / float(by[(n, k)][11]) for n in rounds
                                if by[(n, k)][7] and by[(n, k)][11]) for k in (peer, "cold", "warm")}
    print(f"    generator us/req over nginx us/req in the same seconds (medians; the host's speed"
          f" cancels): {peer} {rel[peer]:.2f}, cold {rel['cold']:.2f}, warm {rel['warm']:.2f}")
    if min(share.values()) >= 90:
        print("    server-bound: nginx's worker was at >= 90% of its CPU (medians) with every tool, so the"
              " ratio says\n    how much CPU nginx spends on each client's requests, not how fast the"
              " clients are;\n    minato's generator us/req is an upper bound (its loops poll, yielding"
              " the CPU, while they wait for nginx)")
    if out != "-":
        open(out, "w").write(f"{p:.0f}\n")

{"sampler": lambda a: sampler(*a), "trial": trial, "summary": summary}[sys.argv[1]](sys.argv[2:])
PY
nginx_worker="$(pgrep -P "$nginx_pid" | head -1)"
: > "$work/gen.pid"
python3 "$work/trials.py" sampler "$nginx_worker" "$work/gen.pid" "$work/samples" &
sampler_pid=$!
: > "$work/trials.tsv"

# Sets cpu_ms to the CPU of this shell's finished children (user + system, ms) from bash's `times`
# (its second line, as "0m1.234s 0m0.567s"), without forking: it must run in this shell, not in a
# $(...) subshell, which has children of its own, and a child forked here would count as well.
child_cpu_ms() {
  local user system t rest total=0
  times > "$work/times"
  { read -r _ && read -r user system; } < "$work/times"
  for t in "$user" "$system"; do
    t="${t%s}"
    rest="${t#*m}"
    total=$((total + ${t%%m*} * 60000 + 10#${rest%.*} * 1000 + 10#${rest#*.}))
  done
  cpu_ms="$total"
}
# Runs one generator in the background so that the sampler can follow its pid (taskset and the
# launcher exec theirs, so the pid is the generator's own), and sets g_launch, g_exit (epoch ms)
# and g_cpu (its whole process's CPU, ms). Nothing else forks between the two readings of the
# children's CPU (the clock is read without a subshell), so g_cpu is the generator's alone.
run_generator() {
  local out="$1" pid
  shift
  child_cpu_ms
  local before="$cpu_ms"
  g_launch=$((${EPOCHREALTIME/./} / 1000))
  "$@" > "$out" &
  pid=$!
  echo "$pid" > "$work/gen.pid"
  wait "$pid"
  g_exit=$((${EPOCHREALTIME/./} / 1000))
  : > "$work/gen.pid"
  g_pid="$pid"
  child_cpu_ms
  g_cpu=$((cpu_ms - before))
}
record() {
  python3 "$work/trials.py" trial "$1" "$2" "$3" "$4" "$g_launch" "$g_exit" "$g_cpu" "$g_pid" \
    "$work/samples" "$work/trials.tsv"
}
# The round's order of peer, cold and warm, rotated so that over three rounds each comes first,
# second and third once: a drift of the host over a round, or a state one run leaves to the next,
# then falls on every tool alike.
order() {
  local -a kinds=(peer cold warm)
  local i s=$((($1 - 1) % 3))
  for i in 0 1 2; do printf '%s ' "${kinds[$(((s + i) % 3))]}"; done
}

echo
echo "-- 1. maximum throughput, closed model, at equal threads and connections (wrk -t/-c, minato --threads/--concurrency)"
echo "      per trial: rate; the nginx worker's CPU over the measured run (100% = one CPU, its ceiling);"
echo "      the generator's CPU over it and per request (minato's measured window; wrk's whole process)"
# Pinning, as issue 16 asks: nginx's processes on CPU 0, the generator (wrk, or minato's whole
# JVM: event loops, JIT and GC threads alike) on the others, CPUs 1..t when the machine has t+1
# CPUs. On a machine with fewer (t2 on 2 CPUs) the generator's threads share CPUs 1..n-1: both
# tools then run their t threads on the same fewer CPUs, and nginx keeps a CPU of its own.
# Cell t2u (only when named) runs t2 unpinned instead, nginx and the generator sharing every CPU:
# where the scheduler puts three runnable threads on two CPUs then moves both tools' rates by
# 5-10 % from trial to trial (docs/load-performance.md, seventh round), which is why it is not the
# target cell.
nginx_pids() { echo "$nginx_pid"; pgrep -P "$nginx_pid" || true; }
pin_nginx() { for p in $(nginx_pids); do taskset -a -pc "$1" "$p" >/dev/null; done; }
# Arguments: the generator's threads; "unpinned" to share every CPU.
pinning() {
  local t="$1" last
  gen=()
  if [ "${2:-}" = unpinned ] || [ "$cpus" -lt 2 ]; then
    pin_nginx "0-$((cpus - 1))"
    label="unpinned: nginx and the generator share all $cpus CPUs"
    return
  fi
  last=$((cpus > t ? t : cpus - 1))
  pin_nginx 0
  if [ "$last" -eq 1 ]; then
    gen=(taskset -c 1)
    label="nginx on CPU 0, generator on CPU 1"
  else
    gen=(taskset -c "1-$last")
    label="nginx on CPU 0, generator on CPU 1-$last"
  fi
  if [ "$last" -lt "$t" ]; then label="$label ($t threads on $last CPU(s), both tools alike)"; fi
}
# Arguments: threads, connections, the round; then, for the TLS cell, its name, its URL and
# minato's extra options.
cell_round() {
  local t="$1" c="$2" r="$3" name="${4:-t$1/c$2}" target="${5:-$url}" kind f tag
  shift 3
  shift $(($# < 2 ? $# : 2))
  tag="${name//\//-}"
  if [ "$name" = t2u/c64 ]; then pinning "$t" unpinned; else pinning "$t"; fi
  printf '  %s round %s of %s (%s; order: %s)\n' "$name" "$r" "$rounds" "$label" "$(order "$r" | sed 's/peer/wrk/; s/ $//')"
  for kind in $(order "$r"); do
    case "$kind" in
      peer)
        f="$work/wrk-$tag-$r.txt"
        run_generator "$f" "${gen[@]}" wrk -t"$t" -c"$c" -d"${duration}s" "$target"
        if grep -q 'Non-2xx' "$f"; then
          echo "load-vs-wrk: nginx answered errors to wrk; see $work/error.log" >&2
          cat "$f" >&2
          exit 3
        fi
        record "$name" "$r" wrk "$f"
        ;;
      cold)
        # Cold: the JVM starts and compiles its hot code inside the measured run, no warm-up.
        f="$work/cold-$tag-$r.json"
        run_generator /dev/null "${gen[@]}" "$minato" load run "$target" "$@" --threads "$t" \
          --concurrency "$c" --duration "${duration}s" --json -o "$f"
        record "$name" "$r" cold "$f"
        ;;
      warm)
        # Warm: the same load for 3 s first, unmeasured, as wrk2 calibrates before it measures.
        f="$work/warm-$tag-$r.json"
        run_generator /dev/null "${gen[@]}" "$minato" load run "$target" "$@" --threads "$t" \
          --concurrency "$c" --duration "${duration}s" --warmup 3s --json -o "$f"
        record "$name" "$r" warm "$f"
        ;;
    esac
  done
}
# Every cell but t1tls and t2u runs unless --cell names others; those two only when named.
wanted() { { [ -z "$cells" ] && [ "$1" != t1tls ] && [ "$1" != t2u ]; } || [[ "$cells" == *" $1 "* ]]; }
for r in $(seq "$rounds"); do
  if wanted t1; then cell_round 1 32 "$r"; fi
  if wanted t2; then cell_round 2 64 "$r"; fi
  if wanted t2u; then cell_round 2 64 "$r" t2u/c64 "$url"; fi
  if wanted t1tls; then cell_round 1 32 "$r" t1tls "https://127.0.0.1:$tlsport/1k.html" --insecure; fi
done
pin_nginx "0-$((cpus - 1))"
echo
wrk_single=""
if wanted t1; then
  python3 "$work/trials.py" summary "$work/trials.tsv" wrk t1/c32 "$work/wrk-single"
  wrk_single="$(cat "$work/wrk-single")"
fi
if wanted t2; then python3 "$work/trials.py" summary "$work/trials.tsv" wrk t2/c64 -; fi
if wanted t2u; then python3 "$work/trials.py" summary "$work/trials.tsv" wrk t2u/c64 -; fi
if wanted t1tls; then python3 "$work/trials.py" summary "$work/trials.tsv" wrk t1tls -; fi
echo "  (target >= 1.00x in every cell)"
echo

# HTTP/2: h2load -t1 -c4 -m8 against minato --http2 with one thread and 32 users on at most 4
# connections, so both keep 8 streams open on each connection. Cell h2c runs it over cleartext
# (prior knowledge), h2tls over TLS with ALPN h2, where minato skips verification (--insecure) as
# h2load does. Arguments: the round, the cell's name, its URL, then minato's extra options.
h2_round() {
  local r="$1" cell="$2" h2url="$3" kind f
  shift 3
  pinning 1
  [ "$cpus" -gt 1 ] || label="unpinned: one CPU"
  printf '  %s t1/c4/m8 round %s of %s (%s; order: %s)\n' "$cell" "$r" "$rounds" "$label" "$(order "$r" | sed 's/peer/h2load/; s/ $//')"
  for kind in $(order "$r"); do
    case "$kind" in
      peer)
        f="$work/h2load-$cell-$r.txt"
        run_generator "$f" "${gen[@]}" h2load -t1 -c4 -m8 -D "$duration" "$h2url"
        if ! grep -qE '^requests: .* 0 failed, 0 errored' "$f"; then
          echo "load-vs-wrk: h2load saw failures; see $work/error.log" >&2
          cat "$f" >&2
          exit 3
        fi
        record "$cell" "$r" h2load "$f"
        ;;
      cold | warm)
        f="$work/$cell-$kind-$r.json"
        local warmup=()
        [ "$kind" = warm ] && warmup=(--warmup 3s)
        run_generator /dev/null "${gen[@]}" "$minato" load run "$h2url" --http2 "$@" --threads 1 \
          --concurrency 32 --max-connections 4 --duration "${duration}s" "${warmup[@]}" --json -o "$f"
        if [ "$(json "$f" 'd["errors"]')" != 0 ]; then
          echo "load-vs-wrk: minato --http2 saw errors: $(json "$f" 'd["failures"]')" >&2
          exit 3
        fi
        record "$cell" "$r" "$kind" "$f"
        ;;
    esac
  done
}
echo "-- 4. HTTP/2: maximum throughput, closed model (h2load -t1 -c4 -m8; minato --http2 --threads 1"
echo "      --concurrency 32 --max-connections 4), over cleartext h2c (prior knowledge) and over TLS (ALPN h2)"
if wanted h2c; then
  for r in $(seq "$rounds"); do h2_round "$r" h2c "http://127.0.0.1:$h2port/1k.html"; done
  echo
  python3 "$work/trials.py" summary "$work/trials.tsv" h2load h2c -
fi
if wanted h2tls; then
  for r in $(seq "$rounds"); do h2_round "$r" h2tls "https://127.0.0.1:$tlsport/1k.html" --insecure; done
  echo
  python3 "$work/trials.py" summary "$work/trials.tsv" h2load h2tls -
  # What both negotiated: h2load prints it; minato's JDK and nginx pick the same by default.
  sed -n 's/^\(TLS Protocol\|Cipher\|Server Temp Key\|Application protocol\): */    h2load \1: /p' \
    "$work/h2load-h2tls-1.txt"
fi
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
