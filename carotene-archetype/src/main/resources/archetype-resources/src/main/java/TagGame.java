package ${package};

import ${package}.Tag.Runner;
import io.carotene.annotations.Authenticated;
import io.carotene.annotations.Backend;
import io.carotene.annotations.Http;
import io.carotene.annotations.Loop;
import io.carotene.annotations.SessionUserMatches;
import io.carotene.annotations.Socket;
import io.carotene.runtime.Rejection;
import io.carotene.runtime.Tick;
import io.carotene.runtime.auth.Tokens;
import java.util.UUID;

/** The game's logic: a loop that moves every runner, a guarded handler to steer, a route to join. */
@Backend
public final class TagGame {
  /** Units a second; faster steering is refused. */
  static final float MAX_SPEED = 8f;

  /** The field spans -FIELD_EDGE..FIELD_EDGE on both axes. */
  static final float FIELD_EDGE = 100f;

  /** What joining answers: the new runner's id and the token its WebSocket connects with. */
  public record JoinResponse(String token, UUID runnerId) {}

  /** Twenty times a second, every runner moves by its speed, and stops at the edge of the field. */
  @Loop(every = "50ms")
  void move(Tick tick, FieldStore field) {
    float dt = tick.deltaSeconds();
    field.updateEach(runner -> {
      runner.x(clamp(runner.x() + runner.dx() * dt));
      runner.z(clamp(runner.z() + runner.dz() * dt));
    });
  }

  static float clamp(float coordinate) {
    return Math.max(-FIELD_EDGE, Math.min(FIELD_EDGE, coordinate));
  }

  /** A client steers its own runner only (the guard), and no faster than MAX_SPEED. */
  @Socket
  @Authenticated
  @SessionUserMatches("runnerId")
  void steer(UUID runnerId, float dx, float dz, FieldStore field) {
    if (Math.hypot(dx, dz) > MAX_SPEED) {
      throw new Rejection("Too fast: at most " + MAX_SPEED + " units a second");
    }
    boolean found = field.update(runnerId, runner -> {
      runner.dx(dx);
      runner.dz(dz);
    });
    if (!found) {
      throw new Rejection("No runner " + runnerId + " on the field; join first");
    }
  }

  /** A new runner at the centre of the field, and a token for its WebSocket. */
  @Http(method = Http.Method.POST, path = "/api/join")
  JoinResponse join(FieldStore field, Tokens tokens) {
    UUID id = UUID.randomUUID();
    field.put(new Runner(id, 0f, 0f, 0f, 0f));
    return new JoinResponse(tokens.issue(id.toString()), id);
  }
}
