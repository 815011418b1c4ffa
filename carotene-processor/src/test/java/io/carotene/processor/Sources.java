package io.carotene.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Sources the processor tests compile: the Arena as a user writes it, and helpers to vary it. */
final class Sources {
  private Sources() {}

  static final String PACKAGE = "test.arena";

  /** The seed's Arena domain: two records and one store. */
  static final JavaFileObject ARENA =
      source(
          "Arena",
          """
          package test.arena;

          import io.carotene.annotations.Domain;
          import io.carotene.annotations.Engine;
          import io.carotene.annotations.Id;
          import io.carotene.annotations.Store;
          import java.util.UUID;

          @Domain("Arena")
          public interface Arena {
            record Vector3(float x, float y, float z) {
              public double horizontalLength() {
                return Math.sqrt((double) x * x + (double) z * z);
              }
            }

            record Player(@Id UUID id, Vector3 position, Vector3 velocity, boolean isGrounded, int health) {}

            @Store(model = Player.class, engine = Engine.EPHEMERAL, capacity = 10_000)
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
