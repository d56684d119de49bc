#!/usr/bin/env bash
# Browser desk benchmark: the inbox page and its rows fragment over HTTP (signed in with the login form), and the
# push latency of a new message to an open inbox (SSE), with N conversations stored (default 100,000).
# Usage: bench/desk.sh [--conversations 100000] [--external URL] [--runs 200] [--messages 200] [--rate 20]
set -euo pipefail
BENCH_MAIN=io.earshot.bench.DeskBench exec "$(dirname "${BASH_SOURCE[0]}")/ingest.sh" "$@"
