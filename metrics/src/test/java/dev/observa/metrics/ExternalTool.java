package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program from the machine (promtool, prometheus, Debian's python3) that an IT drives. Without it the
 * IT is skipped, unless {@code OBSERVA_REQUIRE_TOOLS=1} (as in CI), where its absence fails the IT.
 */
final class ExternalTool {
  private ExternalTool() {}

  static Path require(String path) {
    Path tool = Path.of(path);
    boolean present = Files.isExecutable(tool);
    if ("1".equals(System.getenv("OBSERVA_REQUIRE_TOOLS"))) {
      assertThat(present).as("%s is installed (.ci/run installs it)", path).isTrue();
    }
    assumeTrue(present, path + " is not installed");
    return tool;
  }

  record Result(int exitCode, String output) {}

  static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (stdin != null) {
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish within 60 s");
    }
    return new Result(process.exitValue(), output);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
