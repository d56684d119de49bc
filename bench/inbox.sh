#!/usr/bin/env bash
# Read-path benchmark: the inbox and the summary report with N conversations stored (default 1,000,000),
# on H2 and on embedded PostgreSQL. Usage: bench/inbox.sh [--conversations 1000000] [--targets h2,postgres]
set -euo pipefail
BENCH_MAIN=io.earshot.bench.InboxBench exec "$(dirname "${BASH_SOURCE[0]}")/ingest.sh" "$@"
