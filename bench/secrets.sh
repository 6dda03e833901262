#!/usr/bin/env bash
# Encrypts and decrypts a SOPS file of 1,000 values with minato (JVM start included, through the
# ./minato launcher) and prints each wall time next to the real age's time for wrapping one data
# key, for scale. The targets: encrypt and decrypt each under 1 s. sops itself is not installed
# here (no Debian package), so the peer figure is age, which SOPS calls once per recipient.
#
# Usage: bench/secrets.sh [values]      (default 1000; builds the CLI through ./minato when needed)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
minato="$root/minato"
values="${1:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v age >/dev/null && command -v age-keygen >/dev/null \
  || { echo "age and age-keygen are needed: apt-get install age"; exit 3; }

ms() { echo $(( $(date +%s%N) / 1000000 )); }

"$minato" --version >/dev/null   # builds once, outside the measurements
age-keygen -o "$work/keys.txt" 2>/dev/null
recipient="$(sed -n 's/^# public key: //p' "$work/keys.txt")"
mkdir -p "$work/.minato" "$work/secrets"
printf 'creation_rules:\n  - path_regex: ^secrets/\n    age: %s\n' "$recipient" >"$work/.minato/secrets.yaml"
{
  for i in $(seq 1 "$values"); do printf 'key-%d: value-%d-%s\n' "$i" "$i" "$RANDOM$RANDOM"; done
} >"$work/secrets/big.yaml"

# CPU time (user + sys) beside the wall time: on a shared, busy machine the wall time is mostly
# waiting for a core, which says more about the neighbours than about minato.
TIMEFORMAT='%U %S'
cpu() { awk '{ printf "%.2f", $1 + $2 }' <<<"$1"; }
start=$(ms)
encrypt_cpu=$( { time "$minato" secrets encrypt "$work/secrets/big.yaml" >/dev/null; } 2>&1 )
encrypt=$(( $(ms) - start ))
start=$(ms)
decrypt_cpu=$( { time "$minato" secrets decrypt --age-key-file "$work/keys.txt" \
  "$work/secrets/big.yaml" >"$work/out.yaml"; } 2>&1 )
decrypt=$(( $(ms) - start ))
[ "$(grep -c '^key-' "$work/out.yaml")" -eq "$values" ] || { echo "decrypt lost values"; exit 1; }

head -c 32 /dev/urandom >"$work/datakey"
start=$(ms); age -e -a -r "$recipient" -o "$work/datakey.age" "$work/datakey"; wrap=$(( $(ms) - start ))

echo "bench/secrets.sh: SOPS file of $values values, one age recipient (wall time, JVM start included)"
printf '  minato secrets encrypt  %5d ms   (target < 1000 ms; %s s CPU)\n' "$encrypt" "$(cpu "$encrypt_cpu")"
printf '  minato secrets decrypt  %5d ms   (target < 1000 ms; %s s CPU)\n' "$decrypt" "$(cpu "$decrypt_cpu")"
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '  age -e, one 32-byte key %5d ms   (the peer step, for scale; ratio encrypt/age %s)\n' \
  "$wrap" "$(awk -v a="$encrypt" -v b="$wrap" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }')"
status=0
[ "$encrypt" -lt 1000 ] || { echo "  encrypt is over the 1 s target"; status=1; }
[ "$decrypt" -lt 1000 ] || { echo "  decrypt is over the 1 s target"; status=1; }
exit $status
