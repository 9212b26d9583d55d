package dev.observa.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.sun.net.httpserver.HttpServer;
import dev.observa.context.ObservaContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** OTLP/HTTP log export to a real HTTP listener on loopback. */
class OtlpLogAppenderTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  record Request(String path, String orgId, byte[] body) {}

  /** A collector on loopback that answers 200 and keeps what it was sent. */
  private static HttpServer collector(BlockingQueue<Request> requests) throws java.io.IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Scope-OrgID"),
          exchange.getRequestBody().readAllBytes()));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    return server;
  }

  /** An appender of a new Logback context exporting to {@code server}; configure, then {@link #start}. */
  private static OtlpLogAppender appender(LoggerContext logback, HttpServer server) {
    logback.setMDCAdapter(new LogbackMDCAdapter());
    OtlpLogAppender appender = new OtlpLogAppender();
    appender.setContext(logback);
    appender.setEndpoint("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/logs");
    return appender;
  }

  private static void start(LoggerContext logback, OtlpLogAppender appender) {
    appender.start();
    logback.getLogger("ROOT").addAppender(appender);
  }

  @Test
  void exportsRecordsWithTheirTraceContextAndHeaders() throws Exception {
    BlockingQueue<Request> requests = new ArrayBlockingQueue<>(10);
    HttpServer server = collector(requests);
    LoggerContext logback = new LoggerContext();
    OtlpLogAppender appender = appender(logback, server);
    appender.setHeaders("X-Scope-OrgID=acme");
    appender.setServiceName("otlp-test");
    start(logback, appender);
    try {
      SpanContext span = SpanContext.create(TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
      try (Scope scope = ObservaContext.from(Context.root().with(Span.wrap(span))).makeCurrent()) {
        logback.getLogger("otlp").info("exported over OTLP");
      }
      appender.stop();
      Request request = requests.poll(10, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      assertThat(request.path()).isEqualTo("/v1/logs");
      assertThat(request.orgId()).isEqualTo("acme");
      String body = new String(request.body(), StandardCharsets.ISO_8859_1);
      assertThat(body).contains("exported over OTLP").contains("otlp-test");
      assertThat(body).contains(new String(HexFormat.of().parseHex(TRACE_ID), StandardCharsets.ISO_8859_1));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void structuredKeyValuesAreSentAsRedactedJson() throws Exception {
    BlockingQueue<Request> requests = new ArrayBlockingQueue<>(10);
    HttpServer server = collector(requests);
    LoggerContext logback = new LoggerContext();
    OtlpLogAppender appender = appender(logback, server);
    start(logback, appender);
    try {
      java.util.Map<String, Object> account = new java.util.LinkedHashMap<>();
      account.put("user", "ada");
      account.put("api_key", java.util.List.of("k-1", "k-2")); // toString: {api_key=[k-1, k-2]}, the key rule saw "[k-1"
      account.put("note", "password=hunter2");
      logback.getLogger("otlp").atInfo().addKeyValue("account", account).log("signed in");
      appender.stop();
      Request request = requests.poll(10, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      String body = new String(request.body(), StandardCharsets.UTF_8);
      assertThat(body).contains("{\"user\":\"ada\",\"api_key\":\"[REDACTED]\",\"note\":\"password=[REDACTED]\"}")
          .doesNotContain("k-1", "k-2", "hunter2");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aHangingCollectorNeverBlocksTheLoggingThread() throws Exception {
    try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      LoggerContext logback = new LoggerContext();
      logback.setMDCAdapter(new LogbackMDCAdapter());
      OtlpLogAppender appender = new OtlpLogAppender();
      appender.setContext(logback);
      appender.setEndpoint("http://127.0.0.1:" + hanging.getLocalPort() + "/v1/logs");
      appender.setQueueSize(16);
      appender.start();
      logback.getLogger("ROOT").addAppender(appender);
      // liveness, not speed: if emitting waited for the collector, this would never finish
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (int i = 0; i < 10_000; i++) {
          logback.getLogger("hanging").info("nobody answers");
        }
      });
      assertTimeoutPreemptively(Duration.ofSeconds(60), appender::stop);
    }
  }
}
