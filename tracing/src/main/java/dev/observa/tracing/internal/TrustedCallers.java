package dev.observa.tracing.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The networks whose callers' {@code sampled} flags are trusted, as CIDR blocks ({@code 10.0.0.0/8},
 * {@code fd00::/8}) or single addresses. Only IP literals are accepted, in the list and as the address
 * tested, so no name is ever resolved (no DNS lookup on a request thread); an IPv4-mapped IPv6 address
 * ({@code ::ffff:10.1.2.3}) matches its IPv4 network. Immutable and thread-safe.
 */
public final class TrustedCallers {
  private static final TrustedCallers NONE = new TrustedCallers(List.of(), new int[0]);
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final List<byte[]> networks;
  private final int[] prefixes;

  private TrustedCallers(List<byte[]> networks, int[] prefixes) {
    this.networks = networks;
    this.prefixes = prefixes;
  }

  /** @return no caller is trusted */
  public static TrustedCallers none() {
    return NONE;
  }

  /**
   * @param list comma-separated CIDR blocks or addresses; null or blank for none
   * @return the networks
   * @throws IllegalArgumentException naming the first entry that is not an IP literal with a valid prefix
   */
  public static TrustedCallers parse(String list) {
    if (list == null || list.isBlank()) {
      return NONE;
    }
    List<byte[]> networks = new ArrayList<>();
    List<Integer> prefixes = new ArrayList<>();
    for (String raw : list.split(",", -1)) {
      String entry = raw.trim();
      int slash = entry.indexOf('/');
      byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash));
      int prefix = network == null ? -1 : slash < 0 ? network.length * 8 : prefix(entry.substring(slash + 1));
      if (network == null || prefix < 0 || prefix > network.length * 8) {
        throw new IllegalArgumentException("Trusted caller '" + entry + "' is invalid: use an IP address or a CIDR"
            + " block such as 10.0.0.0/8 or fd00::/8 (host names are not resolved)");
      }
      networks.add(network);
      prefixes.add(prefix);
    }
    return new TrustedCallers(List.copyOf(networks), prefixes.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * @param address the IP literal of the connection's peer (never a forwarded header); anything else is untrusted
   * @return whether it lies in one of the networks
   */
  public boolean contains(String address) {
    if (networks.isEmpty() || address == null) {
      return false;
    }
    byte[] bytes = literal(address);
    for (int i = 0; bytes != null && i < networks.size(); i++) {
      if (matches(networks.get(i), prefixes[i], bytes)) {
        return true;
      }
    }
    return false;
  }

  /** @return whether no network is listed */
  public boolean isEmpty() {
    return networks.isEmpty();
  }

  private static boolean matches(byte[] network, int prefix, byte[] address) {
    if (network.length != address.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (network[i] != address[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    int mask = (0xff << (8 - rest)) & 0xff;
    return rest == 0 || (network[full] & mask) == (address[full] & mask);
  }

  /** @return the address bytes of an IP literal, or null; never resolves a name */
  private static byte[] literal(String text) {
    String host = text.trim();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int zone = host.indexOf('%');
    host = zone < 0 ? host : host.substring(0, zone);
    boolean v4 = IPV4.matcher(host).matches();
    if (host.length() > 45 || !(v4 || IPV6.matcher(host).matches())) {
      return null;
    }
    if (v4) {
      for (String octet : host.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return null;   // never handed to InetAddress, which would look it up as a name
        }
      }
    }
    try {
      return InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static int prefix(String text) {
    return text.matches("\\d{1,3}") ? Integer.parseInt(text) : -1;
  }

  @Override
  public String toString() {
    List<String> blocks = new ArrayList<>();
    for (int i = 0; i < networks.size(); i++) {
      try {
        blocks.add(InetAddress.getByAddress(networks.get(i)).getHostAddress() + "/" + prefixes[i]);
      } catch (UnknownHostException e) {
        blocks.add("?");
      }
    }
    return String.join(",", blocks);
  }
}
