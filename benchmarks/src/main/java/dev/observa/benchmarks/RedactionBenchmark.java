package dev.observa.benchmarks;

import dev.observa.redaction.RedactionPolicy;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The redaction policy's free-text rule on the values a log line carries, none holding a secret (the common
 * case, where the prefilter must rule the text out cheaply), 1024 distinct values cycled through: a formatted
 * message with a URL, the URL alone, short MDC values, a 160-char message with numbers and 2,000 chars of prose.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class RedactionBenchmark {
  private static final int VALUES = 1024;

  @Param({"message", "url", "short", "line", "prose"})
  public String text;

  private final RedactionPolicy policy = RedactionPolicy.defaults();
  private String[] values;
  private int next;

  @Setup
  public void setUp() {
    Random random = new Random(6);
    values = new String[VALUES];
    for (int i = 0; i < VALUES; i++) {
      String url = "https://example.com/orders/" + random.nextInt(100_000);
      values[i] = switch (text) {
        case "message" -> "failed to fetch " + url + " (attempt " + (1 + random.nextInt(3)) + ")";
        case "url" -> url;
        case "short" -> switch (i % 3) {
          case 0 -> "r-" + Integer.toHexString(random.nextInt());
          case 1 -> "user" + random.nextInt(500);
          default -> "eu-west-" + (1 + random.nextInt(3));
        };
        case "line" -> String.format(Locale.ROOT, "order %d placed by user%d: %d items from warehouse eu-west-%d, "
            + "payment authorised after %d retries, total %d.%02d EUR, shipping to %s via %s in %d days",
            random.nextInt(100_000), random.nextInt(500), 1 + random.nextInt(9), 1 + random.nextInt(3),
            random.nextInt(3), random.nextInt(500), random.nextInt(100), "Lisbon", "DHL", 1 + random.nextInt(5));
        case "prose" -> prose(random);
        default -> throw new IllegalArgumentException(text);
      };
    }
  }

  private static String prose(Random random) {
    StringBuilder prose = new StringBuilder(2100);
    while (prose.length() < 2000) {
      prose.append(String.format(Locale.ROOT, "order %d shipped to the warehouse in batch %d, about %d boxes; ",
          random.nextInt(100_000), random.nextInt(1000), random.nextInt(50)));
    }
    return prose.toString();
  }

  @Benchmark
  public String policyText() {
    String value = values[next];
    next = (next + 1) & (VALUES - 1);
    return policy.text(value);
  }
}
