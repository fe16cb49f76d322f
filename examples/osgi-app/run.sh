#!/usr/bin/env bash
# Launches Felix with the mpmetrics bundles from the local Maven repository and checks the consumer bundle.
set -euo pipefail
cd "$(dirname "$0")"
exec java -cp "launcher/target/classes:launcher/target/lib/*" example.osgi.launcher.Main
