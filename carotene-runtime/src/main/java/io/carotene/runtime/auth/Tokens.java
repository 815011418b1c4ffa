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

  /** The environment variable that sets {@link #maxLifetime()}: {@code 24h}, {@code 90m}, {@code 3600s}, {@code 2d} or ISO-8601 ({@code PT24H}). */
  public static final String MAX_LIFETIME_ENV = "CAROTENE_TOKEN_MAX_LIFETIME";

  /**
   * How far in the future a token's expiry may be by default: a token signed to last for years
   * (a leaked one, or a mistake of an issuer) is refused rather than honoured until then.
   */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

  /** The longest subject (user id) a token may carry, in characters. */
  public static final int MAX_SUBJECT_LENGTH = 256;

  /** HS256 needs a key of at least 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final Logger LOG = Logger.getLogger(Tokens.class.getName());

  private final byte[] secret;
  private final Duration maxLifetime;
  private final MACSigner signer;
  private final DefaultJWTProcessor<SecurityContext> processor;

  private Tokens(byte[] secret, Duration maxLifetime) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new CaroteneConfigurationException(
          "The token secret is " + secret.length + " bytes, but HS256 needs at least "
              + MIN_SECRET_BYTES + ". Set " + SECRET_ENV + " to a longer value, for example the"
              + " output of: openssl rand -base64 48");
    }
    if (maxLifetime.isNegative() || maxLifetime.isZero()) {
      throw new CaroteneConfigurationException("A token's maximum lifetime must be positive, got " + maxLifetime);
    }
    this.secret = secret.clone();
    this.maxLifetime = maxLifetime;
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
    return new Tokens(secret.getBytes(StandardCharsets.UTF_8), DEFAULT_MAX_LIFETIME);
  }

  /**
   * These tokens, verified with another maximum lifetime: a token whose {@code exp} is further
   * than {@code maxLifetime} from now (beyond the clock skew) is refused.
   */
  public Tokens withMaxLifetime(Duration maxLifetime) {
    return new Tokens(secret, Objects.requireNonNull(maxLifetime, "maxLifetime"));
  }

  /** How far in the future a token's expiry may be; {@link #DEFAULT_MAX_LIFETIME} unless set. */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /** Tokens signed with a random secret: valid only for this process's lifetime. */
  public static Tokens withRandomSecret() {
    byte[] secret = new byte[MIN_SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    return new Tokens(secret, DEFAULT_MAX_LIFETIME);
  }

  /**
   * Tokens signed with {@code CAROTENE_SECRET}; when it is not set, with a random secret, and the
   * log says so (tokens then do not survive a restart, and no other service can issue them).
   */
  public static Tokens fromEnvironment() {
    Duration maxLifetime = parseLifetime(System.getenv(MAX_LIFETIME_ENV));
    String secret = System.getenv(SECRET_ENV);
    if (secret == null || secret.isEmpty()) {
      LOG.warning(
          SECRET_ENV + " is not set: signing session tokens with a random secret made for this run"
              + " (tokens will not survive a restart). Set " + SECRET_ENV + " to at least "
              + MIN_SECRET_BYTES + " bytes to share tokens with an identity provider.");
      return withRandomSecret().withMaxLifetime(maxLifetime);
    }
    return withSecret(secret).withMaxLifetime(maxLifetime);
  }

  /**
   * {@code CAROTENE_TOKEN_MAX_LIFETIME}'s value: a number with a unit ({@code s}, {@code m},
   * {@code h}, {@code d}) or an ISO-8601 duration; {@link #DEFAULT_MAX_LIFETIME} when unset.
   */
  static Duration parseLifetime(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_MAX_LIFETIME;
    }
    String trimmed = text.trim();
    try {
      Duration lifetime;
      if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
        lifetime = Duration.parse(trimmed);
      } else {
        long amount = Long.parseLong(trimmed.substring(0, trimmed.length() - 1));
        lifetime = switch (Character.toLowerCase(trimmed.charAt(trimmed.length() - 1))) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          case 'd' -> Duration.ofDays(amount);
          default -> throw new NumberFormatException();
        };
      }
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new NumberFormatException();
      }
      return lifetime;
    } catch (RuntimeException e) { // NumberFormatException, DateTimeParseException, an empty number
      throw new CaroteneConfigurationException(MAX_LIFETIME_ENV + " must be a positive duration such as 24h, 90m,"
          + " 3600s, 2d or PT24H, got '" + text + "'");
    }
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
    String problem = subjectProblem(subject);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    Instant now = Instant.now();
    if (expiresAt.isAfter(now.plus(maxLifetime))) {
      throw new IllegalArgumentException("A token may last at most " + maxLifetime + " (" + MAX_LIFETIME_ENV
          + "); asked to expire at " + expiresAt);
    }
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
   * allowed, and at most {@link #maxLifetime()} from now) and that its subject is a string of 1 to
   * {@value #MAX_SUBJECT_LENGTH} characters without control characters.
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
      // Nimbus turns a numeric "sub" into a string; the claim as signed must be one.
      Object rawSubject = SignedJWT.parse(token).getPayload().toJSONObject().get(JWTClaimNames.SUBJECT);
      if (!(rawSubject instanceof String subject)) {
        throw new InvalidTokenException("The token's subject (sub) must be a string");
      }
      String problem = subjectProblem(subject);
      if (problem != null) {
        throw new InvalidTokenException(problem);
      }
      Instant expiresAt = claims.getExpirationTime().toInstant();
      if (expiresAt.isAfter(Instant.now().plus(maxLifetime).plus(CLOCK_SKEW))) {
        throw new InvalidTokenException("The token expires at " + expiresAt + ", more than " + maxLifetime
            + " from now (" + MAX_LIFETIME_ENV + "); ask for a token that expires sooner");
      }
      return new Verified(subject, expiresAt);
    } catch (InvalidTokenException e) {
      throw e;
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

  /** Why {@code subject} cannot be a token's subject, or null when it can. */
  private static String subjectProblem(String subject) {
    if (subject.isBlank()) {
      return "The token's subject (sub) must not be blank";
    }
    if (subject.length() > MAX_SUBJECT_LENGTH) {
      return "The token's subject (sub) is " + subject.length() + " characters long; at most " + MAX_SUBJECT_LENGTH;
    }
    if (subject.chars().anyMatch(Character::isISOControl)) {
      return "The token's subject (sub) must not contain control characters";
    }
    return null;
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
