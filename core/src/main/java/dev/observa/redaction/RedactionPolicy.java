package dev.observa.redaction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The one redaction policy of an {@code Observa} instance, applied by every sink: JSON and OTLP logs, span
 * attributes and events, exception texts, declared baggage and tenant, exemplar labels.
 *
 * <pre>{@code
 * RedactionPolicy policy = RedactionPolicy.builder()
 *     .keys("cvv", "iban")                    // added to the default secret words
 *     .patterns("order-secret-[0-9]+")         // added to the default text detectors
 *     .build();
 * policy.isSecretKey("X-Api-Key");             // true
 * policy.text("Authorization: Bearer abc.1234"); // "Authorization: Bearer [REDACTED]"
 * policy.url("https://u:p@h/x?token=t&q=1");   // "https://REDACTED:REDACTED@h/x?token=REDACTED&q=1"
 * policy.sql("SELECT * FROM t WHERE k = 'x'");  // "SELECT * FROM t WHERE k = ?"
 * }</pre>
 *
 * <p><b>Keys</b> are matched by their parts ({@code access_token}, {@code clientSecret}, {@code db.password},
 * {@code x-api-key}, {@code Proxy-Authorization}, {@code session_id} all hold a default word; {@code author},
 * {@code tokenizer}, {@code max_tokens}, {@code token_count} do not), see {@link #DEFAULT_KEYS}. <b>Text</b>
 * (messages, exception messages, string values) loses {@code Bearer}/{@code Basic} credentials, JSON Web
 * Tokens, Luhn-valid card numbers, the value after a secret key ({@code password=hunter2}, {@code "token":"…"},
 * {@code api_key: …}, the key judged by the same rule as keys), plus every match of the added patterns. <b>URLs</b> lose user-info and
 * the values of secret query parameters. <b>SQL</b> loses every literal and comment. Nothing is ever evaluated. Immutable and thread-safe; key verdicts
 * are cached (up to 4096 keys), and so are the last short values {@link #value} found clean (256, by identity).
 *
 * @since 0.1.0
 */
public final class RedactionPolicy {
  /** The text written instead of a secret value. */
  public static final String REDACTED = "[REDACTED]";

  /** The secret words of the default policy, matched against the parts of a key. */
  public static final Set<String> DEFAULT_KEYS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
      "password", "passwd", "pwd", "passphrase", "secret", "secrets", "token", "auth", "authorization",
      "oauth", "cookie", "cookies", "session", "sessionid", "sessid", "phpsessid", "credential", "credentials",
      "apikey", "privatekey", "accesskey", "secretkey", "signature", "connectionstring", "jwt", "bearer",
      "otp", "cvv", "cvc", "cardnumber")));

  private static final int MAX_CACHED_KEYS = 4096;
  private static final int MAX_CACHED_KEY_LENGTH = 128;
  private static final int CLEAN_SLOTS = 256;
  private static final int MAX_CLEAN_LENGTH = 64;
  private static final RedactionPolicy DEFAULTS = new RedactionPolicy(DEFAULT_KEYS, List.of());

  private final SecretKeys keys;
  private final SecretText text;
  private final List<Pattern> compiled;
  private final List<String> patterns;
  /** The rule each key's values get, cached: one lookup answers both {@link #isSecretKey} and {@link #value}. */
  private final KeyCache<Rule> verdicts = new KeyCache<>(this::judge, MAX_CACHED_KEYS, MAX_CACHED_KEY_LENGTH);

  /** What {@link #value} does with a key's values. */
  private enum Rule { SECRET, URL, SQL, QUERY, TEXT }

  /**
   * Short values the text rule left unchanged, by identity, one per slot of {@link #cleanSlot}: a span attribute's
   * value is most often a constant ({@code GET}, a route template, {@code postgresql}), and a constant once found
   * clean is clean for good (strings are immutable, the policy too). Racy by design: a reader sees a slot's old or
   * new string, and either only decides whether the scan is skipped. Holds at most 256 strings of up to 64 chars.
   */
  private final String[] cleanValues = new String[CLEAN_SLOTS];

  private RedactionPolicy(Set<String> words, List<Pattern> patterns) {
    this.keys = new SecretKeys(words);
    this.text = new SecretText(patterns, words, this::isSecretKey);
    this.compiled = List.copyOf(patterns);
    this.patterns = patterns.stream().map(Pattern::pattern).toList();
  }

  /** @return the default policy */
  public static RedactionPolicy defaults() {
    return DEFAULTS;
  }

  /** @return a builder starting from the default words and detectors */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param key a field, MDC, attribute, baggage or query-parameter key; may be null
   * @return whether its value must never leave the process
   */
  public boolean isSecretKey(String key) {
    return rule(key) == Rule.SECRET;
  }

  private Rule rule(String key) {
    if (key == null || key.isEmpty()) {
      return Rule.TEXT;
    }
    return verdicts.get(key);
  }

  private Rule judge(String key) {
    return keys.matches(key) ? Rule.SECRET
        : "url.full".equals(key) || "http.url".equals(key) ? Rule.URL
        : "db.query.text".equals(key) || "db.statement".equals(key) ? Rule.SQL
        : "url.query".equals(key) ? Rule.QUERY : Rule.TEXT;
  }

  /**
   * @param text a message, an exception message or a string value; may be null
   * @return the text with every secret found replaced by {@value #REDACTED}; the same instance when none was
   */
  public String text(String text) {
    return text == null || text.isEmpty() ? text : this.text.redact(text, REDACTED);
  }

  /**
   * {@link #text(String)} for a sink that reads every char of the text anyway (an encoder escaping it): the sink
   * ORs {@link #textKind} over the chars as it reads them and hands the result here, and the rule skips its own
   * read of the text, running only the searches those chars call for. The answer is the one {@link #text(String)}
   * gives.
   *
   * <pre>{@code
   * int kinds = 0;
   * for (int i = 0; i < text.length(); i++) {
   *   char c = text.charAt(i);
   *   kinds |= RedactionPolicy.textKind(c);
   *   out[i] = (byte) c; // the sink's own work on the char
   * }
   * String safe = policy.text(text, kinds); // text itself when no secret was found
   * }</pre>
   *
   * @param text a message, an exception message or a string value; may be null
   * @param kinds the OR of {@link #textKind} over <em>every</em> char of {@code text}: a char left out may let a
   *     secret through
   * @return the text with every secret found replaced by {@value #REDACTED}; the same instance when none was
   * @since 0.1.0
   */
  public String text(String text, int kinds) {
    return text == null || text.isEmpty() ? text : this.text.redact(text, kinds, REDACTED);
  }

  /**
   * @param c a char of a text
   * @return what it tells {@link #text(String, int)}; 0 for most chars
   * @since 0.1.0
   */
  public static int textKind(char c) {
    return SecretText.kindOf(c);
  }

  /**
   * @param url an absolute or relative URL; may be null
   * @return it without user-info and secret query values ({@code REDACTED}, as the semantic conventions ask)
   */
  public String url(String url) {
    return url == null ? null : text(UrlRedaction.url(url, this::isSecretKey));
  }

  /**
   * @param query a query string without {@code ?}, e.g. {@code q=1&token=abc}; may be null
   * @return it with secret values replaced by {@code REDACTED}
   */
  public String query(String query) {
    return query == null ? null : text(UrlRedaction.parameters(query, this::isSecretKey));
  }

  /**
   * @param sql query text, e.g. a JDBC statement; may be null
   * @return it with every literal replaced by {@code ?} and comments dropped, as the semantic conventions ask
   *     for {@code db.query.text}, then through {@link #text}
   * @since 0.1.0
   */
  public String sql(String sql) {
    return sql == null ? null : text(SqlRedaction.sql(sql));
  }

  /**
   * The value a sink may write for a key: {@value #REDACTED} for a secret key, {@link #url} for
   * {@code url.full}, {@code url.query} and {@code http.url}, {@link #sql} for {@code db.query.text} and
   * {@code db.statement}, otherwise {@link #text}.
   *
   * @param key the key; may be null
   * @param value the value; may be null
   * @return what may be written
   */
  public String value(String key, String value) {
    if (value == null) {
      return null;
    }
    return switch (rule(key)) {
      case SECRET -> REDACTED;
      case URL -> url(value);
      case SQL -> sql(value);
      case QUERY -> query(value);
      case TEXT -> cleanText(value);
    };
  }

  /** {@link #text}, skipped for a short value this same instance already passed unchanged (see cleanValues). */
  private String cleanText(String value) {
    int length = value.length();
    if (length == 0 || length > MAX_CLEAN_LENGTH) {
      return text(value);
    }
    int slot = cleanSlot(value, length);
    if (cleanValues[slot] == value) {
      return value;
    }
    String out = text(value);
    if (out == value) {
      cleanValues[slot] = value;
    }
    return out;
  }

  /**
   * The slot of a value in {@link #cleanValues}: from its length and its first, middle and last chars, not
   * {@link String#hashCode}. A request's values (a path, a host name) are new strings each time, whose hash
   * would be computed over every char only to miss; the constants the table is for differ in these four reads.
   */
  private static int cleanSlot(String value, int length) {
    int mixed = length * 0x9E3779B1 + value.charAt(0) * 31 + value.charAt(length >>> 1) * 7 + value.charAt(length - 1);
    return (mixed ^ (mixed >>> 8)) & (CLEAN_SLOTS - 1);
  }

  /** @return a builder holding this policy's words and patterns, to extend it */
  public Builder toBuilder() {
    Builder builder = new Builder().noDefaultKeys();
    builder.words.addAll(keys.words());
    builder.patterns.addAll(compiled);
    return builder;
  }

  /** @return the secret words, defaults included unless left out */
  public Set<String> keys() {
    return keys.words();
  }

  /** @return the added patterns' expressions */
  public List<String> patterns() {
    return patterns;
  }

  @Override
  public String toString() {
    return "RedactionPolicy{keys=" + keys.words() + ", patterns=" + patterns + "}";
  }

  /** Builds a {@link RedactionPolicy}; every setter validates. Not thread-safe. */
  public static final class Builder {
    private final Set<String> words = new LinkedHashSet<>(DEFAULT_KEYS);
    private final List<Pattern> patterns = new ArrayList<>();

    private Builder() {}

    /** @return this, without the default words (the text and URL detectors stay) */
    public Builder noDefaultKeys() {
      words.removeAll(DEFAULT_KEYS);
      return this;
    }

    /**
     * @param keys secret words or keys to add, e.g. {@code cvv} or {@code order.note} (matched by parts, any case)
     * @return this
     * @throws IllegalArgumentException for a null key or one without a letter or digit
     */
    public Builder keys(String... keys) {
      for (String key : keys) {
        List<String> parts = key == null ? List.of() : SecretKeys.parts(key);
        if (parts.isEmpty()) {
          throw new IllegalArgumentException("Redaction key '" + key + "' is invalid: it must hold a letter or digit");
        }
        words.add(String.join("", parts));
      }
      return this;
    }

    /**
     * @param regexes regular expressions whose matches in text are replaced by {@value #REDACTED}
     * @return this
     * @throws IllegalArgumentException for an expression that does not compile or matches the empty string
     */
    public Builder patterns(String... regexes) {
      for (String regex : regexes) {
        Pattern pattern;
        try {
          pattern = Pattern.compile(regex == null ? "" : regex);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("Redaction pattern '" + regex + "' is invalid: " + e.getDescription(), e);
        }
        if (pattern.matcher("").matches()) {
          throw new IllegalArgumentException("Redaction pattern '" + regex + "' is invalid: it matches empty text");
        }
        patterns.add(pattern);
      }
      return this;
    }

    /** @return the policy */
    public RedactionPolicy build() {
      return words.equals(DEFAULT_KEYS) && patterns.isEmpty() ? DEFAULTS : new RedactionPolicy(words, patterns);
    }
  }
}
