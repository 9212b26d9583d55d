/**
 * The Observa facade ({@link dev.observa.Observa}) and its builder: one entry point to metric
 * instruments, spans, structured loggers and the shared context.
 */
package dev.observa;
