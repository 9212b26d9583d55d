/**
 * Test scope for users: {@link dev.observa.test.ObservaCapture} runs a real Observa (Prometheus metrics,
 * OpenTelemetry tracing, JSON log lines) and keeps what it records in memory, so a test can assert across
 * signals; {@link dev.observa.test.ObservaTestExtension} hands one to each JUnit Jupiter test.
 */
package dev.observa.test;
