package dev.observa.tracing.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an ended span to the recent-trace store's {@link SpanLimits} (attributes per span, event and link,
 * events and links per span, value length, which also bounds the span name and status text) and estimates
 * the heap of the copy conservatively: every string at two bytes per character plus object headers, even
 * where the JVM stores one byte per character or shares the instance.
 */
public final class SpanTrimmer {
  static final long SPAN_OVERHEAD = 640; // the copy, two span contexts and their id strings, lists, status
  private static final long STRING_OVERHEAD = 56;
  private static final long ENTRY_OVERHEAD = 48; // key object and array slots
  private static final long EVENT_OVERHEAD = 64;
  private static final long LINK_OVERHEAD = 256;

  private final SpanLimits limits;

  /** @param limits what a kept span may hold */
  public SpanTrimmer(SpanLimits limits) {
    this.limits = limits;
  }

  /**
   * @param span an ended span
   * @return its copy within the limits, with its estimated size
   */
  public SpanData keep(SpanData span) {
    long[] bytes = {SPAN_OVERHEAD};
    int maxLength = limits.getMaxAttributeValueLength();
    String name = cut(span.getName(), maxLength);
    bytes[0] += string(name);
    Attributes attributes = attributes(span.getAttributes(), limits.getMaxNumberOfAttributes(), bytes);
    List<EventData> events = span.getEvents().isEmpty() ? List.of()
        : new ArrayList<>(Math.min(span.getEvents().size(), limits.getMaxNumberOfEvents()));
    for (EventData event : span.getEvents()) {
      if (events.size() == limits.getMaxNumberOfEvents()) {
        break;
      }
      String eventName = cut(event.getName(), maxLength);
      bytes[0] += EVENT_OVERHEAD + string(eventName);
      events.add(EventData.create(event.getEpochNanos(), eventName,
          attributes(event.getAttributes(), limits.getMaxNumberOfAttributesPerEvent(), bytes),
          event.getTotalAttributeCount()));
    }
    List<LinkData> links = span.getLinks().isEmpty() ? List.of()
        : new ArrayList<>(Math.min(span.getLinks().size(), limits.getMaxNumberOfLinks()));
    for (LinkData link : span.getLinks()) {
      if (links.size() == limits.getMaxNumberOfLinks()) {
        break;
      }
      bytes[0] += LINK_OVERHEAD;
      links.add(LinkData.create(link.getSpanContext(),
          attributes(link.getAttributes(), limits.getMaxNumberOfAttributesPerLink(), bytes),
          link.getTotalAttributeCount()));
    }
    StatusData status = span.getStatus();
    String description = status.getDescription();
    if (description != null && !description.isEmpty()) {
      description = cut(description, maxLength);
      bytes[0] += string(description);
      status = StatusData.create(status.getStatusCode(), description);
    }
    return new KeptSpan(name, span.getKind(), span.getSpanContext(), span.getParentSpanContext(), status,
        span.getStartEpochNanos(), span.getEndEpochNanos(), attributes, span.getTotalAttributeCount(),
        List.copyOf(events), span.getTotalRecordedEvents(), List.copyOf(links), span.getTotalRecordedLinks(),
        span.getInstrumentationScopeInfo(), span.getResource(), bytes[0]);
  }

  /**
   * @param span a span this trimmer kept
   * @return its estimated heap in bytes
   */
  public static long bytes(SpanData span) {
    return span instanceof KeptSpan kept ? kept.bytes() : SPAN_OVERHEAD;
  }

  /**
   * The attributes within the limits: the source itself when nothing is over them (a span's attributes are an
   * immutable copy the SDK made when the span ended: shared, not copied again), else a cut copy.
   */
  private Attributes attributes(Attributes source, int maxCount, long[] bytes) {
    if (source.isEmpty()) {
      return source;
    }
    if (source.size() <= maxCount) {
      long[] within = {0};
      int maxLength = limits.getMaxAttributeValueLength();
      boolean[] fits = {true};
      source.forEach((key, value) -> {
        if (key.getType() == AttributeType.STRING && ((String) value).length() <= maxLength) {
          within[0] += ENTRY_OVERHEAD + string(key.getKey()) + string((String) value);
        } else if (key.getType() == AttributeType.BOOLEAN || key.getType() == AttributeType.LONG
            || key.getType() == AttributeType.DOUBLE) {
          within[0] += ENTRY_OVERHEAD + string(key.getKey()) + 24;
        } else {
          fits[0] = false; // arrays and structured values: estimated and cut by the copy below
        }
      });
      if (fits[0]) {
        bytes[0] += within[0];
        return source;
      }
    }
    return copy(source, maxCount, bytes);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Attributes copy(Attributes source, int maxCount, long[] bytes) {
    AttributesBuilder builder = Attributes.builder();
    int maxLength = limits.getMaxAttributeValueLength();
    int[] count = {0};
    source.forEach((key, value) -> {
      if (count[0]++ >= maxCount) {
        return;
      }
      Object kept = value;
      if (key.getType() == AttributeType.STRING) {
        kept = cut((String) value, maxLength);
        bytes[0] += string((String) kept);
      } else if (key.getType() == AttributeType.STRING_ARRAY) {
        List<String> values = new ArrayList<>();
        for (String item : (List<String>) value) {
          String cutItem = cut(item, maxLength);
          values.add(cutItem);
          bytes[0] += string(cutItem) + 8;
        }
        kept = values;
      } else if (value instanceof List<?> list) {
        bytes[0] += 32 + 24L * list.size();
      } else if (key.getType() == AttributeType.VALUE) {
        bytes[0] += string(String.valueOf(value)); // a structured value: its text is an upper bound
      } else {
        bytes[0] += 24;
      }
      bytes[0] += ENTRY_OVERHEAD + string(key.getKey());
      builder.put((AttributeKey) key, kept);
    });
    return builder.build();
  }

  private static String cut(String value, int maxLength) {
    return value == null || value.length() <= maxLength ? value : value.substring(0, maxLength);
  }

  private static long string(String value) {
    return value == null ? 0 : STRING_OVERHEAD + 2L * value.length();
  }
}
