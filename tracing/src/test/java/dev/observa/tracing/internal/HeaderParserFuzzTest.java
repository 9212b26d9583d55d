package dev.observa.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.Route;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generated input for every header parser we run (traceparent, tracestate, baggage, b3, b3multi, Jaeger's
 * uber-trace-id and uberctx-*): random text and mutations of valid headers never throw, whatever is
 * extracted injects only well-formed, control-free headers, parsing cost grows linearly with input size,
 * and a megabyte header costs a small, fixed amount of memory.
 */
class HeaderParserFuzzTest {
  private static final DeclaredKeys KEYS = DeclaredKeys.of(List.of(
      DeclaredKey.builder("k").routes(Route.PROPAGATE).build(), DeclaredKey.builder(DeclaredKeys.TENANT)
          .routes(Route.PROPAGATE).build()));
  private static final TextMapPropagator ALL = Propagators.create(
      List.of("tracecontext", "baggage", "b3", "b3multi", "jaeger"), KEYS);
  private static final TextMapPropagator DEFAULT = Propagators.create(List.of("tracecontext", "baggage"), KEYS);

  private static final Map<String, String> VALID = Map.of(
      "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-03",
      "tracestate", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE,foo@bar=1, 1a=x y",
      "baggage", "k=v%20x;p=1;q, tenant=acme,other=%E2%82%AC",
      "b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90",
      "X-B3-TraceId", "80f198ee56343ba864fe8b2a57d3eff7",
      "X-B3-SpanId", "e457b5a2e4d86bd1",
      "X-B3-Sampled", "1",
      "uber-trace-id", "5af7183fb1d4cf5f:6f9e4f1c2a3b4c5d:0:1",
      "uberctx-k", "v%0Dx");
  private static final String ALPHABET = "0123456789abcdefABCDEF-=,;:% \t@/*_.\r\n\u0000\u007f\u00e9\u2028\"\\";

  private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private static String mutate(String valid, Random random) {
    StringBuilder out = new StringBuilder(valid);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = out.length() == 0 ? 0 : random.nextInt(out.length());
      char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      switch (random.nextInt(5)) {
        case 0 -> out.insert(at, c);
        case 1 -> {
          if (out.length() > 0) {
            out.setCharAt(at, c);
          }
        }
        case 2 -> {
          if (out.length() > 0) {
            out.deleteCharAt(at);
          }
        }
        case 3 -> out.insert(at, out.substring(at, Math.min(out.length(), at + random.nextInt(20))));
        default -> out.insert(at, String.valueOf(c).repeat(random.nextInt(300)));
      }
    }
    return out.toString();
  }

  private static String randomText(Random random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  /** Extracts with every parser, injects what came out, and checks what would be sent. */
  private static void roundTrip(TextMapPropagator propagator, Map<String, String> headers) {
    Context context = propagator.extract(Context.root(), headers, GETTER);
    Map<String, String> out = new HashMap<>();
    propagator.inject(context, out, (carrier, key, value) -> carrier.put(key, value));
    out.forEach((key, value) -> assertThat(value).as("%s from %s", key, headers)
        .doesNotContainPattern("[\\x00-\\x1f\\x7f\\u2028\\u2029]"));
    if (out.containsKey("traceparent")) {
      assertThat(out.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]");
    }
    if (out.containsKey("tracestate")) {
      assertThat(TraceStateRules.parse(out.get("tracestate"))).as(out.get("tracestate")).isNotNull();
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void generatedAndMutatedHeadersNeverThrowAndInjectOnlyWellFormedValues() {
    Random random = new Random(20261201);
    List<String> names = List.copyOf(VALID.keySet());
    for (int round = 0; round < 8_000; round++) {
      Map<String, String> headers = new HashMap<>(VALID);
      String name = names.get(random.nextInt(names.size()));
      headers.put(name, random.nextInt(4) == 0 ? randomText(random, random.nextInt(600)) : mutate(VALID.get(name), random));
      if (random.nextInt(8) == 0) {
        headers.remove(names.get(random.nextInt(names.size())));
      }
      roundTrip(ALL, headers);
      roundTrip(DEFAULT, headers);
    }
  }

  /** CPU time of the cheapest of several extractions of {@code headers}, in nanoseconds. */
  private static long cost(TextMapPropagator propagator, Map<String, String> headers) {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long best = Long.MAX_VALUE;
    for (int run = 0; run < 9; run++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < 10; i++) {
        propagator.extract(Context.root(), headers, GETTER);
      }
      best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
    }
    return Math.max(best, 1);
  }

  /** Headers whose every part is {@code unit} repeated to about {@code size} characters. */
  private static Map<String, String> sized(String name, String prefix, String unit, int size) {
    Map<String, String> headers = new HashMap<>(VALID);
    headers.put(name, prefix + unit.repeat(size / unit.length()));
    return headers;
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void parsingCostGrowsLinearlyWithInputSize() {
    // 16 times the input may cost at most 5 times 16 (a quadratic parser would cost 256 times as much)
    List<Object[]> cases = List.of(
        new Object[] {"tracestate", "", ",", 2048},
        new Object[] {"tracestate", "", " \t,", 2048},
        new Object[] {"baggage", "", "a=%41%41;p,", 4096},
        new Object[] {"baggage", "", ",;,=", 4096},
        new Object[] {"baggage", "k=", "%", 4096},
        new Object[] {"uberctx-k", "", "%41", 255}, // 16 times this is still within the 4096-character cap
        new Object[] {"uber-trace-id", "", ":", 256},
        new Object[] {"b3", "", "-", 256},
        new Object[] {"X-B3-TraceId", "", "0", 256});
    for (Object[] c : cases) {
      String name = (String) c[0];
      int size = (Integer) c[3];
      cost(ALL, sized(name, (String) c[1], (String) c[2], size)); // warm up
      long small = cost(ALL, sized(name, (String) c[1], (String) c[2], size));
      long large = cost(ALL, sized(name, (String) c[1], (String) c[2], size * 16));
      assertThat((double) large / small).as("%s of %s: 16x the input", name, c[2]).isLessThan(80.0);
    }
  }

  @Test
  void aMegabyteHeaderCostsASmallFixedAmountOfMemory() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    String megabyte = "a=b,".repeat(256 * 1024);
    for (String name : VALID.keySet()) {
      Map<String, String> headers = new HashMap<>(VALID);
      headers.put(name, megabyte);
      for (int i = 0; i < 3; i++) {
        ALL.extract(Context.root(), headers, GETTER); // warm up: class loading, caches
      }
      long before = threads.getThreadAllocatedBytes(thread);
      ALL.extract(Context.root(), headers, GETTER);
      long allocated = threads.getThreadAllocatedBytes(thread) - before;
      assertThat(allocated).as("bytes allocated extracting a 1 MB %s", name).isLessThan(16 * 1024); // ~4 KB seen
    }
  }
}
