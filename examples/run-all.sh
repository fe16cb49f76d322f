#!/usr/bin/env bash
# Builds every example against the installed mpmetrics artifacts (run `mvn install` at the
# repository root first) and runs each one with its check. Prints one line per example and
# exits non-zero if any failed.
#
#   examples/run-all.sh                 # all examples
#   examples/run-all.sh jpms-app        # some of them
#
# Environment: JAVA_HOME (else `java` on the PATH) runs the examples; MVN_ARGS adds Maven options.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"

if [ -n "${JAVA_HOME:-}" ]; then
  export PATH="$JAVA_HOME/bin:$PATH"
fi

# The version just installed: the root pom's own <version> (the first one after its artifactId).
version="$(sed -n '/<artifactId>mpmetrics-parent<\/artifactId>/,/<version>/s/.*<version>\(.*\)<\/version>.*/\1/p' "$root/pom.xml" | head -1)"
pinned="$(sed -n 's/.*<mpmetrics.version>\(.*\)<\/mpmetrics.version>.*/\1/p' pom.xml | head -1)"
if [ -z "$version" ] || [ "$version" != "$pinned" ]; then
  echo "examples/pom.xml pins mpmetrics.version '$pinned' but the root pom is at '$version': update examples/pom.xml" >&2
  exit 1
fi
if [ ! -f "${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}/io/mpmetrics/mpmetrics-bom/$version/mpmetrics-bom-$version.pom" ]; then
  echo "io.mpmetrics:mpmetrics-bom:$version is not installed: run 'mvn -B install' at the repository root first" >&2
  exit 1
fi

all=(worker-pool jpms-app osgi-app batch-job)
selected=("$@")
[ ${#selected[@]} -eq 0 ] && selected=("${all[@]}")

echo "== examples: building ${selected[*]} against io.mpmetrics $version ($(java -version 2>&1 | head -1))"
modules=()
for example in "${selected[@]}"; do
  case "$example" in
    osgi-app) modules+=(osgi-app/consumer osgi-app/launcher) ;;
    *) modules+=("$example") ;;
  esac
done
projects="$(IFS=,; echo "${modules[*]}")"
start=$SECONDS
# shellcheck disable=SC2086
if ! mvn -B -ntp -q ${MVN_ARGS:-} -Dstyle.color=never clean package -pl "$projects" -am; then
  echo "examples: build FAILED"
  echo "0 passed, ${#selected[@]} failed"
  exit 1
fi
echo "   built in $((SECONDS - start)) s"

passed=0
failed=0
failures=()
for example in "${selected[@]}"; do
  echo "== example $example"
  t=$SECONDS
  if timeout 300 "./$example/run.sh"; then
    echo "   PASS $example ($((SECONDS - t)) s)"
    passed=$((passed + 1))
  else
    echo "   FAIL $example (exit $?, $((SECONDS - t)) s)"
    failed=$((failed + 1))
    failures+=("$example")
  fi
done
echo "== examples: ${passed} passed, ${failed} failed${failures:+ (${failures[*]})}"
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
