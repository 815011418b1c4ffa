package io.carotene.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;

/**
 * The types generated code names, spelled out rather than loaded: the processor does not depend
 * on the runtime, Chronicle or Jackson.
 */
final class RuntimeTypes {
  static final String PROCESSOR = "io.carotene.processor.CaroteneProcessor";

  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName FLYWEIGHT = ClassName.get("io.carotene.runtime.store", "Flyweight");
  static final ClassName STORE_VIEW = ClassName.get("io.carotene.runtime.store", "StoreView");
  static final ClassName WRITABLE_STORE = ClassName.get("io.carotene.runtime.store", "WritableStore");
  static final ClassName CALL_RESULT = ClassName.get("io.carotene.runtime", "CallResult");
  static final ClassName REJECTION = ClassName.get("io.carotene.runtime", "Rejection");
  static final ClassName SESSION = ClassName.get("io.carotene.runtime", "Session");
  static final ClassName TICK = ClassName.get("io.carotene.runtime", "Tick");
  static final ClassName WORLD = ClassName.get("io.carotene.runtime", "World");
  static final ClassName CLOCK = ClassName.get("io.carotene.runtime", "Clock");
  static final ClassName CAROTENE_APPLICATION =
      ClassName.get("io.carotene.runtime", "CaroteneApplication");

  static final ClassName INTEREST = ClassName.get("io.carotene.runtime.snapshot", "Interest");
  static final ClassName VISIBLE_STORES = ClassName.get("io.carotene.runtime.snapshot", "VisibleStores");

  static final String INTERNAL = "io.carotene.runtime.internal";
  static final ClassName CHRONICLE_STORE = ClassName.get(INTERNAL, "ChronicleStore");
  static final ClassName FLYWEIGHT_MARSHALLER = ClassName.get(INTERNAL, "FlyweightMarshaller");
  static final ClassName JSON_ARGS = ClassName.get(INTERNAL, "JsonArgs");
  static final ClassName DISPATCHER = ClassName.get(INTERNAL, "Dispatcher");
  static final ClassName OPERATION = ClassName.get(INTERNAL, "Operation");
  static final ClassName BOUND_CALL = ClassName.get(INTERNAL, "BoundCall");
  static final ClassName LOOP_REGISTRATION = ClassName.get(INTERNAL, "LoopRegistration");
  static final ClassName STORE_OPTIONS = ClassName.get(INTERNAL, "StoreOptions");
  static final ClassName GENERATED_APPLICATION = ClassName.get(INTERNAL, "GeneratedApplication");
  static final ClassName WORLD_PARTS = ClassName.get(INTERNAL, "WorldParts");
  static final ClassName WORLD_SERVICES = ClassName.get(INTERNAL, "WorldServices");
  static final ClassName BAD_ARGUMENT = ClassName.get(INTERNAL, "BadArgumentException");
  static final ClassName WIRE_JSON = ClassName.get(INTERNAL, "WireJson");
  static final ClassName WIRE_FORMAT = ClassName.get(INTERNAL, "WireFormat");
  static final ClassName WIRE_FIELD = ClassName.get(INTERNAL, "WireField");
  static final ClassName BINARY_OPERATION = ClassName.get(INTERNAL, "BinaryOperation");
  static final ClassName BINARY_ARGS = ClassName.get(INTERNAL, "BinaryArgs");
  static final ClassName QUANTIZATION = ClassName.get(INTERNAL, "Quantization");
  static final ClassName JSON_WRITABLE = ClassName.get("io.carotene.runtime", "JsonWritable");
  static final ClassName ROOM_HOOKS = ClassName.get(INTERNAL, "RoomHooks");
  static final ClassName ROOM = ClassName.get("io.carotene.runtime", "Room");
  static final ClassName LEAVE_REASON = ClassName.get("io.carotene.runtime", "LeaveReason");
  static final ClassName HTTP_ROUTE = ClassName.get(INTERNAL, "HttpRoute");
  static final ClassName HTTP_CALL = ClassName.get(INTERNAL, "HttpCall");
  static final ClassName SERVER_MAIN = ClassName.get("io.carotene.runtime.server", "ServerMain");

  static final ClassName BYTES = ClassName.get("net.openhft.chronicle.bytes", "Bytes");
  /** {@code Bytes<?>}, what codecs read from and write to. */
  static final TypeName ANY_BYTES = ParameterizedTypeName.get(BYTES, WildcardTypeName.subtypeOf(Object.class));
  static final ClassName JSON_NODE = ClassName.get("com.fasterxml.jackson.databind", "JsonNode");
  static final ClassName JSON_PARSER = ClassName.get("com.fasterxml.jackson.core", "JsonParser");
  static final ClassName JSON_TOKEN = ClassName.get("com.fasterxml.jackson.core", "JsonToken");
  static final ClassName JSON_GENERATOR =
      ClassName.get("com.fasterxml.jackson.core", "JsonGenerator");

  static final ClassName UUID = ClassName.get("java.util", "UUID");
  static final ClassName LIST = ClassName.get("java.util", "List");
  static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName IO_EXCEPTION = ClassName.get("java.io", "IOException");
  static final ClassName UNCHECKED_IO_EXCEPTION = ClassName.get("java.io", "UncheckedIOException");

  private RuntimeTypes() {}

  /** {@code @Generated("io.carotene.processor.CaroteneProcessor")}, on every generated type. */
  static AnnotationSpec generated() {
    return AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build();
  }
}
