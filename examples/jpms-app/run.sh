#!/usr/bin/env bash
# Runs the application on the module path only (no class path) and checks it; then the same
# jars on the class path.
set -euo pipefail
cd "$(dirname "$0")"
java -p "target/classes:target/lib" -m example.jpms/example.jpms.Main
java -cp "target/classes:target/lib/*" example.jpms.Main
