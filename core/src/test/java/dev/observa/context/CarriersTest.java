package dev.observa.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CarriersTest {
  private static <C> List<String> all(TextMapGetter<C> getter, C carrier, String key) {
    List<String> values = new ArrayList<>();
    Iterator<String> iterator = getter.getAll(carrier, key);
    iterator.forEachRemaining(values::add);
    return values;
  }

  @Test
  void theMapGetterFindsANameInAnyCaseAndNothingInANullCarrier() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("TraceParent", "00-x");
    assertThat(Carriers.mapGetter().get(headers, "traceparent")).isEqualTo("00-x");
    assertThat(Carriers.mapGetter().get(headers, "TraceParent")).isEqualTo("00-x");
    assertThat(Carriers.mapGetter().get(headers, "baggage")).isNull();
    assertThat(Carriers.mapGetter().get(null, "traceparent")).isNull();
    assertThat(Carriers.mapGetter().get(headers, null)).isNull();
    assertThat(Carriers.mapGetter().keys(headers)).containsExactly("TraceParent");
  }

  @Test
  void theMapSetterWritesAndIgnoresANullCarrier() {
    Map<String, String> headers = new HashMap<>();
    Carriers.mapSetter().set(headers, "traceparent", "v");
    Carriers.mapSetter().set(null, "traceparent", "v");
    assertThat(headers).containsExactly(Map.entry("traceparent", "v"));
  }

  @Test
  void theMultiMapGetterReturnsEveryValueOfARepeatedHeaderSoItCanBeRejected() {
    Map<String, List<String>> headers = Map.of("Traceparent", List.of("00-a", "00-b"), "baggage", List.of("k=v"));
    assertThat(all(Carriers.multiMap(), headers, "traceparent")).containsExactly("00-a", "00-b");
    assertThat(Carriers.<Map<String, List<String>>>multiMap().get(headers, "TRACEPARENT")).isEqualTo("00-a");
    assertThat(all(Carriers.multiMap(), headers, "Baggage")).containsExactly("k=v");
    assertThat(all(Carriers.multiMap(), headers, "tracestate")).isEmpty();
    assertThat(all(Carriers.<Map<String, List<String>>>multiMap(), null, "traceparent")).isEmpty();
  }

  @Test
  void theServletStyleGetterReadsEveryValueAndEveryName() {
    Map<String, List<String>> request = Map.of("tracestate", List.of("a=1", "b=2"));
    TextMapGetter<Object> getter = Carriers.headers(
        name -> request.containsKey(name) ? Collections.enumeration(request.get(name)) : null,
        () -> Collections.enumeration(request.keySet()));
    assertThat(all(getter, new Object(), "tracestate")).containsExactly("a=1", "b=2");
    assertThat(getter.get(new Object(), "tracestate")).isEqualTo("a=1");
    assertThat(getter.get(new Object(), "traceparent")).isNull();
    assertThat(getter.keys(new Object())).containsExactly("tracestate");
  }

  @Test
  void theCarrierReadingServletStyleGetterReadsTheCarrierItIsGiven() {
    TextMapGetter<Map<String, List<String>>> getter = Carriers.headersOf(
        (carrier, name) -> carrier.containsKey(name) ? Collections.enumeration(carrier.get(name)) : null,
        carrier -> Collections.enumeration(carrier.keySet()));
    Map<String, List<String>> first = Map.of("tracestate", List.of("a=1", "b=2"));
    Map<String, List<String>> second = Map.of("baggage", List.of("k=v"));
    assertThat(all(getter, first, "tracestate")).containsExactly("a=1", "b=2");
    assertThat(getter.get(first, "baggage")).isNull();
    assertThat(getter.get(second, "baggage")).isEqualTo("k=v");
    assertThat(getter.keys(second)).containsExactly("baggage");
  }

  @Test
  void theHttpRequestSetterReplacesAHeaderInsteadOfRepeatingIt() {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1/"));
    Carriers.httpRequest().set(builder, "traceparent", "first");
    Carriers.httpRequest().set(builder, "traceparent", "second");
    Carriers.httpRequest().set(null, "traceparent", "ignored");
    assertThat(builder.build().headers().allValues("traceparent")).containsExactly("second");
  }

  @Test
  void anEmptyEnumerationIsNoValue() {
    Enumeration<String> none = Collections.emptyEnumeration();
    TextMapGetter<Object> getter = Carriers.headers(name -> none, Collections::emptyEnumeration);
    assertThat(getter.get(new Object(), "traceparent")).isNull();
    assertThat(all(getter, new Object(), "traceparent")).isEmpty();
  }
}
