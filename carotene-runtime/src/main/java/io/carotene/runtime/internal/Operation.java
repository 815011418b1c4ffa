package io.carotene.runtime.internal;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;

/**
 * One {@code @Socket} handler as its generated dispatcher presents it: its name, its binary layout
 * if it has one, and the decoders that turn a call's arguments into a {@link BoundCall} ready for
 * the world thread. The runtime looks an operation up once per call, on the IO thread; the world
 * thread only runs the bound call. Implementations are generated, one per handler.
 */
public abstract class Operation {
  private final String name;
  private final BinaryOperation binary;

  /**
   * @param name the operation, as clients call it
   * @param binary its arguments' layout in a binary call frame, or {@code null} when a binary frame
   *     cannot call it (an argument has no fixed size)
   */
  protected Operation(String name, BinaryOperation binary) {
    this.name = name;
    this.binary = binary;
  }

  /** The operation, as clients call it. */
  public final String name() {
    return name;
  }

  /** Its arguments' layout in a binary call frame, or {@code null} when it has none. */
  public final BinaryOperation binary() {
    return binary;
  }

  /**
   * Decodes a call's JSON {@code args} from a streaming parser on the value's first token ({@code
   * null} when the call has no {@code args}). Members may come in any order; on return the parser
   * is on the object's end, or still on the value's first token for an operation that takes no
   * arguments.
   *
   * @throws BadArgumentException naming the argument that is missing or of the wrong type
   * @throws IOException when the JSON is malformed
   */
  public abstract BoundCall decodeJson(JsonParser args) throws IOException;

  /**
   * Decodes a binary call's arguments from exactly {@link #binary()}'s {@code argsSize} bytes at
   * {@code in}'s read position, in parameter order.
   *
   * @throws BadArgumentException when the operation has no binary layout or a value is invalid
   */
  public BoundCall decodeBinary(Bytes<?> in) {
    throw new BadArgumentException(name + " cannot be called with a binary frame; send it as JSON");
  }

  /**
   * Binds arguments given as objects, in parameter order (the sandbox's {@code World.call}): their
   * count and types are checked here, once.
   *
   * @throws BadArgumentException saying which argument is wrong, worded as the {@code BAD_REQUEST}
   *     reply's message
   */
  public abstract BoundCall bind(Object[] args);

  @Override
  public String toString() {
    return name;
  }
}
