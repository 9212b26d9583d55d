package dev.observa.metrics.slo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command line: {@code java -cp observa-metrics.jar:snakeyaml.jar dev.observa.metrics.slo.SloRulesCli
 * --config slo.yaml --out rules.yml}. Exit code 0 on success, 2 on invalid input (with the reason on
 * standard error).
 *
 * @since 0.1.0
 */
public final class SloRulesCli {
  private SloRulesCli() {}

  /**
   * @param args {@code --config FILE [--out FILE]}; without {@code --out} the rules go to standard output
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * @param args the arguments
   * @param out where the rules go without {@code --out}
   * @param err where problems are reported
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path config = null;
    Path target = null;
    String metricsUrl = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        config = Path.of(args[++i]);
      } else if (args[i].equals("--out") && i + 1 < args.length) {
        target = Path.of(args[++i]);
      } else if (args[i].equals("--metrics") && i + 1 < args.length) {
        metricsUrl = args[++i];
      } else {
        err.println("unknown argument '" + args[i] + "'");
        config = null;
        break;
      }
    }
    if (config == null) {
      err.println("usage: SloRulesCli --config slo.yaml [--out rules.yml] [--metrics http://host:port/metrics]");
      return 2;
    }
    try {
      SloConfig slos = SloConfig.load(config);
      if (metricsUrl != null) {
        SloRules.requireOperations(slos.slos(), families(metricsUrl));
      }
      String rules = SloRules.withWindows(slos.windows()).render(slos.slos());
      if (target == null) {
        out.print(rules);
      } else {
        Files.writeString(target, rules, StandardCharsets.UTF_8);
        err.println("wrote " + slos.slos().size() + " SLOs to " + target);
      }
      return 0;
    } catch (IllegalArgumentException | java.io.IOException | org.yaml.snakeyaml.error.YAMLException e) {
      err.println("invalid SLO configuration: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("interrupted while reading " + metricsUrl);
      return 2;
    }
  }

  /** The metric family names of a live Prometheus text exposition ({@code # TYPE} lines). */
  private static java.util.Set<String> families(String url) throws java.io.IOException, InterruptedException {
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(java.time.Duration.ofSeconds(10)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    java.util.Set<String> names = new java.util.HashSet<>();
    response.body().lines().filter(line -> line.startsWith("# TYPE "))
        .forEach(line -> names.add(line.split(" ")[2]));
    return names;
  }
}
