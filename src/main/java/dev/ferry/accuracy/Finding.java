package dev.ferry.accuracy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One reference as a corpus truth.tsv states it: {@code columns} of {@code schema.table} hold
 * {@code targetColumns} of {@code targetSchema.targetTable}; a polymorphic one names the tables its
 * rows may point at instead ({@code targetTable} is {@value #POLYMORPHIC}).
 */
public record Finding(
    String schema, String table, List<String> columns, String targetSchema, String targetTable, List<String> targetColumns,
    List<String> polymorphicTargets) {
  static final String POLYMORPHIC = "(polymorphic)";

  public Finding {
    columns = List.copyOf(columns);
    targetColumns = List.copyOf(targetColumns);
    polymorphicTargets = polymorphicTargets == null ? null : List.copyOf(polymorphicTargets);
  }

  static Finding reference(String schema, String table, List<String> columns, String targetSchema, String targetTable,
      List<String> targetColumns) {
    return new Finding(schema, table, columns, targetSchema, targetTable, targetColumns, null);
  }

  static Finding polymorphic(String schema, String table, String column, String targetSchema, List<String> targets) {
    return new Finding(schema, table, List.of(column), targetSchema, POLYMORPHIC, List.of(), targets);
  }

  public boolean isPolymorphic() {
    return polymorphicTargets != null;
  }

  /** The referencing side, columns as a set: what score.py matches rows by. */
  Source source() {
    return new Source(schema, table, Set.copyOf(columns));
  }

  record Source(String schema, String table, Set<String> columns) {}

  /** Reads one truth.tsv line (after the header); quotes around identifiers are dropped. */
  static Finding parse(String line) {
    String[] f = line.split("\t", -1);
    if (f.length < 6) {
      throw new IllegalArgumentException("expected at least 6 tab-separated fields: " + line);
    }
    List<String> columns = split(f[2], ",");
    if (unquote(f[4]).equals(POLYMORPHIC)) {
      return new Finding(unquote(f[0]), unquote(f[1]), columns, unquote(f[3]), POLYMORPHIC, List.of(), split(f[5], "\\|"));
    }
    return reference(unquote(f[0]), unquote(f[1]), columns, unquote(f[3]), unquote(f[4]), split(f[5], ","));
  }

  /** The row as truth.tsv writes it (evidence left empty). */
  public String tsv() {
    return String.join("\t", schema, table, String.join(",", columns), targetSchema, targetTable,
        isPolymorphic() ? String.join("|", polymorphicTargets) : String.join(",", targetColumns), "");
  }

  private static List<String> split(String field, String separator) {
    return Arrays.stream(field.split(separator)).map(Finding::unquote).toList();
  }

  private static String unquote(String s) {
    String t = s.strip();
    return t.length() > 1 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }
}
