package dev.observa.samples.hello;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The seed's tracing demo: {@code java -jar hello-world.jar [--server.port=8080]} starts hello-world on the
 * port and, as child processes, formatter and publisher on the next two ports (override with
 * {@code --sample.formatter-port}, {@code --sample.publisher-port}). Arguments starting with
 * {@code --observa.} or {@code --management.} are passed on to the children (e.g.
 * {@code --observa.tracing.exporters=otlp} or {@code OTEL_TRACES_EXPORTER=otlp}). {@code --sample.role=formatter|publisher} runs one service alone.
 */
@SpringBootApplication
public class HelloWorldApplication {

  /**
   * @param args Spring Boot arguments
   */
  public static void main(String[] args) {
    String role = value(args, "sample.role", "hello-world");
    List<String> forwarded = new ArrayList<>(List.of(args));
    if (role.equals("hello-world") && Boolean.parseBoolean(value(args, "sample.spawn-peers", "true"))) {
      int port = Integer.parseInt(value(args, "server.port", "8080"));
      int formatterPort = Integer.parseInt(value(args, "sample.formatter-port", String.valueOf(port + 1)));
      int publisherPort = Integer.parseInt(value(args, "sample.publisher-port", String.valueOf(port + 2)));
      Peers peers = new Peers(args);
      peers.start("formatter", formatterPort);
      peers.start("publisher", publisherPort);
      Runtime.getRuntime().addShutdownHook(new Thread(peers::stop, "stop-peers"));
      forwarded.add("--sample.formatter-url=http://127.0.0.1:" + formatterPort);
      forwarded.add("--sample.publisher-url=http://127.0.0.1:" + publisherPort);
    }
    SpringApplication.run(HelloWorldApplication.class, forwarded.toArray(String[]::new));
  }

  static String value(String[] args, String name, String fallback) {
    String prefix = "--" + name + "=";
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        return arg.substring(prefix.length());
      }
    }
    return fallback;
  }

  /** The formatter and publisher processes, started from this same jar. */
  static final class Peers {
    private final String[] args;
    private final List<Process> processes = new ArrayList<>();

    Peers(String[] args) {
      this.args = args;
    }

    void start(String role, int port) {
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      String launched = System.getProperty("sun.java.command", "").split(" ")[0];
      if (launched.endsWith(".jar")) {
        command.add("-jar");
        command.add(launched);
      } else {
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(HelloWorldApplication.class.getName());
      }
      command.add("--sample.role=" + role);
      command.add("--server.port=" + port);
      for (String arg : args) {
        if (arg.startsWith("--observa.") || arg.startsWith("--management.") || arg.startsWith("--logging.")) {
          command.add(arg);
        }
      }
      try {
        processes.add(new ProcessBuilder(command).inheritIO().directory(new File(".")).start());
      } catch (java.io.IOException e) {
        throw new IllegalStateException("could not start the " + role + " service: " + e.getMessage(), e);
      }
    }

    void stop() {
      processes.forEach(Process::destroy);
    }
  }
}
