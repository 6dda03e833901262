#!/usr/bin/env bash
# Benchmark: minato check on 50,000 generated Kubernetes objects, JVM start included.
#
# Generates 10,000 apps in 100 namespaces (Deployment, Service, PodDisruptionBudget,
# HorizontalPodAutoscaler and ConfigMap each: 50,000 objects in 100 files), then times one
# `minato check` run over the directory through the ./minato launcher, as a user would run it.
# Every 50th app carries a deliberate problem (latest tag, PDB that blocks eviction) so the rules
# do real work and the report is not empty; the others pass every rule (their HPA may scale to 5,
# so they carry a topology spread for replicas-spread). Prints objects/second and wall time.
#
# Peer tools: the issue names none for this figure; kube-linter and kube-score are run for
# comparison when installed (neither is packaged for Debian or on npm, so usually they are not).
#
# Usage: bench/check.sh [objects]   (default 50000; rounded down to a multiple of 500)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
objects="${1:-50000}"
apps=$((objects / 5))
per_file=100
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/manifests"

echo "bench/check: generating $((apps * 5)) objects ($apps apps) in $work/manifests" >&2
awk -v apps="$apps" -v per_file="$per_file" -v dir="$work/manifests" '
function doc(file, text) { printf "%s---\n", text > file }
BEGIN {
  for (i = 0; i < apps; i++) {
    file = sprintf("%s/apps-%04d.yaml", dir, int(i / per_file));
    ns = sprintf("team-%02d", i % 100);
    name = sprintf("app-%05d", i);
    image = (i % 50 == 7) ? "example/" name ":latest" : "example/" name ":1." i % 10 ".0";
    min = (i % 50 == 13) ? 2 : 1;
    doc(file, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " name "\n  namespace: " ns \
      "\n  labels: {app.kubernetes.io/name: " name ", minato.dev/migration-policy: duplicate-ok}\n" \
      "spec:\n  selector:\n    matchLabels: {app.kubernetes.io/name: " name "}\n  template:\n" \
      "    metadata:\n      labels: {app.kubernetes.io/name: " name "}\n" \
      "      annotations: {minato.dev/workers-per-cpu: \"2\"}\n    spec:\n" \
      "      terminationGracePeriodSeconds: 40\n      automountServiceAccountToken: false\n" \
      "      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n" \
      "      topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app.kubernetes.io/name: " name "}}}]\n" \
      "      containers:\n        - name: app\n          image: " image "\n" \
      "          ports: [{name: http, containerPort: 8080}]\n" \
      "          env:\n            - {name: WEB_CONCURRENCY, value: \"1\"}\n" \
      "            - name: MINATO_CPU_REQUEST\n              valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}\n" \
      "          readinessProbe: {httpGet: {path: /ready, port: http}}\n" \
      "          livenessProbe: {httpGet: {path: /health, port: http}}\n" \
      "          lifecycle: {preStop: {exec: {command: [sleep, \"10\"]}}}\n" \
      "          resources: {requests: {cpu: 500m, memory: 256Mi}, limits: {memory: 256Mi}}\n" \
      "          securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}\n");
    doc(file, "apiVersion: v1\nkind: Service\nmetadata: {name: " name ", namespace: " ns "}\n" \
      "spec:\n  selector: {app.kubernetes.io/name: " name "}\n  ports: [{name: http, port: 80, targetPort: http}]\n");
    doc(file, "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: " name ", namespace: " ns "}\n" \
      "spec:\n  " ((min == 2) ? "minAvailable: 2" : "maxUnavailable: 1") \
      "\n  selector: {matchLabels: {app.kubernetes.io/name: " name "}}\n");
    doc(file, "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: " name ", namespace: " ns "}\n" \
      "spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: " name "}\n" \
      "  minReplicas: " min "\n  maxReplicas: 5\n" \
      "  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]\n");
    doc(file, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " name ", namespace: " ns "}\n" \
      "data: {LOG_LEVEL: info, FEATURE_X: \"true\"}\n");
  }
}'
count=$(grep -c '^kind:' "$work"/manifests/*.yaml | awk -F: '{ s += $2 } END { print s }')
bytes=$(du -sb "$work/manifests" | cut -f1)

# Build the launcher's jar first, so the timed run measures checking, not compiling.
"$root/minato" --version >/dev/null

now() { date +%s.%N; }
# CPU time (user + sys) is printed beside wall time: on a shared machine wall time mostly measures
# the other tenants, CPU time measures minato.
timer=()
if [ -x /usr/bin/time ]; then
  timer=(/usr/bin/time -o "$work/cpu" -f "%U %S")
fi
load="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
start=$(now)
status=0
"${timer[@]}" "$root/minato" check "$work/manifests" --format json >"$work/report.json" || status=$?
end=$(now)
cpu="$( [ -f "$work/cpu" ] && tail -n 1 "$work/cpu" | awk '{ printf "%.1f", $1 + $2 }' || echo '?')"
if [ "$status" -gt 1 ]; then
  echo "bench/check: minato check failed with exit $status" >&2
  exit "$status"
fi
findings=$(grep -c '"rule" :' "$work/report.json" || true)
awk -v n="$count" -v s="$start" -v e="$end" -v b="$bytes" -v f="$findings" -v cpu="$cpu" -v load="$load" 'BEGIN {
  wall = e - s;
  printf "minato check: %d objects (%.1f MB YAML), %d findings, wall %.2f s with JVM start, %.0f objects/s\n",
    n, b / 1048576, f, wall, n / wall;
  printf "cpu %s s (user+sys), load average %s on %d cores at the start\n", cpu, load, '"$(nproc)"';
  printf "target: under 5 s -> %s\n", (wall < 5 ? "met" : "MISSED");
}'

for peer in kube-linter kube-score; do
  if command -v "$peer" >/dev/null; then
    start=$(now)
    case "$peer" in
      kube-linter) kube-linter lint "$work/manifests" >/dev/null 2>&1 || true ;;
      kube-score) kube-score score "$work"/manifests/*.yaml >/dev/null 2>&1 || true ;;
    esac
    end=$(now)
    awk -v p="$peer" -v n="$count" -v s="$start" -v e="$end" 'BEGIN {
      printf "%s: wall %.2f s, %.0f objects/s\n", p, e - s, n / (e - s) }'
  else
    echo "$peer: not installed here (not packaged for Debian or npm); minato figures only"
  fi
done
