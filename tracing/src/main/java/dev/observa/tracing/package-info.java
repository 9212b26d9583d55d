/** Tracing over the OpenTelemetry SDK: providers, the in-memory store of recent traces. */
package dev.observa.tracing;
