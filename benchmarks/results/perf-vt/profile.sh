#!/usr/bin/env bash
# [SERVER=Netty] profile.sh MODE(inline|vt; nio|epoll for Netty) WORKLOAD(plaintext|json|ws) OUT [connections]
# perf (cpu-clock, frame pointers) of benchmarks' JvicornServer with one loop under wrk or WebSocketEchoLoad, 5 s
# warm-up then 8 s recorded; prints req/s (msg/s) and the server's CPU µs per request (message), writes flat.txt
# (top symbols, self time) and threads.txt under OUT. TREE (default: this worktree) must have benchmarks built.
set -euo pipefail
MODE=$1; WL=$2; OUT=$3; C=${4:-64}
HERE=$(cd "$(dirname "$0")" && pwd); TREE=${TREE:-$(cd "$HERE/../../.." && pwd)}; PORT=${PORT:-18401}
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
CP=$(cat $TREE/benchmarks/target/classpath.txt):$TREE/benchmarks/target/classes
mkdir -p $OUT
$J -Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer \
  --add-opens java.base/java.lang=ALL-UNNAMED ${EXTRA:-} -cp "$CP" io.jvicorn.benchmarks.peers.${SERVER:-Jvicorn}Server \
  --port $PORT --transport $MODE --loops 1 > $OUT/server.log 2>&1 &
PID=$!
for i in $(seq 100); do curl -s -o /dev/null localhost:$PORT/plaintext && break; sleep 0.1; done
load() { # seconds outfile
  if [ $WL = ws ]; then
    $J -cp "$CP" io.jvicorn.benchmarks.load.WebSocketEchoLoad --port $PORT --connections $C --duration-ms ${load_seconds_ms:-$(( $1 * 1000 ))} > $2
  else
    wrk -t1 -c$C -d${1}s http://127.0.0.1:$PORT/$WL > $2
  fi
}
# PREWARM=N: N short WebSocket runs of fresh connections first, so the frames each session's thread starts with
# (called once per connection) are compiled before the measured connections open
for i in $(seq ${PREWARM:-0}); do load_seconds_ms=300 load 0 /dev/null; done
load ${WARMUP:-10} /dev/null
T0=$(awk '{print $14+$15}' /proc/$PID/stat)
if [ -n "${ALLOC:-}" ]; then # allocations instead of CPU: a JFR recording during the measured run
  jcmd $PID JFR.start name=a settings=profile filename=$OUT/alloc.jfr > /dev/null
else
  perf record -e cpu-clock -F 2000 -g -p $PID -o $OUT/perf.data -- sleep 8 > /dev/null 2>&1 &
  PP=$!
fi
load 8 $OUT/load.txt
T1=$(awk '{print $14+$15}' /proc/$PID/stat)
if [ -n "${ALLOC:-}" ]; then jcmd $PID JFR.stop name=a > /dev/null; else wait $PP || true; fi
if [ $WL = ws ]; then
  N=$(grep -o '"messages": *[0-9]*' $OUT/load.txt | grep -o '[0-9]*$'); RATE=$(cat $OUT/load.txt)
else
  N=$(grep -o '[0-9]* requests' $OUT/load.txt | cut -d' ' -f1); RATE=$(grep Requests/sec $OUT/load.txt)
fi
echo "$MODE $WL c$C cpu_us_per_op=$(echo "($T1-$T0)*10000/$N" | bc -l | cut -c1-5) $RATE load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee $OUT/summary.txt
kill $PID; wait $PID || true
if [ -n "${ALLOC:-}" ]; then
  jfr print --events jdk.ObjectAllocationSample --stack-depth 8 $OUT/alloc.jfr > $OUT/alloc.txt
  python3 "$HERE/alloc-top.py" $OUT/alloc.txt $N > $OUT/alloc-top.txt
else
  { perf report -i $OUT/perf.data --no-children --sort symbol -g none --stdio 2>/dev/null | grep '%' | head -80 > $OUT/flat.txt; } || true
  { perf report -i $OUT/perf.data --no-children --sort comm -g none --stdio 2>/dev/null | grep '%' | head > $OUT/threads.txt; } || true
fi
