/**
 * Service level objectives over golden signals: declarations ({@link dev.observa.metrics.slo.Slo}, YAML
 * via {@link dev.observa.metrics.slo.SloConfig}), the Prometheus rule generator
 * ({@link dev.observa.metrics.slo.SloRules}, CLI {@link dev.observa.metrics.slo.SloRulesCli}) and the
 * in-process view ({@link dev.observa.metrics.slo.SloMonitor}).
 */
package dev.observa.metrics.slo;
