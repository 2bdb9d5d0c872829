package dev.ferry.sandbox.stripe;

/** Deterministic hashing: every generated value is a pure function of (seed, type, index, salt). */
final class Hash {
  private Hash() {}

  static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long of(long seed, int type, long index, int salt) {
    return mix(mix(seed, type), mix(index, salt));
  }

  /** A uniform double in [0, 1). */
  static double unit(long seed, int type, long index, int salt) {
    return (of(seed, type, index, salt) >>> 11) * 0x1.0p-53;
  }

  /** A uniform int in [0, bound). */
  static int below(long seed, int type, long index, int salt, int bound) {
    return (int) Math.floorMod(of(seed, type, index, salt), (long) bound);
  }
}
