#!/usr/bin/env bash
# Ingest benchmark through the public API of the real jar, beside COPY of the same rows into the same PostgreSQL.
# Usage: bench/ingest.sh [--messages 100000,1000000] [--batch 1000] [--connections 2] [--seed 42]
#                        [--external jdbc:postgresql://127.0.0.1:5432/postgres?user=u&password=p] [--xmx 512m]
#                        [--set name=value]... [--keep]
# Server JVM flags (profiling, say) go in BENCH_SERVER_OPTS, e.g.
#   BENCH_SERVER_OPTS='-XX:StartFlightRecording=filename=/tmp/ingest.jfr,settings=profile' bench/ingest.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mvn_opts=(-q -B)
if [[ "${BENCH_OFFLINE:-}" == "1" ]]; then
  mvn_opts+=(-o)
fi

if [[ "${BENCH_NO_BUILD:-}" != "1" ]]; then
  echo "building the jar and the benchmark client ..." >&2
  ./mvnw "${mvn_opts[@]}" -DskipTests package
fi
classpath_file="target/bench-classpath.txt"
if [[ ! -s "$classpath_file" || pom.xml -nt "$classpath_file" ]]; then
  ./mvnw "${mvn_opts[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >&2
fi

exec java -Xmx1g ${BENCH_JAVA_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
  "${BENCH_MAIN:-io.earshot.bench.IngestBench}" "$@"
