package dev.observa.spring;

import dev.observa.spring.internal.ExchangeTraceIds;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The W3C trace id of a servlet request's SERVER span, for what is written after the span's scope closed (Boot's
 * {@code /error} dispatch, a problem detail): the request attribute Observa's server observation sets when the span
 * starts (it lives on through the error and async dispatches), else what {@link ExchangeTraceIds#current()} finds.
 * No filter and no state of its own.
 *
 * <pre>{@code
 * String traceId = RequestTraceIds.of(request);   // null when the request has no valid span
 * }</pre>
 */
final class RequestTraceIds {
  private RequestTraceIds() {}

  /**
   * @param request the request, or null
   * @return the trace id of the request's server span: the remembered one, else the current span's or the
   *     request's recorded server span's; null when there is no valid span
   */
  static String of(HttpServletRequest request) {
    Object remembered = request == null ? null : request.getAttribute(ExchangeTraceIds.ATTRIBUTE);
    return remembered instanceof String id ? id : ExchangeTraceIds.current();
  }
}
