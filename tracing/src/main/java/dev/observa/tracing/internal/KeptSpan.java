package dev.observa.tracing.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;

/**
 * An ended span as the recent-trace store keeps it: an immutable copy cut to the store's limits that holds
 * no reference to the SDK's span (whose mutable attribute map would otherwise stay reachable), with a
 * conservative estimate of the heap it occupies. Built by {@link SpanTrimmer}.
 *
 * @param bytes the estimated heap this copy occupies (resource and scope, shared by all spans, excluded)
 */
record KeptSpan(String name, SpanKind kind, SpanContext spanContext, SpanContext parentSpanContext,
    StatusData status, long startEpochNanos, long endEpochNanos, Attributes attributes, int totalAttributeCount,
    List<EventData> events, int totalRecordedEvents, List<LinkData> links, int totalRecordedLinks,
    InstrumentationScopeInfo scope, Resource resource, long bytes) implements SpanData {

  @Override
  public String getName() {
    return name;
  }

  @Override
  public SpanKind getKind() {
    return kind;
  }

  @Override
  public SpanContext getSpanContext() {
    return spanContext;
  }

  @Override
  public SpanContext getParentSpanContext() {
    return parentSpanContext;
  }

  @Override
  public StatusData getStatus() {
    return status;
  }

  @Override
  public long getStartEpochNanos() {
    return startEpochNanos;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public List<EventData> getEvents() {
    return events;
  }

  @Override
  public List<LinkData> getLinks() {
    return links;
  }

  @Override
  public long getEndEpochNanos() {
    return endEpochNanos;
  }

  @Override
  public boolean hasEnded() {
    return true;
  }

  @Override
  public int getTotalRecordedEvents() {
    return totalRecordedEvents;
  }

  @Override
  public int getTotalRecordedLinks() {
    return totalRecordedLinks;
  }

  @Override
  public int getTotalAttributeCount() {
    return totalAttributeCount;
  }

  @Override
  @SuppressWarnings("deprecation") // required by the interface
  public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
    return InstrumentationLibraryInfo.create(scope.getName(), scope.getVersion());
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return scope;
  }

  @Override
  public Resource getResource() {
    return resource;
  }
}
