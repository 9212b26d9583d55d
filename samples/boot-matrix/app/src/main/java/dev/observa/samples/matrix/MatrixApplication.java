package dev.observa.samples.matrix;

import dev.observa.annotation.Observe;
import io.micrometer.observation.annotation.Observed;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * One request crosses every kind of instrumentation the starter handles: Spring MVC's server observation
 * ({@code GET /front}), an {@code @Observe} method, a Micrometer {@code @Observed} method, a {@code RestClient}
 * call (client observation) and the downstream server ({@code GET /downstream}, the same application). A
 * {@code @Scheduled} task runs every half second.
 *
 * <pre>{@code
 * curl -i localhost:8080/front     # the traceresponse header names the trace
 * }</pre>
 */
@SpringBootApplication
@EnableScheduling
public class MatrixApplication {
  public static void main(String[] args) {
    SpringApplication.run(MatrixApplication.class, args);
  }

  /** Observed by Observa's own annotation; calls the catalog and the downstream endpoint. */
  @Component
  public static class Pricing {
    private final Catalog catalog;
    private final RestClient.Builder clients;
    private final Environment environment;

    Pricing(Catalog catalog, RestClient.Builder clients, Environment environment) {
      this.catalog = catalog;
      this.clients = clients;
      this.environment = environment;
    }

    @Observe("pricing.quote")
    public String quote() {
      String item = catalog.lookup();
      String port = environment.getProperty("local.server.port");
      return item + " " + clients.build().get().uri("http://127.0.0.1:" + port + "/downstream").retrieve()
          .body(String.class);
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
    private final Pricing pricing;

    Endpoints(Pricing pricing) {
      this.pricing = pricing;
    }

    @GetMapping("/front")
    String front() {
      return pricing.quote();
    }

    @GetMapping("/downstream")
    String downstream() {
      return "4.20";
    }
  }
}
