package dev.observa.samples.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.util.FileSystemUtils;

/**
 * A PostgreSQL 15 server of its own, from Debian's binaries in {@value #DEFAULT_BIN}: {@code initdb} into
 * {@code dir/data} (user {@value #USER}, trust authentication), then {@code pg_ctl start} on a free port,
 * listening on 127.0.0.1 only, its socket in {@code dir/socket}. PostgreSQL refuses to run as root: as root (CI
 * runs so) the server runs as the unprivileged {@code postgres} user Debian's package creates ({@code nobody}
 * without it), through {@code setpriv}, in a directory owned by that user. Missing binaries skip the test unless
 * {@code OBSERVA_REQUIRE_TOOLS=1} (as in {@code .ci/run}); a server that is not up within
 * {@value #START_SECONDS} s fails it with the server's log. {@link #close()} stops it ({@code pg_ctl stop -m
 * fast}) and is safe to call twice; a shutdown hook does the same if the test JVM ends first.
 *
 * <pre>{@code
 * try (PostgresServer server = PostgresServer.start(Path.of("target", "postgres"))) {
 *   String url = server.jdbcUrl();
 * }
 * }</pre>
 */
final class PostgresServer implements AutoCloseable {
  static final String DEFAULT_BIN = "/usr/lib/postgresql/15/bin";
  static final Path BIN = Path.of(System.getProperty("observa.postgres.bin", DEFAULT_BIN));
  static final String USER = "observa";
  static final String DATABASE = "observa";
  private static final int START_SECONDS = 60;

  private final Path dir;
  private final int port;
  private final List<String> runAs;
  private final Thread hook = new Thread(this::close, "stop-postgres");
  private boolean running;

  private PostgresServer(Path dir, int port, List<String> runAs) {
    this.dir = dir;
    this.port = port;
    this.runAs = runAs;
  }

  /**
   * @param dir a directory for the server's files (emptied first)
   * @return a running server with the database {@value #DATABASE}, accepting connections on 127.0.0.1
   */
  static PostgresServer start(Path dir) throws IOException, InterruptedException {
    boolean present = Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_ctl"))
        && Files.isExecutable(BIN.resolve("postgres"));
    if ("1".equals(System.getenv("OBSERVA_REQUIRE_TOOLS"))) {
      assertThat(present).as("%s holds initdb, pg_ctl and postgres (.ci/run installs postgresql)", BIN).isTrue();
    }
    assumeTrue(present, BIN + " has no PostgreSQL server (apt-get install postgresql): the database test is skipped");
    FileSystemUtils.deleteRecursively(dir);
    Files.createDirectories(dir.resolve("socket"));
    List<String> runAs = List.of();
    if (isRoot()) {
      String user = userExists("postgres") ? "postgres" : "nobody";
      chown(dir, user);
      runAs = List.of("setpriv", "--reuid=" + user, "--regid=" + id("-g", user), "--init-groups", "--");
    }
    PostgresServer server = new PostgresServer(dir, TestSocketUtils.findAvailableTcpPort(), runAs);
    Runtime.getRuntime().addShutdownHook(server.hook);
    try {
      server.launch();
      return server;
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      server.close();
      throw e;
    }
  }

  /** @return the JDBC URL of the database {@value #DATABASE} on 127.0.0.1 */
  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  /** @return the server's port on 127.0.0.1 */
  int port() {
    return port;
  }

  private void launch() throws IOException, InterruptedException {
    Path data = dir.resolve("data");
    int initdb = run(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
        "-E", "UTF8", "--no-locale", "--no-sync"), "initdb.out", 120);
    assertThat(initdb).as("initdb exit code; its output:%n%s", logs()).isZero();
    String options = "-p " + port + " -k " + dir.resolve("socket") + " -c listen_addresses=127.0.0.1 -c fsync=off";
    running = true;
    int start = run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
        dir.resolve("server.log").toString(), "-w", "-t", String.valueOf(START_SECONDS), "-o", options, "start"),
        "pg_ctl.out", START_SECONDS + 10);
    assertThat(start).as("pg_ctl start exit code; the server's output:%n%s", logs()).isZero();
    int created = run(List.of(BIN.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U",
        USER, "-d", "postgres", "-c", "CREATE DATABASE " + DATABASE), "psql.out", 60);
    assertThat(created).as("CREATE DATABASE exit code; output:%n%s", logs()).isZero();
  }

  private int run(List<String> command, String output, int seconds) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(runAs);
    full.addAll(command);
    Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(output).toFile())).start();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return -1;
    }
    return process.exitValue();
  }

  /** @return the outputs of initdb, pg_ctl, psql and the server's log, for a failure message */
  String logs() {
    return Stream.of("initdb.out", "pg_ctl.out", "psql.out", "server.log").map(dir::resolve)
        .map(file -> "--- " + file + "\n" + read(file)).collect(Collectors.joining());
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)\n";
    } catch (IOException e) {
      return e + "\n";
    }
  }

  /** Stops the server ({@code pg_ctl stop -m fast}, waiting at most 60 s). */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    try {
      run(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t",
          "60", "stop"), "pg_ctl.out", 70);
    } catch (IOException e) {
      // nothing more to do: the server's postmaster.pid stays for a later delete
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
  }

  private static boolean isRoot() throws IOException, InterruptedException {
    return "0".equals(id("-u"));
  }

  /** @return what {@code id} prints for these arguments (a user or group id) */
  private static String id(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("id"));
    command.addAll(List.of(arguments));
    Process id = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    id.waitFor(10, TimeUnit.SECONDS);
    return out;
  }

  private static boolean userExists(String user) {
    try {
      principal(user);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static UserPrincipal principal(String user) throws IOException {
    UserPrincipalLookupService lookup = Path.of("/").getFileSystem().getUserPrincipalLookupService();
    return lookup.lookupPrincipalByName(user);
  }

  private static void chown(Path dir, String user) throws IOException {
    UserPrincipal owner = principal(user);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.toList()) {
        Files.getFileAttributeView(file, PosixFileAttributeView.class).setOwner(owner);
      }
    }
  }
}
