package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LogExportCountingTest {

  /** Fails its first export, throws {@code NoClassDefFoundError} on the second, then works. */
  static final class FailingThenHealedExporter implements LogRecordExporter {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public CompletableResultCode export(Collection<LogRecordData> records) {
      int call = calls.incrementAndGet();
      if (call == 1) {
        return CompletableResultCode.ofFailure();
      }
      if (call == 2) {
        throw new NoClassDefFoundError("com/example/MissingCodec");
      }
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      throw new AssertionError("flush");
    }

    @Override
    public CompletableResultCode shutdown() {
      throw new LinkageError("shutdown");
    }
  }

  @Test
  void failedAndThrowingExportsAreCountedAndTheWorkerKeepsExporting() throws Exception {
    LogExportCounting counting = LogExportCounting.create();
    SdkLoggerProvider provider = SdkLoggerProvider.builder()
        .addLogRecordProcessor(BatchLogRecordProcessor.builder(counting.counting(new FailingThenHealedExporter()))
            .setScheduleDelay(Duration.ofMillis(10)).setMaxExportBatchSize(1).build())
        .build();
    for (int i = 0; i < 5; i++) {
      provider.get("guard").logRecordBuilder().setBody("record " + i).emit();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (counting.exported() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(counting.exportFailed()).isEqualTo(2);
    assertThat(counting.exported()).isEqualTo(3);
    assertThat(counting.exporters()).containsExactly("FailingThenHealedExporter");
    // flush and shutdown throw: turned into results, the SDK's own calls complete
    assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isDone()).isTrue();
    assertThat(provider.shutdown().join(10, TimeUnit.SECONDS).isDone()).isTrue();
  }
}
