package dev.observa.meter;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A latency histogram in seconds, with convenience methods to time code.
 *
 * <pre>{@code
 * Timer latency = obs.timer("checkout.duration").register();
 * latency.record(() -> checkout(cart));
 * Timer.Sample sample = latency.start();
 * ...
 * sample.stop();
 * }</pre>
 *
 * <p>Buckets are published by default (the OpenTelemetry HTTP latency advice, so {@code le="0.1"} exists)
 * and carry exemplars. Never throws on its own account; exceptions thrown by timed code propagate
 * unchanged after the duration is recorded. Thread-safe.
 *
 * @since 0.1.0
 */
public interface Timer {
  /**
   * @param duration the duration; null or negative is ignored
   */
  void record(Duration duration);

  /**
   * @param amount the amount; negative is ignored
   * @param unit its unit
   */
  void record(long amount, TimeUnit unit);

  /**
   * Runs and times the task.
   *
   * @param task the code to time
   */
  void record(Runnable task);

  /**
   * Calls and times the task.
   *
   * @param task the code to time
   * @param <T> the result type
   * @return the task's result
   * @throws Exception whatever the task throws, unchanged
   */
  <T> T recordCallable(Callable<T> task) throws Exception;

  /** @return a started sample; call {@link Sample#stop()} to record its duration */
  Sample start();

  /** A started measurement. */
  interface Sample {
    /**
     * Records the time since the sample started. Only the first call records.
     *
     * @return the elapsed nanoseconds
     */
    long stop();
  }
}
