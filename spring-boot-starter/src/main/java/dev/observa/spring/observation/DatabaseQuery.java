package dev.observa.spring.observation;

import java.util.Locale;
import java.util.Set;

/**
 * What OpenTelemetry's database semantic conventions take from a query's text, read from its sanitized form
 * (literals already gone): {@code db.operation.name}, "the first operation name found in the query" when it is
 * a known SQL keyword, and {@code db.collection.name} when the call is "performed on a single collection" (the
 * table after {@code FROM}/{@code INTO}/{@code UPDATE}, unless a join or a second table follows). Both become
 * metric labels, so both are bounded: a keyword from a fixed list, a table name of at most
 * {@value #MAX_NAME} identifier characters. Only the first {@value #MAX_SCAN} characters are read.
 */
record DatabaseQuery(String operation, String collection) {
  static final DatabaseQuery NONE = new DatabaseQuery(null, null);
  private static final int MAX_SCAN = 2048;
  private static final int MAX_NAME = 64;
  private static final Set<String> OPERATIONS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT",
      "REPLACE", "CALL", "EXEC", "EXECUTE", "CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "REVOKE", "BEGIN",
      "COMMIT", "ROLLBACK", "SAVEPOINT", "SET", "SHOW", "EXPLAIN", "VALUES", "WITH", "COPY", "LOCK", "VACUUM",
      "ANALYZE");
  /** Words that may follow a table name where an alias could stand. */
  private static final Set<String> CLAUSES = Set.of("WHERE", "SET", "VALUES", "ORDER", "GROUP", "LIMIT", "RETURNING",
      "ON", "USING", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "DEFAULT", "SELECT", "OFFSET", "FOR",
      "HAVING", "UNION");

  /**
   * @param sanitized query text without literals (see {@code RedactionPolicy.sql}); may be null
   * @return its operation and single collection, each null when not found
   */
  static DatabaseQuery parse(String sanitized) {
    if (sanitized == null) {
      return NONE;
    }
    Tokens tokens = new Tokens(sanitized.length() > MAX_SCAN ? sanitized.substring(0, MAX_SCAN) : sanitized);
    String first = tokens.next();
    if (first == null || !OPERATIONS.contains(first.toUpperCase(Locale.ROOT))) {
      return NONE;
    }
    String operation = first.toUpperCase(Locale.ROOT);
    String marker = switch (operation) {
      case "SELECT", "DELETE" -> "FROM";
      case "INSERT", "MERGE", "UPSERT", "REPLACE" -> "INTO";
      case "UPDATE" -> "";
      default -> null;
    };
    return new DatabaseQuery(operation, marker == null ? null : collection(tokens, marker));
  }

  private static String collection(Tokens tokens, String marker) {
    String token = tokens.next();
    if (!marker.isEmpty()) {
      while (token != null && !token.equalsIgnoreCase(marker)) {
        token = tokens.next();
      }
      token = token == null ? null : tokens.next();
    }
    if (token == null || token.length() > MAX_NAME || !isName(token)) {
      return null;
    }
    String rest = tokens.next();
    if (rest != null && !rest.equals(",") && !rest.equals("(") && !isKeyword(rest)) {
      rest = tokens.next(); // an alias
    }
    if (",".equals(rest)) {
      return null; // FROM a, b
    }
    for (; rest != null; rest = tokens.next()) {
      if (rest.equalsIgnoreCase("JOIN")) {
        return null;
      }
    }
    return token;
  }

  private static boolean isKeyword(String token) {
    return CLAUSES.contains(token.toUpperCase(Locale.ROOT));
  }

  private static boolean isName(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$')) {
        return false;
      }
    }
    return Character.isLetter(token.charAt(0)) || token.charAt(0) == '_';
  }

  /** Identifier-like runs (dots included, for schema.table) and single punctuation characters. */
  private static final class Tokens {
    private final String text;
    private int at;

    Tokens(String text) {
      this.text = text;
    }

    String next() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
      if (at >= text.length()) {
        return null;
      }
      int start = at;
      char c = text.charAt(at);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || "_.$".indexOf(text.charAt(at)) >= 0)) {
          at++;
        }
      } else {
        at++;
      }
      return text.substring(start, at);
    }
  }
}
