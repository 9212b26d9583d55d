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
 * <p>Exceptions the application expects (a business "not found", a validation refusal) need not count as
 * errors: list them in {@link #ignoreExceptions()} (or for every method in the starter's
 * {@code observa.annotations.ignored-exceptions}) and a call ending with one of them, or a subclass, is a
 * success for the span and the metrics; the exception still reaches the caller unchanged.
 *
 * <pre>{@code
 * @Observe(value = "order.lookup", ignoreExceptions = OrderNotFoundException.class)
 * public Order lookup(String id) { ... }
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

  /**
   * Exceptions that end the call as a success: the span status stays unset, no {@code error.type}, no
   * exception event, and the call counts as a success in the golden signals. OpenTelemetry's semantic
   * conventions ("Recording errors"): errors that were handled "SHOULD NOT be recorded on spans or metrics
   * that describe this operation", and the span status "MUST be left unset if the instrumented operation has
   * ended without any errors".
   *
   * @return the exception types (subclasses included) treated as an expected outcome; empty by default
   * @since 0.1.0
   */
  Class<? extends Throwable>[] ignoreExceptions() default {};
}
