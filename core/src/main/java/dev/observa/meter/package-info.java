/**
 * Metric instruments (counter, gauge, histogram, summary, timer) and their builders. Builders validate
 * names and tags when called; instruments never throw when recording.
 */
package dev.observa.meter;
