package dev.observa.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.logging.RequestCorrelation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

/** After the server span's scope closed, the request's recorded server span still names the trace. */
class ExchangeTraceIdsTest {
  private static final String SERVER_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String CHILD_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  private static SpanContext span(String traceId) {
    return SpanContext.create(traceId, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
  }

  @Test
  void withoutACurrentSpanTheRequestsRecordedServerSpanNamesTheTrace() {
    Context request = RequestCorrelation.attach(Context.root());
    RequestCorrelation.from(request).serverSpan(span(SERVER_TRACE));
    try (Scope scope = request.makeCurrent()) {
      assertThat(ExchangeTraceIds.current()).isEqualTo(SERVER_TRACE);
    }
  }

  @Test
  void aCurrentSpanComesFirst() {
    Context request = RequestCorrelation.attach(Context.root());
    RequestCorrelation.from(request).serverSpan(span(SERVER_TRACE));
    try (Scope scope = request.with(Span.wrap(span(CHILD_TRACE))).makeCurrent()) {
      assertThat(ExchangeTraceIds.current()).isEqualTo(CHILD_TRACE);
    }
  }

  @Test
  void neitherASpanNorARecordedServerSpanGivesNull() {
    try (Scope scope = RequestCorrelation.attach(Context.root()).makeCurrent()) {
      assertThat(ExchangeTraceIds.current()).isNull();
    }
    try (Scope scope = Context.root().makeCurrent()) {
      assertThat(ExchangeTraceIds.current()).isNull();
    }
  }
}
