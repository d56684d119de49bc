#!/usr/bin/env bash
# Reading topic series through the public API of the real jar, with a year of buckets stored (issue 13).
# Usage: bench/series.sh [--topics 1000] [--minute-topics 10] [--days 365] [--runs 200] [--xmx 512m] [--keep]
set -euo pipefail
BENCH_MAIN=io.earshot.bench.SeriesBench exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/ingest.sh" "$@"
