package dev.ferry.accuracy;

import dev.ferry.errors.ExitCodes;
import dev.ferry.errors.FerryException;
import dev.ferry.relations.Reference;
import dev.ferry.relations.RelationModel;
import dev.ferry.words.Inflector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Relationship names scored against the association names an application's developers chose
 * ({@code names.tsv}: every {@code belongs_to} / {@code has_many} / {@code has_one} of its models),
 * by the rules of the corpus's {@code score_names.py}: a forward item is a non-polymorphic
 * {@code belongs_to} keyed on {@code id} whose column Ferry references; a back item is a
 * non-polymorphic {@code has_many} / {@code has_one} whose column Ferry references to the same
 * table. A name is exact when it equals one of the names declared for that key. Beside Ferry's, the
 * naive rule (column minus {@code _id}; the referencing table pluralized) is scored on the same items.
 */
public record NameScore(Side forward, Side back) {
  public static final NameScore ZERO = new NameScore(Side.ZERO, Side.ZERO);

  /** Items scored, Ferry's exact names, the naive rule's exact names, and Ferry's non-exact items. */
  public record Side(int scored, int exact, int naiveExact, List<String> misses) {
    static final Side ZERO = new Side(0, 0, 0, List.of());

    public double rate() {
      return scored == 0 ? 0 : (double) exact / scored;
    }

    public double naiveRate() {
      return scored == 0 ? 0 : (double) naiveExact / scored;
    }

    Side plus(Side other) {
      List<String> all = new ArrayList<>(misses);
      all.addAll(other.misses);
      return new Side(scored + other.scored, exact + other.exact, naiveExact + other.naiveExact, all);
    }
  }

  /** One declaration of names.tsv. */
  public record Declaration(String kind, String name, String fromTable, String column, String toTable, String toColumn, boolean polymorphic, String status) {}

  public NameScore plus(NameScore other) {
    return new NameScore(forward.plus(other.forward), back.plus(other.back));
  }

  /** The declarations of {@code folder/names.tsv}, or none when the corpus has no names list. */
  static List<Declaration> read(Path folder) throws IOException {
    Path file = folder.resolve("names.tsv");
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split("\t", -1));
    List<Declaration> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != header.size()) {
        throw new FerryException(ExitCodes.USAGE, file + ": a line has " + f.length + " fields, the header " + header.size());
      }
      java.util.function.Function<String, String> at = k -> f[header.indexOf(k)];
      out.add(new Declaration(at.apply("kind"), at.apply("name"), at.apply("from_table"), at.apply("fk_column"),
          at.apply("to_table"), at.apply("to_column"), at.apply("poly").equals("1"), at.apply("status")));
    }
    return out;
  }

  public static NameScore of(List<Declaration> declarations, RelationModel model) {
    Map<String, Set<String>> forwardNames = new LinkedHashMap<>();
    Map<String, Set<String>> backNames = new LinkedHashMap<>();
    for (Declaration d : declarations) {
      if (!d.status().equals("ok") || d.polymorphic() || !d.toColumn().equals("id")) {
        continue;
      }
      if (d.kind().equals("belongs_to")) {
        forwardNames.computeIfAbsent(d.fromTable() + "." + d.column(), k -> new LinkedHashSet<>()).add(d.name());
      } else if (d.kind().equals("has_many") || d.kind().equals("has_one")) {
        backNames.computeIfAbsent(d.fromTable() + "." + d.column() + " -> " + d.toTable(), k -> new LinkedHashSet<>()).add(d.name());
      }
    }
    Map<String, Reference> byColumn = new HashMap<>();
    for (Reference r : model.references()) {
      if (r.columns().size() == 1) {
        byColumn.putIfAbsent(r.from().name() + "." + r.columns().get(0), r);
      }
    }
    Map<String, Reference> byTarget = new HashMap<>();
    for (Reference r : model.references()) {
      if (r.columns().size() == 1) {
        byTarget.putIfAbsent(r.from().name() + "." + r.columns().get(0) + " -> " + r.to().name(), r);
      }
    }
    Side forward = Side.ZERO;
    for (var item : forwardNames.entrySet()) {
      Reference r = byColumn.get(item.getKey());
      if (r != null) {
        String column = item.getKey().substring(item.getKey().indexOf('.') + 1);
        forward = forward.plus(side(item.getKey(), item.getValue(), r.forward().words(), column.replaceFirst("_id$", "")));
      }
    }
    Side back = Side.ZERO;
    for (var item : backNames.entrySet()) {
      Reference r = byTarget.get(item.getKey());
      if (r != null) {
        back = back.plus(side(item.getKey(), item.getValue(), r.back().words(), Inflector.plural(Inflector.singular(r.from().name()))));
      }
    }
    return new NameScore(forward, back);
  }

  private static Side side(String key, Set<String> human, String ferry, String naive) {
    boolean exact = human.contains(ferry);
    return new Side(1, exact ? 1 : 0, human.contains(naive) ? 1 : 0,
        exact ? List.of() : List.of(key + ": developers " + String.join("|", human) + ", ferry " + ferry));
  }
}
