package dev.observa.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** CIDR matching of the connection's peer address: IP literals only, nothing is ever resolved. */
class TrustedCallersTest {
  @Test
  void blocksMatchByPrefixInBothFamilies() {
    TrustedCallers callers = TrustedCallers.parse("10.0.0.0/8, 192.168.4.0/22, fd00::/8, 2001:db8::7");
    assertThat(callers.contains("10.255.0.1")).isTrue();
    assertThat(callers.contains("192.168.7.255")).isTrue();
    assertThat(callers.contains("192.168.8.0")).isFalse();
    assertThat(callers.contains("fdab::1")).isTrue();
    assertThat(callers.contains("[fd00::1]")).as("bracketed").isTrue();
    assertThat(callers.contains("fd00::1%eth0")).as("with a zone").isTrue();
    assertThat(callers.contains("2001:db8::7")).isTrue();
    assertThat(callers.contains("2001:db8::8")).isFalse();
    assertThat(callers.contains("::ffff:10.1.1.1")).as("IPv4-mapped").isTrue();
  }

  @Test
  void prefixZeroTrustsEveryAddressOfItsFamilyOnly() {
    TrustedCallers all4 = TrustedCallers.parse("0.0.0.0/0");
    assertThat(all4.contains("203.0.113.1")).isTrue();
    assertThat(all4.contains("2001:db8::1")).isFalse();
  }

  @Test
  void namesAndMalformedAddressesAreNeverTrustedAndNeverResolved() {
    TrustedCallers callers = TrustedCallers.parse("0.0.0.0/0,::/0");
    for (String peer : new String[] {"localhost", "example.com", "999.1.1.1", "1.2.3", "1.2.3.4.5", "", null,
        "10.0.0.1, 10.0.0.2", "::g"}) {
      assertThat(callers.contains(peer)).as("peer %s", peer).isFalse();
    }
    assertThat(TrustedCallers.none().contains("127.0.0.1")).isFalse();
    assertThat(TrustedCallers.parse(" ").isEmpty()).isTrue();
  }

  @Test
  void invalidEntriesAreRejectedNamingThem() {
    for (String bad : new String[] {"localhost", "10.0.0.0/33", "fd00::/129", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/8,,"}) {
      assertThatIllegalArgumentException().isThrownBy(() -> TrustedCallers.parse(bad)).withMessageContaining("Trusted caller");
    }
  }
}
