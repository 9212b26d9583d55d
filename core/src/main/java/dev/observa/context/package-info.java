/**
 * The one shared context ({@link dev.observa.context.ObservaContext}) and the declarations that route
 * its entries to logs, spans, metric tags, exemplars and propagation ({@link dev.observa.context.DeclaredKey}).
 */
package dev.observa.context;
