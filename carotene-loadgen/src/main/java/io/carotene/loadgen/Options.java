package io.carotene.loadgen;

import java.net.URI;

/** The command line. */
final class Options {
  URI url = URI.create("http://localhost:8080");
  int bots = 100;
  int cheaters = 5;
  int cheatEvery = 30;
  double seconds = 30;
  double warmup = 5;
  double rate = 60;
  int threads = 1;
  int connectParallelism = 16;
  long serverPid = -1;
  boolean json;
  String jsonOut;
  /** Snapshot format asked for at the handshake: {@code binary} (deltas, acked) or {@code json}. */
  String format = "binary";
  /** How a binary bot acks: {@code call} (an "ack" member in its next input) or {@code frame} (a 9-byte ack frame). */
  String ack = "call";
  /**
   * How a bot sends its inputs: {@code binary} (a 47-byte binary call frame, the ack in its {@code
   * ack} field) or {@code json} (a text frame); default binary with {@code --format binary}.
   */
  String calls;
  /** {@code errors}: the handshake asks for replies to failed calls only (acks confirm the rest); {@code all}. */
  String replies = "errors";
  /**
   * 0: the Arena's flow (log in, join or create an arena, redeem the seat); more: bots sign their
   * own tokens and spread over this many rooms through matchmaking.
   */
  int rooms;
  /** The flow of a single-world server: log in, then the WebSocket without a reservation. */
  boolean singleWorld;
  String roomType = "arena";
  /** The server's CAROTENE_SECRET: in room mode the bots sign their own session tokens. */
  String secret = System.getenv("CAROTENE_SECRET");
  /** Room mode: players joining and leaving continuously during the window, this many at a time. */
  int churn;

  static final String USAGE =
      """
      Usage: java -jar carotene-loadgen/target/loadgen.jar [options]

        --url URL              the Arena server (default http://localhost:8080)
        --bots N               bot clients (default 100)
        --cheaters C           of them, bots that also send speed hacks (default 5)
        --cheat-every K        a cheater's every K-th input is a speed hack (default 30: 2 per second)
        --seconds S            length of the measured window (default 30)
        --warmup W             seconds of load before the window opens (default 5)
        --rate HZ              inputs per second per bot, on a fixed grid (default 60)
        --threads T            IO threads (one selector each) that read every bot's socket (default 1)
        --connect-parallelism P  logins + handshakes in flight while connecting (default 16)
        --format F             snapshots as 'binary' (deltas against acked ticks; default) or 'json'
        --ack A                binary bots ack in their next input's 'ack' ('call', default) or as ack frames ('frame')
        --calls C              inputs as 'binary' call frames (default with --format binary; binary connections only) or 'json'
        --replies R            'errors' (default: only failed calls are answered, snapshots' acks confirm the rest) or 'all'
        --server-pid PID       the server's process id: its CPU time is reported (Linux /proc)
        --rooms R              spread the bots over R rooms through matchmaking (POST /matchmake/joinOrCreate
                               with a group filter, then /ws?reservation=...); default 0: each bot logs in
                               (/api/login), joins or creates a room of --room-type, and redeems its seat
        --single-world         a single-world server: log in, then /ws without a reservation
        --room-type T          the room type to join (default arena)
        --secret S             the server's CAROTENE_SECRET (default: that environment variable): with --rooms,
                               bots sign their own session tokens
        --churn K              with --rooms: K players at a time join and leave continuously during the warm-up
                               and the window; reads the server's memory (with --server-pid: live heap after a
                               full GC, RSS, NMT) and its rooms, seats and connections before the bots, at the
                               churn's start and end (same bots playing) and after everyone left; checks that
                               no room is left behind
        --json                 print the report as one JSON object instead of text
        --json-out FILE        also write the JSON report to FILE
        --help
      """;

  /** {@code value} if it is one of {@code allowed}, else a usage error naming them. */
  private static String choice(String arg, String value, String... allowed) {
    for (String option : allowed) {
      if (option.equals(value)) {
        return value;
      }
    }
    throw new Usage(arg + " must be " + String.join(" or ", allowed) + ", got " + value);
  }

  static Options parse(String[] args) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "--help", "-h" -> throw new Usage(null);
        case "--json" -> o.json = true;
        case "--single-world" -> o.singleWorld = true;
        default -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new Usage(arg + " needs a value");
            }
            value = args[++i];
          }
          try {
            switch (arg) {
              case "--url" -> o.url = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
              case "--bots" -> o.bots = positive(arg, Integer.parseInt(value));
              case "--cheaters" -> o.cheaters = Integer.parseInt(value);
              case "--cheat-every" -> o.cheatEvery = positive(arg, Integer.parseInt(value));
              case "--seconds" -> o.seconds = Double.parseDouble(value);
              case "--warmup" -> o.warmup = Double.parseDouble(value);
              case "--rate" -> o.rate = Double.parseDouble(value);
              case "--threads" -> o.threads = positive(arg, Integer.parseInt(value));
              case "--connect-parallelism" -> o.connectParallelism = positive(arg, Integer.parseInt(value));
              case "--server-pid" -> o.serverPid = Long.parseLong(value);
              case "--json-out" -> o.jsonOut = value;
              case "--replies" -> o.replies = choice(arg, value, "errors", "all");
              case "--ack" -> o.ack = choice(arg, value, "call", "frame");
              case "--calls" -> o.calls = choice(arg, value, "binary", "json");
              case "--format" -> o.format = choice(arg, value, "binary", "json");
              case "--rooms" -> o.rooms = positive(arg, Integer.parseInt(value));
              case "--room-type" -> o.roomType = value;
              case "--secret" -> o.secret = value;
              case "--churn" -> o.churn = positive(arg, Integer.parseInt(value));
              default -> throw new Usage("Unknown option " + arg);
            }
          } catch (NumberFormatException e) {
            throw new Usage(arg + ": not a number: " + value);
          }
        }
      }
    }
    if (o.calls == null) {
      o.calls = o.format.equals("binary") ? "binary" : "json";
    } else if (o.calls.equals("binary") && !o.format.equals("binary")) {
      throw new Usage("--calls binary needs --format binary: a JSON connection takes calls as text only");
    }
    if (o.cheaters < 0 || o.cheaters > o.bots) {
      throw new Usage("--cheaters must be between 0 and --bots");
    }
    if (o.rooms > 0 && (o.secret == null || o.secret.isEmpty())) {
      throw new Usage("--rooms needs the server's secret to sign the bots' tokens: --secret or CAROTENE_SECRET");
    }
    if (o.singleWorld && o.rooms > 0) {
      throw new Usage("--single-world and --rooms exclude each other: a single world has no rooms");
    }
    if (o.churn > 0 && o.rooms == 0) {
      throw new Usage("--churn needs --rooms");
    }
    if (!o.roomType.matches("[A-Za-z0-9_.-]+")) {
      throw new Usage("--room-type must be a plain name, got " + o.roomType);
    }
    if (o.seconds <= 0 || o.warmup < 0 || o.rate <= 0) {
      throw new Usage("--seconds and --rate must be positive, --warmup not negative");
    }
    return o;
  }

  private static int positive(String name, int value) {
    if (value <= 0) {
      throw new Usage(name + " must be positive");
    }
    return value;
  }

  static final class Usage extends RuntimeException {
    Usage(String message) {
      super(message, null, false, false);
    }
  }
}
