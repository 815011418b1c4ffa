// The side-by-side table from the runs' JSON reports: node table.mjs side:N:every:file ...
// (side: colyseus, bots.mjs's --json-out; or carotene, carotene-loadgen's --json-out).
import { existsSync, readFileSync } from "node:fs";

const TICK_MS = 16;
const rows = [];
for (const arg of process.argv.slice(2)) {
  const [side, n, every, ...rest] = arg.split(":");
  const file = rest.join(":");
  const row = { n: Number(n), every: Number(every), side };
  if (!existsSync(file)) {
    rows.push({ ...row, missing: file });
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  if (side === "colyseus") {
    Object.assign(row, {
      connected: `${r.connected}/${r.bots}`,
      rooms: r.rooms,
      updatesMin: r.patchesPerSecondPerBot.min,
      kbMedian: r.bytesPerSecondPerBot.median / 1000,
      serverCores: r.cpu.serverCores,
      botsCores: r.cpu.botsCores,
      tickP99: r.server?.intervalP99Ms ?? null,
      load: r.cpu.loadAverage,
    });
  } else {
    const rooms = r.server?.metricsAtEnd?.rooms;
    Object.assign(row, {
      connected: `${r.connected}/${r.bots}`,
      rooms: Array.isArray(rooms) ? rooms.length : null,
      updatesMin: r.snapshotsPerSecondPerBot.min,
      kbMedian: r.bytesPerSecondPerBot.median / 1000,
      serverCores: r.cpu.serverCores,
      botsCores: r.cpu.loadgenCores,
      tickP99: r.server?.window?.intervalP99Ms ?? r.rooms?.tickIntervalP99AcrossRoomsMs ?? null,
      load: r.cpu.loadAverage,
    });
  }
  rows.push(row);
}

const fmt = (v, places) => (v === null || v === undefined || v < 0 ? "n/a" : Number(v).toFixed(places));
const rate = (every) => `every ${every} (${(1000 / (TICK_MS * every)).toFixed(1)}/s)`;
console.log("| N | snapshot / patch rate | side | connected, rooms | updates/s per client (min) | kB/s per client (median) | server CPU (cores) | bots CPU (cores) | tick interval p99 (ms) | load average (1/5/15 min) |");
console.log("|---:|---|---|---|---:|---:|---:|---:|---:|---|");
for (const r of rows) {
  if (r.missing) {
    console.log(`| ${r.n} | ${rate(r.every)} | ${r.side} | no report (${r.missing}) | | | | | | |`);
    continue;
  }
  console.log(`| ${r.n} | ${rate(r.every)} | ${r.side} | ${r.connected}, ${r.rooms ?? "?"} | ${fmt(r.updatesMin, 1)} | ${fmt(r.kbMedian, 1)} | ${fmt(r.serverCores, 2)} | ${fmt(r.botsCores, 2)} | ${fmt(r.tickP99, 1)} | ${r.load ?? ""} |`);
}
// Carotene's bytes against Colyseus', per N and rate
const ratios = [];
for (const c of rows.filter((r) => r.side === "carotene" && !r.missing)) {
  const y = rows.find((r) => r.side === "colyseus" && !r.missing && r.n === c.n && r.every === c.every);
  if (y && y.kbMedian > 0) ratios.push(`N=${c.n} ${rate(c.every)}: Carotene/Colyseus bytes ${(c.kbMedian / y.kbMedian).toFixed(2)}, server CPU ${y.serverCores > 0 ? (c.serverCores / y.serverCores).toFixed(2) : "n/a"}`);
}
if (ratios.length > 0) console.log("\n" + ratios.join("\n"));
