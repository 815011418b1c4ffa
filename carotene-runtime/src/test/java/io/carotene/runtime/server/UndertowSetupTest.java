package io.carotene.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import org.junit.jupiter.api.Test;

class UndertowSetupTest {
  @Test
  void byDefaultHalfTheCoresServeTheSocketsAndAtLeastOne() {
    int cores = Runtime.getRuntime().availableProcessors();
    Undertow undertow = UndertowSetup.started(0, UndertowSetup.bufferPool(), "127.0.0.1", 0, exchange -> {});
    try {
      assertThat(undertow.getWorker().getIoThreadCount()).isEqualTo(Math.max(1, cores / 2));
    } finally {
      undertow.stop();
    }
  }

  @Test
  void aChosenNumberOfIoThreadsIsKept() {
    Undertow undertow = UndertowSetup.started(3, UndertowSetup.bufferPool(), "127.0.0.1", 0, exchange -> {});
    try {
      assertThat(undertow.getWorker().getIoThreadCount()).isEqualTo(3);
    } finally {
      undertow.stop();
    }
  }
}
