package dev.ferry.codegen.prisma;

import dev.ferry.codegen.GenerationException;
import dev.ferry.codegen.GenerationRequest;
import dev.ferry.naming.Languages;
import dev.ferry.naming.NamedModel;
import dev.ferry.naming.Naming;

/** The Prisma names for a request: idiomatic by default, database names with {@code naming=database}. */
final class PrismaNaming {
  private PrismaNaming() {}

  static NamedModel localize(GenerationRequest request) {
    String style = request.option("naming", "idiomatic");
    return switch (style) {
      case "idiomatic" -> Naming.localize(request.model(), Languages.PRISMA);
      case "database" -> Naming.localize(request.model(), Languages.databaseNaming(Languages.PRISMA));
      default -> throw new GenerationException("naming must be idiomatic or database, not '" + style + "'");
    };
  }
}
