/** Structured logging: the facade logger over SLF4J and the Logback JSON-lines encoder. */
package dev.observa.logging;
