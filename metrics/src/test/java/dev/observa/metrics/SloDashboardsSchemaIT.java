package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.observa.metrics.slo.BurnRateWindows;
import dev.observa.metrics.slo.Slo;
import dev.observa.metrics.slo.SloDashboards;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every generated dashboard type-checks as a value of the {@code Dashboard} type Grafana publishes on npm in
 * {@code @grafana/schema} ({@code tsc --noEmit}, strict, object literals so unknown fields are errors). The
 * package ships TypeScript types, no JSON schema; its string enums (e.g. {@code ThresholdsMode}) are compared
 * by their JSON values. npm installs the pinned packages once under {@code target/grafana-schema}.
 */
class SloDashboardsSchemaIT {
  private static final String SCHEMA = "@grafana/schema@13.2.3";
  private static final String TYPESCRIPT = "typescript@7.0.2";
  private static final String JSON_OF = "type Json<T> = T extends string ? `${T}` : T extends Array<infer U> ? "
      + "Array<Json<U>> : T extends object ? { [K in keyof T]: Json<T[K]> } : T;\n";

  private static Path installed() throws Exception {
    ExternalTool.require("/usr/bin/node");
    Path npm = ExternalTool.require("/usr/bin/npm");
    Path dir = Path.of("target", "grafana-schema").toAbsolutePath();
    if (!Files.isRegularFile(dir.resolve("node_modules/@grafana/schema/package.json"))
        || !Files.isRegularFile(dir.resolve("node_modules/.bin/tsc"))) {
      Files.createDirectories(dir);
      ExternalTool.Result install = ExternalTool.run(List.of(npm.toString(), "install", "--prefix", dir.toString(),
          "--no-audit", "--no-fund", "--no-save", SCHEMA, TYPESCRIPT), null);
      if (!"1".equals(System.getenv("OBSERVA_REQUIRE_TOOLS"))) {
        assumeTrue(install.exitCode() == 0, "npm could not install " + SCHEMA + ": " + install.output());
      }
      assertThat(install.exitCode()).as(install.output()).isZero();
    }
    return dir;
  }

  /** Writes the check beside {@code node_modules} (so the package resolves) and runs {@code tsc} on it. */
  private static ExternalTool.Result typeCheck(Path modules, String name, Map<String, String> dashboards) throws Exception {
    Path dir = Files.createDirectories(modules.resolve("checks").resolve(name));
    StringBuilder source = new StringBuilder("import type { Dashboard } from '@grafana/schema';\n").append(JSON_OF);
    int i = 0;
    for (Map.Entry<String, String> dashboard : dashboards.entrySet()) {
      source.append("// ").append(dashboard.getKey()).append('\n')
          .append("export const dashboard").append(i++).append(": Json<Dashboard> = ").append(dashboard.getValue()).append(";\n");
    }
    Files.writeString(dir.resolve("check.ts"), source);
    Files.writeString(dir.resolve("tsconfig.json"), "{\"compilerOptions\": {\"strict\": true, \"noEmit\": true,"
        + " \"target\": \"es2022\", \"module\": \"esnext\", \"moduleResolution\": \"bundler\", \"skipLibCheck\": true,"
        + " \"types\": []}, \"files\": [\"check.ts\"]}");
    return ExternalTool.run(List.of(modules.resolve("node_modules/.bin/tsc").toString(), "-p",
        dir.resolve("tsconfig.json").toString()), null);
  }

  @Test
  @Timeout(300)
  void generatedDashboardsTypeCheckAsGrafanaSchemaDashboards() throws Exception {
    Path modules = installed();
    List<Slo> slos = List.of(
        Slo.builder("checkout-availability").service("checkout").operation("checkout").availability().objective(99.9)
            .window("30d").groupBy("route").build(),
        Slo.builder("checkout-latency").service("checkout").operation("checkout").latency(0.1).objective(99).build(),
        Slo.builder("search-availability").service("search").operation("search.query").availability().objective(99.5)
            .build());
    Map<String, String> dashboards = SloDashboards.builder().jaegerUid("jaeger-1")
        .windows(BurnRateWindows.standard().scaledDown(60)).build().render(slos);
    ExternalTool.Result result = typeCheck(modules, "generated", dashboards);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  @Timeout(300)
  void theTypeCheckRejectsADashboardOutsideTheSchema() throws Exception {
    Path modules = installed();
    String good = SloDashboards.builder().build().render(List.of(Slo.builder("a").service("s").operation("op")
        .availability().objective(99).build())).get("s.json");
    String bad = good.replace("\"mode\": \"absolute\"", "\"mode\": \"absolutely\"");
    assertThat(bad).isNotEqualTo(good);
    ExternalTool.Result result = typeCheck(modules, "outside", Map.of("bad.json", bad));
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("absolutely");
  }
}
