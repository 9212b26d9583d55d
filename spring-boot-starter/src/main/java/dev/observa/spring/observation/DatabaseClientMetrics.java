package dev.observa.spring.observation;

import dev.observa.Observa;
import dev.observa.meter.InstrumentCache;
import dev.observa.meter.Timer;
import dev.observa.spi.Diagnostics;
import java.util.concurrent.TimeUnit;

/**
 * {@code db.client.operation.duration} as OpenTelemetry's database semantic conventions name it (Prometheus
 * {@code db_client_operation_duration_seconds}, the advised buckets 1 ms to 10 s), by {@code db.system.name},
 * {@code db.namespace}, {@code db.operation.name}, {@code db.collection.name}, {@code server.address},
 * {@code server.port}, {@code db.response.status_code} and {@code error.type}: never the query text or its
 * parameters. The labels come from code and configuration (a keyword list, table names, the URL), and still at
 * most {@code maxSeries} combinations get series of their own. Never throws. Thread-safe.
 */
final class DatabaseClientMetrics {
  static final String DURATION = "db.client.operation.duration";
  private static final double[] BUCKETS = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10};

  private final Observa observa;
  private final int maxSeries;
  private final InstrumentCache<Key, Timer> durations;

  record Key(DatabaseTarget target, DatabaseQuery query, String statusCode, String errorType) {}

  DatabaseClientMetrics(Observa observa, int maxSeries) {
    this.observa = observa;
    this.maxSeries = maxSeries;
    this.durations = new InstrumentCache<>(maxSeries);
  }

  void record(Key key, long nanos) {
    try {
      durations.get(key, this::register).record(nanos, TimeUnit.NANOSECONDS);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("db.client.metrics", "could not record database client metrics: " + e);
    }
  }

  private Timer register(Key key) {
    DatabaseTarget target = key.target();
    return observa.timer(DURATION).description("Duration of database client operations.")
        .tag("db.system.name", target.system())
        .tag("db.namespace", target.namespace())
        .tag("db.operation.name", key.query().operation())
        .tag("db.collection.name", key.query().collection())
        .tag("server.address", target.address())
        .tag("server.port", target.port() > 0 ? Integer.toString(target.port()) : null)
        .tag("db.response.status_code", key.statusCode())
        .tag("error.type", key.errorType())
        .buckets(BUCKETS).maxSeries(maxSeries).register();
  }
}
