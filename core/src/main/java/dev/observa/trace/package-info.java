/** Span helpers over the OpenTelemetry API: builders, active spans with scoped context. */
package dev.observa.trace;
