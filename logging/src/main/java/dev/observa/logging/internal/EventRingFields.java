package dev.observa.logging.internal;

/**
 * The contended fields of {@link EventRing}, each group between 128 bytes of padding (two cache lines,
 * for the adjacent-line prefetcher): superclass fields are laid out before subclass fields, so the
 * padding classes keep the producers' tail and the consumer's head on lines of their own.
 */
@SuppressWarnings("unused") // the padding is never read
final class EventRingFields {
  private EventRingFields() {}

  abstract static class BeforeTail {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
  }

  /** Written by producers: the next slot to claim, and their copy of the head. */
  abstract static class Tail extends BeforeTail {
    volatile long tail;
    long cachedHead;
  }

  abstract static class BeforeHead extends Tail {
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
  }

  /** Published by the consumer every few takes: the slots before it are free. Read by producers. */
  abstract static class Head extends BeforeHead {
    volatile long head;
  }

  abstract static class BeforeNext extends Head {
    long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p2a, p2b, p2c, p2d, p2e, p2f;
  }

  /** The consumer's own cursor: the next slot to take, written on every take. */
  abstract static class Next extends BeforeNext {
    long next;
  }

  abstract static class AfterHead extends Next {
    long p30, p31, p32, p33, p34, p35, p36, p37, p38, p39, p3a, p3b, p3c, p3d, p3e, p3f;
  }
}
