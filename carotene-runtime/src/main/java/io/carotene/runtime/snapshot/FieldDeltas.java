package io.carotene.runtime.snapshot;

import io.carotene.runtime.internal.WireField;
import java.util.List;

/**
 * How an entry's update is written against the client's baseline (PROTOCOL.md, section 5.2): a
 * varint bit mask of the fields that changed, bit i for the i-th field of the schema that is not
 * the id, then each changed field in that order: a quantized one as the zig-zag varint of its step
 * count's difference, any other as its new bytes. Allocates nothing.
 */
final class FieldDeltas {
  /** A mask is at most 64 bits: a model with more fields besides its id is sent whole. */
  static final int MAX_FIELDS = 64;

  private final int[] offset;
  private final int[] size;
  private final boolean[] quantized;
  /** The most bytes one update's mask and fields take. */
  private final int maxBytes;

  FieldDeltas(List<WireField> fields, int idOffset) {
    int count = 0;
    for (WireField field : fields) {
      if (field.offset() != idOffset) {
        count++;
      }
    }
    if (count > MAX_FIELDS) {
      throw new IllegalArgumentException(count + " fields besides the id; at most " + MAX_FIELDS + " have a bit");
    }
    offset = new int[count];
    size = new int[count];
    quantized = new boolean[count];
    int i = 0;
    int max = Varint.MAX_BYTES;
    for (WireField field : fields) {
      if (field.offset() != idOffset) {
        offset[i] = field.offset();
        size[i] = field.size();
        quantized[i] = field.isQuantized();
        max += field.isQuantized() ? Varint.MAX_BYTES : field.size();
        i++;
      }
    }
    maxBytes = max;
  }

  /** Whether a model with these fields can be sent as field deltas. */
  static boolean fits(List<WireField> fields) {
    return fields.size() - 1 <= MAX_FIELDS;
  }

  /** The most bytes {@link #write} adds. */
  int maxBytes() {
    return maxBytes;
  }

  /**
   * Writes the update from {@code then[thenAt…]} to {@code now[nowAt…]} at {@code out[at]};
   * returns the position after it, or {@code at} when no field changed.
   */
  int write(byte[] now, int nowAt, byte[] then, int thenAt, byte[] out, int at) {
    long mask = 0;
    for (int f = 0; f < offset.length; f++) {
      int from = offset[f];
      for (int b = 0; b < size[f]; b++) {
        if (now[nowAt + from + b] != then[thenAt + from + b]) {
          mask |= 1L << f;
          break;
        }
      }
    }
    if (mask == 0) {
      return at;
    }
    at = Varint.put(out, at, mask);
    for (int f = 0; f < offset.length; f++) {
      if ((mask & (1L << f)) == 0) {
        continue;
      }
      int from = offset[f];
      if (quantized[f]) {
        long difference = unsigned(now, nowAt + from, size[f]) - unsigned(then, thenAt + from, size[f]);
        at = Varint.put(out, at, Varint.zigZag(difference));
      } else {
        System.arraycopy(now, nowAt + from, out, at, size[f]);
        at += size[f];
      }
    }
    return at;
  }

  private static long unsigned(byte[] bytes, int at, int size) {
    long value = 0;
    for (int i = size - 1; i >= 0; i--) {
      value = (value << 8) | (bytes[at + i] & 0xFF);
    }
    return value;
  }
}
