package dev.observa.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Observes a method: a span around each call and the golden signals of the operation (latency
 * histogram with exemplars, requests and errors counters, in-flight gauge).
 *
 * <pre>{@code
 * @Observe("checkout")
 * public Receipt checkout(@ObserveAttribute("cart.size") int items) { ... }
 * }</pre>
 *
 * <p>The annotation does nothing by itself: the aspect in {@code observa-spring-boot-starter} reads it
 * (enabled by {@code observa.annotations.enabled}). Spring proxies do not see calls a bean makes to
 * itself.
 *
 * @since 0.1.0
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Observe {
  /** @return the operation name (span name and metric prefix); empty means {@code Class.method} */
  String value() default "";

  /** @return whether to start a span */
  boolean span() default true;

  /** @return whether to record the golden signals */
  boolean metrics() default true;

  /** @return whether to log entry and exit lines at DEBUG */
  boolean logEntryExit() default false;
}
