package io.carotene.runtime.internal;

/** What generated binary argument decoders share. */
public final class BinaryArgs {
  private BinaryArgs() {}

  /** The constant at {@code ordinal}, null for -1; any other ordinal is a bad argument. */
  public static <E extends Enum<E>> E enumAt(E[] constants, int ordinal, String name) {
    if (ordinal == -1) {
      return null;
    }
    if (ordinal < 0 || ordinal >= constants.length) {
      throw new BadArgumentException(
          "Argument '" + name + "' must be an ordinal from 0 to " + (constants.length - 1) + " (or -1), got " + ordinal);
    }
    return constants[ordinal];
  }
}
