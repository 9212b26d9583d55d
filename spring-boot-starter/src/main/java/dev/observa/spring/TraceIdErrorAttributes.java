package dev.observa.spring;

import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

/**
 * Spring Boot's error attributes plus {@code traceId}: the JSON of {@code /error} (and its whitelabel page)
 * names the trace of the request that failed. Used only when the application defines no
 * {@code ErrorAttributes} bean of its own.
 *
 * <pre>{@code
 * {"timestamp":"…","status":500,"error":"Internal Server Error","path":"/orders",
 *  "traceId":"0af7651916cd43dd8448eb211c80319c"}
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TraceIdErrorAttributes extends DefaultErrorAttributes {
  /** Creates the attributes. */
  public TraceIdErrorAttributes() {}

  @Override
  public Map<String, Object> getErrorAttributes(WebRequest webRequest, ErrorAttributeOptions options) {
    Map<String, Object> attributes = super.getErrorAttributes(webRequest, options);
    try {
      String traceId = RequestTraceIds.of(webRequest instanceof ServletWebRequest servlet ? servlet.getRequest() : null);
      if (traceId != null) {
        attributes.putIfAbsent(TraceIdProblemDetailAdvice.PROPERTY, traceId);
      }
    } catch (RuntimeException | LinkageError instrumentationFailure) {
      dev.observa.spi.Diagnostics.warn("problem-trace-id", "could not add the trace id: " + instrumentationFailure);
    }
    return attributes;
  }
}
