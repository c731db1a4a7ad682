#!/usr/bin/env bash
# The fleet table of the README's "Shards" section: fleet-global-chat.yaml grown to 64 router domains (1,280 req/s,
# ten minutes: 768,000 requests), run whole on one event list and as 1, 2, 4, 16 and 64 shards on the local engine,
# and as 4 and 64 shards on Spark local[2]. Prints the wall time (the whole command: JVM and Spark start included)
# and peak memory of each, and checks every summary.json is the same apart from sim.wall_s and fleet.shards.
# Takes about 3 minutes on 2 cores; run it on a quiet machine, once.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/out/bench-shards}"
mkdir -p "$OUT"
RUN=(run "$ROOT/scenarios/fleet-global-chat.yaml" --set fleet.copies=64 --set workload.arrival.rate_rps=1280
  --no-pdf --format json)

# build both paths first, so the timings hold no Maven
"$ROOT/llmsim" --version >/dev/null
"$ROOT/llmsim" run --help --engine spark >/dev/null

run() { # label, then the options that differ
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$OUT/$label.time" "$ROOT/llmsim" "${RUN[@]}" "$@" --out "$OUT/$label" >/dev/null
  read -r wall kb < "$OUT/$label.time"
  printf '%-16s %6.1f s  %5d MB peak RSS\n' "$label" "$wall" "$((kb / 1024))"
}

run whole
run local-shards-1 --shards 1
run local-shards-2 --shards 2
run local-shards-4 --shards 4
run local-shards-16 --shards 16
run local-shards-64 --shards 64
run spark-shards-4 --shards 4 --engine spark --master 'local[2]'
run spark-shards-64 --shards 64 --engine spark --master 'local[2]'

strip() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["sim"].pop("wall_s"); d["fleet"].pop("shards"); print(json.dumps(d, sort_keys=True))' "$1"; }
reference="$(strip "$OUT/whole/summary.json")"
for dir in "$OUT"/*/; do
  [ "$(strip "$dir/summary.json")" = "$reference" ] || { echo "$dir: summary.json differs" >&2; exit 1; }
done
echo "every summary.json is the same apart from sim.wall_s and fleet.shards"
