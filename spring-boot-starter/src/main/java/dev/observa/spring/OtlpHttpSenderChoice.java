package dev.observa.spring;

import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Chooses OpenTelemetry's HTTP sender when two are on the classpath: {@code observa-tracing} brings
 * {@code opentelemetry-exporter-sender-jdk}, Spring Boot's {@code spring-boot-starter-opentelemetry} brings
 * {@code opentelemetry-exporter-sender-okhttp}, and with both OpenTelemetry 1.62 ({@code SenderUtil}) logs
 * "Multiple HttpSenderProvider found" and takes whichever the class path lists first. Its documented preference
 * setting, the system property (or environment variable) {@code io.opentelemetry.sdk.common.export.HttpSenderProvider}
 * naming the provider class, is set to the JDK sender, the one the starter uses alone, only when neither is set:
 * an application's choice wins. gRPC exports are not affected (only OkHttp's sender speaks gRPC).
 */
final class OtlpHttpSenderChoice {
  static final String PROPERTY = "io.opentelemetry.sdk.common.export.HttpSenderProvider";
  static final String VARIABLE = "IO_OPENTELEMETRY_SDK_COMMON_EXPORT_HTTPSENDERPROVIDER";
  static final String JDK = "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider";
  static final String OKHTTP = "io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSenderProvider";

  private OtlpHttpSenderChoice() {}

  /**
   * @param environment the process environment ({@code System::getenv})
   * @param present whether a class is on the class path ({@code name -> ClassUtils.isPresent(name, loader)})
   * @return the provider now chosen by this method, or null when it left the choice alone
   */
  static String choose(UnaryOperator<String> environment, Predicate<String> present) {
    if (System.getProperty(PROPERTY) != null || environment.apply(VARIABLE) != null) {
      return null;
    }
    if (!present.test(JDK) || !present.test(OKHTTP)) {
      return null;
    }
    System.setProperty(PROPERTY, JDK);
    return JDK;
  }
}
