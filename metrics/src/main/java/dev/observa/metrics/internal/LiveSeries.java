package dev.observa.metrics.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Labels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One series of a {@link LiveFamily}: its labels, its creation time and its exemplar slots (one per
 * counter, one per histogram bucket). Subclasses hold the striped values.
 *
 * <p>A slot is refilled once per scrape: the first record into it after a collect (or into an empty slot)
 * made under a sampled span becomes its exemplar, so each scrape shows exemplars no older than the
 * previous scrape. A record only looks at the current span while its slot is stale, and at most
 * {@value #LOOKUPS_PER_SCRAPE} times per slot between two scrapes when it finds no sampled span, so an
 * untraced application pays nothing for exemplars.
 *
 * <p>A series of one slot (a counter) also keeps that answer in {@link #quiet}, a field of its own object,
 * so a record into a settled counter costs one read of a field next to its striped value and no read of
 * the family: the same work as prometheus-metrics' rate-limited exemplar check.
 */
abstract class LiveSeries {
  static final int LOOKUPS_PER_SCRAPE = 64;

  private static final VarHandle QUIET;

  static {
    try {
      QUIET = MethodHandles.lookup().findVarHandle(LiveSeries.class, "quiet", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final LiveFamily<?> family;
  private final Labels labels;
  private final long createdMillis = System.currentTimeMillis();
  private final AtomicReferenceArray<SampledExemplar> exemplars;
  /** Per slot: the generation (high half) and the span lookups in it that found no sampled span. */
  private final long[] misses;
  /**
   * Per slot: the generation + 1 in which the slot has nothing left to do (filled, or out of lookups), so a
   * record then costs one comparison (a racy plain read and write, like {@link #misses}).
   */
  private final int[] settled;
  /**
   * Whether the only slot is settled for the current generation, so a record skips {@link #sampleExemplar}
   * altogether; always false for series of several slots. Set by a record after re-reading the generation,
   * cleared by {@link #reopen()} after the generation moved on, so a slot is never left settled for a
   * generation it has not seen.
   */
  private volatile boolean quiet;

  /** An exemplar and the collect generation it was taken in. */
  private record SampledExemplar(Exemplar exemplar, int generation) {}

  LiveSeries(LiveFamily<?> family, Labels labels, int exemplarSlots) {
    this.family = family;
    this.labels = labels;
    this.exemplars = new AtomicReferenceArray<>(exemplarSlots);
    this.misses = new long[exemplarSlots];
    this.settled = new int[exemplarSlots];
  }

  /**
   * Offers the value just recorded as the slot's exemplar.
   *
   * @param slot the exemplar slot
   * @param value the value recorded
   * @param given exemplar labels from the caller, or null to take them from the current span
   */
  final void sampleExemplar(int slot, double value, Labels given) {
    if (given == null && quiet) {
      return;
    }
    offerExemplar(slot, value, given);
  }

  /** The slot's state decides (kept out of {@link #sampleExemplar} so the quiet check inlines everywhere). */
  private void offerExemplar(int slot, double value, Labels given) {
    int generation = family.generation();
    if (settled[slot] == generation + 1 && given == null) {
      return;
    }
    SampledExemplar current = exemplars.getPlain(slot);
    if (current != null && current.generation == generation) {
      settle(slot, generation);
      return;
    }
    Labels exemplarLabels = given;
    if (exemplarLabels == null) {
      // a racy plain read and write: the budget is approximate under contention, which is all it needs
      long missed = misses[slot];
      int missesNow = (int) (missed >>> 32) == generation ? (int) missed : 0;
      if (missesNow >= LOOKUPS_PER_SCRAPE) {
        settle(slot, generation);
        return;
      }
      Span span = Span.current();
      SpanContext context = span.getSpanContext();
      if (!context.isSampled() || !context.isValid()) {
        misses[slot] = (long) generation << 32 | (missesNow + 1);
        return;
      }
      exemplarLabels = family.exemplarLabels().forSpan(span, context);
    }
    exemplars.set(slot, new SampledExemplar(new Exemplar(value, exemplarLabels, System.currentTimeMillis()),
        generation));
  }

  /** Marks the slot as having nothing left to do in {@code generation}; a one-slot series goes quiet. */
  private void settle(int slot, int generation) {
    settled[slot] = generation + 1;
    if (settled.length == 1) {
      quiet = true;
      if (family.generation() != generation) { // a collect moved on meanwhile: its reopen may have come first
        quiet = false;
      }
    }
  }

  /** Lets a quiet series look for an exemplar again; called by the family after each new generation. */
  final void reopen() {
    if ((boolean) QUIET.getOpaque(this)) {
      QUIET.setRelease(this, false);
    }
  }

  /** @return the slot's exemplar, or null */
  public final Exemplar exemplar(int slot) {
    SampledExemplar sampled = exemplars.get(slot);
    return sampled == null ? null : sampled.exemplar;
  }

  /** @return the series' labels (public for the point views; the class is not) */
  public final Labels labels() {
    return labels;
  }

  /** @return when the series was created, in epoch milliseconds */
  public final long createdMillis() {
    return createdMillis;
  }
}
