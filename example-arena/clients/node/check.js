// A Node.js client written from PROTOCOL.md alone: plays the Arena and checks every rule it states.
// The Arena hosts arenas as rooms (section 10): log in, join or create an arena, redeem the seat on
// the WebSocket, play, drop and reconnect, leave.
// Usage: npm install && PORT=8080 node check.js
const WebSocket = require('ws');
const PORT = process.env.PORT;
const base = `http://localhost:${PORT}`;
const results = [];
const check = (name, ok, detail) => { results.push([name, ok]); console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ' — ' + detail : ''}`); };

async function login(name) {
  const r = await fetch(`${base}/api/login`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({name})});
  return {status: r.status, body: await r.json()};
}

async function joinOrCreate(token) {
  const r = await fetch(`${base}/matchmake/joinOrCreate`, {method: 'POST',
    headers: {'Content-Type': 'application/json', Authorization: 'Bearer ' + token}, body: JSON.stringify({type: 'arena'})});
  return {status: r.status, body: await r.json()};
}

function open(url, headers) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, {headers});
    const client = {ws, replies: new Map(), waiters: [], snapshots: [], closed: null};
    ws.on('unexpected-response', (req, res) => resolve({refused: res.statusCode}));
    ws.on('open', () => resolve(client));
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'snapshot') client.snapshots.push(frame);
      else if ('re' in frame) client.replies.set(frame.re, frame);
      client.waiters = client.waiters.filter((w) => !w());
    });
    ws.on('close', (code, reason) => { client.closed = {code, reason: reason.toString()}; client.waiters = client.waiters.filter((w) => !w()); });
    ws.on('error', () => {});
  });
}
const until = (client, pred, ms = 5000) => new Promise((resolve, reject) => {
  const t = setTimeout(() => reject(new Error('timeout')), ms);
  const w = () => { const v = pred(); if (v) { clearTimeout(t); resolve(v); return true; } return false; };
  if (!w()) client.waiters.push(w);
});
const me = (snap, id) => snap.GameWorld.find((p) => p.id === id);

(async () => {
  const alice = await login('alice');
  check('login returns token and playerId', alice.status === 200 && alice.body.token && alice.body.playerId);
  const bob = await login('bob');
  const seat = await joinOrCreate(alice.body.token);
  check('joinOrCreate gives a reservation', seat.status === 200 && seat.body.type === 'arena' && seat.body.roomId
    && seat.body.reservation && seat.body.reconnectionToken && seat.body.expiresInMillis > 0, JSON.stringify(seat.body));
  const bobSeat = await joinOrCreate(bob.body.token);
  check('the second player joins the same arena', bobSeat.body.roomId === seat.body.roomId);
  const unauthorized = await fetch(`${base}/matchmake/joinOrCreate`, {method: 'POST', body: '{"type":"arena"}'});
  check('matchmaking without token 401 UNAUTHORIZED', unauthorized.status === 401 && (await unauthorized.json()).error.code === 'UNAUTHORIZED');

  const noToken = await open(`ws://localhost:${PORT}/ws?reservation=${seat.body.reservation}`);
  check('handshake without token refused 401', noToken.refused === 401, `got ${noToken.refused}`);
  const badToken = await open(`ws://localhost:${PORT}/ws?reservation=${seat.body.reservation}`, {Authorization: 'Bearer ' + alice.body.token.slice(0, -3) + 'abc'});
  check('handshake with bad signature refused 401', badToken.refused === 401, `got ${badToken.refused}`);

  const noSeat = await open(`ws://localhost:${PORT}/ws`, {Authorization: 'Bearer ' + alice.body.token});
  check('handshake without a reservation refused 400', noSeat.refused === 400, `got ${noSeat.refused}`);
  const c = await open(`ws://localhost:${PORT}/ws?reservation=${seat.body.reservation}`, {Authorization: 'Bearer ' + alice.body.token});
  check('handshake with Bearer header and reservation accepted', !!c.ws);
  const first = await until(c, () => c.snapshots.find((s) => me(s, alice.body.playerId)));
  check('snapshot has tick, ack 0, GameWorld', typeof first.tick === 'number' && first.ack === 0 && Array.isArray(first.GameWorld));
  const startX = me(first, alice.body.playerId).position.x;

  let seq = 0;
  const call = (op, args) => { const s = ++seq; c.ws.send(JSON.stringify({op, seq: s, args})); return until(c, () => c.replies.get(s)); };
  const r1 = await call('HandleInput', {playerId: alice.body.playerId, inputVector: {x: 3, y: 0, z: 0}});
  check('legal move ok', r1.re === 1 && r1.ok === true, JSON.stringify(r1));
  const moved = await until(c, () => c.snapshots.find((s) => s.ack >= 1 && me(s, alice.body.playerId).position.x > startX + 0.1));
  check('snapshot shows the move with ack 1', moved.ack === 1 && me(moved, alice.body.playerId).velocity.x === 3, `x ${startX} -> ${me(moved, alice.body.playerId).position.x}`);

  const r2 = await call('HandleInput', {playerId: alice.body.playerId, inputVector: {x: 30, y: 0, z: 0}});
  check('speed hack REJECTED', r2.error && r2.error.code === 'REJECTED' && r2.error.message === 'Speed hack detected', JSON.stringify(r2));
  const r3 = await call('HandleInput', {playerId: bob.body.playerId, inputVector: {x: 1, y: 0, z: 0}});
  check("another player's id FORBIDDEN", r3.error && r3.error.code === 'FORBIDDEN', JSON.stringify(r3));
  const r4 = await call('Fly', {});
  check('unknown op BAD_REQUEST', r4.error && r4.error.code === 'BAD_REQUEST', JSON.stringify(r4));
  const r5 = await call('HandleInput', {playerId: alice.body.playerId, inputVector: {x: 'fast', y: 0, z: 0}});
  check('mistyped arg BAD_REQUEST', r5.error && r5.error.code === 'BAD_REQUEST', JSON.stringify(r5));
  c.replies.delete(null);
  c.ws.send('{oops');
  const r6 = await until(c, () => c.replies.get(null));
  check('malformed JSON BAD_REQUEST re null', r6.error.code === 'BAD_REQUEST', JSON.stringify(r6));
  const later = await until(c, () => c.snapshots.find((s) => s.ack === 3 && s.tick > moved.tick + 5));
  check('world still ticking, ack = last seq the world ran (3: BAD_REQUESTs do not move it)', !!later, `tick ${later.tick} ack ${later.ack}`);
  check('velocity unchanged after rejected hack', me(later, alice.body.playerId).velocity.x === 3);

  const q = await open(`ws://localhost:${PORT}/ws?reservation=${bobSeat.body.reservation}&access_token=${bob.body.token}`);
  check('access_token query accepted', !!q.ws);
  q.ws.send('x'.repeat(70000));
  await until(q, () => q.closed);
  check('oversized frame closes 1009', q.closed.code === 1009, JSON.stringify(q.closed));

  const rooms = await (await fetch(`${base}/rooms?type=arena`, {headers: {Authorization: 'Bearer ' + alice.body.token}})).json();
  const arena = rooms.rooms.find((r) => r.id === seat.body.roomId);
  check('GET /rooms lists the arena', !!arena && arena.type === 'arena' && arena.maxClients >= 16, JSON.stringify(rooms));
  const health = await fetch(`${base}/health`);
  check('GET /health 200', health.status === 200);

  // Drop without a close frame, then reconnect within the grace: same player, full snapshot, ack goes on.
  const before = me(c.snapshots[c.snapshots.length - 1], alice.body.playerId);
  c.ws.terminate();
  await new Promise((r) => setTimeout(r, 300));
  const back = await open(`ws://localhost:${PORT}/ws?reconnect=${seat.body.reconnectionToken}`, {Authorization: 'Bearer ' + alice.body.token});
  check('reconnect within the grace accepted', !!back.ws, `got ${back.refused}`);
  const resumed = await until(back, () => back.snapshots.find((s) => me(s, alice.body.playerId)));
  check('resumed: same player, velocity kept, ack continues (3)', resumed.ack === 3
    && me(resumed, alice.body.playerId).velocity.x === before.velocity.x, JSON.stringify(me(resumed, alice.body.playerId)));
  const stolen = await open(`ws://localhost:${PORT}/ws?reconnect=${seat.body.reconnectionToken}`, {Authorization: 'Bearer ' + bob.body.token});
  check("another user's reconnection token refused 410", stolen.refused === 410, `got ${stolen.refused}`);
  const r7 = await new Promise((resolve) => {
    back.ws.send(JSON.stringify({op: 'HandleInput', seq: 4, args: {playerId: alice.body.playerId, inputVector: {x: 0, y: 0, z: 1}}}));
    until(back, () => back.replies.get(4)).then(resolve);
  });
  check('calls go on with seq 4 after the reconnect', r7.ok === true, JSON.stringify(r7));

  const carol = await login('carol');
  const carolSeat = await joinOrCreate(carol.body.token);
  await checkBinary(back, `reservation=${carolSeat.body.reservation}&access_token=${carol.body.token}`);
  back.ws.close(1000);
  const failed = results.filter(([, ok]) => !ok).length;
  console.log(`${results.length - failed}/${results.length} passed`);
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.error('ERROR', e); process.exit(1); });

// Binary snapshots (PROTOCOL.md 5.2), decoded by binary.js and acked: at every tick both
// connections received, the same players as JSON, quantized fields within half their precision.
async function checkBinary(json, seatQuery) {
  const {SnapshotDecoder, ackFrame} = require('./binary.js');
  const b = await new Promise((resolve) => {
    const ws = new WebSocket(`ws://localhost:${PORT}/ws?format=binary&${seatQuery}`);
    const client = {ws, decoder: null, states: new Map(), deltas: 0, error: null, waiters: []};
    ws.on('message', (data, isBinary) => {
      try {
        if (!isBinary) {
          const frame = JSON.parse(data.toString());
          if (frame.type === 'schema') { client.decoder = new SnapshotDecoder(frame); resolve(client); }
          return;
        }
        const tick = client.decoder.apply(new Uint8Array(data));
        if (client.decoder.last.baseline !== 0) client.deltas++;
        client.states.set(tick, client.decoder.entities('GameWorld'));
        ws.send(ackFrame(tick));
      } catch (e) { client.error = e; }
      client.waiters = client.waiters.filter((w) => !w());
    });
  });
  await until(b, () => b.error || b.deltas >= 20, 10000);
  b.ws.close(1000);
  check('binary snapshots decode (schema carotene.binary.v3, deltas applied and acked)', !b.error && b.deltas >= 20, b.error && String(b.error));
  const fields = b.decoder.schema.stores[0].fields;
  let compared = 0, wrong = null;
  for (const snapshot of json.snapshots) {
    const decoded = b.states.get(snapshot.tick);
    if (!decoded) continue;
    compared++;
    if (decoded.size !== snapshot.GameWorld.length) wrong = `tick ${snapshot.tick}: ${decoded.size} players, JSON ${snapshot.GameWorld.length}`;
    for (const player of snapshot.GameWorld) {
      const got = decoded.get(player.id);
      for (const field of fields) {
        const want = field.name.split('.').reduce((v, k) => v[k], player);
        const same = !got ? false : field.type.startsWith('uq')
          ? Math.abs(got[field.name] - want) <= field.precision / 2 + 1e-9 : got[field.name] === want;
        if (!same) wrong = `tick ${snapshot.tick}: ${player.id} ${field.name} ${got && got[field.name]} vs JSON ${want}`;
      }
    }
  }
  check('binary and JSON snapshots of the same tick hold the same players', compared > 0 && !wrong, wrong || `${compared} ticks compared`);
}
