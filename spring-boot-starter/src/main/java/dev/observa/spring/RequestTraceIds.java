package dev.observa.spring;

import dev.observa.spring.internal.ExchangeTraceIds;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The W3C trace id of a servlet request's SERVER span, for what is written after the span's scope closed (Boot's
 * {@code /error} dispatch, a problem detail): the span Observa started for Spring's server observation, found
 * through the observation context Spring keeps in a request attribute (it lives on through the error and async
 * dispatches), else what {@link ExchangeTraceIds#current()} finds. No filter and no state of its own.
 *
 * <pre>{@code
 * String traceId = RequestTraceIds.of(request);   // null when the request has no valid span
 * }</pre>
 */
final class RequestTraceIds {
  private RequestTraceIds() {}

  /**
   * @param request the request, or null
   * @return the trace id of the request's server span: the observed one, else the current span's or the
   *     request's recorded server span's; null when there is no valid span
   */
  static String of(HttpServletRequest request) {
    return ExchangeTraceIds.of(request == null ? null
        : ServerHttpObservationFilter.findObservationContext(request).orElse(null));
  }
}
