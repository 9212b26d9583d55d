package dev.observa.test;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;

/**
 * Everything the three signals recorded under one trace id, as returned by
 * {@link ObservaCapture#requireCorrelated(String)}.
 *
 * <pre>{@code
 * Correlation c = capture.requireCorrelated(traceId);
 * c.spans().get(0).getName();   // "checkout"
 * }</pre>
 *
 * @param traceId the trace id
 * @param spans its ended spans
 * @param logLines the log lines that carry it
 * @param exemplars the exemplars that point at it
 * @since 0.1.0
 */
public record Correlation(String traceId, List<SpanData> spans, List<LogLine> logLines, List<Exemplar> exemplars) {}
