package dev.observa.metrics;

import dev.observa.metrics.internal.MeterNameClaims;
import dev.observa.spi.Diagnostics;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The self-metric of {@link MetricsHttpServer}: the connections its servers closed on their own, by reason, in
 * {@code observa_metrics_http_connections_closed_total{reason}}, summed over the servers of one
 * {@link PrometheusMetrics} (a closed server's counts stay in the total). The counter is registered on the first
 * such close and then shows every reason, zeros included. Counting never throws. Thread-safe.
 */
final class ClosedConnections {
  /** The self-metric's exported name, without {@code _total}. */
  static final String METRIC = "observa_metrics_http_connections_closed";

  /** Why a server closed a connection on its own; the label value is the lower-case name. */
  enum Reason {
    /** Every slot was answering: the new connection was closed at once. */
    REFUSED,
    /** Idle (or in a request head) the longest when all slots were taken: closed for a new connection. */
    EVICTED,
    /**
     * Every slot was answering and this answer had been stalled the longest, past the head timeout: closed for a
     * new connection.
     */
    STALLED,
    /** The request head was not complete within the head timeout: {@code 408}. */
    HEAD_TIMEOUT,
    /** The request head was larger than 8 KiB: {@code 431}. */
    HEAD_TOO_LARGE,
    /** The request line filled the 8 KiB head buffer: {@code 414}. */
    URI_TOO_LONG,
    /** The request line filled the 8 KiB head buffer with a method longer than any known: {@code 501}. */
    METHOD_TOO_LONG,
    /** The request was not HTTP/1.x as RFC 9112 writes it: {@code 400}. */
    MALFORMED,
    /** The answer was not written within the write timeout (a client that stopped reading). */
    WRITE_TIMEOUT;

    final String label = name().toLowerCase(Locale.ROOT);
  }

  private static final Reason[] REASONS = Reason.values();

  private final PrometheusRegistry registry;
  private final MeterNameClaims claims;
  private final CopyOnWriteArrayList<Counts> servers = new CopyOnWriteArrayList<>();
  private final long[] ofClosedServers = new long[REASONS.length];
  private volatile boolean registered;

  ClosedConnections(PrometheusRegistry registry, MeterNameClaims claims) {
    this.registry = registry;
    this.claims = claims;
  }

  /** @return the counts of a new server, shown in the self-metric until and after {@link Counts#close} */
  Counts newServer() {
    Counts counts = new Counts();
    servers.add(counts);
    return counts;
  }

  private synchronized long total(Reason reason) {
    long total = ofClosedServers[reason.ordinal()];
    for (Counts server : servers) {
      total += server.get(reason);
    }
    return total;
  }

  private synchronized void fold(Counts server) {
    if (servers.remove(server)) {
      for (Reason reason : REASONS) {
        ofClosedServers[reason.ordinal()] += server.get(reason);
      }
    }
  }

  private void register() {
    if (registered) {
      return;
    }
    synchronized (this) {
      if (registered) {
        return;
      }
      registered = true;
      try {
        claims.claim(METRIC, METRIC, "counter");
        registry.register(CounterWithCallback.builder().name(METRIC)
            .help("Connections the metrics HTTP server closed on its own, by reason")
            .labelNames("reason").callback(callback -> {
              for (Reason reason : REASONS) {
                callback.call(total(reason), reason.label);
              }
            }).build());
      } catch (RuntimeException e) { // a meter of that name in the registry: counted, reported at close, not shown
        Diagnostics.warn("metrics.http.self-metric", "cannot register " + METRIC + "_total: " + e.getMessage());
      }
    }
  }

  /** One server's counts. */
  final class Counts {
    private final LongAdder[] counts = new LongAdder[REASONS.length];

    private Counts() {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    /** Counts one connection closed for {@code reason}. */
    void count(Reason reason) {
      counts[reason.ordinal()].increment();
      register();
    }

    long get(Reason reason) {
      return counts[reason.ordinal()].sum();
    }

    /** @return the counts by reason label, for the summary logged at close */
    Map<String, Long> summary() {
      Map<String, Long> summary = new TreeMap<>();
      for (Reason reason : REASONS) {
        summary.put(reason.label, get(reason));
      }
      return summary;
    }

    /** Folds this server's counts into the total of closed servers. */
    void close() {
      fold(this);
    }
  }
}
