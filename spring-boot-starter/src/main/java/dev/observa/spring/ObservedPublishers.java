package dev.observa.spring;

import dev.observa.context.ObservaContext;
import dev.observa.spring.observation.ObservaContextAccessor;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An {@code @Observe} method's Reactor result, observed until it terminates: the method's span is current while
 * the result is subscribed to (so a {@code WebClient} call or another observation the subscription starts
 * becomes its child) and, with Reactor's automatic context propagation, on every thread an operator inside the
 * result hops to (the span's context goes into the result's Reactor {@code Context} under
 * {@link ObservaContextAccessor#KEY}; operators after the result see the caller's context again); the span ends
 * when the result completes, fails or is cancelled. Loaded only when Reactor is on the classpath.
 *
 * <pre>{@code
 * Object observed = ObservedPublishers.observe(mono, span.context().otelContext(), error -> finish(error));
 * }</pre>
 */
final class ObservedPublishers {
  /** Whether context-propagation is there to restore what {@link #carried} writes (then registered). */
  private static final boolean PROPAGATION = registered();

  private ObservedPublishers() {}

  private static boolean registered() {
    if (!org.springframework.util.ClassUtils.isPresent("io.micrometer.context.ContextRegistry",
        ObservedPublishers.class.getClassLoader())) {
      return false;
    }
    ObservaContextAccessor.register();
    return true;
  }

  /** @return whether {@code result} is a {@code Mono} or {@code Flux} this class can observe */
  static boolean handles(Object result) {
    return result instanceof Mono<?> || result instanceof Flux<?>;
  }

  /**
   * @param result a {@code Mono} or {@code Flux} (see {@link #handles})
   * @param context made current around each subscription
   * @param finish called once, with the failure or {@code null}, when the result first terminates or is cancelled
   * @return the same kind of publisher, observed
   */
  static Object observe(Object result, Context context, Consumer<Throwable> finish) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean finished = new AtomicBoolean();
    // a result subscribed to twice is still one operation: the first termination ends it
    java.util.function.Consumer<reactor.core.publisher.SignalType> end = signal -> {
      if (finished.compareAndSet(false, true)) {
        finish.accept(failure.get());
      }
    };
    Function<reactor.util.context.Context, reactor.util.context.Context> carried = carried(context);
    if (result instanceof Mono<?> mono) {
      return Mono.fromDirect(subscribedIn(carrying(mono, carried), context)).doOnError(error -> failure.compareAndSet(null, error)).doFinally(end);
    }
    return Flux.from(subscribedIn(carrying((Flux<?>) result, carried), context)).doOnError(error -> failure.compareAndSet(null, error)).doFinally(end);
  }

  private static <T> Mono<T> carrying(Mono<T> mono,
      Function<reactor.util.context.Context, reactor.util.context.Context> carried) {
    return carried == null ? mono : mono.contextWrite(carried);
  }

  private static <T> Flux<T> carrying(Flux<T> flux,
      Function<reactor.util.context.Context, reactor.util.context.Context> carried) {
    return carried == null ? flux : flux.contextWrite(carried);
  }

  /** @return what writes {@code context} into the result's Reactor {@code Context}, or null without propagation */
  private static Function<reactor.util.context.Context, reactor.util.context.Context> carried(Context context) {
    if (!PROPAGATION) {
      return null;
    }
    ObservaContext value = ObservaContext.from(context);
    return reactorContext -> reactorContext.put(ObservaContextAccessor.KEY, value);
  }

  private static <T> Publisher<T> subscribedIn(Publisher<T> source, Context context) {
    return subscriber -> {
      try (Scope scope = context.makeCurrent()) {
        source.subscribe(subscriber);
      }
    };
  }
}
