package dev.observa.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.meter.Counter;
import dev.observa.meter.CounterFamily;
import dev.observa.meter.MeterType;
import dev.observa.testing.RecordingMetricsBackend;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The SPI's portable counter family, which a backend gets unless it has a faster one of its own. */
class DescriptorCounterFamilyTest {
  private final RecordingMetricsBackend backend = new RecordingMetricsBackend();

  private static MeterDescriptor descriptor(int maxSeries) {
    return new MeterDescriptor(MeterType.COUNTER, "http.requests", "", null, new TreeMap<>(Map.of("service", "a")),
        List.of(), List.of(), null, 0, maxSeries, null);
  }

  @Test
  void eachCombinationIsRegisteredOnceWithTheFixedAndThePerCallTags() {
    CounterFamily family = backend.counterFamily(descriptor(10), List.of("method", "status"));
    family.withTagValues("GET", "200").increment();
    family.withTagValues("GET", "200").increment();
    family.withTagValues("POST", "500").increment(3);

    assertThat(backend.registered("http.requests")).hasSize(2);
    assertThat(backend.total("http.requests", Map.of("service", "a", "method", "GET", "status", "200"))).isEqualTo(2);
    assertThat(backend.total("http.requests", Map.of("service", "a", "method", "POST", "status", "500"))).isEqualTo(3);
  }

  @Test
  void aNullValueIsRecordedAsTheEmptyString() {
    CounterFamily family = backend.counterFamily(descriptor(10), List.of("method"));
    family.withTagValues((String) null).increment();
    assertThat(backend.total("http.requests", Map.of("service", "a", "method", ""))).isEqualTo(1);
  }

  @Test
  void theWrongNumberOfValuesRecordsNothingAndDoesNotThrow() {
    CounterFamily family = backend.counterFamily(descriptor(10), List.of("method", "status"));
    Counter wrong = family.withTagValues("GET");
    wrong.increment();
    family.withTagValues((String[]) null).increment();
    assertThat(backend.registrations).isEmpty();
  }

  @Test
  void combinationsBeyondTheBudgetAreResolvedAgainInsteadOfCached() {
    CounterFamily family = backend.counterFamily(descriptor(1), List.of("method"));
    family.withTagValues("GET").increment();
    family.withTagValues("GET").increment();
    family.withTagValues("PUT").increment();
    family.withTagValues("PUT").increment();
    assertThat(backend.registered("http.requests")).as("GET cached, PUT asked for each time").hasSize(3);
    assertThat(backend.total("http.requests", Map.of("service", "a", "method", "PUT"))).isEqualTo(2);
  }
}
