package io.carotene.runtime;

import java.util.Objects;
import java.util.UUID;

/**
 * Who is calling: the user id from a verified token, or an anonymous caller. Handlers may take a
 * {@code Session} parameter; guards ({@code @Authenticated}, {@code @SessionUserMatches}) read it
 * before the handler runs.
 */
public final class Session {
  private static final Session ANONYMOUS = new Session(null, false);

  private final String userId;
  private final boolean authenticated;
  /** The user id read as a UUID, or null when it is not one: read once, compared on every call. */
  private final UUID userUuid;

  private Session(String userId, boolean authenticated) {
    this.userId = userId;
    this.authenticated = authenticated;
    this.userUuid = userId == null ? null : parseUuid(userId);
  }

  private static UUID parseUuid(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException notAUuid) {
      return null;
    }
  }

  /** A session whose token was verified and whose subject is {@code userId}. */
  public static Session authenticated(String userId) {
    Objects.requireNonNull(userId, "userId");
    if (userId.isBlank()) {
      throw new IllegalArgumentException("An authenticated session needs a non-blank user id");
    }
    return new Session(userId, true);
  }

  /** A caller that proved nothing. */
  public static Session anonymous() {
    return ANONYMOUS;
  }

  public boolean isAuthenticated() {
    return authenticated;
  }

  /** The user id (the token's subject), or {@code null} when anonymous. */
  public String userId() {
    return userId;
  }

  /**
   * Whether this session is authenticated as {@code id}: a {@code UUID} id is compared as a UUID
   * (so {@code "0B3F…"} and {@code "0b3f…"} match), any other id as text ({@code id.toString()}),
   * so a {@code long} or a {@code String} id matches the token's subject.
   */
  public boolean isUser(Object id) {
    if (!authenticated || id == null) {
      return false;
    }
    if (id instanceof UUID uuid) {
      // Identity providers write UUIDs in either case; compare values, not spellings.
      return uuid.equals(userUuid);
    }
    return userId.equals(id.toString());
  }

  @Override
  public String toString() {
    return authenticated ? "Session[" + userId + "]" : "Session[anonymous]";
  }
}
