package io.carotene.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Sources the processor tests compile: the Arena as a user writes it, and helpers to vary it. */
final class Sources {
  private Sources() {}

  static final String PACKAGE = "test.arena";

  /** The seed's Arena domain: two records (the position quantized, the velocity raw) and one store. */
  static final JavaFileObject ARENA =
      source(
          "Arena",
          """
          package test.arena;

          import io.carotene.annotations.Domain;
          import io.carotene.annotations.Engine;
          import io.carotene.annotations.Id;
          import io.carotene.annotations.Quantized;
          import io.carotene.annotations.Store;
          import io.carotene.annotations.Visible;
          import java.util.UUID;

          @Domain("Arena")
          public interface Arena {
            record Vector3(float x, float y, float z) {
              public double horizontalLength() {
                return Math.sqrt((double) x * x + (double) z * z);
              }
            }

            record Player(
                @Id UUID id,
                @Quantized(min = -1000, max = 1000, precision = 1.0 / 32) Vector3 position,
                Vector3 velocity,
                boolean isGrounded,
                int health) {}

            @Store(model = Player.class, engine = Engine.EPHEMERAL, capacity = 10_000)
            @Visible(radius = 50, x = "position.x", z = "position.z")
            interface GameWorld {}
          }
          """);

  /** The seed's GameServer: a 16ms physics tick and a guarded input handler. */
  static final JavaFileObject GAME_SERVER =
      source(
          "GameServer",
          """
          package test.arena;

          import io.carotene.annotations.Authenticated;
          import io.carotene.annotations.Backend;
          import io.carotene.annotations.Loop;
          import io.carotene.annotations.SessionUserMatches;
          import io.carotene.annotations.Socket;
          import io.carotene.runtime.Rejection;
          import io.carotene.runtime.Tick;
          import java.util.UUID;
          import test.arena.Arena.Vector3;

          @Backend
          public final class GameServer {
            @Loop(every = "16ms")
            void physicsTick(Tick tick, GameWorldStore world) {
              float dt = tick.deltaSeconds();
              world.updateEach(player -> {
                MutableVector3 position = player.position();
                position.y(position.y() + player.velocity().y() * dt);
                player.isGrounded(position.y() <= 0f);
              });
            }

            @Socket
            @Authenticated
            @SessionUserMatches("playerId")
            void handleInput(UUID playerId, Vector3 inputVector, GameWorldStore world) {
              if (inputVector.horizontalLength() > 5.0) {
                throw new Rejection("Speed hack detected");
              }
              if (!world.update(playerId, player -> player.velocity().set(inputVector))) {
                throw new Rejection("Player " + playerId + " is not in the Arena");
              }
            }
          }
          """);

  /**
   * An Arena web API: a login that issues a token, routes that read the world, path and query
   * arguments, a guarded route, and a socket handler that returns a record with a list.
   */
  static final JavaFileObject ARENA_HTTP =
      source(
          "ArenaHttp",
          """
          package test.arena;

          import io.carotene.annotations.Authenticated;
          import io.carotene.annotations.Backend;
          import io.carotene.annotations.Http;
          import io.carotene.annotations.Socket;
          import io.carotene.runtime.Rejection;
          import io.carotene.runtime.Session;
          import io.carotene.runtime.auth.Tokens;
          import java.util.List;
          import java.util.UUID;
          import test.arena.Arena.Player;
          import test.arena.Arena.Vector3;

          @Backend
          public final class ArenaHttp {
            public enum Mood { CALM, ANGRY }

            public record LoginResponse(String token, UUID playerId) {}

            public record PlayersResponse(List<Player> players, int count) {}

            public record Summary(List<String> ids, Float load, Mood mood, List<List<Integer>> grid) {}

            @Http(method = Http.Method.POST, path = "/api/login")
            LoginResponse login(String name, GameWorldStore world, Tokens tokens) {
              if (name.isBlank()) {
                throw new Rejection("A name must not be blank");
              }
              UUID id = new UUID(1, world.count() + 1);
              world.put(new Player(id, new Vector3(1.5f, 0, -2), new Vector3(0, 0, 0), true, 100));
              return new LoginResponse(tokens.issue(id.toString()), id);
            }

            @Http(path = "/api/players")
            PlayersResponse players(GameWorldView world) {
              return new PlayersResponse(world.all(), world.count());
            }

            @Http(path = "/api/players/{id}")
            Player player(UUID id, GameWorldView world) {
              return world.find(id).orElse(null);
            }

            @Http(path = "/api/healthier")
            int healthier(int than, GameWorldView world) {
              return (int) world.all().stream().filter(p -> p.health() > than).count();
            }

            @Http(path = "/api/me")
            @Authenticated
            String me(Session session) {
              return session.userId();
            }

            @Http(method = Http.Method.DELETE, path = "/api/players/{id}")
            @Authenticated
            void leave(UUID id, GameWorldStore world) {
              world.remove(id);
            }

            @Socket
            Summary summary(GameWorldView world) {
              return new Summary(
                  world.all().stream().map(p -> p.id().toString()).toList(), null, Mood.CALM,
                  List.of(List.of(1, 2), List.of()));
            }

            @Socket
            List<Float> speeds() {
              return List.of(0.1f, 2f);
            }
          }
          """);

  /** A source file {@code test/arena/<name>.java}. */
  static JavaFileObject source(String name, String text) {
    return JavaFileObjects.forSourceString(PACKAGE + "." + name, text);
  }

  /**
   * A {@code @Backend} class named {@code name} in the Arena's package, whose body is {@code
   * members}; the usual imports are there.
   */
  static JavaFileObject backend(String name, String members) {
    return source(
        name,
        """
        package test.arena;

        import io.carotene.annotations.*;
        import io.carotene.runtime.*;
        import java.util.*;

        @Backend
        public class %s {
        %s
        }
        """
            .formatted(name, members));
  }

  /** A domain interface named {@code name} whose body is {@code members}. */
  static JavaFileObject domain(String name, String members) {
    return source(
        name,
        """
        package test.arena;

        import io.carotene.annotations.*;
        import java.util.*;

        @Domain
        public interface %s {
        %s
        }
        """
            .formatted(name, members));
  }

  /** Compiles with a fresh processor. */
  static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new CaroteneProcessor()).compile(sources);
  }
}
