package io.carotene.runtime.internal;

/**
 * How a world's stores are created.
 *
 * @param capacityOverride when positive, replaces every store's declared capacity (tests use a
 *     small one so that a sandbox starts quickly)
 */
public record StoreOptions(long capacityOverride) {
  public static StoreOptions defaults() {
    return new StoreOptions(0);
  }

  /** The capacity a store declared with {@code declared} gets. */
  public long capacityFor(long declared) {
    return capacityOverride > 0 ? capacityOverride : declared;
  }
}
