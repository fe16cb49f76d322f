#!/usr/bin/env bash
# Runs the application on the module path only (no class path) and checks it.
set -euo pipefail
cd "$(dirname "$0")"
exec java -p "target/classes:target/lib" -m example.jpms/example.jpms.Main
