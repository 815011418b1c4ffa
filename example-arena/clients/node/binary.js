// Binary snapshots (format carotene.binary.v3), decoded from PROTOCOL.md section 5.2 alone: the
// schema frame, varints, handles (each update's as a difference from the previous update's), field
// masks (repeated ones omitted) and zig-zag differences. No dependency.
'use strict';

class Reader {
  constructor(bytes) { this.bytes = bytes; this.at = 0; }
  byte() {
    if (this.at >= this.bytes.length) throw new Error('frame ends early at byte ' + this.at);
    return this.bytes[this.at++];
  }
  // An unsigned LEB128 varint, as a BigInt (a field mask may use 64 bits).
  varint() {
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const b = this.byte();
      value |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return value;
    }
    throw new Error('a varint longer than 10 bytes');
  }
  number() { return Number(this.varint()); }
  take(n) {
    if (this.at + n > this.bytes.length) throw new Error('frame ends early');
    const out = this.bytes.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }
}

const zigZagDecode = (z) => (z >> 1n) ^ -(z & 1n);

function readUnsigned(bytes, at, size) {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i]);
  return v;
}

function writeUnsigned(bytes, at, size, value) {
  for (let i = 0; i < size; i++) { bytes[at + i] = Number(value & 0xffn); value >>= 8n; }
}

function readField(field, bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = field.offset;
  switch (field.type) {
    case 'bool': return view.getUint8(at) !== 0;
    case 'i8': case 'enum8': return view.getInt8(at);
    case 'i16': return view.getInt16(at, true);
    case 'u16': return view.getUint16(at, true);
    case 'i32': case 'enum32': return view.getInt32(at, true);
    case 'i64': return view.getBigInt64(at, true);
    case 'f32': return view.getFloat32(at, true);
    case 'f64': return view.getFloat64(at, true);
    case 'uq8': case 'uq16': case 'uq32': return field.min + Number(readUnsigned(bytes, at, field.size)) * field.precision;
    case 'uuid': {
      const hex = (v) => v.toString(16).padStart(16, '0');
      const s = hex(view.getBigUint64(at, true)) + hex(view.getBigUint64(at + 8, true));
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    }
    default: throw new Error('unknown field type ' + field.type);
  }
}

/** Applies binary snapshots as PROTOCOL.md 5.2 says, keeping each tick's state for `history` ticks. */
class SnapshotDecoder {
  constructor(schema) {
    if (schema.type !== 'schema' || schema.format !== 'carotene.binary.v3') throw new Error('not a carotene.binary.v3 schema');
    this.schema = schema;
    this.states = new Map(); // tick -> [per store: Map handle -> bytes]
    this.current = null;
    this.last = null;
  }

  /** Applies one frame (a Uint8Array); returns its tick, or throws when its baseline is not held. */
  apply(frame) {
    const r = new Reader(frame);
    if (r.byte() !== 0x01) throw new Error('not a snapshot frame');
    r.byte(); // flags
    const tick = r.number();
    const ack = r.number();
    const since = r.number();
    const baseline = since === 0 ? 0 : tick - since;
    const storeCount = r.number();
    if (storeCount !== this.schema.stores.length) throw new Error('store count ' + storeCount);
    const base = baseline === 0 ? null : this.states.get(baseline);
    if (baseline !== 0 && !base) throw new Error('a delta against tick ' + baseline + ', not held: ack 0');
    const next = [];
    let entered = 0, updated = 0, removed = 0;
    for (let s = 0; s < storeCount; s++) {
      const store = this.schema.stores[s];
      const entries = new Map(base && store.mode === 'delta' ? base[s] : []);
      if (store.mode !== 'delta') {
        const count = r.number();
        for (let i = 0; i < count; i++) entries.set(i, r.take(r.number()));
        next.push(entries);
        continue;
      }
      const bits = store.fields.filter((f) => f.bit !== undefined).sort((a, b) => a.bit - b.bit);
      const gone = r.number();
      for (let i = 0; i < gone; i++) entries.delete(r.number());
      const came = r.number();
      for (let i = 0; i < came; i++) { const h = r.number(); entries.set(h, r.take(store.entitySize)); }
      const changed = r.number();
      let h = -1;
      let mask = 0n;
      for (let i = 0; i < changed; i++) {
        // zigZag(handle - previous handle) << 1 | sameMask; the mask follows unless it repeats.
        const first = r.varint();
        h += Number(zigZagDecode(first >> 1n));
        if ((first & 1n) === 0n) mask = r.varint();
        else if (i === 0) throw new Error('the first update repeats a mask');
        const before = entries.get(h);
        if (!before) throw new Error('an update of handle ' + h + ', which names no entry');
        const after = before.slice();
        for (const field of bits) {
          if ((mask & (1n << BigInt(field.bit))) === 0n) continue;
          if (field.type.startsWith('uq')) {
            writeUnsigned(after, field.offset, field.size, readUnsigned(before, field.offset, field.size) + zigZagDecode(r.varint()));
          } else {
            after.set(r.take(field.size), field.offset);
          }
        }
        entries.set(h, after);
      }
      removed += gone; entered += came; updated += changed;
      next.push(entries);
    }
    if (r.at !== frame.length) throw new Error((frame.length - r.at) + ' bytes left over');
    this.states.set(tick, next);
    for (const old of this.states.keys()) if (old < tick - this.schema.history) this.states.delete(old);
    this.current = next;
    this.last = { tick, ack, baseline, removed, entered, updated };
    return tick;
  }

  /** The entries of `store` as of the last frame, decoded field by field (dotted names), by id. */
  entities(store) {
    const s = this.schema.stores.findIndex((x) => x.name === store);
    const out = new Map();
    for (const bytes of this.current ? this.current[s].values() : []) {
      const entry = {};
      for (const field of this.schema.stores[s].fields) entry[field.name] = readField(field, bytes);
      out.set(String(entry.id), entry);
    }
    return out;
  }
}

/** The 9-byte ack frame: 0x02, then the tick as a little-endian i64. */
function ackFrame(tick) {
  const frame = Buffer.alloc(9);
  frame.writeUInt8(0x02, 0);
  frame.writeBigInt64LE(BigInt(tick), 1);
  return frame;
}

module.exports = { SnapshotDecoder, ackFrame };
