package dev.observa.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /test} calls only loopback URLs unless told otherwise. */
class ConformanceEndpointTargetsTest {
  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:7777/abc.0", "http://localhost:7777/x", "http://[::1]:7777/x",
      "https://127.9.9.9/x"})
  void loopbackUrlsAreCalled(String url) {
    assertThat(HelloWorldController.isLoopback(url)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://169.254.169.254/latest/meta-data", "http://example.com/", "file:///etc/passwd",
      "http://user@127.0.0.1/", "http://10.0.0.1/", "gopher://127.0.0.1/", "http://localhost.evil.example/",
      "not a url", "null"})
  void otherUrlsAreRefused(String url) {
    assertThat(HelloWorldController.isLoopback(url)).isFalse();
  }
}
