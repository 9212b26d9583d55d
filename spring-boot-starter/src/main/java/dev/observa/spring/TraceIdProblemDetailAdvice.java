package dev.observa.spring;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds the request's W3C trace id as the {@code traceId} property of every RFC 9457 {@link ProblemDetail}
 * body Spring MVC writes: those of {@code ResponseEntityExceptionHandler} (and so of
 * {@code spring.mvc.problemdetails.enabled=true}), of {@code ErrorResponse} exceptions and of controllers
 * returning a {@code ProblemDetail}. A {@code traceId} the application set stays; no valid span, no property.
 *
 * <pre>{@code
 * {"type":"about:blank","title":"Not Found","status":404,"instance":"/orders/7",
 *  "traceId":"0af7651916cd43dd8448eb211c80319c"}
 * }</pre>
 *
 * @since 0.1.0
 */
@ControllerAdvice
public final class TraceIdProblemDetailAdvice implements ResponseBodyAdvice<Object> {
  /** The property name, as Spring Boot's own correlation fields spell it. */
  public static final String PROPERTY = "traceId";

  @Override
  public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
      Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
    if (body instanceof ProblemDetail problem) {
      try {
        boolean set = problem.getProperties() != null && problem.getProperties().containsKey(PROPERTY);
        String traceId = RequestTraceIds.of(request instanceof ServletServerHttpRequest servlet
            ? servlet.getServletRequest() : null);
        if (!set && traceId != null) {
          problem.setProperty(PROPERTY, traceId);
        }
      } catch (RuntimeException | LinkageError instrumentationFailure) {
        dev.observa.spi.Diagnostics.warn("problem-trace-id", "could not add the trace id: " + instrumentationFailure);
      }
    }
    return body;
  }
}
