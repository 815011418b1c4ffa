package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@link Store} visible through a filter: the static method it marks, declared in the
 * store's interface, decides for each client and each entry whether the client receives the entry.
 * It takes the viewer's session user id and the entry, as the model's generated flyweight (read
 * it, do not keep it; no allocation) or as the model itself (a record made per entry and client:
 * simpler, slower):
 *
 * <pre>{@code
 * @Store(model = Beacon.class)
 * interface Beacons {
 *   @VisibleIf
 *   static boolean sees(String viewerUserId, MutableBeacon beacon) {
 *     return beacon.team() == Teams.of(viewerUserId);
 *   }
 * }
 * }</pre>
 *
 * <p>It runs on the world thread for every entry and every client each snapshot (clients ×
 * entries): for distance, prefer {@link Visible#radius}. A store has either {@link Visible} or
 * one {@code @VisibleIf} method, not both.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface VisibleIf {}
