#!/usr/bin/env bash
# NAB scores of the spike detector on the Twitter mention-volume series (see docs/spike-detector.md).
# Usage: bench/nab.sh [NAB_DIR] [nab-score options...]   (NAB_DIR defaults to $NAB_DIR or /work/shared/datasets/nab)
# Prints per-series and category scores for the three profiles (all series; first halves = where the settings were
# chosen; second halves = held out), the alert delay and µs per point; then the null and static baselines.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dir="${1:-${NAB_DIR:-/work/shared/datasets/nab}}"
shift || true

jar=target/earshot.jar
if [[ ! -s "$jar" || "${BENCH_REBUILD:-}" == "1" ]]; then
  echo "building the jar ..." >&2
  # offline first; online (Maven Central) when a plugin or dependency is not cached yet
  ./mvnw -B -o -q -DskipTests package || ./mvnw -B -q -DskipTests package
fi

java -jar "$jar" nab-score "$dir" --split=time "$@"
echo
for baseline in null static; do
  java -jar "$jar" nab-score "$dir" --split=time --baseline="$baseline" | grep -E '^(NAB|all|first|second)'
done
