package io.carotene.processor.writing;

import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.ComponentModel;
import io.carotene.processor.model.DomainModel;
import io.carotene.processor.model.HandlerModel;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.RecordModel;
import io.carotene.processor.model.RouteModel;
import io.carotene.processor.model.StoreModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes a domain's TypeScript client as static files of the jar, which the server serves: {@code
 * public/carotene/<domain>.js} with its types in {@code <domain>.d.ts} (the domain's name in lower
 * case: {@code /carotene/arena.js}), and beside them the game-independent runtime they import,
 * {@code carotene-client.js} and {@code carotene-prediction.js} with their {@code .d.ts}, and the
 * modules those import (resources of the processor, copied as is). Plain
 * ES modules: a browser imports them from the server, Node from the build's output or a copy.
 */
final class TypeScriptClientWriter {
  static final String DIRECTORY = "public/carotene/";
  static final String RUNTIME = "carotene-client";
  /** The runtime's modules a domain re-exports, each with its types: connection; prediction and interpolation. */
  static final List<String> RUNTIME_MODULES = List.of(RUNTIME, "carotene-prediction");
  /**
   * The modules those import, without types of their own ({@code carotene-client.d.ts} declares
   * what {@code carotene-client.js} re-exports): HTTP and errors; binary decoding; reconnection rules.
   */
  static final List<String> INTERNAL_MODULES = List.of("carotene-http", "carotene-decode", "carotene-reconnect");
  private static final Pattern PATH_NAME = Pattern.compile("\\{([^/}]+)}");

  private TypeScriptClientWriter() {}

  /** The runtime's files, once per compilation. */
  static void writeRuntime(Filer filer, List<Element> originating) throws IOException {
    for (String module : RUNTIME_MODULES) {
      copy(filer, module + ".js", originating);
      copy(filer, module + ".d.ts", originating);
    }
    for (String module : INTERNAL_MODULES) {
      copy(filer, module + ".js", originating);
    }
  }

  private static void copy(Filer filer, String file, List<Element> originating) throws IOException {
    String resource = "/io/carotene/processor/client/" + file;
    try (InputStream in = TypeScriptClientWriter.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("the processor jar lacks " + resource);
      }
      write(filer, DIRECTORY + file, new String(in.readAllBytes(), StandardCharsets.UTF_8), originating);
    }
  }

  /** The domain's module and its declarations. */
  static void write(Filer filer, DomainModel domain, List<BackendModel> backends, List<Element> originating)
      throws IOException {
    String file = DIRECTORY + fileName(domain);
    TypeScriptTypes types = new TypeScriptTypes(domain, backends);
    write(filer, file + ".js", javaScript(domain, backends, types), originating);
    write(filer, file + ".d.ts", declarations(domain, backends, types), originating);
  }

  /** {@code Arena} → {@code arena}: the module's file name without extension. */
  static String fileName(DomainModel domain) {
    return domain.name().toLowerCase(Locale.ROOT);
  }

  private static String javaScript(DomainModel domain, List<BackendModel> backends, TypeScriptTypes types) {
    String name = domain.name();
    StringBuilder out = new StringBuilder(header(domain));
    out.append("import { CaroteneClient, createRoom, joinOrCreate, joinRoomById, listRooms, request } from './")
        .append(RUNTIME).append(".js';\n");
    reexports(out);
    out.append("/** What the runtime needs to know of the domain: its stores, their ids, their enums. */\n");
    out.append("export const ").append(name).append("Domain = Object.freeze({\n");
    out.append("  name: '").append(name).append("',\n  stores: [");
    out.append(String.join(", ", TypeScriptTypes.quoted(TypeScriptTypes.visibleStores(domain).stream().map(StoreModel::name).toList())));
    out.append("],\n  ids: {");
    List<String> ids = new ArrayList<>();
    for (StoreModel store : TypeScriptTypes.visibleStores(domain)) {
      ids.add(" " + store.name() + ": '" + store.id().name() + "'");
    }
    out.append(String.join(",", ids)).append(" },\n  enums: {");
    List<String> enums = new ArrayList<>();
    for (StoreModel store : TypeScriptTypes.visibleStores(domain)) {
      List<String> fields = new ArrayList<>();
      enumFields(store.model(), "", types, fields);
      enums.add(" " + store.name() + ": {" + String.join(",", fields) + (fields.isEmpty() ? "}" : " }"));
    }
    out.append(String.join(",", enums)).append(" },\n});\n\n");

    out.append("/** A connection to a server of ").append(name).append(", with one method per socket operation. */\n");
    out.append("export class ").append(name).append("Client extends CaroteneClient {\n");
    out.append("  constructor(options) {\n    super(options, ").append(name).append("Domain);\n  }\n");
    for (HandlerModel handler : TypeScriptTypes.handlers(backends)) {
      List<String> arguments = handler.arguments().stream().map(Parameter::name).toList();
      out.append("\n  /** `").append(handler.operation()).append("`: resolves with the reply's result, rejects with a CaroteneError. */\n");
      out.append("  ").append(handler.methodName()).append("(").append(String.join(", ", arguments)).append(") {\n");
      out.append("    return this.call('").append(handler.operation()).append("', { ")
          .append(String.join(", ", arguments)).append(arguments.isEmpty() ? "});\n  }\n" : " });\n  }\n");
    }
    out.append("}\n\n");

    out.append("/** The HTTP routes of ").append(name).append(", one method each; `token` is sent as a Bearer token. */\n");
    out.append("export class ").append(name).append("Api {\n");
    out.append("  constructor(url, options = {}) {\n    this.url = url;\n    this.token = options.token;\n  }\n");
    for (Matchmaking method : matchmaking(backends)) {
      out.append('\n').append(docComment("`" + method.route() + "`: " + method.doc()))
          .append("  ").append(method.name()).append("(").append(method.jsParameters()).append(") {\n")
          .append("    return ").append(method.function()).append("(this.url, this.token, ").append(method.jsArguments())
          .append(");\n  }\n");
    }
    for (RouteModel route : TypeScriptTypes.routes(backends)) {
      List<String> arguments = route.parameters().stream()
          .filter(Parameter.ArgumentParameter.class::isInstance).map(Parameter::name).toList();
      List<String> rest = arguments.stream().filter(a -> !route.pathNames().contains(a)).toList();
      out.append("\n  /** `").append(route.display()).append("` */\n");
      out.append("  ").append(route.methodName()).append("(").append(String.join(", ", arguments)).append(") {\n");
      String values = rest.isEmpty() ? "null" : "{ " + String.join(", ", rest) + " }";
      out.append("    return request(this.url, this.token, '").append(route.httpMethod()).append("', ")
          .append(pathExpression(route.path())).append(", ")
          .append(route.hasBody() ? "null, " + (rest.isEmpty() ? "{}" : values) : values + ", null")
          .append(");\n  }\n");
    }
    return out.append("}\n").toString();
  }

  private static String declarations(DomainModel domain, List<BackendModel> backends, TypeScriptTypes types) {
    String name = domain.name();
    StringBuilder out = new StringBuilder(header(domain));
    out.append("import { CaroteneClient, ClientOptions, DomainDescription, RoomListing, SeatReservation } from './")
        .append(RUNTIME).append(".js';\n");
    reexports(out);
    out.append(types.declarations());
    out.append("/** Each store of ").append(name).append(" and the model it holds. */\nexport interface ")
        .append(name).append("Stores {\n");
    for (StoreModel store : TypeScriptTypes.visibleStores(domain)) {
      out.append("  ").append(store.name()).append(": ").append(store.model().simpleName()).append(";\n");
    }
    out.append("}\n\nexport declare const ").append(name).append("Domain: DomainDescription;\n\n");
    out.append("/** A connection to a server of ").append(name).append(", with one method per socket operation. */\n");
    out.append("export declare class ").append(name).append("Client extends CaroteneClient<")
        .append(name).append("Stores> {\n  constructor(options: ClientOptions);\n");
    for (HandlerModel handler : TypeScriptTypes.handlers(backends)) {
      out.append("  /** `").append(handler.operation()).append("` */\n  ").append(handler.methodName())
          .append("(").append(types.parameters(handler.parameters())).append("): Promise<")
          .append(types.of(handler.result())).append(">;\n");
    }
    out.append("}\n\n/** The HTTP routes of ").append(name).append(". */\nexport declare class ")
        .append(name).append("Api {\n  constructor(url: string, options?: { token?: string });\n")
        .append("  url: string;\n  token?: string;\n");
    for (Matchmaking method : matchmaking(backends)) {
      out.append(docComment("`" + method.route() + "`: " + method.doc())).append("  ")
          .append(method.name()).append("(").append(method.tsParameters()).append("): ").append(method.tsResult()).append(";\n");
    }
    for (RouteModel route : TypeScriptTypes.routes(backends)) {
      out.append("  /** `").append(route.display()).append("` */\n  ").append(route.methodName())
          .append("(").append(types.parameters(route.parameters())).append("): Promise<")
          .append(types.of(route.result())).append(">;\n");
    }
    return out.append("}\n").toString();
  }

  /**
   * A matchmaking method of the {@code <Domain>Api} class, which calls the runtime's {@code function}
   * (PROTOCOL.md 10.2): its name, parameters in JavaScript and TypeScript, arguments, route and doc.
   */
  private record Matchmaking(String name, String jsParameters, String tsParameters, String function,
      String jsArguments, String tsResult, String route, String doc) {}

  private static final String OPTIONS = "options?: Record<string, unknown>";

  /**
   * The matchmaking methods of the domain's {@code <Domain>Api}, Colyseus' names; one whose name a
   * route's method has is left out (the route keeps its name; the runtime's function still does it).
   */
  private static List<Matchmaking> matchmaking(List<BackendModel> backends) {
    List<String> routes = TypeScriptTypes.routes(backends).stream().map(RouteModel::methodName).toList();
    return List.of(
        new Matchmaking("joinOrCreate", "roomType, options = {}, filters = undefined, roomId = undefined",
            "roomType: string, " + OPTIONS + ", filters?: Record<string, unknown>, roomId?: string", "joinOrCreate",
            "roomType, options, filters, roomId", "Promise<SeatReservation>", "POST /matchmake/joinOrCreate",
            "a seat in the oldest open room of `roomType` whose metadata matches `filters`, or in a new one; with"
                + " `roomId` (a persistent type), in that room, opened if need be. Pass it as the client's `seat` option."),
        new Matchmaking("create", "roomType, options = {}, roomId = undefined",
            "roomType: string, " + OPTIONS + ", roomId?: string", "createRoom",
            "roomType, options, roomId", "Promise<SeatReservation>", "POST /matchmake/create",
            "a seat in a new room of `roomType`; with `roomId` (a persistent type), the room of that name (ROOM_EXISTS when open)."),
        new Matchmaking("joinById", "roomId, options = {}", "roomId: string, " + OPTIONS, "joinRoomById",
            "roomId, options", "Promise<SeatReservation>", "POST /matchmake/join/{roomId}",
            "a seat in the open room `roomId` (ROOM_NOT_FOUND, ROOM_FULL, ROOM_LOCKED, JOIN_REFUSED)."),
        new Matchmaking("rooms", "roomType = undefined", "roomType?: string", "listRooms", "roomType",
            "Promise<RoomListing>", "GET /rooms", "the open rooms (of `roomType`) and the kept persistent ones."))
        .stream().filter(method -> !routes.contains(method.name())).toList();
  }

  /** {@code text} as a doc comment of a class member: one line, or wrapped at 100 columns. */
  static String docComment(String text) {
    if (text.length() <= 92) {
      return "  /** " + text + " */\n";
    }
    StringBuilder out = new StringBuilder("  /**\n");
    StringBuilder line = new StringBuilder("   *");
    for (String word : text.split(" ")) {
      if (line.length() + 1 + word.length() > 100) {
        out.append(line).append('\n');
        line = new StringBuilder("   *");
      }
      line.append(' ').append(word);
    }
    return out.append(line).append("\n   */\n").toString();
  }

  /** The domain's module also exports the runtime's: one import gives a game everything. */
  private static void reexports(StringBuilder out) {
    for (String module : RUNTIME_MODULES) {
      out.append("export * from './").append(module).append(".js';\n");
    }
    out.append('\n');
  }

  /** Each enum field of a stored model, by its dotted wire name, with its constants. */
  private static void enumFields(RecordModel record, String prefix, TypeScriptTypes types, List<String> out) {
    for (ComponentModel component : record.components()) {
      if (component.type().record() != null) {
        enumFields(component.type().record(), prefix + component.name() + ".", types, out);
      } else if (!types.constants(component.type().typeName()).isEmpty()) {
        out.add(" '" + prefix + component.name() + "': [" + String.join(", ", TypeScriptTypes.quoted(types.constants(component.type().typeName()))) + "]");
      }
    }
  }

  /** {@code /api/players/{id}} → {@code `/api/players/${encodeURIComponent(id)}`}. */
  private static String pathExpression(String path) {
    Matcher matcher = PATH_NAME.matcher(path);
    if (!matcher.find()) {
      return "'" + path + "'";
    }
    return "`" + matcher.replaceAll(m -> "\\${encodeURIComponent(" + m.group(1) + ")}") + "`";
  }

  private static String header(DomainModel domain) {
    return "// Generated by carotene-processor from " + domain.qualifiedName()
        + ": the typed client of the domain " + domain.name() + ". Do not edit.\n\n";
  }

  private static void write(Filer filer, String path, String text, List<Element> originating) throws IOException {
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, originating.toArray(new Element[0]));
    try (OutputStream out = file.openOutputStream();
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      writer.write(text);
    }
  }
}
