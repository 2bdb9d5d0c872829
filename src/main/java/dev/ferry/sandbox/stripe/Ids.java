package dev.ferry.sandbox.stripe;

/**
 * Stripe-looking ids that encode their object's index, so the sandbox needs no id → object map even
 * with a million objects. An id is {@code prefix + 3 account chars + 11 base62 chars}; the 11 chars are
 * an invertible scramble of the index, so consecutive objects get unrelated-looking ids.
 */
final class Ids {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
  private static final long INVERSE = inverse(MULTIPLIER);
  private static final int BODY = 11;

  private final String account;
  private final long salt;

  Ids(long seed) {
    this.salt = Hash.mix(seed, 0x5A17);
    StringBuilder sb = new StringBuilder();
    long bits = Hash.mix(seed, 0xACC7);
    for (int i = 0; i < 3; i++) {
      sb.append(ALPHABET.charAt((int) Long.remainderUnsigned(bits, 62)));
      bits = Long.divideUnsigned(bits, 62);
    }
    this.account = sb.toString();
  }

  String encode(String prefix, int typeSalt, long index) {
    long x = ((index ^ Hash.mix(salt, typeSalt)) * MULTIPLIER);
    char[] body = new char[BODY];
    long quotient = Long.divideUnsigned(x, 62);
    body[BODY - 1] = ALPHABET.charAt((int) (x - quotient * 62));
    x = quotient; // now non-negative, so plain division is enough
    for (int i = BODY - 2; i >= 0; i--) {
      body[i] = ALPHABET.charAt((int) (x % 62));
      x /= 62;
    }
    return prefix + account + new String(body);
  }

  /** The index encoded in {@code id}, or -1 when the id was not made by this sandbox for that prefix. */
  long decode(String prefix, int typeSalt, String id) {
    if (id == null || !id.startsWith(prefix) || id.length() != prefix.length() + 3 + BODY) {
      return -1;
    }
    if (!id.regionMatches(prefix.length(), account, 0, 3)) {
      return -1;
    }
    long x = 0;
    for (int i = prefix.length() + 3; i < id.length(); i++) {
      int digit = ALPHABET.indexOf(id.charAt(i));
      if (digit < 0) {
        return -1;
      }
      x = x * 62 + digit;
    }
    long index = (x * INVERSE) ^ Hash.mix(salt, typeSalt);
    return index >= 0 && encode(prefix, typeSalt, index).equals(id) ? index : -1;
  }

  private static long inverse(long odd) {
    long inv = odd;
    for (int i = 0; i < 6; i++) {
      inv *= 2 - odd * inv;
    }
    return inv;
  }
}
