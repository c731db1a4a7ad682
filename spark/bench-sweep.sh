#!/usr/bin/env bash
# The 64-point sweep of the README's "Beyond one machine: Spark" table: quickstart at 8 arrival rates x 8 replica
# counts, an hour of simulated traffic each, on the local engine with 1 and 2 threads and on Spark local[1] and local[2].
# Prints the wall time of each (the whole command: JVM and Spark start included) and checks the four sweep.csv
# files are identical. Takes about 2-3 minutes on 2 cores; run it on a quiet machine, once.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/out/bench-sweep}"
mkdir -p "$OUT"
SWEEP=(sweep "$ROOT/scenarios/quickstart.yaml" --set duration_s=3600
  --vary workload.arrival.rate_rps=2,4,6,8,10,12,14,16 --vary 'cluster.pools[0].replicas=1,2,3,4,5,6,7,8'
  --no-pdf)

# build both paths first, so the timings hold no Maven
"$ROOT/llmsim" --version >/dev/null
"$ROOT/llmsim" sweep --help --engine spark >/dev/null

run() { # label, then the environment and options that differ
  local label="$1"; shift
  local start end
  start=$(date +%s.%N)
  "$@" --out "$OUT/$label" >/dev/null
  end=$(date +%s.%N)
  printf '%-14s %6.1f s\n' "$label" "$(echo "$end - $start" | bc)"
}

run local-1 env LLMSIM_JAVA_OPTS=-XX:ActiveProcessorCount=1 "$ROOT/llmsim" "${SWEEP[@]}"
run local-2 "$ROOT/llmsim" "${SWEEP[@]}"
run spark-local1 "$ROOT/llmsim" "${SWEEP[@]}" --engine spark --master 'local[1]'
run spark-local2 "$ROOT/llmsim" "${SWEEP[@]}" --engine spark --master 'local[2]'

for label in local-2 spark-local1 spark-local2; do
  cmp -s "$OUT/local-1/sweep.csv" "$OUT/$label/sweep.csv" || { echo "$label: sweep.csv differs" >&2; exit 1; }
done
echo "the four sweep.csv files are identical"
