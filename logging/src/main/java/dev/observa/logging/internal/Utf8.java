package dev.observa.logging.internal;

/**
 * UTF-8 encoding of a {@link StringBuilder} into a caller-owned scratch array, so an encoded log line costs
 * one exact-size {@code byte[]} instead of a {@code String} plus its bytes. Lone surrogates (which the JSON
 * writer never leaves raw) become {@code ?}.
 */
public final class Utf8 {
  private Utf8() {}

  /**
   * @param chars the text
   * @param scratch a reusable array; a larger one is returned through {@code grown} when needed
   * @return the number of bytes written into {@code scratch[0]}
   */
  public static int encode(CharSequence chars, byte[][] scratch) {
    int length = chars.length();
    if (scratch[0].length < length * 3) {
      scratch[0] = new byte[Math.max(length * 3, 256)];
    }
    byte[] out = scratch[0];
    int n = 0;
    for (int i = 0; i < length; i++) {
      char c = chars.charAt(i);
      if (c < 0x80) {
        out[n++] = (byte) c;
      } else if (c < 0x800) {
        out[n++] = (byte) (0xc0 | (c >> 6));
        out[n++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(chars.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, chars.charAt(++i));
        out[n++] = (byte) (0xf0 | (cp >> 18));
        out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        out[n++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        out[n++] = '?';
      } else {
        out[n++] = (byte) (0xe0 | (c >> 12));
        out[n++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        out[n++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    return n;
  }
}
