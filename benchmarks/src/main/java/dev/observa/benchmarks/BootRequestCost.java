package dev.observa.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Locale;

/**
 * Scenario 10's request mix ({@link BootRequestBenchmark}) measured by what a loaded machine does not change:
 * bytes allocated and CPU time consumed by every Java thread of the JVM (Tomcat's, the client's, the span
 * store's), summed over many requests and divided by their number. Wall-clock time is not used. Run one stack
 * per JVM and compare stacks run in the same session:
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.observa.benchmarks.BootRequestCost observa [warm-up] [requests] [rounds]
 * }</pre>
 *
 * <p>Prints one line per round: bytes and CPU µs per request for all threads, then for Tomcat's request threads
 * (deterministic: the figure to compare), the client, and the rest (poller, acceptor, span store: these vary
 * with how the load spreads the requests over wake-ups). Threads that end during a
 * round take their counts with them; Tomcat's workers and the client live throughout.
 *
 * <p>With {@code -Dprofile.lib=/path/to/libasyncProfiler.so -Dprofile.file=observa.collapsed} (and the
 * async-profiler jar on the class path) the rounds, and not the warm-up, are profiled with async-profiler
 * ({@code event=itimer}, 1 ms, or {@code -Dprofile.event} and {@code -Dprofile.interval}) into collapsed stacks, for
 * {@code benchmarks/instrumentation-share.py}. A share moves by about 1 / sqrt(its samples) between runs: the kernel's
 * tick paces {@code itimer}, while {@code -Dprofile.event=cpu} (perf's {@code cpu-clock}, where perf events are
 * allowed) gives about five times the samples at the same interval, enough to compare runs one by one.
 */
public final class BootRequestCost {
  private BootRequestCost() {}

  private static double per(long total, long count) {
    return (double) total / count;
  }

  /** Runs an async-profiler command when {@code profile.lib} names its library (reflection: no build dependency). */
  private static void profiler(String command) throws ReflectiveOperationException {
    String library = System.getProperty("profile.lib");
    if (library != null) {
      Object profiler = Class.forName("one.profiler.AsyncProfiler").getMethod("getInstance", String.class)
          .invoke(null, library);
      profiler.getClass().getMethod("execute", String.class).invoke(profiler, command);
    }
  }

  public static void main(String[] args) throws Exception {
    String stack = args.length > 0 ? args[0] : "observa";
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    int requests = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    threads.setThreadAllocatedMemoryEnabled(true);
    threads.setThreadCpuTimeEnabled(true);
    BootRequestBenchmark benchmark = new BootRequestBenchmark();
    benchmark.stack = stack;
    benchmark.setUp();
    try {
      long sink = 0;
      for (int i = 0; i < warmUp; i++) {
        sink += benchmark.request();
      }
      profiler("start,event=" + System.getProperty("profile.event", "itimer") + ",interval="
          + System.getProperty("profile.interval", "1ms"));
      for (int round = 1; round <= rounds; round++) {
        long[] ids = threads.getAllThreadIds();
        long[] bytesBefore = threads.getThreadAllocatedBytes(ids);
        long[] cpuBefore = threads.getThreadCpuTime(ids);
        for (int i = 0; i < requests; i++) {
          sink += benchmark.request();
        }
        long[] bytesAfter = threads.getThreadAllocatedBytes(ids);
        long[] cpuAfter = threads.getThreadCpuTime(ids);
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        // [all, Tomcat's request threads, the client, the rest] × [bytes, cpu]
        long[][] sums = new long[4][2];
        java.util.Map<String, long[]> others = new java.util.TreeMap<>();
        for (int t = 0; t < ids.length; t++) {
          long bytes = bytesBefore[t] >= 0 && bytesAfter[t] >= 0 ? bytesAfter[t] - bytesBefore[t] : 0;
          long cpu = cpuBefore[t] >= 0 && cpuAfter[t] >= 0 ? cpuAfter[t] - cpuBefore[t] : 0;
          String name = infos[t] == null ? "" : infos[t].getThreadName();
          int group = name.contains("-exec-") ? 1 : ids[t] == Thread.currentThread().getId() ? 2 : 3;
          if (group == 3 && (bytes > 0 || cpu > 0)) {
            long[] sum = others.computeIfAbsent(name.replaceAll("[0-9]+", "#"), key -> new long[2]);
            sum[0] += bytes;
            sum[1] += cpu;
          }
          for (int g : new int[] {0, group}) {
            sums[g][0] += bytes;
            sums[g][1] += cpu;
          }
        }
        System.out.printf(Locale.ROOT, "%s round %d: %.0f B/request, %.1f cpu-us/request"
                + " (request threads %.0f B %.1f us; client %.0f B %.1f us; other threads %.0f B %.1f us)%n",
            stack, round, per(sums[0][0], requests), per(sums[0][1], requests * 1000L),
            per(sums[1][0], requests), per(sums[1][1], requests * 1000L), per(sums[2][0], requests),
            per(sums[2][1], requests * 1000L), per(sums[3][0], requests), per(sums[3][1], requests * 1000L));
        if (round == rounds) {
          others.forEach((name, sum) -> System.out.printf(Locale.ROOT, "%s   other thread %s: %.0f B %.2f us%n",
              stack, name, per(sum[0], requests), per(sum[1], requests * 1000L)));
        }
      }
      profiler("stop,collapsed,file=" + System.getProperty("profile.file", stack + ".collapsed"));
      if (sink == 42) {
        System.out.println();
      }
    } finally {
      benchmark.tearDown();
    }
  }
}
