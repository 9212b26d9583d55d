package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.observa.spring.logapp.LogsApplication;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * OTLP log export wired through properties: a real OTLP/HTTP receiver on loopback decodes what arrives with the
 * OTLP proto classes. The application's log events carry the resolved {@code service.name} and their trace and
 * span ids, from the first startup line on.
 */
@SpringBootTest(classes = LogsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"observa.logging.exporter=otlp", "observa.service-name=orders"})
@DirtiesContext
@Timeout(120)
class OtlpLogExportIT {
  private static final List<ResourceLogs> RECEIVED = new CopyOnWriteArrayList<>();
  private static final HttpServer RECEIVER = receiver();

  @LocalServerPort
  int port;

  static HttpServer receiver() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/v1/logs", exchange -> {
        try (InputStream body = exchange.getRequestBody()) {
          RECEIVED.addAll(ExportLogsServiceRequest.parseFrom(body.readAllBytes()).getResourceLogsList());
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
      });
      server.start();
      // read by the starter when Spring Boot configures logging, before any bean exists
      System.setProperty("observa.logging.otlp-endpoint",
          "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/logs");
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeAll
  static void freshLogging() {
    LogCorrelationContract.freshLogging();
  }

  @AfterAll
  static void stop() {
    System.clearProperty("observa.logging.otlp-endpoint");
    RECEIVER.stop(0);
  }

  @Test
  void requestLinesArriveOverOtlpWithTheServiceNameAndTheTraceIdOfTheirRequest() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fail")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(500);
    String[] traceresponse = response.headers().firstValue("traceresponse").orElseThrow().split("-");
    ResourceLogs charging = await("charging card");
    assertThat(serviceName(charging)).isEqualTo("orders");
    LogRecord record = record(charging, "charging card");
    assertThat(HexFormat.of().formatHex(record.getTraceId().toByteArray())).isEqualTo(traceresponse[1]);
    assertThat(HexFormat.of().formatHex(record.getSpanId().toByteArray())).isEqualTo(traceresponse[2]);
    LogRecord tomcat = record(await("Servlet.service()"), "Servlet.service()");
    assertThat(HexFormat.of().formatHex(tomcat.getTraceId().toByteArray())).isEqualTo(traceresponse[1]);
  }

  @Test
  void startupLinesArriveWithTheServiceName() throws Exception {
    ResourceLogs startup = await("Starting " + getClass().getSimpleName());
    assertThat(serviceName(startup)).isEqualTo("orders");
  }

  private static ResourceLogs await(String bodyStart) throws InterruptedException {
    for (int attempt = 0; attempt < 300; attempt++) { // the batch processor sends every 500 ms
      for (ResourceLogs logs : RECEIVED) {
        if (record(logs, bodyStart) != null) {
          return logs;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no record starting with '" + bodyStart + "' among " + RECEIVED.size() + " batches");
  }

  private static LogRecord record(ResourceLogs logs, String bodyStart) {
    for (ScopeLogs scope : logs.getScopeLogsList()) {
      for (LogRecord record : scope.getLogRecordsList()) {
        if (record.getBody().getStringValue().startsWith(bodyStart)) {
          return record;
        }
      }
    }
    return null;
  }

  private static String serviceName(ResourceLogs logs) {
    return logs.getResource().getAttributesList().stream().filter(kv -> kv.getKey().equals("service.name"))
        .map(KeyValue::getValue).map(v -> v.getStringValue()).findFirst().orElse(null);
  }
}
