package dev.ferry.sandbox.stripe;

import java.util.ArrayList;
import java.util.List;

/** Random creates, updates and deletes with the events Stripe emits for them. */
final class Mutator {
  private final SandboxData data;
  private final long seed;

  Mutator(SandboxData data, long seed) {
    this.data = data;
    this.seed = seed;
  }

  List<String> run(int n) {
    return new ArrayList<>();
  }
}
