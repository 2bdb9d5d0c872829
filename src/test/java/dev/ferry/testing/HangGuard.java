package dev.ferry.testing;

import java.time.Duration;

/**
 * How long a test waits for something that should end before it calls it a hang. Tests never time what
 * they prove (faults are driven by counts and events); this only stops a hung test from holding the
 * build, so it is far beyond any run seen on a loaded machine (the toolchain checks took 4 minutes for
 * one schema at load 40, when the old 3-minute limits failed them).
 */
public final class HangGuard {
  public static final Duration LIMIT = Duration.ofMinutes(20);

  private HangGuard() {}
}
