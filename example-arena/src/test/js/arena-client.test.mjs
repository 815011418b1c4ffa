// The generated Arena client (target/classes/public/carotene/arena.js) against a real running
// Arena, driven by GeneratedClientTest, which passes:
//   CAROTENE_URL        the server's http address
//   CAROTENE_CLIENT     the generated module's path
//   CAROTENE_TOKEN      a token of the player the test plays ("alice", at the origin)
//   CAROTENE_IDS        JSON: the ids of alice and of the players the Java side moves around her
//   CAROTENE_ROOMS_URL  a second Arena, hosting arenas as rooms as the shipped ArenaMain does, with a
//                       reconnection grace of a few seconds
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

/**
 * A TCP proxy between the client and the rooms server, standing for the network: `drop()` ends
 * every connection through it without a WebSocket close frame (as a lost network or a killed tab
 * does), `stall()` stops passing what the client sends on the current connections, and `block()`
 * refuses new ones until `unblock()`.
 */
async function networkTo(target) {
  const net = await import('node:net');
  const { hostname, port } = new URL(target);
  const links = new Set();
  let blocked = false;
  const server = net.createServer((inbound) => {
    if (blocked) { inbound.destroy(); return; }
    const outbound = net.connect(Number(port), hostname);
    const link = { inbound, outbound, stalled: false };
    links.add(link);
    inbound.on('data', (data) => { if (!link.stalled) outbound.write(data); });
    outbound.on('data', (data) => inbound.write(data));
    const end = () => { links.delete(link); inbound.destroy(); outbound.destroy(); };
    inbound.on('close', end).on('error', end);
    outbound.on('close', end).on('error', end);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: 'http://127.0.0.1:' + server.address().port,
    stall() { for (const link of links) link.stalled = true; },
    drop() { for (const link of [...links]) { link.inbound.destroy(); link.outbound.destroy(); } },
    block() { blocked = true; },
    unblock() { blocked = false; },
    close() { this.drop(); server.close(); },
  };
}

const near = (a, b, tolerance = 0.05) => Math.abs(a - b) <= tolerance;

test('on a server of arenas, a dropped connection resumes by itself: same player, position and velocity kept, seq and acks go on', OPTIONS, async (t) => {
  const network = await networkTo(roomsUrl);
  t.after(() => network.close());
  const login = await new ArenaApi(roomsUrl).login('erin');
  const seat = await new ArenaApi(roomsUrl, { token: login.token }).joinOrCreate('arena');
  const client = await new ArenaClient({ url: network.url, token: login.token, seat }).connect();
  t.after(() => client.leave());
  const me = login.playerId;
  const events = [];
  for (const name of ['disconnected', 'reconnecting', 'reconnected', 'left']) client.on(name, (event) => events.push({ name, ...event }));
  await until(() => client.store('GameWorld').has(me), 'erin in her arena');
  const step = (player, input, dt) => ({ ...player, velocity: input,
    position: { x: player.position.x + input.x * dt, y: player.position.y, z: player.position.z + input.z * dt } });
  const prediction = new Prediction(client, { store: 'GameWorld', id: me, step });
  t.after(() => prediction.dispose());
  const walk = { x: 1, y: 0, z: 0 };
  await prediction.input(walk, 0.016, (input) => client.handleInput(me, input));
  await until(() => client.ack === 1 && near(client.store('GameWorld').get(me).velocity.x, 1), 'the walk acked');
  const before = client.store('GameWorld').get(me);

  network.stall(); // this call never reaches the server...
  const unsent = prediction.input(walk, 0.016, (input) => client.handleInput(me, input));
  assert.equal(client.lastSeq, 2);
  network.drop(); // ...and the connection ends without a close frame
  await until(() => client.state === 'reconnecting', 'the client noticing the drop');
  await assert.rejects(client.handleInput(me, walk), (error) => error instanceof CaroteneError && error.code === 'DISCONNECTED');
  assert.equal(client.lastSeq, 2, 'a call refused while reconnecting takes no seq');
  await until(() => client.state === 'connected', 'the seat resumed');

  assert.equal(await unsent, undefined, 'the call the server never ran was sent again on the new connection, and ran');
  await until(() => client.ack >= 2, 'the resent call acked');
  const after = client.store('GameWorld').get(me);
  assert.ok(after, 'the same player, in view after the resume');
  assert.ok(near(after.velocity.x, 1) && near(after.velocity.z, 0), 'velocity kept: ' + JSON.stringify(after.velocity));
  assert.ok(after.position.x >= before.position.x - 0.05 && near(after.position.z, before.position.z),
    'position kept (and walking on): ' + JSON.stringify(before.position) + ' -> ' + JSON.stringify(after.position));
  assert.equal(after.health, before.health);
  assert.deepEqual(events.map((event) => event.name).filter((name, i, all) => all.indexOf(name) === i), ['disconnected', 'reconnecting', 'reconnected']);
  assert.equal(events[0].code, 1006);
  await until(() => prediction.pending.length === 0, 'the predicted inputs acked after the resume');
  assert.ok(near(prediction.predicted.velocity.x, 1), 'the prediction follows the resumed player');

  const seq = client.lastSeq;
  await client.handleInput(me, { x: 0, y: 0, z: 0 });
  assert.equal(client.lastSeq, seq + 1, 'the next call\'s seq follows on');
  await until(() => client.ack === seq + 1, 'the next call acked by the resumed seat');
  const { players } = await (await fetch(roomsUrl + '/rooms/' + seat.roomId + '/api/players')).json();
  assert.equal(players.filter((player) => player.id === me).length, 1, 'one erin in the arena');

  const resumed = await client.reconnect(); // explicitly, while connected: the new connection replaces the old
  assert.ok(resumed.tick > 0 && resumed.ack === seq + 1, JSON.stringify(resumed));
  assert.ok(client.store('GameWorld').has(me));
  await client.handleInput(me, { x: 0, y: 0, z: 0 });
  await until(() => client.ack === seq + 2, 'a call on the replacing connection acked');
  await client.leave();
  assert.deepEqual(events.at(-1), { name: 'left', reason: 'CLOSED', message: 'This client left', code: null });
  let inArena = true;
  for (let i = 0; i < 300 && inArena; i++) {
    const response = await fetch(roomsUrl + '/rooms/' + seat.roomId + '/api/players');
    const body = await response.json();
    inArena = response.status === 200 ? body.players.some((player) => player.id === me) : body.error.code !== 'ROOM_NOT_FOUND';
    if (inArena) await sleep(100);
  }
  assert.ok(!inArena, 'leave() frees the seat at once, without waiting for the grace');
});

test('a seat whose grace ran out is not resumed: the client leaves with RESERVATION_EXPIRED, and its pending call rejects with it', OPTIONS, async (t) => {
  const network = await networkTo(roomsUrl);
  t.after(() => network.close());
  const login = await new ArenaApi(roomsUrl).login('fay');
  const seat = await new ArenaApi(roomsUrl, { token: login.token }).joinOrCreate('arena');
  const client = await new ArenaClient({ url: network.url, token: login.token, seat, connectTimeoutMs: 1000,
    reconnection: { graceMs: 120_000, minDelayMs: 50, maxDelayMs: 300 } }).connect();
  t.after(() => client.leave());
  const me = login.playerId;
  const errors = [];
  let left = null;
  client.on('error', (error) => errors.push(error));
  client.on('left', (event) => { left = event; });
  await until(() => client.store('GameWorld').has(me), 'fay in her arena');

  network.stall();
  const pending = client.handleInput(me, { x: 0, y: 0, z: 0 });
  pending.catch(() => {});
  network.block();
  network.drop();
  await until(() => client.state === 'reconnecting', 'the client noticing the drop');
  const gone = async () => {
    const response = await fetch(roomsUrl + '/rooms/' + seat.roomId + '/api/players');
    const body = await response.json();
    if (response.status === 404) return body.error.code === 'ROOM_NOT_FOUND'; // she was alone: the arena ended
    return response.status === 200 && !body.players.some((player) => player.id === me);
  };
  for (let i = 0; i < 600 && !(await gone()); i++) await sleep(100); // the server's grace ends: fay leaves the arena
  assert.ok(await gone(), 'the server freed the seat after its grace');
  assert.equal(client.state, 'reconnecting', 'still trying while the network is down');
  network.unblock();
  await until(() => left !== null, 'the client giving up');
  assert.equal(left.reason, 'RESERVATION_EXPIRED');
  assert.match(left.message, /join the room again/);
  assert.ok(errors.some((error) => error instanceof CaroteneError && error.code === 'RESERVATION_EXPIRED'), 'an error event says why');
  await assert.rejects(pending, (error) => error instanceof CaroteneError && error.code === 'RESERVATION_EXPIRED');
  assert.equal(client.state, 'left');
  await assert.rejects(client.handleInput(me, { x: 0, y: 0, z: 0 }), (error) => error.code === 'CLOSED');
});

test('closes the server holds the seat through resume; the others say why the client left', OPTIONS, async () => {
  const { closeOutcome } = await import(new URL('carotene-reconnect.js', pathToFileURL(process.env.CAROTENE_CLIENT)).href);
  for (const code of [1001, 1005, 1006, 1011, 1012, 1013, 1014]) assert.equal(closeOutcome({ code, reason: '' }).reason, undefined, 'resumes after ' + code);
  assert.equal(closeOutcome({ code: 1008, reason: 'Too slow: skipped 180 ticks' }).reason, undefined);
  const cases = [
    [1000, 'The room ended', 'ROOM_ENDING', 'The room ended'],
    [1000, 'Server shutting down', 'SERVER_STOPPING', 'Server shutting down'],
    [1000, 'Your seat was taken over by a new join', 'TAKEN_OVER', 'Your seat was taken over by a new join'],
    [1000, 'Cheating', 'KICKED', 'Cheating'],
    [1000, 'Left the room: KICKED', 'KICKED', 'KICKED'],
    [1008, 'RESERVATION_EXPIRED: join again', 'RESERVATION_EXPIRED', 'join again'],
    [1008, 'Token expired; reconnect with a fresh token', 'SERVER_CLOSED', 'The server closed the connection (1008: Token expired; reconnect with a fresh token)'],
    [1009, '', 'SERVER_CLOSED', 'The server closed the connection (1009)'],
  ];
  for (const [code, reason, expected, message] of cases) assert.deepEqual(closeOutcome({ code, reason }), { reason: expected, message }, code + ' ' + reason);
});
