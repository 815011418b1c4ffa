// The Carotene Arena as a Colyseus 0.18 room, for issue 17's side-by-side (BENCHMARKS.md). Benchmark
// only, not shipped. What it mirrors from example-arena:
//   - the model: a player has a position and a velocity (Vector3 each), isGrounded and health,
//     like Arena.Player (the id is the map key: the client's sessionId);
//   - GameServer.physicsTick: every 16 ms, gravity for an airborne player, velocity moves the
//     position, the floor at y = 0 grounds it; a fixed timestep of 0.016 s, as Carotene's Tick;
//   - GameServer.handleInput: an "input" message {x, z} sets the velocity on the floor, and one
//     faster than 5 units/s is refused (the sender gets an "error" message, REJECTED, as a
//     Carotene client gets an error reply);
//   - ArenaHttp.spawnPoint: the n-th player appears 8 * sqrt(n + 0.5) from the centre, a golden
//     angle further round each time.
// Everyone sees everyone (no StateView): the side-by-side compares at equal visibility with
// CAROTENE_INTEREST_RADIUS=off.
//
// Usage: node server.mjs [--port 2567] [--patch-ms 16] [--max-clients 2000] [--fields quantized]
//   --patch-ms: Colyseus' patchRate, the state patch interval. 16 (62.5 a second) is Carotene's
//   snapshot after every 16 ms tick (CAROTENE_SNAPSHOT_EVERY=1); 48 (20.8 a second) is every
//   3rd tick (CAROTENE_SNAPSHOT_EVERY=3). Colyseus' own default is 50.
//   --fields: how a coordinate goes on the wire. "quantized" (default): Schema 5's t.quantized,
//   16 bits over the Arena's own ranges (position +-1000, velocity +-50: the precision of
//   Arena.Player's @Quantized fields, 2 bytes a coordinate as Carotene sends them); "float32":
//   4 bytes a coordinate, the plain choice without quantization.
import { Room, defineRoom, defineServer } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { schema, t } from "@colyseus/schema";

const TICK_MS = 16;
const DT = TICK_MS / 1000;
const GRAVITY = -9.8;
const MAX_SPEED = 5.0;
const START_HEALTH = 100;
const SPAWN_SPACING = 8;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

const options = parseArgs(process.argv.slice(2), { port: 2567, "patch-ms": 16, "max-clients": 2000 }, { fields: ["quantized", "float32"] });

/** A Vector3 schema whose coordinates lie in [-limit, limit]. */
function vector3(name, limit) {
  const coordinate = () => (options.fields === "quantized" ? t.quantized({ min: -limit, max: limit }) : t.float32());
  return schema({ x: coordinate(), y: coordinate(), z: coordinate() }, name);
}
const Position = vector3("Position", 1000);
const Velocity = vector3("Velocity", 50);
const Player = schema(
  { position: Position, velocity: Velocity, isGrounded: t.boolean(), health: t.int32() },
  "Player",
);
const ArenaState = schema({ players: t.map(Player) }, "ArenaState");

class ArenaRoom extends Room {
  maxClients = options["max-clients"];
  patchRate = options["patch-ms"];
  spawned = 0;
  lastTickAt = 0;
  /** Start-to-start tick intervals in buckets of 0.1 ms (the last: 100 ms or more), since "window". */
  intervals = new Uint32Array(1001);
  windowTicks = 0;
  windowStartedAt = performance.now();

  onCreate() {
    this.state = new ArenaState();
    this.onMessage("input", (client, input) => this.handleInput(client, input));
    // The bots' window: "window" resets the interval counts and the answer to "stats" reads them.
    this.onMessage("window", () => {
      this.intervals.fill(0);
      this.windowTicks = 0;
      this.windowStartedAt = performance.now();
    });
    this.onMessage("stats", (client) => client.send("stats", this.stats()));
    this.setSimulationInterval(() => this.physicsTick(), TICK_MS);
  }

  onJoin(client) {
    const n = this.spawned++;
    const radius = SPAWN_SPACING * Math.sqrt(n + 0.5);
    const angle = n * GOLDEN_ANGLE;
    const player = new Player();
    player.position = new Position();
    player.position.x = radius * Math.cos(angle);
    player.position.y = 0;
    player.position.z = radius * Math.sin(angle);
    player.velocity = new Velocity();
    player.velocity.x = 0;
    player.velocity.y = 0;
    player.velocity.z = 0;
    player.isGrounded = true;
    player.health = START_HEALTH;
    this.state.players.set(client.sessionId, player);
  }

  onLeave(client) {
    this.state.players.delete(client.sessionId);
  }

  handleInput(client, input) {
    const x = Number(input?.x);
    const z = Number(input?.z);
    if (!Number.isFinite(x) || !Number.isFinite(z)) {
      client.send("error", { code: "BAD_REQUEST", message: "input needs numbers x and z" });
      return;
    }
    if (Math.sqrt(x * x + z * z) > MAX_SPEED) {
      client.send("error", { code: "REJECTED", message: "Speed hack detected" });
      return;
    }
    const player = this.state.players.get(client.sessionId);
    if (player === undefined) {
      client.send("error", { code: "REJECTED", message: "not in this arena" });
      return;
    }
    player.velocity.x = x;
    player.velocity.z = z;
  }

  physicsTick() {
    const now = performance.now();
    if (this.lastTickAt !== 0) {
      this.intervals[Math.min(1000, Math.floor((now - this.lastTickAt) * 10))]++;
    }
    this.lastTickAt = now;
    this.windowTicks++;
    this.state.players.forEach((player) => {
      const position = player.position;
      const velocity = player.velocity;
      if (!player.isGrounded) {
        velocity.y = velocity.y + GRAVITY * DT;
      }
      position.x = position.x + velocity.x * DT;
      position.y = position.y + velocity.y * DT;
      position.z = position.z + velocity.z * DT;
      if (position.y <= 0) {
        position.y = 0;
        if (velocity.y < 0) {
          velocity.y = 0;
        }
        player.isGrounded = true; // an unchanged value is not sent
      } else {
        player.isGrounded = false;
      }
    });
  }

  /** Ticks per second and the tick interval percentiles (a 0.1 ms bucket's upper end) since "window". */
  stats() {
    let count = 0;
    for (const c of this.intervals) count += c;
    const at = (p) => {
      let seen = 0;
      for (let bucket = 0; bucket < this.intervals.length; bucket++) {
        seen += this.intervals[bucket];
        if (seen >= count * p) return (bucket + 1) / 10;
      }
      return -1;
    };
    const seconds = (performance.now() - this.windowStartedAt) / 1000;
    return {
      ticksPerSecond: Math.round((this.windowTicks / seconds) * 100) / 100,
      intervalP50Ms: at(0.5),
      intervalP99Ms: at(0.99),
      players: this.state.players.size,
    };
  }
}

/** --name value pairs: whole numbers for {@code numbers}' names, one of the listed words for {@code choices}'. */
function parseArgs(args, numbers, choices) {
  const out = { ...numbers };
  for (const [name, allowed] of Object.entries(choices)) out[name] = allowed[0];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].replace(/^--/, "");
    if (!(name in out) || i + 1 >= args.length) {
      console.error(`Unknown option or missing value: ${args[i]}. Options: ${Object.keys(out).map((k) => "--" + k).join(" ")}`);
      process.exit(2);
    }
    if (name in choices) {
      if (!choices[name].includes(args[i + 1])) {
        console.error(`--${name} must be ${choices[name].join(" or ")}, got ${args[i + 1]}`);
        process.exit(2);
      }
      out[name] = args[++i];
      continue;
    }
    const value = Number(args[++i]);
    if (!Number.isInteger(value) || value <= 0) {
      console.error(`--${name} must be a positive whole number, got ${args[i]}`);
      process.exit(2);
    }
    out[name] = value;
  }
  return out;
}

const server = defineServer({
  greet: false,
  transport: new WebSocketTransport(),
  rooms: { arena: defineRoom(ArenaRoom) },
});
await server.listen(options.port);
console.log(`Colyseus Arena listening on ${options.port} (patchRate ${options["patch-ms"]} ms, tick ${TICK_MS} ms, maxClients ${options["max-clients"]}, ${options.fields} coordinates)`);
