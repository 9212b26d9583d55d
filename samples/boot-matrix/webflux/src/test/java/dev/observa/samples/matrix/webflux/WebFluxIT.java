package dev.observa.samples.matrix.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.samples.matrix.OneInstrumentationContract;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The starter in a WebFlux application: the same contract over Reactor Netty, {@code WebClient} and operators
 * that hop threads, plus what only a reactive request shows — the request's context is current after
 * {@code publishOn}/{@code delayElement}, in the log line written there, and the {@code @Observe} span after a hop
 * inside the {@code Mono} the method returns (its log line, its {@code WebClient} call), with no application setting
 * (the starter defaults {@code spring.reactor.context-propagation} to {@code auto}).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ReactiveMatrixApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.application.name=matrix", "management.endpoints.web.exposure.include=health,prometheus,traces",
        "observa.tracing.recent-traces=1000"})
class WebFluxIT extends OneInstrumentationContract {
  @Test
  @Timeout(120)
  void theRequestsTraceIsCurrentAfterThreadHopsAndInTheLogLineWrittenThere(CapturedOutput output) throws Exception {
    HttpResponse<String> response = get("/front");
    assertThat(response.statusCode()).isEqualTo(200);
    String traceId = response.headers().firstValue("traceresponse").orElseThrow().substring(3, 35);
    assertThat(response.headers().firstValue(ReactiveMatrixApplication.TRACE_AFTER_HOP))
        .as("the trace current after publishOn, delayElement and the WebClient call").contains(traceId);

    List<SpanData> spans = awaitTrace(traceId, s -> s.size() >= 5);
    SpanData front = spans.stream().filter(s -> s.getName().equals("GET /front")).findFirst().orElseThrow();
    SpanData quote = spans.stream().filter(s -> s.getName().equals("pricing.quote")).findFirst().orElseThrow();
    SpanData client = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
    SpanData downstream = spans.stream().filter(s -> s.getName().equals("GET /downstream")).findFirst().orElseThrow();
    assertThat(quote.getParentSpanId()).as("@Observe called on a parallel thread after the hops")
        .isEqualTo(front.getSpanId());
    assertThat(quote.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(client.getParentSpanId()).as("the WebClient call made after the hop inside the @Observe Mono")
        .isEqualTo(quote.getSpanId());
    assertThat(downstream.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(downstream.getParentSpanId()).isEqualTo(client.getSpanId());
    assertThat(quote.getEndEpochNanos()).as("the @Observe span lasts until its Mono completes")
        .isGreaterThanOrEqualTo(client.getEndEpochNanos());

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Optional<String> line = Optional.empty();
    while (line.isEmpty() && System.nanoTime() < deadline) {
      line = output.getOut().lines().filter(l -> l.contains("quoted tea 4.20") && l.contains(traceId)).findFirst();
      Thread.sleep(20);
    }
    assertThat(line).as("the log line after the hop carries trace %s in:%n%s", traceId,
        output.getOut().lines().filter(l -> l.contains("quoted")).toList()).isPresent();
    assertThat(line.get()).contains("\"trace_id\":\"" + traceId + "\"");

    Optional<String> inside = output.getOut().lines().filter(l -> l.contains("pricing tea after the hop")
        && l.contains(traceId)).findFirst();
    assertThat(inside).as("the log line after publishOn inside the @Observe Mono").isPresent();
    assertThat(inside.get()).contains("\"span_id\":\"" + quote.getSpanId() + "\"");
  }

  @Test
  @Timeout(120)
  void reactorsPooledThreadsKeepNoRequestsContextAfterwards() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(get("/front").statusCode()).isEqualTo(200);
    }
    int tasks = 4 * Runtime.getRuntime().availableProcessors();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(2 * tasks);
    java.util.Queue<String> leaked = new java.util.concurrent.ConcurrentLinkedQueue<>();
    Runnable probe = () -> {
      if (dev.observa.context.ObservaContext.current().spanContext().isValid()) {
        leaked.add(Thread.currentThread().getName() + " " + dev.observa.context.ObservaContext.current().traceId());
      }
      done.countDown();
    };
    for (int i = 0; i < tasks; i++) {
      reactor.core.scheduler.Schedulers.parallel().schedule(probe);
      reactor.core.scheduler.Schedulers.boundedElastic().schedule(probe);
    }
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(leaked).as("threads still carrying a finished request's context").isEmpty();
  }
}
