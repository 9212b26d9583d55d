package dev.observa.meter;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The four golden signals of one operation, recorded together:
 * <ul>
 *   <li>latency: {@code <name>.duration} timer → {@code <name>_duration_seconds} histogram with exemplars,
 *       buckets {@link Buckets#DEFAULT_LATENCY_SECONDS} so SLO thresholds such as {@code le="0.1"} exist;</li>
 *   <li>traffic and errors: {@code <name>.requests} counter → {@code <name>_requests_total} tagged
 *       {@code outcome} ({@code success} / {@code error}) and {@code error.type} as OpenTelemetry's semantic
 *       conventions define it (Prometheus {@code error_type}): the exception's fully-qualified class name, the
 *       type given to {@link #recordFailure} (e.g. {@code 503}), {@code slow} for a success slower than the
 *       configured limit, and empty (no label) on success;</li>
 *   <li>saturation: {@code <name>.in_flight} gauge, plus an optional utilisation gauge.</li>
 * </ul>
 * So the usual PromQL works unchanged in shape:
 * <pre>{@code
 * sum(rate(checkout_requests_total{outcome="error"}[5m])) / sum(rate(checkout_requests_total[5m]))
 * rate(checkout_duration_seconds_sum[5m]) / rate(checkout_duration_seconds_count[5m])
 * sum(rate(checkout_duration_seconds_bucket{le="0.1"}[5m])) by (job) / sum(rate(checkout_duration_seconds_count[5m])) by (job)
 * }</pre>
 *
 * <pre>{@code
 * GoldenSignals checkout = obs.goldenSignals("checkout").register();
 * try (GoldenSignals.Operation op = checkout.start()) {
 *   placeOrder();
 * } // success, unless op.fail(e) was called
 * Receipt r = checkout.call(() -> placeOrder());   // exceptions are counted as errors and rethrown unchanged
 * }</pre>
 *
 * <p>Never throws on its own account. Thread-safe.
 *
 * @since 0.1.0
 */
public final class GoldenSignals {
  /** Tag value of {@code outcome} for a success. */
  public static final String SUCCESS = "success";
  /** Tag value of {@code outcome} for an error. */
  public static final String ERROR = "error";
  /** Tag value of {@code error.type} for a success: empty, which Prometheus treats as no label. */
  public static final String NO_ERROR = "";
  /** Tag value of {@code error.type} for a success slower than the configured limit. */
  public static final String SLOW = "slow";
  /** Tag value of {@code error.type} for a failure without a type. */
  public static final String OTHER_ERROR = "_OTHER";

  private final Timer duration;
  private final Counter successes;
  private final Gauge inFlight;
  private final Function<String, Counter> errorCounter;
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();
  private final int maxErrorTypes;
  private volatile Counter overflowErrors;
  private final long slowNanos;

  GoldenSignals(Timer duration, Counter successes, Gauge inFlight, Function<String, Counter> errorCounter,
      long slowNanos, int maxSeries) {
    this.duration = duration;
    this.successes = successes;
    this.inFlight = inFlight;
    this.errorCounter = errorCounter;
    this.slowNanos = slowNanos;
    this.maxErrorTypes = maxSeries;
  }

  /** @return a started operation, counted in flight until it is closed */
  public Operation start() {
    inFlight.add(1);
    return new Operation(System.nanoTime());
  }

  /**
   * Records a finished operation.
   *
   * @param elapsed how long it took; null or negative is ignored
   * @param error why it failed, or null for a success
   */
  public void record(Duration elapsed, Throwable error) {
    if (elapsed == null || elapsed.isNegative()) {
      return;
    }
    finish(elapsed.toNanos(), error == null ? null : error.getClass().getName());
  }

  /**
   * Records a finished operation that failed without an exception, e.g. an HTTP 503 answer.
   *
   * @param elapsed how long it took; null or negative is ignored
   * @param errorType the {@code error.type} tag value, e.g. {@code 503}; keep the set small
   */
  public void recordFailure(Duration elapsed, String errorType) {
    if (elapsed == null || elapsed.isNegative()) {
      return;
    }
    finish(elapsed.toNanos(), errorType == null || errorType.isEmpty() ? OTHER_ERROR : errorType);
  }

  /**
   * Runs the task as one operation; an exception is counted as an error and rethrown unchanged.
   *
   * @param task the work
   */
  public void run(Runnable task) {
    try (Operation operation = start()) {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        operation.fail(e);
        throw e;
      }
    }
  }

  /**
   * Calls the task as one operation; see {@link #run}.
   *
   * @param task the work
   * @param <T> its result type
   * @return its result
   * @throws Exception whatever the task throws, unchanged
   */
  public <T> T call(Callable<T> task) throws Exception {
    try (Operation operation = start()) {
      try {
        return task.call();
      } catch (Exception | Error e) {
        operation.fail(e);
        throw e;
      }
    }
  }

  private void finish(long nanos, String errorType) {
    duration.record(nanos, TimeUnit.NANOSECONDS);
    if (errorType == null && slowNanos > 0 && nanos > slowNanos) {
      errorType = SLOW;
    }
    if (errorType == null) {
      successes.increment();
    } else {
      errorCounter(errorType).increment();
    }
  }

  /**
   * The counter of one error type. At most {@code maxSeries} types are kept: past that the metric's series
   * budget is spent, so the next type's counter is its overflow series, which then serves every further type.
   */
  private Counter errorCounter(String errorType) {
    Counter counter = errors.get(errorType);
    if (counter != null) {
      return counter;
    }
    if (errors.size() < maxErrorTypes) {
      return errors.computeIfAbsent(errorType, errorCounter);
    }
    Counter spill = overflowErrors;
    if (spill == null) {
      spill = errorCounter.apply(errorType);
      overflowErrors = spill;
    }
    return spill;
  }

  /** One operation in flight. Close it exactly once (try-with-resources); later closes do nothing. */
  public final class Operation implements AutoCloseable {
    private final long start;
    private String errorType;
    private boolean closed;

    private Operation(long start) {
      this.start = start;
    }

    /**
     * Marks the operation failed.
     *
     * @param error the cause; its fully-qualified class name becomes the {@code error.type} tag
     * @return this
     */
    public Operation fail(Throwable error) {
      this.errorType = error == null ? OTHER_ERROR : error.getClass().getName();
      return this;
    }

    /**
     * Marks the operation failed with an error type of your own, e.g. {@code 503} or {@code timeout}.
     *
     * @param errorType the {@code error.type} tag value; keep the set small
     * @return this
     */
    public Operation fail(String errorType) {
      this.errorType = errorType == null || errorType.isEmpty() ? OTHER_ERROR : errorType;
      return this;
    }

    /** Records the duration and outcome, and leaves the in-flight count. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      inFlight.add(-1);
      finish(System.nanoTime() - start, errorType);
    }
  }
}
