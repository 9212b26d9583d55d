package dev.observa.metrics.slo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Command line beside {@link SloRulesCli}: {@code java -cp observa-metrics.jar:snakeyaml.jar
 * dev.observa.metrics.slo.SloDashboardsCli --config slo.yaml --out dashboards/ [--prometheus-uid prometheus]
 * [--jaeger-uid jaeger]} writes one {@code <service>.json} Grafana dashboard per service. Exit code 0 on
 * success, 2 on invalid input (with the reason on standard error).
 *
 * @since 0.1.0
 */
public final class SloDashboardsCli {
  private SloDashboardsCli() {}

  /** @param args {@code --config FILE --out DIR [--prometheus-uid UID] [--jaeger-uid UID]} */
  public static void main(String[] args) {
    System.exit(run(args, System.err));
  }

  /**
   * @param args the arguments
   * @param err where progress and problems are reported
   * @return the exit code
   */
  public static int run(String[] args, PrintStream err) {
    Path config = null;
    Path out = null;
    SloDashboards.Builder builder = SloDashboards.builder();
    try {
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (value == null ? "" : args[i]) {
          case "--config" -> config = Path.of(value);
          case "--out" -> out = Path.of(value);
          case "--prometheus-uid" -> builder.prometheusUid(value);
          case "--jaeger-uid" -> builder.jaegerUid(value);
          default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
        }
        i++;
      }
      if (config == null || out == null) {
        err.println("usage: SloDashboardsCli --config slo.yaml --out dir/ [--prometheus-uid UID] [--jaeger-uid UID]");
        return 2;
      }
      SloConfig slos = SloConfig.load(config);
      Map<String, String> files = builder.windows(slos.windows()).build().render(slos.slos());
      Files.createDirectories(out);
      for (Map.Entry<String, String> file : files.entrySet()) {
        Files.writeString(out.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
      }
      err.println("wrote " + files.size() + " dashboards for " + slos.slos().size() + " SLOs to " + out);
      return 0;
    } catch (IllegalArgumentException | IOException | org.yaml.snakeyaml.error.YAMLException e) {
      err.println("invalid SLO dashboard configuration: " + e.getMessage());
      return 2;
    }
  }
}
