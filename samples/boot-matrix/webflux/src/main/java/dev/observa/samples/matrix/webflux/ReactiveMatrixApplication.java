package dev.observa.samples.matrix.webflux;

import dev.observa.annotation.Observe;
import dev.observa.context.ObservaContext;
import io.micrometer.observation.annotation.Observed;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The matrix application on WebFlux: {@code GET /front} hops threads ({@code publishOn}, {@code delayElement}),
 * calls an {@code @Observe} service returning a {@code Mono} (which calls a Micrometer {@code @Observed} method,
 * hops to another thread inside its result, logs there and calls a {@code WebClient} to {@code GET /downstream}
 * of the same application), hops again and logs. The trace id
 * current after the last hop is returned in {@code x-trace-after-hop}. A {@code @Scheduled} task runs every half
 * second. {@code /problem}, {@code /status/{id}} and {@code /boom} answer with a problem detail, a
 * {@code ResponseStatusException} and an unhandled failure.
 *
 * <pre>{@code
 * curl -i localhost:8080/front     # traceresponse and x-trace-after-hop name the same trace
 * }</pre>
 */
@SpringBootApplication
@EnableScheduling
public class ReactiveMatrixApplication {
  /** The header carrying the trace id that was current after the thread hops. */
  public static final String TRACE_AFTER_HOP = "x-trace-after-hop";

  public static void main(String[] args) {
    SpringApplication.run(ReactiveMatrixApplication.class, args);
  }

  /** Observed by Observa's own annotation: measured until the returned {@code Mono} completes. */
  @Component
  public static class Pricing {
    private static final Logger LOG = LoggerFactory.getLogger(Pricing.class);
    private final Catalog catalog;
    private final WebClient.Builder clients;
    private final Environment environment;

    Pricing(Catalog catalog, WebClient.Builder clients, Environment environment) {
      this.catalog = catalog;
      this.clients = clients;
      this.environment = environment;
    }

    /** Hops to another thread inside its result, logs there, then calls {@code GET /downstream}. */
    @Observe("pricing.quote")
    public Mono<String> quote() {
      String item = catalog.lookup();
      String port = environment.getProperty("local.server.port");
      WebClient client = clients.build();
      return Mono.just(item).publishOn(Schedulers.boundedElastic())
          .doOnNext(hopped -> LOG.info("pricing {} after the hop", hopped))
          .flatMap(hopped -> client.get().uri("http://127.0.0.1:" + port + "/downstream").retrieve()
              .bodyToMono(String.class).map(price -> hopped + " " + price));
    }
  }

  /** Observed by Micrometer's annotation, handled by Observa like any other Observation. */
  @Component
  public static class Catalog {
    @Observed(name = "catalog.lookup", contextualName = "catalog lookup")
    public String lookup() {
      return "tea";
    }
  }

  /** A scheduled task: each run is an Observation of Spring's scheduling. */
  @Component
  public static class Ticker {
    private final AtomicInteger runs = new AtomicInteger();

    @Scheduled(fixedDelay = 500)
    public void tick() {
      runs.incrementAndGet();
    }

    /** @return how many times the task ran */
    public int runs() {
      return runs.get();
    }
  }

  @RestController
  static class Endpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);
    private final Pricing pricing;

    Endpoints(Pricing pricing) {
      this.pricing = pricing;
    }

    @GetMapping("/front")
    Mono<ResponseEntity<String>> front() {
      return Mono.just("order").publishOn(Schedulers.parallel()).delayElement(Duration.ofMillis(5))
          .flatMap(order -> pricing.quote())
          .publishOn(Schedulers.boundedElastic())
          .map(quote -> {
            LOG.info("quoted {}", quote);
            return ResponseEntity.ok().header(TRACE_AFTER_HOP, ObservaContext.current().traceId()).body(quote);
          });
    }

    /** A problem detail returned by a controller. */
    @GetMapping("/problem")
    Mono<ProblemDetail> problem() {
      return Mono.just(ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, "no stock"))
          .publishOn(Schedulers.parallel());
    }

    /** Spring's {@code ErrorResponse} exception: a problem detail with {@code spring.webflux.problemdetails}. */
    @GetMapping("/status/{id}")
    Mono<String> status(@PathVariable String id) {
      return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id));
    }

    /** An unhandled failure after a thread hop: Boot's error JSON. */
    @GetMapping("/boom")
    Mono<String> boom() {
      return Mono.just("x").publishOn(Schedulers.boundedElastic()).map(x -> {
        throw new IllegalStateException("boom");
      });
    }

    @GetMapping("/downstream")
    Mono<String> downstream() {
      return Mono.just("4.20").delayElement(Duration.ofMillis(1));
    }
  }
}
