#!/usr/bin/env bash
# Builds and runs the JMH micro-benchmarks (Adam vs Tribuo, training step, parse, serde),
# writes target/jmh.json and prints the README tables (target/jmh.md). About 4 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbench package -DskipTests
java -jar target/benchmarks.jar -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff target/jmh.json "$@"
java -cp target/benchmarks.jar io.onlinelearner.bench.JmhReport target/jmh.json | tee target/jmh.md
