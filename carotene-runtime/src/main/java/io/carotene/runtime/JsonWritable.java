package io.carotene.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A value's JSON form, written without reflection: generated dispatchers pair each handler's and
 * route's return value with one ({@code json -> LoginResponseJson.toJson(json, result)}), and the
 * server calls it to write a reply's {@code "result"} or a route's response body.
 */
@FunctionalInterface
public interface JsonWritable {
  /** Writes exactly one JSON value (an object, array, string, number, boolean or null). */
  void writeJson(JsonGenerator json) throws IOException;
}
