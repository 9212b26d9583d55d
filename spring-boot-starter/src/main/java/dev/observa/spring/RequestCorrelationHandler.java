package dev.observa.spring;

import dev.observa.logging.RequestCorrelation;
import io.opentelemetry.context.Scope;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's outermost step of every request, the counterpart of Tomcat's {@link RequestCorrelationValve}: makes
 * current the root context holding an empty {@link RequestCorrelation} ({@link RequestCorrelation#newRequest}),
 * which the request's SERVER span fills when it starts, so the lines Jetty itself writes after the span's scope
 * closed (the warning of a request that failed with an exception) carry its trace id. The previous context is
 * restored when the handler returns, so a pooled thread keeps nothing.
 *
 * <pre>{@code
 * factory.addServerCustomizers(server -> server.insertHandler(new RequestCorrelationHandler()));
 * }</pre>
 */
final class RequestCorrelationHandler extends Handler.Wrapper {
  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    try (Scope scope = RequestCorrelation.newRequest().makeCurrent()) {
      return super.handle(request, response, callback);
    }
  }
}
