package dev.ferry.cli.options;

import dev.ferry.db.Database;
import picocli.CommandLine.Option;

/** {@code --database-url}, defaulting to {@code DATABASE_URL}; mixed into every command that needs a database. */
public final class DatabaseOptions {
  @Option(
      names = "--database-url",
      paramLabel = "URL",
      defaultValue = "${env:DATABASE_URL}",
      description = "postgres://user:pass@host:port/db or jdbc:postgresql://... (default: $DATABASE_URL)")
  String url;

  /** The database to use; a clear usage error when neither the option nor DATABASE_URL is set. */
  public Database database() {
    return Database.of(url);
  }
}
