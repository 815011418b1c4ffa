package io.carotene.runtime.socket;

import io.carotene.runtime.ErrorCode;
import io.carotene.runtime.limit.RateLimit;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.runtime.world.WorldThread;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers to calls a socket refuses on the IO thread, before they reach the world: frames that
 * do not decode ({@code BAD_REQUEST}) and calls beyond the rate limit ({@code RATE_LIMITED}). When
 * the world is recorded, each refusal also goes to its journal, on the world's thread and so in
 * order with what the world did ({@code DomainWorld.refused}): a decode refusal one by one (the
 * rate limit bounds them), the calls beyond the rate limit counted together, one journal event for
 * as many as came between two passes of the world's thread, so a flood costs the world one task.
 */
final class CallRefusals {
  private final DomainWorld world;
  private final WorldThread thread;
  private final Traffic traffic;
  private final String rateLimitMessage;
  /** Calls beyond the rate limit not yet told to the recording, by connection. */
  private final Map<ClientConnection, Long> beyondLimit = new ConcurrentHashMap<>();

  CallRefusals(WorldThread thread, Traffic traffic, RateLimit rateLimit) {
    this.world = thread.world();
    this.thread = thread;
    this.traffic = traffic;
    this.rateLimitMessage =
        "Too many calls: at most " + rateLimit.perSecond() + " per second, bursts of " + rateLimit.burst();
  }

  /** The error frame refusing {@code client}'s call {@code seq} (null when unknown) with {@code code}. */
  String refused(ClientConnection client, Long seq, ErrorCode code, String message) {
    if (world.recorded()) {
      thread.executeSoon(() -> world.refused(client.session(), "call", code.name(), message, 1));
    }
    return traffic.error(seq, code, message);
  }

  /** The error frame refusing {@code client}'s call {@code seq} (null when unknown) beyond its rate limit. */
  String rateLimited(ClientConnection client, Long seq) {
    if (world.recorded() && beyondLimit.merge(client, 1L, Long::sum) == 1L) {
      thread.executeSoon(() -> {
        Long count = beyondLimit.remove(client);
        world.refused(client.session(), "call", ErrorCode.RATE_LIMITED.name(), rateLimitMessage, count);
      });
    }
    return traffic.error(seq, ErrorCode.RATE_LIMITED, rateLimitMessage);
  }
}
