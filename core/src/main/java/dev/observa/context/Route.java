package dev.observa.context;

/**
 * A sink that a {@link DeclaredKey declared context key} may reach.
 *
 * <p>Every signal consults the same declaration, so logs, spans and metrics always agree on which
 * context entries they show. An entry whose key is not declared reaches no sink at all.
 *
 * @since 0.1.0
 */
public enum Route {
  /** The entry travels to other services as a W3C baggage member on inject. */
  PROPAGATE,
  /** The entry is written as a field of every log line. */
  LOG,
  /** The entry is set as an attribute on every span started through Observa. */
  SPAN_ATTRIBUTE,
  /** The entry may become a metric tag; values outside the declared set are folded into {@code other}. */
  METRIC_TAG,
  /** The entry is added as a label to exemplars. */
  EXEMPLAR_LABEL
}
