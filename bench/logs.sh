#!/usr/bin/env bash
# LTSV -> masked JSON lines with the 12 rules of minato-logs/src/test/resources/corpus-rules.yaml,
# on 1,000,000 seeded lines with planted secrets and look-alike decoys. Runs 'minato logs mask'
# pinned to one core (taskset -c 0), JVM start included, and prints lines/s per core, peak RSS,
# and whether every planted secret was masked and how many decoys stayed untouched.
#
# The peer figure: Fluent Bit at 10,000 lines/s used 0.19 vCPU in AWS's benchmark of its
# CloudWatch plugin ("Centralized Container Logging with Fluent Bit", AWS Open Source Blog, 2019,
# quoted in github.com/fluent/fluent-bit/issues/1475): about 52,600 lines/s per core, tail to
# CloudWatch, no masking. Fluent Bit is not installable here, so it is quoted, not run.
#
# Usage: bench/logs.sh [--prepare] [LINES]     (default 1000000; builds the CLI through ./minato)
# The seeded corpus (~220 MiB for a million lines) takes minutes to make, so it is made once and
# kept in ${TMPDIR:-/tmp}/minato-bench-logs, named by the line count and this script's checksum;
# --prepare only makes it (and the CLI), so that a run under the shared bench lock measures only.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
minato="$root/minato"
rules="$root/minato-logs/src/test/resources/corpus-rules.yaml"
prepare=false
if [ "${1:-}" = "--prepare" ]; then prepare=true; shift; fi
lines="${1:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
corpus_dir="${TMPDIR:-/tmp}/minato-bench-logs/$lines-$(sha256sum "$0" | cut -c1-12)"
peer=52600

command -v taskset >/dev/null || { echo "bench/logs.sh: taskset (util-linux) is needed" >&2; exit 3; }
command -v python3 >/dev/null || { echo "bench/logs.sh: python3 is needed to make the corpus" >&2; exit 3; }
"$minato" --version >/dev/null   # builds once, outside the measurement

# The corpus: LTSV lines, and beside each the secrets it planted and the decoys it holds.
if [ ! -s "$corpus_dir/corpus.ltsv" ] || [ ! -s "$corpus_dir/truth" ]; then
mkdir -p "$corpus_dir"
python3 - "$lines" "$corpus_dir/corpus.ltsv.part" "$corpus_dir/truth.part" <<'PY'
import base64, random, sys
n, corpus, truth = int(sys.argv[1]), sys.argv[2], sys.argv[3]
r = random.Random(20261130)
TOKEN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
tok = lambda k: "".join(r.choice(TOKEN) for _ in range(k))
digits = lambda k: "".join(r.choice("0123456789") for _ in range(k))
def luhn_ok(s):
    total = 0
    for i, c in enumerate(reversed(s)):
        d = int(c)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0
def card(grouped):
    body = "4" + digits(14)
    s = next(body + str(c) for c in range(10) if luhn_ok(body + str(c)))
    return " ".join(s[i:i + 4] for i in range(0, 16, 4)) if grouped else s
def failing():
    s = card(False)
    return s[:15] + str((int(s[15]) + 1) % 10)
b64 = lambda b: base64.urlsafe_b64encode(b).decode().rstrip("=")
def secret():
    k = r.randrange(8)
    if k == 0: s = card(r.random() < 0.5); return "card " + s, s
    if k == 1: s = tok(6).lower().replace("-", "x").replace("_", "y") + "." + digits(3) + "@" + r.choice(["example.com", "mail.example.org", "shop.io"]); return "by " + s, s
    if k == 2: s = b64(b'{"alg":"HS256","typ":"JWT"}') + "." + b64(('{"sub":"%s"}' % digits(8)).encode()) + "." + tok(43); return "jwt " + s, s
    if k == 3: s = tok(32); return "Bearer " + s, s
    if k == 4: s = "AKIA" + "".join(r.choice(B32) for _ in range(16)); return "key " + s, s
    if k == 5: s = "-----BEGIN RSA PRIVATE KEY-----\\nMII" + tok(40) + "\\n-----END RSA PRIVATE KEY-----"; return s, s
    if k == 6: s = "SSN %s-%s-%s" % (digits(3), digits(2), digits(4)); return s, s
    s = card(False); return "pay " + s, s
def decoy():
    k = r.randrange(10)
    return ["order " + failing(), "@Override", "lib@%d.%d.0" % (r.randrange(9), r.randrange(20)),
            "user@localhost", "ts %d" % (1700000000000000000 + r.randrange(10**9)),
            "eyJ" + tok(10) + ".x" + tok(6) + ".y", "AKIA" + tok(16).lower(),
            "v%d.%d.%d.1.2" % (r.randrange(10), r.randrange(10), r.randrange(10)),
            "at 12:%02d:00" % r.randrange(60), "-----BEGIN CERTIFICATE-----"][k]
with open(corpus, "w") as out, open(truth, "w") as t:
    for i in range(n):
        secrets, decoys = [], []
        client = "%d.%d.%d.%d" % (1 + r.randrange(223), r.randrange(256), r.randrange(256), 1 + r.randrange(254))
        secrets.append(client)
        msg = "request done"
        for _ in range(1 + r.randrange(2)):
            text, s = secret(); secrets.append(s); msg += " " + text
        for word in (" near ", " and "):
            d = decoy(); decoys.append(d); msg += word + d
        fields = ["time:2026-11-30T12:00:%02dZ" % (i % 60), "level:" + r.choice(["info", "warn"]),
                  "app:" + r.choice(["checkout", "search", "auth"]), "client:" + client, "msg:" + msg]
        if r.randrange(5) == 0:
            s = "pw-" + tok(12); secrets.append(s); fields.append("password:" + s)
        if r.randrange(5) == 0:
            s = tok(24); secrets.append(s); fields.append("refresh_token:" + s)
        fields.append("duration_ms:%d" % r.randrange(5000))
        out.write("\t".join(fields) + "\n")
        t.write("\x1f".join(secrets) + "\t" + "\x1f".join(decoys) + "\n")
PY
mv "$corpus_dir/truth.part" "$corpus_dir/truth"
mv "$corpus_dir/corpus.ltsv.part" "$corpus_dir/corpus.ltsv"
fi
if [ "$prepare" = true ]; then echo "bench/logs.sh: corpus ready in $corpus_dir"; exit 0; fi
ln -s "$corpus_dir/corpus.ltsv" "$work/corpus.ltsv"
ln -s "$corpus_dir/truth" "$work/truth"

size=$(du -mL "$work/corpus.ltsv" | cut -f1)
echo "bench/logs.sh: $lines LTSV lines (${size} MiB), 12 rules, minato logs mask --from ltsv --to json"
echo "  one core (taskset -c 0), JVM start included; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
export MINATO_LOG_KEY="bench-key-0123456789abcdef0123456789abcdef"
start=$(date +%s.%N)
taskset -c 0 /usr/bin/time -f "%M %U %S" -o "$work/rss" \
  "$minato" logs mask --rules "$rules" --from ltsv --to json <"$work/corpus.ltsv" >"$work/out.jsonl" 2>"$work/err"
end=$(date +%s.%N)
read -r rss_kb user_s sys_s < <(tail -1 "$work/rss")
rss_mb=$((rss_kb / 1024))
wall=$(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.2f", e-s}')
cpu=$(awk -v u="$user_s" -v s="$sys_s" 'BEGIN{printf "%.2f", u+s}')
# Per core: lines over the CPU seconds the process used (it ran on one core). On a quiet machine
# this equals the wall-clock rate; on a shared one the wall clock also counts others' time slices.
ours=$(awk -v c="$cpu" -v n="$lines" 'BEGIN{printf "%.0f", n/c}')
echo "  $(grep 'lines read' "$work/err")"
echo "  minato:     $ours lines/s per core ($cpu CPU s on one core; wall $wall s, $(awk -v w="$wall" -v n="$lines" 'BEGIN{printf "%.0f", n/w}') lines/s), peak RSS ${rss_mb} MiB"
echo "  Fluent Bit: ~$peer lines/s per core (published: 10,000 lines/s at 0.19 vCPU, AWS 2019; not run here)"
echo "  ratio:      $(awk -v a="$ours" -v b="$peer" 'BEGIN{printf "%.1fx", a/b}')"

python3 - "$work/out.jsonl" "$work/truth" <<'PY'
import json, sys
leaks = secrets = decoys = damaged = 0
def in_json(s):
    return json.dumps(s)[1:-1]
with open(sys.argv[1]) as out, open(sys.argv[2]) as truth:
    for line, t in zip(out, truth):
        ss, ds = t.rstrip("\n").split("\t")
        for s in ss.split("\x1f"):
            secrets += 1
            if in_json(s) in line:
                leaks += 1
        for d in ds.split("\x1f"):
            decoys += 1
            if in_json(d) not in line:
                damaged += 1
print("  planted secrets: %d, left unmasked: %d" % (secrets, leaks))
print("  decoys: %d, untouched: %.3f%%" % (decoys, 100.0 * (decoys - damaged) / decoys))
sys.exit(1 if leaks else 0)
PY
