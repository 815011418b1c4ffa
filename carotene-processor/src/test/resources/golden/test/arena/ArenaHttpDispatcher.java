package test.arena;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.Rejection;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.BadArgumentException;
import io.carotene.runtime.internal.BinaryOperation;
import io.carotene.runtime.internal.BoundCall;
import io.carotene.runtime.internal.Dispatcher;
import io.carotene.runtime.internal.HttpCall;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.internal.JsonArgs;
import io.carotene.runtime.internal.LoopRegistration;
import io.carotene.runtime.internal.Operation;
import io.carotene.runtime.internal.WireJson;
import io.carotene.runtime.internal.WorldServices;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import javax.annotation.processing.Generated;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Runs {@link ArenaHttp}'s socket handlers and {@code @Http} routes, calling it directly.
 * Each socket handler is an {@link Operation}: a call's arguments are decoded and checked once, on
 * the IO thread, into a bound call; on the world thread its guards run, then the handler,
 * and a {@link Rejection} becomes a {@code REJECTED} result.
 * A route reads its arguments by name, runs its guards, then the method.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class ArenaHttpDispatcher implements Dispatcher {
  private final ArenaHttp backend;

  private final GameWorldStore gameWorld;

  private final WorldServices services;

  private final List<Operation> operations = List.of(new SummaryOperation(), new SpeedsOperation());

  public ArenaHttpDispatcher(ArenaHttp backend, GameWorldStore gameWorld, WorldServices services) {
    this.backend = backend;
    this.gameWorld = gameWorld;
    this.services = services;
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
  public List<Operation> operations() {
    return operations;
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

  /**
   * {@code Summary}: decodes and checks the arguments of {@link ArenaHttp#summary}
   * into a {@link SummaryCall}.
   */
  private final class SummaryOperation extends Operation {
    SummaryOperation() {
      super("Summary", new BinaryOperation("Summary", 0, List.of()));
    }

    @Override
    public BoundCall decodeJson(JsonParser args) throws IOException {
      return new SummaryCall();
    }

    @Override
    public BoundCall decodeBinary(Bytes<?> in) {
      return new SummaryCall();
    }

    @Override
    public BoundCall bind(Object[] args) {
      if (args.length != 0) {
        throw new BadArgumentException("Summary takes no arguments, got " + args.length);
      }
      return new SummaryCall();
    }
  }

  /**
   * A {@code Summary} call (it takes no arguments): runs the guards, then
   * {@link ArenaHttp#summary}.
   */
  private final class SummaryCall implements BoundCall {
    @Override
    public CallResult invoke(Session session) {
      try {
        ArenaHttp.Summary result = backend.summary(gameWorld);
        return CallResult.ok(result, json -> SummaryJson.toJson(json, result));
      } catch (Rejection rejection) {
        return CallResult.rejected(rejection.getMessage());
      }
    }

    @Override
    public Object[] arguments() {
      return new Object[] {};
    }
  }

  /**
   * {@code Speeds}: decodes and checks the arguments of {@link ArenaHttp#speeds}
   * into a {@link SpeedsCall}.
   */
  private final class SpeedsOperation extends Operation {
    SpeedsOperation() {
      super("Speeds", new BinaryOperation("Speeds", 0, List.of()));
    }

    @Override
    public BoundCall decodeJson(JsonParser args) throws IOException {
      return new SpeedsCall();
    }

    @Override
    public BoundCall decodeBinary(Bytes<?> in) {
      return new SpeedsCall();
    }

    @Override
    public BoundCall bind(Object[] args) {
      if (args.length != 0) {
        throw new BadArgumentException("Speeds takes no arguments, got " + args.length);
      }
      return new SpeedsCall();
    }
  }

  /**
   * A {@code Speeds} call (it takes no arguments): runs the guards, then
   * {@link ArenaHttp#speeds}.
   */
  private final class SpeedsCall implements BoundCall {
    @Override
    public CallResult invoke(Session session) {
      try {
        List<Float> result = backend.speeds();
        return CallResult.ok(result, json -> writeSpeedsResult(json, result));
      } catch (Rejection rejection) {
        return CallResult.rejected(rejection.getMessage());
      }
    }

    @Override
    public Object[] arguments() {
      return new Object[] {};
    }
  }
}
