package dev.observa.context;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Getters and setters for the carriers context travels in, for {@code Observa.inject} and
 * {@code Observa.extract}. Getters read <em>every</em> value of a repeated header (a repeated
 * {@code traceparent} must invalidate the context) and look names up case-insensitively, as HTTP does.
 *
 * <pre>{@code
 * obs.inject(requestBuilder, Carriers.httpRequest());                      // JDK HttpClient
 * ObservaContext remote = obs.extract(exchange.getRequestHeaders(), Carriers.multiMap());
 * ObservaContext remote = obs.extract(request, Carriers.headers(request::getHeaders, request::getHeaderNames));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Carriers {
  private static final TextMapSetter<Map<String, String>> MAP_SETTER = (map, key, value) -> {
    if (map != null) {
      map.put(key, value);
    }
  };

  private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      if (carrier == null || key == null) {
        return null;
      }
      String value = carrier.get(key);
      if (value != null) {
        return value;
      }
      for (Map.Entry<String, String> entry : carrier.entrySet()) {
        if (key.equalsIgnoreCase(entry.getKey())) {
          return entry.getValue();
        }
      }
      return null;
    }
  };

  private static final TextMapGetter<Map<String, ? extends List<String>>> MULTI_MAP_GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, ? extends List<String>> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, ? extends List<String>> carrier, String key) {
      Iterator<String> all = getAll(carrier, key);
      return all.hasNext() ? all.next() : null;
    }

    @Override
    public Iterator<String> getAll(Map<String, ? extends List<String>> carrier, String key) {
      if (carrier == null || key == null) {
        return Collections.emptyIterator();
      }
      List<String> values = carrier.get(key);
      if (values == null) {
        values = carrier.get(key.toLowerCase(Locale.ROOT));
      }
      if (values == null) {
        for (Map.Entry<String, ? extends List<String>> entry : carrier.entrySet()) {
          if (key.equalsIgnoreCase(entry.getKey())) {
            values = entry.getValue();
            break;
          }
        }
      }
      return values == null ? Collections.emptyIterator() : values.iterator();
    }
  };

  private static final TextMapSetter<HttpRequest.Builder> HTTP_REQUEST = (builder, key, value) -> {
    if (builder != null) {
      builder.setHeader(key, value);
    }
  };

  private Carriers() {}

  /** @return a setter for a {@code Map<String, String>} (message headers, test carriers) */
  public static TextMapSetter<Map<String, String>> mapSetter() {
    return MAP_SETTER;
  }

  /** @return a getter for a {@code Map<String, String>}, case-insensitive */
  public static TextMapGetter<Map<String, String>> mapGetter() {
    return MAP_GETTER;
  }

  /**
   * @param <M> the map type
   * @return a getter for multi-valued headers such as {@code java.net.http.HttpHeaders.map()}, JDK
   *     {@code HttpServer} headers or Spring {@code HttpHeaders}; every value of a repeated header is read
   */
  @SuppressWarnings("unchecked")
  public static <M extends Map<String, ? extends List<String>>> TextMapGetter<M> multiMap() {
    return (TextMapGetter<M>) (TextMapGetter<?>) MULTI_MAP_GETTER;
  }

  /** @return a setter for a JDK {@code HttpRequest.Builder} */
  public static TextMapSetter<HttpRequest.Builder> httpRequest() {
    return HTTP_REQUEST;
  }

  /**
   * A getter for servlet-style carriers: {@code request.getHeaders(name)} and {@code request.getHeaderNames()}.
   *
   * @param values all values of one header
   * @param names all header names
   * @param <C> the carrier type (ignored; the functions close over the request)
   * @return the getter
   */
  public static <C> TextMapGetter<C> headers(Function<String, Enumeration<String>> values,
      Supplier<Enumeration<String>> names) {
    return headersOf((carrier, key) -> values.apply(key), carrier -> names.get());
  }

  /**
   * A getter for servlet-style carriers that reads the carrier it is given, so one instance serves every request:
   * {@code static final TextMapGetter<HttpServletRequest> HEADERS = Carriers.headersOf(HttpServletRequest::getHeaders,
   * HttpServletRequest::getHeaderNames);}
   *
   * @param values all values of one header of a carrier
   * @param names all header names of a carrier
   * @param <C> the carrier type
   * @return the getter
   * @since 0.1.0
   */
  public static <C> TextMapGetter<C> headersOf(BiFunction<C, String, Enumeration<String>> values,
      Function<C, Enumeration<String>> names) {
    return new TextMapGetter<>() {
      @Override
      public Iterable<String> keys(C carrier) {
        return Collections.list(names.apply(carrier));
      }

      @Override
      public String get(C carrier, String key) {
        Iterator<String> all = getAll(carrier, key);
        return all.hasNext() ? all.next() : null;
      }

      @Override
      public Iterator<String> getAll(C carrier, String key) {
        Enumeration<String> found = values.apply(carrier, key);
        return found == null ? Collections.emptyIterator() : found.asIterator();
      }
    };
  }
}
