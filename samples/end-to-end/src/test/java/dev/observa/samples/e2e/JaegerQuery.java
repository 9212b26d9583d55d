package dev.observa.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Asks a Jaeger query endpoint ({@code /api/services}, {@code /api/traces/{id}}, {@code /api/traces?service=}). */
final class JaegerQuery {
  private final String api;

  JaegerQuery(int port) {
    this.api = "http://127.0.0.1:" + port + "/api/";
  }

  /** One span as Jaeger's query API answers it. */
  record Span(String service, String name, String spanId, String parentId, String kind, Map<String, String> tags) {}

  boolean ready() throws IOException, InterruptedException {
    return Backends.get(api + "services").statusCode() == 200;
  }

  Set<String> services() throws IOException, InterruptedException {
    Set<String> services = new TreeSet<>();
    Backends.json(api + "services").path("data").forEach(s -> services.add(s.asText()));
    return services;
  }

  /** @return the trace's spans, or empty when Jaeger does not have it (404) */
  Optional<List<Span>> trace(String traceId) throws IOException, InterruptedException {
    HttpResponse<String> response = Backends.get(api + "traces/" + traceId);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new IOException("GET traces/" + traceId + " answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode trace = Backends.JSON.readTree(response.body()).path("data").path(0);
    Map<String, String> services = new HashMap<>();
    trace.path("processes").properties().forEach(p -> services.put(p.getKey(), p.getValue().path("serviceName").asText()));
    List<Span> spans = new ArrayList<>();
    for (JsonNode span : trace.path("spans")) {
      Map<String, String> tags = new HashMap<>();
      span.path("tags").forEach(t -> tags.put(t.path("key").asText(), t.path("value").asText()));
      String parent = null;
      for (JsonNode reference : span.path("references")) {
        if ("CHILD_OF".equals(reference.path("refType").asText())) {
          parent = reference.path("spanID").asText();
        }
      }
      spans.add(new Span(services.get(span.path("processID").asText()), span.path("operationName").asText(),
          span.path("spanID").asText(), parent, tags.getOrDefault("span.kind", ""), tags));
    }
    return Optional.of(spans);
  }

  boolean has(String traceId) throws IOException, InterruptedException {
    return trace(traceId).isPresent();
  }

  /** @return the ids of the traces of a service found by a search of the last hour */
  Set<String> traceIds(String service) throws IOException, InterruptedException {
    Set<String> ids = new TreeSet<>();
    Backends.json(api + "traces?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8)
        + "&lookback=1h&limit=1000").path("data").forEach(t -> ids.add(t.path("traceID").asText()));
    return ids;
  }
}
