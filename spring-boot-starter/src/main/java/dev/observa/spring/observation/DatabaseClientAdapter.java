package dev.observa.spring.observation;

import dev.observa.Observa;
import dev.observa.trace.ActiveSpan;
import io.micrometer.observation.Observation;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.ttddyy.observation.tracing.DataSourceBaseContext;
import net.ttddyy.observation.tracing.QueryContext;

/**
 * JDBC observations of datasource-micrometer ({@code net.ttddyy.observation}) as OpenTelemetry's database
 * semantic conventions describe a database call: a query is a CLIENT span ("Span kind SHOULD be CLIENT") named
 * {@code {db.operation.name} {target}} ({@code SELECT orders}) with {@code db.system.name}, {@code db.namespace},
 * {@code db.operation.name}, {@code db.collection.name}, {@code server.address}/{@code server.port}, {@code
 * db.query.text} with every literal removed by the redaction policy, and on failure {@code error.type} and {@code
 * db.response.status_code} (the SQLState), plus {@code db.client.operation.duration}. The query's parameter
 * values, its raw text and a driver's error message (which may quote it) reach no sink. A connection or result-set observation is an INTERNAL span without
 * metrics (pool metrics are the pool's: HikariCP's own meters).
 */
final class DatabaseClientAdapter implements ObservationAdapter {
  private static final int MAX_TARGETS = 64;

  private final Observa observa;
  private final DatabaseClientMetrics metrics;
  private final Map<String, DatabaseTarget> targets = new ConcurrentHashMap<>();

  DatabaseClientAdapter(Observa observa, DatabaseClientMetrics metrics) {
    this.observa = observa;
    this.metrics = metrics;
  }

  @Override
  public boolean accepts(Observation.Context context) {
    return context instanceof DataSourceBaseContext;
  }

  @Override
  public ObservationSpan start(Observation.Context context, Context parent) {
    SpanKind kind = context instanceof QueryContext ? SpanKind.CLIENT : SpanKind.INTERNAL;
    ActiveSpan span = observa.span(GenericAdapter.spanName(context)).kind(kind).parent(parent).startDetached();
    return new ObservationSpan(this, span);
  }

  @Override
  public void stop(Observation.Context context, ObservationSpan state) {
    ActiveSpan span = state.span;
    try (Scope scope = state.makeCurrent()) {
      if (context instanceof QueryContext query) {
        stopQuery(query, state);
      } else {
        GenericAdapter.copyKeyValues(context, span);
        span.recordException(context.getError());
      }
    } finally {
      span.close();
    }
  }

  private void stopQuery(QueryContext query, ObservationSpan state) {
    ActiveSpan span = state.span;
    DatabaseTarget target = target(query.getUrl());
    List<String> queries = query.getQueries();
    String text = queries == null || queries.isEmpty() ? null
        : observa.settings().redaction().sql(queries.size() == 1 ? queries.get(0) : String.join("; ", queries));
    DatabaseQuery parsed = queries != null && queries.size() == 1 ? DatabaseQuery.parse(text) : DatabaseQuery.NONE;
    span.span().updateName(spanName(target, parsed));
    span.attribute("db.system.name", target.system());
    attribute(span, "db.namespace", target.namespace());
    attribute(span, "db.operation.name", parsed.operation());
    attribute(span, "db.collection.name", parsed.collection());
    attribute(span, "db.query.text", text);
    if (queries != null && queries.size() > 1) {
      span.attribute("db.operation.batch.size", queries.size());
    }
    attribute(span, "server.address", target.address());
    if (target.port() > 0) {
      span.attribute("server.port", target.port());
    }
    Throwable error = query.getError();
    if (error == null && query.getExecutionInfo() != null) {
      error = query.getExecutionInfo().getThrowable();
    }
    String status = null;
    String errorType = null;
    if (error != null) {
      status = error instanceof SQLException sql && isSqlState(sql.getSQLState()) ? sql.getSQLState() : null;
      errorType = error.getClass().getName();
      attribute(span, "db.response.status_code", status);
      span.attribute("error.type", errorType);
      if (error instanceof SQLException) {
        // the server's message may quote the query, literals included ("syntax error at or near '…'")
        span.error(status == null ? errorType : "SQLSTATE " + status);
      } else {
        span.recordException(error);
      }
    }
    metrics.record(new DatabaseClientMetrics.Key(target, parsed, status, errorType),
        System.nanoTime() - state.startNanos);
  }

  /** {@code {db.operation.name} {target}}, else {@code {target}}, else {@code {db.system.name}}. */
  private static String spanName(DatabaseTarget target, DatabaseQuery query) {
    String where = query.collection() != null ? query.collection()
        : target.namespace() != null ? target.namespace()
        : target.address() != null ? target.address() + (target.port() > 0 ? ":" + target.port() : "") : null;
    if (query.operation() != null) {
      return where == null ? query.operation() : query.operation() + " " + where;
    }
    return where != null ? where : target.system();
  }

  private DatabaseTarget target(String url) {
    String key = url == null ? "" : url;
    DatabaseTarget found = targets.get(key);
    if (found == null) {
      found = DatabaseTarget.parse(url);
      if (targets.size() < MAX_TARGETS) {
        targets.put(key, found);
      }
    }
    return found;
  }

  /** A SQLState is five letters or digits (ISO/IEC 9075); anything else a driver puts there is not a label. */
  private static boolean isSqlState(String state) {
    if (state == null || state.length() != 5) {
      return false;
    }
    for (int i = 0; i < 5; i++) {
      if (!Character.isLetterOrDigit(state.charAt(i)) || state.charAt(i) > 127) {
        return false;
      }
    }
    return true;
  }

  private static void attribute(ActiveSpan span, String key, String value) {
    if (value != null) {
      span.attribute(key, value);
    }
  }
}
