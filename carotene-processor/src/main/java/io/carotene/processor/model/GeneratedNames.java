package io.carotene.processor.model;

import com.palantir.javapoet.ClassName;

/**
 * How every generated type is named from the user's own names, so that a user can guess them and
 * the readers (which claim the names and recognise stores among parameters) and the writers agree.
 * Each type lands in the package of the type it is generated for.
 *
 * <p>Most rules use the source type's own simple name ({@code Outer.Player} gives {@code
 * MutablePlayer}); the dispatcher joins the names of the enclosing types ({@code Outer.GameServer}
 * gives {@code OuterGameServerDispatcher}). A domain's application and server main are named by the
 * domain's name: {@code @Domain}'s value, else the interface's simple name, nested or not ({@code
 * @Domain("Tag") interface TagGame} gives {@code TagApplication} and {@code TagServer}).
 */
public final class GeneratedNames {
  private GeneratedNames() {}

  /** {@code GameWorld} → {@code GameWorldStore}: the writable store of a {@code @Store}. */
  public static ClassName store(ClassName storeInterface) {
    return sibling(storeInterface, storeInterface.simpleName() + "Store");
  }

  /** {@code GameWorld} → {@code GameWorldView}: the read-only view of a {@code @Store}. */
  public static ClassName view(ClassName storeInterface) {
    return sibling(storeInterface, storeInterface.simpleName() + "View");
  }

  /** {@code Player} → {@code MutablePlayer}: a record's flyweight. */
  public static ClassName mutable(ClassName record) {
    return sibling(record, "Mutable" + record.simpleName());
  }

  /** {@code Player} → {@code PlayerCodec}: a record's codec. */
  public static ClassName codec(ClassName record) {
    return sibling(record, record.simpleName() + "Codec");
  }

  /** {@code Player} → {@code PlayerWire}: a stored record's binary snapshot form. */
  public static ClassName wire(ClassName record) {
    return sibling(record, record.simpleName() + "Wire");
  }

  /** {@code LoginResponse} → {@code LoginResponseJson}: the writer of a returned record. */
  public static ClassName json(ClassName record) {
    return sibling(record, record.simpleName() + "Json");
  }

  /** {@code GameServer} → {@code GameServerDispatcher}: a backend's dispatcher. */
  public static ClassName dispatcher(ClassName backend) {
    return sibling(backend, joined(backend) + "Dispatcher");
  }

  /** {@code ArenaRooms} → {@code ArenaRoomsRoomHooks}: a backend's room lifecycle methods. */
  public static ClassName roomHooks(ClassName backend) {
    return sibling(backend, joined(backend) + "RoomHooks");
  }

  /**
   * A domain's name: {@code @Domain}'s value, or the interface's simple name when the value is
   * blank. It names the generated application and server main and appears in logs.
   */
  public static String domainName(ClassName domain, String declaredName) {
    return declaredName.isBlank() ? domain.simpleName() : declaredName;
  }

  /** {@code @Domain("Tag")} → {@code TagApplication}: a domain's application. */
  public static ClassName application(ClassName domain, String domainName) {
    return sibling(domain, domainName + "Application");
  }

  /** {@code @Domain("Tag")} → {@code TagServer}: a domain's server main. */
  public static ClassName server(ClassName domain, String domainName) {
    return sibling(domain, domainName + "Server");
  }

  /**
   * {@code physicsTick} → {@code PhysicsTick}: loop names, default operation names and the names
   * of generated methods built from a method's name.
   */
  public static String capitalize(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static ClassName sibling(ClassName source, String simpleName) {
    return ClassName.get(source.packageName(), simpleName);
  }

  private static String joined(ClassName type) {
    return String.join("", type.simpleNames());
  }
}
