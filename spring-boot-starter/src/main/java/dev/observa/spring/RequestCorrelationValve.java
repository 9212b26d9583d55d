package dev.observa.spring;

import dev.observa.logging.RequestCorrelation;
import io.opentelemetry.context.Scope;
import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Tomcat's outermost step of every request: makes current the root context holding an empty
 * {@link RequestCorrelation} ({@link RequestCorrelation#newRequest}), which the request's SERVER span fills when
 * it starts, so the lines Tomcat itself writes after the span's scope closed (the error line of a failed request)
 * carry its trace id.
 * The previous context is restored when the request leaves, so a pooled thread keeps nothing.
 *
 * <pre>{@code
 * factory.addEngineValves(new RequestCorrelationValve());
 * }</pre>
 */
final class RequestCorrelationValve extends ValveBase {
  RequestCorrelationValve() {
    super(true);
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    try (Scope scope = RequestCorrelation.newRequest().makeCurrent()) {
      getNext().invoke(request, response);
    }
  }
}
