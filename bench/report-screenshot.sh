#!/usr/bin/env bash
# Renders minato's HTML load report in headless Chromium to a PNG, to check that the report draws
# its charts by itself (inline script and SVG, no network). Installs chromium from Debian when
# missing. Usage: bench/report-screenshot.sh [REPORT.html] [OUT.png]
# Without a report, one is made first: 6 s at 300/s against a local server on 127.0.0.1.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
report="${1:-}"
out="${2:-$root/target/load-report.png}"
mkdir -p "$(dirname "$out")"

if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "report-screenshot: needs chromium; run as root or apt-get install chromium" >&2
    exit 3
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

if [ -z "$report" ]; then
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
  mkdir -p "$work/www"
  echo '{"status":"ok"}' > "$work/www/health"
  # A keep-alive HTTP/1.1 server that answers a few requests slowly, so the charts have a shape.
  python3 - "$port" "$work/www" <<'PY' &
import http.server, random, sys, time
class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def do_GET(self):
        if random.random() < 0.01:
            time.sleep(0.05)
        if random.random() < 0.003:
            self.send_error(503)
            return
        super().do_GET()
http.server.ThreadingHTTPServer.allow_reuse_address = True
server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])),
    lambda *a: Handler(*a, directory=sys.argv[2]))
server.serve_forever()
PY
  server_pid=$!
  sleep 1
  report="$work/report.html"
  # Exit 1 (an SLO missed) still writes the report; anything else is a failure.
  code=0
  "$root/minato" load run "http://127.0.0.1:$port/health" --rate 300/s --duration 6s \
    --slo 'p99<250ms' --slo 'errors<1%' --html "$report" >/dev/null || code=$?
  if [ "$code" -gt 1 ] || [ ! -s "$report" ]; then
    echo "report-screenshot: minato load run failed (exit $code)" >&2
    exit 3
  fi
fi
rm -f "$out"

chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
  --user-data-dir="$work/profile" --window-size=1280,1400 --virtual-time-budget=5000 \
  --screenshot="$out" "file://$(readlink -f "$report")" >/dev/null 2>&1
if [ ! -s "$out" ]; then
  echo "report-screenshot: chromium wrote no screenshot" >&2
  exit 3
fi
size="$(stat -c %s "$out")"
echo "report-screenshot: $out ($size bytes)"
