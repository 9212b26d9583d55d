/** Metrics over Micrometer with Prometheus text and OpenMetrics exposition. */
package dev.observa.metrics;
