#!/usr/bin/env bash
# Runs the whole benchmark suite (see BENCHMARKS.md): JMH update paths beside the anchors with
# 1 and 2 threads (allocation per op from -prof gc), the multi-process harness, scrape cost and
# the cost of new label sets.
# Results go to benchmarks/target/results/. Takes about 10 minutes; run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl benchmarks -am
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/results
mkdir -p "$out"
java -version 2>&1 | head -1 | tee "$out/jdk.txt"
for threads in 1 2; do
  java -jar "$jar" 'UpdateBenchmark|AnchorBenchmark' -t "$threads" -prof gc \
    -rf json -rff "$out/update-t$threads.json" | tee "$out/update-t$threads.txt"
done
java -cp "$jar" io.mpmetrics.benchmarks.MultiProcessRun | tee "$out/multiprocess.txt"
java -jar "$jar" ScrapeBenchmark -rf json -rff "$out/scrape.json" | tee "$out/scrape.txt"
java -jar "$jar" 'NewLabelSetBenchmark|LabelSetFillBenchmark' -rf json -rff "$out/label-sets.json" \
  | tee "$out/label-sets.txt"
