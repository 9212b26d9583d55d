package dev.observa.samples.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka server for the IT: Kafka's own {@code kafka.Kafka} main in a child JVM, KRaft mode with one
 * combined broker and controller on loopback, its log directory formatted first by Kafka's {@code StorageTool}.
 *
 * <pre>{@code
 * KafkaBroker broker = KafkaBroker.start("orders");
 * String bootstrap = broker.bootstrapServers();
 * broker.close();
 * }</pre>
 */
final class KafkaBroker implements AutoCloseable {
  private final Path dir;
  private final Process process;
  private final String bootstrapServers;

  private KafkaBroker(Path dir, Process process, String bootstrapServers) {
    this.dir = dir;
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  /** Formats a fresh log directory, starts the server, waits until it answers and creates {@code topics}. */
  static KafkaBroker start(String... topics) throws Exception {
    Path dir = Files.createTempDirectory("observa-kafka");
    int brokerPort = freePort();
    int controllerPort = freePort();
    Path config = dir.resolve("server.properties");
    Files.writeString(config, String.join("\n",
        "process.roles=broker,controller", "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
        "controller.listener.names=CONTROLLER", "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dir.resolve("data"), "num.partitions=1", "group.initial.rebalance.delay.ms=0",
        "offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1", "share.coordinator.state.topic.replication.factor=1", ""));
    Path logback = dir.resolve("logback.xml");
    Files.writeString(logback, "<configuration><appender name='f' class='ch.qos.logback.core.FileAppender'><file>"
        + dir.resolve("server.log") + "</file><encoder><pattern>%d %level %logger %msg%n</pattern></encoder>"
        + "</appender><root level='INFO'><appender-ref ref='f'/></root></configuration>");
    Process format = java(dir, logback, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
        "-c", config.toString());
    if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IllegalStateException("kafka storage format failed: " + Files.readString(dir.resolve("out.log")));
    }
    KafkaBroker broker = new KafkaBroker(dir, java(dir, logback, "kafka.Kafka", config.toString()),
        "127.0.0.1:" + brokerPort);
    try {
      broker.createTopics(topics);
    } catch (Exception | Error e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  private void createTopics(String... topics) throws Exception {
    Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 90_000);
    try (Admin admin = Admin.create(config)) {
      admin.createTopics(Stream.of(topics).map(t -> new NewTopic(t, 1, (short) 1)).toList())
          .all().get(90, TimeUnit.SECONDS);
    }
  }

  private static Process java(Path dir, Path logback, String main, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"), main));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.log").toFile()).start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Stops the server (forcibly after 30 seconds) and deletes its directory. */
  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
