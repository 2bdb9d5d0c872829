package dev.ferry.relations.inference;

import dev.ferry.catalog.Column;
import dev.ferry.catalog.Table;
import dev.ferry.words.Words;
import dev.ferry.relations.Evidence;
import dev.ferry.relations.Name;
import dev.ferry.relations.Polymorphic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code <x>_type} text column next to an {@code <x>_id} column (Rails' {@code commentable_type}
 * + {@code commentable_id}, {@code source_type} + {@code source_id}; any spelling) is one
 * polymorphic reference, not a plain one. With samples, each distinct type value that names a
 * table ("Post", "Admin::Post", "blog_post") becomes a target; without, the target list is empty.
 * When {@code <x>} itself names a table and no type value names one ({@code payment_method_type}
 * = 'card' beside {@code payment_method_id}), the pair is a plain reference plus a kind column.
 */
final class PolymorphicRule implements InferenceRule {
  @Override
  public void apply(InferenceContext context) {
    for (InferenceContext.Candidate candidate : context.open()) {
      List<String> words = candidate.words();
      if (words.size() < 2 || !words.get(words.size() - 1).equals("type")
          || !"text".equals(KeyTypes.family(candidate.column().type()))) {
        continue;
      }
      List<String> role = words.subList(0, words.size() - 1);
      Table table = candidate.table();
      Optional<Column> idColumn = table.columns().stream()
          .filter(c -> !context.decided(table, c) && !c.type().isArray())
          .filter(c -> Words.split(c.name()).equals(append(role, "id")))
          .findFirst();
      if (idColumn.isEmpty()) {
        continue;
      }
      List<Polymorphic.Target> targets = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (String value : context.samples.values(candidate.ref())) {
        TableIndex.Match match = context.index.find(Words.snake(lastSegment(value)), table);
        if (match.unique()) {
          targets.add(new Polymorphic.Target(value, match.table().name()));
        } else {
          unknown.add(value);
        }
      }
      if (targets.isEmpty() && !NameLookup.exact(context, table, role).none()) {
        continue; // payment_method_type + payment_method_id: a kind column beside a plain reference
      }
      context.decide(table, candidate.column());
      context.decide(table, idColumn.get());
      String targetsFrom = switch (context.samples.outcome()) {
        case TAKEN -> "; targets from sampled type values";
        case TIMED_OUT -> "; " + Samples.STOPPED_AT_CAP + ", so its targets are unknown";
        case OFF -> "; run with --sample to list its targets";
      };
      String detail = "type column " + candidate.column().name() + " beside id column " + idColumn.get().name() + targetsFrom
          + (unknown.isEmpty() ? "" : "; no single table for " + String.join(", ", unknown));
      context.polymorphics.add(new Polymorphic(table.name(), candidate.column().name(), idColumn.get().name(),
          Name.of(Words.join(role), idColumn.get().name()), targets, Evidence.NAME, detail, unknown));
    }
  }

  private static List<String> append(List<String> words, String word) {
    List<String> all = new ArrayList<>(words);
    all.add(word);
    return all;
  }

  // Rails stores namespaced classes as "Admin::Post"
  private static String lastSegment(String value) {
    int colons = value.lastIndexOf("::");
    return colons < 0 ? value : value.substring(colons + 2);
  }
}
