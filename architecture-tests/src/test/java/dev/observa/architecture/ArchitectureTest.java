package dev.observa.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.observa.architecture.fixture.ReachesIntoMetricsInternals;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules over the compiled main classes of core, metrics, tracing, logging and the
 * starter (the test sources of this module are left out, except where a test imports its fixture on purpose).
 */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.observa");

  @Test
  void everyModuleIsImported() {
    Set<String> modules = new TreeSet<>();
    MAIN.forEach(type -> modules.add(Modules.of(type)));
    assertThat(modules).contains(Modules.CORE, Modules.METRICS, Modules.TRACING, Modules.LOGGING, Modules.SPRING);
  }

  @Test
  void coreDependsOnlyOnTheJdkAndOpenTelemetryApi() {
    assertNoViolation(ArchitectureRules.coreDependsOnlyOnTheJdkAndOpenTelemetryApi());
  }

  @Test
  void signalModulesDoNotDependOnEachOther() {
    assertNoViolation(ArchitectureRules.signalModulesDoNotDependOnEachOther());
  }

  @Test
  void noModuleUsesAnotherModulesInternals() {
    assertNoViolation(ArchitectureRules.noModuleUsesAnotherModulesInternals());
  }

  @Test
  void spiUsesNeitherTheFacadeNorInternals() {
    assertNoViolation(ArchitectureRules.spiUsesNeitherTheFacadeNorInternals());
  }

  @Test
  void apiPackagesDoNotUseInternals() {
    assertNoViolation(ArchitectureRules.apiPackagesDoNotUseInternals());
  }

  @Test
  void internalsDoNotUseTheFacade() {
    assertNoViolation(ArchitectureRules.internalsDoNotUseTheFacade());
  }

  @Test
  void publicApiDoesNotExposeInternals() {
    assertNoViolation(ArchitectureRules.publicApiDoesNotExposeInternals());
  }

  @Test
  void everyPackageComesFromOneModule() {
    Map<String, Set<String>> origins = new TreeMap<>();
    MAIN.forEach(type -> type.getSource().ifPresent(source ->
        origins.computeIfAbsent(type.getPackageName(), unused -> new TreeSet<>()).add(artifactOf(source.getUri().toString()))));
    origins.values().removeIf(artifacts -> artifacts.size() == 1);
    assertThat(origins).as("packages split across jars (an automatic module may not share a package)").isEmpty();
  }

  @Test
  void aClassUsingAnotherModulesInternalPackageIsReported() {
    JavaClasses fixture = new ClassFileImporter().importClasses(ReachesIntoMetricsInternals.class);
    EvaluationResult result = ArchitectureRules.noModuleUsesAnotherModulesInternals().evaluate(fixture);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("ReachesIntoMetricsInternals")
            .contains("dev.observa.metrics.internal.TextExposition"));
    assertThat(ArchitectureRules.publicApiDoesNotExposeInternals().evaluate(fixture).hasViolation())
        .as("its public method returns Class<?>, not an internal type").isFalse();
  }

  private static void assertNoViolation(ArchRule rule) {
    EvaluationResult result = rule.evaluate(MAIN);
    assertThat(result.getFailureReport().getDetails()).as(rule.getDescription()).isEmpty();
  }

  /** @return the jar or classes directory a class file URI points into */
  private static String artifactOf(String uri) {
    int jar = uri.indexOf(".jar!");
    if (jar >= 0) {
      return uri.substring(0, jar + 4);
    }
    int classes = uri.indexOf("/classes/");
    return classes >= 0 ? uri.substring(0, classes) : uri;
  }
}
