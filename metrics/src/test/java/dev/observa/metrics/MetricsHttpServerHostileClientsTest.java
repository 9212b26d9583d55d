package dev.observa.metrics;

import static dev.observa.metrics.MetricsHttpServerProtocolTest.closedConnections;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MetricsHttpServer} against slow and hostile clients over real loopback sockets: slowloris heads, a
 * client that never reads its answers, and more connections than slots, never keep Prometheus' scrape out.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsHttpServerHostileClientsTest {
  private static final String GET = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
  private final PrometheusMetrics prometheus = PrometheusMetrics.create();
  private final Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();
  private final List<Socket> clients = new ArrayList<>();
  private MetricsHttpServer server;

  private void start(MetricsHttpServer.Builder builder) throws IOException {
    obs.counter("served").register().increment();
    server = builder.host("127.0.0.1").port(0).start();
  }

  @AfterEach
  void close() throws IOException {
    for (Socket socket : clients) {
      socket.close();
    }
    if (server != null) {
      server.close();
    }
    obs.close();
  }

  private Socket connect(int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    clients.add(socket);
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer); // before connecting: it sets the TCP window
    }
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** @return what a fresh {@code Connection: close} scrape got, empty when the connection was refused */
  private String scrapeOnce() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      send(socket, "GET /metrics HTTP/1.1\r\nConnection: close\r\n\r\n");
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (SocketException e) { // reset: refused
      return "";
    }
  }

  /** @return whether the server ended the connection (end of stream or reset) before the 10 s read timeout */
  private static boolean endedByServer(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] sink = new byte[64 * 1024];
    try {
      for (int i = 0; i < 100_000; i++) {
        if (in.read(sink) < 0) {
          return true;
        }
      }
      return false;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset
    }
  }

  /**
   * @return whether the server closed the connection within 10 s, found without reading from it (reading would
   *     let a blocked answer go on): once closed with unread requests, the server resets it and writes fail
   */
  private static boolean closedByServerWithoutReading(Socket socket) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try {
        socket.getOutputStream().write('\n'); // an empty line before a request is ignored (RFC 9112 section 2.2)
      } catch (IOException e) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  @Test
  void eightSlowlorisHeadsDoNotKeepAScrapeOut() throws IOException {
    start(MetricsHttpServer.builder(prometheus));
    for (int i = 0; i < MetricsHttpServer.MAX_CONNECTIONS; i++) {
      send(connect(0), "GET /metrics HTTP/1.1\r\nHost: x\r\n"); // a head that never ends
    }
    String answer = "";
    for (int scrape = 0; scrape < 3; scrape++) { // each scrape evicts one of them
      answer = scrapeOnce();
      assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("served_total 1.0");
    }
    // each scrape evicts one of them unless the slot of the scrape before it is free already
    assertThat(closedConnections(answer, "evicted")).as("the self-metric in%n%s", answer).matches("[123]\\.0");
  }

  @Test
  void ninthConnectionEvictsTheConnectionIdleTheLongest() throws IOException {
    start(MetricsHttpServer.builder(prometheus));
    for (int i = 0; i < MetricsHttpServer.MAX_CONNECTIONS; i++) {
      Socket socket = connect(0);
      send(socket, GET);
      assertThat(MetricsHttpServerProtocolTest.readAnswer(socket.getInputStream())).contains("served_total 1.0");
    }
    String answer = scrapeOnce();
    assertThat(answer).contains("served_total 1.0");
    assertThat(closedConnections(answer, "evicted")).as("the self-metric in%n%s", answer).isEqualTo("1.0");
    assertThat(endedByServer(clients.get(0))).as("the first kept-alive connection, idle the longest").isTrue();
    send(clients.get(1), GET); // the others are still served
    assertThat(MetricsHttpServerProtocolTest.readAnswer(clients.get(1).getInputStream())).contains("served_total");
  }

  @Test
  void headSentByteByByteGets408AtItsDeadlineNotPerRead() throws Exception {
    start(MetricsHttpServer.builder(prometheus).timeouts(1_000, 30_000));
    Socket socket = connect(0);
    byte[] slow = ("GET /metrics HTTP/1.1\r\nX-Slow: " + "a".repeat(200)).getBytes(StandardCharsets.ISO_8859_1);
    int sent = 0;
    try {
      for (; sent < slow.length && socket.getInputStream().available() == 0; sent++) {
        socket.getOutputStream().write(slow[sent]); // one byte every 50 ms: each read is quick, the head is not
        Thread.sleep(50);
      }
    } catch (SocketException e) {
      // closed by the server after its answer
    }
    assertThat(sent).as("bytes sent before the answer").isLessThan(slow.length);
    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    // RFC 9110 section 15.5.9: "the server SHOULD send a "close" connection option"
    assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("Connection: close\r\n");
    String scrape = scrapeOnce();
    assertThat(closedConnections(scrape, "head_timeout")).as("the self-metric in%n%s", scrape).isEqualTo("1.0");
  }

  @Test
  void idleKeptAliveConnectionOutlivesTheHeadDeadline() throws Exception {
    start(MetricsHttpServer.builder(prometheus).timeouts(200, 30_000));
    Socket socket = connect(0);
    for (int i = 0; i < 2; i++) {
      send(socket, GET);
      assertThat(MetricsHttpServerProtocolTest.readAnswer(socket.getInputStream())).contains("served_total 1.0");
      Thread.sleep(1_000); // idle five head deadlines long
    }
  }

  /** Opens one connection per slot that pipelines requests for ~200 KB answers and never reads them. */
  private void holdEverySlotWithUnreadAnswers() throws IOException {
    for (int i = 0; i < 2_000; i++) { // an answer of ~200 KB
      obs.counter("big.series." + i + ".padded.to.be.long.enough").register().increment();
    }
    for (int i = 0; i < MetricsHttpServer.MAX_CONNECTIONS; i++) {
      send(connect(4096), GET.repeat(200)); // tens of MB of answers, never read
    }
  }

  @Test
  void clientsThatNeverReadDoNotKeepOtherScrapesOut() throws Exception {
    start(MetricsHttpServer.builder(prometheus).timeouts(5_000, 2_000));
    holdEverySlotWithUnreadAnswers();
    String answer = "";
    for (int attempt = 0; attempt < 200 && answer.isEmpty(); attempt++) { // slots free when writes time out
      Thread.sleep(50);
      answer = scrapeOnce();
    }
    assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("served_total 1.0");
    for (Socket stuck : clients) {
      assertThat(closedByServerWithoutReading(stuck)).as("a connection whose answer was not read in time is closed").isTrue();
    }
    String scrape = scrapeOnce();
    // a connection may also have been evicted, if a scrape came while it was between two pipelined requests
    assertThat(closedConnections(scrape, "write_timeout")).as("the self-metric in%n%s", scrape).matches("[1-8]\\.0");
  }

  @Test
  void aConnectionRefusedWhileEverySlotAnswersIsCountedAndShownOnceASlotIsFree() throws Exception {
    CountDownLatch rendering = new CountDownLatch(MetricsHttpServer.MAX_CONNECTIONS);
    CountDownLatch release = new CountDownLatch(1);
    obs.gauge("held").observe(() -> { // holds every scrape in its answer until released
      rendering.countDown();
      try {
        return release.await(30, TimeUnit.SECONDS) ? 1 : 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    });
    start(MetricsHttpServer.builder(prometheus));
    for (int i = 0; i < MetricsHttpServer.MAX_CONNECTIONS; i++) {
      send(connect(0), GET);
    }
    assertThat(rendering.await(30, TimeUnit.SECONDS)).as("every slot answering").isTrue();
    String refused = scrapeOnce();
    release.countDown();
    assertThat(refused).as("the ninth connection while every slot answers").isEmpty();
    for (Socket client : clients) {
      MetricsHttpServerProtocolTest.readAnswer(client.getInputStream()); // then idle, so evictable
    }
    String answer = "";
    // refused again only until the server has seen the answers read and the slots idle: bounded by time, not
    // by a count of attempts that a starved machine can use up in a few milliseconds
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (answer.isEmpty() && System.nanoTime() < deadline) {
      answer = scrapeOnce();
      if (answer.isEmpty()) {
        Thread.sleep(10);
      }
    }
    assertThat(closedConnections(answer, "refused")).as("the self-metric in%n%s", answer).matches("[1-9][0-9]*\\.0");
  }

  /**
   * Eight connections that pipeline requests and never read hold every slot in an answer; with only the write
   * watchdog, every scrape was refused until it fired (30 s by default), and clients reconnecting each time it
   * fired kept Prometheus out for good. A new connection now closes the answer stalled the longest once it is
   * older than the head timeout.
   */
  @Test
  void newConnectionEvictsTheAnswerStalledTheLongestBeforeTheWriteTimeout() throws Exception {
    start(MetricsHttpServer.builder(prometheus).timeouts(1_000, 600_000));
    holdEverySlotWithUnreadAnswers();
    Thread.sleep(3_000); // every answer blocked
    String answer = "";
    for (int attempt = 0; attempt < 150 && answer.isEmpty(); attempt++) { // 30 s, far below the write timeout
      Thread.sleep(200);
      answer = scrapeOnce();
    }
    assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("served_total 1.0");
  }

  @Test
  void closeEndsEveryConnection() throws IOException {
    start(MetricsHttpServer.builder(prometheus));
    Socket idle = connect(0);
    send(idle, GET);
    MetricsHttpServerProtocolTest.readAnswer(idle.getInputStream());
    send(connect(0), "GET /metrics HTTP/1.1\r\n");
    send(connect(4096), GET.repeat(200));
    server.close();
    for (Socket socket : clients) {
      assertThat(endedByServer(socket)).isTrue();
    }
  }
}
