package io.carotene.runtime.snapshot;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A client's binary snapshot (PROTOCOL.md, section 5.2): a delta against the tick it last
 * acknowledged when it was sent that tick within the history, else full. An entry is named by its
 * store handle: announced with its whole entry (id included) when it enters the client's view,
 * then sent as the fields that changed since the baseline, each update's mask and fields written
 * once per baseline by {@link SharedUpdates} and copied into every frame that needs it behind a
 * varint naming the handle by its difference from the previous update's. Allocates nothing in the
 * steady state. World thread only.
 */
final class BinaryFrameEncoder {
  /** The first byte of a binary snapshot frame. */
  static final byte FRAME_SNAPSHOT = 0x01;

  /** The most bytes of a header: type, flags, then tick, ack, baseline distance, store count as varints. */
  static final int MAX_HEADER_BYTES = 2 + 4 * Varint.MAX_BYTES;

  private final StoreTracker[] trackers;
  /** Per store: every client sees it whole (no interest, or a FULL store). */
  private final boolean[] unfiltered;
  /** Per store: this tick's delta sections shared by every unfiltered client of one baseline. */
  private final SharedSections[] sections;

  BinaryFrameEncoder(StoreTracker[] trackers, boolean[] unfiltered) {
    this.trackers = trackers;
    this.unfiltered = unfiltered;
    this.sections = new SharedSections[trackers.length];
    Arrays.setAll(sections, s -> new SharedSections());
  }

  ByteBuffer encode(Subscriber client, long tick) {
    long baseline = client.ackedTick();
    boolean delta = baseline > 0 && baseline < tick && tick - baseline <= StoreTracker.HISTORY && client.sent(baseline);
    int bound = MAX_HEADER_BYTES;
    for (int s = 0; s < trackers.length; s++) {
      StoreTracker tracker = trackers[s];
      if (tracker.layout().mode() != StoreLayout.Mode.DELTA) {
        bound += 3 * Varint.MAX_BYTES + tracker.full().size();
        continue;
      }
      if (delta && (tracker.bytesAt(baseline) == null
          || client.sharedAt(baseline, s) && tracker.liveAt(baseline) == null)) {
        delta = false;
      }
      if (!unfiltered[s]) {
        tracker.visible(client.viewerIds[s], client.outbox.userId(), client.visible[s]);
      }
      int seen = unfiltered[s] ? tracker.liveCount() : client.visible[s].size();
      int before = delta ? baselineCount(client, tracker, baseline, s) : 0;
      int perEntry = Math.max(Varint.MAX_BYTES + tracker.layout().entitySize(), tracker.updates().maxBytes());
      bound += 3 * Varint.MAX_BYTES + seen * perEntry + before * Varint.MAX_BYTES;
    }
    ByteBuffer out = client.frame(bound);
    out.put(FRAME_SNAPSHOT).put((byte) 0);
    Varint.put(out, tick);
    Varint.put(out, client.lastAppliedSeq());
    Varint.put(out, delta ? tick - baseline : 0L);
    Varint.put(out, trackers.length);
    for (int s = 0; s < trackers.length; s++) {
      StoreTracker tracker = trackers[s];
      if (tracker.layout().mode() != StoreLayout.Mode.DELTA) {
        Varint.put(out, tracker.fullCount());
        out.put(tracker.full().array(), 0, tracker.full().size());
      } else if (delta && unfiltered[s] && client.sharedAt(baseline, s)) {
        // Every client here was sent the live handles at the baseline and sees the live ones now.
        if (!sections[s].copy(tick, baseline, out)) {
          int start = out.position();
          putDelta(out, client, s, tick, baseline);
          sections[s].keep(tick, baseline, out, start);
        }
      } else if (delta) {
        putDelta(out, client, s, tick, baseline);
      } else if (unfiltered[s]) {
        // A full section of a store seen unfiltered is the same for every client of this tick.
        if (!sections[s].copy(tick, 0, out)) {
          int start = out.position();
          putFull(out, client, s);
          sections[s].keep(tick, 0, out, start);
        }
      } else {
        putFull(out, client, s);
      }
    }
    client.record(tick, unfiltered);
    out.flip();
    return out;
  }

  /** Nothing removed, every entry seen entered, nothing updated. */
  private void putFull(ByteBuffer out, Subscriber client, int s) {
    StoreTracker tracker = trackers[s];
    int[] seen = unfiltered[s] ? tracker.live() : client.visible[s].array();
    int seenCount = unfiltered[s] ? tracker.liveCount() : client.visible[s].size();
    int size = tracker.layout().entitySize();
    byte[] bytes = tracker.bytes();
    Varint.put(out, 0);
    Varint.put(out, seenCount);
    for (int i = 0; i < seenCount; i++) {
      Varint.put(out, seen[i]);
      out.put(bytes, seen[i] * size, size);
    }
    Varint.put(out, 0);
  }

  private void putDelta(ByteBuffer out, Subscriber client, int s, long tick, long baseline) {
    StoreTracker tracker = trackers[s];
    int[] seen = unfiltered[s] ? tracker.live() : client.visible[s].array();
    int seenCount = unfiltered[s] ? tracker.liveCount() : client.visible[s].size();
    int size = tracker.layout().entitySize();
    byte[] bytes = tracker.bytes();
    byte[] then = tracker.bytesAt(baseline);
    SharedUpdates updates = tracker.updates();
    int slot = updates.slot(tick, baseline);
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
    // Counts first (each a varint ahead of its list), then the lists.
    int removed = 0;
    for (int i = 0; i < beforeCount; i++) {
      if (!tracker.inCurrent(before[i], inCurrent)) {
        removed++;
      }
    }
    int entered = 0;
    int updated = 0;
    for (int i = 0; i < seenCount; i++) {
      int h = seen[i];
      if (!tracker.inBaseline(h, inBaseline)) {
        entered++;
      } else if (tracker.lastChanged(h) > baseline && updates.prepare(slot, h, bytes, then) > 0) {
        updated++;
      }
    }
    Varint.put(out, removed);
    for (int i = 0; i < beforeCount; i++) {
      if (!tracker.inCurrent(before[i], inCurrent)) {
        Varint.put(out, before[i]);
      }
    }
    Varint.put(out, entered);
    for (int i = 0; i < seenCount && entered > 0; i++) {
      int h = seen[i];
      if (!tracker.inBaseline(h, inBaseline)) {
        Varint.put(out, h);
        out.put(bytes, h * size, size);
      }
    }
    Varint.put(out, updated);
    // Each update names its handle by the difference from the previous one's, and may repeat its
    // mask: walked in handle order (the live handles are kept sorted), each handle costs a byte.
    int previous = -1;
    long previousMask = 0;
    for (int i = 0; i < seenCount && updated > 0; i++) {
      int h = seen[i];
      if (tracker.inBaseline(h, inBaseline) && tracker.lastChanged(h) > baseline
          && updates.prepare(slot, h, bytes, then) > 0) {
        previousMask = updates.put(out, slot, h, previous, previousMask);
        previous = h;
      }
    }
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
