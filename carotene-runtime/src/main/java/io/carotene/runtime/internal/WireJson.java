package io.carotene.runtime.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes the values of a snapshot without allocating: generated codecs' {@code writeJson} calls
 * these for UUIDs, floats and doubles, because Jackson's own {@code writeNumber(float)} and {@code
 * UUID.toString()} make a new String per value, which at 60 snapshots a second over every entity is
 * most of the garbage a server makes.
 *
 * <p>Numbers are written in plain decimal notation with the fewest fraction digits that read back
 * as the same value ({@code 3.0}, {@code -9.855999}, {@code 0.016}); values outside [1e-5, 1e9) in
 * magnitude, and non-finite ones, take Jackson's path, as do the doubles that need all 17
 * significant digits (about 2% of arbitrary doubles; floats never need it). Not for concurrent use
 * of one generator; each thread has its own scratch space.
 */
public final class WireJson {
  private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17};
  private static final int MAX_FLOAT_FRACTION_DIGITS = 9;
  private static final int MAX_DOUBLE_FRACTION_DIGITS = 17;
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final ThreadLocal<char[]> SCRATCH = ThreadLocal.withInitial(() -> new char[48]);

  private WireJson() {}

  /** Writes a UUID from its two halves as its usual 36-character string. */
  public static void writeUuid(JsonGenerator json, long mostSigBits, long leastSigBits) throws IOException {
    char[] out = SCRATCH.get();
    hex(out, 0, mostSigBits >>> 32, 8);
    out[8] = '-';
    hex(out, 9, mostSigBits >>> 16, 4);
    out[13] = '-';
    hex(out, 14, mostSigBits, 4);
    out[18] = '-';
    hex(out, 19, leastSigBits >>> 48, 4);
    out[23] = '-';
    hex(out, 24, leastSigBits, 12);
    json.writeString(out, 0, 36);
  }

  /** Writes a float as the shortest plain decimal that reads back as the same float. */
  public static void writeFloat(JsonGenerator json, float value) throws IOException {
    if (value == 0f) {
      writeRaw(json, "0.0");
      return;
    }
    double magnitude = Math.abs((double) value);
    if (!Float.isFinite(value) || magnitude < 1e-5 || magnitude >= 1e9) {
      json.writeNumber(value);
      return;
    }
    for (int digits = 0; digits <= MAX_FLOAT_FRACTION_DIGITS; digits++) {
      long scaled = Math.round(magnitude * POW10[digits]);
      if ((float) (scaled / POW10[digits]) == (float) magnitude) {
        writeDecimal(json, value < 0, scaled, digits);
        return;
      }
    }
    json.writeNumber(value);
  }

  /**
   * Writes a double as the shortest plain decimal that reads back as the same double; one that
   * needs 17 significant digits goes through Jackson (and allocates).
   */
  public static void writeDouble(JsonGenerator json, double value) throws IOException {
    if (value == 0d) {
      writeRaw(json, "0.0");
      return;
    }
    double magnitude = Math.abs(value);
    if (!Double.isFinite(value) || magnitude < 1e-5 || magnitude >= 1e9) {
      json.writeNumber(value);
      return;
    }
    for (int digits = 0; digits <= MAX_DOUBLE_FRACTION_DIGITS && magnitude * POW10[digits] < 9e18; digits++) {
      long scaled = Math.round(magnitude * POW10[digits]);
      if (scaled / POW10[digits] == magnitude) {
        writeDecimal(json, value < 0, scaled, digits);
        return;
      }
    }
    json.writeNumber(value);
  }

  private static void writeDecimal(JsonGenerator json, boolean negative, long scaled, int fractionDigits)
      throws IOException {
    char[] out = SCRATCH.get();
    int end = out.length;
    int at = end;
    if (fractionDigits == 0) {
      out[--at] = '0';
      out[--at] = '.';
    }
    int written = 0;
    do {
      out[--at] = (char) ('0' + scaled % 10);
      scaled /= 10;
      if (++written == fractionDigits) {
        out[--at] = '.';
      }
    } while (scaled > 0 || written <= fractionDigits);
    if (out[at] == '.') {
      out[--at] = '0';
    }
    if (negative) {
      out[--at] = '-';
    }
    json.writeRawValue(out, at, end - at);
  }

  private static void writeRaw(JsonGenerator json, String text) throws IOException {
    json.writeRawValue(text);
  }

  private static void hex(char[] out, int at, long value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      out[at + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
