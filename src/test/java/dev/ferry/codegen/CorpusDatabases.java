package dev.ferry.codegen;

import dev.ferry.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The foundation's test corpus (src/test/resources/corpus/<name>/schema.sql) loaded as a synced database: rows, no FK constraints. */
public final class CorpusDatabases {
  /** A corpus schema and how Ferry reads it. */
  public record Corpus(String name, List<String> schemas, String tablePrefix) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static final List<Corpus> ALL = List.of(
      new Corpus("stripe", List.of("stripe"), ""),
      new Corpus("dvdrental", List.of("public"), ""),
      new Corpus("rails", List.of("public"), ""),
      new Corpus("prefixed", List.of("public"), "stripe_"),
      new Corpus("selfref", List.of("public"), ""),
      new Corpus("chinook", List.of("public"), ""));

  /** Corpus schemas ship with FK constraints so inference can be scored; synced databases have none. */
  public static final String DROP_FOREIGN_KEYS = """
      DO $$
      DECLARE statement text;
      BEGIN
        FOR statement IN
          SELECT format('ALTER TABLE %I.%I DROP CONSTRAINT %I', n.nspname, c.relname, k.conname)
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE k.contype = 'f'
        LOOP
          EXECUTE statement;
        END LOOP;
      END $$;
      """;

  private CorpusDatabases() {}

  /** A fresh database holding {@code corpus} with its rows and without foreign keys; returns its URL. */
  public static String load(Corpus corpus) {
    String url = TestPostgres.newDatabase("corpus_" + corpus.name());
    TestPostgres.execute(url, sql(corpus.name()));
    TestPostgres.execute(url, DROP_FOREIGN_KEYS);
    return url;
  }

  public static String sql(String name) {
    try (InputStream in = CorpusDatabases.class.getResourceAsStream("/corpus/" + name + "/schema.sql")) {
      if (in == null) {
        throw new IllegalStateException("missing corpus " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
