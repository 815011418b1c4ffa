package io.carotene.runtime.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.Session;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Issues and verifies the signed session tokens clients present at the WebSocket handshake:
 * standard JWTs signed with HS256, verified by Nimbus JOSE+JWT. A token must carry a subject (the
 * session's user id) and an expiry; a token from an identity provider signed with the same secret
 * works as well as one issued here.
 *
 * <p>Thread-safe.
 */
public final class Tokens {
  /** The environment variable that holds the shared secret. */
  public static final String SECRET_ENV = "CAROTENE_SECRET";

  /** How long a token issued without an explicit lifetime stays valid. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);

  /** How far a token's expiry may be past before it is refused: clocks of two machines differ. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  /** HS256 needs a key of at least 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final Logger LOG = Logger.getLogger(Tokens.class.getName());

  private final MACSigner signer;
  private final DefaultJWTProcessor<SecurityContext> processor;

  private Tokens(byte[] secret) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new CaroteneConfigurationException(
          "The token secret is " + secret.length + " bytes, but HS256 needs at least "
              + MIN_SECRET_BYTES + ". Set " + SECRET_ENV + " to a longer value, for example the"
              + " output of: openssl rand -base64 48");
    }
    try {
      this.signer = new MACSigner(secret);
    } catch (KeyLengthException e) {
      throw new CaroteneConfigurationException("The token secret is not usable for HS256: " + e.getMessage());
    }
    this.processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(secret.clone())));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(null, Set.of(JWTClaimNames.SUBJECT, JWTClaimNames.EXPIRATION));
    claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  /** Tokens signed with {@code secret} (its UTF-8 bytes; at least 32 of them). */
  public static Tokens withSecret(String secret) {
    Objects.requireNonNull(secret, "secret");
    return new Tokens(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** Tokens signed with a random secret: valid only for this process's lifetime. */
  public static Tokens withRandomSecret() {
    byte[] secret = new byte[MIN_SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    return new Tokens(secret);
  }

  /**
   * Tokens signed with {@code CAROTENE_SECRET}; when it is not set, with a random secret, and the
   * log says so (tokens then do not survive a restart, and no other service can issue them).
   */
  public static Tokens fromEnvironment() {
    String secret = System.getenv(SECRET_ENV);
    if (secret == null || secret.isEmpty()) {
      LOG.warning(
          SECRET_ENV + " is not set: signing session tokens with a random secret made for this run"
              + " (tokens will not survive a restart). Set " + SECRET_ENV + " to at least "
              + MIN_SECRET_BYTES + " bytes to share tokens with an identity provider.");
      return withRandomSecret();
    }
    return withSecret(secret);
  }

  /** A token for {@code subject}, valid for {@link #DEFAULT_LIFETIME}. */
  public String issue(String subject) {
    return issue(subject, Instant.now().plus(DEFAULT_LIFETIME));
  }

  /** A token for {@code subject}, valid for {@code lifetime}. */
  public String issue(String subject, Duration lifetime) {
    return issue(subject, Instant.now().plus(lifetime));
  }

  /** A token for {@code subject} that expires at {@code expiresAt} (a past instant makes an expired one). */
  public String issue(String subject, Instant expiresAt) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (subject.isBlank()) {
      throw new IllegalArgumentException("A token's subject must not be blank");
    }
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(subject)
            .issueTime(Date.from(now.isBefore(expiresAt) ? now : expiresAt.minusSeconds(1)))
            .expirationTime(Date.from(expiresAt))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("Signing a token failed: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }

  /**
   * Verifies {@code token}: its signature (HS256 with this secret), its expiry (60 s of clock skew
   * allowed) and that it names a subject.
   *
   * @return the token's subject, the session's user id
   * @throws InvalidTokenException saying why the token is refused
   */
  public String verify(String token) throws InvalidTokenException {
    return verified(token).subject();
  }

  /** What a verified token says: whose it is, and until when (the handshake closes the socket then). */
  public record Verified(String subject, Instant expiresAt) {}

  /**
   * Verifies {@code token} as {@link #verify} does, and returns its subject with its expiry.
   *
   * @throws InvalidTokenException saying why the token is refused
   */
  public Verified verified(String token) throws InvalidTokenException {
    if (token == null || token.isBlank()) {
      throw new InvalidTokenException("No token");
    }
    try {
      JWTClaimsSet claims = processor.process(token, null);
      String subject = claims.getSubject();
      if (subject == null || subject.isBlank()) {
        throw new InvalidTokenException("The token has no subject");
      }
      return new Verified(subject, claims.getExpirationTime().toInstant());
    } catch (ParseException e) {
      throw new InvalidTokenException("The token is not a well-formed JWT");
    } catch (BadJWTException e) {
      throw new InvalidTokenException("The token is not valid: " + e.getMessage());
    } catch (BadJOSEException e) {
      throw new InvalidTokenException("The token's signature or algorithm is not accepted");
    } catch (JOSEException e) {
      throw new InvalidTokenException("The token could not be verified");
    } catch (RuntimeException e) {
      // Nimbus may throw unchecked exceptions on some garbage input; it is still a bad token.
      throw new InvalidTokenException("The token is not a well-formed JWT");
    }
  }

  /** The session {@code token} proves. */
  public Session session(String token) throws InvalidTokenException {
    return Session.authenticated(verify(token));
  }

  /** Claim names, kept here so the library's constants class is not part of our surface. */
  private static final class JWTClaimNames {
    static final String SUBJECT = "sub";
    static final String EXPIRATION = "exp";
  }
}
