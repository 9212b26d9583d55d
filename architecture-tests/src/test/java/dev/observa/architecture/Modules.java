package dev.observa.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.List;

/**
 * Which Observa module a class belongs to, by its package. Packages outside every module (samples, these
 * tests) count as a module of their own, {@code other}.
 */
final class Modules {
  static final String CORE = "core";
  static final String METRICS = "metrics";
  static final String TRACING = "tracing";
  static final String LOGGING = "logging";
  static final String SPRING = "spring-boot-starter";
  static final String OTHER = "other";

  /** The packages of core: the facade's root package and its API, SPI and internal packages. */
  static final List<String> CORE_PACKAGES = List.of("dev.observa", "dev.observa.annotation", "dev.observa.context",
      "dev.observa.http", "dev.observa.internal", "dev.observa.log", "dev.observa.meter", "dev.observa.redaction",
      "dev.observa.spi", "dev.observa.trace");

  /** The signal modules, which depend on core and never on each other. */
  static final List<String> SIGNALS = List.of(METRICS, TRACING, LOGGING);

  private Modules() {}

  static String of(JavaClass type) {
    return ofPackage(type.getPackageName());
  }

  static String ofPackage(String pkg) {
    if (inTree(pkg, "dev.observa.metrics")) {
      return METRICS;
    }
    if (inTree(pkg, "dev.observa.tracing")) {
      return TRACING;
    }
    if (inTree(pkg, "dev.observa.logging")) {
      return LOGGING;
    }
    if (inTree(pkg, "dev.observa.spring")) {
      return SPRING;
    }
    for (String core : CORE_PACKAGES) {
      if (core.equals("dev.observa") ? pkg.equals(core) : inTree(pkg, core)) {
        return CORE;
      }
    }
    return OTHER;
  }

  /** @return whether the package is an {@code internal} package (or below one) */
  static boolean isInternal(String pkg) {
    return pkg.endsWith(".internal") || pkg.contains(".internal.");
  }

  private static boolean inTree(String pkg, String root) {
    return pkg.equals(root) || pkg.startsWith(root + ".");
  }
}
