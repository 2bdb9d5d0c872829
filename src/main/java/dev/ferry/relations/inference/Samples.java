package dev.ferry.relations.inference;

import dev.ferry.catalog.QualifiedName;
import dev.ferry.relations.Sampling;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values sampled from the database ({@code --sample}): a bounded list of values per column, and for
 * columns named exactly like a table, whether every sampled value was found among that table's
 * keys. {@link #none()} when sampling is off and {@link #timedOut()} when it hit its time cap; rules
 * then fall back to names alone, and say why in their reasons.
 *
 * <p>An id prefix is the leading letters and the first underscore of a value ({@code cus_} in
 * {@code cus_NffrFeUfNV2Hib}); a table has a prefix when all its sampled keys share it.
 */
public final class Samples {
  private static final Pattern PREFIX = Pattern.compile("^([A-Za-z]{1,12}_)[\\p{L}\\p{N}]");
  private static final Samples NONE = new Samples(Sampling.OFF, Map.of(), Map.of());
  private static final Samples TIMED_OUT = new Samples(Sampling.TIMED_OUT, Map.of(), Map.of());

  /** For reasons that would have used values: {@code "...; sampling stopped at its time cap, so ..."}. */
  static final String STOPPED_AT_CAP = "sampling stopped at its time cap";

  private final Sampling outcome;
  private final Map<ColumnRef, List<String>> values;
  private final Map<ColumnRef, Boolean> foundInTarget;

  /** Values sampled (a column without values was empty or not sampled). */
  public Samples(Map<ColumnRef, List<String>> values, Map<ColumnRef, Boolean> foundInTarget) {
    this(Sampling.TAKEN, values, foundInTarget);
  }

  private Samples(Sampling outcome, Map<ColumnRef, List<String>> values, Map<ColumnRef, Boolean> foundInTarget) {
    this.outcome = outcome;
    Map<ColumnRef, List<String>> sorted = new TreeMap<>();
    values.forEach((k, v) -> sorted.put(k, List.copyOf(new TreeSet<>(v))));
    this.values = sorted;
    this.foundInTarget = new TreeMap<>(foundInTarget);
  }

  /** Sampling was not asked for. */
  public static Samples none() {
    return NONE;
  }

  /** Sampling was asked for, but its query hit the time cap before returning values. */
  public static Samples timedOut() {
    return TIMED_OUT;
  }

  public Sampling outcome() {
    return outcome;
  }

  /** True when values were sampled (even if some columns were empty). */
  public boolean taken() {
    return outcome == Sampling.TAKEN;
  }

  /** Distinct sampled values of a column, sorted; empty when not sampled or empty. */
  public List<String> values(ColumnRef column) {
    return values.getOrDefault(column, List.of());
  }

  /** For a column checked against a same-named table: true when every sampled value is one of its keys. */
  public Optional<Boolean> foundInTarget(ColumnRef column) {
    return Optional.ofNullable(foundInTarget.get(column));
  }

  static Optional<String> prefixOf(String value) {
    Matcher m = PREFIX.matcher(value);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The prefix every sampled value of the column shares, if any (values without one share none). */
  Optional<String> commonPrefix(ColumnRef column) {
    Set<String> prefixes = prefixes(column);
    return prefixes.size() == 1 && !values(column).isEmpty() && !prefixes.contains("") ? prefixes.stream().findFirst() : Optional.empty();
  }

  /** The prefixes of the column's values, or a set containing "" when some value has none. */
  Set<String> prefixes(ColumnRef column) {
    Set<String> prefixes = new TreeSet<>();
    for (String value : values(column)) {
      prefixes.add(prefixOf(value).orElse(""));
    }
    return prefixes;
  }

  /** Tables by the prefix all their sampled keys share; {@code keyColumns} names each table's key column. */
  Map<String, List<QualifiedName>> tablesByPrefix(Map<QualifiedName, String> keyColumns) {
    Map<String, List<QualifiedName>> byPrefix = new TreeMap<>();
    keyColumns.forEach((table, key) ->
        commonPrefix(new ColumnRef(table, key)).ifPresent(p ->
            byPrefix.computeIfAbsent(p, x -> new java.util.ArrayList<>()).add(table)));
    byPrefix.values().forEach(list -> list.sort(null));
    return byPrefix;
  }
}
