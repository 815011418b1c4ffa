// Bots for the Colyseus Arena (server.mjs), the peer of carotene-loadgen for issue 17's
// side-by-side. Benchmark only, not shipped.
//
// Each bot joins the "arena" room through @colyseus/sdk (joinOrCreate: every bot in one room) and
// sends an "input" message on a fixed 60 Hz grid, the loadgen's pattern: a joystick direction at
// speed 4 that turns once per 10 s (bot i starts at angle 0.7 i), bot i's k-th input at
// t0 + k P + i P / n; a cheater's every 30th input is a speed hack (30 units/s), which the server
// must refuse. Bots count, per bot, the state patches (ROOM_STATE_PATCH frames) and the bytes read
// from the socket (WebSocket framing included, as the loadgen counts) in the measured window; the
// process reads its own CPU and the server's from /proc, as the loadgen does.
//
// Like the loadgen, which reads a snapshot's head and never rebuilds the world, the bots do not
// decode the state by default: a serializer that only counts takes the SDK's "schema" one's place.
// --decode keeps the SDK's Schema decoder (every bot rebuilds the whole state, and the report
// checks that it holds every player): a check that the room sends a real Arena, too slow for
// hundreds of bots on the server's two cores.
//
// The bots run in --workers worker threads (default 2, the machine's cores; the loadgen's Java
// threads may use both cores too); one process, so /proc/self counts them all.
//
// Usage: node bots.mjs --url http://localhost:2567 --bots 100 [--cheaters 5] [--cheat-every 30]
//          [--rate 60] [--warmup 10] [--seconds 20] [--server-pid PID] [--workers 2]
//          [--connect-parallelism 16] [--decode] [--json-out FILE]
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const USAGE = `Usage: node bots.mjs --url http://localhost:2567 --bots N [--cheaters 5] [--cheat-every 30] [--rate 60]
  [--warmup 10] [--seconds 20] [--server-pid PID] [--workers 2] [--connect-parallelism 16] [--decode] [--json-out FILE]`;

// ------------------------------------------------------------------------------------ main thread

function parseOptions(args) {
  const o = {
    url: "http://localhost:2567", bots: 100, cheaters: 5, "cheat-every": 30, rate: 60, warmup: 10,
    seconds: 20, "server-pid": -1, workers: 2, "connect-parallelism": 16, decode: false, "json-out": null,
  };
  for (let i = 0; i < args.length; i++) {
    const name = args[i].replace(/^--/, "");
    if (name === "help") {
      console.log(USAGE);
      process.exit(0);
    }
    if (name === "decode") {
      o.decode = true;
      continue;
    }
    if (!(name in o) || i + 1 >= args.length) {
      fail(`Unknown option or missing value: ${args[i]}`);
    }
    const text = args[++i];
    if (name === "url" || name === "json-out") {
      o[name] = text;
      continue;
    }
    const value = Number(text);
    if (!Number.isFinite(value) || (name !== "server-pid" && name !== "cheaters" && value <= 0)) {
      fail(`--${name} must be a positive number, got ${text}`);
    }
    o[name] = value;
  }
  if (o.cheaters < 0 || o.cheaters > o.bots) fail("--cheaters must be between 0 and --bots");
  o.workers = Math.min(o.workers, o.bots);
  return o;
}

function fail(message) {
  console.error(message + "\n" + USAGE);
  process.exit(2);
}

async function main(o) {
  const log = (line) => console.error(`[colyseus-bots] ${line}`);
  const workers = [];
  for (let w = 0; w < o.workers; w++) {
    // bots w, w + W, w + 2W, ...: each worker's bots spread over the whole index range
    const indices = [];
    for (let i = w; i < o.bots; i += o.workers) indices.push(i);
    workers.push(new Worker(fileURLToPath(import.meta.url), { workerData: { options: o, indices, worker: w } }));
  }
  const replies = workers.map((w) => channel(w));

  // Bot 0 creates the room alone, then every other bot joins it (joinOrCreate at once from all
  // bots could create several rooms).
  log(`connecting ${o.bots} bots (${o.cheaters} cheaters) to ${o.url}…`);
  const connectStart = performance.now();
  await ask(workers[0], replies[0], { type: "connect-first" });
  const connected = await Promise.all(workers.map((w, i) => ask(w, replies[i], { type: "connect" })));
  const connectSeconds = (performance.now() - connectStart) / 1000;
  const rooms = new Set(connected.flatMap((c) => c.rooms));
  const failures = {};
  for (const c of connected) for (const [k, v] of Object.entries(c.failures)) failures[k] = (failures[k] ?? 0) + v;
  const open = connected.reduce((s, c) => s + c.open, 0);
  log(`${open}/${o.bots} bots connected in ${connectSeconds.toFixed(1)} s in ${rooms.size} room(s); warming up ${o.warmup} s…`);
  if (open === 0) {
    console.error("No bot connected: " + JSON.stringify(failures));
    process.exit(1);
  }

  const t0 = performance.timeOrigin + performance.now() + 20; // every worker's grid starts here
  workers.forEach((w) => w.postMessage({ type: "pace", t0 }));
  await sleep(o.warmup * 1000);

  await Promise.all(workers.map((w, i) => ask(w, replies[i], { type: "window-start" })));
  const cpuStart = cpu(o["server-pid"]);
  log(`measuring ${o.seconds} s…`);
  await sleep(o.seconds * 1000);
  const cpuEnd = cpu(o["server-pid"]);
  const loadAverage = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  const windows = await Promise.all(workers.map((w, i) => ask(w, replies[i], { type: "window-end" })));
  // Stop sending, let the last replies arrive (a cheat's refusal), then count and leave.
  const counts = await Promise.all(workers.map((w, i) => ask(w, replies[i], { type: "stop" })));
  await Promise.all(workers.map((w) => w.terminate()));

  const bots = windows.flatMap((w) => w.bots);
  const server = windows.find((w) => w.server)?.server ?? null;
  const report = buildReport(o, bots, counts, server, rooms.size, open, failures, connectSeconds, cpuStart, cpuEnd, loadAverage);
  console.log(text(report));
  if (o["json-out"]) writeFileSync(o["json-out"], JSON.stringify(report) + "\n");
  process.exit(0);
}

/** Replies from a worker, in order. */
function channel(w) {
  const waiting = [];
  w.on("message", (m) => waiting.shift()?.(m));
  w.on("error", (e) => {
    console.error(`[colyseus-bots] worker failed: ${e.stack ?? e}`);
    process.exit(1);
  });
  return waiting;
}

function ask(w, waiting, message) {
  return new Promise((resolve) => {
    waiting.push(resolve);
    w.postMessage(message);
  });
}

/** CPU seconds so far (utime + stime) of this process and of the server, and when. */
function cpu(serverPid) {
  const seconds = (pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return (Number(f[11]) + Number(f[12])) / 100; // USER_HZ
    } catch {
      return -1;
    }
  };
  return { at: performance.now(), self: seconds("self"), server: serverPid > 0 ? seconds(serverPid) : -1 };
}

function buildReport(o, bots, counts, server, rooms, open, failures, connectSeconds, cpuStart, cpuEnd, loadAverage) {
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const median = (s) => (s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2);
  const patchRates = sorted(bots.map((b) => b.patches / b.seconds));
  const byteRates = sorted(bots.map((b) => b.bytes / b.seconds));
  const window = (cpuEnd.at - cpuStart.at) / 1000;
  const cores = (a, b) => (a < 0 || b < 0 ? -1 : round((b - a) / window, 2));
  const sum = (f) => counts.reduce((s, w) => s + f(w), 0);
  return {
    url: o.url, bots: o.bots, cheaters: o.cheaters, rateHz: o.rate, warmupSeconds: o.warmup, windowSeconds: o.seconds,
    decode: o.decode, workers: o.workers, connected: open, connectSeconds: round(connectSeconds, 2), connectFailures: failures,
    rooms, openAtEnd: bots.filter((b) => b.open).length,
    patchesPerSecondPerBot: { min: round(patchRates[0] ?? 0, 2), median: round(median(patchRates), 2), max: round(patchRates.at(-1) ?? 0, 2) },
    bytesPerSecondPerBot: { min: Math.round(byteRates[0] ?? 0), median: Math.round(median(byteRates)), max: Math.round(byteRates.at(-1) ?? 0) },
    patchIntervalMaxMs: round(Math.max(0, ...bots.map((b) => b.maxGapMs)), 1),
    inputs: { sent: sum((w) => w.inputsSent), slotsSkippedInWindow: sum((w) => w.slotsSkippedInWindow) },
    cheats: { sent: sum((w) => w.cheatsSent), rejected: sum((w) => w.rejected) },
    errors: counts.reduce((all, w) => {
      for (const [k, v] of Object.entries(w.errors)) all[k] = (all[k] ?? 0) + v;
      return all;
    }, {}),
    decodedPlayers: o.decode ? { min: Math.min(...bots.map((b) => b.decodedPlayers)), max: Math.max(...bots.map((b) => b.decodedPlayers)) } : null,
    server,
    cpu: { botsCores: cores(cpuStart.self, cpuEnd.self), serverCores: cores(cpuStart.server, cpuEnd.server), loadAverage },
  };
}

function text(r) {
  const kb = (b) => (b / 1000).toFixed(1) + " kB";
  return [
    `Colyseus load: ${r.bots} bots (${r.cheaters} cheaters) against ${r.url}, ${r.rateHz} Hz inputs, ${r.windowSeconds} s measured after ${r.warmupSeconds} s warm-up${r.decode ? ", state decoded" : ""}`,
    `  connected            ${r.connected}/${r.bots} in ${r.connectSeconds} s, ${r.rooms} room(s), failures ${JSON.stringify(r.connectFailures)}, still open at window end ${r.openAtEnd}`,
    `  patches/s per bot    min ${r.patchesPerSecondPerBot.min}  median ${r.patchesPerSecondPerBot.median}  max ${r.patchesPerSecondPerBot.max}  (longest gap ${r.patchIntervalMaxMs} ms)`,
    `  bytes/s per bot      median ${kb(r.bytesPerSecondPerBot.median)}/s  max ${kb(r.bytesPerSecondPerBot.max)}/s  (min ${kb(r.bytesPerSecondPerBot.min)}/s)`,
    `  inputs               ${r.inputs.sent} sent, ${r.inputs.slotsSkippedInWindow} slots skipped in window (pacer behind)`,
    `  cheats               ${r.cheats.sent} sent, ${r.cheats.rejected} REJECTED`,
    `  errors               ${Object.keys(r.errors).length === 0 ? "none" : JSON.stringify(r.errors)}`,
    r.decodedPlayers ? `  decoded state        ${r.decodedPlayers.min}–${r.decodedPlayers.max} players per bot` : null,
    r.server ? `  server tick          ${r.server.ticksPerSecond} ticks/s, interval p50 ${r.server.intervalP50Ms} ms  p99 ${r.server.intervalP99Ms} ms (start to start, in window); ${r.server.players} players` : `  server tick          (no stats)`,
    `  cpu (cores busy)     bots ${r.cpu.botsCores}, server ${r.cpu.serverCores}; load average ${r.cpu.loadAverage}`,
  ].filter((l) => l !== null).join("\n");
}

function round(v, places) {
  const f = 10 ** places;
  return Math.round(v * f) / f;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------- worker threads

async function worker({ options: o, indices, worker: w }) {
  const { Client, Protocol, registerSerializer } = await import("@colyseus/sdk");
  if (!o.decode) registerSerializer("schema", CountingSerializer);
  const n = o.bots;
  const periodMs = 1000 / o.rate;
  const bots = indices.map((index) => ({
    index,
    cheater: Math.floor((index * o.cheaters) / n) !== Math.floor(((index + 1) * o.cheaters) / n),
    room: null, socket: null, open: false,
    patches: 0, payloadBytes: 0, lastPatchAt: 0, maxGapMs: 0,
    windowPatches: 0, windowBytesAt: 0, windowPayloadAt: 0,
  }));
  const counters = { inputsSent: 0, cheatsSent: 0, rejected: 0, slotsSkipped: 0, slotsSkippedInWindow: 0, errors: {} };
  const error = (code) => (counters.errors[code] = (counters.errors[code] ?? 0) + 1);
  let windowOpen = false;
  let stopping = false;
  let windowStart = 0;
  let serverStats = null;
  let statsArrived = null;
  let pacer = null;
  let pacing = false;

  async function connect(bot, client) {
    try {
      const room = await client.joinOrCreate("arena");
      bot.room = room;
      bot.socket = room.connection.transport.ws?._socket ?? null; // the ws package's net.Socket: wire bytes
      bot.open = true;
      const events = room.connection.events;
      const deliver = events.onmessage;
      events.onmessage = (event) => {
        const data = event.data;
        bot.payloadBytes += data.byteLength + (data.byteLength < 126 ? 2 : data.byteLength < 65536 ? 4 : 10);
        if ((new Uint8Array(data, 0, 1)[0] & 0x1f) === Protocol.ROOM_STATE_PATCH) {
          const now = performance.now();
          bot.patches++;
          if (windowOpen) {
            if (bot.lastPatchAt > windowStart) bot.maxGapMs = Math.max(bot.maxGapMs, now - bot.lastPatchAt);
          }
          bot.lastPatchAt = now;
        }
        deliver(event);
      };
      room.onMessage("error", (m) => (m?.code === "REJECTED" ? counters.rejected++ : error(m?.code ?? "error")));
      room.onMessage("stats", (m) => statsArrived?.(m));
      room.onLeave((code) => {
        bot.open = false;
        if (!stopping) error(`closed ${code}`);
      });
      return room.roomId;
    } catch (e) {
      bot.failure = String(e?.message ?? e);
      return null;
    }
  }

  function sendInput(bot, frame) {
    if (!bot.open) return;
    const cheat = bot.cheater && frame % o["cheat-every"] === 0;
    let x;
    let z;
    if (cheat) {
      x = 30;
      z = 0;
    } else {
      const angle = bot.index * 0.7 + frame * ((2 * Math.PI) / 600); // one turn per 10 s
      x = Math.round(4000 * Math.cos(angle)) / 1000;
      z = Math.round(4000 * Math.sin(angle)) / 1000;
    }
    bot.room.send("input", { x, z });
    counters.inputsSent++;
    if (cheat) counters.cheatsSent++;
  }

  /** Bot i's k-th slot at t0 + k P + i P / n (absolute ms); a pacer a whole period behind skips. */
  function pace(t0) {
    pacing = true;
    let k = 0;
    let j = 0; // position in this worker's bots
    const step = () => {
      if (!pacing) return;
      const now = performance.timeOrigin + performance.now();
      for (;;) {
        const target = t0 + k * periodMs + (bots[j].index * periodMs) / n;
        if (target - now > 0.25) break;
        const lag = now - target;
        if (lag >= periodMs) {
          const behind = Math.floor(lag / periodMs);
          k += behind;
          counters.slotsSkipped += behind;
          if (windowOpen) counters.slotsSkippedInWindow += behind;
        }
        sendInput(bots[j], k);
        if (++j === bots.length) {
          j = 0;
          k++;
        }
      }
      pacer = setTimeout(step, 1);
    };
    step();
  }

  const handlers = {
    "connect-first": async () => {
      const client = new Client(o.url);
      const roomId = await connect(bots[0], client);
      return { rooms: roomId ? [roomId] : [] };
    },
    connect: async () => {
      const client = new Client(o.url);
      const parallel = Math.max(1, Math.floor(o["connect-parallelism"] / o.workers));
      const rest = w === 0 ? bots.slice(1) : bots;
      const roomIds = new Set(bots[0].room && w === 0 ? [bots[0].room.roomId] : []);
      for (let at = 0; at < rest.length; at += parallel) {
        const ids = await Promise.all(rest.slice(at, at + parallel).map((b) => connect(b, client)));
        ids.filter((id) => id).forEach((id) => roomIds.add(id));
      }
      const failures = {};
      for (const b of bots) if (b.failure) failures[b.failure] = (failures[b.failure] ?? 0) + 1;
      return { rooms: [...roomIds], open: bots.filter((b) => b.open).length, failures };
    },
    pace: async ({ t0 }) => {
      pace(t0);
      return undefined; // no reply
    },
    "window-start": async () => {
      windowStart = performance.now();
      for (const b of bots) {
        b.windowPatches = b.patches;
        b.windowBytesAt = b.socket ? b.socket.bytesRead : b.payloadBytes;
        b.windowPayloadAt = b.payloadBytes;
      }
      windowOpen = true;
      counters.slotsSkippedInWindow = 0;
      if (w === 0 && bots[0].open) bots[0].room.send("window");
      return {};
    },
    "window-end": async () => {
      const end = performance.now();
      windowOpen = false;
      const seconds = (end - windowStart) / 1000;
      const result = bots.map((b) => ({
        index: b.index,
        open: b.open,
        seconds,
        patches: b.patches - b.windowPatches,
        bytes: (b.socket ? b.socket.bytesRead : b.payloadBytes) - b.windowBytesAt,
        maxGapMs: b.maxGapMs,
        decodedPlayers: o.decode && b.room?.state?.players ? b.room.state.players.size : -1,
      }));
      if (w === 0 && bots[0].open) {
        serverStats = await new Promise((resolve) => {
          statsArrived = resolve;
          bots[0].room.send("stats");
          setTimeout(() => resolve(null), 5000);
        });
      }
      return { bots: result, server: serverStats, slotsSkippedInWindow: counters.slotsSkippedInWindow };
    },
    stop: async () => {
      pacing = false;
      clearTimeout(pacer);
      await sleep(500);
      stopping = true;
      const counted = { ...counters, errors: { ...counters.errors } };
      const left = Promise.all(bots.filter((b) => b.open).map((b) => b.room.leave(true).catch(() => {})));
      await Promise.race([left, sleep(5000)]);
      return counted;
    },
  };
  parentPort.on("message", async (m) => {
    const reply = await handlers[m.type](m);
    if (reply !== undefined) parentPort.postMessage(reply);
  });
}

/** Takes the place of the SDK's Schema serializer: keeps no state, decodes nothing. */
class CountingSerializer {
  setState() {}
  getState() {
    return undefined;
  }
  patch() {}
  teardown() {}
  handshake() {}
}

if (isMainThread) {
  await main(parseOptions(process.argv.slice(2)));
} else {
  await worker(workerData);
}
