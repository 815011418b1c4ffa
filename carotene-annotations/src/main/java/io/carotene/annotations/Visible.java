package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sends a {@link Store}'s entries to clients in their snapshots. A store without it (and without a
 * {@link VisibleIf} method) is private: it lives on the server only, and no client ever receives
 * its entries or sees it in the binary schema. Hidden information (other players' inputs, a
 * deck's order) stays hidden unless a store says otherwise.
 *
 * <pre>{@code
 * @Store(model = Player.class)
 * @Visible(radius = 50, x = "position.x", z = "position.z")   // the players around the viewer's own
 * interface GameWorld {}
 *
 * @Store(model = Score.class)
 * @Visible                                                    // every entry, to every client
 * interface Scores {}
 * }</pre>
 *
 * <p>With a {@link #radius}, a client sees the entries within that distance on the x–z plane of
 * its own entry: the one whose id equals its session's user id (a client with no entry of its own
 * sees none). {@link #x} and {@link #z} name a {@code float} or {@code double} component of the
 * model, through nested records with dots. The server may override the declaration of a visible
 * store ({@code CaroteneServer.Builder.interest}, {@code CAROTENE_INTEREST_RADIUS}), but cannot
 * make a private store visible.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Visible {
  /** How far a client sees around its own entry; 0 (the default): every entry, to every client. */
  double radius() default 0;

  /** With a {@link #radius}: the component holding an entry's x coordinate ({@code "position.x"}). */
  String x() default "";

  /** With a {@link #radius}: the component holding an entry's z coordinate ({@code "position.z"}). */
  String z() default "";
}
