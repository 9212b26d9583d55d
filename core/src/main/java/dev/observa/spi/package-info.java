/**
 * The plug-in point: the provider interfaces by which the metrics, tracing and logging modules supply
 * real implementations to the facade, and the values handed to them.
 */
package dev.observa.spi;
