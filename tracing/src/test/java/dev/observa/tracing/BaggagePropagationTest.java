package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.DeclaredKey;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BaggagePropagationTest {
  private final Observa obs = Observa.builder().noDiscovery()
      .declare(DeclaredKey.builder("greeting").routes(Route.PROPAGATE).build())
      .tracing(OtelTracing.builder().build())
      .build();

  @AfterEach
  void close() {
    obs.close();
  }

  private ObservaContext extract(String... baggage) {
    return obs.extract(Map.of("baggage", List.of(baggage)), Carriers.multiMap());
  }

  @Test
  void valuesArePercentEncodedOnInjectAndDecodedOnExtractWithMetadataKept() {
    Map<String, String> out = new HashMap<>();
    try (Scope scope = obs.context().withBaggage("greeting", "Bonjour, à tous;=", "ttl=60").makeCurrent()) {
      obs.inject(out, Carriers.mapSetter());
    }
    assertThat(out.get("baggage")).doesNotContain(" ").doesNotContain("à").startsWith("greeting=").endsWith(";ttl=60");
    ObservaContext back = obs.extract(out, Carriers.mapGetter());
    assertThat(back.baggageValue("greeting")).isEqualTo("Bonjour, à tous;=");
    assertThat(back.baggageMetadata("greeting")).isEqualTo("ttl=60");
  }

  @Test
  void repeatedBaggageHeadersAreAllRead() {
    ObservaContext context = extract("a=1", "b=2");
    assertThat(context.baggage()).containsEntry("a", "1").containsEntry("b", "2");
  }

  @Test
  void beyondSixtyFourMembersWholeMembersAreDropped() {
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      header.append(i == 0 ? "" : ",").append("k").append(i).append("=v");
    }
    ObservaContext context = extract(header.toString());
    assertThat(context.baggage()).hasSize(64).containsKey("k0").containsKey("k63").doesNotContainKey("k64");
  }

  @Test
  void beyondEightKilobytesWholeMembersAreDropped() {
    String big = "v".repeat(3000);
    ObservaContext context = extract("a=" + big + ",b=" + big + ",c=" + big);
    assertThat(context.baggage()).containsOnlyKeys("a", "b");
  }

  @Test
  void aHugeHeaderIsIgnoredWithoutException() {
    assertThat(extract("k=" + "v".repeat(1 << 20)).baggage()).isEmpty();
  }

  @Test
  void membersWithBrokenPercentEncodingAreDroppedAndTheRestKept() {
    ObservaContext context = extract("bad=%zz,ok=1,cut=%4");
    assertThat(context.baggage()).containsOnlyKeys("ok");
  }

  @Test
  void injectKeepsWithinTheLimits() {
    ObservaContext context = ObservaContext.current();
    Observa all = Observa.builder().noDiscovery()
        .declare(java.util.stream.IntStream.range(0, 80)
            .mapToObj(i -> DeclaredKey.builder("k" + i).routes(Route.PROPAGATE).build()).toArray(DeclaredKey[]::new))
        .tracing(OtelTracing.builder().build()).build();
    try {
      for (int i = 0; i < 80; i++) {
        context = context.withBaggage("k" + i, "v");
      }
      Map<String, String> out = new HashMap<>();
      try (Scope scope = context.makeCurrent()) {
        all.inject(out, Carriers.mapSetter());
      }
      assertThat(out.get("baggage").split(",")).hasSize(64);
    } finally {
      all.close();
    }
  }
}
