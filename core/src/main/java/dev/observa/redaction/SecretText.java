package dev.observa.redaction;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets inside free text: {@code Bearer} and {@code Basic} credentials, JSON Web Tokens and
 * Luhn-valid payment card numbers, plus the patterns a user adds. A one-pass scan that allocates nothing
 * rules out most text before any regular expression runs. Immutable; thread-safe.
 */
final class SecretText {
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
  private static final Pattern AUTH = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)([A-Za-z0-9._~+/-]+=*)");
  private static final Pattern CARD = Pattern.compile("(?<![0-9])[2-6](?:[ -]?[0-9]){12,18}(?![0-9])");
  private static final Pattern HAS_NON_LOWER = Pattern.compile("[^a-z]");

  private final List<Pattern> patterns;

  SecretText(List<Pattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  String redact(String text, String replacement) {
    String out = text;
    if (mayHoldDefaultSecret(text)) {
      out = JWT.matcher(out).replaceAll(replacement);
      out = AUTH.matcher(out).replaceAll(m -> credential(m) ? m.group(1) + m.group(2) + replacement
          : Matcher.quoteReplacement(m.group()));
      out = CARD.matcher(out).replaceAll(m -> luhn(m.group()) ? replacement : m.group());
    }
    for (Pattern pattern : patterns) {
      out = pattern.matcher(out).replaceAll(Matcher.quoteReplacement(replacement));
    }
    return out.equals(text) ? text : out;
  }

  /** Allocation-free: a run of 13 digits (single spaces or dashes between), {@code eyJ}, bearer or basic. */
  static boolean mayHoldDefaultSecret(String text) {
    int digits = 0;
    boolean separator = false;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits >= 13) {
          return true;
        }
        separator = false;
        continue;
      }
      if ((c == ' ' || c == '-') && digits > 0 && !separator) {
        separator = true;
        continue;
      }
      digits = 0;
      separator = false;
      if (c == 'e' && text.startsWith("yJ", i + 1)
          || (c == 'b' || c == 'B') && (text.regionMatches(true, i, "bearer", 0, 6)
              || text.regionMatches(true, i, "basic", 0, 5))) {
        return true;
      }
    }
    return false;
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
