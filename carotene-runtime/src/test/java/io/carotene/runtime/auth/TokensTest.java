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
import java.util.List;
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

  /** A token signed with the test secret whose claims are {@code claimsJson}, exactly as written. */
  private static String signed(String claimsJson) throws Exception {
    com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(
        new JWSHeader(JWSAlgorithm.HS256), new com.nimbusds.jose.Payload(claimsJson));
    jws.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    return jws.serialize();
  }

  private static long inAnHour() {
    return Instant.now().plusSeconds(3600).getEpochSecond();
  }

  @Test
  void aSignedTokenWhoseSubjectIsANumberIsRefused() throws Exception {
    String token = signed("{\"sub\":123,\"exp\":" + inAnHour() + "}");

    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("must be a string");
  }

  @Test
  void aSignedTokenWhoseSubjectIsFortyKilobytesLongIsRefused() throws Exception {
    String token = signed("{\"sub\":\"" + "a".repeat(40_000) + "\",\"exp\":" + inAnHour() + "}");

    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("at most " + Tokens.MAX_SUBJECT_LENGTH);
  }

  @Test
  void aSubjectOfTheMaximumLengthIsAccepted() throws Exception {
    String subject = "a".repeat(Tokens.MAX_SUBJECT_LENGTH);

    assertThat(tokens.verify(signed("{\"sub\":\"" + subject + "\",\"exp\":" + inAnHour() + "}"))).isEqualTo(subject);
  }

  @Test
  void aSignedTokenWhoseSubjectContainsNulIsRefused() throws Exception {
    String token = signed("{\"sub\":\"player\\u0000-1\",\"exp\":" + inAnHour() + "}");

    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("control characters");
  }

  @Test
  void aSignedTokenThatExpiresInTheYear9999IsRefused() throws Exception {
    String token = signed("{\"sub\":\"player-1\",\"exp\":253402300799}");

    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("more than PT24H from now");
  }

  @Test
  void theMaximumLifetimeIsASettingMeasuredFromNow() throws Exception {
    String twoHours = signed("{\"sub\":\"player-1\",\"exp\":" + Instant.now().plus(Duration.ofHours(2)).getEpochSecond() + "}");

    assertThat(tokens.verify(twoHours)).isEqualTo("player-1");
    assertThatThrownBy(() -> tokens.withMaxLifetime(Duration.ofHours(1)).verify(twoHours))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("more than PT1H from now");
  }

  @Test
  void issuingATokenBeyondTheMaximumLifetimeOrForABadSubjectIsRefused() {
    assertThatThrownBy(() -> tokens.issue("player-1", Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most PT24H");
    assertThatThrownBy(() -> tokens.issue("a\u0000b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control characters");
  }

  @Test
  void theMaximumLifetimeSettingReadsUnitsAndIsoDurationsAndRefusesNonsense() {
    assertThat(Tokens.parseLifetime(null)).isEqualTo(Tokens.DEFAULT_MAX_LIFETIME);
    assertThat(Tokens.DEFAULT_MAX_LIFETIME).isEqualTo(Duration.ofHours(24));
    assertThat(Tokens.parseLifetime("90m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Tokens.parseLifetime("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(Tokens.parseLifetime("PT12H")).isEqualTo(Duration.ofHours(12));
    for (String bad : List.of("forever", "0h", "-1h", "h", "12")) {
      assertThatThrownBy(() -> Tokens.parseLifetime(bad))
          .as(bad)
          .isInstanceOf(CaroteneConfigurationException.class)
          .hasMessageContaining(Tokens.MAX_LIFETIME_ENV);
    }
  }
}
