#!/usr/bin/env bash
# Runs the job 3 times against one file, serves it with `mpmetrics serve`, checks the totals.
set -euo pipefail
cd "$(dirname "$0")"
exec java -cp "target/classes" example.batch.RunAndCheck
