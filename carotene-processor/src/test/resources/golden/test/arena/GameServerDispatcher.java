package test.arena;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.Rejection;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.BadArgumentException;
import io.carotene.runtime.internal.BinaryOperation;
import io.carotene.runtime.internal.Dispatcher;
import io.carotene.runtime.internal.JsonArgs;
import io.carotene.runtime.internal.LoopRegistration;
import io.carotene.runtime.internal.WireField;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Runs {@link GameServer}'s loops and socket handlers, calling it directly.
 * A call's arguments are checked, then its guards run, then the handler; a {@link Rejection}
 * becomes a {@code REJECTED} result.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class GameServerDispatcher implements Dispatcher {
  private static final List<String> OPERATIONS = List.of("HandleInput");

  private static final List<BinaryOperation> BINARY_OPERATIONS = List.of(
      new BinaryOperation("HandleInput", 28, List.of(
          WireField.raw("playerId", "uuid", 0, 16),
          WireField.raw("inputVector.x", "f32", 16, 4),
          WireField.raw("inputVector.y", "f32", 20, 4),
          WireField.raw("inputVector.z", "f32", 24, 4))));

  private final GameServer backend;

  private final GameWorldStore gameWorld;

  public GameServerDispatcher(GameServer backend, GameWorldStore gameWorld) {
    this.backend = backend;
    this.gameWorld = gameWorld;
  }

  @Override
  public String backendName() {
    return "GameServer";
  }

  @Override
  public List<LoopRegistration> loops() {
    return List.of(
        new LoopRegistration("PhysicsTick", 16000000L, tick -> backend.physicsTick(tick, gameWorld)));
  }

  @Override
  public List<String> operations() {
    return OPERATIONS;
  }

  @Override
  public CallResult call(Session session, String operation, Object[] args) {
    switch (operation) {
      case "HandleInput":
        return handleInput(session, args);
      default:
        return CallResult.badRequest("Unknown operation '" + operation + "'; GameServer knows " + OPERATIONS);
    }
  }

  @Override
  public Object[] decodeArguments(String operation, JsonParser args) throws IOException {
    switch (operation) {
      case "HandleInput": {
        JsonArgs.object(args, "args");
        UUID playerId = null;
        boolean playerIdSet = false;
        BadArgumentException playerIdError = null;
        Arena.Vector3 inputVector = null;
        boolean inputVectorSet = false;
        BadArgumentException inputVectorError = null;
        while (args.nextToken() == JsonToken.FIELD_NAME) {
          String member = args.currentName();
          JsonToken token = args.nextToken();
          switch (member) {
            case "playerId":
              playerIdSet = false;
              playerIdError = null;
              if (token != JsonToken.VALUE_NULL) {
                try {
                  playerId = JsonArgs.toUuid(args, null, "playerId");
                  playerIdSet = true;
                } catch (BadArgumentException e) {
                  playerIdError = e;
                  args.skipChildren();
                }
              }
              break;
            case "inputVector":
              inputVectorSet = false;
              inputVectorError = null;
              if (token != JsonToken.VALUE_NULL) {
                try {
                  inputVector = Vector3Codec.fromJson(args, "inputVector");
                  inputVectorSet = true;
                } catch (BadArgumentException e) {
                  inputVectorError = e;
                  args.skipChildren();
                }
              }
              break;
            default:
              args.skipChildren();
          }
        }
        if (playerIdError != null) {
          throw playerIdError;
        }
        if (!playerIdSet) {
          throw JsonArgs.missing(null, "playerId");
        }
        if (inputVectorError != null) {
          throw inputVectorError;
        }
        if (!inputVectorSet) {
          throw JsonArgs.missing(null, "inputVector");
        }
        return new Object[] {playerId, inputVector};
      }
      default:
        throw new BadArgumentException("Unknown operation '" + operation + "'; GameServer knows " + OPERATIONS);
    }
  }

  @Override
  public List<BinaryOperation> binaryOperations() {
    return BINARY_OPERATIONS;
  }

  @Override
  public Object[] decodeBinaryArguments(String operation, Bytes<?> in) {
    switch (operation) {
      case "HandleInput": {
        UUID playerId = new UUID(in.readLong(), in.readLong());
        MutableVector3 inputVectorFlyweight = new MutableVector3();
        Vector3Codec.decode(in, inputVectorFlyweight);
        Arena.Vector3 inputVector = inputVectorFlyweight.toRecord();
        return new Object[] {playerId, inputVector};
      }
      default:
        throw new BadArgumentException(operation + " cannot be called with a binary frame; send it as JSON");
    }
  }

  private CallResult handleInput(Session session, Object[] args) {
    if (args.length != 2) {
      return CallResult.badRequest("HandleInput takes 2 arguments (playerId, inputVector), got " + args.length);
    }
    if (!(args[0] instanceof UUID playerId)) {
      return CallResult.badRequest("HandleInput: argument 'playerId' must be a UUID");
    }
    if (!(args[1] instanceof Arena.Vector3 inputVector)) {
      return CallResult.badRequest("HandleInput: argument 'inputVector' must be a Vector3");
    }
    if (!session.isAuthenticated()) {
      return CallResult.forbidden("HandleInput requires an authenticated session");
    }
    if (!session.isUser(playerId)) {
      return CallResult.forbidden("HandleInput: 'playerId' must be the session's own user id");
    }
    try {
      backend.handleInput(playerId, inputVector, gameWorld);
      return CallResult.ok();
    } catch (Rejection rejection) {
      return CallResult.rejected(rejection.getMessage());
    }
  }
}
