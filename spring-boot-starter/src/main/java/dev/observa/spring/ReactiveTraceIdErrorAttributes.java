package dev.observa.spring;

import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Spring Boot's WebFlux error attributes plus {@code traceId}, the same field as on the servlet side
 * ({@link TraceIdErrorAttributes}): the JSON Boot's {@code ErrorWebExceptionHandler} writes for a failed reactive
 * request names its trace. Used only when the application defines no {@code ErrorAttributes} bean of its own.
 *
 * <pre>{@code
 * {"timestamp":"…","path":"/orders","status":500,"error":"Internal Server Error","requestId":"1f2e3d4c-1",
 *  "traceId":"0af7651916cd43dd8448eb211c80319c"}
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ReactiveTraceIdErrorAttributes extends DefaultErrorAttributes {
  /** Creates the attributes. */
  public ReactiveTraceIdErrorAttributes() {}

  @Override
  public Map<String, Object> getErrorAttributes(ServerRequest request, ErrorAttributeOptions options) {
    Map<String, Object> attributes = super.getErrorAttributes(request, options);
    try {
      String traceId = ReactiveProblemDetailTraceIds.traceId(request.exchange());
      if (traceId != null) {
        attributes.putIfAbsent(TraceIdProblemDetailAdvice.PROPERTY, traceId);
      }
    } catch (RuntimeException | LinkageError instrumentationFailure) {
      dev.observa.spi.Diagnostics.warn("problem-trace-id", "could not add the trace id: " + instrumentationFailure);
    }
    return attributes;
  }
}
