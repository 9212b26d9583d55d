package dev.observa.spring.observation;

import dev.observa.Observa;
import dev.observa.http.HttpClientMetrics;
import dev.observa.http.HttpMethods;
import dev.observa.http.HttpServerMetrics;
import dev.observa.spring.ObservaAutoConfiguration;
import dev.observa.spring.ObservaProperties;
import dev.observa.spring.ObservaWebAutoConfiguration;
import io.micrometer.observation.Observation;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.aop.ObservedAspect;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.aspectj.lang.annotation.Aspect;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.util.ClassUtils;

/**
 * Makes Observa the handler of Micrometer's Observation API: Spring MVC's server observation,
 * {@code RestClient}/{@code RestTemplate} calls, {@code @Scheduled} runs, {@code @Observed} methods, messaging
 * listeners and templates, JDBC (datasource-micrometer's observations: database CLIENT spans), Spring Data and
 * Spring Security observations all become Observa spans and metrics, and Spring Boot's own meter and tracing handlers skip them. {@code observa.http.server=false} /
 * {@code observa.http.client=false} leave HTTP server / client observations to Boot's handlers.
 *
 * <pre>{@code
 * observa.http.exclude-actuator=true   # default: /actuator/** requests get no span and no HTTP metric
 * }</pre>
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ObservaAutoConfiguration.class,
    afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
public final class ObservaObservationAutoConfiguration {
  private static final String SERVLET_CONTEXT =
      "org.springframework.http.server.observation.ServerRequestObservationContext";
  private static final String CLIENT_CONTEXT =
      "org.springframework.http.client.observation.ClientRequestObservationContext";
  private static final String REACTIVE_CONTEXT =
      "org.springframework.http.server.reactive.observation.ServerRequestObservationContext";
  private static final String JDBC_CONTEXT = "net.ttddyy.observation.tracing.DataSourceBaseContext";
  private static final String WEBCLIENT_CONTEXT =
      "org.springframework.web.reactive.function.client.ClientRequestObservationContext";

  @Bean
  @ConditionalOnMissingBean
  ObservaObservationHandler observaObservationHandler(Observa observa, ObservaProperties properties,
      Environment environment) {
    HttpMethods methods = dev.observa.spring.KnownHttpMethods.resolve(properties, environment);
    ClassLoader loader = getClass().getClassLoader();
    int maxSeries = properties.getMetrics().getMaxSeries();
    List<ObservationAdapter> adapters = new ArrayList<>();
    List<ObservationAdapter> declined = new ArrayList<>();
    HttpServerMetrics serverMetrics = new HttpServerMetrics(observa, maxSeries,
        properties.getMetrics().getBuckets().get(ObservaWebAutoConfiguration.SERVER_OPERATION));
    HttpClientMetrics clientMetrics = new HttpClientMetrics(observa, maxSeries);
    List<ObservationAdapter> servers = (properties.getHttp().isServer() ? adapters : declined);
    List<ObservationAdapter> clients = (properties.getHttp().isClient() ? adapters : declined);
    String tenantHeader = properties.getTenant().getHeader();
    boolean traceResponse = properties.getHttp().isTraceResponseHeader();
    if (ClassUtils.isPresent(SERVLET_CONTEXT, loader) && ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest", loader)) {
      servers.add(new ServletServerAdapter(observa, methods, serverMetrics, tenantHeader, traceResponse));
    }
    if (ClassUtils.isPresent(REACTIVE_CONTEXT, loader) && ClassUtils.isPresent("reactor.core.publisher.Mono", loader)) {
      servers.add(new ReactiveServerAdapter(observa, methods, serverMetrics, tenantHeader, traceResponse));
    }
    if (ClassUtils.isPresent(CLIENT_CONTEXT, loader)) {
      clients.add(new RestClientAdapter(observa, methods, clientMetrics));
    }
    if (ClassUtils.isPresent(WEBCLIENT_CONTEXT, loader)) {
      clients.add(new WebClientAdapter(observa, methods, clientMetrics));
    }
    if (ClassUtils.isPresent(JDBC_CONTEXT, loader)) {
      adapters.add(new DatabaseClientAdapter(observa, new DatabaseClientMetrics(observa, maxSeries)));
    }
    adapters.add(new GenericAdapter(observa, new ObservationNames(observa, maxSeries)));
    return new ObservaObservationHandler(adapters, declines(declined));
  }

  /** Asked on every callback of every observation (Boot's handler groups): a plain loop, nothing allocated. */
  private static Predicate<Observation.Context> declines(List<ObservationAdapter> declined) {
    if (declined.isEmpty()) {
      return context -> false;
    }
    ObservationAdapter[] adapters = declined.toArray(ObservationAdapter[]::new);
    return context -> {
      for (ObservationAdapter adapter : adapters) {
        if (adapter.accepts(context)) {
          return true;
        }
      }
      return false;
    };
  }

  /** Boot's meter and tracing handlers skip what Observa handles (static: a post-processor comes early). */
  @Bean
  static BootHandlersDeferral observaBootHandlersDeferral(ObjectProvider<ObservaObservationHandler> handler) {
    return new BootHandlersDeferral(handler);
  }

  /**
   * Spring MVC's server observation without Spring's key values when Observa handles it (nothing reads them);
   * backs off when the application declares a server-request convention or a global one.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = SERVLET_CONTEXT)
  @ConditionalOnProperty(prefix = "observa.http", name = "server", havingValue = "true", matchIfMissing = true)
  static class ServerRequestConvention {
    @Bean
    @ConditionalOnMissingBean({ServerRequestObservationConvention.class, GlobalObservationConvention.class})
    ServerRequestNameOnly observaServerRequestConvention(Environment environment) {
      return new ServerRequestNameOnly(environment.getProperty("management.observations.http.server.requests.name",
          new DefaultServerRequestObservationConvention().getName()));
    }
  }

  /** No span and no HTTP metric for requests to the actuator (scrapes, health checks). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = SERVLET_CONTEXT)
  @ConditionalOnProperty(prefix = "observa.http", name = "exclude-actuator", havingValue = "true", matchIfMissing = true)
  static class ActuatorExclusion {
    @Bean
    ActuatorRequests observaActuatorRequests(Environment environment) {
      return new ActuatorRequests(environment.getProperty("management.endpoints.web.base-path", "/actuator"));
    }
  }

  /** The same for WebFlux. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  @ConditionalOnClass(name = REACTIVE_CONTEXT)
  @ConditionalOnProperty(prefix = "observa.http", name = "exclude-actuator", havingValue = "true", matchIfMissing = true)
  static class ReactiveActuatorExclusion {
    @Bean
    ReactiveActuatorRequests observaReactiveActuatorRequests(Environment environment) {
      return new ReactiveActuatorRequests(environment.getProperty("management.endpoints.web.base-path", "/actuator"));
    }
  }

  /**
   * Micrometer's {@code @Observed} as one more way to observe a method (Boot registers its aspect only with
   * {@code management.observations.annotations.enabled=true}); {@code @Observe} stays Observa's annotation.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({Aspect.class, ObservedAspect.class})
  @ConditionalOnProperty(prefix = "observa.annotations", name = "enabled", havingValue = "true", matchIfMissing = true)
  static class ObservedAnnotation {
    @Bean
    @ConditionalOnMissingBean
    ObservedAspect observaObservedAspect(ObservationRegistry registry) {
      return new ObservedAspect(registry);
    }
  }
}
