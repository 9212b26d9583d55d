package dev.observa.tracing;

import java.util.List;

/**
 * What the tracing backend is wired to, for diagnostics: {@code obs.unwrap(TracingDescription.class)}.
 *
 * @param exporters exporter names (empty: spans stay in memory)
 * @param propagators propagator names
 * @param sampler the sampler's description
 * @param ownsSdk false when an application-provided OpenTelemetry instance is reused
 * @since 0.1.0
 */
public record TracingDescription(List<String> exporters, List<String> propagators, String sampler, boolean ownsSdk) {}
