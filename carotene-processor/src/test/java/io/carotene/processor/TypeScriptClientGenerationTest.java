package io.carotene.processor;

import static io.carotene.processor.Sources.ARENA;
import static io.carotene.processor.Sources.ARENA_HTTP;
import static io.carotene.processor.Sources.GAME_SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The domain's TypeScript client as the processor writes it: the {@code <Domain>Api}'s matchmaking
 * methods beside its routes (example-arena's Node tests run them against a real server).
 */
class TypeScriptClientGenerationTest {

  static String file(Compilation compilation, String name) throws IOException {
    JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "", "public/carotene/" + name).orElseThrow();
    return file.getCharContent(true).toString();
  }

  @Test
  void theApiHasTheMatchmakingRoutesUnderColyseusNamesTypedInItsDeclarations() throws IOException {
    Compilation compilation = Sources.compile(ARENA, GAME_SERVER, ARENA_HTTP);
    String module = file(compilation, "arena.js");
    String types = file(compilation, "arena.d.ts");

    assertThat(module)
        .contains("import { CaroteneClient, createRoom, joinOrCreate, joinRoomById, listRooms, request } from './carotene-client.js';")
        .contains("  joinOrCreate(roomType, options = {}, filters = undefined, roomId = undefined) {\n"
            + "    return joinOrCreate(this.url, this.token, roomType, options, filters, roomId);\n  }")
        .contains("  create(roomType, options = {}, roomId = undefined) {\n"
            + "    return createRoom(this.url, this.token, roomType, options, roomId);\n  }")
        .contains("  joinById(roomId, options = {}) {\n    return joinRoomById(this.url, this.token, roomId, options);\n  }")
        .contains("  rooms(roomType = undefined) {\n    return listRooms(this.url, this.token, roomType);\n  }")
        .contains("  login(name) {");
    assertThat(types)
        .contains("  create(roomType: string, options?: Record<string, unknown>, roomId?: string): Promise<SeatReservation>;")
        .contains("  joinById(roomId: string, options?: Record<string, unknown>): Promise<SeatReservation>;")
        .contains("  rooms(roomType?: string): Promise<RoomListing>;")
        .contains("import { CaroteneClient, ClientOptions, DomainDescription, RoomListing, SeatReservation } from './carotene-client.js';");
  }

  @Test
  void aRouteNamedLikeAMatchmakingMethodKeepsItsNameAndTheApiLeavesThatMethodOut() throws IOException {
    JavaFileObject shop = Sources.backend("Shop", """
          @Http(method = Http.Method.POST, path = "/api/items")
          int create(String item) {
            return item.length();
          }
        """);
    Compilation compilation = Sources.compile(ARENA, GAME_SERVER, shop);
    String module = file(compilation, "arena.js");
    String types = file(compilation, "arena.d.ts");

    assertThat(module).contains("  create(item) {").doesNotContain("  create(roomType").contains("  joinById(roomId, options = {}) {");
    assertThat(types).contains("  create(item: string): Promise<number>;").doesNotContain("  create(roomType");
  }
}
