package dev.observa.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a release publishes, checked on the built files ({@code mvn -B -Prelease verify}; this module is built
 * after every library module). Off without the release profile, since it reads other modules' target folders.
 */
@EnabledIfSystemProperty(named = "observa.release", matches = "true")
class ReleaseArtifactsIT {
  private static final Path ROOT = Path.of(System.getProperty("observa.root", "..")).toAbsolutePath().normalize();
  private static final String VERSION = System.getProperty("observa.version");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "core, observa-core, dev.observa.core",
      "metrics, observa-metrics, dev.observa.metrics",
      "tracing, observa-tracing, dev.observa.tracing",
      "logging, observa-logging, dev.observa.logging",
      "test-kit, observa-test, dev.observa.test",
      "spring-boot-starter, observa-spring-boot-starter, dev.observa.spring"})
  void everyLibraryJarNamesItsModuleAndCarriesTheLicenseWithSourcesAndJavadocBesideIt(String dir, String artifact,
      String moduleName) throws IOException {
    Path target = ROOT.resolve(dir).resolve("target");
    Path jar = target.resolve(artifact + "-" + VERSION + ".jar");
    assertThat(jar).isRegularFile();
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      assertThat(manifest.getMainAttributes().getValue("Automatic-Module-Name")).isEqualTo(moduleName);
      assertThat(manifest.getMainAttributes().getValue("Implementation-Version")).isEqualTo(VERSION);
      assertThat(text(file, "META-INF/LICENSE")).contains("Apache License", "Version 2.0, January 2004");
      assertThat(text(file, "META-INF/NOTICE")).contains("Observa");
      assertThat(Collections.list(file.entries())).extracting(ZipEntry::getName)
          .anyMatch(name -> name.endsWith(".class"));
    }
    try (JarFile sources = new JarFile(target.resolve(artifact + "-" + VERSION + "-sources.jar").toFile())) {
      assertThat(Collections.list(sources.entries())).extracting(ZipEntry::getName)
          .anyMatch(name -> name.endsWith(".java"));
    }
    try (JarFile javadoc = new JarFile(target.resolve(artifact + "-" + VERSION + "-javadoc.jar").toFile())) {
      assertThat(Collections.list(javadoc.entries())).extracting(ZipEntry::getName)
          .contains("index.html")
          .noneMatch(name -> name.contains("/internal/"));
    }
  }

  @Test
  void theCheckoutHasTheLicenseNoticeAndAChangelogWithAnUnreleasedSection() throws IOException {
    assertThat(Files.readString(ROOT.resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
    assertThat(Files.readString(ROOT.resolve("NOTICE"))).contains("Observa");
    assertThat(Files.readString(ROOT.resolve("CHANGELOG.md")))
        .contains("keepachangelog.com", "## [Unreleased]", "## [0.1.0]");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"pom.xml", "bom/pom.xml"})
  void thePomsEveryModuleInheritsFromAndTheSelfContainedBomCarryTheReleaseMetadata(String pom) throws IOException {
    assertThat(Files.readString(ROOT.resolve(pom)))
        .contains("<url>https://", "<licenses>", "<name>Apache-2.0</name>", "<scm>", "<connection>scm:git:",
            "<developers>", "<organization>");
  }

  @Test
  void theBomNeedsNoParentAndPinsThePluginsItsLifecycleUses() throws IOException {
    String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
    assertThat(bom).doesNotContain("<parent>").contains("maven-install-plugin", "maven-deploy-plugin");
    for (String module : new String[] {"observa-core", "observa-metrics", "observa-tracing", "observa-logging",
        "observa-test", "observa-spring-boot-starter"}) {
      assertThat(bom).contains("<artifactId>" + module + "</artifactId>");
    }
  }

  private static String text(JarFile file, String entry) throws IOException {
    ZipEntry found = file.getEntry(entry);
    assertThat(found).as(entry).isNotNull();
    return new String(file.getInputStream(found).readAllBytes(), StandardCharsets.UTF_8);
  }
}
