package dev.observa.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.support.EnvironmentPostProcessorApplicationListener;
import org.springframework.boot.support.EnvironmentPostProcessorsFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scenario 10 (issue 16): one HTTP request through a Spring Boot application on Tomcat, over a kept-alive
 * loopback connection, with a fixed request mix (two routes, ids varying). Time and
 * bytes allocated (by every thread: Tomcat's included) per request.
 *
 * <ul>
 *   <li>{@code none}: no observability (every Micrometer, OpenTelemetry and Observa auto-configuration
 *       excluded): the floor.</li>
 *   <li>{@code observa}: the Observa starter as an application adds it, with Boot's Observation and metrics
 *       support; Boot's own tracing auto-configurations excluded (an Observa application does not add them).
 *       Spans stay in memory (the recent-trace store, every trace): no exporter configured.</li>
 *   <li>{@code boot-otel}: Spring Boot + Micrometer Tracing + its OpenTelemetry bridge
 *       ({@code spring-boot-starter-opentelemetry}), Observa excluded; sampling probability 1, OTLP export of
 *       spans, metrics and logs switched off (no collector), so spans end in the SDK's processors.</li>
 * </ul>
 *
 * <p>Boot's tracing module, on this class path for {@code boot-otel}, is kept out of the other two stacks
 * entirely: its auto-configurations and its listener wrapping OpenTelemetry's context storage. The Observa
 * starter is kept out of {@code none} and {@code boot-otel} as entirely: its auto-configurations, its
 * environment defaults (JSON console logs) and its listeners (asynchronous console with its thread, log
 * correlation), which reach every application on this class path through {@code spring.factories}. A Spring
 * application reaches its steady state slowly (JIT of Tomcat and Spring MVC): {@code run-full.sh} runs this
 * class on its own with 15 warm-up iterations ({@code BOOT_JMH_ARGS}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BootRequestBenchmark {
  @Param({"none", "observa", "boot-otel"})
  public String stack;

  private ConfigurableApplicationContext context;
  private LoopbackScraper[] requests;
  private int next;

  /** The application under test. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @RestController
  public static class OrdersApp {
    @GetMapping("/orders/{id}")
    public String order(@PathVariable String id) {
      return "{\"id\":\"" + id + "\",\"status\":\"shipped\"}";
    }

    @GetMapping("/customers/{id}/orders")
    public String orders(@PathVariable String id) {
      return "[{\"id\":\"1\"},{\"id\":\"2\"}]";
    }
  }

  @Setup
  public void setUp() throws IOException {
    List<String> excluded = new ArrayList<>();
    for (String name : ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())) {
      boolean observa = name.startsWith("dev.observa.");
      boolean bootTracing = name.startsWith("org.springframework.boot.micrometer.tracing.")
          || name.startsWith("org.springframework.boot.opentelemetry.");
      boolean observability = observa || bootTracing || name.contains(".micrometer.") || name.contains("Observation");
      boolean otlpExport = name.contains(".otlp.");
      if (stack.equals("none") && observability || stack.equals("observa") && (bootTracing || otlpExport)
          || stack.equals("boot-otel") && (observa || otlpExport)) {
        excluded.add(name);
      }
    }
    SpringApplicationBuilder application = new SpringApplicationBuilder(OrdersApp.class);
    List<ApplicationListener<?>> listeners = new ArrayList<>(application.application().getListeners());
    // Boot's tracing module (on this jar's class path for boot-otel) also registers a listener that wraps
    // OpenTelemetry's context storage for every application; an application without that module has no wrapper
    if (!stack.equals("boot-otel")) {
      listeners.removeIf(listener -> listener.getClass().getName().startsWith("org.springframework.boot.micrometer.tracing."));
    }
    // likewise the Observa starter takes part in every start through spring.factories: its environment
    // defaults (JSON console logs, correlation ids in patterns) and its listeners (an asynchronous console
    // appender with its thread, log correlation); an application without the starter has none of them
    if (!stack.equals("observa")) {
      listeners.removeIf(listener -> listener.getClass().getName().startsWith("dev.observa."));
      if (listeners.removeIf(listener -> listener instanceof EnvironmentPostProcessorApplicationListener)) {
        EnvironmentPostProcessorsFactory all = EnvironmentPostProcessorsFactory.fromSpringFactories(getClass().getClassLoader());
        listeners.add(EnvironmentPostProcessorApplicationListener.with((logs, bootstrap) -> all
            .getEnvironmentPostProcessors(logs, bootstrap).stream()
            .filter(processor -> !processor.getClass().getName().startsWith("dev.observa."))
            .toList()));
      }
    }
    application.application().setListeners(listeners);
    context = application
        .properties("server.port=0", "server.address=127.0.0.1",
            "server.tomcat.max-keep-alive-requests=-1", "spring.main.banner-mode=off",
            "logging.level.root=WARN", "spring.jmx.enabled=false", "management.tracing.sampling.probability=1.0",
            "management.tracing.export.enabled=false", "management.otlp.metrics.export.enabled=false",
            "management.opentelemetry.logging.export.enabled=false",
            "spring.autoconfigure.exclude=" + String.join(",", excluded))
        .run();
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    requests = new LoopbackScraper[] {
        new LoopbackScraper(port, "/orders/42", null),
        new LoopbackScraper(port, "/customers/7/orders", null),
        new LoopbackScraper(port, "/orders/1337", null),
        new LoopbackScraper(port, "/customers/1001/orders", null)};
  }

  @TearDown
  public void tearDown() throws IOException {
    for (LoopbackScraper request : requests) {
      request.close();
    }
    context.close();
  }

  @Benchmark
  public long request() throws IOException {
    LoopbackScraper request = requests[next];
    next = (next + 1) & 3;
    return request.scrape();
  }
}
