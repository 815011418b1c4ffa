package io.carotene.runtime.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An outage is logged once, and only a request sent after it began ends it. */
class SidecarOutageTest {
  private static final Logger LOG = Logger.getLogger(AgonesFleet.class.getName());
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void listen() {
    LOG.addHandler(capture);
  }

  @AfterEach
  void release() {
    LOG.removeHandler(capture);
  }

  @Test
  void aRequestUnderWayWhenTheSidecarWentAwayDoesNotEndTheOutage() {
    SidecarOutage outage = new SidecarOutage("localhost:9358");
    long pingSent = System.nanoTime();
    outage.failed(new AgonesException("GET /watch/gameserver broke off", 0, null));

    outage.answered(pingSent); // sent before the outage began, answered as the sidecar shut down
    outage.failed(new AgonesException("POST /health failed", 0, null));
    outage.answered(System.nanoTime());

    assertThat(logged).hasSize(2);
    assertThat(logged.get(0)).contains("does not answer").contains("broke off");
    assertThat(logged.get(1)).contains("answers again, after 2 failed requests");
    assertThat(outage.ongoing()).isFalse();
  }

  @Test
  void aNewOutageAfterAnAnswerIsLoggedAgain() {
    SidecarOutage outage = new SidecarOutage("localhost:9358");
    outage.failed(new AgonesException("POST /ready failed", 0, null));
    outage.answered(System.nanoTime());
    outage.failed(new AgonesException("POST /health failed", 0, null));

    assertThat(logged).filteredOn(message -> message.contains("does not answer")).hasSize(2);
    assertThat(outage.ongoing()).isTrue();
  }
}
