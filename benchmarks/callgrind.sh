#!/usr/bin/env bash
# Instructions per operation of one benchmark method, counted by callgrind on the thread that runs it: the figure to
# compare two commits (or Observa and a peer) on a machine too noisy for JMH's times. Needs valgrind (Debian package
# `valgrind`) and the built jar (mvn -B package -DskipTests -pl benchmarks -am). About 40 s per call; two calls can
# run side by side, as the count does not depend on load.
#
#   benchmarks/callgrind.sh SpanBenchmark observa sink=memory
#   WARM=40000 OPS=10000 benchmarks/callgrind.sh SpanBenchmark observa sink=held   (the exporter path, workers asleep)
#   benchmarks/callgrind.sh JsonEncodeBenchmark logstashEncoder event=lite
#   OPS=20000 WARM=200000 CP=core/target/classes:benchmarks/target/benchmarks.jar benchmarks/callgrind.sh ...
#   JAVA_OPTS=-Dotel.attribute.value.length.limit=64 benchmarks/callgrind.sh ...   (extra JVM options)
#
# The JVM runs with -Xbatch (compilation finished before the count starts) and the serial collector; every operation
# is one reflective call (a constant cost on both sides of a comparison).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n 2,11p "$0"; exit 2; }
command -v valgrind >/dev/null 2>&1 || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
cls=$1 method=$2
shift 2
ops=${OPS:-20000}
warm=${WARM:-200000}
cp=$(echo "${CP:-benchmarks/target/benchmarks.jar}" | tr ':' '\n' | while read -r entry; do realpath "$entry"; done | paste -sd:)
dir=$(mktemp -d)
trap 'touch "$dir/exit"; rm -rf "$dir"' EXIT
(cd "$dir" && exec valgrind --tool=callgrind --separate-threads=yes --instr-atstart=no --dump-instr=no -q \
  java -XX:+UseSerialGC -Xmx1g -Xbatch ${JAVA_OPTS:-} -cp "$cp" dev.observa.benchmarks.InstructionCount "$dir" "$cls" "$method" \
  "$warm" "$ops" "$@" >"$dir/out" 2>&1) &
vg=$!
while [ ! -e "$dir/ready" ]; do
  kill -0 $vg 2>/dev/null || { cat "$dir/out" >&2; exit 1; }
  sleep 1
done
pid=$(find "$dir" -maxdepth 1 -name 'callgrind.out.*' | head -1 | sed 's/.*callgrind\.out\.\([0-9]*\).*/\1/')
callgrind_control -i on "$pid" >/dev/null 2>&1
callgrind_control -z "$pid" >/dev/null 2>&1
touch "$dir/go"
while [ ! -e "$dir/done" ]; do sleep 1; done
callgrind_control -d "$pid" >/dev/null 2>&1
touch "$dir/exit"
{ wait $vg; } 2>/dev/null || true
best=0
# thread 2: the java launcher runs main() in the second thread it starts (1 is the launcher itself)
for f in "$dir"/callgrind.out.*-02; do
  t=$(grep -E '^(summary|totals):' "$f" | head -1 | awk '{print $2}')
  [ -n "$t" ] && [ "$t" -gt "$best" ] && best=$t
done
echo "$cls.$method $* : $((best / ops)) instructions/op (the main thread, $ops operations)"
