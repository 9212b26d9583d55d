#!/usr/bin/env bash
# Runs every published scenario in full mode (3 forks), writes the JMH JSON results to benchmarks/results/
# and regenerates the results table of benchmarks/README.md from them. Fails (exit 1, README unchanged) when
# a result is faster than its floor. Run it on a quiet machine: nothing else building or running.
#
#   benchmarks/run-full.sh            # build the jar, run everything (about 35 minutes on 2 vCPU)
#   SKIP_BUILD=1 benchmarks/run-full.sh
#
# Time: 83 benchmark/parameter combinations + 3 on two threads, × 3 forks × (2 × 1 s warm-up + 4 × 1 s
# measurement + ~1.5 s fork start and setup) ≈ 86 × 3 × 7.5 s ≈ 32 min, plus the 3 Spring Boot stacks on their
# own (BOOT_JMH_ARGS: 15 × 1 s warm-up, as the JIT of Tomcat + Spring MVC is still falling after 10, + 5 × 1 s
# measurement + ~10 s start) ≈ 9 × 30 s ≈ 4.5 min: ≈ 35 min on the 2-vCPU VM of benchmarks/README.md.
# Fewer iterations than JMH's defaults to stay within that: the 3 forks and 12 measured seconds per row give
# the error column; re-run a row with its own command (in the table) and more iterations to narrow it.
set -euo pipefail
cd "$(dirname "$0")/.."
JMH_ARGS="${JMH_ARGS:--f 3 -wi 2 -w 1 -i 4 -r 1 -prof gc}"
BOOT_JMH_ARGS="${BOOT_JMH_ARGS:--f 3 -wi 15 -w 1 -i 5 -r 1 -prof gc}"
export JMH_ARGS BOOT_JMH_ARGS
PUBLISHED='^dev\.observa\.benchmarks\.(CounterBenchmark|TaggedCounterBenchmark|HistogramBenchmark|SpanBenchmark|PropagationBenchmark|JsonEncodeBenchmark|LoggingPipelineBenchmark|LoggingLatencyBenchmark|ScrapeBenchmark|AnnotatedMethodBenchmark|ContextTagBenchmark)\.'
BOOT='^dev\.observa\.benchmarks\.BootRequestBenchmark\.'
TWO_THREADS='^dev\.observa\.benchmarks\.HistogramBenchmark\.(observa|prometheusMetricsClassic|floorBucketSearchAndTwoAdds)$'
RESULTS=benchmarks/results
mkdir -p "$RESULTS"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  MAVEN_OPTS="${MAVEN_OPTS:--Xmx1g}" mvn -B -q package -DskipTests -pl benchmarks -am
fi
JAR=benchmarks/target/benchmarks.jar
echo "benchmarks to run: $(java -jar "$JAR" -l "$PUBLISHED" | tail -n +2 | wc -l) methods (× their parameters) + 3 on 2 threads"
started=$(date +%s)
# shellcheck disable=SC2086
java -jar "$JAR" "$PUBLISHED" $JMH_ARGS -rf json -rff "$RESULTS/full.json" | tee "$RESULTS/full.log"
# shellcheck disable=SC2086
java -jar "$JAR" "$TWO_THREADS" -p sampledSpan=false -t 2 $JMH_ARGS -rf json -rff "$RESULTS/two-threads.json" \
  | tee "$RESULTS/two-threads.log"
# shellcheck disable=SC2086
java -jar "$JAR" "$BOOT" $BOOT_JMH_ARGS -rf json -rff "$RESULTS/boot-request.json" | tee "$RESULTS/boot-request.log"
echo "ran in $(( ($(date +%s) - started) / 60 )) min"
/usr/bin/env python3 benchmarks/report.py benchmarks/README.md "$RESULTS/full.json" "$RESULTS/two-threads.json" \
  "$RESULTS/boot-request.json"
