#!/usr/bin/env bash
# Backs up 5,000 objects in 100 namespaces from the minato API emulator and prints objects/s and
# peak memory of the backup process, next to the same figures for 'kubectl get -A -o yaml' (the
# peer baseline that runs here: it lists the same objects but writes one stream, without cleaning,
# files, index or checksums). Velero, the natural peer, cannot run here: it needs a real cluster
# to install its server into; the emulator runs no controllers.
#
# Usage: bench/backup.sh            (builds the CLI through ./minato when needed)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
minato="$root/minato"
work="$(mktemp -d)"
sandbox_pid=""
cleanup() {
  if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

namespaces=100
per_namespace=50   # 1 Namespace + 29 ConfigMaps + 10 Deployments + 10 Services
total=$((namespaces * per_namespace))

echo "bench/backup.sh: $total objects in $namespaces namespaces, served by the minato API EMULATOR"
echo "  (in-process fabric8 mock server with minato's extensions; not a cluster)"
echo "  Velero: not run. It needs a real cluster to install its server into; none is available here."

"$minato" --version >/dev/null   # builds once, outside the measurements
"$minato" sandbox --port 0 --kubeconfig-out "$work/kubeconfig" >"$work/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 100); do [ -s "$work/kubeconfig" ] && break; sleep 0.1; done
[ -s "$work/kubeconfig" ] || { echo "the sandbox did not start:"; cat "$work/sandbox.log"; exit 3; }

mkdir -p "$work/manifests"
for n in $(seq 0 $((namespaces - 1))); do
  ns="team-$n"
  {
    printf 'apiVersion: v1\nkind: Namespace\nmetadata: {name: %s}\n' "$ns"
    for i in $(seq 0 28); do
      printf -- '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-%d, namespace: %s, labels: {app: app-%d}}\ndata: {key: value-%d, other: "%s"}\n' \
        "$i" "$ns" $((i % 10)) "$i" "some longer text for team $n item $i"
    done
    for i in $(seq 0 9); do
      printf -- '---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app-%d, namespace: %s, labels: {app: app-%d}}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: app-%d}}\n  template:\n    metadata: {labels: {app: app-%d}}\n    spec: {containers: [{name: main, image: "registry.example.com/app:%d", ports: [{containerPort: 8080}], resources: {requests: {cpu: 100m, memory: 128Mi}}}]}\n' \
        "$i" "$ns" "$i" "$i" "$i" "$i"
      printf -- '---\napiVersion: v1\nkind: Service\nmetadata: {name: app-%d, namespace: %s}\nspec: {selector: {app: app-%d}, ports: [{port: 80, targetPort: 8080}]}\n' \
        "$i" "$ns" "$i"
    done
  } >"$work/manifests/$ns.yaml"
done

start=$(date +%s.%N)
"$minato" apply "$work/manifests" --kubeconfig "$work/kubeconfig" --inventory bench >"$work/apply.log"
end=$(date +%s.%N)
echo "populate (minato apply, server-side apply): $(awk -v s="$start" -v e="$end" -v n="$total" 'BEGIN{printf "%.1f s, %.0f objects/s", e-s, n/(e-s)}')"

measure() {  # measure <label> <log> <command...>: prints seconds and peak RSS in MiB
  local label=$1 log=$2; shift 2
  local start end rss
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$@" >"$log" 2>"$log.time"
    rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); printf "%.0f", $2/1024}' "$log.time")
  else
    "$@" >"$log" 2>&1
    rss="unavailable (install GNU time: apt-get install time)"
  fi
  end=$(date +%s.%N)
  seconds=$(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.2f", e-s}')
  peak="$rss"
  echo "$label: $seconds s, peak RSS $peak MiB"
}

# minato's objects: the 5,000 plus the inventory ConfigMap apply wrote.
measure "minato backup" "$work/backup.log" "$minato" backup -o "$work/backup" --kubeconfig "$work/kubeconfig"
minato_seconds=$seconds
minato_peak=$peak
backed=$(awk '/^objects:/ {print $2}' "$work/backup/index.yaml")
echo "  $backed objects written ($(awk -v n="$backed" -v s="$minato_seconds" 'BEGIN{printf "%.0f", n/s}') objects/s)"

# Memory stays bounded: objects stream page by page, so a small heap suffices for any cluster
# size (only the index, one path and checksum per object, grows).
MINATO_JAVA_OPTS="-Xmx48m" measure "minato backup, heap capped at 48 MiB" "$work/backup-small.log" \
  "$minato" backup -o "$work/backup-small" --kubeconfig "$work/kubeconfig"
if diff -r "$work/backup" "$work/backup-small" >/dev/null; then
  echo "  identical to the first backup"
else
  echo "  DIFFERS from the first backup"
fi

if command -v kubectl >/dev/null; then
  measure "kubectl get -A -o yaml (peer baseline)" "$work/kubectl.yaml" \
    kubectl --kubeconfig "$work/kubeconfig" get namespaces,configmaps,deployments.apps,services -A -o yaml --chunk-size=500
  listed=$(grep -c '^  kind: ' "$work/kubectl.yaml" || true)
  echo "  $listed objects listed ($(awk -v n="$listed" -v s="$seconds" 'BEGIN{printf "%.0f", n/s}') objects/s)"
  echo "ratio minato/kubectl: time $(awk -v a="$minato_seconds" -v b="$seconds" 'BEGIN{printf "%.2f", a/b}')x, peak memory $(awk -v a="$minato_peak" -v b="$peak" 'BEGIN{ if (b+0 > 0) printf "%.2f", a/b; else print "n/a" }')x"
else
  echo "kubectl not installed: no peer baseline"
fi
