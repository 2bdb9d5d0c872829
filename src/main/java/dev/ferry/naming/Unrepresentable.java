package dev.ferry.naming;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.QualifiedName;
import dev.ferry.catalog.Table;
import dev.ferry.relations.RelationModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Database names a target's ORM cannot address however Ferry spells the identifier, since the ORM
 * reads or quotes the database name itself (renaming the identifier cannot help): targets leave
 * such a table or column out of their models with the reason in a comment, and {@code ferry
 * inspect} lists them. Each rule names the ORM code that fails (docs/naming.md).
 */
public final class Unrepresentable {
  /** One table or column a language's ORM cannot address, and why. */
  public record Limit(Language language, QualifiedName table, String column, String reason) {
    /** {@code quotes."a""b"} or {@code atoms.holder.nil}, as a report shows it. */
    public String what() {
      return column == null ? table.toString() : table + "." + column;
    }
  }

  /** Ecto.Schema reads a column as {@code field_sources[name] || name}: these atoms are no source. */
  private static final Set<String> ECTO_FALSY_SOURCES = Set.of("nil", "false");

  private Unrepresentable() {}

  /** Why {@code language}'s ORM cannot address the table, or empty. */
  public static Optional<String> table(Language language, QualifiedName table) {
    boolean quote = table.schema().contains("\"") || table.name().contains("\"");
    if (quote && language.id().equals("prisma")) {
      return Optional.of("Prisma Client does not escape a double quote inside a table name (its queries fail with a syntax error); the model is @@ignore'd");
    }
    if (quote && language.id().equals("ruby")) {
      return Optional.of("ActiveRecord's table-name parser cannot read a double quote inside a name (it would query another table); no model");
    }
    if (quote && language.id().equals("java")) {
      return Optional.of("Hibernate does not escape a double quote inside a quoted table name (it looks up another table); no entity");
    }
    if (language.id().equals("django") && djangoUnsafe(table.schema() + table.name())) {
      return Optional.of(DJANGO_REASON + "; no model");
    }
    return Optional.empty();
  }

  /**
   * Django's quote_name wraps a name in double quotes without escaping one inside, Django runs its
   * SQL with parameters, so a {@code %} in a name is read as a placeholder, and its PostgreSQL
   * compiler refuses a {@code $} in a name it quotes ("Dollar signs are not permitted in column aliases").
   */
  private static final String DJANGO_REASON =
      "Django cannot query a name holding a double quote, % or $ (it does not escape the quote, reads % as a parameter and refuses $)";

  private static boolean djangoUnsafe(String name) {
    return name.contains("\"") || name.contains("%") || name.contains("$");
  }

  /** Why {@code language}'s ORM cannot address the column, or empty. */
  public static Optional<String> column(Language language, String column) {
    if (column.contains("\"") && language.id().equals("java")) {
      return Optional.of("Hibernate does not escape a double quote inside a quoted column name (its queries fail with a syntax error); no entity");
    }
    if (column.contains("\"") && language.id().equals("prisma")) {
      return Optional.of("Prisma Client does not escape a double quote inside a column name (its queries fail with a syntax error); the model is @@ignore'd");
    }
    if (language.id().equals("django") && djangoUnsafe(column)) {
      return Optional.of(DJANGO_REASON + "; no model");
    }
    if (ECTO_FALSY_SOURCES.contains(column) && language.id().equals("elixir")) {
      return Optional.of("Ecto.Schema reads source: " + column + " as no source and would use the field's own name; left out of the schema");
    }
    return Optional.empty();
  }

  /** Why the whole table is out of {@code language}'s models: its own name, or for Prisma one of its columns. */
  public static Optional<String> model(Language language, Table table) {
    Optional<String> own = table(language, table.name());
    if (own.isPresent() || !(language.id().equals("prisma") || language.id().equals("java") || language.id().equals("django"))) {
      return own;
    }
    return table.columns().stream().map(c -> column(language, c.name()).map(reason -> "column " + c.name() + ": " + reason))
        .flatMap(Optional::stream).findFirst();
  }

  /** Every limit of the model's tables and columns in the ORM target languages, for reports. */
  public static List<Limit> of(RelationModel model) {
    List<Limit> limits = new ArrayList<>();
    for (Language language : List.of(Languages.PRISMA, Languages.RUBY, Languages.ELIXIR, Languages.JAVA, Languages.DJANGO)) {
      for (Table table : model.catalog().tables()) {
        Optional<String> own = table(language, table.name());
        own.ifPresent(reason -> limits.add(new Limit(language, table.name(), null, reason)));
        if (own.isPresent()) {
          continue;
        }
        for (Column column : table.columns()) {
          column(language, column.name()).ifPresent(reason -> limits.add(new Limit(language, table.name(), column.name(), reason)));
        }
      }
    }
    return limits;
  }
}
