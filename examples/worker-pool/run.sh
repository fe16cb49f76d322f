#!/usr/bin/env bash
# Runs the worker pool (3 workers x 20,000 jobs) and its check; exit code 0 = totals right.
set -euo pipefail
cd "$(dirname "$0")"
exec java -cp "target/classes:target/lib/*" example.workerpool.Main 3 20000
