/** OpenTelemetry SDK wiring: implementation, not API. */
package dev.observa.tracing.internal;
