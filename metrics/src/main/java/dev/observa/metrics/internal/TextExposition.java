package dev.observa.metrics.internal;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Writes the Prometheus text format 0.0.4 and OpenMetrics 1.0 straight as bytes, for the snapshot kinds
 * Observa and Micrometer produce (counters, gauges, classic histograms (the classic buckets of a histogram
 * that also has native ones), summaries) with legacy-valid names: no {@code Writer}, no charset encoder,
 * integral values and bucket bounds without {@code Double.toString} (bounds are formatted once and kept, other
 * values appended into a reused {@code StringBuilder}), and the writer with its buffer kept between scrapes: a
 * scrape of live series allocates nothing per series and no buffer.
 *
 * <p>One writer per rule: the counter and histogram rules read a {@link CounterPoint} / {@link HistogramPoint},
 * which is either a live Observa series (written without a snapshot) or a reused view over a snapshot's
 * data point. The output is byte-for-byte what prometheus-metrics' own writers produce
 * ({@code TextExpositionTest} holds the two side by side) except that a histogram with a negative bucket
 * bound exposes no {@code _sum}, which OpenMetrics forbids; any other snapshot (info, state set, unknown,
 * gauge or native-only histograms, scrape timestamps, names needing escaping) is handed to those writers one
 * snapshot at a time.
 */
public final class TextExposition {
  private static final byte[] INF = "+Inf".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_CACHED_BOUNDS = 4096;
  private static final BoundTable BOUNDS = new BoundTable();
  private static final LiveSeries[] NO_SERIES = new LiveSeries[0];
  // writers (each with its 16 KiB buffer) kept between scrapes: a scrape allocates no buffer of its own
  private static final AtomicReferenceArray<TextExposition> WRITERS = new AtomicReferenceArray<>(4);

  private boolean openMetrics;
  private boolean createdTimestamps;
  private ExpositionFormatWriter fallback;
  private final Out out = new Out();
  private final StringBuilder number = new StringBuilder(32);
  private final SnapshotPoints.Counter counterView = new SnapshotPoints.Counter();
  private final SnapshotPoints.Histogram histogramView = new SnapshotPoints.Histogram();

  private TextExposition() {}

  /** @return a writer kept from an earlier scrape, or a new one; given back with {@link #release} */
  private static TextExposition acquire(boolean openMetrics, boolean createdTimestamps,
      ExpositionFormatWriter fallback, OutputStream stream) {
    TextExposition writer = null;
    for (int i = 0; i < WRITERS.length() && writer == null; i++) {
      writer = WRITERS.getAndSet(i, null);
    }
    if (writer == null) {
      writer = new TextExposition();
    }
    writer.openMetrics = openMetrics;
    writer.createdTimestamps = createdTimestamps;
    writer.fallback = fallback;
    writer.out.start(stream);
    return writer;
  }

  private void release() {
    fallback = null;
    out.start(null);
    for (int i = 0; i < WRITERS.length(); i++) {
      if (WRITERS.compareAndSet(i, null, this)) {
        return;
      }
    }
  }

  /**
   * @param stream where to write
   * @param snapshots what to write
   * @param openMetrics OpenMetrics 1.0 (with {@code # EOF}) rather than text 0.0.4
   * @param createdTimestamps whether {@code _created} lines are written (OpenMetrics only)
   * @param fallback the prometheus-metrics writer of the same format and options, for other snapshots
   * @throws IOException from the stream
   */
  public static void write(OutputStream stream, MetricSnapshots snapshots, boolean openMetrics,
      boolean createdTimestamps, ExpositionFormatWriter fallback) throws IOException {
    TextExposition writer = acquire(openMetrics, createdTimestamps && openMetrics, fallback, stream);
    try {
      for (MetricSnapshot snapshot : snapshots) {
        writer.snapshot(snapshot);
      }
      writer.end();
    } finally {
      writer.release();
    }
  }

  private void end() throws IOException {
    if (openMetrics) {
      out.bytes(EOF);
    }
    out.flush();
  }

  /**
   * Scrapes the registry and writes it, with the Observa counters and histograms of {@code backends} written straight
   * from their live series (no snapshot), in name order among the registry's other metrics.
   *
   * @param stream where to write
   * @param registry the registry to scrape
   * @param backends the Observa backends registered in it
   * @param openMetrics OpenMetrics 1.0 (with {@code # EOF}) rather than text 0.0.4
   * @param createdTimestamps whether {@code _created} lines are written (OpenMetrics only)
   * @param fallback the prometheus-metrics writer of the same format and options, for other snapshots
   * @throws IOException from the stream
   */
  public static void write(OutputStream stream, PrometheusRegistry registry, List<PrometheusMetricsBackend> backends,
      boolean openMetrics, boolean createdTimestamps, ExpositionFormatWriter fallback) throws IOException {
    GuardedFamily<?>[] live = liveFamilies(backends);
    MetricSnapshots others = live.length == 0 ? registry.scrape() : registry.scrape(name -> indexOf(live, name) < 0);
    TextExposition writer = acquire(openMetrics, createdTimestamps && openMetrics, fallback, stream);
    try {
      int next = 0;
      for (MetricSnapshot snapshot : others) {
        String name = snapshot.getMetadata().getPrometheusName();
        while (next < live.length && live[next].getPrometheusName().compareTo(name) < 0) {
          writer.live(live[next++]);
        }
        writer.snapshot(snapshot);
      }
      while (next < live.length) {
        writer.live(live[next++]);
      }
      writer.end();
    } finally {
      writer.release();
    }
  }

  private static GuardedFamily<?>[] liveFamilies(List<PrometheusMetricsBackend> backends) {
    if (backends.size() == 1) {
      return backends.get(0).liveFamilies();
    }
    List<GuardedFamily<?>> all = new ArrayList<>();
    for (PrometheusMetricsBackend backend : backends) {
      all.addAll(Arrays.asList(backend.liveFamilies()));
    }
    all.sort(Comparator.comparing(GuardedFamily::getPrometheusName));
    return all.toArray(GuardedFamily<?>[]::new);
  }

  private static int indexOf(GuardedFamily<?>[] sorted, String name) {
    int low = 0;
    int high = sorted.length - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int order = sorted[mid].getPrometheusName().compareTo(name);
      if (order < 0) {
        low = mid + 1;
      } else if (order > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** Writes an Observa family (and its overflow series) from the live series. */
  private void live(GuardedFamily<?> family) throws IOException {
    LiveFamily<?> main = family.liveFamily();
    LiveFamily<?> overflow = family.liveOverflow();
    if (!main.hasLegacyNames() || overflow != null && !overflow.hasLegacyNames()) {
      delegate(family.collect());
      return;
    }
    main.nextGeneration();
    String name = main.prometheusName();
    boolean counter = main instanceof LiveCounter;
    if (counter) {
      header(main.metadata(), name, openMetrics ? "" : "_total", "counter");
    } else {
      header(main.metadata(), name, "", "histogram");
    }
    LiveSeries[] own = main.seriesNow();
    LiveSeries[] spill = overflow == null ? NO_SERIES : overflow.seriesNow();
    if (overflow != null) {
      overflow.nextGeneration();
    }
    // both are in label order: merge them, as a snapshot sorts its data points
    int i = 0;
    int j = 0;
    while (i < own.length || j < spill.length) {
      boolean fromOwn = j == spill.length || i < own.length && own[i].labels().compareTo(spill[j].labels()) <= 0;
      LiveSeries series = fromOwn ? own[i++] : spill[j++];
      if (counter) {
        counterPoint(name, (CounterSeries) series);
      } else {
        histogramPoint(name, (BucketSeries) series);
      }
    }
  }

  private void snapshot(MetricSnapshot snapshot) throws IOException {
    if (!supported(snapshot)) {
      delegate(snapshot);
      return;
    }
    String name = snapshot.getMetadata().getPrometheusName();
    if (snapshot instanceof CounterSnapshot counter) {
      header(snapshot.getMetadata(), name, openMetrics ? "" : "_total", "counter");
      for (CounterDataPointSnapshot point : counter.getDataPoints()) {
        counterPoint(name, counterView.of(point));
      }
    } else if (snapshot instanceof GaugeSnapshot gauge) {
      header(snapshot.getMetadata(), name, "", "gauge");
      for (GaugeDataPointSnapshot point : gauge.getDataPoints()) {
        sample(name, "", point.getLabels(), null, 0);
        value(point.getValue());
        out.newline();
      }
    } else if (snapshot instanceof HistogramSnapshot histogram) {
      header(snapshot.getMetadata(), name, "", "histogram");
      for (HistogramDataPointSnapshot point : histogram.getDataPoints()) {
        histogramPoint(name, histogramView.of(point));
      }
    } else if (snapshot instanceof SummarySnapshot summary) {
      header(snapshot.getMetadata(), name, "", "summary");
      for (SummaryDataPointSnapshot point : summary.getDataPoints()) {
        for (Quantile quantile : point.getQuantiles()) {
          sample(name, "", point.getLabels(), "quantile", quantile.getQuantile());
          value(quantile.getValue());
          out.newline();
        }
        if (point.hasCount()) {
          sample(name, "_count", point.getLabels(), null, 0);
          out.decimal(point.getCount());
          out.newline();
        }
        if (point.hasSum()) {
          sample(name, "_sum", point.getLabels(), null, 0);
          value(point.getSum());
          out.newline();
        }
        created(name, point.getLabels(), point.hasCreatedTimestamp() ? point.getCreatedTimestampMillis() : 0);
      }
    }
  }

  /** The counter rule, for a live series and a snapshot's data point alike. */
  private void counterPoint(String name, CounterPoint point) throws IOException {
    Exemplar exemplar = openMetrics ? point.exemplar() : null; // before the value
    Labels labels = point.labels();
    sample(name, "_total", labels, null, 0);
    value(point.value());
    if (openMetrics) {
      exemplar(exemplar);
    }
    out.newline();
    created(name, labels, point.createdMillis());
  }

  /** The classic histogram rule, for a live series and a snapshot's data point alike. */
  private void histogramPoint(String name, HistogramPoint point) throws IOException {
    Labels labels = point.labels();
    long cumulative = 0;
    int buckets = point.buckets();
    for (int i = 0; i < buckets; i++) {
      Exemplar exemplar = openMetrics ? point.exemplar(i) : null; // before the count
      cumulative += point.bucketCount(i);
      sample(name, "_bucket", labels, "le", point.upperBound(i));
      out.decimal(cumulative);
      if (openMetrics) {
        exemplar(exemplar);
      }
      out.newline();
    }
    // _count is the +Inf bucket; OpenMetrics writes _count and _sum as a pair, or neither
    boolean sum = point.exposesSum();
    if (sum || !openMetrics) {
      sample(name, "_count", labels, null, 0);
      out.decimal(cumulative);
      out.newline();
    }
    if (sum) {
      sample(name, "_sum", labels, null, 0);
      value(point.sum());
      out.newline();
    }
    created(name, labels, point.createdMillis());
  }

  /** The family's comments for {@code name + suffix} (the suffix written, never concatenated). */
  private void header(MetricMetadata metadata, String name, String suffix, String type) throws IOException {
    if (openMetrics) {
      out.ascii("# TYPE ").ascii(name).ascii(suffix).ascii(" ").ascii(type).newline();
      if (metadata.hasUnit()) {
        out.ascii("# UNIT ").ascii(name).ascii(suffix).ascii(" ");
        out.escaped(metadata.getUnit().toString(), false);
        out.newline();
      }
      if (metadata.getHelp() != null && !metadata.getHelp().isEmpty()) {
        out.ascii("# HELP ").ascii(name).ascii(suffix).ascii(" ");
        out.escaped(metadata.getHelp(), true);
        out.newline();
      }
    } else {
      if (metadata.getHelp() != null && !metadata.getHelp().isEmpty()) {
        out.ascii("# HELP ").ascii(name).ascii(suffix).ascii(" ");
        out.escaped(metadata.getHelp(), false);
        out.newline();
      }
      out.ascii("# TYPE ").ascii(name).ascii(suffix).ascii(" ").ascii(type).newline();
    }
  }

  /** {@code name+suffix{labels[,extra="value"]} } (with the space). */
  private void sample(String name, String suffix, Labels labels, String extraLabel, double extraValue)
      throws IOException {
    out.ascii(name).ascii(suffix);
    if (!labels.isEmpty() || extraLabel != null) {
      out.raw('{');
      labelPairs(labels);
      if (extraLabel != null) {
        if (!labels.isEmpty()) {
          out.raw(',');
        }
        out.ascii(extraLabel).ascii("=\"");
        out.bytes(bound(extraValue));
        out.raw('"');
      }
      out.raw('}');
    }
    out.raw(' ');
  }

  /** {@code name="value"} pairs separated by commas, values escaped. */
  private void labelPairs(Labels labels) throws IOException {
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        out.raw(',');
      }
      out.ascii(labels.getPrometheusName(i)).ascii("=\"");
      out.escaped(labels.getValue(i), true);
      out.raw('"');
    }
  }

  private void created(String name, Labels labels, long createdMillis) throws IOException {
    if (createdTimestamps && createdMillis != 0) {
      sample(name, "_created", labels, null, 0);
      out.seconds(createdMillis);
      out.newline();
    }
  }

  private void exemplar(Exemplar exemplar) throws IOException {
    if (exemplar == null) {
      return;
    }
    out.ascii(" # {");
    labelPairs(exemplar.getLabels());
    out.ascii("} ");
    value(exemplar.getValue());
    if (exemplar.hasTimestamp()) {
      out.raw(' ');
      out.seconds(exemplar.getTimestampMillis());
    }
  }

  private void value(double value) throws IOException {
    if (value == Double.POSITIVE_INFINITY) {
      out.bytes(INF);
    } else if (value == Double.NEGATIVE_INFINITY) {
      out.ascii("-Inf");
    } else if (Double.isNaN(value)) {
      out.ascii("NaN");
    } else if (value == Math.rint(value) && Math.abs(value) < 1e7 && !(value == 0 && 1 / value < 0)) {
      // what Double.toString writes for integral values below 10^7, without building the string
      out.decimal((long) value);
      out.ascii(".0");
    } else {
      // the digits of Double.toString, appended into a reused builder rather than a new string
      number.setLength(0);
      out.ascii(number.append(value));
    }
  }

  /** A bucket bound or quantile as text, formatted once per distinct value. */
  private static byte[] bound(double value) {
    long bits = Double.doubleToRawLongBits(value);
    byte[] formatted = BOUNDS.get(bits);
    if (formatted == null) {
      String text = value == Double.POSITIVE_INFINITY ? "+Inf"
          : value == Double.NEGATIVE_INFINITY ? "-Inf" : Double.isNaN(value) ? "NaN" : Double.toString(value);
      formatted = text.getBytes(StandardCharsets.US_ASCII);
      BOUNDS.put(bits, formatted);
    }
    return formatted;
  }

  /**
   * Formatted bounds by the bits of their value: open addressing over immutable entries, read without a
   * lock or a boxed key; full at {@value #MAX_CACHED_BOUNDS} values (then bounds are formatted each time).
   */
  private static final class BoundTable {
    private record Entry(long bits, byte[] text) {}

    private final Entry[] entries = new Entry[MAX_CACHED_BOUNDS * 2];
    private int size;

    byte[] get(long bits) {
      int mask = entries.length - 1;
      for (int i = slot(bits, mask), probes = 0; probes < entries.length; i = (i + 1) & mask, probes++) {
        Entry entry = entries[i];
        if (entry == null) {
          return null;
        }
        if (entry.bits == bits) {
          return entry.text;
        }
      }
      return null;
    }

    synchronized void put(long bits, byte[] text) {
      if (size >= MAX_CACHED_BOUNDS || get(bits) != null) {
        return;
      }
      int mask = entries.length - 1;
      int i = slot(bits, mask);
      while (entries[i] != null) {
        i = (i + 1) & mask;
      }
      entries[i] = new Entry(bits, text); // final fields: safe to read through a racy array slot
      size++;
    }

    private static int slot(long bits, int mask) {
      long h = bits * 0x9E3779B97F4A7C15L;
      return (int) (h >>> 40) & mask;
    }
  }

  private boolean supported(MetricSnapshot snapshot) {
    if (!isLegacyName(snapshot.getMetadata().getPrometheusName())) {
      return false;
    }
    if (snapshot instanceof HistogramSnapshot histogram) {
      if (histogram.isGaugeHistogram()) {
        return false;
      }
      for (HistogramDataPointSnapshot point : histogram.getDataPoints()) {
        // native buckets (if any) are not part of the text formats: the classic ones are written
        if (!point.hasClassicHistogramData() || !plain(point)) {
          return false;
        }
      }
      return true;
    }
    if (snapshot instanceof CounterSnapshot || snapshot instanceof GaugeSnapshot
        || snapshot instanceof SummarySnapshot) {
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        if (!plain(point)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** No scrape timestamp, and label names that need no escaping. */
  private static boolean plain(DataPointSnapshot point) {
    if (point.hasScrapeTimestamp()) {
      return false;
    }
    Labels labels = point.getLabels();
    for (int i = 0; i < labels.size(); i++) {
      if (!isLegacyLabel(labels.getPrometheusName(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isLegacyName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static boolean isLegacyLabel(String name) {
    return isLegacyName(name) && name.indexOf(':') < 0;
  }

  private void delegate(MetricSnapshot snapshot) throws IOException {
    ByteArrayOutputStream single = new ByteArrayOutputStream(1024);
    fallback.write(single, new MetricSnapshots(snapshot));
    byte[] bytes = single.toByteArray();
    int length = bytes.length;
    if (openMetrics && length >= EOF.length
        && Arrays.equals(bytes, length - EOF.length, length, EOF, 0, EOF.length)) {
      length -= EOF.length;
    }
    out.bytes(bytes, length);
  }

  /** A small buffered byte sink: ASCII fast paths, UTF-8 for label values and help text. */
  private static final class Out {
    private final byte[] buf = new byte[16 * 1024];
    private OutputStream stream;
    private int len;

    /** Begins writing to {@code stream}, forgetting what an earlier (failed) scrape left unflushed. */
    void start(OutputStream stream) {
      this.stream = stream;
      this.len = 0;
    }

    private void room(int n) throws IOException {
      if (len + n > buf.length) {
        flush();
      }
    }

    void flush() throws IOException {
      if (len > 0) {
        stream.write(buf, 0, len);
        len = 0;
      }
    }

    void raw(char c) throws IOException {
      room(1);
      buf[len++] = (byte) c;
    }

    void newline() throws IOException {
      raw('\n');
    }

    Out ascii(String s) throws IOException {
      int n = s.length();
      if (n > buf.length) {
        flush();
        stream.write(s.getBytes(StandardCharsets.UTF_8));
        return this;
      }
      room(n);
      for (int i = 0; i < n; i++) {
        buf[len++] = (byte) s.charAt(i);
      }
      return this;
    }

    /** The characters of a short ASCII text, e.g. a number. */
    void ascii(CharSequence s) throws IOException {
      int n = s.length();
      room(n);
      for (int i = 0; i < n; i++) {
        buf[len++] = (byte) s.charAt(i);
      }
    }

    void bytes(byte[] bytes) throws IOException {
      bytes(bytes, bytes.length);
    }

    void bytes(byte[] bytes, int length) throws IOException {
      if (length > buf.length) {
        flush();
        stream.write(bytes, 0, length);
        return;
      }
      room(length);
      System.arraycopy(bytes, 0, buf, len, length);
      len += length;
    }

    void decimal(long value) throws IOException {
      if (value == Long.MIN_VALUE) {
        ascii(Long.toString(value));
        return;
      }
      room(20);
      long v = value;
      if (v < 0) {
        buf[len++] = '-';
        v = -v;
      }
      int digits = 1;
      for (long p = 10; digits < 19 && v >= p; p *= 10) {
        digits++;
      }
      int at = len + digits;
      len = at;
      do {
        buf[--at] = (byte) ('0' + (int) (v % 10));
        v /= 10;
      } while (v != 0);
    }

    /** Milliseconds since the epoch as seconds with three decimals. */
    void seconds(long millis) throws IOException {
      decimal(Math.floorDiv(millis, 1000));
      raw('.');
      long rest = Math.floorMod(millis, 1000);
      room(3);
      buf[len++] = (byte) ('0' + rest / 100);
      buf[len++] = (byte) ('0' + rest / 10 % 10);
      buf[len++] = (byte) ('0' + rest % 10);
    }

    /**
     * Writes {@code \\}, newline and (when {@code quotes}) {@code "} escaped; other text as UTF-8.
     */
    void escaped(String s, boolean quotes) throws IOException {
      int n = s.length();
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        room(4);
        if (c == '\\') {
          buf[len++] = '\\';
          buf[len++] = '\\';
        } else if (c == '\n') {
          buf[len++] = '\\';
          buf[len++] = 'n';
        } else if (c == '"' && quotes) {
          buf[len++] = '\\';
          buf[len++] = '"';
        } else if (c < 0x80) {
          buf[len++] = (byte) c;
        } else if (c < 0x800) {
          buf[len++] = (byte) (0xc0 | (c >> 6));
          buf[len++] = (byte) (0x80 | (c & 0x3f));
        } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          buf[len++] = (byte) (0xf0 | (cp >> 18));
          buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
          buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
          buf[len++] = (byte) (0x80 | (cp & 0x3f));
        } else if (Character.isSurrogate(c)) {
          buf[len++] = '?'; // what the JDK's UTF-8 encoder writes for a lone surrogate
        } else {
          buf[len++] = (byte) (0xe0 | (c >> 12));
          buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
          buf[len++] = (byte) (0x80 | (c & 0x3f));
        }
      }
    }
  }
}
