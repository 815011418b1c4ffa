package io.carotene.processor.diagnostics;

import java.util.Locale;

/**
 * Every diagnostic the processor reports, each with a stable id that appears in the message as
 * {@code [Carotene/Id]}. Tests assert on these constants, never on copied text; the id of a check
 * never changes once released, so users can search for it.
 *
 * <p>Templates use {@link String#format} placeholders.
 */
public enum Message {
  // Loops
  LOOP_PERIOD(
      "LoopPeriod",
      "@Loop(every = \"%s\") is not a period: write a positive whole number followed by us, ms, s"
          + " or m, for example \"16ms\" or \"1s\""),
  LOOP_PERIOD_ZERO(
      "LoopPeriodZero",
      "@Loop(every = \"%s\") is zero: a loop needs a positive period, for example \"16ms\""),
  LOOP_PERIOD_TOO_SHORT(
      "LoopPeriodTooShort",
      "@Loop(every = \"%s\") is shorter than 1ms, which no world thread can keep up with; use at"
          + " least \"1ms\""),
  LOOP_RESULT_IGNORED(
      "LoopResultIgnored",
      "Loop %s returns %s, which nothing reads; make it return void"),
  LOOP_PARAMETER(
      "LoopParameter",
      "Loop %s cannot be given parameter '%s' of type %s: a loop may take only"
          + " io.carotene.runtime.Tick, Rng and Ids and the domain's store (…Store) or view (…View) types"),

  // Determinism: what a replay cannot repeat (warnings)
  NONDETERMINISTIC_TIME(
      "NondeterministicTime",
      "%s calls %s, which reads the machine's time, so a replay of this world sees other values;"
          + " use the Tick's scheduledNanos() or the world's clock()"),
  NONDETERMINISTIC_RANDOM(
      "NondeterministicRandom",
      "%s uses %s, which gives other numbers on every run, so a replay diverges; take an"
          + " io.carotene.runtime.Rng parameter, the world's seeded random source"),
  NONDETERMINISTIC_ID(
      "NondeterministicId",
      "%s calls %s, which gives another id on every run, so a replay diverges; take an"
          + " io.carotene.runtime.Ids parameter and call ids.nextUuid()"),
  PLATFORM_MATH(
      "PlatformMath",
      "%s calls %s, which may give other bits on another JVM or CPU (an intrinsic), so a replay"
          + " elsewhere diverges; call StrictMath.%s, bit-exact everywhere"),
  PARALLEL_STREAM(
      "ParallelStream",
      "%s calls %s: a parallel stream runs on other threads in no fixed order, off the world's"
          + " thread; use a sequential stream"),
  HASH_ITERATION_ORDER(
      "HashIterationOrder",
      "%s walks %s, a HashMap or HashSet whose order depends on hash codes (identity hashes differ"
          + " on every run); use a LinkedHashMap, LinkedHashSet or TreeMap, or sort first"),

  // Socket handlers and guards
  DUPLICATE_OPERATION(
      "DuplicateOperation",
      "Operation \"%s\" is already handled by %s in %s; give one of them another name with"
          + " @Socket(\"...\")"),
  SESSION_USER_MATCHES_PARAMETER(
      "SessionUserMatchesParameter",
      "@SessionUserMatches(\"%s\") names no argument of %s; the arguments a client sends it are %s"),
  SESSION_USER_MATCHES_NOT_ARGUMENT(
      "SessionUserMatchesNotArgument",
      "@SessionUserMatches(\"%s\") must name an argument of the call (an id the client sends), not"
          + " a parameter the runtime supplies"),
  UNSUPPORTED_ARGUMENT_TYPE(
      "UnsupportedArgumentType",
      "Handler %s cannot take argument '%s' of type %s from a client; supported: primitives and"
          + " their boxes, String, UUID, enums and records of these, plus the runtime-supplied"
          + " io.carotene.runtime.Session (and, in a socket handler, io.carotene.runtime.Room) and"
          + " the domain's store or view types"),
  SESSION_USER_MATCHES_TYPE(
      "SessionUserMatchesType",
      "@SessionUserMatches(\"%s\") compares a %s with the session's user id as text, which is"
          + " unlikely to ever match; name a UUID, String, long or int parameter"),
  GUARD_WITHOUT_SOCKET(
      "GuardWithoutSocket",
      "@%s guards a socket handler or HTTP route, but %s has neither @Socket nor @Http; add one or"
          + " remove the guard"),
  UNSUPPORTED_RETURN_TYPE(
      "UnsupportedReturnType",
      "%s returns %s, which the protocol cannot carry%s; supported: void, primitives and their"
          + " boxes, String, UUID, enums, records of these and List<...> of these"),

  // HTTP routes
  HTTP_PATH(
      "HttpPath",
      "@Http(path = \"%s\") is not a path template: %s; write it like \"/api/players/{id}\""),
  HTTP_PATH_PARAMETER(
      "HttpPathParameter",
      "@Http(path = \"%s\") has the segment {%s}, but %s has no argument of that name; its"
          + " parameters are %s"),
  HTTP_ARGUMENT_NOT_TEXT(
      "HttpArgumentNotText",
      "Route %s reads argument '%s' of type %s from the %s, which carries only text; take a record"
          + " in the JSON body of a POST, PUT or PATCH route instead"),
  DUPLICATE_ROUTE(
      "DuplicateRoute",
      "Route %s is already served by %s.%s; give one of them another path or method"),
  HTTP_WITH_LOOP_OR_SOCKET(
      "HttpWithLoopOrSocket",
      "%s is both an @Http route and a @%s; split it into two methods"),

  // Room lifecycle hooks
  HOOK_PARAMETER(
      "HookParameter",
      "%s cannot be given parameter '%s' of type %s: a lifecycle hook may take"
          + " io.carotene.runtime.Room, Rng, Ids, Session (@OnJoinAttempt, @OnJoin, @OnLeave), LeaveReason"
          + " (@OnLeave), one options record (@OnCreate, @OnJoinAttempt) and the domain's store"
          + " (…Store) or view (…View) types"),
  HOOK_OPTIONS_NOT_RECORD(
      "HookOptionsNotRecord",
      "%s takes options '%s' of type %s; options are decoded from a JSON object, so take a record"
          + " (for example record ArenaOptions(String mode))"),
  HOOK_OPTIONS_TWICE(
      "HookOptionsTwice",
      "%s takes %s options records (%s); a room's options are one JSON object: take one record"),
  HOOK_RESULT(
      "HookResult",
      "%s returns %s, which nothing reads; make it return void (refuse a join by throwing"
          + " io.carotene.runtime.Rejection)"),
  DUPLICATE_HOOK(
      "DuplicateHook",
      "Backend %s has two @%s methods (%s and %s); keep one, it may do both things"),
  HOOK_WITH_OTHER(
      "HookWithOther",
      "%s is both a @%s hook and a @%s; a method has one role: split it"),

  // Store scopes
  SERVER_STORE_IN_ROOM(
      "ServerStoreInRoom",
      "%s cannot be given parameter '%s' of type %s: store %s is scope = Scope.SERVER (one per"
          + " process, outside every room), which only a top-level @Http route may take; read it"
          + " from an @Http route, or make the store Scope.ROOM"),
  SERVER_STORE_VISIBLE(
      "ServerStoreVisible",
      "Store %s is scope = Scope.SERVER and visible to clients, but snapshots are a room's: its"
          + " entries would reach no client. Remove @Visible (serve it from an @Http route), or make"
          + " it Scope.ROOM"),
  ROUTE_MIXES_SCOPES(
      "RouteMixesScopes",
      "Route %s takes server-scoped store %s and room store %s: a route runs either process-wide"
          + " (server stores) or in one room, under /rooms/{roomId}/ (room stores), not both; split"
          + " it into two routes"),

  // Loops and handlers alike
  PRIVATE_METHOD(
      "PrivateMethod",
      "@%s method %s must not be private: the generated dispatcher calls it directly; make it"
          + " package-private"),
  OUTSIDE_BACKEND(
      "OutsideBackend",
      "@%s method %s is in %s, which is not a @Backend; annotate the class with @Backend"),
  LOOP_AND_SOCKET(
      "LoopAndSocket",
      "%s is both a @Loop and a @Socket handler; split it into two methods"),
  CHECKED_EXCEPTION(
      "CheckedException",
      "%s declares checked exception %s, which the generated dispatcher cannot handle; catch it in"
          + " the method or throw an unchecked exception (io.carotene.runtime.Rejection to refuse a"
          + " call)"),
  BACKEND_NOT_INSTANTIABLE(
      "BackendNotInstantiable",
      "Backend %s cannot be created by the generated application: %s"),
  BACKEND_SPANS_DOMAINS(
      "BackendSpansDomains",
      "Backend %s uses stores of several domains (%s); a backend belongs to one domain's world,"
          + " so split it"),
  BACKEND_WITHOUT_DOMAIN(
      "BackendWithoutDomain",
      "Backend %s uses no store and %s; take a store or view parameter to say which domain it"
          + " belongs to"),

  // Domains, stores and models
  MISSING_ID(
      "MissingId",
      "Store model %s has no @Id component; mark the component that identifies an entry, for"
          + " example record %s(@Id UUID id, ...)"),
  DUPLICATE_ID(
      "DuplicateId",
      "Store model %s has more than one @Id component (%s); keep @Id on exactly one"),
  UNSUPPORTED_ID_TYPE(
      "UnsupportedIdType",
      "The @Id of %s has type %s; a store id must be UUID, String, long or int"),
  UNSUPPORTED_COMPONENT_TYPE(
      "UnsupportedComponentType",
      "Component %s of %s has type %s, which a Carotene model cannot hold; supported: boolean,"
          + " byte, short, char, int, long, float, double, String, java.util.UUID, enums, and"
          + " records of these"),
  RECURSIVE_MODEL(
      "RecursiveModel",
      "Component %s of %s contains %s again; a model is a fixed tree of values, so it cannot"
          + " contain itself"),
  GENERIC_MODEL(
      "GenericModel",
      "Model %s is generic; a Carotene model must be a plain record without type parameters"),
  RESERVED_COMPONENT_NAME(
      "ReservedComponentName",
      "Component %s of %s clashes with the generated flyweight's %s; rename the component"),
  PRIVATE_TYPE(
      "PrivateType",
      "%s must not be private: generated code in its package uses it; make it package-private or"
          + " public"),
  QUANTIZED_TYPE(
      "QuantizedType",
      "@Quantized on %s, of type %s, has nothing to quantize: put it on a float or double"
          + " component, or on a record of them (it then applies to every float and double inside)"),
  QUANTIZED_RANGE(
      "QuantizedRange",
      "@Quantized(min = %s, max = %s) on %s is not a range: min and max must be finite, and min"
          + " less than max"),
  QUANTIZED_PRECISION(
      "QuantizedPrecision",
      "@Quantized(precision = %s) on %s must be positive and finite: it is the step between two"
          + " values a client can tell apart%s"),
  QUANTIZED_TOO_MANY_STEPS(
      "QuantizedTooManySteps",
      "@Quantized on %s makes %s steps of %s, more than 4 bytes hold (4,294,967,295); use a"
          + " precision of at least %s, or a narrower range"),
  QUANTIZED_TWICE(
      "QuantizedTwice",
      "@Quantized on %s covers %s, which has a @Quantized of its own; keep one of them"),
  STORE_MODEL_NOT_RECORD(
      "StoreModelNotRecord",
      "@Store(model = %s) is not a record; a store holds records, for example record Player(@Id"
          + " UUID id, ...)"),
  STORE_CAPACITY(
      "StoreCapacity",
      "@Store(capacity = %s) must be positive: it is the most entries the store is sized for"),
  DOMAIN_NAME(
      "DomainName",
      "@Domain(\"%s\") is not a Java identifier, but it names the generated types (%sApplication,"
          + " %sServer); use letters and digits, for example @Domain(\"Tag\")"),
  VISIBLE_RADIUS(
      "VisibleRadius",
      "@Visible(radius = %s) must be a positive, finite distance; leave it out (0) to send every"
          + " entry to every client"),
  VISIBLE_COORDINATE(
      "VisibleCoordinate",
      "@Visible(%s = \"%s\") %s; name a float or double component of %s, through nested records"
          + " with dots, for example \"position.%s\""),
  VISIBLE_IF_SIGNATURE(
      "VisibleIfSignature",
      "@VisibleIf method %s must be declared static boolean %s(String viewerUserId, %s entry) (or"
          + " take the model %s instead of its flyweight)"),
  VISIBLE_VARIABLE_SIZE(
      "VisibleVariableSize",
      "Store %s declares %s, but its model %s has a variable size (a String), and such a store goes"
          + " whole to every client that may see it; declare @Visible (everyone), or keep the hidden"
          + " part in a fixed-size model"),
  VISIBLE_TWICE(
      "VisibleTwice",
      "Store %s declares what clients see twice (%s); keep @Visible or one @VisibleIf method"),
  STORE_OUTSIDE_DOMAIN(
      "StoreOutsideDomain",
      "@Store %s must be declared inside a @Domain interface"),
  STORE_NOT_INTERFACE(
      "StoreNotInterface",
      "@Store %s must be an interface, for example @Store(model = Player.class) interface"
          + " GameWorld {}"),
  GENERATED_NAME_CLASH(
      "GeneratedNameClash",
      "%s would generate %s, which %s generates too; rename one of them"),
  UNRESOLVED_TYPE(
      "UnresolvedType",
      "%s refers to type %s, which does not exist (and no Carotene store or view of that name was"
          + " generated); check the name and the @Store declarations"),
  WRITE_FAILED("WriteFailed", "Could not write %s: %s"),
  INTERNAL_ERROR(
      "InternalError",
      "The Carotene processor failed on %s (a bug in Carotene; please report it): %s"),
  LATE_ELEMENT(
      "LateElement",
      "%s appeared after the Carotene application index was written; generate it in an earlier"
          + " round or write it by hand");

  private final String id;
  private final String template;

  Message(String id, String template) {
    this.id = id;
    this.template = template;
  }

  /** The stable id, as it appears between brackets: {@code Carotene/LoopPeriod}. */
  public String id() {
    return "Carotene/" + id;
  }

  /** The prefix every message with this id starts with: {@code [Carotene/LoopPeriod]}. */
  public String tag() {
    return "[" + id() + "]";
  }

  /** The full text: the tag, then the template filled with {@code args}. */
  public String format(Object... args) {
    return tag() + " " + String.format(Locale.ROOT, template, args);
  }
}
