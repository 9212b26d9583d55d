package dev.observa.spring.vt;

import dev.observa.Observa;
import dev.observa.trace.ActiveSpan;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Requests on virtual threads hand work to an {@code @Async} method: the trace must follow. */
@SpringBootApplication
@EnableAsync
public class VirtualThreadsApplication {

  /** What the async method saw, sent back to the test. */
  public record Seen(String traceId, String spanId, boolean virtualThread, String threadName) {}

  @Component
  public static class Invoices {
    private static final Logger LOG = LoggerFactory.getLogger(Invoices.class);
    private final Observa observa;

    Invoices(Observa observa) {
      this.observa = observa;
    }

    @Async
    public CompletableFuture<Seen> render(String id) {
      try (ActiveSpan span = observa.span("invoice.render").startActive()) {
        LOG.info("rendering invoice {}", id);
        return CompletableFuture.completedFuture(new Seen(span.context().traceId(), span.context().spanId(),
            Thread.currentThread().isVirtual(), Thread.currentThread().getName()));
      }
    }
  }

  @RestController
  static class InvoiceController {
    private final Invoices invoices;

    InvoiceController(Invoices invoices) {
      this.invoices = invoices;
    }

    @GetMapping("/invoice")
    String invoice() throws Exception {
      Seen request = new Seen(io.opentelemetry.api.trace.Span.current().getSpanContext().getTraceId(), "",
          Thread.currentThread().isVirtual(), Thread.currentThread().getName());
      Seen async = invoices.render("7").get(30, java.util.concurrent.TimeUnit.SECONDS);
      return request.traceId() + " " + request.virtualThread() + " " + async.traceId() + " " + async.spanId() + " "
          + async.virtualThread() + " " + async.threadName();
    }
  }
}
