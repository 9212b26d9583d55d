package dev.observa.tracing.internal;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntry;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Baggage read from a header: the members in header order (a repeated key keeps its last value), in flat
 * arrays. Extraction builds one of these directly instead of going through a builder that copies and
 * sorts; {@link #toBuilder()} hands over to OpenTelemetry's own implementation for any change. Immutable
 * once built.
 */
final class ParsedBaggage implements Baggage {
  /** Per member: key, value, metadata. */
  private Object[] members = new Object[3 * 2];
  private int size;

  /** Adds or replaces a member; only during parsing. */
  void put(String key, String value, BaggageEntryMetadata entryMetadata) {
    for (int i = 0; i < size; i++) {
      if (members[3 * i].equals(key)) {
        members[3 * i + 1] = value;
        members[3 * i + 2] = entryMetadata;
        return;
      }
    }
    if (3 * size == members.length) {
      members = Arrays.copyOf(members, members.length * 2);
    }
    members[3 * size] = key;
    members[3 * size + 1] = value;
    members[3 * size + 2] = entryMetadata;
    size++;
  }

  private String key(int i) {
    return (String) members[3 * i];
  }

  private String value(int i) {
    return (String) members[3 * i + 1];
  }

  private BaggageEntryMetadata metadata(int i) {
    return (BaggageEntryMetadata) members[3 * i + 2];
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super BaggageEntry> consumer) {
    for (int i = 0; i < size; i++) {
      consumer.accept(key(i), new Entry(value(i), metadata(i)));
    }
  }

  @Override
  public Map<String, BaggageEntry> asMap() {
    Map<String, BaggageEntry> map = new LinkedHashMap<>();
    forEach(map::put);
    return Collections.unmodifiableMap(map);
  }

  @Override
  public String getEntryValue(String key) {
    for (int i = 0; i < size; i++) {
      if (key(i).equals(key)) {
        return value(i);
      }
    }
    return null;
  }

  @Override
  public BaggageEntry getEntry(String key) {
    for (int i = 0; i < size; i++) {
      if (key(i).equals(key)) {
        return new Entry(value(i), metadata(i));
      }
    }
    return null;
  }

  @Override
  public BaggageBuilder toBuilder() {
    BaggageBuilder builder = Baggage.builder();
    for (int i = 0; i < size; i++) {
      builder.put(key(i), value(i), metadata(i));
    }
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Baggage baggage && asMap().equals(baggage.asMap());
  }

  @Override
  public int hashCode() {
    return asMap().hashCode();
  }

  @Override
  public String toString() {
    return "ParsedBaggage" + asMap();
  }

  private record Entry(String getValue, BaggageEntryMetadata getMetadata) implements BaggageEntry {}
}
