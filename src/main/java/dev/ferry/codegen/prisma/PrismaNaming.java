package dev.ferry.codegen.prisma;

import dev.ferry.codegen.GenerationRequest;
import dev.ferry.naming.NamedModel;

/** The Prisma names for a request: idiomatic by default, database names with {@code naming=database}. */
final class PrismaNaming {
  private PrismaNaming() {}

  static NamedModel localize(GenerationRequest request) {
    throw new UnsupportedOperationException("waiting for dev.ferry.naming.Naming.localize (branch naming)");
  }
}
