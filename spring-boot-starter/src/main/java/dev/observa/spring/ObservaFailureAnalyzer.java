package dev.observa.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an invalid {@code observa.*} property into a startup report naming the property and the fix. */
class ObservaFailureAnalyzer extends AbstractFailureAnalyzer<InvalidObservaPropertyException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidObservaPropertyException cause) {
    return new FailureAnalysis(
        "Observa cannot start: property " + cause.property() + " has the value '" + cause.value() + "'.",
        "Set " + cause.property() + " to one of: " + cause.allowed() + ".", cause);
  }
}
