#!/usr/bin/env bash
# Runs every published scenario in full mode (3 forks), writes the JMH JSON results to benchmarks/results/
# and regenerates the results table of benchmarks/README.md from them. Fails (exit 1, README unchanged) when
# a result is faster than its floor. Run it on a quiet machine: nothing else building or running.
#
#   benchmarks/run-full.sh            # build the jar, run everything (about 35 minutes on 2 vCPU)
#   SKIP_BUILD=1 benchmarks/run-full.sh
#   PASSES=5 benchmarks/run-full.sh   # 5 forks per average-time row (PASS_ARGS: the options of one pass's fork)
#
# Time: 83 benchmark/parameter combinations + 3 on two threads, × 3 forks × (2 × 1 s warm-up + 4 × 1 s
# measurement + ~1.5 s fork start and setup) ≈ 86 × 3 × 7.5 s ≈ 32 min, plus the 3 Spring Boot stacks on their
# own (BOOT_JMH_ARGS: 15 × 1 s warm-up, as the JIT of Tomcat + Spring MVC is still falling after 10, + 5 × 1 s
# measurement + ~10 s start) ≈ 9 × 30 s ≈ 4.5 min: ≈ 35 min on the 2-vCPU VM of benchmarks/README.md.
# Fewer iterations than JMH's defaults to stay within that: the 3 forks and 12 measured seconds per row give
# the error column; re-run a row with its own command (in the table) and more iterations to narrow it.
#
# The average-time scenarios run as PASSES passes (default 3) of one fork each over all of them, rather than one
# JMH run of 3 forks per benchmark: in every pass a fork of ours runs within a minute of its peers' forks, so a
# slow spell of this shared VM (8 forks of scenario 4's raw OpenTelemetry request in a row averaged 1,124 to
# 1,243 ns) lands on both sides of a ratio instead of on the 3 forks of one side. merge-passes.py puts the passes
# back together into one JMH result per row (score and error recomputed as JMH computes them). The sample-time
# rows (7b), the two-thread rows and the Spring Boot stacks run as before, in one JMH run each.
set -euo pipefail
cd "$(dirname "$0")/.."
PASSES="${PASSES:-3}"
PASS_ARGS="${PASS_ARGS:--wi 2 -w 1 -i 4 -r 1 -prof gc}"
JMH_ARGS="${JMH_ARGS:--f $PASSES $PASS_ARGS}"
BOOT_JMH_ARGS="${BOOT_JMH_ARGS:--f 3 -wi 15 -w 1 -i 5 -r 1 -prof gc}"
export PASSES PASS_ARGS JMH_ARGS BOOT_JMH_ARGS
PUBLISHED='^dev\.observa\.benchmarks\.(CounterBenchmark|TaggedCounterBenchmark|HistogramBenchmark|SpanBenchmark|PropagationBenchmark|JsonEncodeBenchmark|LoggingPipelineBenchmark|ScrapeBenchmark|AnnotatedMethodBenchmark|ContextTagBenchmark)\.'
LATENCY='^dev\.observa\.benchmarks\.LoggingLatencyBenchmark\.'
BOOT='^dev\.observa\.benchmarks\.BootRequestBenchmark\.'
TWO_THREADS='^dev\.observa\.benchmarks\.HistogramBenchmark\.(observa|prometheusMetricsClassic|floorBucketSearchAndTwoAdds)$'
RESULTS=benchmarks/results
mkdir -p "$RESULTS"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  MAVEN_OPTS="${MAVEN_OPTS:--Xmx1g}" mvn -B -q package -DskipTests -pl benchmarks -am
fi
JAR=benchmarks/target/benchmarks.jar
echo "benchmarks to run: $(java -jar "$JAR" -l "$PUBLISHED" | tail -n +2 | wc -l) methods (× their parameters) in $PASSES" \
  "passes + $(java -jar "$JAR" -l "$LATENCY" | tail -n +2 | wc -l) sampled + 3 on 2 threads"
started=$(date +%s)
: > "$RESULTS/full.log"
passes=()
for pass in $(seq 1 "$PASSES"); do
  echo "# pass $pass of $PASSES" | tee -a "$RESULTS/full.log"
  # shellcheck disable=SC2086
  java -jar "$JAR" "$PUBLISHED" -f 1 $PASS_ARGS -rf json -rff "$RESULTS/pass-$pass.json" | tee -a "$RESULTS/full.log"
  passes+=("$RESULTS/pass-$pass.json")
done
# shellcheck disable=SC2086
java -jar "$JAR" "$LATENCY" $JMH_ARGS -rf json -rff "$RESULTS/latency.json" | tee -a "$RESULTS/full.log"
/usr/bin/env python3 benchmarks/merge-passes.py "$RESULTS/full.json" "${passes[@]}" "$RESULTS/latency.json"
# shellcheck disable=SC2086
java -jar "$JAR" "$TWO_THREADS" -p sampledSpan=false -t 2 $JMH_ARGS -rf json -rff "$RESULTS/two-threads.json" \
  | tee "$RESULTS/two-threads.log"
# shellcheck disable=SC2086
java -jar "$JAR" "$BOOT" $BOOT_JMH_ARGS -rf json -rff "$RESULTS/boot-request.json" | tee "$RESULTS/boot-request.log"
echo "ran in $(( ($(date +%s) - started) / 60 )) min"
/usr/bin/env python3 benchmarks/report.py benchmarks/README.md "$RESULTS/full.json" "$RESULTS/two-threads.json" \
  "$RESULTS/boot-request.json"
