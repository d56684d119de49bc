#!/usr/bin/env bash
# Ingest benchmark: the real pipeline on H2 and on embedded PostgreSQL, and raw COPY into the same PostgreSQL.
# Usage: bench/ingest.sh [--messages 1000000] [--batch 1000] [--targets h2,postgres] [--seed 42]
#                        [--pg-params reWriteBatchedInserts=true] [--keep]
# Extra JVM flags (profiling, say) go in BENCH_JAVA_OPTS, e.g.
#   BENCH_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/ingest.jfr,settings=profile' bench/ingest.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mvn_opts=(-q -B)
if [[ "${BENCH_OFFLINE:-}" == "1" ]]; then
  mvn_opts+=(-o)
fi

echo "building (test-compile) ..." >&2
./mvnw "${mvn_opts[@]}" -DskipTests test-compile
classpath_file="target/bench-classpath.txt"
if [[ ! -s "$classpath_file" || pom.xml -nt "$classpath_file" ]]; then
  ./mvnw "${mvn_opts[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >&2
fi

exec java -Xmx512m -XX:+UseParallelGC ${BENCH_JAVA_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
  "${BENCH_MAIN:-io.earshot.bench.IngestBench}" "$@"
