#!/usr/bin/env bash
# Load test (issue 10): 20 clients doing a desk's mix of lists, searches, views, replies, status changes and reports
# for 60 s while messages arrive steadily, against the real jar on its own PostgreSQL.
# Usage: bench/load.sh [--clients 20] [--seconds 60] [--conversations 20000] [--ingest-rate 28] [--think 0] [--warmup 20] [--set name=value]...
set -euo pipefail
BENCH_MAIN=io.earshot.bench.LoadBench exec "$(dirname "${BASH_SOURCE[0]}")/ingest.sh" "$@"
