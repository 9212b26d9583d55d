package dev.observa.samples.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.metrics.slo.SloConfig;
import dev.observa.metrics.slo.SloDashboards;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed dashboards ({@code dashboards/*.json}) are exactly what {@code slo.yaml} generates. After changing
 * either the SLOs or the generator, regenerate with {@code SloDashboardsCli --config slo.yaml --out dashboards/}.
 */
class RpcMetricsDashboardsTest {
  @Test
  void committedDashboardsMatchTheSloDeclarations() throws Exception {
    SloConfig config = SloConfig.load(Path.of("slo.yaml"));
    Map<String, String> generated = SloDashboards.builder().windows(config.windows()).build().render(config.slos());
    try (Stream<Path> files = Files.list(Path.of("dashboards"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(generated.keySet());
    }
    generated.forEach((file, json) -> {
      try {
        assertThat(Files.readString(Path.of("dashboards", file))).as("dashboards/%s is stale: regenerate it", file)
            .isEqualTo(json);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }
}
