package io.carotene.runtime.snapshot;

import java.nio.ByteBuffer;

/**
 * A client's binary snapshot (PROTOCOL.md, section 5): a delta against the tick it last
 * acknowledged when it was sent that tick within the history, else full. Copies the entries'
 * bytes the trackers captured this tick into the client's own reused buffer; encodes nothing, and
 * allocates nothing in the steady state. World thread only.
 */
final class BinaryFrameEncoder {
  /** The first byte of a binary snapshot frame. */
  static final byte FRAME_SNAPSHOT = 0x01;

  /** Type, flags, tick, ack, baseline, store count. */
  static final int HEADER_BYTES = 1 + 1 + 8 + 8 + 8 + 2;

  private final StoreTracker[] trackers;
  /** Per store: every client sees it whole (no interest, or a FULL store). */
  private final boolean[] unfiltered;

  BinaryFrameEncoder(StoreTracker[] trackers, boolean[] unfiltered) {
    this.trackers = trackers;
    this.unfiltered = unfiltered;
  }

  ByteBuffer encode(Subscriber client, long tick) {
    long baseline = client.ackedTick();
    boolean delta = baseline > 0 && baseline < tick && tick - baseline <= StoreTracker.HISTORY && client.sent(baseline);
    int bound = HEADER_BYTES;
    for (int s = 0; s < trackers.length; s++) {
      StoreTracker tracker = trackers[s];
      if (tracker.layout().mode() != StoreLayout.Mode.DELTA) {
        bound += 8 + tracker.full().size();
        continue;
      }
      if (delta && client.sharedAt(baseline, s) && tracker.liveAt(baseline) == null) {
        delta = false;
      }
      if (!unfiltered[s]) {
        tracker.visible(client.viewerIds[s], client.outbox.userId(), client.visible[s]);
      }
      int seen = unfiltered[s] ? tracker.liveCount() : client.visible[s].size();
      int before = delta ? baselineCount(client, tracker, baseline, s) : 0;
      bound += 8 + seen * tracker.layout().entitySize() + before * tracker.layout().idSize();
    }
    ByteBuffer out = client.frame(bound);
    out.put(FRAME_SNAPSHOT).put((byte) 0).putLong(tick).putLong(client.lastAppliedSeq()).putLong(delta ? baseline : 0L);
    out.putShort((short) trackers.length);
    for (int s = 0; s < trackers.length; s++) {
      StoreTracker tracker = trackers[s];
      if (tracker.layout().mode() != StoreLayout.Mode.DELTA) {
        out.putInt(0).putInt(tracker.fullCount()).put(tracker.full().array(), 0, tracker.full().size());
      } else if (delta) {
        putDelta(out, client, s, baseline);
      } else {
        putFull(out, client, s);
      }
    }
    client.record(tick, unfiltered);
    out.flip();
    return out;
  }

  private void putFull(ByteBuffer out, Subscriber client, int s) {
    StoreTracker tracker = trackers[s];
    int[] seen = unfiltered[s] ? tracker.live() : client.visible[s].array();
    int seenCount = unfiltered[s] ? tracker.liveCount() : client.visible[s].size();
    int size = tracker.layout().entitySize();
    byte[] bytes = tracker.bytes();
    out.putInt(0).putInt(seenCount);
    for (int i = 0; i < seenCount; i++) {
      out.put(bytes, seen[i] * size, size);
    }
  }

  private void putDelta(ByteBuffer out, Subscriber client, int s, long baseline) {
    StoreTracker tracker = trackers[s];
    int[] seen = unfiltered[s] ? tracker.live() : client.visible[s].array();
    int seenCount = unfiltered[s] ? tracker.liveCount() : client.visible[s].size();
    int size = tracker.layout().entitySize();
    int idSize = tracker.layout().idSize();
    byte[] bytes = tracker.bytes();
    int[] before = baselineHandles(client, tracker, baseline, s);
    int beforeCount = baselineCount(client, tracker, baseline, s);
    long inBaseline = tracker.nextStamp();
    for (int i = 0; i < beforeCount; i++) {
      tracker.markBaseline(before[i], inBaseline);
    }
    long inCurrent = tracker.nextStamp();
    for (int i = 0; i < seenCount; i++) {
      tracker.markCurrent(seen[i], inCurrent);
    }
    int countAt = out.position();
    out.putInt(0);
    int removed = 0;
    byte[] ids = tracker.ids();
    for (int i = 0; i < beforeCount; i++) {
      int h = before[i];
      if (!tracker.inCurrent(h, inCurrent)) {
        out.put(ids, h * idSize, idSize);
        removed++;
      }
    }
    out.putInt(countAt, removed);
    countAt = out.position();
    out.putInt(0);
    int written = 0;
    for (int i = 0; i < seenCount; i++) {
      int h = seen[i];
      if (!tracker.inBaseline(h, inBaseline) || tracker.lastChanged(h) > baseline) {
        out.put(bytes, h * size, size);
        written++;
      }
    }
    out.putInt(countAt, written);
  }

  private static int[] baselineHandles(Subscriber client, StoreTracker tracker, long baseline, int s) {
    IntList sent = client.sentAt(baseline, s);
    return sent != null ? sent.array() : tracker.liveAt(baseline);
  }

  private static int baselineCount(Subscriber client, StoreTracker tracker, long baseline, int s) {
    IntList sent = client.sentAt(baseline, s);
    return sent != null ? sent.size() : tracker.liveCountAt(baseline);
  }
}
