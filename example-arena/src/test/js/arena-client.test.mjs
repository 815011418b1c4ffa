// The generated Arena client (target/classes/public/carotene/arena.js) against a real running
// Arena, driven by GeneratedClientTest, which passes:
//   CAROTENE_URL        the server's http address
//   CAROTENE_CLIENT     the generated module's path
//   CAROTENE_TOKEN      a token of the player the test plays ("alice", at the origin)
//   CAROTENE_IDS        JSON: the ids of alice and of the players the Java side moves around her
//   CAROTENE_ROOMS_URL  a second Arena, hosting arenas as rooms as the shipped ArenaMain does, with a
//                       reconnection grace of 4 s, and persistent rooms of type "hall"
// and, after this file prints RECORDING, removes "goner", adds "joiner", and sets "leaver" walking
// out of view and "comer" into it; for a line `ASK {"kick":…}` or `ASK {"end":…}` it kicks a player
// from a room of the second server, or ends the room, as the game's code would. Every assertion
// is on states, never on time; the deadlines only keep a broken run from hanging.
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

/** Asks GeneratedClientTest to do what only the game's code can: `{ kick, roomId, reason }` or `{ end: roomId }`. */
const ask = (request) => console.log('ASK ' + JSON.stringify(request));

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
 * does), `stall()` stops passing what the client sends on the current connections, `block()`
 * refuses new ones until `unblock()`, and `connections` counts those it let through.
 */
async function networkTo(target) {
  const net = await import('node:net');
  const { hostname, port } = new URL(target);
  const links = new Set();
  let blocked = false;
  let connections = 0;
  const server = net.createServer((inbound) => {
    if (blocked) { inbound.destroy(); return; }
    connections++;
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
    /** How many connections the client opened through it (refused ones not counted). */
    get connections() { return connections; },
    stall() { for (const link of links) link.stalled = true; },
    drop() { for (const link of [...links]) { link.inbound.destroy(); link.outbound.destroy(); } },
    block() { blocked = true; },
    unblock() { blocked = false; },
    close() { this.drop(); server.close(); },
  };
}

const near = (a, b, tolerance = 0.05) => Math.abs(a - b) <= tolerance;

test('on a server of arenas, a dropped connection resumes by itself: same player, position and velocity kept, seq and acks go on, calls made meanwhile go after', OPTIONS, async (t) => {
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
  const queued = prediction.input(walk, 0.016, (input) => client.handleInput(me, input));
  assert.equal(client.lastSeq, 3, 'a call made while reconnecting waits with the next seq');
  assert.deepEqual(prediction.pending.map((input) => input.seq), [2, 3], 'and is predicted like any input');
  await until(() => client.state === 'connected', 'the seat resumed');

  assert.equal(await unsent, undefined, 'the call the server never ran was sent again on the new connection, and ran');
  assert.equal(await queued, undefined, 'the call made while reconnecting was sent after it, and ran');
  await until(() => client.ack >= 3, 'both acked');
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

test('a seat whose grace ran out is not resumed: the client leaves with RESERVATION_EXPIRED, and its pending and waiting calls reject with it', OPTIONS, async (t) => {
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
  const waiting = client.handleInput(me, { x: 0, y: 0, z: 0 });
  waiting.catch(() => {});
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
  await assert.rejects(waiting, (error) => error instanceof CaroteneError && error.code === 'RESERVATION_EXPIRED',
    'a call that waited for the resumption rejects with why it never came');
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

/** A player logged in on the rooms server, with the routes as that player. */
async function player(name) {
  const login = await new ArenaApi(roomsUrl).login(name);
  return { ...login, api: new ArenaApi(roomsUrl, { token: login.token }) };
}

test('the seat tells the client its room type\'s reconnection grace, which bounds its attempts; an option overrides it', OPTIONS, async (t) => {
  const network = await networkTo(roomsUrl);
  t.after(() => network.close());
  const gus = await player('gus');
  const seat = await gus.api.joinOrCreate('arena');
  assert.equal(seat.reconnectGraceMillis, 4000, 'this server\'s arenas keep a dropped seat for 4 s');
  assert.equal(new ArenaClient({ url: roomsUrl, token: gus.token, seat, reconnection: { graceMs: 9000 } }).reconnection.graceMs, 9000);
  assert.equal(new ArenaClient({ url: roomsUrl, token: gus.token }).reconnection.graceMs, 20_000, 'no seat: the server\'s default');
  const client = await new ArenaClient({ url: network.url, token: gus.token, seat, connectTimeoutMs: 1000 }).connect();
  t.after(() => client.leave());
  assert.equal(client.reconnection.graceMs, 4000);
  let left = null;
  client.on('left', (event) => { left = event; });
  await until(() => client.store('GameWorld').has(gus.playerId), 'gus in his arena');
  network.block();
  network.drop();
  await until(() => left !== null, 'the client giving up on a network that stays down');
  assert.equal(left.reason, 'UNREACHABLE');
  assert.match(left.message, /within 4000 ms/, 'it tried for the seat\'s grace, not the 20 s default');
});

test('calls made while reconnecting wait in a bounded queue, then go out in order once the seat is back', OPTIONS, async (t) => {
  const network = await networkTo(roomsUrl);
  t.after(() => network.close());
  const hal = await player('hal');
  const seat = await hal.api.joinOrCreate('arena');
  const client = await new ArenaClient({ url: network.url, token: hal.token, seat, connectTimeoutMs: 1000,
    reconnection: { maxQueuedCalls: 2, minDelayMs: 50, maxDelayMs: 200 } }).connect();
  t.after(() => client.leave());
  const me = hal.playerId;
  await until(() => client.store('GameWorld').has(me), 'hal in his arena');
  network.block();
  network.drop();
  await until(() => client.state === 'reconnecting', 'the client noticing the drop');
  const first = client.handleInput(me, { x: 1, y: 0, z: 0 });
  const second = client.handleInput(me, { x: 0, y: 0, z: 1 });
  await assert.rejects(client.handleInput(me, { x: 1, y: 0, z: 1 }),
    (error) => error instanceof CaroteneError && error.code === 'DISCONNECTED' && /2 calls already wait/.test(error.message));
  assert.equal(client.lastSeq, 2, 'the refused call took no seq');
  network.unblock();
  assert.equal(await first, undefined);
  assert.equal(await second, undefined);
  await until(() => client.ack === 2, 'both acked by the resumed seat');
  await until(() => near(client.store('GameWorld').get(me).velocity.z, 1), 'the velocity the second call set');
  assert.ok(near(client.store('GameWorld').get(me).velocity.x, 0), 'the second call ran after the first');
});

test('on a server of rooms, create makes a room, joinById seats another player in it, rooms lists it, and a persistent type\'s room is named by roomId', OPTIONS, async (t) => {
  const ann = await player('ann');
  const bo = await player('bo');
  const cy = await player('cy');
  const mine = await ann.api.create('arena');
  assert.equal(mine.type, 'arena');
  const joined = await bo.api.joinById(mine.roomId);
  assert.equal(joined.roomId, mine.roomId, 'bo has a seat in ann\'s arena');
  const annClient = await new ArenaClient({ url: roomsUrl, token: ann.token, seat: mine }).connect();
  const boClient = await new ArenaClient({ url: roomsUrl, token: bo.token, seat: joined }).connect();
  t.after(() => Promise.all([annClient.leave(), boClient.leave()]));
  await until(() => annClient.store('GameWorld').has(bo.playerId), 'ann seeing bo: the same arena');
  const listed = await ann.api.rooms('arena');
  assert.deepEqual(listed.rooms.filter((room) => room.id === mine.roomId).map((room) => [room.type, room.clients, room.persistent]),
    [['arena', 2, false]]);
  const another = await cy.api.create('arena');
  assert.notEqual(another.roomId, mine.roomId, 'create always makes a new room');

  const hall = await ann.api.create('hall', {}, 'guild-7');
  assert.deepEqual([hall.roomId, hall.type], ['guild-7', 'hall']);
  await assert.rejects(bo.api.create('hall', {}, 'guild-7'), (error) => error instanceof CaroteneError && error.code === 'ROOM_EXISTS');
  assert.equal((await bo.api.joinOrCreate('hall', {}, undefined, 'guild-7')).roomId, 'guild-7');
  assert.equal((await cy.api.joinById('guild-7')).roomId, 'guild-7');
  assert.ok((await cy.api.rooms('hall')).rooms.some((room) => room.id === 'guild-7' && room.persistent));
  await assert.rejects(ann.api.create('arena', {}, 'named'), (error) => error.code === 'BAD_REQUEST', 'a type that is not persistent has no names');
  await assert.rejects(ann.api.joinById('no-such-room'), (error) => error.code === 'ROOM_NOT_FOUND');
});

test('a kicked client leaves with KICKED and the game\'s reason, its waiting call rejects with it, and it does not reconnect', OPTIONS, async (t) => {
  const network = await networkTo(roomsUrl);
  t.after(() => network.close());
  const kim = await player('kim');
  const seat = await kim.api.create('arena');
  const client = await new ArenaClient({ url: network.url, token: kim.token, seat }).connect();
  const events = [];
  for (const name of ['disconnected', 'reconnecting', 'left']) client.on(name, (event) => events.push({ name, ...event }));
  await until(() => client.store('GameWorld').has(kim.playerId), 'kim in her arena');
  network.stall(); // this call stays on its way...
  const pending = client.handleInput(kim.playerId, { x: 1, y: 0, z: 0 });
  pending.catch(() => {});
  ask({ kick: kim.playerId, roomId: seat.roomId, reason: 'Cheating' }); // ...while the game kicks her
  await until(() => client.state === 'left', 'the kick');
  assert.deepEqual(events, [{ name: 'left', reason: 'KICKED', message: 'Cheating', code: 1000 }]);
  await assert.rejects(pending, (error) => error instanceof CaroteneError && error.code === 'KICKED' && error.message === 'Cheating');
  await assert.rejects(client.handleInput(kim.playerId, { x: 0, y: 0, z: 0 }), (error) => error.code === 'CLOSED');
  await sleep(1000); // longer than the first reconnection attempt's delay
  assert.equal(network.connections, 1, 'no reconnection attempt');
  assert.equal(events.length, 1);
});

test('a room that ends ends each of its clients with ROOM_ENDING; none reconnects', OPTIONS, async (t) => {
  const network = await networkTo(roomsUrl);
  t.after(() => network.close());
  const lee = await player('lee');
  const max = await player('max');
  const seat = await lee.api.create('arena');
  const clients = [
    await new ArenaClient({ url: network.url, token: lee.token, seat }).connect(),
    await new ArenaClient({ url: network.url, token: max.token, seat: await max.api.joinById(seat.roomId) }).connect(),
  ];
  const events = clients.map((client) => {
    const seen = [];
    for (const name of ['disconnected', 'reconnecting', 'left']) client.on(name, (event) => seen.push({ name, ...event }));
    return seen;
  });
  await until(() => clients.every((client) => client.store('GameWorld').size === 2), 'lee and max in the arena');
  ask({ end: seat.roomId });
  await until(() => clients.every((client) => client.state === 'left'), 'the room ending');
  for (const seen of events) assert.deepEqual(seen, [{ name: 'left', reason: 'ROOM_ENDING', message: 'The room ended', code: 1000 }]);
  await sleep(1000);
  assert.equal(network.connections, 2, 'no reconnection attempt');
  const response = await fetch(roomsUrl + '/rooms/' + seat.roomId + '/api/players');
  assert.equal((await response.json()).error.code, 'ROOM_NOT_FOUND');
});
