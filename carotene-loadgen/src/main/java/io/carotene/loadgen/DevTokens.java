package io.carotene.loadgen;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session tokens signed with the server's secret ({@code CAROTENE_SECRET}), as an identity
 * provider would issue them (PROTOCOL.md, section 1: HS256, {@code sub} and {@code exp}): a
 * server of rooms has no store-free login, so the bots sign their own.
 */
final class DevTokens {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER = BASE64URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));

  private final SecretKeySpec key;

  DevTokens(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < 32) {
      throw new Options.Usage("--secret must be the server's CAROTENE_SECRET (at least 32 bytes), got " + bytes.length + " bytes");
    }
    this.key = new SecretKeySpec(bytes, "HmacSHA256");
  }

  /** A token for {@code subject} (a user id without quotes or backslashes), valid for an hour. */
  String issue(String subject) {
    long now = System.currentTimeMillis() / 1000;
    String claims = "{\"sub\":\"" + subject + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
    String unsigned = HEADER + "." + BASE64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return unsigned + "." + BASE64URL.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
