package io.carotene.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WireJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private interface Writer {
    void write(JsonGenerator json) throws IOException;
  }

  private static String json(Writer writer) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.writeStartArray();
      writer.write(json);
      json.writeEndArray();
    }
    return out.toString();
  }

  @Test
  void aUuidIsWrittenAsItsUsualString() throws IOException {
    UUID id = UUID.randomUUID();

    String text = json(json -> WireJson.writeUuid(json, id.getMostSignificantBits(), id.getLeastSignificantBits()));

    assertThat(text).isEqualTo("[\"" + id + "\"]");
  }

  @Test
  void floatsReadBackAsTheSameFloatWithNoMoreDigitsThanJava() throws IOException {
    Random random = new Random(42);
    float[] fixed = {1f, -1f, 3f, 0.5f, 0.016f, -9.855999f, 11.39201f, 123456.79f, 1e-5f, 999999.9f, 0.1f, 5f, -0.0001f};
    for (int i = 0; i < 20_000 + fixed.length; i++) {
      float value = i < fixed.length ? fixed[i] : (random.nextFloat() - 0.5f) * (float) Math.pow(10, random.nextInt(12) - 4);

      String text = json(json -> WireJson.writeFloat(json, value));
      JsonNode parsed = MAPPER.readTree(text).get(0);

      assertThat(parsed.isNumber()).as(text).isTrue();
      assertThat(Float.parseFloat(parsed.asText())).as(text).isEqualTo(value);
      assertThat(text.length() - 2).as(text).isLessThanOrEqualTo(Math.max(Float.toString(value).length(), 3) + 2);
    }
  }

  @Test
  void doublesReadBackAsTheSameDouble() throws IOException {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      double value = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12) - 4);

      String text = json(json -> WireJson.writeDouble(json, value));

      assertThat(MAPPER.readTree(text).get(0).doubleValue()).as(text).isEqualTo(value);
    }
  }

  @Test
  void zeroAndWholeNumbersLookLikeFloats() throws IOException {
    assertThat(json(json -> WireJson.writeFloat(json, 0f))).isEqualTo("[0.0]");
    assertThat(json(json -> WireJson.writeFloat(json, 3f))).isEqualTo("[3.0]");
    assertThat(json(json -> WireJson.writeFloat(json, -10f))).isEqualTo("[-10.0]");
    assertThat(json(json -> WireJson.writeFloat(json, 0.005f))).isEqualTo("[0.005]");
  }

  @Test
  void writingFloatsAndUuidsAllocatesNothingPerValue() throws IOException {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    try (JsonGenerator json = new JsonFactory().createGenerator(OutputStream.nullOutputStream())) {
      json.writeStartArray();
      for (int i = 0; i < 20_000; i++) { // warm up: JIT, buffers, thread-local scratch
        WireJson.writeFloat(json, i * 0.37f);
        WireJson.writeUuid(json, i, -i);
      }
      long before = threads.getThreadAllocatedBytes(thread);
      for (int i = 0; i < 100_000; i++) {
        WireJson.writeFloat(json, i * 0.37f);
        WireJson.writeFloat(json, -i * 1.37e-3f);
        WireJson.writeUuid(json, i, -i);
      }
      long allocated = threads.getThreadAllocatedBytes(thread) - before;

      assertThat(allocated).as("bytes allocated for 300,000 values").isLessThan(10_000);
      json.writeEndArray();
    }
  }
}
