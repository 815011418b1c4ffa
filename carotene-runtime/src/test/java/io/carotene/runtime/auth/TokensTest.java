package io.carotene.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.carotene.runtime.CaroteneConfigurationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class TokensTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
  private final Tokens tokens = Tokens.withSecret(SECRET);

  @Test
  void anIssuedTokenVerifiesToItsSubject() throws Exception {
    String token = tokens.issue("player-1");

    assertThat(tokens.verify(token)).isEqualTo("player-1");
    assertThat(tokens.session(token).userId()).isEqualTo("player-1");
    assertThat(tokens.session(token).isAuthenticated()).isTrue();
  }

  @Test
  void aTokenFromAnotherIssuerWithTheSameSecretIsAccepted() throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject("from-idp")
        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));

    assertThat(tokens.verify(jwt.serialize())).isEqualTo("from-idp");
  }

  @Test
  void anExpiredTokenIsRefused() {
    String token = tokens.issue("player-1", Instant.now().minus(Duration.ofMinutes(5)));

    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("xpired");
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefused() {
    String token = Tokens.withRandomSecret().issue("player-1");

    assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void aTamperedSubjectIsRefused() {
    String[] parts = tokens.issue("player-1").split("\\.");
    String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"sub\":\"admin\",\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> tokens.verify(parts[0] + "." + forgedClaims + "." + parts[2]))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void anUnsignedTokenIsRefused() {
    String unsigned = new PlainJWT(new JWTClaimsSet.Builder()
        .subject("player-1")
        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
        .build()).serialize();

    assertThatThrownBy(() -> tokens.verify(unsigned)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void aTokenWithoutExpiryIsRefused() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("p").build());
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> tokens.verify(jwt.serialize()))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("exp");
  }

  @Test
  void garbageIsRefusedAsMalformed() {
    assertThatThrownBy(() -> tokens.verify("not.a.jwt")).isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> tokens.verify("")).isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> tokens.verify(null)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void aSecretShorterThan256BitsIsAConfigurationErrorThatSaysWhatToDo() {
    assertThatThrownBy(() -> Tokens.withSecret("short"))
        .isInstanceOf(CaroteneConfigurationException.class)
        .hasMessageContaining("CAROTENE_SECRET")
        .hasMessageContaining("32");
  }
}
