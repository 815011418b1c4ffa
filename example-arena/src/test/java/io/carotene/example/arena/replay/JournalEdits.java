package io.carotene.example.arena.replay;

import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.record.ValueCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;

/** Tampers with a recording's journal files, as a corrupted or forged journal would. */
final class JournalEdits {
  /** An input no simulated client sends: its bytes are found once in a journal. */
  static final Vector3 MARKER = new Vector3(1.375f, 0f, -2.625f);

  /** {@link #MARKER}'s x after {@link #changeOneByteOfTheMarker}: one bit of one byte flipped. */
  static final float CHANGED_X = 1.4375f;

  private JournalEdits() {}

  /** Changes one byte of the recorded x of the one call that sent {@link #MARKER}. */
  static void changeOneByteOfTheMarker(Path recording) {
    Bytes<?> encoded = Bytes.allocateElasticOnHeap(128);
    ValueCodec.write(encoded, MARKER);
    byte[] pattern = encoded.toByteArray();
    Bytes<?> prefix = Bytes.allocateElasticOnHeap(128);
    prefix.writeByte((byte) 'R').writeUtf8(Vector3.class.getName());
    int xThirdByte = (int) prefix.writePosition() + 1 + 2; // after the 'F' tag, little-endian
    try (Stream<Path> files = Files.list(recording)) {
      List<Path> journals = files.filter(f -> f.toString().endsWith(".cq4")).sorted().toList();
      int found = 0;
      for (Path journal : journals) {
        byte[] content = Files.readAllBytes(journal);
        for (int at = indexOf(content, pattern, 0); at >= 0; at = indexOf(content, pattern, at + 1)) {
          content[at + xThirdByte] ^= 0x08; // 0x3FB00000 (1.375) becomes 0x3FB80000 (1.4375)
          found++;
        }
        Files.write(journal, content);
      }
      if (found != 1) {
        throw new IllegalStateException("The marker call is in the journal " + found + " times, expected once");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(byte[] content, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= content.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (content[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
