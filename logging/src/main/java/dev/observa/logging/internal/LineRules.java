package dev.observa.logging.internal;

import dev.observa.redaction.RedactionPolicy;
import dev.observa.spi.ObservaSettings;

/**
 * What every field writer of one line obeys: the instance's settings (routing through
 * {@link ObservaSettings#contextValue}), the one redaction policy, and the rules for user keys. Built once per
 * settings instance by the encoder, not per line.
 *
 * @param settings the service description and declared keys
 * @param policy the redaction policy (the settings' own, possibly extended by the encoder's configuration)
 * @param keys naming and redaction of MDC and key-value keys
 */
public record LineRules(ObservaSettings settings, RedactionPolicy policy, MemberKeys keys) {}
