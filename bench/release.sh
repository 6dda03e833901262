#!/usr/bin/env bash
# Measures 'minato release' of one app in a manifest repository of 500 specs x 3 environments
# (wall time, JVM start included): load every spec, NodePorts from the lock, the app's manifests
# regenerated and compared, the spec edited, one commit with JGit. Target (issue #12): under 2 s.
# Offline: --no-verify-image skips the registry (a registry round trip is network time, not ours).
# For scale it prints 'minato generate' of the whole repository, what a script that edits the spec
# and regenerates everything would run instead, and the ratio.
# Usage: bench/release.sh [apps]   (default 500)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
apps="${1:-500}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

now() { date +%s%N; }
seconds() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }

"$root/minato" --version >/dev/null # builds when needed and records the class-data archive

repo="$work/deploy"
for i in $(seq 1 "$apps"); do
  dir="$repo/apps/app-$i"
  mkdir -p "$dir"
  cat >"$dir/minato.yaml" <<SPEC
# app-$i: a web service in three environments
apiVersion: minato.dev/v1
kind: App
metadata: {name: app-$i, team: team-$((i % 17))}
spec:
  image: registry.example.com/app-$i:1.$i.0   # released by minato release
  runtime: java
  port: 8080
  resources: {cpu: "1", memory: 1Gi}
  replicas: {min: 2, max: 6}
  env: {LOG_LEVEL: info}
environments:
  dev: {replicas: {min: 1, max: 1}}
  stg: {}
  prd:
    namespace: prod-$i
    replicas: {min: 4, max: 20}
SPEC
done
cd "$repo"
git init -q -b main .
git config user.name bench && git config user.email bench@example.com
"$root/minato" generate -q
git add -A && git commit -q -m "specs and manifests"

target=$((apps / 2))
# CPU time (user + sys) beside the wall time: on a shared, busy machine the wall time is mostly
# waiting for a core, which says more about the neighbours than about the release.
TIMEFORMAT='%U %S'
start=$(now)
cpu=$( { time "$root/minato" release "app-$target" --env prd \
  --image "registry.example.com/app-$target:2.0.0" --no-verify-image >/dev/null; } 2>&1 )
release=$(($(now) - start))
git diff --stat HEAD~1 | tail -1

start=$(now)
"$root/minato" generate -q
generate=$(($(now) - start))

# The issue's yardstick for every bench of #12: the real age wrapping one 32-byte data key.
if command -v age >/dev/null && command -v age-keygen >/dev/null; then
  age-keygen -o "$work/age-key.txt" 2>/dev/null
  head -c 32 /dev/urandom >"$work/datakey"
  recipient="$(sed -n 's/^# public key: //p' "$work/age-key.txt")"
  start=$(now)
  age -e -a -r "$recipient" -o "$work/datakey.age" "$work/datakey"
  wrap=$(($(now) - start))
else
  wrap=""
fi

echo "minato release (1 app of $apps, 3 environments, commit included): $(seconds "$release") s wall (target < 2 s), $(echo "$cpu" | awk '{ printf "%.3f", $1 + $2 }') s CPU"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "minato generate of the whole repository (the naive alternative):   $(seconds "$generate") s"
awk -v a="$release" -v b="$generate" 'BEGIN { printf "ratio release/generate: %.2f\n", a / b }'
if [ -n "$wrap" ]; then
  echo "age -e, one 32-byte key (for scale):                               $(seconds "$wrap") s"
else
  echo "age -e, one 32-byte key: age is not installed (apt-get install age)"
fi
