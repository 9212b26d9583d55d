package dev.observa.spring;

import dev.observa.spring.internal.ExchangeTraceIds;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodParameter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.accept.RequestedContentTypeResolver;
import org.springframework.web.reactive.result.method.annotation.ResponseBodyResultHandler;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityResultHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * WebFlux has no {@code ResponseBodyAdvice}: this replaces Spring's two result handlers that write response bodies
 * ({@code ResponseEntityResultHandler}, {@code ResponseBodyResultHandler}, exactly those classes) with subclasses
 * that add the request's trace id as the {@code traceId} property of a {@link ProblemDetail} body before writing
 * it — the bodies of {@code ResponseEntityExceptionHandler} ({@code spring.webflux.problemdetails.enabled=true}),
 * of {@code ErrorResponse} exceptions and of controllers returning a {@code ProblemDetail} or
 * {@code Mono<ProblemDetail>}. Same writers, content negotiation, adapters, interceptors and order; a
 * {@code traceId} the application set stays.
 */
final class ReactiveProblemDetailTraceIds implements BeanPostProcessor {
  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean.getClass() == ResponseEntityResultHandler.class) {
      ResponseEntityResultHandler original = (ResponseEntityResultHandler) bean;
      Entities replacement = new Entities(original.getMessageWriters(), original.getContentTypeResolver(),
          original.getAdapterRegistry(), original.getErrorResponseInterceptors());
      replacement.setOrder(original.getOrder());
      return replacement;
    }
    if (bean.getClass() == ResponseBodyResultHandler.class) {
      ResponseBodyResultHandler original = (ResponseBodyResultHandler) bean;
      Bodies replacement = new Bodies(original.getMessageWriters(), original.getContentTypeResolver(),
          original.getAdapterRegistry(), original.getErrorResponseInterceptors());
      replacement.setOrder(original.getOrder());
      return replacement;
    }
    return bean;
  }

  /** The body, with the trace id added when it is a problem detail (or a {@code Mono} of one). */
  static Object withTraceId(Object body, ServerWebExchange exchange) {
    if (body instanceof ProblemDetail problem) {
      add(problem, exchange);
    } else if (body instanceof Mono<?> mono) {
      return mono.doOnNext(value -> {
        if (value instanceof ProblemDetail problem) {
          add(problem, exchange);
        }
      });
    }
    return body;
  }

  /**
   * @param exchange the exchange
   * @return the trace id of the server span Observa started for WebFlux's observation of the exchange, else the
   *     current span's; null when there is none
   */
  static String traceId(ServerWebExchange exchange) {
    return ExchangeTraceIds.of(ServerRequestObservationContext.findCurrent(exchange.getAttributes()).orElse(null));
  }

  private static void add(ProblemDetail problem, ServerWebExchange exchange) {
    try {
      boolean set = problem.getProperties() != null && problem.getProperties().containsKey(
          TraceIdProblemDetailAdvice.PROPERTY);
      String traceId = traceId(exchange);
      if (!set && traceId != null) {
        problem.setProperty(TraceIdProblemDetailAdvice.PROPERTY, traceId);
      }
    } catch (RuntimeException | LinkageError instrumentationFailure) {
      dev.observa.spi.Diagnostics.warn("problem-trace-id", "could not add the trace id: " + instrumentationFailure);
    }
  }

  private static final class Entities extends ResponseEntityResultHandler {
    Entities(List<HttpMessageWriter<?>> writers, RequestedContentTypeResolver resolver,
        ReactiveAdapterRegistry adapters, List<ErrorResponse.Interceptor> interceptors) {
      super(writers, resolver, adapters, interceptors);
    }

    @Override
    protected Mono<Void> writeBody(Object body, MethodParameter bodyParameter, MethodParameter actualParameter,
        ServerWebExchange exchange) {
      return super.writeBody(withTraceId(body, exchange), bodyParameter, actualParameter, exchange);
    }
  }

  private static final class Bodies extends ResponseBodyResultHandler {
    Bodies(List<HttpMessageWriter<?>> writers, RequestedContentTypeResolver resolver,
        ReactiveAdapterRegistry adapters, List<ErrorResponse.Interceptor> interceptors) {
      super(writers, resolver, adapters, interceptors);
    }

    @Override
    protected Mono<Void> writeBody(Object body, MethodParameter bodyParameter, MethodParameter actualParameter,
        ServerWebExchange exchange) {
      return super.writeBody(withTraceId(body, exchange), bodyParameter, actualParameter, exchange);
    }
  }
}
