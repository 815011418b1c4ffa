package ${package};

import io.carotene.annotations.Domain;
import io.carotene.annotations.Engine;
import io.carotene.annotations.Id;
import io.carotene.annotations.Store;
import java.util.UUID;

/**
 * The game's data. The processor generates {@code TagApplication} (the world), {@code TagServer}
 * (the main), and for the store {@code FieldStore} (read and write) and {@code FieldView} (read only).
 */
@Domain("Tag")
public interface Tag {
  /** A runner at (x, z) on the field, moving at (dx, dz) units a second. */
  record Runner(@Id UUID id, float x, float z, float dx, float dz) {}

  /** Every runner on the field, off-heap. */
  @Store(model = Runner.class, engine = Engine.EPHEMERAL, capacity = 1_000)
  interface Field {}
}
