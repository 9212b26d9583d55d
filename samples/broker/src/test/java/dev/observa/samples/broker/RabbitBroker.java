package dev.observa.samples.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A RabbitMQ node of its own, started from Debian's {@code rabbitmq-server} as a child process: its own epmd,
 * node name ({@code observa-<pid>-<n>@localhost}), free ports, and data, logs and Erlang cookie under
 * {@code dir}; every listener on 127.0.0.1, plugins off. Missing {@code rabbitmq-server} skips the test unless {@code OBSERVA_REQUIRE_TOOLS=1} (as in
 * {@code .ci/run}); a node that is not up within {@value #START_SECONDS} s fails it with the broker's log.
 * {@link #close()} stops the node ({@code rabbitmqctl stop}, then the processes) and is safe to call twice; a
 * shutdown hook does the same if the test JVM ends first.
 *
 * <pre>{@code
 * try (RabbitBroker broker = RabbitBroker.start(Path.of("target", "rabbitmq"))) {
 *   connectionFactory.setPort(broker.amqpPort());
 * }
 * }</pre>
 */
final class RabbitBroker implements AutoCloseable {
  /** Debian's scripts (not the {@code /usr/sbin} wrappers, which switch to the rabbitmq user and its home). */
  static final Path BIN = Path.of(System.getProperty("observa.rabbitmq.bin", "/usr/lib/rabbitmq/bin"));
  static final Path SERVER = BIN.resolve("rabbitmq-server");
  static final Path CTL = BIN.resolve("rabbitmqctl");
  static final Path EPMD = Path.of("/usr/bin/epmd");
  private static final int START_SECONDS = 120;
  private static final AtomicInteger NODES = new AtomicInteger();
  private static final String LOOPBACK_DIST = "-kernel inet_dist_use_interface {127,0,0,1}";

  private final Path dir;
  private final String node;
  private final int amqpPort;
  private final Map<String, String> environment;
  private final List<Process> processes = new ArrayList<>();
  private final Thread hook = new Thread(this::close, "stop-rabbitmq");

  private RabbitBroker(Path dir, int amqpPort, int distPort, int epmdPort) throws IOException {
    this.dir = dir;
    this.node = "observa-" + ProcessHandle.current().pid() + "-" + NODES.incrementAndGet() + "@localhost";
    this.amqpPort = amqpPort;
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
    Files.writeString(dir.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + amqpPort + "\n"
        + "loopback_users.guest = true\n");
    this.environment = Map.ofEntries(
        Map.entry("HOME", home.toString()), // the Erlang cookie of this node and of its rabbitmqctl
        Map.entry("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString()), // none: not /etc's
        Map.entry("RABBITMQ_NODENAME", node),
        Map.entry("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1"),
        Map.entry("RABBITMQ_NODE_PORT", String.valueOf(amqpPort)),
        Map.entry("RABBITMQ_DIST_PORT", String.valueOf(distPort)),
        Map.entry("ERL_EPMD_PORT", String.valueOf(epmdPort)),
        Map.entry("ERL_EPMD_ADDRESS", "127.0.0.1"),
        Map.entry("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", LOOPBACK_DIST),
        Map.entry("RABBITMQ_CTL_ERL_ARGS", LOOPBACK_DIST),
        Map.entry("RABBITMQ_MNESIA_BASE", Files.createDirectories(dir.resolve("mnesia")).toString()),
        Map.entry("RABBITMQ_LOG_BASE", Files.createDirectories(dir.resolve("log")).toString()),
        Map.entry("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString()),
        Map.entry("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString()));
  }

  /**
   * @param dir a directory for the node's files (emptied first)
   * @return a running node, accepting AMQP on 127.0.0.1
   */
  static RabbitBroker start(Path dir) throws IOException, InterruptedException {
    boolean present = Files.isExecutable(SERVER) && Files.isExecutable(CTL) && Files.isExecutable(EPMD);
    if ("1".equals(System.getenv("OBSERVA_REQUIRE_TOOLS"))) {
      assertThat(present).as("%s is installed (.ci/run installs rabbitmq-server)", SERVER).isTrue();
    }
    assumeTrue(present, SERVER + " is not installed (apt-get install rabbitmq-server): the broker test is skipped");
    delete(dir);
    RabbitBroker broker = new RabbitBroker(Files.createDirectories(dir), freePort(), freePort(), freePort());
    Runtime.getRuntime().addShutdownHook(broker.hook);
    try {
      broker.launch();
      return broker;
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      broker.close();
      throw e;
    }
  }

  /** @return the AMQP port on 127.0.0.1 */
  int amqpPort() {
    return amqpPort;
  }

  /** @return the running processes of this node (epmd, the server script, the Erlang VM and its helpers) */
  synchronized List<ProcessHandle> processes() {
    List<ProcessHandle> handles = new ArrayList<>();
    for (Process process : processes) {
      handles.add(process.toHandle());
      process.descendants().forEach(handles::add);
    }
    return handles;
  }

  /** @return whether something accepts connections on the AMQP port */
  boolean accepting() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), amqpPort), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void launch() throws IOException, InterruptedException {
    String epmdPort = environment.get("ERL_EPMD_PORT");
    processes.add(process(List.of(EPMD.toString(), "-port", epmdPort, "-address", "127.0.0.1"), "epmd.out"));
    processes.add(process(List.of(SERVER.toString()), "server.out"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    boolean up = false;
    while (!up && System.nanoTime() < deadline && processes.get(1).isAlive()) {
      up = accepting() && ctl(60, "await_startup", "--timeout", "60") == 0;
      if (!up) {
        Thread.sleep(500);
      }
    }
    assertThat(up).as("RabbitMQ node %s is up within %d s (its server %s); its output:%n%s", node, START_SECONDS,
        processes.get(1).isAlive() ? "still runs" : "exited with " + processes.get(1).exitValue(), logs()).isTrue();
  }

  private Process process(List<String> command, String output) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(output).toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  private int ctl(int seconds, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CTL.toString(), "-n", node, "-q"));
    command.addAll(List.of(arguments));
    Process ctl = process(command, "rabbitmqctl.out");
    if (!ctl.waitFor(seconds + 10L, TimeUnit.SECONDS)) {
      ctl.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return -1;
    }
    return ctl.exitValue();
  }

  /** @return the server's console output and its log file, for a failure message */
  String logs() {
    StringBuilder text = new StringBuilder();
    for (Path file : List.of(dir.resolve("server.out"), dir.resolve("log").resolve(node + ".log"), dir.resolve("rabbitmqctl.out"))) {
      try {
        text.append("--- ").append(file).append('\n')
            .append(Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)\n");
      } catch (IOException e) {
        text.append(e).append('\n');
      }
    }
    return text.toString();
  }

  /** Stops the node gracefully, then ends whatever of the server and epmd still runs, children first. */
  @Override
  public synchronized void close() {
    if (processes.isEmpty()) {
      return;
    }
    List<ProcessHandle> all = processes(); // before stopping: the VM's helpers are re-parented once it exits
    try {
      if (processes.size() > 1 && processes.get(1).isAlive()) {
        ctl(30, "stop");
      }
    } catch (IOException e) {
      // the processes are ended below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).destroy();
    }
    for (ProcessHandle process : all) {
      try {
        process.onExit().get(20, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    processes.clear();
    if (Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(file -> {
        try {
          Files.delete(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
