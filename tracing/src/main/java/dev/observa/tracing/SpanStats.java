package dev.observa.tracing;

/**
 * Running span counts of a tracing backend, for diagnostics: {@code obs.unwrap(SpanStats.class)}.
 *
 * @since 0.1.0
 */
public interface SpanStats {
  /** @return spans started */
  long started();

  /** @return spans ended */
  long ended();

  /** @return spans an exporter accepted */
  long exported();

  /** @return spans an exporter failed to send */
  long exportFailed();

  /** @return spans dropped because an export queue was full */
  long droppedQueueFull();
}
