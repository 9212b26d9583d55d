/** Micrometer adapters and the exemplar bridge: implementation, not API. */
package dev.observa.metrics.internal;
