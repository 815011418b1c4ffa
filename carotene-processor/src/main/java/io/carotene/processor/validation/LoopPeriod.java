package io.carotene.processor.validation;

import io.carotene.processor.diagnostics.Message;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code @Loop(every = ...)}: a whole number followed by a unit, {@code us}, {@code ms},
 * {@code s} or {@code m}, with nothing around or between them ({@code "16ms"}).
 */
public final class LoopPeriod {
  /** The shortest period a loop may have: a world thread cannot keep a faster grid. */
  public static final long MIN_NANOS = 1_000_000L;

  private static final Pattern GRAMMAR = Pattern.compile("([0-9]{1,12})(us|ms|s|m)");

  /**
   * The period in nanoseconds, or the message that says what is wrong with it.
   *
   * @param nanos the period, when {@code problem} is empty
   * @param problem the check that failed, when there is one
   */
  public record Result(long nanos, Optional<Message> problem) {}

  private LoopPeriod() {}

  public static Result parse(String text) {
    Matcher matcher = GRAMMAR.matcher(text);
    if (!matcher.matches()) {
      return new Result(0, Optional.of(Message.LOOP_PERIOD));
    }
    long amount = Long.parseLong(matcher.group(1));
    long unitNanos =
        switch (matcher.group(2)) {
          case "us" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> throw new AssertionError(matcher.group(2));
        };
    long nanos;
    try {
      nanos = Math.multiplyExact(amount, unitNanos);
    } catch (ArithmeticException tooLong) {
      return new Result(0, Optional.of(Message.LOOP_PERIOD));
    }
    if (amount == 0) {
      return new Result(0, Optional.of(Message.LOOP_PERIOD_ZERO));
    }
    if (nanos < MIN_NANOS) {
      return new Result(nanos, Optional.of(Message.LOOP_PERIOD_TOO_SHORT));
    }
    return new Result(nanos, Optional.empty());
  }
}
