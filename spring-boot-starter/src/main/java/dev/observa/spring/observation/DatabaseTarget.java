package dev.observa.spring.observation;

import java.util.Locale;
import java.util.Map;

/**
 * The database a JDBC URL names, as OpenTelemetry's database semantic conventions describe it: {@code
 * db.system.name} (the conventions' well-known value for the driver's subprotocol, else {@code other_sql}),
 * {@code server.address}, {@code server.port} (0 when the URL names none) and {@code db.namespace} (the
 * database name). Nothing else of the URL is kept: its user, password and parameters never leave here.
 */
record DatabaseTarget(String system, String address, int port, String namespace) {
  private static final int MAX_PART = 128;
  private static final Map<String, String> SYSTEMS = Map.ofEntries(Map.entry("postgresql", "postgresql"),
      Map.entry("pgsql", "postgresql"), Map.entry("mysql", "mysql"), Map.entry("mariadb", "mariadb"),
      Map.entry("sqlserver", "microsoft.sql_server"), Map.entry("oracle", "oracle.db"), Map.entry("h2", "h2database"),
      Map.entry("hsqldb", "hsqldb"), Map.entry("derby", "derby"), Map.entry("sqlite", "sqlite"),
      Map.entry("db2", "ibm.db2"), Map.entry("clickhouse", "clickhouse"), Map.entry("trino", "trino"));

  /**
   * @param url a JDBC URL ({@code jdbc:postgresql://host:5432/orders?user=…}); may be null
   * @return what it names; {@code other_sql} and nothing else for an unknown or missing URL
   */
  static DatabaseTarget parse(String url) {
    if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
      return new DatabaseTarget("other_sql", null, 0, null);
    }
    int colon = url.indexOf(':', 5);
    String protocol = url.substring(5, colon < 0 ? url.length() : colon).toLowerCase(Locale.ROOT);
    String system = SYSTEMS.getOrDefault(protocol, "other_sql");
    int slashes = url.indexOf("//", 5);
    if (slashes < 0) {
      return new DatabaseTarget(system, null, 0, null);
    }
    int start = slashes + 2;
    int end = start;
    while (end < url.length() && "/?;,".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    String authority = url.substring(start, end);
    int at = authority.lastIndexOf('@');
    authority = authority.substring(at + 1); // never the user-info
    String address = authority;
    int port = 0;
    int portColon = authority.lastIndexOf(':');
    if (portColon > 0 && authority.indexOf(']') < portColon) {
      address = authority.substring(0, portColon);
      try {
        port = Integer.parseInt(authority.substring(portColon + 1));
      } catch (NumberFormatException e) {
        port = 0;
      }
    }
    String namespace = null;
    if (end < url.length() && url.charAt(end) == '/') {
      int nsEnd = end + 1;
      while (nsEnd < url.length() && "?;&".indexOf(url.charAt(nsEnd)) < 0) {
        nsEnd++;
      }
      namespace = url.substring(end + 1, nsEnd);
    }
    return new DatabaseTarget(system, bounded(address), port > 0 && port < 65536 ? port : 0, bounded(namespace));
  }

  private static String bounded(String part) {
    return part == null || part.isEmpty() || part.length() > MAX_PART ? null : part;
  }
}
