package dev.observa.spring;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Remembers the W3C trace id of a request's server span in a request attribute, so that what is written after
 * the span's scope closed (Boot's {@code /error} dispatch) can still name the trace. Runs right after the
 * filter that starts the server span (Observa's or Spring Boot's observation filter); one attribute per
 * request, no other state. Registered for the {@code REQUEST} dispatch only, so it runs once per request without
 * the "already filtered" attribute a {@code OncePerRequestFilter} sets and removes on every request (the
 * attribute set here lives on through the error and async dispatches).
 */
final class RequestTraceIds implements Filter {
  /** The request attribute holding the trace id, 32 lower-case hex digits. */
  static final String ATTRIBUTE = dev.observa.spring.internal.ExchangeTraceIds.ATTRIBUTE;

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      String traceId = current();
      if (traceId != null) {
        request.setAttribute(ATTRIBUTE, traceId);
      }
    } catch (RuntimeException | LinkageError instrumentationFailure) {
      dev.observa.spi.Diagnostics.warn("problem-trace-id", "could not read the trace id: " + instrumentationFailure);
    }
    chain.doFilter(request, response);
  }

  /**
   * @param request the request, or null
   * @return the trace id of the request's server span: the remembered one, else the current span's; null when
   *     there is no valid span
   */
  static String of(HttpServletRequest request) {
    Object remembered = request == null ? null : request.getAttribute(ATTRIBUTE);
    return remembered instanceof String id ? id : current();
  }

  private static String current() {
    return dev.observa.spring.internal.ExchangeTraceIds.current();
  }
}
