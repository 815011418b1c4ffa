package io.carotene.example.arena;

import io.carotene.test.server.SnapshotDecoder;
import java.util.List;

/**
 * Reads the {@code updated} lists of binary snapshot frames (format {@code carotene.binary.v3},
 * PROTOCOL.md section 5.2) apart from any decoder, and counts how the updates were written: how
 * many named their handle by a negative difference from the previous update's, how many repeated
 * the previous update's field mask (and left it out), and the bytes those took. Tests use it to
 * show that a stream exercised what a decoder must get right, and how compact it was.
 */
public final class UpdateLists {
  /** Updates read. */
  public long updates;
  /** Updates whose handle is below the previous update's in the same section. */
  public long negativeDifferences;
  /** Updates whose field mask repeats the previous update's (not sent). */
  public long repeatedMasks;
  /** Bytes of the updates' first varints (handle difference and same-mask bit). */
  public long handleBytes;
  /** Bytes of the masks sent. */
  public long maskBytes;
  /** What the updates' handles and masks would have taken in {@code carotene.binary.v2}: each whole. */
  public long v2HandleAndMaskBytes;

  private byte[] frame;
  private int at;

  /** Reads one frame (whole: its bytes must add up) of a stream whose schema has {@code stores}. */
  public void read(List<SnapshotDecoder.StoreSchema> stores, byte[] frame) {
    this.frame = frame;
    this.at = 2; // type and flags
    varint(); // tick
    varint(); // ack
    varint(); // since
    long storeCount = varint();
    for (int s = 0; s < storeCount; s++) {
      SnapshotDecoder.StoreSchema store = stores.get(s);
      if (!store.delta()) {
        long count = varint();
        for (long i = 0; i < count; i++) {
          at += (int) varint();
        }
        continue;
      }
      long removed = varint();
      for (long i = 0; i < removed; i++) {
        varint();
      }
      long entered = varint();
      for (long i = 0; i < entered; i++) {
        varint();
        at += store.entitySize();
      }
      long updated = varint();
      long mask = 0;
      long handle = -1;
      for (long i = 0; i < updated; i++) {
        int start = at;
        long first = varint();
        handleBytes += at - start;
        long z = first >>> 1;
        long difference = (z >>> 1) ^ -(z & 1);
        if (difference < 0) {
          negativeDifferences++;
        }
        handle += difference;
        if ((first & 1) == 1) {
          repeatedMasks++;
        } else {
          start = at;
          mask = varint();
          maskBytes += at - start;
        }
        v2HandleAndMaskBytes += varintLength(handle) + varintLength(mask);
        for (SnapshotDecoder.FieldSchema field : store.fields()) {
          if (field.bit() >= 0 && (mask & (1L << field.bit())) != 0) {
            if (field.quantized()) {
              varint();
            } else {
              at += field.size();
            }
          }
        }
        updates++;
      }
    }
    if (at != frame.length) {
      throw new IllegalArgumentException("The frame's sections end at byte " + at + " of " + frame.length);
    }
  }

  private static int varintLength(long value) {
    int length = 1;
    while ((value & ~0x7FL) != 0) {
      value >>>= 7;
      length++;
    }
    return length;
  }

  private long varint() {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = frame[at++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
  }
}
