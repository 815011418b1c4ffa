// The generated Arena client (target/classes/public/carotene/arena.js) against a real running
// Arena, driven by GeneratedClientTest, which passes:
//   CAROTENE_URL        the server's http address
//   CAROTENE_CLIENT     the generated module's path
//   CAROTENE_TOKEN      a token of the player the test plays ("alice", at the origin)
//   CAROTENE_IDS        JSON: the ids of alice and of the players the Java side moves around her
//   CAROTENE_ROOMS_URL  a second Arena, hosting arenas as rooms as the shipped ArenaMain does
// and, after this file prints RECORDING, removes "goner", adds "joiner", and sets "leaver" walking
// out of view and "comer" into it. Every assertion is on states, never on time; the deadlines
// only keep a broken run from hanging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';

const { ArenaClient, ArenaApi, CaroteneError, Prediction, Interpolation } = await import(pathToFileURL(process.env.CAROTENE_CLIENT).href);
const url = process.env.CAROTENE_URL;
const token = process.env.CAROTENE_TOKEN;
const ids = JSON.parse(process.env.CAROTENE_IDS);
const roomsUrl = process.env.CAROTENE_ROOMS_URL;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (condition, what) => {
  for (let i = 0; i < 3000; i++) { if (condition()) return; await sleep(10); }
  assert.fail('never happened: ' + what);
};
const copy = (store) => new Map([...store].map(([id, player]) => [id, structuredClone(player)]));

const OPTIONS = { timeout: 120_000 };

test('a binary client that drops frames holds exactly what the JSON snapshots of the same ticks say, across joins, leaves and view changes', OPTIONS, async (t) => {
  const json = await new ArenaClient({ url, token, format: 'json' }).connect();
  const binary = await new ArenaClient({ url, token, format: 'binary', filterFrame: (tick) => tick % 5 !== 0 }).connect();
  t.after(() => { json.close(); binary.close(); });
  const jsonStates = new Map();
  const binaryStates = new Map();
  json.on('snapshot', ({ tick }) => jsonStates.set(tick, copy(json.store('GameWorld'))));
  binary.on('snapshot', ({ tick }) => binaryStates.set(tick, copy(binary.store('GameWorld'))));
  const entered = new Set();
  const left = new Set();
  binary.on('enter', (store, player) => entered.add(player.id));
  binary.on('leave', (store, player) => left.add(player.id));
  await until(() => binary.store('GameWorld').has(ids.goner), 'the first binary snapshot');
  assert.ok(binary.store('GameWorld').has(ids.leaver), 'leaver starts in view');
  assert.ok(!binary.store('GameWorld').has(ids.comer), 'comer starts out of view');
  console.log('RECORDING');
  await until(() => left.has(ids.goner) && entered.has(ids.joiner) && left.has(ids.leaver) && entered.has(ids.comer),
    'goner and leaver leaving, joiner and comer entering');
  json.close();
  binary.close();
  const fields = binary.schema.stores[0].fields;
  let compared = 0;
  for (const [tick, decoded] of binaryStates) {
    assert.notEqual(tick % 5, 0, 'a filtered frame was applied');
    const sent = jsonStates.get(tick);
    if (!sent) continue; // this JSON connection was skipped at that tick
    compared++;
    assert.deepEqual([...decoded.keys()].sort(), [...sent.keys()].sort(), 'the players in view at tick ' + tick);
    for (const [id, player] of sent) {
      const got = decoded.get(id);
      for (const field of fields) {
        const path = field.name.split('.');
        const expected = path.reduce((value, key) => value[key], player);
        const actual = path.reduce((value, key) => value[key], got);
        if (field.precision) {
          const clamped = Math.min(field.max, Math.max(field.min, expected));
          assert.ok(Math.abs(actual - clamped) <= field.precision / 2 + 1e-9, `${field.name} of ${id} at ${tick}: ${actual} vs ${expected}`);
        } else if (field.type === 'f32') {
          assert.equal(actual, Math.fround(expected), `${field.name} of ${id} at ${tick}`);
        } else {
          assert.equal(actual, expected, `${field.name} of ${id} at ${tick}`);
        }
      }
    }
  }
  assert.ok(compared > 20, 'compared ' + compared + ' ticks');
});

test('socket operations resolve on success and reject with the server\'s code and message', OPTIONS, async (t) => {
  const client = await new ArenaClient({ url, token }).connect();
  t.after(() => client.close());
  assert.equal(await client.handleInput(ids.alice, { x: 0, y: 0, z: 0 }), undefined);
  await assert.rejects(client.handleInput(ids.alice, { x: 30, y: 0, z: 0 }),
    (error) => error instanceof CaroteneError && error.code === 'REJECTED' && error.message === 'Speed hack detected');
  await assert.rejects(client.handleInput(ids.comer, { x: 1, y: 0, z: 0 }),
    (error) => error instanceof CaroteneError && error.code === 'FORBIDDEN');
  await until(() => client.ack >= 3 && client.rttMs !== null, 'a snapshot acking the calls');
  client.close();
});

test('HTTP routes are typed functions; refusals reject with the code', OPTIONS, async (t) => {
  const client = await new ArenaClient({ url, token }).connect(); // alice is in the world while connected
  t.after(() => client.close());
  await until(() => client.store('GameWorld').has(ids.alice), 'alice in view');
  const api = new ArenaApi(url);
  const { players } = await api.players();
  assert.ok(players.some((player) => player.id === ids.alice));
  await assert.rejects(api.login('   '), (error) => error.code === 'REJECTED');
  const bob = await api.login('bob');
  assert.match(bob.playerId, /^[0-9a-f-]{36}$/);
});

test('prediction moves the own player at once and reconciles with the server; others interpolate', OPTIONS, async (t) => {
  const client = await new ArenaClient({ url, token }).connect();
  t.after(() => client.close());
  await until(() => client.store('GameWorld').has(ids.alice), 'alice in view');
  const step = (player, input, dt) => ({ ...player, velocity: input,
    position: { x: player.position.x + input.x * dt, y: player.position.y, z: player.position.z + input.z * dt } });
  const me = new Prediction(client, { store: 'GameWorld', id: ids.alice, step });
  const others = new Interpolation(client, { store: 'GameWorld', delayMs: 100 });
  const startZ = client.store('GameWorld').get(ids.alice).position.z;
  const forward = { x: 0, y: 0, z: -4 };
  me.input(forward, 0.016, (input) => client.handleInput(ids.alice, input));
  assert.ok(Math.abs(me.predicted.position.z - (startZ - 0.064)) < 0.05, 'moved before any reply: ' + me.predicted.position.z);
  for (let i = 0; i < 30; i++) { await sleep(16); me.input(forward, 0.016, (input) => client.handleInput(ids.alice, input)); }
  await until(() => me.pending.length === 0 || client.ack >= client.lastSeq - 2, 'the inputs acked');
  const server = client.store('GameWorld').get(ids.alice).position.z;
  assert.ok(server < startZ - 1, 'the server moved alice forward: ' + startZ + ' -> ' + server);
  assert.ok(Math.abs(me.predicted.position.z - server) < 1, 'prediction stays near the server: ' + me.predicted.position.z + ' vs ' + server);
  assert.ok(others.sample().has(ids.alice));
  await client.handleInput(ids.alice, { x: 0, y: 0, z: 0 });
  me.dispose();
  others.dispose();
  client.close();
});

test('on a server of arenas, joinOrCreate seats a logged-in player and the reservation opens its socket', OPTIONS, async (t) => {
  const login = await new ArenaApi(roomsUrl).login('dana');
  const api = new ArenaApi(roomsUrl, { token: login.token });
  const seat = await api.joinOrCreate('arena');
  assert.equal(seat.type, 'arena');
  assert.ok(seat.roomId && seat.reservation && seat.reconnectionToken && seat.expiresInMillis > 0, JSON.stringify(seat));
  const client = await new ArenaClient({ url: roomsUrl, token: login.token, reservation: seat.reservation }).connect();
  t.after(() => client.close());
  await until(() => client.store('GameWorld').has(login.playerId), 'dana in her arena');
  const again = await api.joinOrCreate('arena');
  assert.equal(again.roomId, seat.roomId, 'the arena with room is the one dana is in');
  await assert.rejects(new ArenaApi(roomsUrl).joinOrCreate('arena'),
    (error) => error instanceof CaroteneError && error.code === 'UNAUTHORIZED');
  await assert.rejects(api.joinOrCreate('no-such-type'),
    (error) => error instanceof CaroteneError && error.code === 'BAD_REQUEST');
});
