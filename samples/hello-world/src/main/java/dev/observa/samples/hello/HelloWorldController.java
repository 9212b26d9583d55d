package dev.observa.samples.hello;

import static dev.observa.log.Field.field;

import dev.observa.Observa;
import dev.observa.log.Logger;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * hello-world: {@code GET /hello?name=Bryan&greeting=Bonjour} puts {@code greeting} in baggage, starts
 * {@code say-hello} (tag {@code hello-to}), asks the formatter inside {@code formatString} (event
 * {@code string-format} with the value) and the publisher inside {@code printHello} (event {@code println}).
 * Also {@code POST /test}, the W3C trace-context suite's endpoint, which calls loopback URLs only unless
 * {@code sample.test.allow-any-host=true}.
 */
@RestController
@ConditionalOnProperty(name = "sample.role", havingValue = "hello-world")
class HelloWorldController {
  private final Observa observa;
  private final Logger log;
  private final RestClient formatter;
  private final RestClient publisher;
  private final RestClient harness;
  private final boolean anyHost;

  HelloWorldController(Observa observa, RestClient.Builder clients,
      @Value("${sample.formatter-url:http://127.0.0.1:8081}") String formatterUrl,
      @Value("${sample.publisher-url:http://127.0.0.1:8082}") String publisherUrl,
      @Value("${sample.test.allow-any-host:false}") boolean anyHost) {
    this.observa = observa;
    this.anyHost = anyHost;
    this.log = observa.logger("hello-world");
    SimpleClientHttpRequestFactory bounded = new SimpleClientHttpRequestFactory();
    bounded.setConnectTimeout(Duration.ofSeconds(1));
    bounded.setReadTimeout(Duration.ofSeconds(3));
    this.formatter = clients.clone().baseUrl(formatterUrl).requestFactory(bounded).build();
    this.publisher = clients.clone().baseUrl(publisherUrl).requestFactory(bounded).build();
    this.harness = clients.clone().requestFactory(bounded).build();
  }

  @GetMapping(path = "/hello", produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<?> hello(@RequestParam(required = false) String name,
      @RequestParam(defaultValue = "Hello") String greeting) {
    if (name == null || name.isBlank()) {
      log.warn("rejected a request without a name");
      return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("error", "the query parameter 'name' is required", "status", 400));
    }
    try (Scope baggage = observa.context().withBaggage("greeting", greeting).makeCurrent();
         ActiveSpan sayHello = observa.span("say-hello").attribute("hello-to", name).startActive()) {
      try {
        String text;
        try (ActiveSpan formatString = observa.span("formatString").startActive()) {
          text = formatter.get().uri(u -> u.path("/format").queryParam("helloTo", "{name}").build(name))
              .retrieve().body(String.class);
          formatString.event("string-format", "value", text);
        }
        try (ActiveSpan printHello = observa.span("printHello").startActive()) {
          publisher.get().uri(u -> u.path("/publish").queryParam("helloStr", "{text}").build(text))
              .retrieve().toBodilessEntity();
          printHello.event("println");
        }
        log.info("said hello", field("hello-to", name));
        return ResponseEntity.ok(text);
      } catch (RestClientException e) {
        sayHello.recordException(e);
        HttpStatus status = e instanceof ResourceAccessException ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
        log.error("a downstream service failed", field("status", status.value()), field("cause", e.getClass().getSimpleName()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("error", "a downstream service is unavailable", "status", status.value()));
      }
    }
  }

  /**
   * The W3C trace-context test suite's endpoint: a child call per item, {@code JSON(arguments)} as body. An
   * endpoint that POSTs wherever it is told is a server-side request forgery tool, so only {@code localhost}
   * and loopback IP literals are called (decided without a DNS lookup) unless
   * {@code sample.test.allow-any-host=true}; otherwise the request is answered 400 and nothing is called.
   */
  @PostMapping(path = "/test", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> test(@RequestBody(required = false) List<Map<String, Object>> actions) {
    if (actions != null && !anyHost) {
      for (Map<String, Object> action : actions) {
        if (!isLoopback(String.valueOf(action.get("url")))) {
          return ResponseEntity.badRequest().body(Map.of("error", "only loopback URLs are called; set "
              + "sample.test.allow-any-host=true to call others", "url", String.valueOf(action.get("url"))));
        }
      }
    }
    if (actions != null) {
      for (Map<String, Object> action : actions) {
        Object arguments = action.get("arguments");
        try {
          harness.post().uri(String.valueOf(action.get("url"))).contentType(MediaType.APPLICATION_JSON)
              .body(arguments == null ? List.of() : arguments).retrieve().toBodilessEntity();
        } catch (RestClientException e) {
          log.warn("a conformance callback failed", field("url", String.valueOf(action.get("url"))));
        }
      }
    }
    return ResponseEntity.ok("{}");
  }

  /** An http(s) URL without user info whose host is {@code localhost} or a loopback IP literal. */
  static boolean isLoopback(String url) {
    try {
      java.net.URI uri = java.net.URI.create(url);
      String host = uri.getHost();
      if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || host == null
          || uri.getUserInfo() != null) {
        return false;
      }
      boolean literal = host.startsWith("[") || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
      return host.equalsIgnoreCase("localhost") || literal && java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (IllegalArgumentException | java.net.UnknownHostException e) {
      return false;
    }
  }
}
