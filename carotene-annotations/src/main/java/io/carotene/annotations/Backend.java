package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose methods are a domain's server logic: {@link Loop loops} and {@link Socket
 * socket handlers}. The class needs a no-argument constructor; the processor generates {@code
 * <Name>Dispatcher}, which runs guards and handlers by operation name, with no reflection.
 *
 * <pre>{@code
 * @Backend
 * public class GameServer { @Loop(every = "16ms") void physicsTick(Tick tick, GameWorldStore world) {} }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Backend {}
