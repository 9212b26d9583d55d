package dev.observa.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.annotation.Observe;
import dev.observa.context.ObservaContext;
import dev.observa.spring.ObservaProperties;
import dev.observa.spring.ObserveAspect;
import dev.observa.test.LogLine;
import dev.observa.test.ObservaCapture;
import dev.observa.trace.ActiveSpan;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;
import org.springframework.mock.env.MockEnvironment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * An {@code @Observe} method's {@code Mono} inside a request whose Observation Reactor carries (automatic context
 * propagation, as the starter sets it): after a thread hop inside the result, the method's span is current (log
 * lines, Observa spans and Observations such as {@code WebClient}'s are its children); after the result, the
 * request's span is; and no pooled thread keeps either afterwards.
 */
@Timeout(60)
class ObserveAcrossReactorHopsTest {
  private final ObservaCapture capture = ObservaCapture.start();
  private final Observa observa = capture.observa();
  private final ObservationRegistry registry = ObservationRegistry.create();
  private final Scheduler hops = Schedulers.newParallel("hop", 3);

  {
    registry.observationConfig().observationHandler(
        new ObservaObservationAutoConfiguration().observaObservationHandler(observa, new ObservaProperties(),
            new MockEnvironment()));
  }

  @BeforeAll
  static void automaticPropagation() {
    Hooks.enableAutomaticContextPropagation();
  }

  @AfterAll
  static void limitedPropagation() {
    Hooks.disableAutomaticContextPropagation();
  }

  @AfterEach
  void close() {
    hops.dispose();
    capture.close();
  }

  /** The observed service: hops threads inside its result, logs, starts a span and an Observation there. */
  public static class Pricing {
    private final Observa observa;
    private final ObservationRegistry registry;
    private final Scheduler hops;

    public Pricing(Observa observa, ObservationRegistry registry, Scheduler hops) {
      this.observa = observa;
      this.registry = registry;
      this.hops = hops;
    }

    @Observe("pricing.quote")
    public Mono<String> quote() {
      return Mono.just("tea").publishOn(hops)
          .doOnNext(item -> {
            observa.logger(Pricing.class.getName()).info("priced after the hop");
            observa.span("pricing.after-hop").startActive().close();
          })
          .flatMap(this::call)
          .map(item -> ObservaContext.current().spanId());
    }

    /** Started when subscribed to, with the Reactor Context's Observation as parent: what {@code WebClient} does. */
    private Mono<String> call(String item) {
      return Mono.deferContextual(view -> {
        Observation call = Observation.createNotStarted("pricing.call", registry)
            .parentObservation(view.getOrDefault(ObservationThreadLocalAccessor.KEY, null)).start();
        return Mono.just(item).delayElement(Duration.ofMillis(2), hops).doFinally(signal -> call.stop());
      });
    }
  }

  private Pricing pricing() {
    AspectJProxyFactory factory = new AspectJProxyFactory(new Pricing(observa, registry, hops));
    factory.setProxyTargetClass(true);
    factory.addAspect(new ObserveAspect(observa, new ObservaProperties().getMetrics()));
    return factory.getProxy();
  }

  /** A request: its Observation in the Reactor Context, the service called after a hop, a hop after it. */
  private Mono<List<String>> request(Pricing pricing, Observation request) {
    return Mono.just("order").publishOn(hops).flatMap(order -> pricing.quote())
        .publishOn(hops).map(insideQuote -> List.of(insideQuote, String.valueOf(ObservaContext.current().spanId())))
        .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, request));
  }

  private static SpanData named(List<SpanData> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void afterAHopInsideTheResultTheObserveSpanIsCurrentAndAfterTheResultTheRequestsIs() throws Exception {
    Observation request = Observation.start("request", registry);
    List<String> seen = request(pricing(), request).block(Duration.ofSeconds(20));
    request.stop();

    List<SpanData> spans = ObservaObservationHandlerTest.await(capture, s -> s.stream().map(SpanData::getName).toList()
        .containsAll(List.of("request", "pricing.quote", "pricing.after-hop", "pricing.call")));
    SpanData server = named(spans, "request");
    SpanData quote = named(spans, "pricing.quote");
    assertThat(quote.getParentSpanId()).as("@Observe called after a hop in the request").isEqualTo(server.getSpanId());
    assertThat(named(spans, "pricing.after-hop").getParentSpanId()).as("an Observa span after the hop inside")
        .isEqualTo(quote.getSpanId());
    assertThat(named(spans, "pricing.call").getParentSpanId()).as("an Observation started after the hop inside")
        .isEqualTo(quote.getSpanId());
    assertThat(seen.get(0)).as("current after the Observation's hop, inside the result").isEqualTo(quote.getSpanId());
    assertThat(seen.get(1)).as("current after a hop past the result").isEqualTo(server.getSpanId());
    LogLine line = capture.logLines().stream().filter(l -> "priced after the hop".equals(l.field("body"))).findFirst()
        .orElseThrow();
    assertThat(line.field("span_id")).isEqualTo(quote.getSpanId());
    assertThat(line.traceId()).isEqualTo(quote.getTraceId());
  }

  @Test
  void manyRequestsLeaveNoContextOnThePooledThreadsNorOnTheCaller() throws Exception {
    Pricing pricing = pricing();
    try (ActiveSpan caller = observa.span("caller").startActive()) {
      Flux.range(0, 200).flatMap(i -> {
        Observation request = Observation.start("request", registry);
        return request(pricing, request).doFinally(signal -> request.stop());
      }, 16).blockLast(Duration.ofSeconds(30));
      assertThat(ObservaContext.current().spanId()).as("the caller's context after blocking")
          .isEqualTo(caller.context().spanId());
    }

    Set<String> probed = ConcurrentHashMap.newKeySet();
    Queue<String> leaked = new ConcurrentLinkedQueue<>();
    CountDownLatch done = new CountDownLatch(30);
    for (int i = 0; i < 30; i++) {
      hops.schedule(() -> {
        probed.add(Thread.currentThread().getName());
        if (Context.current() != Context.root()) {
          leaked.add(Thread.currentThread().getName() + " " + ObservaContext.current());
        }
        done.countDown();
      });
    }
    assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(probed).as("every pooled thread probed").hasSize(3);
    assertThat(leaked).as("threads still carrying a finished request's or method's context").isEmpty();
  }

  @Test
  void restoredInContextPropagationsOrderTheMethodsContextIsOnTopAndClosingLeavesWhatWasCurrent() {
    ObservaContextAccessor.register();
    Observation request = Observation.start("request", registry);
    try (ActiveSpan caller = observa.span("caller").startActive();
        ActiveSpan method = observa.span("method").startActive()) {
      ObservaContext methodContext = method.context();
      method.detach();
      reactor.util.context.Context carried = reactor.util.context.Context.of(
          ObservationThreadLocalAccessor.KEY, request, ObservaContextAccessor.KEY, methodContext);
      ContextSnapshotFactory factory = ContextSnapshotFactory.builder().clearMissing(true).build();
      try (ContextSnapshot.Scope scope = factory.setThreadLocalsFrom(carried)) {
        assertThat(ObservaContext.current().spanId()).isEqualTo(methodContext.spanId());
      }
      assertThat(ObservaContext.current().spanId()).as("after the restore").isEqualTo(caller.context().spanId());
      try (ContextSnapshot.Scope scope = factory.setThreadLocalsFrom(
          reactor.util.context.Context.of(ObservationThreadLocalAccessor.KEY, request))) {
        assertThat(ObservaContext.current().spanId()).as("without the method's context: the request's")
            .isNotEqualTo(methodContext.spanId()).isNotEqualTo(caller.context().spanId());
      }
      assertThat(ObservaContext.current().spanId()).isEqualTo(caller.context().spanId());
    } finally {
      request.stop();
    }
  }
}
