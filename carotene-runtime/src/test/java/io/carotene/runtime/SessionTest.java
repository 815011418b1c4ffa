package io.carotene.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionTest {
  static final UUID ID = UUID.fromString("0b3f6a1e-9c2d-4e5f-8a7b-1c2d3e4f5a6b");

  @Test
  void aUuidIdMatchesTheSubjectWhateverItsCase() {
    assertThat(Session.authenticated(ID.toString().toUpperCase()).isUser(ID)).isTrue();
    assertThat(Session.authenticated(ID.toString()).isUser(ID)).isTrue();
  }

  @Test
  void anotherUuidOrASubjectThatIsNoUuidDoesNotMatch() {
    assertThat(Session.authenticated(UUID.randomUUID().toString()).isUser(ID)).isFalse();
    assertThat(Session.authenticated("alice").isUser(ID)).isFalse();
  }

  @Test
  void textAndNumberIdsMatchTheSubjectAsText() {
    assertThat(Session.authenticated("42").isUser(42L)).isTrue();
    assertThat(Session.authenticated("alice").isUser("alice")).isTrue();
    assertThat(Session.authenticated("alice").isUser("Alice")).isFalse();
  }

  @Test
  void anAnonymousSessionIsNobody() {
    assertThat(Session.anonymous().isUser(ID)).isFalse();
    assertThat(Session.anonymous().isUser("alice")).isFalse();
  }
}
