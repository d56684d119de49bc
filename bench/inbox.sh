#!/usr/bin/env bash
# Read-path benchmark: the inbox and the summary report with N conversations stored (default 1,000,000),
# on Earshot's own PostgreSQL (or --external URL). Usage: bench/inbox.sh [--conversations 1000000] [--external URL]
set -euo pipefail
BENCH_MAIN=io.earshot.bench.InboxBench exec "$(dirname "${BASH_SOURCE[0]}")/ingest.sh" "$@"
