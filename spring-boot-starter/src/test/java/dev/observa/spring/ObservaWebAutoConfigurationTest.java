package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.metrics.PrometheusMetrics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import dev.observa.spring.observation.ObservaObservationAutoConfiguration;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

class ObservaWebAutoConfigurationTest {
  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ObservaAutoConfiguration.class, ObservaWebAutoConfiguration.class,
          ObservationAutoConfiguration.class, ObservaObservationAutoConfiguration.class));

  @Test
  void registersNoFilterOfItsOwnAndNoStandaloneEndpointWhenActuatorServesPrometheus() {
    runner.run(context -> {
      assertThat(context).doesNotHaveBean(FilterRegistrationBean.class).doesNotHaveBean(ServletRegistrationBean.class)
          .hasBean("observaObservationHandler");
    });
  }

  @Test
  void withoutActuatorNoMetricsPathIsOpenedUnlessAskedFor() {
    runner.withClassLoader(new FilteredClassLoader(PrometheusScrapeEndpoint.class))
        .run(context -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
  }

  @Test
  void starterDefaultsLeaveSpringBootsWebExposureAlone() {
    org.springframework.mock.env.MockEnvironment environment = new org.springframework.mock.env.MockEnvironment();
    new ObservaEnvironmentDefaults().postProcessEnvironment(environment, new org.springframework.boot.SpringApplication());
    assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isNull();
  }

  @Test
  void withoutActuatorTheStarterServesMetricsItselfWithExemplarSafeOpenMetricsWhenAsked() {
    runner.withClassLoader(new FilteredClassLoader(PrometheusScrapeEndpoint.class))
        .withPropertyValues("observa.metrics.endpoint=true").run(context -> {
      ServletRegistrationBean<?> registration = context.getBean(ServletRegistrationBean.class);
      assertThat(registration.getUrlMappings()).containsExactly("/metrics");
      context.getBean(dev.observa.Observa.class).counter("served").register().increment();
      MockHttpServletRequest request = new MockHttpServletRequest("GET", "/metrics");
      request.addHeader("Accept", "application/openmetrics-text; version=1.0.0");
      MockHttpServletResponse response = new MockHttpServletResponse();
      ((jakarta.servlet.http.HttpServlet) registration.getServlet()).service(request, response);
      assertThat(response.getContentType()).startsWith("application/openmetrics-text");
      assertThat(response.getContentAsString()).contains("served_total 1.0").endsWith("# EOF\n");
      assertThat(context.getBean(PrometheusMetrics.class)).isNotNull();
    });
  }

  @Test
  void theStandaloneEndpointAnswersPrometheusProtobufWithNativeHistogramsWhenAskedFirst() {
    runner.withClassLoader(new FilteredClassLoader(PrometheusScrapeEndpoint.class))
        .withPropertyValues("observa.metrics.endpoint=true").run(context -> {
      ServletRegistrationBean<?> registration = context.getBean(ServletRegistrationBean.class);
      context.getBean(dev.observa.Observa.class).timer("served").nativeBuckets(1.1).register()
          .record(java.time.Duration.ofMillis(5));
      MockHttpServletRequest request = new MockHttpServletRequest("GET", "/metrics");
      request.addHeader("Accept", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
          + "encoding=delimited;q=0.9,application/openmetrics-text;version=1.0.0;q=0.5");
      MockHttpServletResponse response = new MockHttpServletResponse();
      ((jakarta.servlet.http.HttpServlet) registration.getServlet()).service(request, response);
      assertThat(response.getContentType()).startsWith("application/vnd.google.protobuf");
      io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics.MetricFamily family;
      java.util.List<String> names = new java.util.ArrayList<>();
      java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(response.getContentAsByteArray());
      while ((family = io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics.MetricFamily
          .parseDelimitedFrom(in)) != null) {
        names.add(family.getName());
        if (family.getName().equals("served_seconds")) {
          assertThat(family.getMetric(0).getHistogram().getSchema()).isEqualTo(3);
          assertThat(family.getMetric(0).getHistogram().getPositiveSpanCount()).isEqualTo(1);
        }
      }
      assertThat(names).contains("served_seconds");
    });
  }

  @Test
  void serverObservationsCanBeLeftToSpringBootsHandlers() {
    runner.withPropertyValues("observa.http.server=false")
        .run(context -> assertThat(serveAndScrape(context, "GET")).doesNotContain("http_server_request_duration_seconds"));
  }

  @Test
  void springMvcServerObservationsKeepTheirNameButSkipSpringsKeyValuesWhenObservaHandlesThem() {
    runner.withPropertyValues("management.observations.http.server.requests.name=web.requests").run(context -> {
      ServerRequestObservationConvention convention = context.getBean(ServerRequestObservationConvention.class);
      MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders/42");
      java.util.concurrent.atomic.AtomicReference<ServerRequestObservationContext> seen =
          new java.util.concurrent.atomic.AtomicReference<>();
      new ServerHttpObservationFilter(context.getBean(ObservationRegistry.class), convention).doFilter(request,
          new MockHttpServletResponse(), (req, res) -> ServerHttpObservationFilter
              .findObservationContext((jakarta.servlet.http.HttpServletRequest) req).ifPresent(seen::set));
      assertThat(seen.get().getName()).isEqualTo("web.requests");
      assertThat(seen.get().getLowCardinalityKeyValues()).isEmpty();
      assertThat(seen.get().getHighCardinalityKeyValues()).isEmpty();
      assertThat(context.getBean(PrometheusMetrics.class).scrape("text/plain").body())
          .contains("http_server_request_duration_seconds_count{");
    });
  }

  @Test
  void springsServerKeyValuesStayWhenTheApplicationHasItsOwnConventionOrLeavesServersToBoot() {
    runner.withBean(ServerRequestObservationConvention.class, DefaultServerRequestObservationConvention::new)
        .run(context -> assertThat(context.getBean(ServerRequestObservationConvention.class))
            .isExactlyInstanceOf(DefaultServerRequestObservationConvention.class));
    runner.withPropertyValues("observa.http.server=false")
        .run(context -> assertThat(context).doesNotHaveBean(ServerRequestObservationConvention.class));
  }

  /** What Spring MVC's {@code ServerHttpObservationFilter} does for one request, through the real registry. */
  private static String serveAndScrape(org.springframework.context.ApplicationContext context, String method) {
    ServerRequestObservationContext observed = new ServerRequestObservationContext(
        new MockHttpServletRequest(method, "/anything"), new MockHttpServletResponse());
    Observation.start("http.server.requests", () -> observed, context.getBean(ObservationRegistry.class)).stop();
    return context.getBean(PrometheusMetrics.class).scrape("text/plain").body();
  }

  /**
   * http-metrics.md: "If the HTTP instrumentation could end up converting valid HTTP request methods to _OTHER, then
   * it MUST provide a way to override the list of known HTTP methods. If this override is done via environment
   * variable, then the environment variable MUST be named OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS".
   */
  @Test
  void knownMethodsComeFromObservaThenTheOtelVariableElseTheConventionsList() {
    runner.run(context -> assertThat(serveAndScrape(context, "PROPFIND")).contains("http_request_method=\"_OTHER\"")
        .doesNotContain("PROPFIND"));
    runner.withPropertyValues("observa.http.known-methods=GET,PROPFIND", "OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS=FETCH")
        .run(context -> assertThat(serveAndScrape(context, "PROPFIND")).contains("http_request_method=\"PROPFIND\""));
    runner.withPropertyValues("OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS=GET,FETCH")
        .run(context -> {
          assertThat(serveAndScrape(context, "FETCH")).contains("http_request_method=\"FETCH\"");
          assertThat(serveAndScrape(context, "POST")).contains("http_request_method=\"_OTHER\"");
        });
  }

  @Test
  void aKnownMethodThatIsNotAMethodNameStopsStartupNamingTheProperty() {
    runner.withPropertyValues("observa.http.known-methods=GET,BAD METHOD").run(context -> {
      assertThat(context).hasFailed();
      assertThat(new ObservaFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
          .contains("observa.http.known-methods");
    });
  }

  @Test
  void serverDurationBucketsCanBeOverriddenUnderTheHttpServerRequestOperation() {
    runner.withPropertyValues("observa.metrics.buckets[http.server.request]=0.1,0.2").run(context -> {
      String text = serveAndScrape(context, "GET");
      assertThat(text).contains("http_server_request_duration_seconds_bucket{").contains("le=\"0.2\"}")
          .doesNotContain("le=\"0.25\"}");
    });
  }
}
