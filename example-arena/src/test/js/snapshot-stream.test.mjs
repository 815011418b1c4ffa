// The generated Arena client (target/classes/public/carotene/arena.js) decoding a recorded stream
// of binary snapshots, driven by RecordedSnapshotStreamTest, which passes:
//   CAROTENE_CLIENT  the generated module's path
//   CAROTENE_STREAM  the recording (target/snapshot-stream/arena.json): the schema frame; every
//                    binary snapshot a watcher got, with whether it kept it (`delivered`: a dropped
//                    one never reaches this client); the server's truth for each tick (the JSON
//                    snapshot of the same player's second connection); the players' ids; how many
//                    calls the watcher made.
// The client reads the frames from a socket that replays them: the same code path as a live
// connection (schema, header, baseline, store sections, history, acks, events).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const { ArenaClient } = await import(pathToFileURL(process.env.CAROTENE_CLIENT).href);
const recording = JSON.parse(readFileSync(process.env.CAROTENE_STREAM, 'utf8'));
const STORE = 'GameWorld';

/** A WebSocket that plays the recording instead of a network: the schema at once, then each frame on `deliver`. */
class RecordedSocket {
  static last = null;

  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    RecordedSocket.last = this;
    setTimeout(() => {
      this.readyState = 1;
      this.onopen();
      this.onmessage({ data: JSON.stringify(recording.schema) });
    });
  }

  deliver(frame) {
    const bytes = Buffer.from(frame.bytes, 'base64');
    this.onmessage({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  }

  /** The ticks the client acknowledged, in order (binary ack frames: 0x02, then an i64). */
  acks() {
    return this.sent.filter((data) => typeof data !== 'string').map((data) => {
      const view = new DataView(data);
      assert.equal(view.byteLength, 9, 'an ack frame is 9 bytes');
      assert.equal(view.getUint8(0), 0x02, 'an ack frame starts with 0x02');
      return Number(view.getBigInt64(1, true));
    });
  }

  send(data) {
    this.sent.push(data);
  }

  close(code = 1000) {
    this.readyState = 3;
    setTimeout(() => this.onclose({ code, reason: '' }));
  }
}

const connect = async () => {
  const client = await new ArenaClient({ url: 'http://recording.invalid', token: 'recorded', WebSocket: RecordedSocket }).connect();
  return { client, socket: RecordedSocket.last };
};

const at = (value, path) => path.reduce((inner, key) => inner[key], value);

/** Whether `actual` (decoded) is what the server sent (`expected`, from JSON), as the field's wire type allows. */
function same(field, expected, actual) {
  const float = Math.fround(expected); // the server's float, exactly
  if (field.precision) {
    const clamped = Math.min(field.max, Math.max(field.min, float));
    return Math.abs(actual - clamped) <= field.precision / 2;
  }
  if (field.type === 'f32') return actual === float;
  return actual === expected;
}

const delivered = recording.frames.filter((frame) => frame.delivered);

test('decoding the recorded stream gives what the server sent at every tick, across joins, leaves, view changes and dropped snapshots', async (t) => {
  const { client, socket } = await connect();
  t.after(() => client.close());
  const fields = recording.schema.stores.find((store) => store.name === STORE).fields;
  const inView = new Set();
  const enters = new Map();
  const leaves = new Map();
  client.on('enter', (store, player) => {
    assert.ok(!inView.has(player.id), player.id + ' entered twice');
    inView.add(player.id);
    enters.set(player.id, (enters.get(player.id) ?? 0) + 1);
  });
  client.on('leave', (store, player) => {
    assert.ok(inView.delete(player.id), player.id + ' left without entering');
    leaves.set(player.id, (leaves.get(player.id) ?? 0) + 1);
  });
  let compared = 0;
  let ack = 0;
  for (const frame of delivered) {
    socket.deliver(frame);
    assert.equal(client.tick, frame.tick, 'the frame of tick ' + frame.tick + ' was applied');
    assert.equal(socket.acks().at(-1), frame.tick, 'and acknowledged');
    assert.ok(client.ack >= ack && client.ack <= recording.calls, 'ack ' + client.ack + ' at ' + frame.tick);
    ack = client.ack;
    const held = client.store(STORE);
    assert.deepEqual([...held.keys()].sort(), [...inView].sort(), 'the events add up to the store at ' + frame.tick);
    const sent = recording.truth[frame.tick];
    if (!sent) continue; // the truth connection was skipped at that tick
    compared++;
    const expected = new Map(sent[STORE].map((player) => [player.id, player]));
    assert.deepEqual([...held.keys()].sort(), [...expected.keys()].sort(), 'the players in view at tick ' + frame.tick);
    for (const [id, player] of expected) {
      for (const field of fields) {
        const path = field.name.split('.');
        const actual = at(held.get(id), path);
        assert.ok(same(field, at(player, path), actual),
          `${field.name} of ${id} at tick ${frame.tick}: decoded ${actual}, the server sent ${at(player, path)}`);
      }
    }
  }
  assert.equal(client.ack, recording.calls, 'the last snapshots ack every call the watcher made');
  assert.ok(compared > 50, 'compared ' + compared + ' ticks');
  const { ids } = recording;
  assert.ok(leaves.get(ids.bob) >= 1 && !inView.has(ids.bob), 'bob left');
  assert.ok(enters.get(ids.dave) >= 1 && enters.get(ids.erin) >= 1, 'dave and erin entered');
  assert.ok(enters.get(ids.carol) >= 2 && leaves.get(ids.carol) >= 1, 'carol left the view and came back');
  assert.deepEqual(socket.acks(), delivered.map((frame) => frame.tick), 'every applied frame acknowledged, no other');
});

test('a delta whose baseline the client does not hold is ignored and answered with ack 0', async (t) => {
  const { client, socket } = await connect();
  t.after(() => client.close());
  const delta = delivered.find((frame) => frame.since !== 0);
  socket.deliver(delta);
  assert.equal(client.tick, 0, 'not applied');
  assert.equal(client.store(STORE).size, 0);
  assert.deepEqual(socket.acks(), [0], 'a full snapshot asked for');
  const full = delivered.find((frame) => frame.since === 0);
  socket.deliver(full);
  assert.equal(client.tick, full.tick, 'a full snapshot needs no baseline');
  assert.ok(client.store(STORE).size > 0);
});

test('a frame the game filters out is neither applied nor acknowledged', async (t) => {
  const skipped = delivered[0].tick;
  const client = await new ArenaClient({ url: 'http://recording.invalid', token: 'recorded', WebSocket: RecordedSocket,
    filterFrame: (tick) => tick !== skipped }).connect();
  const socket = RecordedSocket.last;
  t.after(() => client.close());
  socket.deliver(delivered[0]);
  assert.equal(client.tick, 0);
  assert.deepEqual(socket.acks(), []);
});

test('a malformed frame (cut short, or with bytes left over) is ignored and answered with ack 0', async (t) => {
  const { client, socket } = await connect();
  t.after(() => client.close());
  const full = delivered.find((frame) => frame.since === 0);
  const bytes = Buffer.from(full.bytes, 'base64');
  for (const malformed of [bytes.subarray(0, bytes.length - 1), Buffer.concat([bytes, Buffer.from([0])])]) {
    socket.deliver({ bytes: malformed.toString('base64') });
  }
  assert.equal(client.tick, 0, 'neither applied');
  assert.deepEqual(socket.acks(), [0, 0]);
  socket.deliver(full);
  assert.equal(client.tick, full.tick, 'the frame whole is');
});
