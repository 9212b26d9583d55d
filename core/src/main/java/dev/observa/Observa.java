package dev.observa;

import dev.observa.context.ObservaContext;
import dev.observa.log.Logger;
import dev.observa.meter.Instruments;
import dev.observa.spi.ObservaSettings;
import dev.observa.trace.SpanBuilder;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * The entry point: metric instrument builders, spans, named loggers and the shared context, all
 * describing one service and reading one {@link ObservaContext}.
 *
 * <pre>{@code
 * Observa obs = Observa.builder().serviceName("checkout").build();  // finds metrics/tracing/logging modules
 * Counter orders = obs.counter("orders.placed").register();
 * Logger log = obs.logger("checkout");
 * try (ActiveSpan span = obs.span("place-order").startActive()) {
 *   orders.increment();                    // exemplar-ready: a sampled span is current
 *   log.info("order placed", field("items", 3));  // carries trace_id and span_id
 * }
 * }</pre>
 *
 * <p>The instrument builders ({@code counter}, {@code gauge}, {@code histogram}, {@code summary}, {@code timer},
 * {@code goldenSignals}) are those of {@link Instruments}.
 *
 * <p>With only {@code observa-core} on the classpath every call works, does nothing and never throws:
 * libraries can depend on the core and use {@link #global()}. Builders fail fast on invalid names;
 * nothing else throws. Thread-safe.
 *
 * @since 0.1.0
 */
public interface Observa extends Instruments, AutoCloseable {

  /** @return a builder that wires explicit providers, or discovers them with {@link java.util.ServiceLoader} */
  static ObservaBuilder builder() {
    return new ObservaBuilder();
  }

  /** @return an instance that records nothing; spans still carry a parent's span context */
  static Observa noop() {
    return DefaultObserva.noop();
  }

  /**
   * @return the process-wide instance set with {@link #setGlobal}, or {@link #noop()} until one is set
   */
  static Observa global() {
    Observa global = GlobalObserva.get();
    return global == null ? DefaultObserva.noop() : global;
  }

  /**
   * Makes an instance the process-wide one; meant to be called once at startup. Closing the instance
   * clears it again.
   *
   * @param observa the instance, or null to go back to no-op
   * @return the previous global instance, or null
   */
  static Observa setGlobal(Observa observa) {
    return GlobalObserva.set(observa);
  }

  /** @return the service description and context-key routing shared by all three signals */
  ObservaSettings settings();

  /** @return the current shared context; never null */
  ObservaContext context();

  /**
   * @param name the span name
   * @return a span builder, parented by the current context unless told otherwise
   */
  SpanBuilder span(String name);

  /**
   * @param name the logger name, e.g. {@code my-app}
   * @return a structured logger; never null
   */
  Logger logger(String name);

  /** @return the propagator used by {@link #inject} and {@link #extract} */
  TextMapPropagator propagator();

  /**
   * Writes the current context (trace context, baggage) into a carrier such as HTTP headers. Never throws.
   *
   * @param carrier the carrier
   * @param setter how to write one header
   * @param <C> the carrier type
   */
  <C> void inject(C carrier, TextMapSetter<C> setter);

  /**
   * Reads a remote context from a carrier. Malformed or oversized headers are ignored, so the next span
   * starts a fresh trace. Never throws.
   *
   * @param carrier the carrier
   * @param getter how to read headers
   * @param <C> the carrier type
   * @return the current context with the remote parent and baggage added; make it current to use it
   */
  <C> ObservaContext extract(C carrier, TextMapGetter<C> getter);

  /**
   * Reads a remote context from a server request, knowing which address the connection came from. With an
   * inbound sampling policy ({@code observa.tracing.inbound-sampling}), a caller's {@code sampled} flag is
   * honoured as sent only when that address lies in {@code observa.tracing.inbound-trusted-callers}; other
   * callers are held to the policy (W3C Trace Context: a vendor MAY ignore the sampled flag of untrusted
   * sources). Pass the socket's peer address ({@code request.getRemoteAddr()}), never a forwarded header,
   * which any client can write. Never throws.
   *
   * <pre>{@code
   * ObservaContext remote = obs.extract(request, Carriers.headers(request::getHeaders, request::getHeaderNames),
   *     request.getRemoteAddr());
   * }</pre>
   *
   * @param carrier the carrier
   * @param getter how to read headers
   * @param remoteAddress the IP literal of the connection's peer; null or anything else is an untrusted caller
   * @param <C> the carrier type
   * @return the current context with the remote parent and baggage added; make it current to use it
   * @since 0.1.0
   */
  default <C> ObservaContext extract(C carrier, TextMapGetter<C> getter, String remoteAddress) {
    return extract(carrier, getter);
  }

  /**
   * Reaches an implementation object of the metrics, tracing or logging backend, e.g.
   * {@code obs.unwrap(PrometheusMetrics.class).scrape(accept)}.
   *
   * @param type the wanted type
   * @param <T> the type
   * @return the first backend object of that type, or null when no backend has one
   */
  <T> T unwrap(Class<T> type);

  /** Flushes and shuts down the backends within a bounded time. Never throws. */
  @Override
  void close();
}
