package dev.observa.spring;

import java.lang.management.ManagementFactory;

/** What the scrape-allocation tests measure on a real Tomcat: the bytes its connector threads allocated. */
final class TomcatThreads {
  private TomcatThreads() {}

  /** @return the bytes allocated so far by Tomcat's connector threads (acceptor, poller, workers) */
  static long allocatedBytes() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("http-nio-")) {
        total += threads.getThreadAllocatedBytes(thread.getId());
      }
    }
    return total;
  }
}
