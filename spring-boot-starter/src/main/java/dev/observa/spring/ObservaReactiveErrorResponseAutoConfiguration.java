package dev.observa.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityResultHandler;

/**
 * The WebFlux side of {@link ObservaErrorResponseAutoConfiguration}: problem-detail bodies get a {@code traceId}
 * property ({@link ReactiveProblemDetailTraceIds}) and Boot's WebFlux error JSON a {@code traceId} attribute
 * ({@link ReactiveTraceIdErrorAttributes}, unless the application has its own {@code ErrorAttributes}). The trace
 * id is the one the server span remembered in the exchange's attributes. Off with
 * {@code observa.http.problem-trace-id=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ObservaAutoConfiguration.class,
    beforeName = "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ProblemDetail.class, ErrorAttributes.class, ResponseEntityResultHandler.class})
@ConditionalOnProperty(prefix = "observa.http", name = "problem-trace-id", havingValue = "true", matchIfMissing = true)
public final class ObservaReactiveErrorResponseAutoConfiguration {

  @Bean
  static ReactiveProblemDetailTraceIds observaReactiveProblemDetailTraceIds() {
    return new ReactiveProblemDetailTraceIds();
  }

  @Bean
  @ConditionalOnMissingBean(ErrorAttributes.class)
  ReactiveTraceIdErrorAttributes observaReactiveErrorAttributes() {
    return new ReactiveTraceIdErrorAttributes();
  }
}
