package test.arena;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.Rejection;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.BadArgumentException;
import io.carotene.runtime.internal.BinaryOperation;
import io.carotene.runtime.internal.BoundCall;
import io.carotene.runtime.internal.Dispatcher;
import io.carotene.runtime.internal.JsonArgs;
import io.carotene.runtime.internal.LoopRegistration;
import io.carotene.runtime.internal.Operation;
import io.carotene.runtime.internal.WireField;
import io.carotene.runtime.internal.WorldServices;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Runs {@link GameServer}'s loops and socket handlers, calling it directly.
 * Each socket handler is an {@link Operation}: a call's arguments are decoded and checked once, on
 * the IO thread, into a bound call; on the world thread its guards run, then the handler,
 * and a {@link Rejection} becomes a {@code REJECTED} result.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class GameServerDispatcher implements Dispatcher {
  private final GameServer backend;

  private final GameWorldStore gameWorld;

  private final WorldServices services;

  private final List<Operation> operations = List.of(new HandleInputOperation());

  public GameServerDispatcher(GameServer backend, GameWorldStore gameWorld,
      WorldServices services) {
    this.backend = backend;
    this.gameWorld = gameWorld;
    this.services = services;
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
  public List<Operation> operations() {
    return operations;
  }

  /**
   * {@code HandleInput}: decodes and checks the arguments of {@link GameServer#handleInput}
   * into a {@link HandleInputCall}.
   */
  private final class HandleInputOperation extends Operation {
    HandleInputOperation() {
      super("HandleInput", new BinaryOperation("HandleInput", 28, List.of(
              WireField.raw("playerId", "uuid", 0, 16),
              WireField.raw("inputVector.x", "f32", 16, 4),
              WireField.raw("inputVector.y", "f32", 20, 4),
              WireField.raw("inputVector.z", "f32", 24, 4))));
    }

    @Override
    public BoundCall decodeJson(JsonParser args) throws IOException {
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
      return new HandleInputCall(playerId, inputVector);
    }

    @Override
    public BoundCall decodeBinary(Bytes<?> in) {
      UUID playerId = new UUID(in.readLong(), in.readLong());
      MutableVector3 inputVectorFlyweight = new MutableVector3();
      Vector3Codec.decode(in, inputVectorFlyweight);
      Arena.Vector3 inputVector = inputVectorFlyweight.toRecord();
      return new HandleInputCall(playerId, inputVector);
    }

    @Override
    public BoundCall bind(Object[] args) {
      if (args.length != 2) {
        throw new BadArgumentException("HandleInput takes 2 arguments (playerId, inputVector), got " + args.length);
      }
      if (!(args[0] instanceof UUID playerId)) {
        throw new BadArgumentException("HandleInput: argument 'playerId' must be a UUID");
      }
      if (!(args[1] instanceof Arena.Vector3 inputVector)) {
        throw new BadArgumentException("HandleInput: argument 'inputVector' must be a Vector3");
      }
      return new HandleInputCall(playerId, inputVector);
    }
  }

  /**
   * A {@code HandleInput} call with its arguments: runs the guards, then
   * {@link GameServer#handleInput}.
   */
  private final class HandleInputCall implements BoundCall {
    private final UUID playerId;

    private final Arena.Vector3 inputVector;

    HandleInputCall(UUID playerId, Arena.Vector3 inputVector) {
      this.playerId = playerId;
      this.inputVector = inputVector;
    }

    @Override
    public CallResult invoke(Session session) {
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

    @Override
    public Object[] arguments() {
      return new Object[] {playerId, inputVector};
    }
  }
}
