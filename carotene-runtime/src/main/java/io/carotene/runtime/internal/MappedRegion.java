package io.carotene.runtime.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.io.IOTools;

/**
 * A file mapped into memory, read and written through its address. Stores to it are in the page
 * cache as soon as they are made, so they outlive a killed process; only {@link #force()} (or the
 * kernel's own write-back) puts them on the disk, which is what a power loss would need.
 */
final class MappedRegion implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private MappedByteBuffer buffer;
  /** Mappings a {@link #remap} replaced: unmapped only at close, as a stale address may still be read until then. */
  private final List<MappedByteBuffer> superseded = new ArrayList<>();
  private BytesStore<?, ?> store;
  private long address;

  private MappedRegion(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Maps {@code size} bytes of {@code file}, creating it or growing it (with zeros) as needed. */
  static MappedRegion map(Path file, long size) {
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw TickJournal.failure("cannot open " + file, e);
    }
    MappedRegion region = new MappedRegion(file, channel);
    try {
      region.remap(size);
    } catch (RuntimeException e) {
      region.close();
      throw e;
    }
    return region;
  }

  /** The file's current length on disk. */
  static long lengthOf(MappedRegion region) {
    try {
      return region.channel.size();
    } catch (IOException e) {
      throw TickJournal.failure("cannot read the size of " + region.file, e);
    }
  }

  /** Maps {@code size} bytes, growing the file if it is shorter. The old address is invalid after. */
  void remap(long size) {
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(file + ": a mapped region is at most 2 GiB, " + size + " asked");
    }
    try {
      // Zeros written, not a sparse file: a full disk fails here, at start-up, not in a tick.
      ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
      for (long at = channel.size(); at < size; ) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
        at += channel.write(zeros, at);
      }
      MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
      if (buffer != null) {
        superseded.add(buffer);
      }
      buffer = mapped;
    } catch (IOException e) {
      throw TickJournal.failure("cannot map " + size + " bytes of " + file, e);
    }
    store = BytesStore.wrap(buffer);
    address = store.addressForRead(0);
  }

  Path file() {
    return file;
  }

  long address() {
    return address;
  }

  long size() {
    return buffer.capacity();
  }

  BytesStore<?, ?> store() {
    return store;
  }

  /** Writes the mapped pages to the disk: for a clean shutdown, not for each tick. */
  void force() {
    buffer.force();
  }

  /**
   * Closes the file and unmaps it at once (not when the buffer is collected): a room opened and
   * disposed again and again must not pile up mappings. Nothing may read the region afterwards.
   */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // unmapped below all the same
    }
    if (buffer != null) {
      superseded.forEach(IOTools::clean);
      superseded.clear();
      IOTools.clean(buffer);
      buffer = null;
      store = null;
      address = 0;
    }
  }
}
