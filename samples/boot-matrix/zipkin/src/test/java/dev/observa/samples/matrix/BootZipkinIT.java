package dev.observa.samples.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * With {@code spring-boot-starter-zipkin} (Micrometer Tracing's Brave bridge): Brave's tracing handlers skip what
 * Observa handles, so no request gets a second (Brave) trace; Brave's span handlers see no span of it.
 */
@SpringBootTest(classes = {MatrixApplication.class, BootZipkinIT.BraveSpans.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.application.name=matrix", "management.endpoints.web.exposure.include=health,prometheus,traces",
        "management.tracing.sampling.probability=1.0", "observa.tracing.recent-traces=1000",
        "management.zipkin.tracing.endpoint=http://127.0.0.1:9/api/v2/spans"})
class BootZipkinIT extends OneInstrumentationContract {
  @Autowired
  BraveSpans braveSpans;

  /** Counts every span Brave finishes (Boot adds every {@code SpanHandler} bean to Brave's tracing). */
  @TestConfiguration
  static class BraveSpans {
    final AtomicInteger ended = new AtomicInteger();

    @Bean
    SpanHandler countingSpanHandler() {
      return new SpanHandler() {
        @Override
        public boolean end(TraceContext context, MutableSpan span, Cause cause) {
          ended.incrementAndGet();
          return true;
        }
      };
    }
  }

  @Test
  void braveMakesNoSpanForWhatObservaHandles() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(get("/front").statusCode()).isEqualTo(200);
    }
    assertThat(awaitScrape("http_route=\"/front\"")).contains("http_route=\"/front\"");
    assertThat(braveSpans.ended.get()).isZero();
  }
}
