package dev.observa.benchmarks;

import java.lang.management.ManagementFactory;
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
 * <p>Prints one line per round: {@code stack round bytes/request cpu-µs/request}. Threads that end during a
 * round take their counts with them; Tomcat's workers and the client live throughout.
 */
public final class BootRequestCost {
  private BootRequestCost() {}

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
      for (int round = 1; round <= rounds; round++) {
        long[] ids = threads.getAllThreadIds();
        long[] bytesBefore = threads.getThreadAllocatedBytes(ids);
        long[] cpuBefore = threads.getThreadCpuTime(ids);
        for (int i = 0; i < requests; i++) {
          sink += benchmark.request();
        }
        long[] bytesAfter = threads.getThreadAllocatedBytes(ids);
        long[] cpuAfter = threads.getThreadCpuTime(ids);
        long bytes = 0;
        long cpu = 0;
        for (int t = 0; t < ids.length; t++) {
          if (bytesBefore[t] >= 0 && bytesAfter[t] >= 0) {
            bytes += bytesAfter[t] - bytesBefore[t];
          }
          if (cpuBefore[t] >= 0 && cpuAfter[t] >= 0) {
            cpu += cpuAfter[t] - cpuBefore[t];
          }
        }
        System.out.printf(Locale.ROOT, "%s round %d: %.0f B/request, %.1f cpu-us/request%n", stack, round,
            (double) bytes / requests, cpu / 1000.0 / requests);
      }
      if (sink == 42) {
        System.out.println();
      }
    } finally {
      benchmark.tearDown();
    }
  }
}
