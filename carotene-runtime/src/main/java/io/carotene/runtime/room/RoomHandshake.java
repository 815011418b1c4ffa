package io.carotene.runtime.room;

import io.carotene.runtime.Session;
import io.carotene.runtime.socket.GameSocket;
import io.carotene.runtime.socket.Traffic;
import io.carotene.runtime.wire.HttpResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.util.Deque;
import org.xnio.IoUtils;

/**
 * Stands after the token check, before the WebSocket upgrade: {@code ?reservation=<id>} or {@code
 * ?reconnect=<token>} names the seat the socket takes, and so its room; a credential that is
 * unknown, used, expired or another user's is refused here (410 {@code RESERVATION_EXPIRED}) and
 * nothing is created. Without either, a single-world server's connection joins its one room.
 */
public final class RoomHandshake implements HttpHandler {
  static final AttachmentKey<ServerRoom> ROOM = AttachmentKey.create(ServerRoom.class);

  private final RoomManager rooms;
  private final HttpHandler next;

  public RoomHandshake(RoomManager rooms, HttpHandler next) {
    this.rooms = rooms;
    this.next = next;
  }

  /** The upgrade's callback: hands the new connection to its room's socket. */
  public static WebSocketConnectionCallback router() {
    return (WebSocketHttpExchange exchange, WebSocketChannel channel) -> {
      ServerRoom room = exchange.getAttachment(ROOM);
      if (room == null) {
        IoUtils.safeClose(channel); // unreachable through the handshake handler
        return;
      }
      room.socket().onConnect(exchange, channel);
    };
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Session session = GameSocket.sessionOf(exchange);
    String reservation = single(exchange, "reservation");
    String reconnect = single(exchange, "reconnect");
    if (reservation == INVALID || reconnect == INVALID || (reservation != null && reconnect != null)) {
      error(exchange, rooms, RoomError.BAD_REQUEST, "Give one 'reservation' or one 'reconnect' parameter, not both");
      return;
    }
    if (reservation == null && reconnect == null) {
      ServerRoom single = rooms.defaultRoom();
      if (single == null) {
        error(exchange, rooms, RoomError.BAD_REQUEST,
            "This server hosts rooms: join one (POST /matchmake/joinOrCreate), then connect with ?reservation=<reservation>");
        return;
      }
      if (!rooms.accepting) { // draining: the players in the world play on, nobody new comes in
        error(exchange, rooms, RoomError.SERVER_STOPPING, "The server is stopping: connect to another server");
        return;
      }
      exchange.putAttachment(ROOM, single);
      next.handleRequest(exchange);
      return;
    }
    boolean reconnecting = reconnect != null;
    String credential = reconnecting ? reconnect : reservation;
    Seat seat = rooms.credentials.seatFor(credential, reconnecting);
    if (seat == null || session == null || !seat.userId.equals(session.userId())
        || seat.state == Seat.State.FREED
        || (seat.state != Seat.State.CONNECTED && System.nanoTime() - seat.deadlineNanos >= 0)) {
      error(exchange, rooms, RoomError.RESERVATION_EXPIRED, (reconnecting ? "This reconnection token" : "This reservation")
          + " is unknown, used, expired or not yours: join the room again");
      return;
    }
    if (!seat.room.isOpen()) {
      error(exchange, rooms, RoomError.ROOM_NOT_FOUND, "Room " + seat.room.id() + " is ending: join or create another");
      return;
    }
    exchange.putAttachment(ROOM, seat.room);
    exchange.putAttachment(GameSocket.SEAT_TICKET, new Seat.Ticket(seat, credential, reconnecting));
    next.handleRequest(exchange);
  }

  static void error(HttpServerExchange exchange, RoomManager rooms, RoomError error, String message) {
    rooms.traffic().rejected(Traffic.JOIN, error.name());
    HttpResponses.error(exchange, error.status(), error.name(), message);
  }

  private static final String INVALID = new String("invalid");

  private static String single(HttpServerExchange exchange, String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.size() == 1 && !values.getFirst().isEmpty() ? values.getFirst() : INVALID;
  }
}
