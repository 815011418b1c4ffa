#!/usr/bin/env bash
# Issue 17's side-by-side: for each N (default 200 400) and each snapshot rate (EVERY, default
# "1 3"), the Colyseus Arena (server.mjs) and its bots (bots.mjs), then the Carotene Arena and
# carotene-loadgen (run-load.sh), at the same N, the same rate and the same visibility (everyone
# sees everyone: CAROTENE_INTEREST_RADIUS=off; the Colyseus room has no StateView), every bot in
# ONE room on both sides (ARENA_PLAYERS_PER_ARENA on the Carotene server, joinOrCreate of one room
# on both), each server fresh. Then one table (README.md beside this script says what each column
# means).
#
# Build and install first, from the repository root:
#   mvn -B -q -Pbenchmarks package -DskipTests          # arena.jar and loadgen.jar
#   (cd carotene-benchmarks/colyseus && npm install)     # Colyseus 0.18, from package.json
# Then:
#   carotene-benchmarks/colyseus/side-by-side.sh [N ...]
# Env: EVERY ("1 3": Carotene's snapshot after every 1st / 3rd 16 ms tick, CAROTENE_SNAPSHOT_EVERY,
#      against Colyseus' patchRate of 16 / 48 ms), SECONDS_PER_RUN (20), WARMUP (20), CHEATERS (5),
#      FIELDS (quantized: the Colyseus coordinates as Schema 5's 16-bit t.quantized over the
#      Arena's ranges; or float32), COLYSEUS_PORT (2567), PORT (18080, the Carotene server),
#      BOT_WORKERS (2: the Colyseus bots' worker threads), OUT (carotene-benchmarks/colyseus/results),
#      and run-load.sh's SERVER_JAVA_OPTS, LOADGEN_JAVA_OPTS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
NS=("$@")
[ ${#NS[@]} -eq 0 ] && NS=(200 400)
read -ra EVERY <<< "${EVERY:-1 3}"
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
WARMUP=${WARMUP:-20}
CHEATERS=${CHEATERS:-5}
FIELDS=${FIELDS:-quantized}
COLYSEUS_PORT=${COLYSEUS_PORT:-2567}
PORT=${PORT:-18080}
BOT_WORKERS=${BOT_WORKERS:-2}
OUT=${OUT:-$here/results}
TICK_MS=16

for needed in example-arena/target/arena.jar carotene-loadgen/target/loadgen.jar "$here/node_modules/@colyseus/core"; do
  if [ ! -e "$needed" ]; then
    echo "Missing $needed: build with 'mvn -B -q -Pbenchmarks package -DskipTests' and run 'npm install' in $here" >&2
    exit 2
  fi
done
for every in "${EVERY[@]}"; do
  if ! [[ "$every" =~ ^[1-9][0-9]*$ ]]; then
    echo "EVERY must list whole numbers of ticks (e.g. \"1 3\"), got '$every'" >&2
    exit 2
  fi
done
mkdir -p "$OUT"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results=()

for n in "${NS[@]}"; do
  for every in "${EVERY[@]}"; do
    patch_ms=$((TICK_MS * every))
    # ---- Colyseus: a fresh server, its bots, the server's CPU read by the bots from /proc
    colyseus_json="$OUT/colyseus-n$n-every$every-$stamp.json"
    node "$here/server.mjs" --port "$COLYSEUS_PORT" --patch-ms "$patch_ms" --max-clients $((n + 100)) --fields "$FIELDS" \
      > "$OUT/colyseus-server-n$n-every$every.log" 2>&1 &
    server=$!
    trap 'kill $server 2>/dev/null || true' EXIT
    for _ in $(seq 1 100); do
      curl -s -o /dev/null "localhost:$COLYSEUS_PORT/" && break
      sleep 0.2
    done
    echo "== N=$n, Colyseus patchRate $patch_ms ms ($FIELDS coordinates)  (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
    node "$here/bots.mjs" --url "http://localhost:$COLYSEUS_PORT" --bots "$n" --cheaters "$CHEATERS" \
      --warmup "$WARMUP" --seconds "$SECONDS_PER_RUN" --server-pid "$server" --workers "$BOT_WORKERS" \
      --json-out "$colyseus_json" 2> "$OUT/colyseus-bots-n$n-every$every.err" | tee "$OUT/colyseus-bots-n$n-every$every.txt" \
      || echo "Colyseus bots failed, see $OUT/colyseus-bots-n$n-every$every.err"
    kill "$server"
    wait "$server" 2>/dev/null || true
    trap - EXIT
    results+=("colyseus:$n:$every:$colyseus_json")
    sleep 2

    # ---- Carotene: run-load.sh's fresh server and loadgen, everyone in one arena
    carotene_out="$OUT/carotene-every$every-$stamp"
    echo "== N=$n, Carotene CAROTENE_SNAPSHOT_EVERY=$every"
    ARENA_PLAYERS_PER_ARENA=$((n + 100)) CAROTENE_INTEREST_RADIUS=off CAROTENE_SNAPSHOT_EVERY=$every \
      SECONDS_PER_RUN=$SECONDS_PER_RUN WARMUP=$WARMUP CHEATERS=$CHEATERS PORT=$PORT OUT="$carotene_out" FORMAT=binary \
      carotene-loadgen/run-load.sh "$n" || echo "run-load.sh failed"
    results+=("carotene:$n:$every:$carotene_out/load-binary-$n.json")
  done
done

{
  echo "Colyseus coordinates: $FIELDS; each run ${SECONDS_PER_RUN} s measured after ${WARMUP} s of warm-up; everyone visible; $(git -C "$root" rev-parse --short HEAD)"
  echo
  node "$here/table.mjs" "${results[@]}"
} | tee "$OUT/side-by-side-$stamp.md"
