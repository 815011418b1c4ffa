package test.arena;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.Rejection;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.BadArgumentException;
import io.carotene.runtime.internal.BinaryOperation;
import io.carotene.runtime.internal.Dispatcher;
import io.carotene.runtime.internal.HttpCall;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.internal.JsonArgs;
import io.carotene.runtime.internal.LoopRegistration;
import io.carotene.runtime.internal.WireJson;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Runs {@link ArenaHttp}'s socket handlers and {@code @Http} routes, calling it directly.
 * A call's arguments are checked, then its guards run, then the handler; a {@link Rejection}
 * becomes a {@code REJECTED} result.
 * A route reads its arguments by name, runs its guards, then the method.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class ArenaHttpDispatcher implements Dispatcher {
  private static final List<String> OPERATIONS = List.of("Summary", "Speeds");

  private static final List<BinaryOperation> BINARY_OPERATIONS = List.of(
      new BinaryOperation("Summary", 0, List.of()),
      new BinaryOperation("Speeds", 0, List.of()));

  private final ArenaHttp backend;

  private final GameWorldStore gameWorld;

  public ArenaHttpDispatcher(ArenaHttp backend, GameWorldStore gameWorld) {
    this.backend = backend;
    this.gameWorld = gameWorld;
  }

  @Override
  public String backendName() {
    return "ArenaHttp";
  }

  @Override
  public List<LoopRegistration> loops() {
    return List.of();
  }

  @Override
  public List<String> operations() {
    return OPERATIONS;
  }

  @Override
  public CallResult call(Session session, String operation, Object[] args) {
    switch (operation) {
      case "Summary":
        return summary(session, args);
      case "Speeds":
        return speeds(session, args);
      default:
        return CallResult.badRequest("Unknown operation '" + operation + "'; ArenaHttp knows " + OPERATIONS);
    }
  }

  @Override
  public Object[] decodeArguments(String operation, JsonParser args) throws IOException {
    switch (operation) {
      case "Summary": {
        return new Object[0];
      }
      case "Speeds": {
        return new Object[0];
      }
      default:
        throw new BadArgumentException("Unknown operation '" + operation + "'; ArenaHttp knows " + OPERATIONS);
    }
  }

  @Override
  public List<BinaryOperation> binaryOperations() {
    return BINARY_OPERATIONS;
  }

  @Override
  public Object[] decodeBinaryArguments(String operation, Bytes<?> in) {
    switch (operation) {
      case "Summary": {
        return new Object[] {};
      }
      case "Speeds": {
        return new Object[] {};
      }
      default:
        throw new BadArgumentException(operation + " cannot be called with a binary frame; send it as JSON");
    }
  }

  @Override
  public List<HttpRoute> routes() {
    return List.of(
        new HttpRoute("POST", "/api/login", true, this::login),
        new HttpRoute("GET", "/api/players", true, this::players),
        new HttpRoute("GET", "/api/players/{id}", true, this::player),
        new HttpRoute("GET", "/api/healthier", true, this::healthier),
        new HttpRoute("GET", "/api/me", false, this::me),
        new HttpRoute("DELETE", "/api/players/{id}", true, this::leave));
  }

  private CallResult summary(Session session, Object[] args) {
    if (args.length != 0) {
      return CallResult.badRequest("Summary takes no arguments, got " + args.length);
    }
    try {
      ArenaHttp.Summary result = backend.summary(gameWorld);
      return CallResult.ok(result, json -> SummaryJson.toJson(json, result));
    } catch (Rejection rejection) {
      return CallResult.rejected(rejection.getMessage());
    }
  }

  private CallResult speeds(Session session, Object[] args) {
    if (args.length != 0) {
      return CallResult.badRequest("Speeds takes no arguments, got " + args.length);
    }
    try {
      List<Float> result = backend.speeds();
      return CallResult.ok(result, json -> writeSpeedsResult(json, result));
    } catch (Rejection rejection) {
      return CallResult.rejected(rejection.getMessage());
    }
  }

  private static void writeSpeedsResult(JsonGenerator json, List<Float> value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else {
      json.writeStartArray();
      for (Float element : value) {
        if (element == null) {
          json.writeNull();
        } else {
          WireJson.writeFloat(json, element);
        }
      }
      json.writeEndArray();
    }
  }

  /**
   * {@code POST /api/login}, on the world's thread: {@link ArenaHttp#login}.
   */
  private CallResult login(HttpCall call) {
    String name = JsonArgs.toText(JsonArgs.member(call.args(), "name", "name"), "name");
    ArenaHttp.LoginResponse result = backend.login(name, gameWorld, call.tokens());
    return CallResult.ok(result, json -> LoginResponseJson.toJson(json, result));
  }

  /**
   * {@code GET /api/players}, on the world's thread: {@link ArenaHttp#players}.
   */
  private CallResult players(HttpCall call) {
    ArenaHttp.PlayersResponse result = backend.players(gameWorld);
    return CallResult.ok(result, json -> PlayersResponseJson.toJson(json, result));
  }

  /**
   * {@code GET /api/players/{id}}, on the world's thread: {@link ArenaHttp#player}.
   */
  private CallResult player(HttpCall call) {
    UUID id = JsonArgs.toUuid(JsonArgs.member(call.args(), "id", "id"), "id");
    Arena.Player result = backend.player(id, gameWorld);
    return CallResult.ok(result, json -> PlayerJson.toJson(json, result));
  }

  /**
   * {@code GET /api/healthier}, on the world's thread: {@link ArenaHttp#healthier}.
   */
  private CallResult healthier(HttpCall call) {
    int than = JsonArgs.toInt(JsonArgs.fromText(JsonArgs.member(call.args(), "than", "than")), "than");
    int result = backend.healthier(than, gameWorld);
    return CallResult.ok(result, json -> json.writeNumber(result));
  }

  /**
   * {@code GET /api/me}: {@link ArenaHttp#me}.
   */
  private CallResult me(HttpCall call) {
    if (!call.session().isAuthenticated()) {
      return CallResult.forbidden("GET /api/me requires an authenticated session");
    }
    String result = backend.me(call.session());
    return CallResult.ok(result, json -> json.writeString(result));
  }

  /**
   * {@code DELETE /api/players/{id}}, on the world's thread: {@link ArenaHttp#leave}.
   */
  private CallResult leave(HttpCall call) {
    UUID id = JsonArgs.toUuid(JsonArgs.member(call.args(), "id", "id"), "id");
    if (!call.session().isAuthenticated()) {
      return CallResult.forbidden("DELETE /api/players/{id} requires an authenticated session");
    }
    backend.leave(id, gameWorld);
    return CallResult.ok();
  }
}
