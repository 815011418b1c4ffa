package io.carotene.runtime.internal;

import io.carotene.runtime.CaroteneConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A persisted store's model layout as its files record it ({@code layout.txt}): the model's fields
 * in their off-heap order, {@code name type} a line, the entry size and a hash of the fields. A
 * store refuses to open files written by another layout, saying which field differs, rather than
 * read bytes it would misread.
 *
 * @param model the model's class name
 * @param entrySize the fixed encoded size, or -1
 * @param fields {@code "x float"}, in order; nested records flattened ({@code "pos.x float"})
 */
record ModelLayout(String model, int entrySize, List<String> fields) {
  static final String FILE = "layout.txt";

  ModelLayout {
    fields = List.copyOf(fields);
  }

  String hash() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(String.join("\n", fields).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String text() {
    StringBuilder text = new StringBuilder("# Carotene store layout, written by the runtime: do not edit\n");
    text.append("format 1\nmodel ").append(model).append('\n');
    text.append("entrySize ").append(entrySize).append('\n');
    text.append("hash ").append(hash()).append('\n');
    for (String field : fields) {
      text.append("field ").append(field).append('\n');
    }
    return text.toString();
  }

  /** The layout recorded in {@code directory}, or null when there is none. */
  static ModelLayout read(Path directory) {
    Path file = directory.resolve(FILE);
    if (!Files.exists(file)) {
      return null;
    }
    String model = null;
    int entrySize = 0;
    String hash = null;
    List<String> fields = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith("model ")) {
          model = line.substring(6);
        } else if (line.startsWith("entrySize ")) {
          entrySize = Integer.parseInt(line.substring(10));
        } else if (line.startsWith("hash ")) {
          hash = line.substring(5);
        } else if (line.startsWith("field ")) {
          fields.add(line.substring(6));
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new CaroteneConfigurationException(file + " cannot be read (" + e.getMessage() + ")");
    }
    ModelLayout layout = new ModelLayout(model, entrySize, fields);
    if (model == null || !layout.hash().equals(hash)) {
      throw new CaroteneConfigurationException(
          file + " is damaged or was edited: its hash does not match its fields. Restore it from a"
              + " backup, or move " + directory + " away to start this store empty.");
    }
    return layout;
  }

  /** Writes this layout to {@code directory} through a temporary file and an atomic rename. */
  void write(Path directory) {
    Path file = directory.resolve(FILE);
    Path temporary = directory.resolve(FILE + ".new");
    try {
      Files.writeString(temporary, text(), StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw TickJournal.failure("cannot write " + file, e);
    }
  }

  /** Whether {@code newer} is this layout with fields added at the end and nothing else changed. */
  boolean onlyAppendedTo(ModelLayout newer) {
    return newer.fields.size() > fields.size()
        && newer.fields.subList(0, fields.size()).equals(fields);
  }

  /**
   * Refuses to open {@code directory}, written with this layout, for a store whose model now has
   * {@code newer}: says which field changed and what to do. Nothing on disk was touched.
   */
  CaroteneConfigurationException mismatch(String store, Path directory, ModelLayout newer) {
    String fresh = " To start this store empty instead, stop the server and move " + directory
        + " away. Nothing on disk was changed.";
    if (onlyAppendedTo(newer) && entrySize > 0 && newer.entrySize <= 0) {
      return new CaroteneConfigurationException(
          store + ": its files in " + directory + " hold fixed-size entries, and " + newer.model
              + " gained " + newer.fields.subList(fields.size(), newer.fields.size()) + " at the end,"
              + " which gives it text: a store of fixed-size entries (a slab) does not migrate into"
              + " one of text (a Chronicle Map). Keep the model fixed-size (put the text in another"
              + " store, keyed by the same id), or put the model back." + fresh);
    }
    if (onlyAppendedTo(newer)) {
      return new CaroteneConfigurationException(
          store + ": its files in " + directory + " were written before " + newer.model
              + " gained " + newer.fields.subList(fields.size(), newer.fields.size())
              + " at the end. To keep the data, back up " + directory + " and start once with"
              + " CAROTENE_MIGRATE=append-fields: the new fields start at zero (0, false, the first"
              + " enum constant, empty text); see carotene-runtime/PERSISTENCE.md." + fresh);
    }
    int count = Math.max(fields.size(), newer.fields.size());
    for (int i = 0; i < count; i++) {
      String was = i < fields.size() ? "`" + fields.get(i) + "`" : "absent";
      String is = i < newer.fields.size() ? "`" + newer.fields.get(i) + "`" : "absent";
      if (!was.equals(is)) {
        return new CaroteneConfigurationException(
            store + ": its files in " + directory + " were written by another layout of "
                + newer.model + ": field " + (i + 1) + " was " + was + " and is now " + is
                + ". Carotene reads no entry with a layout it was not written with. "
                + (entrySize > 0 && newer.entrySize > 0
                    ? "Put the model back as it was, or register a StoreMigration for " + store
                        + " that builds the new entry from the old fields (CaroteneServer.Builder"
                        + ".migrate; only fields added at the end migrate by themselves, see"
                        + " carotene-runtime/PERSISTENCE.md)."
                    : "Put the model back as it was: a model with text migrates only fields added"
                        + " at the end (CAROTENE_MIGRATE=append-fields), not with a StoreMigration.")
                + fresh);
      }
    }
    return new CaroteneConfigurationException(
        store + ": its files in " + directory + " hold " + model + ", not " + newer.model + "."
            + fresh);
  }
}
