package io.carotene.runtime.socket;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.BadArgumentException;
import io.carotene.runtime.internal.BinaryOperation;
import io.carotene.runtime.internal.BoundCall;
import io.carotene.runtime.internal.Dispatcher;
import io.carotene.runtime.internal.GeneratedApplication;
import io.carotene.runtime.internal.JsonArgs;
import io.carotene.runtime.internal.LoopRegistration;
import io.carotene.runtime.internal.Operation;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.internal.WireField;
import io.carotene.runtime.internal.WorldParts;
import io.carotene.runtime.internal.WorldServices;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import net.openhft.chronicle.bytes.Bytes;

/**
 * A world with no stores and one socket handler, {@code HandleInput(UUID playerId, Vector3
 * inputVector)}, written as the processor generates one: an {@link Operation} whose decoders make
 * a typed {@link HandleInputCall}. The call reader's tests run against it.
 */
final class InputApplication implements GeneratedApplication {
  /** The handler's record argument, as a game declares it. */
  record Vector3(float x, float y, float z) {}

  /** The bound call of {@code HandleInput}, its arguments typed; running it answers ok. */
  record HandleInputCall(UUID playerId, Vector3 inputVector) implements BoundCall {
    @Override
    public CallResult invoke(Session session) {
      return CallResult.ok();
    }
  }

  @Override
  public Class<?> domain() {
    return InputApplication.class;
  }

  @Override
  public String name() {
    return "Input";
  }

  @Override
  public WorldParts createParts(StoreOptions options, WorldServices services) {
    return new WorldParts(List.of(), List.of(), List.of(new InputDispatcher()));
  }

  /** The backend's dispatcher: one operation, no loops, no routes. */
  private static final class InputDispatcher implements Dispatcher {
    private final List<Operation> operations = List.of(new HandleInputOperation());

    @Override
    public String backendName() {
      return "InputBackend";
    }

    @Override
    public List<LoopRegistration> loops() {
      return List.of();
    }

    @Override
    public List<Operation> operations() {
      return operations;
    }
  }

  /** {@code HandleInput}, as the generated {@code <Handler>Operation} decodes it. */
  private static final class HandleInputOperation extends Operation {
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
      BadArgumentException playerIdError = null;
      Vector3 inputVector = null;
      BadArgumentException inputVectorError = null;
      while (args.nextToken() == JsonToken.FIELD_NAME) {
        String member = args.currentName();
        JsonToken token = args.nextToken();
        switch (member) {
          case "playerId" -> {
            playerId = null;
            playerIdError = null;
            if (token != JsonToken.VALUE_NULL) {
              try {
                playerId = JsonArgs.toUuid(args, null, "playerId");
              } catch (BadArgumentException e) {
                playerIdError = e;
                args.skipChildren();
              }
            }
          }
          case "inputVector" -> {
            inputVector = null;
            inputVectorError = null;
            if (token != JsonToken.VALUE_NULL) {
              try {
                inputVector = vector3FromJson(args, "inputVector");
              } catch (BadArgumentException e) {
                inputVectorError = e;
                args.skipChildren();
              }
            }
          }
          default -> args.skipChildren();
        }
      }
      if (playerIdError != null) {
        throw playerIdError;
      }
      if (playerId == null) {
        throw JsonArgs.missing(null, "playerId");
      }
      if (inputVectorError != null) {
        throw inputVectorError;
      }
      if (inputVector == null) {
        throw JsonArgs.missing(null, "inputVector");
      }
      return new HandleInputCall(playerId, inputVector);
    }

    /** What the generated {@code Vector3Codec.fromJson} does: every member required, any order. */
    private static Vector3 vector3FromJson(JsonParser json, String path) throws IOException {
      JsonArgs.object(json, path);
      float x = 0;
      boolean xSet = false;
      BadArgumentException xError = null;
      float y = 0;
      boolean ySet = false;
      BadArgumentException yError = null;
      float z = 0;
      boolean zSet = false;
      BadArgumentException zError = null;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String member = json.currentName();
        JsonToken token = json.nextToken();
        switch (member) {
          case "x" -> {
            xSet = false;
            xError = null;
            if (token != JsonToken.VALUE_NULL) {
              try {
                x = JsonArgs.toFloat(json, path, "x");
                xSet = true;
              } catch (BadArgumentException e) {
                xError = e;
                json.skipChildren();
              }
            }
          }
          case "y" -> {
            ySet = false;
            yError = null;
            if (token != JsonToken.VALUE_NULL) {
              try {
                y = JsonArgs.toFloat(json, path, "y");
                ySet = true;
              } catch (BadArgumentException e) {
                yError = e;
                json.skipChildren();
              }
            }
          }
          case "z" -> {
            zSet = false;
            zError = null;
            if (token != JsonToken.VALUE_NULL) {
              try {
                z = JsonArgs.toFloat(json, path, "z");
                zSet = true;
              } catch (BadArgumentException e) {
                zError = e;
                json.skipChildren();
              }
            }
          }
          default -> json.skipChildren();
        }
      }
      if (xError != null) {
        throw xError;
      }
      if (!xSet) {
        throw JsonArgs.missing(path, "x");
      }
      if (yError != null) {
        throw yError;
      }
      if (!ySet) {
        throw JsonArgs.missing(path, "y");
      }
      if (zError != null) {
        throw zError;
      }
      if (!zSet) {
        throw JsonArgs.missing(path, "z");
      }
      return new Vector3(x, y, z);
    }

    @Override
    public BoundCall decodeBinary(Bytes<?> in) {
      UUID playerId = new UUID(in.readLong(), in.readLong());
      Vector3 inputVector = new Vector3(in.readFloat(), in.readFloat(), in.readFloat());
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
      if (!(args[1] instanceof Vector3 inputVector)) {
        throw new BadArgumentException("HandleInput: argument 'inputVector' must be a Vector3");
      }
      return new HandleInputCall(playerId, inputVector);
    }
  }
}
