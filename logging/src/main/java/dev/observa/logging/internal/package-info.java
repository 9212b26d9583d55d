/** JSON writing and the SLF4J logger adapter: implementation, not API. */
package dev.observa.logging.internal;
