#!/usr/bin/env bash
# Fuzz the readers and the default pipeline for a fixed time (default 600 s).
# The seed corpus is built from corpus/ articles; crashes land in fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
mkdir -p fuzz/seeds fuzz/work fuzz/crashes
for f in corpus/*.txt corpus/*.md corpus/*.html; do
    [ -e "$f" ] || continue
    case "$f" in *.expected.*) continue ;; esac
    head -c 4000 "$f" > "fuzz/seeds/$(basename "$f")"
done
python fuzz/fuzz_cleanup.py -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=30 \
    -artifact_prefix=fuzz/crashes/ fuzz/work fuzz/seeds
