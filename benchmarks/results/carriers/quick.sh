#!/usr/bin/env bash
# quick.sh NAME MODE(inline|vt) LOOPS CARRIERS(loops|pool) [C] [path] : req/s and server CPU µs/req, wrk 8 s after 5 s warm-up
set -euo pipefail
NAME=$1; MODE=$2; LOOPS=$3; CAR=$4; C=${5:-64}; P=${6:-/plaintext}; TREE=${TREE:-/work/main}; PORT=18198
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
CP=$(cat $TREE/benchmarks/target/classpath.txt):$TREE/benchmarks/target/classes
$J -Xms1g -Xmx1g -XX:+AlwaysPreTouch --add-opens java.base/java.lang=ALL-UNNAMED -Dbench.carriers=$CAR -cp "$CP" io.jvicorn.benchmarks.peers.JvicornServer --port $PORT --transport $MODE --loops $LOOPS > /tmp/quick-server.log 2>&1 &
PID=$!
for i in $(seq 100); do curl -s -o /dev/null localhost:$PORT$P && break; sleep 0.1; done
wrk -t1 -c$C -d5s http://127.0.0.1:$PORT$P > /dev/null
T0=$(awk '{print $14+$15}' /proc/$PID/stat)
wrk -t1 -c$C -d8s http://127.0.0.1:$PORT$P > /tmp/quick-wrk.txt
T1=$(awk '{print $14+$15}' /proc/$PID/stat)
REQ=$(grep -o '[0-9]* requests' /tmp/quick-wrk.txt | cut -d' ' -f1)
printf "%-14s c%-4s %10s req/s  %6.2f us/req\n" $NAME $C $(grep Requests/sec /tmp/quick-wrk.txt | awk '{print $2}') $(echo "($T1-$T0)*10000/$REQ" | bc -l)
kill $PID; wait $PID 2>/dev/null || true
