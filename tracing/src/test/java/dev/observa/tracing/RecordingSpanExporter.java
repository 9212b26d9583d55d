package dev.observa.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tracing tests' exporter: keeps every span it is given (from any thread), the size of each batch, and counts its
 * shutdowns; {@link #failing()} answers every export with a failure, as a dead backend does.
 */
public final class RecordingSpanExporter implements SpanExporter {
  private final List<SpanData> spans = new CopyOnWriteArrayList<>();
  private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  private final AtomicInteger shutdowns = new AtomicInteger();
  private final boolean failing;

  public RecordingSpanExporter() {
    this(false);
  }

  private RecordingSpanExporter(boolean failing) {
    this.failing = failing;
  }

  /** @return an exporter that records what it is given and fails every export */
  public static RecordingSpanExporter failing() {
    return new RecordingSpanExporter(true);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> batch) {
    spans.addAll(batch);
    batchSizes.add(batch.size());
    return failing ? CompletableResultCode.ofFailure() : CompletableResultCode.ofSuccess();
  }

  /** @return the size of each batch exported so far, in export order */
  public List<Integer> batchSizes() {
    return batchSizes;
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    shutdowns.incrementAndGet();
    return CompletableResultCode.ofSuccess();
  }

  /** @return the spans exported so far, in export order */
  public List<SpanData> spans() {
    return spans;
  }

  /** @return their names, in export order */
  public List<String> names() {
    return spans.stream().map(SpanData::getName).collect(Collectors.toList());
  }

  /** @return the spans by name (names must be distinct) */
  public Map<String, SpanData> byName() {
    return spans.stream().collect(Collectors.toMap(SpanData::getName, Function.identity()));
  }

  /** @return how many times {@link #shutdown()} was called */
  public int shutdowns() {
    return shutdowns.get();
  }
}
