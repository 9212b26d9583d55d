package dev.observa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.spi.CoreSettings;
import dev.observa.spi.ObservaSettings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service identity is resolved once, for spans, logs and metrics alike: builder &gt; {@code OTEL_SERVICE_NAME}
 * &gt; {@code service.name} in {@code OTEL_RESOURCE_ATTRIBUTES} &gt; the framework's name &gt;
 * {@code unknown_service:java}. The tests set the {@code otel.*} system properties, which OpenTelemetry reads
 * before the variables.
 */
class ServiceIdentityTest {
  private final Map<String, String> previous = new HashMap<>();

  private void otel(String name, String value) {
    previous.putIfAbsent(name, System.getProperty(name));
    System.setProperty(name, value);
  }

  @AfterEach
  void restore() {
    previous.forEach((name, value) -> {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
    });
  }

  private static String name(ObservaBuilder builder) {
    return builder.noDiscovery().settings().serviceName();
  }

  @Test
  void eachLevelOverridesTheNext() {
    assertThat(name(Observa.builder())).isEqualTo("unknown_service:java");
    assertThat(name(Observa.builder().defaultServiceName("spring-app"))).isEqualTo("spring-app");
    otel("otel.resource.attributes", "service.name=from-attributes");
    assertThat(name(Observa.builder().defaultServiceName("spring-app"))).isEqualTo("from-attributes");
    otel("otel.service.name", "from-variable");
    assertThat(name(Observa.builder().defaultServiceName("spring-app"))).isEqualTo("from-variable");
    assertThat(name(Observa.builder().serviceName("from-builder"))).isEqualTo("from-builder");
  }

  @Test
  void versionEnvironmentAndInstanceComeFromResourceAttributesUnlessTheBuilderSetsThem() {
    otel("otel.resource.attributes", "service.version=2.0,deployment.environment.name=prod,service.instance.id=pod-7");
    ObservaSettings fromOtel = Observa.builder().settings();
    assertThat(fromOtel.serviceVersion()).isEqualTo("2.0");
    assertThat(fromOtel.environment()).isEqualTo("prod");
    assertThat(fromOtel.instanceId()).isEqualTo("pod-7");
    ObservaSettings fromBuilder = Observa.builder().serviceVersion("3.0").environment("dev").instanceId("i-1").settings();
    assertThat(fromBuilder.serviceVersion()).isEqualTo("3.0");
    assertThat(fromBuilder.environment()).isEqualTo("dev");
    assertThat(fromBuilder.instanceId()).isEqualTo("i-1");
  }

  @Test
  void theDefaultSettingsThatLogsFallBackToNameTheOtelService() {
    otel("otel.service.name", "checkout");
    assertThat(ObservaSettings.defaults().serviceName()).isEqualTo("checkout");
  }

  @Test
  void theServiceNameSettingHasItsThreeSpellings() {
    assertThat(CoreSettings.SERVICE_NAME.builderMethod()).isEqualTo("serviceName");
    assertThat(CoreSettings.SERVICE_NAME.property()).isEqualTo("observa.service-name");
    assertThat(CoreSettings.SERVICE_NAME.environmentVariable()).isEqualTo("OTEL_SERVICE_NAME");
  }
}
