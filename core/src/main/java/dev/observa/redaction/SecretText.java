package dev.observa.redaction;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets inside free text: {@code Bearer} and {@code Basic} credentials, JSON Web Tokens and
 * Luhn-valid payment card numbers, the value after a secret key ({@code password=hunter2},
 * {@code "api_key":"…"}, {@code token: abc}, the key judged by the policy's one key rule), what a database error
 * quotes (the statement's literals after Spring's {@code SQL [}, PostgreSQL's row values and literal tokens), plus
 * the patterns a user adds. A scan that allocates
 * nothing rules out most text before any regular expression runs. Immutable; thread-safe.
 */
final class SecretText {
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
  private static final Pattern AUTH = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)([A-Za-z0-9._~+/-]+=*)");
  private static final Pattern CARD = Pattern.compile("(?<![0-9])[2-6](?:[ -]?[0-9]){12,18}(?![0-9])");
  private static final Pattern HAS_NON_LOWER = Pattern.compile("[^a-z]");
  /** PostgreSQL's row values in an error detail: {@code Key (email)=(a@b.example) already exists.} */
  private static final Pattern ROW_KEY = Pattern.compile("(Key \\([^)\\r\\n]{0,512}\\)=\\()[^\\r\\n]*?\\)(?=[\\s.;,\\]]|$)",
      Pattern.MULTILINE);
  /** PostgreSQL's token near a syntax error, when it is a literal: {@code at or near "'secret'"} */
  private static final Pattern NEAR_LITERAL = Pattern.compile("(at or near \")['$0-9.+-][^\"\\r\\n]*\"");
  /**
   * Spring's data-access messages quote their statement after this, then {@code [} or {@code grammar [}:
   * {@code SQL [INSERT …]}, {@code bad SQL grammar [SELECT …]}.
   */
  private static final String SQL_MARK = "SQL ";
  private static final String GRAMMAR = "grammar ";
  /** PostgreSQL's server messages start with this. */
  private static final String SERVER_ERROR_MARK = "ERROR: ";
  /** Digits of the shortest card number. */
  private static final int CARD_DIGITS = 13;
  /** Text shorter than this is read char by char into a summary; longer text is searched for each mark. */
  private static final int SHORT_TEXT = 80;

  /** What the URL rule writes for a secret query value (the semantic conventions' marker). */
  private static final String URL_REDACTED = UrlRedaction.REDACTED;
  /** Longest key looked at before a {@code =} or {@code :}. */
  private static final int MAX_KEY = 64;

  private final Pattern[] patterns;
  /** The policy's secret words, lower case: a key holding none of them (ignoring case and separators) is skipped. */
  private final String[] words;
  /** The policy's verdict on a key (its one key rule, cached). */
  private final Predicate<String> secretKey;
  /** See {@link #openings(String[])}. */
  private final long[] openings;

  SecretText(List<Pattern> patterns, Iterable<String> words, Predicate<String> secretKey) {
    this.patterns = patterns.toArray(Pattern[]::new);
    List<String> lower = new java.util.ArrayList<>();
    for (String word : words) {
      lower.add(word.toLowerCase(Locale.ROOT));
    }
    this.words = lower.toArray(String[]::new);
    this.secretKey = secretKey;
    this.openings = openings(this.words);
  }

  /**
   * The pairs of alphanumeric chars the words open with, as bits indexed {@code first * 36 + second} over
   * {@code 0-9a-z}; null when a word is shorter than two chars or holds another char (then every key is checked).
   */
  private static long[] openings(String[] words) {
    long[] bits = new long[(36 * 36 + 63) / 64];
    for (String word : words) {
      int first = word.isEmpty() ? -1 : alnum(word.charAt(0));
      int second = word.length() < 2 ? -1 : alnum(word.charAt(1));
      if (first < 0 || second < 0) {
        return null;
      }
      int bit = first * 36 + second;
      bits[bit >>> 6] |= 1L << bit;
    }
    return bits;
  }

  /** @return {@code c} as 0-35 over {@code 0-9a-z} (any case), or -1 */
  private static int alnum(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : c >= 'A' && c <= 'Z' ? c - 'A' + 10
        : -1;
  }

  /**
   * @return whether two adjacent alphanumeric chars of {@code text[start, end)} (separators skipped) open one of
   *     the words: a cheap test that rules out most keys ({@code https}, {@code user}) before {@link #holdsWord}
   */
  private boolean mayHoldWord(String text, int start, int end) {
    if (openings == null) {
      return true;
    }
    int previous = -1;
    for (int i = start; i < end; i++) {
      int current = alnum(text.charAt(i));
      if (current < 0) {
        continue;
      }
      if (previous >= 0) {
        int bit = previous * 36 + current;
        if ((openings[bit >>> 6] & 1L << bit) != 0) {
          return true;
        }
      }
      previous = current;
    }
    return false;
  }

  String redact(String text, String replacement) {
    return redactMarked(text, marks(text), replacement);
  }

  /**
   * {@link #redact(String, String)} for a text whose chars the caller has read: no pass of its own over them.
   *
   * @param kinds the OR of {@link #kindOf} over every char of {@code text}
   */
  String redact(String text, int kinds, String replacement) {
    return redactMarked(text, marksOf(text, kinds), replacement);
  }

  private String redactMarked(String text, int marks, String replacement) {
    String out = text;
    if ((marks & DEFAULT_SECRET) != 0) {
      out = JWT.matcher(out).replaceAll(replacement);
      out = AUTH.matcher(out).replaceAll(m -> credential(m) ? m.group(1) + m.group(2) + replacement
          : Matcher.quoteReplacement(m.group()));
      out = CARD.matcher(out).replaceAll(m -> luhn(m.group()) ? replacement : m.group());
    }
    if ((marks & DATABASE_ERROR) != 0) {
      out = databaseError(out, replacement);
    }
    if ((marks & EQUALS) != 0) {
      out = keyedValues(out, '=', replacement);
    }
    if ((marks & COLON) != 0) {
      out = keyedValues(out, ':', replacement);
    }
    for (Pattern pattern : patterns) {
      out = pattern.matcher(out).replaceAll(Matcher.quoteReplacement(replacement));
    }
    return out.equals(text) ? text : out;
  }

  /**
   * Replaces the value after every secret key followed by {@code separator}: {@code password=hunter2},
   * {@code "password":"hunter2"}, {@code token: abc}. The key is the run of letters, digits, {@code _}, {@code -}
   * and {@code .} before the separator (a closing quote and spaces between are allowed); the value is what follows
   * (after spaces and an opening quote) up to a space, quote, {@code &}, {@code ,}, {@code ;} or a closing bracket.
   * Allocation-free until two adjacent letters or digits of a key open one of the policy's words; then a key that
   * holds one, ignoring case and separators, goes to the policy's key rule ({@code token_count=3} stays). A value that another rule already replaced is left alone.
   */
  private String keyedValues(String text, char separator, String replacement) {
    int at = text.indexOf(separator);
    if (at < 0) {
      return text;
    }
    StringBuilder out = null;
    int copied = 0;
    for (; at >= 0; at = text.indexOf(separator, at + 1)) {
      if (separator == ':' && schemeSeparator(text, at)) {
        continue; // a URL's scheme, not a key
      }
      int keyEnd = at;
      while (keyEnd > 0 && text.charAt(keyEnd - 1) == ' ') {
        keyEnd--;
      }
      if (keyEnd > 0 && (text.charAt(keyEnd - 1) == '"' || text.charAt(keyEnd - 1) == '\'')) {
        keyEnd--;
      }
      int keyStart = keyEnd;
      while (keyStart > 0 && keyEnd - keyStart < MAX_KEY && keyChar(text.charAt(keyStart - 1))) {
        keyStart--;
      }
      if (keyStart == keyEnd || keyStart > 0 && keyChar(text.charAt(keyStart - 1))
          || !mayHoldWord(text, keyStart, keyEnd) || !holdsWord(text, keyStart, keyEnd)
          || !secretKey.test(text.substring(keyStart, keyEnd))) {
        continue;
      }
      int valueStart = at + 1;
      while (valueStart < text.length() && text.charAt(valueStart) == ' ') {
        valueStart++;
      }
      char quote = valueStart < text.length() ? text.charAt(valueStart) : 0;
      if (quote == '"' || quote == '\'') {
        valueStart++;
      } else {
        quote = 0;
      }
      int valueEnd = valueStart;
      while (valueEnd < text.length() && !valueEnds(text.charAt(valueEnd), quote)) {
        valueEnd++;
      }
      if (valueEnd == valueStart || text.startsWith(replacement, valueStart)
          || urlRedacted(text, valueStart)
          || schemeOnly(text, valueStart, valueEnd)) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, valueStart).append(replacement);
      copied = valueEnd;
      at = valueEnd - 1;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  private static boolean keyChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.';
  }

  private static boolean valueEnds(char c, char quote) {
    return quote != 0 ? c == quote || c == '\n' || c == '\r'
        : c <= ' ' || c == '"' || c == '\'' || c == '&' || c == ',' || c == ';' || c == ')' || c == ']' || c == '}'
            || c == '<' || c == '>';
  }

  /** @return whether the URL rule's marker stands at {@code start} (a URL's fragment may follow it) */
  private static boolean urlRedacted(String text, int start) {
    int end = start + URL_REDACTED.length();
    return text.startsWith(URL_REDACTED, start) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
  }

  /** {@code Authorization: Bearer …}: the scheme stays, the bearer rule has replaced the credential after it. */
  private static boolean schemeOnly(String text, int start, int end) {
    int length = end - start;
    return (length == 6 && text.regionMatches(true, start, "bearer", 0, 6)
        || length == 5 && text.regionMatches(true, start, "basic", 0, 5))
        && text.startsWith(" ", end);
  }

  /**
   * @return whether {@code text[start, end)}, a key of {@link #keyChar}s, holds one of the words, ignoring case and
   *     the separators {@code _ - .}: the key's letters and digits are lower-cased once, then each word is looked
   *     for where its first char stands
   */
  private boolean holdsWord(String text, int start, int end) {
    char[] key = new char[end - start]; // at most MAX_KEY
    int n = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        key[n++] = (char) (c + ('a' - 'A'));
      } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        key[n++] = c;
      }
    }
    for (String word : words) {
      char first = word.charAt(0); // a word holds a letter or digit (RedactionPolicy.Builder.keys)
      for (int i = 0, last = n - word.length(); i <= last; i++) {
        if (key[i] == first && matchesAt(key, i, word)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matchesAt(char[] key, int at, String word) {
    for (int w = 1; w < word.length(); w++) {
      if (key[at + w] != word.charAt(w)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A database error quotes what the application sent and what the table holds: Spring's data-access exceptions
   * carry the statement ({@code SQL [INSERT … VALUES ('secret')]}), PostgreSQL's messages the row values of a
   * violated key ({@code Key (email)=(…)}) and the literal near a syntax error. The rest of a line after
   * {@code SQL [} or {@code SQL grammar [} goes through {@link SqlRedaction} (literals become {@code ?}; an
   * unterminated one hides the rest of the line); row values and literal tokens become {@code replacement}.
   */
  private static String databaseError(String text, String replacement) {
    String out = text;
    int mark = out.indexOf(SQL_MARK);
    while (mark >= 0) {
      int from = mark + SQL_MARK.length();
      if (out.startsWith(GRAMMAR, from)) {
        from += GRAMMAR.length();
      }
      if (!out.startsWith("[", from)) {
        mark = out.indexOf(SQL_MARK, from);
        continue;
      }
      int end = from;
      while (end < out.length() && out.charAt(end) != '\n' && out.charAt(end) != '\r') {
        end++;
      }
      String line = out.substring(from, end);
      String sanitized = SqlRedaction.sql(line);
      if (!sanitized.equals(line)) {
        out = out.substring(0, from) + sanitized + out.substring(end);
        end = from + sanitized.length();
      }
      mark = out.indexOf(SQL_MARK, end);
    }
    String quoted = Matcher.quoteReplacement(replacement);
    out = ROW_KEY.matcher(out).replaceAll("$1" + quoted + ")");
    return NEAR_LITERAL.matcher(out).replaceAll("$1" + quoted + "\"");
  }

  /** {@link #marks}: a default detector may match (a JWT, a Bearer/Basic credential or a card-length digit run). */
  static final int DEFAULT_SECRET = 1;
  /** {@link #marks}: the text holds {@code SQL } or {@code ERROR: } (a database error may quote values). */
  static final int DATABASE_ERROR = 2;
  /** {@link #marks}: the text holds {@code =} (a key may precede it). */
  static final int EQUALS = 4;
  /** {@link #marks}: the text holds a {@code :} that is not a URL's {@code ://} (a key may precede it). */
  static final int COLON = 8;

  /**
   * Which rules may apply to the text, as {@link #DEFAULT_SECRET}, {@link #DATABASE_ERROR}, {@link #EQUALS} and
   * {@link #COLON} bits; allocation-free. Short text (most log values) is read once, without a branch per char,
   * into a summary of the chars that matter (see {@link #summary}); in long text each mark is found by the
   * JDK's (vectorized) {@code indexOf}, and for digit runs only every 13th char is probed, since a run spans at
   * least 13 chars.
   */
  static int marks(String text) {
    return marksOf(text, text.length() < SHORT_TEXT ? summary(text) : EVERY_KIND);
  }

  /**
   * The one list of the marks' searches, each run only when {@code seen} says the text may hold its chars.
   *
   * @param seen the {@code S_} kinds of chars the text may hold: its {@link #summary}, or {@link #EVERY_KIND} for
   *     long text (then every search runs)
   */
  private static int marksOf(String text, int seen) {
    if (seen == 0) {
      return 0;
    }
    boolean secret = (seen & S_J) != 0 && text.indexOf("eyJ") >= 0
        || (seen & S_B) != 0 && (holdsAuthScheme(text, 'b') || holdsAuthScheme(text, 'B'))
        || (seen & S_DIGIT) != 0 && holdsDigitRun(text);
    boolean databaseError = (seen & S_S) != 0 && text.indexOf(SQL_MARK) >= 0
        || (seen & S_E) != 0 && text.indexOf(SERVER_ERROR_MARK) >= 0;
    return (secret ? DEFAULT_SECRET : 0) | (databaseError ? DATABASE_ERROR : 0)
        | ((seen & S_EQUALS) != 0 && text.indexOf('=') >= 0 ? EQUALS : 0)
        | ((seen & S_COLON) != 0 && holdsKeyColon(text) ? COLON : 0);
  }

  /** What an ASCII char adds to the {@link #summary}: 0 for most chars. */
  private static final byte[] SUMMARY = new byte[128];
  private static final int S_DIGIT = 1;
  private static final int S_EQUALS = 2;
  private static final int S_COLON = 4;
  private static final int S_J = 8; // may end eyJ
  private static final int S_B = 16; // may open bearer or basic, in any case
  private static final int S_S = 32; // may open SQL
  private static final int S_E = 64; // may open ERROR:
  /** Every kind: long text is searched for every mark. */
  private static final int EVERY_KIND = 127;

  static {
    for (char c = '0'; c <= '9'; c++) {
      SUMMARY[c] = S_DIGIT;
    }
    SUMMARY['='] = S_EQUALS;
    SUMMARY[':'] = S_COLON;
    SUMMARY['J'] = S_J;
    SUMMARY['b'] = S_B;
    SUMMARY['B'] = S_B;
    SUMMARY['S'] = S_S;
    SUMMARY['E'] = S_E;
  }

  /**
   * @return the {@code S_} kinds of the text's chars, from one pass that ORs what each char means with no branch
   *     taken per char ({@link #holdsDigitRun} then answers for text under 13 chars at once)
   */
  private static int summary(String text) {
    int seen = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      seen |= kindOf(text.charAt(i));
    }
    return seen;
  }

  /**
   * @return the {@code S_} kinds {@code c} adds to a {@link #summary}: 0 for most chars (a sink that reads every
   *     char anyway ORs this over them for {@link #redact(String, int, String)})
   */
  static int kindOf(char c) {
    return c < 128 ? SUMMARY[c] : 0;
  }

  /**
   * @return whether a {@code :} other than a URL's scheme separator ({@code ://}, RFC 3986: scheme ":" "//"
   *     authority) stands in the text: only such a colon may follow a key ({@link #keyedValues} skips the others)
   */
  private static boolean holdsKeyColon(String text) {
    for (int at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) {
      if (!schemeSeparator(text, at)) {
        return true;
      }
    }
    return false;
  }

  private static boolean schemeSeparator(String text, int colon) {
    return text.startsWith("//", colon + 1);
  }

  /**
   * @return whether a default detector may match: {@link #marks} holds {@link #DEFAULT_SECRET} (the view the
   *     prefilter tests check)
   */
  static boolean mayHoldDefaultSecret(String text) {
    return (marks(text) & DEFAULT_SECRET) != 0;
  }

  private static boolean holdsAuthScheme(String text, char first) {
    for (int i = text.indexOf(first); i >= 0; i = text.indexOf(first, i + 1)) {
      if (authSchemeAt(text, i)) {
        return true;
      }
    }
    return false;
  }

  /** @return whether {@code bearer} or {@code basic} starts at {@code i}, in any case */
  private static boolean authSchemeAt(String text, int i) {
    int second = i + 1 < text.length() ? text.charAt(i + 1) | 0x20 : 0;
    return (second == 'e' || second == 'a') // only e, E, a and A equal e or a ignoring case
        && (text.regionMatches(true, i, "bearer", 0, 6) || text.regionMatches(true, i, "basic", 0, 5));
  }

  /**
   * A probe on a char that is neither digit, space nor dash rules out every run that would cover it, so the next
   * probe is 13 chars on. A probe that hits one counts the whole stretch of such chars around it exactly.
   */
  private static boolean holdsDigitRun(String text) {
    int n = text.length();
    int probe = CARD_DIGITS - 1;
    while (probe < n) {
      if (!digitOrSeparator(text.charAt(probe))) {
        probe += CARD_DIGITS;
        continue;
      }
      int i = probe;
      while (i > 0 && digitOrSeparator(text.charAt(i - 1))) {
        i--;
      }
      int digits = 0;
      boolean separator = false;
      for (; i < n; i++) {
        char c = text.charAt(i);
        if (c >= '0' && c <= '9') {
          if (++digits >= CARD_DIGITS) {
            return true;
          }
          separator = false;
        } else if (c == ' ' || c == '-') {
          boolean counts = digits > 0 && !separator; // one separator between two digits
          digits = counts ? digits : 0;
          separator = counts;
        } else {
          break;
        }
      }
      probe = i + CARD_DIGITS;
    }
    return false;
  }

  private static boolean digitOrSeparator(char c) {
    return c >= '0' && c <= '9' || c == ' ' || c == '-';
  }

  /** Bearer tokens hold a char other than a lower-case letter; Basic ones decode to {@code user:password}. */
  private static boolean credential(MatchResult match) {
    String token = match.group(3);
    if (match.group(1).equalsIgnoreCase("bearer")) {
      return token.length() >= 8 && HAS_NON_LOWER.matcher(token).find();
    }
    try {
      byte[] decoded = Base64.getDecoder().decode(token);
      return new String(decoded, StandardCharsets.ISO_8859_1).indexOf(':') > 0;
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  /** @return whether the digits of {@code candidate} pass the Luhn check */
  static boolean luhn(String candidate) {
    int sum = 0;
    boolean twice = false;
    for (int i = candidate.length() - 1; i >= 0; i--) {
      char c = candidate.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (twice) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
