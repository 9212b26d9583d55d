package dev.observa.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;

/**
 * Error responses name their trace: RFC 9457 problem details get a {@code traceId} property
 * ({@link TraceIdProblemDetailAdvice}) and Spring Boot's {@code /error} JSON a {@code traceId} attribute
 * ({@link TraceIdErrorAttributes}, unless the application has its own {@code ErrorAttributes}). Off with
 * {@code observa.http.problem-trace-id=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ObservaAutoConfiguration.class,
    beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ProblemDetail.class, ErrorAttributes.class})
@ConditionalOnProperty(prefix = "observa.http", name = "problem-trace-id", havingValue = "true", matchIfMissing = true)
public final class ObservaErrorResponseAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  TraceIdProblemDetailAdvice observaTraceIdProblemDetailAdvice() {
    return new TraceIdProblemDetailAdvice();
  }

  @Bean
  @ConditionalOnMissingBean(ErrorAttributes.class)
  TraceIdErrorAttributes observaErrorAttributes() {
    return new TraceIdErrorAttributes();
  }
}
