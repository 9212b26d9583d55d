package dev.observa.spring;

import dev.observa.spring.internal.ServerSpanCorrelation;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.apache.catalina.Valve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Log correlation for the lines a web container writes after a request's span closed: Tomcat gets
 * {@link RequestCorrelationValve}, Jetty {@link RequestCorrelationHandler}, and the request's SERVER span is recorded by {@link ServerSpanCorrelation},
 * a {@code SpanProcessor} bean (Spring Boot's OpenTelemetry SDK adds such beans; Observa's own SDK calls it from
 * its one span processor, given by {@code ObservaAutoConfiguration}). Every other line is correlated by {@link ObservaLogCorrelation}.
 *
 * <pre>{@code
 * // a request failing with 500: Tomcat's "Servlet.service() … threw exception" line carries its trace id,
 * // and so does Jetty's warning for the same failure
 * }</pre>
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SpanProcessor.class)
public final class ObservaLoggingAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(ServerSpanCorrelation.class)
  SpanProcessor observaServerSpanCorrelation() {
    return ServerSpanCorrelation.INSTANCE;
  }

  /** Tomcat, servlet or reactive. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication
  @ConditionalOnClass({Valve.class, ConfigurableTomcatWebServerFactory.class})
  static class TomcatCorrelation {
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> observaRequestCorrelationValve() {
      return factory -> factory.addEngineValves(new RequestCorrelationValve());
    }
  }

  /** Jetty, servlet or reactive. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication
  @ConditionalOnClass(name = {"org.eclipse.jetty.server.Handler",
      "org.springframework.boot.jetty.ConfigurableJettyWebServerFactory"})
  static class JettyCorrelation {
    @Bean
    WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> observaRequestCorrelationHandler() {
      return factory -> factory.addServerCustomizers(server -> server.insertHandler(new RequestCorrelationHandler()));
    }
  }
}
