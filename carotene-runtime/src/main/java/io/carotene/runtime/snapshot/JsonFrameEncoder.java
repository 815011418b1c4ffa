package io.carotene.runtime.snapshot;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.FlyweightMarshaller;
import io.carotene.runtime.store.Flyweight;
import io.carotene.runtime.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSON snapshots (PROTOCOL.md, section 4), two ways: with no store behind an interest, one body
 * (the stores' part) shared by every JSON client, behind each client's own {@code tick}/{@code ack}
 * prefix; otherwise each client's own frame, the entries' JSON the trackers captured this tick
 * copied into its reused buffer. World thread only; no allocation per entity or client.
 */
final class JsonFrameEncoder {
  private static final byte[] TYPE_AND_TICK = "{\"type\":\"snapshot\",\"tick\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ACK = ",\"ack\":".getBytes(StandardCharsets.US_ASCII);

  private final StoreTracker[] trackers;
  private final boolean[] unfiltered;
  private final List<ChronicleStore<?, ?, ?>> stores;
  /** Per store: {@code ,"Name":}. */
  private final byte[][] storeNames;
  private final JsonFactory jsonFactory = Json.MAPPER.getFactory();

  JsonFrameEncoder(StoreTracker[] trackers, boolean[] unfiltered, List<ChronicleStore<?, ?, ?>> stores) {
    this.trackers = trackers;
    this.unfiltered = unfiltered;
    this.stores = stores;
    this.storeNames = new byte[trackers.length][];
    for (int i = 0; i < trackers.length; i++) {
      try {
        storeNames[i] = ("," + Json.MAPPER.writeValueAsString(trackers[i].layout().name()) + ":")
            .getBytes(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Captures {@code tracker} for {@code tick}, with each entry's JSON into its {@link StoreTracker#jsonSink()}. */
  void captureWithJson(StoreTracker tracker, long tick) throws IOException {
    try (JsonGenerator json = jsonFactory.createGenerator(tracker.jsonSink(), JsonEncoding.UTF8)) {
      json.setRootValueSeparator(null);
      tracker.capture(tick, json);
    }
  }

  /** The stores' part, {@code ,"GameWorld":[{...},...]}}, into {@code shared}. */
  void encodeShared(ByteSink shared) throws IOException {
    shared.reset();
    try (JsonGenerator json = jsonFactory.createGenerator(shared, JsonEncoding.UTF8)) {
      // The generator writes members after the per-client prefix, so it starts inside an object.
      json.writeStartObject();
      for (ChronicleStore<?, ?, ?> store : stores) {
        json.writeArrayFieldStart(store.name());
        writeEntries(store, json);
        json.writeEndArray();
      }
      json.writeEndObject();
    }
  }

  private static <K, M extends Record, F extends Flyweight<M>> void writeEntries(
      ChronicleStore<K, M, F> store, JsonGenerator json) {
    FlyweightMarshaller<F> codec = store.codec();
    store.readEach(entry -> {
      try {
        codec.writeJson(json, entry);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** This client's own JSON snapshot, when some store is filtered by an interest. */
  ByteBuffer encodeOwn(Subscriber client, long tick) {
    int bound = SharedBody.MAX_PREFIX + 2;
    for (int s = 0; s < trackers.length; s++) {
      StoreTracker tracker = trackers[s];
      // name (escaped at worst 6 bytes a char), brackets, the entries' JSON, and a comma between each two
      bound += tracker.layout().name().length() * 6 + 8 + tracker.jsonSink().size() + tracker.liveCount();
      if (!unfiltered[s]) {
        tracker.visible(client.viewerIds[s], client.outbox.userId(), client.visible[s]);
      }
    }
    ByteBuffer out = client.frame(bound);
    out.put(TYPE_AND_TICK);
    SharedBody.putDecimal(out, tick);
    out.put(ACK);
    SharedBody.putDecimal(out, client.lastAppliedSeq());
    for (int s = 0; s < trackers.length; s++) {
      StoreTracker tracker = trackers[s];
      out.put(storeNames[s]);
      out.put((byte) '[');
      if (tracker.layout().mode() != StoreLayout.Mode.DELTA) {
        out.put(tracker.jsonSink().array(), 0, tracker.jsonSink().size());
      } else {
        int[] seen = unfiltered[s] ? tracker.live() : client.visible[s].array();
        int seenCount = unfiltered[s] ? tracker.liveCount() : client.visible[s].size();
        byte[] json = tracker.jsonSink().array();
        for (int i = 0; i < seenCount; i++) {
          if (i > 0) {
            out.put((byte) ',');
          }
          out.put(json, tracker.jsonOffset(seen[i]), tracker.jsonLength(seen[i]));
        }
      }
      out.put((byte) ']');
    }
    out.put((byte) '}');
    out.flip();
    return out;
  }
}
