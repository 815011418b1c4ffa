package io.carotene.runtime.internal;

import com.fasterxml.jackson.core.JsonParser;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.Session;
import java.io.IOException;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;

/**
 * One backend as its generated {@code <Backend>Dispatcher} presents it to the runtime: its loops,
 * and its socket handlers by operation name, each behind its generated guards. Implementations
 * are generated; they call the backend directly, with no reflection.
 */
public interface Dispatcher {
  /** The backend class's simple name. */
  String backendName();

  /** The backend's {@code @Loop} methods, in declaration order. */
  List<LoopRegistration> loops();

  /** The operation names of the backend's {@code @Socket} handlers, in declaration order. */
  List<String> operations();

  /**
   * Runs the guards, then the handler. Wrong arguments answer {@code BAD_REQUEST}, a failed guard
   * {@code FORBIDDEN}, a {@code Rejection} {@code REJECTED}. Other exceptions from the handler
   * propagate to the caller (the world), which answers {@code INTERNAL}.
   */
  CallResult call(Session session, String operation, Object[] args);

  /**
   * Decodes a call's JSON {@code args} into the handler's arguments, in parameter order, from a
   * streaming parser on the value's first token ({@code null} when the call has no {@code args}).
   * Members may come in any order; on return the parser is on the object's end, or still on the
   * value's first token for an operation that takes no arguments.
   *
   * @throws BadArgumentException naming the argument that is missing or of the wrong type
   * @throws IOException when the JSON is malformed
   */
  Object[] decodeArguments(String operation, JsonParser args) throws IOException;

  /**
   * The operations a binary call frame may name (those whose client-sent arguments all have a
   * fixed size), in declaration order; none by default.
   */
  default List<BinaryOperation> binaryOperations() {
    return List.of();
  }

  /**
   * Decodes a binary call's arguments (one of {@link #binaryOperations()}) from exactly its
   * {@code argsSize} bytes at {@code in}'s read position, in parameter order.
   *
   * @throws BadArgumentException when the operation takes no binary arguments or a value is invalid
   */
  default Object[] decodeBinaryArguments(String operation, Bytes<?> in) {
    throw new BadArgumentException(operation + " cannot be called with a binary frame; send it as JSON");
  }

  /** The backend's {@code @Http} routes, in declaration order; none by default. */
  default List<HttpRoute> routes() {
    return List.of();
  }
}
