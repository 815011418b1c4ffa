#!/usr/bin/env bash
# Runs the Arena server and the load generator at N = 100, 200, 400, 800 (or the Ns given), a fresh
# server for each N (the Arena keeps a profile per name), on this machine. The shipped arena.jar
# hosts arenas of 32: each bot logs in, joins or creates an arena and redeems its seat, so N bots
# play in N / 32 arenas. All joins come from one address, so the matchmaking limit per address
# (20/s, burst 40) spreads them over about N / 20 s before the warm-up; the bots retry each 429.
# For the single-world figures of BENCHMARKS.md, run a single-world server (the generated
# ArenaServer main) and pass LOADGEN_FLAGS=--single-world.
# CHURN=K makes it a churn run: the bots spread over N / ARENA_PLAYERS_PER_ARENA groups (--rooms,
# each bot signing its own token with a CAROTENE_SECRET this script makes up and gives the server),
# K players at a time join a group's arena (a new one when it is full) and leave 0.5-2 s later,
# the server runs with -XX:NativeMemoryTracking=summary, and the report shows its live heap after a
# full GC, RSS, NMT committed, rooms, seats and connections before the bots, at the churn's start
# and end, and after everyone left:
#   CHURN=4 ARENA_PLAYERS_PER_ARENA=8 SECONDS_PER_RUN=60 carotene-loadgen/run-load.sh 400
# Build first, from the repository root:
#   mvn -B -q -Pbenchmarks package -DskipTests
# Then:
#   carotene-loadgen/run-load.sh [N ...]
# Env: PORT (default 18080), SECONDS_PER_RUN (30), WARMUP (20), CHEATERS (5), OUT (target/load-results),
#      CHURN (0: none), ARENA_PLAYERS_PER_ARENA (the server's seats per arena; default 32),
#      FORMAT (binary: deltas, acked in each input; or json),
#      SERVER_JAVA_OPTS (-XX:+UseParallelGC -Xmn600m -XX:+AlwaysPreTouch), LOADGEN_JAVA_OPTS (-XX:+UseParallelGC),
#      LOADGEN_NICE (0: the bots run at the server's priority; 10 lets the server's threads take a
#      core first, nearer a deployment where the bots are other machines).
# WARMUP is 20 s because the JIT is still compiling 15 s after the bots connect (perf at N = 800:
# the server's C2 thread took a fifth of the machine then); the GC flags are README's advice for a
# server under load (BENCHMARKS.md: G1's default young generation pauses every second).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18080}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-30}
WARMUP=${WARMUP:-20}
# Set to "" for the JVM's own defaults.
read -ra SERVER_JAVA_OPTS <<< "${SERVER_JAVA_OPTS--XX:+UseParallelGC -Xmn600m -XX:+AlwaysPreTouch}"
read -ra LOADGEN_JAVA_OPTS <<< "${LOADGEN_JAVA_OPTS--XX:+UseParallelGC}"
CHEATERS=${CHEATERS:-5}
FORMAT=${FORMAT:-binary}
OUT=${OUT:-carotene-loadgen/target/load-results}
mkdir -p "$OUT"
CHURN=${CHURN:-0}
if [ "$CHURN" -gt 0 ]; then
  # The bots sign their own tokens (a churning player is a new user each time; /api/login would
  # keep a profile per name in the server's memory): the server and they share a made-up secret.
  CAROTENE_SECRET=${CAROTENE_SECRET:-$(head -c 48 /dev/urandom | base64 | tr -d '\n')}
  export CAROTENE_SECRET
  SERVER_JAVA_OPTS+=(-XX:NativeMemoryTracking=summary)
fi
NS=("$@")
[ ${#NS[@]} -eq 0 ] && NS=(100 200 400 800)

for n in "${NS[@]}"; do
  # The bots all log in from this one address: the HTTP limit per address (20/s) would spread N
  # logins over N / 20 seconds.
  # The Arena's persisted profiles need a data directory: a fresh one per run (it is locked).
  data_dir=$(mktemp -d "${TMPDIR:-/tmp}/carotene-load-data.XXXXXX")
  churn_flags=()
  if [ "$CHURN" -gt 0 ]; then
    per_arena=${ARENA_PLAYERS_PER_ARENA:-32}
    churn_flags=(--rooms $(( (n + per_arena - 1) / per_arena )) --churn "$CHURN")
  fi
  CAROTENE_DATA_DIR=$data_dir CAROTENE_HTTP_RATE_LIMIT=off PORT=$PORT java "${SERVER_JAVA_OPTS[@]}" -jar example-arena/target/arena.jar > "$OUT/server-$n.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    curl -fs "localhost:$PORT/health" > /dev/null 2>&1 && break
    sleep 0.2
  done
  echo "== N=$n  server: java ${SERVER_JAVA_OPTS[*]}, loadgen: java ${LOADGEN_JAVA_OPTS[*]}  (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  nice -n "${LOADGEN_NICE:-0}" java "${LOADGEN_JAVA_OPTS[@]}" -jar carotene-loadgen/target/loadgen.jar --url "http://localhost:$PORT" --bots "$n" \
    --cheaters "$CHEATERS" --format "$FORMAT" --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP" --server-pid "$server" \
    "${churn_flags[@]}" ${LOADGEN_FLAGS:-} --json-out "$OUT/load-$FORMAT-$n.json" 2> "$OUT/load-$FORMAT-$n.err" | tee "$OUT/load-$FORMAT-$n.txt" \
    || echo "loadgen failed, see $OUT/load-$FORMAT-$n.err"
  echo "   (load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
  kill "$server"
  wait "$server" || true
  rm -rf "$data_dir"
  trap - EXIT
  sleep 2
done
