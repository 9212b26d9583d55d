package dev.observa.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpanNamesTest {
  @Test
  void namesAreMethodAndRouteAndKeptPerMethodOfARoute() {
    SpanNames names = new SpanNames();
    String get = names.of("GET", "/orders/{id}");
    String put = names.of("PUT", "/orders/{id}");
    assertThat(get).isEqualTo("GET /orders/{id}");
    assertThat(put).isEqualTo("PUT /orders/{id}");
    assertThat(names.of("GET", "/orders/{id}")).isSameAs(get);
    assertThat(names.of("PUT", "/orders/{id}")).isSameAs(put);
    assertThat(names.routes()).isEqualTo(1);
  }

  @Test
  void routesBeyondTheBudgetAreNamedButNotKept() {
    SpanNames names = new SpanNames();
    for (int i = 0; i < SpanNames.MAX_ROUTES + 100; i++) {
      assertThat(names.of("GET", "/r" + i)).isEqualTo("GET /r" + i);
    }
    assertThat(names.routes()).isEqualTo(SpanNames.MAX_ROUTES);
    assertThat(names.of("GET", "/r" + (SpanNames.MAX_ROUTES + 5))).isEqualTo("GET /r" + (SpanNames.MAX_ROUTES + 5));
  }
}
