package dev.observa.metrics.internal;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A scrape rendered in memory, reused from scrape to scrape: the exposition's bytes, their gzip encoding
 * when asked, and the {@link Deflater} and {@link CRC32} that make it. Once warmed up to the size of the
 * answer, a scrape allocates nothing here. Not thread-safe: one scrape at a time holds it (see
 * {@link ScrapeBufferPool}).
 */
public final class ScrapeBuffer extends OutputStream {
  private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private byte[] plain = new byte[64 * 1024];
  private int plainLength;
  private byte[] gzipped = new byte[0];
  private int gzippedLength;
  private boolean zipped;
  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  private final CRC32 crc = new CRC32();

  /** Forgets the previous answer, keeping the memory. */
  public void reset() {
    plainLength = 0;
    gzippedLength = 0;
    zipped = false;
  }

  @Override
  public void write(int b) {
    if (plainLength == plain.length) {
      plain = Arrays.copyOf(plain, plain.length * 2);
    }
    plain[plainLength++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    if (plainLength + length > plain.length) {
      plain = Arrays.copyOf(plain, Math.max(plain.length * 2, plainLength + length));
    }
    System.arraycopy(bytes, offset, plain, plainLength, length);
    plainLength += length;
  }

  /** Encodes what was written as one gzip member (RFC 1952); {@link #array()} then returns the encoding. */
  public void gzip() {
    gzippedLength = 0;
    ensureGzipped(GZIP_HEADER.length + plainLength / 4 + 64);
    System.arraycopy(GZIP_HEADER, 0, gzipped, 0, GZIP_HEADER.length);
    gzippedLength = GZIP_HEADER.length;
    deflater.reset();
    deflater.setInput(plain, 0, plainLength);
    deflater.finish();
    while (!deflater.finished()) {
      ensureGzipped(8 * 1024);
      gzippedLength += deflater.deflate(gzipped, gzippedLength, gzipped.length - gzippedLength);
    }
    crc.reset();
    crc.update(plain, 0, plainLength);
    ensureGzipped(8);
    littleEndian((int) crc.getValue());
    littleEndian(plainLength);
    zipped = true;
  }

  private void ensureGzipped(int room) {
    if (gzippedLength + room > gzipped.length) {
      gzipped = Arrays.copyOf(gzipped, Math.max(gzipped.length * 2, gzippedLength + room));
    }
  }

  private void littleEndian(int value) {
    for (int i = 0; i < 4; i++) {
      gzipped[gzippedLength++] = (byte) (value >>> (8 * i));
    }
  }

  /** @return the answer's bytes (gzipped after {@link #gzip()}), valid up to {@link #length()} */
  public byte[] array() {
    return zipped ? gzipped : plain;
  }

  /** @return whether {@link #gzip()} encoded the answer since the last {@link #reset()} */
  public boolean gzipped() {
    return zipped;
  }

  /** @return the answer's length */
  public int length() {
    return zipped ? gzippedLength : plainLength;
  }

  /** @return the memory held, in bytes */
  long capacity() {
    return (long) plain.length + gzipped.length;
  }

  /** Frees the deflater's native memory; the buffer must not be used afterwards. */
  void release() {
    deflater.end();
  }
}
